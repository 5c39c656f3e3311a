"""Render an :class:`OfficialDocument` to PDF in the Decree 30/2020/NĐ-CP layout (HTML + CSS → WeasyPrint).

The HTML comes from ``templates/document.html`` with every piece of user text escaped; fonts are the vendored
Liberation Serif files loaded by ``file://`` URL, so the output does not depend on the server's fonts and no
network is touched (the URL fetcher refuses anything but local files).
"""

from __future__ import annotations

import base64
import html
import unicodedata
from functools import cache
from pathlib import Path
from string import Template

from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from .metrics import FONT_DIR, FONT_FILES
from .model import (
    MOTTO,
    NATIONAL_TITLE,
    RECIPIENTS_LABEL,
    SALUTATION,
    Block,
    Bullet,
    Content,
    Heading,
    Image,
    NumberedItem,
    OfficialDocument,
    PageBreak,
    Paragraph,
    Signature,
    Signatures,
    Table,
    runs_of,
)
from .page import TEXT_WIDTH_MM

__all__ = ["render_html", "render_pdf"]

TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"
# A private family name: only the vendored files answer to it, never a system font of the same name.
FONT_FAMILY = "LiberationSerif-Vendored"


@cache
def _template() -> Template:
    return Template((TEMPLATE_DIR / "document.html").read_text(encoding="utf-8"))


@cache
def _stylesheet_text() -> str:
    faces = []
    for (bold, italic), filename in FONT_FILES.items():
        faces.append(
            f'@font-face {{ font-family: "{FONT_FAMILY}"; src: url("{(FONT_DIR / filename).as_uri()}"); '
            f"font-weight: {'bold' if bold else 'normal'}; font-style: {'italic' if italic else 'normal'}; }}"
        )
    return "\n".join(faces) + "\n" + (TEMPLATE_DIR / "document.css").read_text(encoding="utf-8")


def _local_only_fetcher() -> URLFetcher:
    # A document never needs the network; refusing it also stops user text from making the server fetch URLs.
    # `data:` carries the pictures of image blocks inside the HTML itself (no fetch at all).
    return URLFetcher(allowed_protocols={"file", "data"}, fail_on_errors=True)


def render_pdf(doc: OfficialDocument) -> bytes:
    """The document as PDF bytes: A4, Decree 30 margins, Liberation Serif embedded, page numbers from page 2."""
    font_config = FontConfiguration()
    fetcher = _local_only_fetcher()
    base_url = TEMPLATE_DIR.as_uri() + "/"
    css = CSS(string=_stylesheet_text(), base_url=base_url, url_fetcher=fetcher, font_config=font_config)
    page = HTML(string=render_html(doc), base_url=base_url, url_fetcher=fetcher)
    return page.write_pdf(stylesheets=[css], font_config=font_config)


def render_html(doc: OfficialDocument) -> str:
    """The HTML the PDF is printed from (without the stylesheet), useful for previews in the browser."""
    values = {
        "title": _e(doc.title),
        "author": _e(doc.issuer),
        "issuer_parent": f'<p class="issuer-parent">{_e(doc.issuer_parent)}</p>' if doc.issuer_parent else "",
        "issuer": _e(doc.issuer),
        "national_title": NATIONAL_TITLE,
        "motto": MOTTO,
        "number_line": _e(doc.number_line),
        "dispatch_abstract": (
            f'<p class="dispatch-abstract">{_e(doc.dispatch_abstract)}</p>' if doc.dispatch_abstract else ""
        ),
        "place_date": _e(doc.place_date),
        "title_block": _title_block(doc),
        "addressees": _addressees(doc),
        "body": "\n".join(_block(block) for block in doc.body),
        "recipients": _recipients(doc),
        "signature": _signature(doc),
        "appendix": (
            '<div class="appendix">' + "\n".join(_block(block) for block in doc.appendix) + "</div>"
            if doc.appendix
            else ""
        ),
    }
    return _template().substitute(values)


def _e(text: str | None) -> str:
    return html.escape(unicodedata.normalize("NFC", text or ""))


def _inline(content: Content) -> str:
    parts = []
    for run in runs_of(content):
        text = _e(run.text)
        if run.italic:
            text = f"<em>{text}</em>"
        if run.bold:
            text = f"<strong>{text}</strong>"
        parts.append(text)
    return "".join(parts)


def _title_block(doc: OfficialDocument) -> str:
    if doc.is_dispatch:
        return ""
    out = [f'<p class="type-title">{_e(doc.doc_type_title)}</p>']
    if doc.abstract:
        out.append(
            '<div class="abstract-box"><div>'
            f'<p class="abstract">{_e(doc.abstract)}</p><div class="rule abstract-rule"></div>'
            "</div></div>"
        )
    return "\n".join(out)


