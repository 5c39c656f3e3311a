"""The DOCX renderer, checked by opening the generated file with python-docx."""

from __future__ import annotations

import dataclasses
import datetime
import io

import pytest
from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph as DocxParagraph

from thidua.documents.layout import (
    Heading,
    OfficialDocument,
    Paragraph,
    Signature,
    Table,
    render_docx,
)
from thidua.documents.layout.samples import SEED_THEME, seed_letter_document
from thidua.documents.tests.checks import assert_a4_with_decree_30_margins, length

SEED_RECIPIENTS = (
    "- Ban TD-KT tỉnh;",
    "- Các cơ quan Khối thi đua KT-KT;",
    "- Lãnh đạo Sở (qua Voffice);",
    "- Các phòng, đơn vị (qua Voffice);",
    "- Lưu: VT, VP.",
)


@pytest.fixture(scope="module")
def seed_docx() -> DocxDocument:
    return Document(io.BytesIO(render_docx(seed_letter_document())))


def all_paragraphs(doc: DocxDocument) -> list[DocxParagraph]:
    """Body paragraphs and the paragraphs inside table cells, in order."""
    found = list(doc.paragraphs)
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                found.extend(cell.paragraphs)
    return found


def paragraph_with(doc: DocxDocument, text: str) -> DocxParagraph:
    matches = [p for p in all_paragraphs(doc) if text in p.text]
    assert matches, f"no paragraph contains {text!r}"
    return matches[0]


def size_of(paragraph: DocxParagraph) -> float:
    sizes = {length(run.font.size).pt for run in paragraph.runs if run.text}
    assert len(sizes) == 1, sizes
    return sizes.pop()


def test_seed_docx_has_the_theme_in_bold(seed_docx: DocxDocument) -> None:
    paragraph = paragraph_with(seed_docx, SEED_THEME)
    theme_runs = [run for run in paragraph.runs if run.text == SEED_THEME]
    assert theme_runs and theme_runs[0].bold
    assert SEED_THEME.startswith("“Tăng cường xây dựng Đảng") and SEED_THEME.endswith("vào năm 2030”")


def test_seed_docx_has_all_eight_solutions(seed_docx: DocxDocument) -> None:
    starts = [p.text.split(" ", 1)[0] for p in seed_docx.paragraphs]
    for i in range(1, 9):
        assert f"2.{i}." in starts
    assert paragraph_with(seed_docx, "2.1.").text.count("quán triệt sâu sắc") == 1


def test_seed_docx_headings_and_sections(seed_docx: DocxDocument) -> None:
    for text in ("I. MỤC TIÊU VÀ CÁC GIẢI PHÁP CHỦ YẾU", "1. Mục tiêu", "2. Các giải pháp chủ yếu"):
        paragraph = paragraph_with(seed_docx, text)
        assert all(run.bold for run in paragraph.runs)
    assert paragraph_with(seed_docx, "II. TỔ CHỨC THỰC HIỆN").runs[0].bold
    assert paragraph_with(seed_docx, "3. Giao Văn phòng Sở chủ trì")
    assert paragraph_with(seed_docx, "vào năm 2025./.")


def test_seed_docx_masthead(seed_docx: DocxDocument) -> None:
    masthead = seed_docx.tables[0]
    left = masthead.cell(0, 0).paragraphs
    assert [p.text for p in left[:2]] == ["UBND TỈNH YÊN BÁI", "SỞ KHOA HỌC VÀ CÔNG NGHỆ"]
    assert not left[0].runs[0].bold and left[1].runs[0].bold
    assert size_of(left[0]) == size_of(left[1]) == 13
    right = masthead.cell(0, 1).paragraphs
    assert right[0].text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" and right[0].runs[0].bold
    assert 12 <= size_of(right[0]) <= 13
    assert right[1].text == "Độc lập - Tự do - Hạnh phúc" and right[1].runs[0].bold
    assert 13 <= size_of(right[1]) <= 14
    number = masthead.cell(1, 0).paragraphs
    assert number[0].text == "Số: 05/SKHCN-VP" and size_of(number[0]) == 13
    assert number[1].text == "V/v phát động phong trào thi đua yêu nước giai đoạn 2021 - 2025"
    assert 12 <= size_of(number[1]) <= 13


