"""Certificates (Giấy khen): print-ready PDFs with a verification QR code, and printing onto pre-printed blanks.

Every piece of text sits at a position given in millimetres by a :class:`CertificateLayout`: ``x_mm`` is the left
edge of the field's box, ``y_mm`` the baseline of its first line (where the text sits on the blank's dotted
line), both from the top-left corner of the sheet. The layout is a plain dataclass that goes to and from JSON, so the
officer calibrates an office's blank once (on :func:`render_calibration_sheet`) and stores it.

Lines are broken here, with the vendored Liberation Serif metrics, not by the PDF engine: each line is placed on its
own baseline, a field that does not fit its width and line count is set smaller (down to ``min_size_pt``), and
what still does not fit is an error rather than text over the blank's artwork. WeasyPrint prints the page; the QR
code (segno) is embedded as a PNG with one pixel per module.

No domain model comes in: callers give :class:`CertificateData` per awardee.
"""

from __future__ import annotations

import base64
import dataclasses
import datetime
import html
import io
import json
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Literal

import segno
from django.utils.translation import gettext as _
from fontTools.ttLib import TTFont
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from .formatting import place_date_line, vn_date
from .layout.metrics import FONT_DIR, FONT_FILES, text_width_pt
from .layout.model import MOTTO, NATIONAL_TITLE

__all__ = [
    "DEFAULT_LAYOUT",
    "FIELD_NAMES",
    "SAMPLE_BLANK_LAYOUT",
    "CertificateData",
    "CertificateLayout",
    "FieldBox",
    "LayoutError",
    "PrintRun",
    "PrintedCertificate",
    "QrBox",
    "baseline_offset_pt",
    "fit_lines",
    "print_on_blanks",
    "qr_png",
    "render_calibration_sheet",
    "render_certificate",
    "render_certificates",
    "render_print_list",
]

MM_PER_PT = 25.4 / 72
FONT_FAMILY = "LiberationSerif-Certificates"

Align = Literal["left", "center", "right"]

# The fields a layout may place, and what fills them (CertificateData.values()).
FIELD_NAMES = (
    "national_title",
    "motto",
    "issuer_head",
    "grant",
    "form_title",
    "awardee_name",
    "awardee_detail",
    "reason",
    "decision",
    "serial",
    "place_date",
    "signer_position",
    "signer_name",
)


class LayoutError(ValueError):
    """A layout that cannot be used, or text that does not fit it (the message is for the officer)."""


@dataclass(frozen=True)
class FieldBox:
    """Where one field goes: box left edge and first baseline in mm from the sheet's top-left corner."""

    x_mm: float
    y_mm: float
    width_mm: float
    size_pt: float = 14.0
    bold: bool = False
    italic: bool = False
    align: Align = "center"
    max_lines: int = 1
    line_mm: float | None = None  # distance between baselines; default 1.2 × the font size
    min_size_pt: float | None = None  # smallest size when shrinking to fit; default 70 % of size_pt
    uppercase: bool = False

    def line_pitch_mm(self, size_pt: float) -> float:
        return self.line_mm if self.line_mm is not None else 1.2 * size_pt * MM_PER_PT


@dataclass(frozen=True)
class QrBox:
    x_mm: float
    y_mm: float  # top edge
    size_mm: float = 25.0


