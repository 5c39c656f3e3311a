"""The Decree 30/2020/NĐ-CP document layout: one data model, two renderers (DOCX and PDF).

Pure Python, no Django: any app builds an :class:`OfficialDocument` from its records and calls
:func:`render_docx` or :func:`render_pdf`. See docs/documents.md.
"""

from .docx_writer import render_docx
from .model import (
    Align,
    Block,
    Bullet,
    Content,
    Heading,
    Image,
    NumberedItem,
    OfficialDocument,
    PageBreak,
    Paragraph,
    Run,
    Signature,
    Signatures,
    Table,
    plain_text,
    runs_of,
)
from .pdf_writer import render_html, render_pdf

__all__ = [
    "Align",
    "Block",
    "Bullet",
    "Content",
    "Heading",
    "Image",
    "NumberedItem",
    "OfficialDocument",
    "PageBreak",
    "Paragraph",
    "Run",
    "Signature",
    "Signatures",
    "Table",
    "plain_text",
    "render_docx",
    "render_html",
    "render_pdf",
    "runs_of",
]