def _bottom_border_width_mm(paragraph: DocxParagraph, box_mm: float) -> float:
    ppr = paragraph._p.pPr
    assert ppr is not None
    assert ppr.find(qn("w:pBdr")).find(qn("w:bottom")).get(qn("w:val")) == "single"
    fmt = paragraph.paragraph_format
    return box_mm - fmt.left_indent.mm - fmt.right_indent.mm


def test_seed_docx_rules_under_issuer_and_motto(seed_docx: DocxDocument) -> None:
    masthead = seed_docx.tables[0]
    issuer_rule = masthead.cell(0, 0).paragraphs[2]
    motto_rule = masthead.cell(0, 1).paragraphs[2]
    assert issuer_rule.text == motto_rule.text == ""
    # Issuer "SỞ KHOA HỌC VÀ CÔNG NGHỆ" in bold 13 is about 70 mm: the rule is 1/3 to 1/2 of it.
    assert 70 / 3 <= _bottom_border_width_mm(issuer_rule, 73) <= 70 / 2
    # Motto in bold 13 is about 56 mm: the rule is as long as the text.
    assert 54 <= _bottom_border_width_mm(motto_rule, 93) <= 58


def test_seed_docx_place_date_is_italic(seed_docx: DocxDocument) -> None:
    paragraph = seed_docx.tables[0].cell(1, 1).paragraphs[0]
    assert paragraph.text == "Yên Bái, ngày 05 tháng 3 năm 2021"
    assert all(run.italic for run in paragraph.runs)
    assert 13 <= size_of(paragraph) <= 14


def test_seed_docx_salutation(seed_docx: DocxDocument) -> None:
    paragraph = paragraph_with(seed_docx, "Kính gửi:")
    assert paragraph.text == "Kính gửi: Các phòng, đơn vị trực thuộc Sở"
    assert size_of(paragraph) == 14


def test_seed_docx_recipients_and_signature(seed_docx: DocxDocument) -> None:
    closing = seed_docx.tables[-1]
    left = [p for p in closing.cell(0, 0).paragraphs if p.text]
    assert left[0].text == "Nơi nhận:"
    assert left[0].runs[0].bold and left[0].runs[0].italic and size_of(left[0]) == 12
    assert tuple(p.text for p in left[1:]) == SEED_RECIPIENTS
    assert {size_of(p) for p in left[1:]} == {11}
    right = [p for p in closing.cell(0, 1).paragraphs if p.text]
    assert [p.text for p in right] == ["GIÁM ĐỐC", "Vũ Xuân Hội"]
    assert all(p.runs[0].bold and 13 <= size_of(p) <= 14 for p in right)
    assert all(p.alignment == WD_ALIGN_PARAGRAPH.CENTER for p in right)
    # Room for the handwritten signature and seal.
    assert right[1].paragraph_format.space_before >= Pt(48)


def test_seed_docx_page_is_a4_with_decree_30_margins(seed_docx: DocxDocument) -> None:
    assert_a4_with_decree_30_margins(seed_docx.sections[0], tolerance=Mm(0.1))


def _assert_times(rpr) -> None:
    rfonts = rpr.find(qn("w:rFonts"))
    assert rfonts is not None
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        assert rfonts.get(qn(attr)) == "Times New Roman", attr
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        assert rfonts.get(qn(attr)) is None, attr