@dataclass(frozen=True)
class CertificateLayout:
    """A sheet and the fields on it. ``offset_*_mm`` shift everything (the printer's feed, found on the test sheet)."""

    name: str
    page_width_mm: float = 297.0
    page_height_mm: float = 210.0
    fields: dict[str, FieldBox] = field(default_factory=dict)
    qr: QrBox | None = None
    offset_x_mm: float = 0.0
    offset_y_mm: float = 0.0
    decorated: bool = False  # draw the border (print-ready on plain paper); False for pre-printed blanks

    def __post_init__(self) -> None:
        self.check()

    def check(self) -> None:
        if not (50 <= self.page_width_mm <= 600 and 50 <= self.page_height_mm <= 600):
            raise LayoutError(
                _("Khổ giấy không hợp lệ: {w} × {h} mm.").format(w=self.page_width_mm, h=self.page_height_mm)
            )
        for name, box in self.fields.items():
            if name not in FIELD_NAMES:
                raise LayoutError(_("Trường không được hỗ trợ: {name}.").format(name=name))
            if box.align not in ("left", "center", "right"):
                raise LayoutError(
                    _("Trường {name}: căn lề không hợp lệ ({align}).").format(name=name, align=box.align)
                )
            if not (4 <= box.size_pt <= 96) or box.max_lines < 1 or box.width_mm <= 0:
                raise LayoutError(
                    _("Trường {name}: cỡ chữ, độ rộng hoặc số dòng không hợp lệ.").format(name=name)
                )
            if not (
                box.x_mm >= 0
                and box.x_mm + box.width_mm <= self.page_width_mm
                and 0 < box.y_mm <= self.page_height_mm
            ):
                raise LayoutError(_("Trường {name} nằm ngoài khổ giấy.").format(name=name))
        if self.qr is not None and not (
            self.qr.x_mm >= 0
            and self.qr.x_mm + self.qr.size_mm <= self.page_width_mm
            and self.qr.y_mm >= 0
            and self.qr.y_mm + self.qr.size_mm <= self.page_height_mm
            and self.qr.size_mm >= 10
        ):
            raise LayoutError(_("Mã QR nằm ngoài khổ giấy hoặc nhỏ hơn 10 mm."))

    # -- JSON ---------------------------------------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2, sort_keys=True)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CertificateLayout:
        try:
            data = dict(data)
            fields = {name: FieldBox(**box) for name, box in data.pop("fields", {}).items()}
            qr = QrBox(**data["qr"]) if data.get("qr") else None
            data.pop("qr", None)
            return cls(fields=fields, qr=qr, **data)
        except TypeError as exc:
            raise LayoutError(_("Bố cục không hợp lệ: {error}").format(error=exc)) from exc

    @classmethod
    def from_json(cls, text: str) -> CertificateLayout:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise LayoutError(_("Bố cục không phải JSON hợp lệ: {error}").format(error=exc)) from exc
        if not isinstance(data, dict):
            raise LayoutError(_("Bố cục không hợp lệ: {error}").format(error=type(data).__name__))
        return cls.from_dict(data)

    def placed(self, name: str) -> FieldBox:
        """The field's box with the sheet's offset applied (where it is printed)."""
        box = self.fields[name]
        return dataclasses.replace(box, x_mm=box.x_mm + self.offset_x_mm, y_mm=box.y_mm + self.offset_y_mm)

    def placed_qr(self) -> QrBox | None:
        if self.qr is None:
            return None
        return dataclasses.replace(
            self.qr, x_mm=self.qr.x_mm + self.offset_x_mm, y_mm=self.qr.y_mm + self.offset_y_mm
        )


@dataclass(frozen=True)
class CertificateData:
    """What one certificate says. ``verify_url`` goes into the QR code (nothing private in it)."""

    awardee_name: str
    reason: str
    decision_number: str  # "123/QĐ-SKHCN"
    decision_date: datetime.date
    issuer_head: str  # who awards, in capitals: "GIÁM ĐỐC SỞ KHOA HỌC VÀ CÔNG NGHỆ"
    place: str  # for the place-and-date line
    signer_position: str  # "GIÁM ĐỐC", or "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC"
    signer_name: str
    verify_url: str | None = None
    form_title: str = "GIẤY KHEN"
    awardee_detail: str = ""  # position and unit, or the collective's parent
    signed_on: datetime.date | None = None  # the date on the certificate; default the decision's
    serial: str = ""  # the number in the certificate book, set by print_on_blanks

    def values(self) -> dict[str, str]:
        return {
            "national_title": NATIONAL_TITLE,
            "motto": MOTTO,
            "issuer_head": self.issuer_head,
            "grant": _("TẶNG"),
            "form_title": self.form_title,
            "awardee_name": self.awardee_name,
            "awardee_detail": self.awardee_detail,
            "reason": self.reason,
            "decision": _("Quyết định số {number} ngày {date}").format(
                number=self.decision_number, date=vn_date(self.decision_date)
            ),
            "serial": _("Số: {serial}").format(serial=self.serial) if self.serial else "",
            "place_date": place_date_line(self.place, self.signed_on or self.decision_date),
            "signer_position": self.signer_position,
            "signer_name": self.signer_name,
        }


