"""Checks shared by the tests of the Word documents."""

from docx.section import Section
from docx.shared import Length, Mm


def length(value: Length | None) -> Length:
    """A length python-docx reads from the document (``None`` when the document does not set it)."""
    assert value is not None, "the document does not set this length"
    return value


def assert_a4_with_decree_30_margins(section: Section, *, tolerance: Length) -> None:
    """An A4 page with the margins of Nghị định 30/2020 (top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm)."""
    assert abs(length(section.page_width) - Mm(210)) <= tolerance
    assert abs(length(section.page_height) - Mm(297)) <= tolerance
    assert Mm(20) - tolerance <= length(section.top_margin) <= Mm(25) + tolerance
    assert Mm(20) - tolerance <= length(section.bottom_margin) <= Mm(25) + tolerance
    assert Mm(30) - tolerance <= length(section.left_margin) <= Mm(35) + tolerance
    assert Mm(15) - tolerance <= length(section.right_margin) <= Mm(20) + tolerance
