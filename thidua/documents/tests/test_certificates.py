"""Certificates: every field where its layout says (± 1 mm, read back with pdfplumber), the QR code, the fonts,
the calibration sheet, numbered printing onto blanks and the printed list."""

from __future__ import annotations

import dataclasses
import datetime
import io
import json
from typing import Any

import pdfplumber
import pytest
import segno
from fontTools.ttLib import TTFont
from PIL import Image
from pypdf import PdfReader

from thidua.documents import certificates as cert
from thidua.documents.layout.metrics import FONT_DIR, FONT_FILES

PT_TO_MM = 25.4 / 72
TOLERANCE_MM = 1.0
URL = "https://thidua.example.gov.vn/xac-minh/Q7XK2M9PA4WZ"


def _award(**changes) -> cert.CertificateData:
    data = cert.CertificateData(
        awardee_name="Nguyễn Thị Hằng",
        awardee_detail="Chuyên viên Phòng Quản lý khoa học",
        reason=(
            "Đã có thành tích xuất sắc trong thực hiện nhiệm vụ khoa học và công nghệ năm 2021, "
            "góp phần vào sự nghiệp xây dựng và phát triển của tỉnh Yên Bái"
        ),
        decision_number="123/QĐ-SKHCN",
        decision_date=datetime.date(2021, 12, 28),
        issuer_head="GIÁM ĐỐC SỞ KHOA HỌC VÀ CÔNG NGHỆ",
        place="Yên Bái",
        signer_position="KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC",
        signer_name="Đặng Văn Ứng",
        verify_url=URL,
        serial="0015",
    )
    return dataclasses.replace(data, **changes)


def _chars(pdf: bytes, page_no: int = 0) -> tuple[list[dict], float, float]:
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        page = document.pages[page_no]
        return list(page.chars), float(page.width), float(page.height)


def _baseline_mm(char: dict, page_height_pt: float) -> float:
    return (page_height_pt - char["matrix"][5]) * PT_TO_MM


def assert_fields_at_their_places(
    pdf: bytes, layout: cert.CertificateLayout, data: cert.CertificateData, page=0
):
    """Each field's text is on its baselines, inside its box, aligned as the box says (all within ± 1 mm)."""
    chars, width_pt, height_pt = _chars(pdf, page)
    assert abs(width_pt * PT_TO_MM - layout.page_width_mm) < 0.5
    assert abs(height_pt * PT_TO_MM - layout.page_height_mm) < 0.5
    values = data.values()
    checked = 0
    for name in layout.fields:
        if not values[name].strip():
            continue
        box = layout.placed(name)
        size, lines = cert.fit_lines(values[name], box)
        for i, line in enumerate(lines):
            baseline = box.y_mm + i * box.line_pitch_mm(size)
            on_line = [
                c
                for c in chars
                if abs(_baseline_mm(c, height_pt) - baseline) <= TOLERANCE_MM
                and box.x_mm - TOLERANCE_MM <= c["x0"] * PT_TO_MM
                and c["x1"] * PT_TO_MM <= box.x_mm + box.width_mm + TOLERANCE_MM
            ]
            text = "".join(c["text"] for c in sorted(on_line, key=lambda c: c["x0"]))
            assert text.replace(" ", "") == line.replace(" ", ""), (name, i, text, line)
            left = min(c["x0"] for c in on_line) * PT_TO_MM
            right = max(c["x1"] for c in on_line) * PT_TO_MM
            if box.align == "left":
                assert abs(left - box.x_mm) <= TOLERANCE_MM, (name, left)
            elif box.align == "right":
                assert abs(right - (box.x_mm + box.width_mm)) <= TOLERANCE_MM, (name, right)
            else:
                assert abs((left + right) / 2 - (box.x_mm + box.width_mm / 2)) <= TOLERANCE_MM, (
                    name,
                    left,
                    right,
                )
            assert all(abs(c["size"] - size) < 0.05 for c in on_line), name
            checked += 1
    assert checked >= 5
    return chars


@pytest.mark.parametrize(
    "layout", [cert.DEFAULT_LAYOUT, cert.SAMPLE_BLANK_LAYOUT], ids=["print-ready", "blank"]
)
def test_fields_land_at_their_calibrated_places(layout):
    data = _award()
    pdf = cert.render_certificate(data, layout=layout)
    assert_fields_at_their_places(pdf, layout, data)
    # The check is sharp: the same page read against a layout 1.5 mm off, across or down, fails.
    for shift in ({"offset_x_mm": 1.5}, {"offset_y_mm": 1.5}):
        with pytest.raises(AssertionError):
            assert_fields_at_their_places(pdf, dataclasses.replace(layout, **shift), data)


def test_print_ready_certificate_carries_motto_title_name_reason_decision_and_signer():
    pdf = cert.render_certificate(_award())
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "GIÁM ĐỐC SỞ KHOA HỌC VÀ CÔNG NGHỆ",
        "GIẤY KHEN",
        "Nguyễn Thị Hằng",
        "Quyết định số 123/QĐ-SKHCN ngày 28/12/2021",
        "Yên Bái, ngày 28 tháng 12 năm 2021",
        "KT. GIÁM ĐỐC",
        "PHÓ GIÁM ĐỐC",
        "Đặng Văn Ứng",
        "Số: 0015",
    ):
        assert expected in text, expected