def _centred(y_mm: float, size_pt: float, **options: Any) -> FieldBox:
    """A line centred across the A4 landscape sheet, inside the border."""
    return FieldBox(x_mm=20.0, y_mm=y_mm, width_mm=257.0, size_pt=size_pt, align="center", **options)


# Print-ready on plain A4 landscape: everything is printed, inside a double border.
DEFAULT_LAYOUT = CertificateLayout(
    name="Giấy khen A4 ngang (in trên giấy trắng)",
    decorated=True,
    fields={
        "national_title": _centred(30, 14, bold=True),
        "motto": _centred(37, 14, bold=True),
        "issuer_head": _centred(54, 15, bold=True, max_lines=2),
        "grant": _centred(68, 14, bold=True),
        "form_title": _centred(86, 36, bold=True),
        "awardee_name": _centred(103, 22, bold=True),
        "awardee_detail": _centred(112, 14, italic=True),
        "reason": FieldBox(x_mm=35, y_mm=124, width_mm=227, size_pt=15, max_lines=3, line_mm=7.5),
        "decision": FieldBox(x_mm=52, y_mm=176, width_mm=95, size_pt=12, italic=True, align="left"),
        "serial": FieldBox(x_mm=52, y_mm=182, width_mm=95, size_pt=12, align="left"),
        "place_date": FieldBox(x_mm=160, y_mm=148, width_mm=117, size_pt=14, italic=True),
        "signer_position": FieldBox(x_mm=160, y_mm=156, width_mm=117, size_pt=14, bold=True, max_lines=2),
        "signer_name": FieldBox(x_mm=160, y_mm=190, width_mm=117, size_pt=14, bold=True),
    },
    qr=QrBox(x_mm=20, y_mm=162, size_mm=28),
)

# An example of an office's pre-printed blank (the motto, title and border are on the paper): only what varies.
SAMPLE_BLANK_LAYOUT = CertificateLayout(
    name="Phôi Giấy khen mẫu (A4 ngang)",
    fields={
        "issuer_head": FieldBox(x_mm=40, y_mm=58, width_mm=217, size_pt=15, bold=True),
        "awardee_name": FieldBox(x_mm=60, y_mm=105, width_mm=200, size_pt=20, bold=True, align="left"),
        "awardee_detail": FieldBox(x_mm=60, y_mm=114, width_mm=200, size_pt=14, italic=True, align="left"),
        "reason": FieldBox(x_mm=40, y_mm=125, width_mm=217, size_pt=14, max_lines=3, line_mm=7.5),
        "decision": FieldBox(x_mm=50, y_mm=178, width_mm=95, size_pt=12, italic=True, align="left"),
        "serial": FieldBox(x_mm=50, y_mm=184, width_mm=95, size_pt=12, align="left"),
        "place_date": FieldBox(x_mm=160, y_mm=150, width_mm=117, size_pt=14, italic=True),
        "signer_name": FieldBox(x_mm=160, y_mm=190, width_mm=117, size_pt=14, bold=True),
    },
    qr=QrBox(x_mm=20, y_mm=165, size_mm=25),
)


# -- text placement ----------------------------------------------------------------------------------------------


@cache
def _vertical_metrics(bold: bool, italic: bool) -> tuple[float, float]:
    font = TTFont(FONT_DIR / FONT_FILES[bold, italic], lazy=True)
    units = font["head"].unitsPerEm
    hhea = font["hhea"]
    return hhea.ascent / units, -hhea.descent / units


