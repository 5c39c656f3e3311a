"""The image block (a PNG chart in a report) and the signatures block (several signers side by side), checked in
the DOCX with python-docx and in the PDF with pdfplumber."""

from __future__ import annotations

import dataclasses
import io

import pdfplumber
import pytest
from docx import Document
from docx.shared import Mm
from PIL import Image as PILImage
from PIL import ImageDraw

from thidua.documents.layout import (
    Image,
    OfficialDocument,
    Paragraph,
    Signature,
    Signatures,
    render_docx,
    render_html,
    render_pdf,
)
from thidua.documents.layout.samples import seed_letter_document

PT_PER_MM = 72 / 25.4
CAPTION = "Biểu đồ 1. Điểm theo nhóm tiêu chí"
SIGNERS = (
    Signature(position="SỞ KHOA HỌC VÀ CÔNG NGHỆ", name="Nguyễn Văn An", signer_position="GIÁM ĐỐC"),
    Signature(position="SỞ TÀI CHÍNH", name="Trần Thị Bình", signer_position="GIÁM ĐỐC"),
    Signature(position="SỞ XÂY DỰNG", name="Lê Văn Cường", signer_position="PHÓ GIÁM ĐỐC"),
)


def png(width: int = 400, height: int = 300, colour: tuple[int, int, int] = (0, 114, 178)) -> bytes:
    image = PILImage.new("RGB", (width, height), (255, 255, 255))
    ImageDraw.Draw(image).rectangle((50, 50, width - 50, height - 50), fill=colour)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def document(*blocks: object) -> OfficialDocument:
    base = seed_letter_document()
    return dataclasses.replace(base, body=(Paragraph("Kết quả chấm điểm như sau:"), *blocks))  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def with_image() -> OfficialDocument:
    return document(Image(png(), width_mm=120, caption=CAPTION, alt="Biểu đồ cột"))


def test_an_image_needs_png_bytes_and_a_positive_width():
    with pytest.raises(ValueError):
        Image(b"GIF89a....", width_mm=100)
    with pytest.raises(ValueError):
        Image(png(), width_mm=0)


def test_the_docx_holds_the_picture_inline_at_its_width_with_its_caption(with_image):
    docx = Document(io.BytesIO(render_docx(with_image)))
    shapes = list(docx.inline_shapes)
    assert len(shapes) == 1
    assert abs(shapes[0].width - Mm(120)) < Mm(0.1)
    # 400 × 300 pixels: the height follows the width.
    assert abs(shapes[0].height - Mm(90)) < Mm(0.1)
    texts = [p.text for p in docx.paragraphs]
    assert CAPTION in texts
    picture = next(i for i, p in enumerate(docx.paragraphs) if p._p.xpath(".//pic:pic"))
    assert texts.index(CAPTION) == picture + 1
    blobs = [rel.target_part.blob for rel in docx.part.rels.values() if "image" in rel.reltype]
    assert blobs == [png()]


def test_an_image_wider_than_the_text_is_shrunk_to_the_text_width():
    docx = Document(io.BytesIO(render_docx(document(Image(png(), width_mm=400)))))
    assert abs(docx.inline_shapes[0].width - Mm(165)) < Mm(0.1)


def test_the_pdf_draws_the_picture_at_its_width_with_its_caption(with_image):
    with pdfplumber.open(io.BytesIO(render_pdf(with_image))) as pdf:
        images = [image for page in pdf.pages for image in page.images]
        text = " ".join(page.extract_text() or "" for page in pdf.pages)
    assert len(images) == 1
    assert images[0]["width"] == pytest.approx(120 * PT_PER_MM, abs=1)
    assert images[0]["height"] == pytest.approx(90 * PT_PER_MM, abs=1)
    assert CAPTION in " ".join(text.split())


def test_the_html_carries_the_picture_inside_it_and_escapes_the_caption():
    html = render_html(document(Image(png(), width_mm=50, caption="<b>A & B</b>")))
    assert 'src="data:image/png;base64,' in html
    assert "&lt;b&gt;A &amp; B&lt;/b&gt;" in html
    assert "<b>A" not in html


def test_no_picture_without_an_image_block():
    plain = document()
    assert not list(Document(io.BytesIO(render_docx(plain))).inline_shapes)
    with pdfplumber.open(io.BytesIO(render_pdf(plain))) as pdf:
        assert not [image for page in pdf.pages for image in page.images]


def test_signatures_are_laid_out_two_to_a_row_in_the_docx():
    docx = Document(io.BytesIO(render_docx(document(Signatures(SIGNERS, columns=2, heading="ĐẠI DIỆN")))))
    grid = next(t for t in docx.tables if "SỞ TÀI CHÍNH" in t.rows[0].cells[-1].text)
    assert len(grid.rows) == 2
    first, second = (cell.text for cell in grid.rows[0].cells)
    assert "SỞ KHOA HỌC VÀ CÔNG NGHỆ" in first and "Nguyễn Văn An" in first and "GIÁM ĐỐC" in first
    assert "Trần Thị Bình" in second
    assert "Lê Văn Cường" in grid.rows[1].cells[0].text
    assert grid.rows[1].cells[1].text.strip() == ""
    assert "ĐẠI DIỆN" in [p.text for p in docx.paragraphs]


def test_signatures_appear_side_by_side_in_the_pdf():
    with pdfplumber.open(io.BytesIO(render_pdf(document(Signatures(SIGNERS, columns=2))))) as pdf:
        words = [w for page in pdf.pages for w in page.extract_words()]
    an = next(w for w in words if w["text"] == "An")
    binh = next(w for w in words if w["text"] == "Bình")
    cuong = next(w for w in words if w["text"] == "Cường")
    assert an["top"] == pytest.approx(binh["top"], abs=1)  # the same row
    assert binh["x0"] > an["x0"] + 150  # the second column
    assert cuong["top"] > an["top"]  # the third starts a new row