def test_calibration_offset_moves_every_field_and_the_qr():
    moved = dataclasses.replace(cert.SAMPLE_BLANK_LAYOUT, offset_x_mm=3.0, offset_y_mm=-2.5)
    data = _award()
    pdf = cert.render_certificate(data, layout=moved)
    chars = assert_fields_at_their_places(pdf, moved, data)
    # And not at the uncalibrated place: the name's first letter is 3 mm right of the box's edge.
    name_box = cert.SAMPLE_BLANK_LAYOUT.fields["awardee_name"]
    first = min((c for c in chars if c["text"] == "N"), key=lambda c: abs(c["x0"] * PT_TO_MM - name_box.x_mm))
    assert abs(first["x0"] * PT_TO_MM - (name_box.x_mm + 3.0)) <= 0.5
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        [image] = document.pages[0].images
    qr = cert.SAMPLE_BLANK_LAYOUT.qr
    assert qr is not None
    assert abs(image["x0"] * PT_TO_MM - (qr.x_mm + 3.0)) <= TOLERANCE_MM
    assert abs(image["top"] * PT_TO_MM - (qr.y_mm - 2.5)) <= TOLERANCE_MM


def _qr_image(pdf: bytes) -> Image.Image:
    [image] = PdfReader(io.BytesIO(pdf)).pages[0].images
    assert image.image is not None
    return image.image.convert("L")


def test_qr_code_is_at_its_box_and_is_the_symbol_of_the_url():
    layout = cert.DEFAULT_LAYOUT
    pdf = cert.render_certificate(_award(), layout=layout)
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        [image] = document.pages[0].images
    assert layout.qr is not None
    assert abs(image["x0"] * PT_TO_MM - layout.qr.x_mm) <= TOLERANCE_MM
    assert abs(image["top"] * PT_TO_MM - layout.qr.y_mm) <= TOLERANCE_MM
    assert abs(image["width"] * PT_TO_MM - layout.qr.size_mm) <= TOLERANCE_MM
    # One pixel per module: the embedded image is segno's matrix of the URL, quiet zone included.
    matrix = segno.make(URL, error="m", micro=False).matrix
    img = _qr_image(pdf)
    border = 4
    assert img.size == (len(matrix) + 2 * border, len(matrix) + 2 * border)
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            value = img.getpixel((x + border, y + border))
            assert isinstance(value, int)
            assert (value < 128) == bool(dark), (x, y)
    # A different URL gives a different symbol: the comparison above can fail.
    other = segno.make(URL + "X", error="m", micro=False).matrix
    assert other != matrix


def test_qr_code_decodes_to_the_verification_url():
    import zxingcpp

    img = _qr_image(cert.render_certificate(_award()))
    big = img.resize((img.width * 8, img.height * 8), Image.Resampling.NEAREST)
    [result] = zxingcpp.read_barcodes(big)
    assert result.text == URL


def test_no_qr_without_a_url():
    pdf = cert.render_certificate(_award(verify_url=None))
    assert len(PdfReader(io.BytesIO(pdf)).pages[0].images) == 0


def test_fonts_are_embedded_and_cover_vietnamese():
    pdf = cert.render_certificate(_award())
    reader = PdfReader(io.BytesIO(pdf))
    fonts: Any = reader.pages[0]["/Resources"]["/Font"]  # type: ignore[index]
    names = []
    for ref in fonts.values():
        font = ref.get_object()
        descriptor = (font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font)[
            "/FontDescriptor"
        ].get_object()
        assert "/FontFile2" in descriptor, font["/BaseFont"]  # TrueType program embedded
        names.append(str(font["/BaseFont"]))
    assert all(cert.FONT_FAMILY in name for name in names), names
    chars, _, _ = _chars(pdf)
    assert {c["fontname"].split("+", 1)[1] for c in chars} <= {n.split("+", 1)[1] for n in names}
    # Every letter of the text, diacritics included, is a glyph of the vendored font (no fallback, no .notdef).
    cmap = TTFont(FONT_DIR / FONT_FILES[False, False]).getBestCmap()
    text = "".join(c["text"] for c in chars)
    for letter in "ễịằếĐộạ":
        assert letter in text, letter
    assert all(ord(ch) in cmap for ch in text if not ch.isspace())


def test_long_text_shrinks_to_fit_and_too_long_text_is_refused():
    box = cert.DEFAULT_LAYOUT.fields["awardee_name"]
    long_name = "Tập thể Phòng Quản lý công nghệ và Thị trường khoa học công nghệ tỉnh Yên Bái"
    size, lines = cert.fit_lines(long_name, box)
    assert size < box.size_pt and len(lines) == 1
    data = _award(awardee_name=long_name)
    assert_fields_at_their_places(cert.render_certificate(data), cert.DEFAULT_LAYOUT, data)
    with pytest.raises(cert.LayoutError, match="không vừa"):
        cert.fit_lines(long_name * 3, box)
    # The reason wraps onto the box's lines.
    reason_box = cert.DEFAULT_LAYOUT.fields["reason"]
    size, lines = cert.fit_lines(_award().reason, reason_box)
    assert len(lines) == 2 and size == reason_box.size_pt