def test_seed_docx_uses_times_new_roman_everywhere(seed_docx: DocxDocument) -> None:
    _assert_times(seed_docx.styles["Normal"].element.rPr)
    doc_defaults = seed_docx.styles.element.find(qn("w:docDefaults"))
    _assert_times(doc_defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")))
    section = seed_docx.sections[0]
    runs = [r for p in all_paragraphs(seed_docx) + section.header.paragraphs for r in p.runs]
    assert len(runs) > 50
    for run in runs:
        _assert_times(run._r.rPr)
        assert run.font.color.rgb is None or str(run.font.color.rgb) == "000000"


def test_seed_docx_body_paragraph_format(seed_docx: DocxDocument) -> None:
    paragraph = paragraph_with(seed_docx, "2.4. Thi đua đẩy mạnh cải cách hành chính")
    fmt = paragraph.paragraph_format
    assert paragraph.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert Mm(10) <= fmt.first_line_indent <= Mm(12.7) + Mm(0.1)
    assert fmt.space_after >= Pt(6)
    line_spacing = fmt.line_spacing or seed_docx.styles["Normal"].paragraph_format.line_spacing
    assert 1.0 <= line_spacing <= 1.5
    assert 13 <= size_of(paragraph) <= 14


def test_seed_docx_page_numbers_from_page_two(seed_docx: DocxDocument) -> None:
    section = seed_docx.sections[0]
    assert section.different_first_page_header_footer
    first = section.first_page_header
    assert not first.is_linked_to_previous
    assert all(p.text == "" for p in first.paragraphs)
    assert not first._element.findall(".//" + qn("w:fldChar"))
    assert not first._element.findall(".//" + qn("w:fldSimple"))
    header = section.header
    assert not header.is_linked_to_previous
    instructions = [el.text.strip() for el in header._element.iter(qn("w:instrText"))]
    assert instructions == ["PAGE"]
    paragraph = header.paragraphs[0]
    assert paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert {run.font.size.pt for run in paragraph.runs} <= {13, 14}
    assert length(section.header_distance) < length(section.top_margin)


def decision_document() -> OfficialDocument:
    return OfficialDocument(
        issuer_parent="UBND TỈNH LÀO CAI",
        issuer="SỞ KHOA HỌC VÀ CÔNG NGHỆ",
        number_symbol="15/QĐ-SKHCN",
        place="Lào Cai",
        date=datetime.date(2026, 1, 5),
        doc_type_title="QUYẾT ĐỊNH",
        abstract="Về việc tặng danh hiệu Chiến sĩ thi đua cơ sở năm 2025",
        body=(
            Heading(1, "GIÁM ĐỐC SỞ KHOA HỌC VÀ CÔNG NGHỆ"),
            # NFD input (decomposed accents) must come out composed.
            Paragraph("Căn cứ Luật Thi đua, khen thưởng ngày 15/6/2022;".replace("ă", "a\u0306")),
            Table(
                header=("STT", "Họ và tên", "Chức vụ, đơn vị"),
                rows=(("1", "Nguyễn Văn A", "Văn phòng Sở"), ("2", "Trần Thị B", "Phòng Quản lý khoa học")),
                widths=(1, 4, 5),
                align=("center", "left", "left"),
            ),
        ),
        recipients=("Như Điều 3;", "Lưu: VT, VP."),
        signature=Signature(
            position="GIÁM ĐỐC", name="Lê Văn C", authority="KT.", signer_position="PHÓ GIÁM ĐỐC"
        ),
    )


def test_decision_docx_has_type_title_abstract_table_and_deputy_signature() -> None:
    doc = Document(io.BytesIO(render_docx(decision_document())))
    title = paragraph_with(doc, "QUYẾT ĐỊNH")
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER and title.runs[0].bold and size_of(title) == 14
    abstract = paragraph_with(doc, "Về việc tặng danh hiệu")
    assert abstract.alignment == WD_ALIGN_PARAGRAPH.CENTER and abstract.runs[0].bold
    # No "V/v" line in the masthead of a non-Công văn.
    assert [p.text for p in doc.tables[0].cell(1, 0).paragraphs] == ["Số: 15/QĐ-SKHCN"]
    assert (
        paragraph_with(doc, "Căn cứ Luật Thi đua").text == "Căn cứ Luật Thi đua, khen thưởng ngày 15/6/2022;"
    )
    awards = doc.tables[1]
    assert [c.text for c in awards.rows[0].cells] == ["STT", "Họ và tên", "Chức vụ, đơn vị"]
    assert [c.text for c in awards.rows[2].cells] == ["2", "Trần Thị B", "Phòng Quản lý khoa học"]
    header_row = awards.rows[0]._tr.trPr
    assert header_row is not None and header_row.find(qn("w:tblHeader")) is not None
    right = [p.text for p in doc.tables[-1].cell(0, 1).paragraphs if p.text]
    assert right == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Lê Văn C"]


def test_several_addressees_are_listed_under_the_salutation() -> None:
    doc = dataclasses.replace(
        decision_document(), doc_type_title=None, addressees=("Sở Nội vụ;", "Ban Thi đua - Khen thưởng.")
    )
    rendered = Document(io.BytesIO(render_docx(doc)))
    texts = [p.text for p in rendered.paragraphs]
    first = texts.index("Kính gửi: - Sở Nội vụ;")
    assert texts[first + 1] == "- Ban Thi đua - Khen thưởng."
    assert rendered.tables[0].cell(1, 0).paragraphs[1].text.startswith("V/v Về việc tặng")