def baseline_offset_pt(size_pt: float, *, bold: bool = False, italic: bool = False) -> float:
    """Distance from the top of a line box of height ``size_pt`` to its baseline (CSS half-leading model)."""
    ascent, descent = _vertical_metrics(bold, italic)
    return size_pt * (1 + ascent - descent) / 2


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _wrap(text: str, width_pt: float, size: float, bold: bool, italic: bool) -> list[str]:
    lines: list[str] = []
    for paragraph in text.split("\n"):
        current = ""
        for word in paragraph.split():
            candidate = f"{current} {word}" if current else word
            if current and text_width_pt(candidate, size, bold=bold, italic=italic) > width_pt:
                lines.append(current)
                current = word
            else:
                current = candidate
        lines.append(current)
    return lines


def fit_lines(text: str, box: FieldBox) -> tuple[float, list[str]]:
    """The font size and the lines ``text`` takes in ``box``: the box's size if it fits, else the largest size
    (in 0.5 pt steps, not below ``min_size_pt``) at which it does. Raises :class:`LayoutError` if none does."""
    text = _nfc(text.upper() if box.uppercase else text)
    width_pt = box.width_mm / MM_PER_PT
    smallest = box.min_size_pt if box.min_size_pt is not None else round(box.size_pt * 0.7 * 2) / 2
    size = box.size_pt
    while size >= smallest:
        lines = _wrap(text, width_pt, size, box.bold, box.italic)
        widest = max(
            (text_width_pt(line, size, bold=box.bold, italic=box.italic) for line in lines), default=0
        )
        if len(lines) <= box.max_lines and widest <= width_pt:
            return size, lines
        size -= 0.5
    raise LayoutError(
        _("Nội dung không vừa ô {width} mm × {lines} dòng: “{text}”.").format(
            width=box.width_mm, lines=box.max_lines, text=text
        )
    )


def _text_html(box: FieldBox, lines: list[str], size: float) -> str:
    offset_mm = baseline_offset_pt(size, bold=box.bold, italic=box.italic) * MM_PER_PT
    pitch = box.line_pitch_mm(size)
    style = f"font-size:{size}pt;line-height:{size}pt;text-align:{box.align};"
    style += "font-weight:bold;" if box.bold else ""
    style += "font-style:italic;" if box.italic else ""
    out = []
    for i, line in enumerate(lines):
        top = box.y_mm + i * pitch - offset_mm
        out.append(
            f'<div class="f" style="left:{box.x_mm:.3f}mm;top:{top:.3f}mm;width:{box.width_mm:.3f}mm;{style}">'
            f"{html.escape(line)}</div>"
        )
    return "".join(out)


def qr_png(url: str) -> bytes:
    """The QR code of ``url`` as a PNG with one pixel per module and the standard 4-module quiet zone."""
    buffer = io.BytesIO()
    segno.make(url, error="m", micro=False).save(buffer, kind="png", scale=1, border=4)
    return buffer.getvalue()


def _qr_html(qr: QrBox, url: str) -> str:
    data = base64.b64encode(qr_png(url)).decode("ascii")
    return (
        f'<img class="qr" alt="QR" src="data:image/png;base64,{data}" '
        f'style="left:{qr.x_mm:.3f}mm;top:{qr.y_mm:.3f}mm;width:{qr.size_mm:.3f}mm;height:{qr.size_mm:.3f}mm">'
    )


@cache
def _font_faces() -> str:
    faces = []
    for (bold, italic), filename in FONT_FILES.items():
        faces.append(
            f'@font-face {{ font-family: "{FONT_FAMILY}"; src: url("{(FONT_DIR / filename).as_uri()}"); '
            f"font-weight: {'bold' if bold else 'normal'}; font-style: {'italic' if italic else 'normal'}; }}"
        )
    return "\n".join(faces)


