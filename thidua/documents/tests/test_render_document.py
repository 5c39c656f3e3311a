"""`manage.py render_document movement-launch ...`: the seed movement to DOCX and PDF, opened and checked."""

import io
from pathlib import Path

import pdfplumber
import pytest
from django.core.management import CommandError, call_command
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm
from pypdf import PdfReader

from thidua.documents.layout.samples import SEED_THEME
from thidua.documents.tests.checks import assert_a4_with_decree_30_margins

RECIPIENTS = (
    "Ban TD-KT tỉnh;",
    "Các cơ quan Khối thi đua KT-KT;",
    "Lãnh đạo Sở (qua Voffice);",
    "Các phòng, đơn vị (qua Voffice);",
    "Lưu: VT, VP.",
)
PT_PER_MM = 72 / 25.4


@pytest.fixture
def rendered(seed_demo, tmp_path: Path) -> dict[str, Path]:
    paths = {}
    for fmt in ("docx", "pdf"):
        paths[fmt] = tmp_path / f"seed.{fmt}"
        call_command(
            "render_document",
            "movement-launch",
            "YB-SKHCN-2021-2025",
            "--format",
            fmt,
            "--output",
            str(paths[fmt]),
        )
    return paths


def _docx_text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return " ".join(" ".join(parts).split())


def test_docx_of_the_seed_movement(rendered):
    document = Document(str(rendered["docx"]))
    text = _docx_text(document)
    assert SEED_THEME in text
    for i in range(1, 9):
        assert f"2.{i}. " in text
    for line in RECIPIENTS:
        assert f"- {line}" in text
    assert "Số: 05/SKHCN-VP" in text
    assert "Yên Bái, ngày 05 tháng 3 năm 2021" in text
    assert "GIÁM ĐỐC" in text and "Vũ Xuân Hội" in text
    theme_runs = [r for p in document.paragraphs for r in p.runs if SEED_THEME in r.text]
    assert theme_runs and all(r.bold for r in theme_runs)


def test_docx_page_margins_font_and_page_numbers(rendered):
    document = Document(str(rendered["docx"]))
    section = document.sections[0]
    assert_a4_with_decree_30_margins(section, tolerance=Mm(0.5))
    fonts = {rfonts.get(qn("w:ascii")) for rfonts in document.element.body.iter(qn("w:rFonts"))}
    assert fonts == {"Times New Roman"}
    assert document.styles["Normal"].font.name == "Times New Roman"
    # Page numbers from page 2: a different, empty first-page header; a PAGE field in the others.
    assert section.different_first_page_header_footer
    assert all(not p.text.strip() for p in section.first_page_header.paragraphs)
    assert "PAGE" in "".join(t.text or "" for t in section.header._element.iter(qn("w:instrText")))


def test_pdf_of_the_seed_movement(rendered):
    data = rendered["pdf"].read_bytes()
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) >= 2
    for page in reader.pages:
        assert abs(float(page.mediabox.width) - 595.3) <= 1 and abs(float(page.mediabox.height) - 841.9) <= 1
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        text = " ".join(" ".join(page.extract_text() for page in pdf.pages).split())
        first_top = pdf.pages[0].crop((0, 0, pdf.pages[0].width, 20 * PT_PER_MM)).extract_text().strip()
        second_top = pdf.pages[1].crop((0, 0, pdf.pages[1].width, 20 * PT_PER_MM)).extract_text().strip()
        chars = [c for page in pdf.pages for c in page.chars]
        body_chars = [c for c in pdf.pages[0].chars if c["top"] > 20 * PT_PER_MM]
    assert SEED_THEME in text
    for i in range(1, 9):
        assert f"2.{i}. " in text
    for line in RECIPIENTS:
        assert f"- {line}" in text
    assert "GIÁM ĐỐC" in text and "Vũ Xuân Hội" in text
    assert first_top == ""
    assert second_top == "2"
    assert {c["fontname"].split("+")[-1].split("-")[0] for c in chars} == {"LiberationSerif"}
    # Margins: nothing printed left of 30 mm or right of 195 mm (a few points of tolerance for the masthead).
    assert min(c["x0"] for c in body_chars) >= 25 * PT_PER_MM - 1
    assert max(c["x1"] for c in chars) <= (210 - 15) * PT_PER_MM + 1


def test_render_document_by_id_and_draft_number(make_user, org_tree, tmp_path):
    from thidua.movements import services

    movement = services.movement_create(
        actor=None,
        check_permission=False,
        code="D-1",
        level="agency",
        title="Phong trào thử",
        period_start=2025,
        period_end=2025,
        launching_organization=org_tree["agency"],
        objectives=["Mục tiêu"],
        solutions=[services.SolutionData("2.1", "Giải pháp")],
    )
    output = tmp_path / "draft.pdf"
    call_command(
        "render_document", "movement-launch", str(movement.pk), "--format", "pdf", "--output", str(output)
    )
    with pdfplumber.open(output) as pdf:
        text = pdf.pages[0].extract_text()
    assert "/SKHCN" in text and "Số: 0" not in text


def test_render_document_unknown_movement(db, tmp_path):
    with pytest.raises(CommandError):
        call_command("render_document", "movement-launch", "NOPE", "--output", str(tmp_path / "x.pdf"))