def _addressees(doc: OfficialDocument) -> str:
    if not doc.addressees:
        return ""
    if len(doc.addressees) == 1:
        return f'<p class="salutation">{SALUTATION} {_e(doc.addressees[0])}</p>'
    lines = "".join(f"<p>- {_e(name)}</p>" for name in doc.addressees)
    return (
        f'<table class="salutation-list"><tr><td class="label">{SALUTATION}</td><td>{lines}</td></tr></table>'
    )


def _block(block: Block) -> str:
    match block:
        case Heading(level=level, text=text):
            return f'<p class="heading level-{level}">{_e(text)}</p>'
        case Paragraph(content=content, align=align, indent=indent):
            classes = " ".join(
                c for c in (align if align != "justify" else "", "" if indent else "no-indent") if c
            )
            attr = f' class="{classes}"' if classes else ""
            return f"<p{attr}>{_inline(content)}</p>"
        case NumberedItem(number=number, content=content):
            return f"<p>{_e(number)} {_inline(content)}</p>"
        case Bullet(content=content, marker=marker):
            return f"<p>{_e(marker)} {_inline(content)}</p>"
        case Table():
            return _table(block)
        case PageBreak():
            return '<div class="page-break"></div>'
        case Image():
            return _image(block)
        case Signatures():
            return _signatures(block)
        case _:
            raise TypeError(f"unknown block {block!r}")


def _image(block: Image) -> str:
    # Inline styles: the stylesheet is shared by every document and knows nothing of pictures.
    source = "data:image/png;base64," + base64.b64encode(block.data).decode("ascii")
    width = min(block.width_mm, TEXT_WIDTH_MM)
    caption = (
        f'<p class="no-indent" style="text-align: center; font-style: italic; font-size: 13pt">'
        f"{_e(block.caption)}</p>"
        if block.caption
        else ""
    )
    return (
        '<div class="image" style="break-inside: avoid; text-align: center; margin: 6pt 0">'
        f'<img src="{source}" alt="{_e(block.alt or block.caption)}" style="width: {width:.2f}mm">'
        f"{caption}</div>"
    )


def _signature_html(sig: Signature, style: str = "") -> str:
    attr = f' style="{style}"' if style else ""
    titles = "".join(f'<p class="title"{attr}>{_e(line)}</p>' for line in sig.title_lines)
    return f'{titles}<p class="name"{attr}>{_e(sig.name)}</p>'


# In the body, paragraphs are justified and indented; a signature block is neither.
_IN_BODY = "text-align: center; text-indent: 0"


def _signatures(block: Signatures) -> str:
    width = 100 / block.columns
    heading = (
        f'<p class="no-indent" style="text-align: center; font-weight: bold; margin-top: 12pt">'
        f"{_e(block.heading)}</p>"
        if block.heading
        else ""
    )
    rows = []
    for signatures in block.rows():
        cells = [
            f'<td class="signature" style="width: {width:.2f}%; vertical-align: top">{_signature_html(sig, _IN_BODY)}</td>'
            for sig in signatures
        ]
        cells += [f'<td style="width: {width:.2f}%"></td>'] * (block.columns - len(signatures))
        rows.append(f'<tr style="break-inside: avoid">{"".join(cells)}</tr>')
    return (
        f'{heading}<table class="signatures" style="width: 100%; table-layout: fixed; margin: 6pt 0">'
        f"{''.join(rows)}</table>"
    )


def _table(block: Table) -> str:
    cols = "".join(f'<col style="width: {fraction * 100:.2f}%">' for fraction in block.column_fractions())
    head = "".join(f"<th>{_e(text)}</th>" for text in block.header)
    rows = []
    for values in block.rows:
        cells = []
        for i, text in enumerate(values):
            align = block.column_align(i)
            cls = f' class="{align}"' if align != "left" else ""
            cells.append(f"<td{cls}>{_e(text)}</td>")
        rows.append(f"<tr>{''.join(cells)}</tr>")
    return (
        f'<table class="data"><colgroup>{cols}</colgroup><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _recipients(doc: OfficialDocument) -> str:
    if not doc.recipients:
        return ""
    lines = "".join(f'<p class="line">- {_e(line)}</p>' for line in doc.recipients)
    return f'<p class="recipients-label">{RECIPIENTS_LABEL}</p>{lines}'


def _signature(doc: OfficialDocument) -> str:
    return _signature_html(doc.signature)