_BASE_CSS = """
html { font-family: "%(family)s"; color: #000; }
body { margin: 0; }
.sheet { position: relative; width: %(w)smm; height: %(h)smm; page-break-after: always; overflow: hidden; }
.sheet:last-child { page-break-after: auto; }
.f { position: absolute; white-space: pre; margin: 0; padding: 0; }
.qr { position: absolute; image-rendering: pixelated; }
.border-outer { position: absolute; left: 8mm; top: 8mm; right: 8mm; bottom: 8mm; border: 1.5pt solid #8b0000; }
.border-inner { position: absolute; left: 11mm; top: 11mm; right: 11mm; bottom: 11mm; border: 0.6pt solid #8b0000; }
.grid-v { position: absolute; top: 0; height: 100%%; width: 0; border-left: 0.2pt solid #9ab; }
.grid-h { position: absolute; left: 0; width: 100%%; height: 0; border-top: 0.2pt solid #9ab; }
.grid-v.major, .grid-h.major { border-color: #357; border-width: 0.5pt; }
.grid-label { position: absolute; font-size: 6pt; line-height: 6pt; color: #357; white-space: pre; }
.box { position: absolute; border: 0.5pt dashed #c00; }
.base { position: absolute; height: 0; border-top: 0.5pt solid #c00; }
.box-label { position: absolute; font-size: 7pt; line-height: 7pt; color: #c00; white-space: pre; }
.qr-box { position: absolute; border: 0.5pt dashed #060; }
"""


def _fetcher() -> URLFetcher:
    # Only the vendored fonts (file:) and the QR images (data:) are ever loaded.
    return URLFetcher(allowed_protocols={"file", "data"}, fail_on_errors=True)


def _pdf(sheets: Iterable[str], *, width_mm: float, height_mm: float, title: str) -> bytes:
    font_config = FontConfiguration()
    fetcher = _fetcher()
    css_text = _font_faces() + f"\n@page {{ size: {width_mm}mm {height_mm}mm; margin: 0; }}\n"
    css_text += _BASE_CSS % {"family": FONT_FAMILY, "w": width_mm, "h": height_mm}
    css = CSS(string=css_text, url_fetcher=fetcher, font_config=font_config)
    body = "".join(f'<div class="sheet">{sheet}</div>' for sheet in sheets)
    document = f'<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{html.escape(title)}</title></head>'
    document += f"<body>{body}</body></html>"
    return HTML(string=document, url_fetcher=fetcher).write_pdf(stylesheets=[css], font_config=font_config)


def _sheet(data: CertificateData, layout: CertificateLayout) -> str:
    values = data.values()
    parts = []
    if layout.decorated:
        parts.append('<div class="border-outer"></div><div class="border-inner"></div>')
    for name in layout.fields:
        text = values.get(name, "")
        if not text.strip():
            continue
        box = layout.placed(name)
        size, lines = fit_lines(text, box)
        parts.append(_text_html(box, lines, size))
    qr = layout.placed_qr()
    if qr is not None and data.verify_url:
        parts.append(_qr_html(qr, data.verify_url))
    return "".join(parts)


def render_certificates(
    items: Sequence[CertificateData], *, layout: CertificateLayout = DEFAULT_LAYOUT
) -> bytes:
    """One page per certificate, in order (print-ready with :data:`DEFAULT_LAYOUT`, or on a blank's layout)."""
    if not items:
        raise LayoutError(_("Không có giấy khen nào để in."))
    sheets = [_sheet(item, layout) for item in items]
    return _pdf(
        sheets, width_mm=layout.page_width_mm, height_mm=layout.page_height_mm, title=items[0].form_title
    )


def render_certificate(data: CertificateData, *, layout: CertificateLayout = DEFAULT_LAYOUT) -> bytes:
    return render_certificates([data], layout=layout)


# -- calibration and printing on blanks ------------------------------------------------------------------------