def test_layout_goes_to_json_and_back_and_bad_layouts_are_refused():
    layout = dataclasses.replace(cert.SAMPLE_BLANK_LAYOUT, offset_x_mm=1.5)
    text = layout.to_json()
    assert json.loads(text)["fields"]["awardee_name"]["x_mm"] == 60
    assert cert.CertificateLayout.from_json(text) == layout
    data = json.loads(text)
    data["fields"]["awardee_name"]["x_mm"] = 250  # 250 + 200 mm > 297 mm
    with pytest.raises(cert.LayoutError, match="ngoài khổ giấy"):
        cert.CertificateLayout.from_dict(data)
    data = json.loads(text)
    data["fields"]["chu_ky"] = data["fields"].pop("signer_name")
    with pytest.raises(cert.LayoutError, match="không được hỗ trợ"):
        cert.CertificateLayout.from_dict(data)
    data = json.loads(text)
    data["fields"]["reason"]["colour"] = "red"
    with pytest.raises(cert.LayoutError, match="Bố cục không hợp lệ"):
        cert.CertificateLayout.from_dict(data)
    with pytest.raises(cert.LayoutError, match="JSON"):
        cert.CertificateLayout.from_json("{")
    with pytest.raises(cert.LayoutError, match="QR"):
        dataclasses.replace(layout, qr=cert.QrBox(x_mm=290, y_mm=10, size_mm=25))


def test_calibration_sheet_has_the_grid_the_boxes_and_the_sample_text():
    layout = cert.SAMPLE_BLANK_LAYOUT
    data = _award()
    pdf = cert.render_calibration_sheet(layout, sample=data)
    assert_fields_at_their_places(pdf, layout, data)
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        page = document.pages[0]
        text = page.extract_text()
        edges = page.edges
    vertical = {round(e["x0"] * PT_TO_MM) for e in edges if e["orientation"] == "v" and e["height"] > 100}
    horizontal = {round(e["top"] * PT_TO_MM) for e in edges if e["orientation"] == "h" and e["width"] > 200}
    assert set(range(10, 290, 10)) <= vertical
    assert set(range(10, 210, 10)) <= horizontal
    for name in layout.fields:
        assert name in text, name
    # The baseline rule of each field is drawn where the field's baseline is.
    for name, box in layout.fields.items():
        assert any(
            e["orientation"] == "h"
            and abs(e["top"] * PT_TO_MM - box.y_mm) <= TOLERANCE_MM
            and abs(e["x0"] * PT_TO_MM - box.x_mm) <= TOLERANCE_MM
            and abs(e["width"] * PT_TO_MM - box.width_mm) <= TOLERANCE_MM
            for e in edges
        ), name


def test_print_on_blanks_numbers_the_certificates_and_lists_them():
    people = ["Nguyễn Thị Hằng", "Trần Văn Bình", "Lò Thị Mỷ"]
    run = cert.print_on_blanks(
        [_award(awardee_name=name, serial="") for name in people],
        layout=cert.SAMPLE_BLANK_LAYOUT,
        first_number=15,
    )
    assert [p.number for p in run.printed] == [15, 16, 17]
    assert [p.serial for p in run.printed] == ["0015", "0016", "0017"]
    assert run.numbers == range(15, 18)
    reader = PdfReader(io.BytesIO(run.pdf))
    assert len(reader.pages) == 3
    for i, (page, name) in enumerate(zip(reader.pages, people, strict=True)):
        text = page.extract_text()
        assert name in text and f"Số: {15 + i:04d}" in text
        # Blanks: the pre-printed parts are not printed again.
        assert "GIẤY KHEN" not in text and "Độc lập" not in text
    data = _award(awardee_name=people[1], serial="0016")
    assert_fields_at_their_places(run.pdf, cert.SAMPLE_BLANK_LAYOUT, data, page=1)

    listing = cert.render_print_list(
        run,
        issuer="SỞ KHOA HỌC VÀ CÔNG NGHỆ",
        printed_at=datetime.datetime(2021, 12, 30, 9, 5),
        printed_by="Văn thư",
    )
    with pdfplumber.open(io.BytesIO(listing)) as document:
        text = document.pages[0].extract_text()
        table = document.pages[0].extract_table()
    assert "DANH SÁCH GIẤY KHEN ĐÃ IN" in text
    assert "Số đã in: từ 0015 đến 0017 (3 tờ)" in text
    assert "09:05 30/12/2021" in text and "Phôi Giấy khen mẫu" in text
    assert table is not None and len(table) == 4
    assert [row[1] for row in table[1:]] == ["0015", "0016", "0017"]
    assert [(row[2] or "").replace("\n", " ") for row in table[1:]] == people
    with pytest.raises(cert.LayoutError):
        cert.print_on_blanks([_award()], layout=cert.SAMPLE_BLANK_LAYOUT, first_number=0)
    with pytest.raises(cert.LayoutError):
        cert.render_certificates([])
