"""The seed movement regenerates the seed letter; review reports are drafted from the data."""

from pathlib import Path

import pytest

from thidua.documents.layout import plain_text, runs_of
from thidua.documents.layout.model import Bullet, Heading, NumberedItem, Paragraph, Run
from thidua.documents.layout.samples import seed_letter_document
from thidua.documents.selectors import document_for, issuer_header
from thidua.movements import selectors
from thidua.movements.documents import movement_launch_document, review_report_document
from thidua.movements.models import Review

SEED_MD = Path(__file__).resolve().parents[3].parent / "shared" / "seed" / "phat-dong-thi-dua-2021-2025.md"


def _merged(content) -> list[Run]:
    """Runs with adjacent pieces of the same emphasis merged, so that equal text compares equal."""
    merged: list[Run] = []
    for run in runs_of(content):
        if merged and (merged[-1].bold, merged[-1].italic) == (run.bold, run.italic):
            merged[-1] = Run(merged[-1].text + run.text, run.bold, run.italic)
        elif run.text:
            merged.append(run)
    return merged


def _block_key(block):
    if isinstance(block, Heading):
        return ("heading", block.level, block.text)
    if isinstance(block, NumberedItem):
        return ("item", block.number, _merged(block.content))
    if isinstance(block, Bullet):
        return ("bullet", _merged(block.content))
    assert isinstance(block, Paragraph)
    return ("paragraph", _merged(block.content))


def _letter(seed):
    movement = selectors.movement_with_content(movement=seed)
    issued = document_for(source=movement, purpose="movement-launch")
    assert issued is not None
    return movement_launch_document(movement, number_symbol=issued.number_symbol, issued_on=issued.issued_on)


def test_seed_movement_regenerates_the_seed_letter_exactly(seed_demo):
    built = _letter(seed_demo["seed"])
    sample = seed_letter_document()
    for field in (
        "issuer_parent",
        "issuer",
        "number_symbol",
        "place",
        "date",
        "doc_type_title",
        "abstract",
        "addressees",
        "recipients",
        "signature",
    ):
        assert getattr(built, field) == getattr(sample, field), field
    assert [_block_key(b) for b in built.body] == [_block_key(b) for b in sample.body]


def _md_paragraphs(markdown: str):
    text = markdown.replace("**", "").replace("*", "")
    text = text.replace("sâu\n\nsắc", "sâu sắc")  # the source breaks solution 2.1 across a page
    for paragraph in text.split("\n\n"):
        paragraph = " ".join(paragraph.split())
        if paragraph and not paragraph.startswith("#"):
            yield paragraph


@pytest.mark.skipif(not SEED_MD.exists(), reason="the shared seed fixture is not checked out here")
def test_every_paragraph_of_the_seed_markdown_is_in_the_regenerated_letter(seed_demo):
    letter = _letter(seed_demo["seed"])
    blocks = [plain_text(b.content) if hasattr(b, "content") else b.text for b in letter.body]
    numbered = [f"{b.number} {plain_text(b.content)}" for b in letter.body if isinstance(b, NumberedItem)]
    everything = " ".join([*letter.addressees, *blocks, *numbered, letter.signature.name])
    for paragraph in _md_paragraphs(SEED_MD.read_text(encoding="utf-8")):
        if paragraph.startswith("- Ban TD-KT"):
            assert paragraph == " ".join(f"- {line}" for line in letter.recipients)
        elif paragraph.startswith("Kính gửi: "):
            assert paragraph.removeprefix("Kính gửi: ") in letter.addressees
        else:
            assert paragraph.removeprefix("- ") in everything, paragraph[:80]


def test_issuer_header_drops_the_parents_place(seed_demo):
    department = seed_demo["orgs"].agencies[0]
    assert issuer_header(department) == ("UBND TỈNH YÊN BÁI", "SỞ KHOA HỌC VÀ CÔNG NGHỆ")


def test_seed_movement_review_report_is_drafted_from_data(seed_demo):
    review = Review.objects.select_related("movement").get(movement=seed_demo["seed"], kind="midterm")
    data = selectors.review_report_data(review=review)
    assert review.report_document is not None
    document = review_report_document(review, data=data, number_symbol=review.report_document.number_symbol)
    text = " ".join(
        plain_text(b.content) if hasattr(b, "content") else getattr(b, "text", "") for b in document.body
    )
    assert document.doc_type_title == "BÁO CÁO"
    assert document.number_symbol == "01/BC-SKHCN-VP"
    assert document.abstract is not None and "Sơ kết" in document.abstract
    assert "I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU" in [b.text for b in document.body if isinstance(b, Heading)]
    assert "Mô hình nhân giống nấm" in text
    # No award is linked to this movement in the fixture: the section says so instead of inventing awards.
    assert data["awards"] == []
    assert "Chưa có khen thưởng trong phong trào." in text