def render_calibration_sheet(layout: CertificateLayout, *, sample: CertificateData | None = None) -> bytes:
    """A test sheet to print on a blank (or on plain paper held against one): a millimetre grid (a line every 5 mm,
    labelled every 10 mm), each field's box (dashed) with its baseline (solid) and name, the QR's square, and, with
    ``sample``, the sample text where it would print. The offsets of the layout apply, as when printing."""
    w, h = layout.page_width_mm, layout.page_height_mm
    parts = []
    for x in range(0, int(w) + 1, 5):
        major = " major" if x % 10 == 0 else ""
        parts.append(f'<div class="grid-v{major}" style="left:{x}mm"></div>')
        if x % 10 == 0 and 0 < x < w:
            parts.append(f'<div class="grid-label" style="left:{x + 0.5}mm;top:1mm">{x}</div>')
    for y in range(0, int(h) + 1, 5):
        major = " major" if y % 10 == 0 else ""
        parts.append(f'<div class="grid-h{major}" style="top:{y}mm"></div>')
        if y % 10 == 0 and 0 < y < h:
            parts.append(f'<div class="grid-label" style="left:1mm;top:{y + 0.5}mm">{y}</div>')
    values = sample.values() if sample is not None else {}
    for name in layout.fields:
        box = layout.placed(name)
        pitch = box.line_pitch_mm(box.size_pt)
        ascent_mm = box.size_pt * MM_PER_PT * _vertical_metrics(box.bold, box.italic)[0]
        descent_mm = box.size_pt * MM_PER_PT * _vertical_metrics(box.bold, box.italic)[1]
        top = box.y_mm - ascent_mm
        height = ascent_mm + descent_mm + (box.max_lines - 1) * pitch
        parts.append(
            f'<div class="box" style="left:{box.x_mm:.3f}mm;top:{top:.3f}mm;'
            f'width:{box.width_mm:.3f}mm;height:{height:.3f}mm"></div>'
        )
        for i in range(box.max_lines):
            parts.append(
                f'<div class="base" style="left:{box.x_mm:.3f}mm;top:{box.y_mm + i * pitch:.3f}mm;'
                f'width:{box.width_mm:.3f}mm"></div>'
            )
        label = f"{name} ({box.x_mm:g}; {box.y_mm:g}) {box.size_pt:g}pt"
        parts.append(
            f'<div class="box-label" style="left:{box.x_mm:.3f}mm;top:{top - 3:.3f}mm">{html.escape(label)}</div>'
        )
        if values.get(name, "").strip():
            size, lines = fit_lines(values[name], box)
            parts.append(_text_html(box, lines, size))
    qr = layout.placed_qr()
    if qr is not None:
        parts.append(
            f'<div class="qr-box" style="left:{qr.x_mm:.3f}mm;top:{qr.y_mm:.3f}mm;'
            f'width:{qr.size_mm:.3f}mm;height:{qr.size_mm:.3f}mm"></div>'
        )
        parts.append(
            f'<div class="box-label" style="left:{qr.x_mm:.3f}mm;top:{qr.y_mm - 3:.3f}mm">'
            f"QR ({qr.x_mm:g}; {qr.y_mm:g}) {qr.size_mm:g} mm</div>"
        )
        if sample is not None and sample.verify_url:
            parts.append(_qr_html(qr, sample.verify_url))
    title = _("Trang in thử: {name}").format(name=layout.name)
    return _pdf(["".join(parts)], width_mm=w, height_mm=h, title=title)


@dataclass(frozen=True)
class PrintedCertificate:
    """One line of the printed list."""

    number: int
    serial: str
    awardee_name: str
    form_title: str
    decision: str
    verify_url: str | None


@dataclass(frozen=True)
class PrintRun:
    """Certificates printed on blanks in one go: the PDF to send to the printer and what it contains."""

    layout_name: str
    pdf: bytes = field(repr=False)
    printed: tuple[PrintedCertificate, ...]

    @property
    def numbers(self) -> range:
        return range(self.printed[0].number, self.printed[-1].number + 1)


