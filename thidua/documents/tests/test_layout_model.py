"""The document model and the seed fixture's fidelity to the seed letter."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from thidua.documents.layout import (
    Bullet,
    Heading,
    NumberedItem,
    Paragraph,
    Run,
    Signature,
    Table,
    plain_text,
    runs_of,
)
from thidua.documents.layout.samples import SEED_THEME, seed_letter_document

SEED_MARKDOWN = Path(__file__).resolve().parents[4] / "shared" / "seed" / "phat-dong-thi-dua-2021-2025.md"


def test_signature_title_lines() -> None:
    assert Signature("GIÁM ĐỐC", "Vũ Xuân Hội").title_lines == ("GIÁM ĐỐC",)
    deputy = Signature("GIÁM ĐỐC", "Lê Văn C", authority="KT", signer_position="PHÓ GIÁM ĐỐC")
    assert deputy.title_lines == ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC")
    assert Signature("ỦY BAN NHÂN DÂN", "X", authority="TM.", signer_position="CHỦ TỊCH").title_lines[0] == (
        "TM. ỦY BAN NHÂN DÂN"
    )


def test_content_normalises_to_runs() -> None:
    assert runs_of("a") == (Run("a"),)
    assert runs_of(["a ", Run("b", bold=True)]) == (Run("a "), Run("b", bold=True))
    assert plain_text(["a ", Run("b", italic=True)]) == "a b"


def test_table_rejects_ragged_rows() -> None:
    with pytest.raises(ValueError):
        Table(header=("STT", "Họ và tên"), rows=(("1",),))
    with pytest.raises(ValueError):
        Table(header=("STT", "Họ và tên"), rows=(), widths=(1,))
    assert Table(header=("a", "b"), rows=(), widths=(1, 3)).column_fractions() == (0.25, 0.75)


def test_seed_document_is_a_cong_van() -> None:
    doc = seed_letter_document()
    assert doc.is_dispatch and doc.doc_type_title is None
    assert doc.number_line == "Số: 05/SKHCN-VP"
    assert doc.dispatch_abstract == "V/v phát động phong trào thi đua yêu nước giai đoạn 2021 - 2025"
    assert doc.place_date == "Yên Bái, ngày 05 tháng 3 năm 2021"
    assert doc.signature == Signature(position="GIÁM ĐỐC", name="Vũ Xuân Hội")


def _fixture_lines() -> list[str]:
    """The fixture's body as the markdown writes it, one line per block, emphasis markers included."""
    lines = []
    for block in seed_letter_document().body:
        match block:
            case Heading(level=1, text=text):
                lines.append(f"## {text}")
            case Heading(text=text):
                lines.append(f"### {text}")
            case Bullet(content=content):
                lines.append(f"- {plain_text(content)}")
            case NumberedItem(number=number, content=content):
                lines.append(f"{number} {plain_text(content)}")
            case Paragraph(content=content):
                lines.append(plain_text(content))
    return lines


@pytest.mark.skipif(not SEED_MARKDOWN.exists(), reason="shared/seed is not beside the repository")
def test_seed_fixture_matches_the_seed_letter_word_for_word() -> None:
    text = SEED_MARKDOWN.read_text(encoding="utf-8")
    # The source splits 2.1 across a page break ("quán triệt sâu" / "sắc và ..."): one paragraph.
    text = text.replace("quán triệt sâu\n\nsắc", "quán triệt sâu sắc")
    paragraphs = [re.sub(r"\*+", "", p.strip()) for p in text.split("\n\n") if p.strip()]
    body_start = paragraphs.index("Kính gửi: Các phòng, đơn vị trực thuộc Sở") + 1
    body_end = paragraphs.index("### Nơi nhận:")
    assert _fixture_lines() == paragraphs[body_start:body_end]
    doc = seed_letter_document()
    recipients = paragraphs[body_end + 1].splitlines()
    assert [f"- {line}" for line in doc.recipients] == recipients
    assert paragraphs[body_end + 2] == doc.signature.name
    assert f"Kính gửi: {doc.addressees[0]}" == paragraphs[body_start - 1]
    assert f"**{SEED_THEME}**" in SEED_MARKDOWN.read_text(encoding="utf-8")
