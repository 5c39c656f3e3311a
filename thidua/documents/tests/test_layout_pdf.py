"""The PDF renderer, checked by opening the generated file with pypdf and pdfplumber."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import Any

import pdfplumber
import pytest
from fontTools.ttLib import TTFont
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from thidua.documents.layout import OfficialDocument, Paragraph, Signature, render_html, render_pdf
from thidua.documents.layout.samples import SEED_THEME, seed_letter_document

PT_PER_MM = 72 / 25.4
TOP_MARGIN_PT = 20 * PT_PER_MM
# The content area runs from the 30 mm left margin to the 15 mm right margin.
CONTENT_CENTRE_PT = (30 + (210 - 15)) / 2 * PT_PER_MM


@pytest.fixture(scope="module")
def seed_pdf() -> bytes:
    return render_pdf(seed_letter_document())


@pytest.fixture(scope="module")
def pages(seed_pdf: bytes) -> Iterator[list[pdfplumber.page.Page]]:
    with pdfplumber.open(io.BytesIO(seed_pdf)) as pdf:
        yield list(pdf.pages)


def normalised(text: str) -> str:
    return " ".join(text.split())


def full_text(pages: list[pdfplumber.page.Page]) -> str:
    return normalised(" ".join(page.extract_text() for page in pages))


def test_seed_pdf_is_a4_and_several_pages(seed_pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(seed_pdf))
    assert len(reader.pages) >= 2
    for page in reader.pages:
        assert abs(float(page.mediabox.width) - 595) <= 1
        assert abs(float(page.mediabox.height) - 842) <= 1


def test_seed_pdf_text(pages: list[pdfplumber.page.Page]) -> None:
    text = full_text(pages)
    assert SEED_THEME in text
    for i in range(1, 9):
        assert f"2.{i}. " in text
    for expected in (
        "UBND TỈNH YÊN BÁI",
        "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 05/SKHCN-VP",
        "Yên Bái, ngày 05 tháng 3 năm 2021",
        "Kính gửi: Các phòng, đơn vị trực thuộc Sở",
        "I. MỤC TIÊU VÀ CÁC GIẢI PHÁP CHỦ YẾU",
        "II. TỔ CHỨC THỰC HIỆN",
        "Nơi nhận:",
        "- Ban TD-KT tỉnh;",
        "- Lưu: VT, VP.",
        "GIÁM ĐỐC",
        "Vũ Xuân Hội",
    ):
        assert expected in text, expected


def test_seed_pdf_embeds_only_vendored_liberation_serif(seed_pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(seed_pdf))
    programs = {}
    for page in reader.pages:
        resources = page["/Resources"].get_object()
        assert isinstance(resources, DictionaryObject)
        fonts = resources["/Font"].get_object()
        assert isinstance(fonts, DictionaryObject)
        for font in fonts.values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor, f"{font['/BaseFont']} is not embedded"
            assert "LiberationSerif" in font["/BaseFont"]
            program = TTFont(io.BytesIO(descriptor["/FontFile2"].get_object().get_data()))
            programs[str(font["/BaseFont"]).split("+")[1]] = (
                program["name"].getDebugName(6),
                program["name"].getDebugName(5),
            )
    postscript_names = {name for name, _ in programs.values()}
    assert postscript_names == {
        "LiberationSerif",
        "LiberationSerif-Bold",
        "LiberationSerif-Italic",
        "LiberationSerif-BoldItalic",
    }
    assert {version for _, version in programs.values()} == {"Version 2.1.5"}


def _top_margin(page: pdfplumber.page.Page) -> pdfplumber.page.Page:
    return page.crop((0, 0, page.width, TOP_MARGIN_PT))


def test_seed_pdf_page_numbers_from_page_two(pages: list[pdfplumber.page.Page]) -> None:
    assert _top_margin(pages[0]).chars == []
    for number, page in enumerate(pages[1:], start=2):
        chars = _top_margin(page).chars
        assert "".join(c["text"] for c in chars) == str(number)
        centre = (min(c["x0"] for c in chars) + max(c["x1"] for c in chars)) / 2
        assert abs(centre - CONTENT_CENTRE_PT) < 3
        assert 13 <= round(chars[0]["size"]) <= 14


def _words(page: pdfplumber.page.Page, phrase: str) -> dict[str, Any]:
    """Bounding box of the first occurrence of ``phrase`` on ``page``."""
    found = page.search(phrase, regex=False)
    assert found, f"{phrase!r} not found"
    return found[0]


def _rules_under(page: pdfplumber.page.Page, box: dict[str, float]) -> list[dict[str, float]]:
    """Horizontal lines just below ``box`` whose middle lies within its width."""
    return [
        e
        for e in page.edges
        if e["orientation"] == "h"
        and e["x1"] - e["x0"] > 10
        and 0 < e["top"] - box["bottom"] < 8
        and box["x0"] < (e["x0"] + e["x1"]) / 2 < box["x1"]
    ]


def test_seed_pdf_masthead_columns_and_rules(pages: list[pdfplumber.page.Page]) -> None:
    page = pages[0]
    issuer = _words(page, "SỞ KHOA HỌC VÀ CÔNG NGHỆ")
    motto = _words(page, "Độc lập - Tự do - Hạnh phúc")
    number = _words(page, "Số: 05/SKHCN-VP")
    place_date = _words(page, "Yên Bái, ngày 05 tháng 3 năm 2021")
    # Issuer and number on the left half, national title, motto and date on the right, dates on one line.
    assert issuer["x1"] < motto["x0"] and number["x1"] < place_date["x0"]
    assert abs(number["bottom"] - place_date["bottom"]) < 3
    under_issuer = _rules_under(page, issuer)
    assert under_issuer, "no rule under the issuer"
    rule = under_issuer[0]
    issuer_width = issuer["x1"] - issuer["x0"]
    assert issuer_width / 3 <= rule["x1"] - rule["x0"] <= issuer_width / 2
    assert abs((rule["x0"] + rule["x1"]) / 2 - (issuer["x0"] + issuer["x1"]) / 2) < 2
    under_motto = _rules_under(page, motto)
    assert under_motto, "no rule under the motto"
    assert abs(under_motto[0]["x0"] - motto["x0"]) < 2 and abs(under_motto[0]["x1"] - motto["x1"]) < 2


def test_seed_pdf_place_date_is_italic(pages: list[pdfplumber.page.Page]) -> None:
    match = _words(pages[0], "Yên Bái, ngày 05 tháng 3 năm 2021")
    assert all("Italic" in c["fontname"] for c in match["chars"])


def test_seed_pdf_closing_block(pages: list[pdfplumber.page.Page]) -> None:
    last = pages[-1]
    middle = last.width / 2
    recipients = _words(last, "Nơi nhận:")
    signer = _words(last, "Vũ Xuân Hội")
    position = _words(last, "GIÁM ĐỐC")
    assert recipients["x1"] < middle < signer["x0"]
    assert abs((signer["x0"] + signer["x1"]) / 2 - (position["x0"] + position["x1"]) / 2) < 2
    assert signer["top"] - position["bottom"] > 40  # room for the signature and seal
    # The last lines of the body share the signature's page.
    assert "2025./." in normalised(last.extract_text())


def test_user_text_is_escaped_and_never_fetched() -> None:
    hostile = '<img src="http://192.0.2.1/x.png"> & <b>bold</b>'
    doc = OfficialDocument(
        issuer="SỞ <KHCN>",
        number_symbol="01/SKHCN",
        place="Yên Bái",
        date=seed_letter_document().date,
        abstract=hostile,
        body=(Paragraph(hostile),),
        signature=Signature(position="GIÁM ĐỐC", name="A & B"),
    )
    html = render_html(doc)
    assert "<img" not in html and "&lt;img" in html and "SỞ &lt;KHCN&gt;" in html
    with pdfplumber.open(io.BytesIO(render_pdf(doc))) as pdf:
        text = normalised(" ".join(p.extract_text() for p in pdf.pages))
    assert hostile in text
    assert re.search(r"SỞ <KHCN>", text)