def print_on_blanks(
    items: Sequence[CertificateData],
    *,
    layout: CertificateLayout,
    first_number: int,
    serial_format: str = "{number:04d}",
) -> PrintRun:
    """Number the certificates consecutively from ``first_number`` (the serial goes in the ``serial`` field, as in
    the certificate book) and print them on the blank's layout. The caller stores the run and its numbers."""
    if first_number < 1:
        raise LayoutError(_("Số thứ tự giấy khen bắt đầu từ 1."))
    numbered = [
        dataclasses.replace(item, serial=serial_format.format(number=first_number + i))
        for i, item in enumerate(items)
    ]
    pdf = render_certificates(numbered, layout=layout)
    printed = tuple(
        PrintedCertificate(
            number=first_number + i,
            serial=item.serial,
            awardee_name=item.awardee_name,
            form_title=item.form_title,
            decision=item.values()["decision"],
            verify_url=item.verify_url,
        )
        for i, item in enumerate(numbered)
    )
    return PrintRun(layout_name=layout.name, pdf=pdf, printed=printed)


_LIST_CSS = """
@page { size: A4 portrait; margin: 20mm 15mm 20mm 30mm; @bottom-center { content: counter(page); font-size: 11pt; } }
html { font-family: "%(family)s"; font-size: 13pt; line-height: 1.2; }
h1 { font-size: 14pt; text-align: center; margin: 0 0 2mm; }
p { margin: 0 0 2mm; }
table { width: 100%%; border-collapse: collapse; margin-top: 4mm; }
th, td { border: 0.5pt solid #000; padding: 1mm 1.5mm; vertical-align: top; font-size: 12pt; }
th { font-weight: bold; text-align: center; }
td.n { text-align: center; white-space: nowrap; }
col.stt { width: 10mm; } col.serial { width: 22mm; } col.name { width: 50mm; } col.form { width: 32mm; }
"""


def render_print_list(
    run: PrintRun, *, issuer: str, printed_at: datetime.datetime, printed_by: str = ""
) -> bytes:
    """The list of what was printed (A4): the blank's layout, when, by whom, and one row per certificate."""
    rows = "".join(
        f'<tr><td class="n">{i}</td><td class="n">{html.escape(p.serial)}</td><td>{html.escape(p.awardee_name)}</td>'
        f"<td>{html.escape(p.form_title)}</td><td>{html.escape(p.decision)}</td></tr>"
        for i, p in enumerate(run.printed, start=1)
    )
    head = "".join(
        f"<th>{html.escape(label)}</th>"
        for label in (_("STT"), _("Số giấy khen"), _("Họ và tên / Tập thể"), _("Hình thức"), _("Quyết định"))
    )
    meta = [
        _("Mẫu phôi: {name}").format(name=run.layout_name),
        _("Thời gian in: {when}").format(when=printed_at.strftime("%H:%M %d/%m/%Y")),
        _("Số đã in: từ {first} đến {last} ({count} tờ)").format(
            first=run.printed[0].serial, last=run.printed[-1].serial, count=len(run.printed)
        ),
    ]
    if printed_by:
        meta.append(_("Người in: {name}").format(name=printed_by))
    body = f"<p><b>{html.escape(_nfc(issuer))}</b></p><h1>{html.escape(_('DANH SÁCH GIẤY KHEN ĐÃ IN'))}</h1>"
    body += "".join(f"<p>{html.escape(line)}</p>" for line in meta)
    cols = (
        '<colgroup><col class="stt"><col class="serial"><col class="name"><col class="form"><col></colgroup>'
    )
    body += f"<table>{cols}<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
    font_config = FontConfiguration()
    fetcher = _fetcher()
    css = CSS(
        string=_font_faces() + _LIST_CSS % {"family": FONT_FAMILY},
        url_fetcher=fetcher,
        font_config=font_config,
    )
    document = (
        f'<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"></head><body>{_nfc(body)}</body></html>'
    )
    return HTML(string=document, url_fetcher=fetcher).write_pdf(stylesheets=[css], font_config=font_config)
