"""Render an :class:`OfficialDocument` to DOCX in the Decree 30/2020/NĐ-CP layout (python-docx).

Everything is direct formatting on top of a "Normal" style set to Times New Roman 14, so the file looks the
same whatever template or defaults the reader's Word has.
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Iterable
from copy import deepcopy
from typing import Any

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Mm, Pt, RGBColor
from docx.table import _Cell
from docx.text.paragraph import Paragraph as DocxParagraph

from . import page
from .metrics import text_width_pt
from .model import (
    MOTTO,
    NATIONAL_TITLE,
    RECIPIENTS_LABEL,
    SALUTATION,
    Align,
    Block,
    Bullet,
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
    runs_of,
)

__all__ = ["render_docx"]

FONT = "Times New Roman"
BLACK = RGBColor(0, 0, 0)
_ALIGN = {
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
}
Container = DocxDocument | _Cell


def render_docx(doc: OfficialDocument) -> bytes:
    """The document as DOCX bytes: A4 portrait, Decree 30 margins, Times New Roman, page numbers from page 2."""
    out = Document()
    _set_defaults(out)
    _set_page(out)
    _masthead(out, doc)
    _title(out, doc)
    _addressees(out, doc)
    for block in doc.body:
        _block(out, block)
    if out.paragraphs:
        # Keep the last lines of the body on the signature's page: a signature page never stands alone.
        out.paragraphs[-1].paragraph_format.keep_with_next = True
    _closing(out, doc)
    if doc.appendix:
        out.add_page_break()
        for block in doc.appendix:
            _block(out, block)
    props = out.core_properties
    props.title = doc.title
    props.author = doc.issuer
    props.language = "vi-VN"
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()


# --- fonts and paragraphs -------------------------------------------------------------------------------


def _nfc(text: str) -> str:
    # Decomposed Vietnamese (NFD, e.g. pasted from macOS) shows misplaced accents in Word; store composed.
    return unicodedata.normalize("NFC", text)


def _set_rfonts(rpr: BaseOxmlElement) -> None:
    """Name Times New Roman for all four scripts and drop theme fonts, which would override it."""
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        rfonts.set(qn(attr), FONT)


def _set_defaults(out: DocxDocument) -> None:
    styles_root = out.styles.element
    rpr_default = styles_root.find(qn("w:docDefaults") + "/" + qn("w:rPrDefault") + "/" + qn("w:rPr"))
    if rpr_default is not None:
        _set_rfonts(rpr_default)
    normal = out.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(page.BODY_SIZE)
    normal.font.color.rgb = BLACK
    _set_rfonts(normal.element.get_or_add_rPr())
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "vi-VN")
    normal.element.get_or_add_rPr().append(lang)
    fmt = normal.paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(page.PARAGRAPH_SPACING)
    fmt.line_spacing = page.LINE_SPACING
    fmt.widow_control = True


def _set_page(out: DocxDocument) -> None:
    section = out.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(page.WIDTH_MM), Mm(page.HEIGHT_MM)
    section.top_margin, section.bottom_margin = Mm(page.MARGIN_TOP_MM), Mm(page.MARGIN_BOTTOM_MM)
    section.left_margin, section.right_margin = Mm(page.MARGIN_LEFT_MM), Mm(page.MARGIN_RIGHT_MM)
    section.header_distance = Mm(page.HEADER_DISTANCE_MM)
    section.footer_distance = Mm(page.HEADER_DISTANCE_MM)
    # Decree 30: page numbers centred in the top margin, not on the first page.
    section.different_first_page_header_footer = True
    first = section.first_page_header
    first.is_linked_to_previous = False  # an explicit, empty first-page header
    header = section.header
    header.is_linked_to_previous = False
    para = header.paragraphs[0]
    _format(para, align="center", space_after=0)
    _page_field(para)


def _page_field(para: DocxParagraph) -> None:
    """A PAGE field as begin / instruction / separate / cached value / end runs."""

    def field_run(child: BaseOxmlElement) -> None:
        run = _run(para, "", size=page.PAGE_NUMBER_SIZE)
        run._r.append(child)

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    field_run(begin)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " PAGE "
    field_run(instr)
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    field_run(separate)
    _run(para, "2", size=page.PAGE_NUMBER_SIZE)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    field_run(end)


def _run(para: DocxParagraph, text: str, *, size: float, bold: bool = False, italic: bool = False):
    run = para.add_run(_nfc(text))
    font = run.font
    font.name = FONT
    font.size = Pt(size)
    font.bold = bold
    font.italic = italic
    font.color.rgb = BLACK
    _set_rfonts(run._r.get_or_add_rPr())
    return run


def _format(
    para: DocxParagraph,
    *,
    align: Align = "justify",
    first_line_indent_mm: float = 0,
    left_indent_mm: float = 0,
    right_indent_mm: float = 0,
    space_before: float = 0,
    space_after: float = page.PARAGRAPH_SPACING,
    line_spacing: float | None = None,
    keep_with_next: bool = False,
) -> DocxParagraph:
    fmt = para.paragraph_format
    fmt.alignment = _ALIGN[align]
    fmt.first_line_indent = Mm(first_line_indent_mm) if first_line_indent_mm else None
    fmt.left_indent = Mm(left_indent_mm) if left_indent_mm else None
    fmt.right_indent = Mm(right_indent_mm) if right_indent_mm else None
    fmt.space_before = Pt(space_before)
    fmt.space_after = Pt(space_after)
    if line_spacing is not None:
        fmt.line_spacing = line_spacing
    fmt.keep_with_next = True if keep_with_next else None
    return para


def _line(
    container: Container,
    text: str,
    *,
    size: float,
    bold: bool = False,
    italic: bool = False,
    align: Align = "center",
    **fmt: Any,
) -> DocxParagraph:
    """One paragraph of a single run, the building brick of the header and signature blocks."""
    para = _format(container.add_paragraph(), align=align, **{"space_after": 0, **fmt})
    _run(para, text, size=size, bold=bold, italic=italic)
    return para


def _rule(container: Container, *, width_mm: float, box_mm: float) -> DocxParagraph:
    """A solid horizontal line of ``width_mm`` centred in a box ``box_mm`` wide.

    Drawn as the bottom border of an empty, tiny paragraph whose indents shrink it to the wanted length:
    unlike a drawing shape, it stays in place when the text above it reflows.
    """
    side = max((box_mm - width_mm) / 2, 0)
    para = _format(
        container.add_paragraph(), align="center", left_indent_mm=side, right_indent_mm=side, space_after=0
    )
    para.paragraph_format.line_spacing = Pt(2)
    ppr = para._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    _put(ppr, borders, _P_PR_ORDER)
    return para


def _pt_to_mm(pt: float) -> float:
    return pt * 25.4 / 72


# OOXML property elements must appear in schema order or Word reports the file as damaged.
_TBL_PR_ORDER = [
    "tblStyle",
    "tblpPr",
    "tblOverlap",
    "bidiVisual",
    "tblStyleRowBandSize",
    "tblStyleColBandSize",
    "tblW",
    "jc",
    "tblCellSpacing",
    "tblInd",
    "tblBorders",
    "shd",
    "tblLayout",
    "tblCellMar",
    "tblLook",
    "tblCaption",
    "tblDescription",
]
_P_PR_ORDER = [
    "pStyle",
    "keepNext",
    "keepLines",
    "pageBreakBefore",
    "framePr",
    "widowControl",
    "numPr",
    "suppressLineNumbers",
    "pBdr",
    "shd",
    "tabs",
    "suppressAutoHyphens",
    "kinsoku",
    "wordWrap",
    "overflowPunct",
    "topLinePunct",
    "autoSpaceDE",
    "autoSpaceDN",
    "bidi",
    "adjustRightInd",
    "snapToGrid",
    "spacing",
    "ind",
    "contextualSpacing",
    "mirrorIndents",
    "suppressOverlap",
    "jc",
    "textDirection",
    "textAlignment",
    "textboxTightWrap",
    "outlineLvl",
    "divId",
    "cnfStyle",
    "rPr",
    "sectPr",
    "pPrChange",
]
_TR_PR_ORDER = [
    "cnfStyle",
    "divId",
    "gridBefore",
    "gridAfter",
    "wBefore",
    "wAfter",
    "cantSplit",
    "trHeight",
    "tblHeader",
    "tblCellSpacing",
    "jc",
    "hidden",
]


def _put(parent: BaseOxmlElement, child: BaseOxmlElement, order: list[str]) -> None:
    """Insert ``child`` (replacing one of the same tag) at its place in the schema ``order``."""
    for old in parent.findall(child.tag):
        parent.remove(old)
    later = {qn(f"w:{name}") for name in order[order.index(child.tag.split("}")[1]) + 1 :]}
    anchor = next((c for c in parent if c.tag in later), None)
    if anchor is not None:
        anchor.addprevious(child)
    else:
        parent.append(child)


def _dxa(mm: float) -> int:
    """Millimetres to twentieths of a point, the unit of table measures in OOXML."""
    return round(mm * 72 / 25.4 * 20)


# --- tables ---------------------------------------------------------------------------------------------


def _layout_table(out: DocxDocument, widths_mm: Iterable[float], *, indent_mm: float = 0, borders: bool):
    widths = list(widths_mm)
    table = out.add_table(rows=1, cols=len(widths))
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    tbl_pr = table._tbl.tblPr
    total = OxmlElement("w:tblW")
    total.set(qn("w:w"), str(_dxa(sum(widths))))
    total.set(qn("w:type"), "dxa")
    _put(tbl_pr, total, _TBL_PR_ORDER)
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    _put(tbl_pr, layout, _TBL_PR_ORDER)
    if indent_mm:
        ind = OxmlElement("w:tblInd")
        ind.set(qn("w:w"), str(_dxa(indent_mm)))
        ind.set(qn("w:type"), "dxa")
        _put(tbl_pr, ind, _TBL_PR_ORDER)
    border_el = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "single" if borders else "nil")
        if borders:
            el.set(qn("w:sz"), "4")
            el.set(qn("w:color"), "000000")
        border_el.append(el)
    _put(tbl_pr, border_el, _TBL_PR_ORDER)
    margins = OxmlElement("w:tblCellMar")
    for edge in ("left", "right"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:w"), str(_dxa(page.CELL_PADDING_MM)))
        el.set(qn("w:type"), "dxa")
        margins.append(el)
    _put(tbl_pr, margins, _TBL_PR_ORDER)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Mm(width)
    for cell, width in zip(table.rows[0].cells, widths, strict=True):
        cell.width = Mm(width)
    return table


def _row_flag(row, name: str) -> None:
    _put(row._tr.get_or_add_trPr(), OxmlElement(f"w:{name}"), _TR_PR_ORDER)


def _clear(cell: _Cell) -> _Cell:
    """Cells come with one empty paragraph; remove it so a cell holds exactly what we add."""
    for p in list(cell._tc.iterchildren(qn("w:p"))):
        cell._tc.remove(p)
    return cell


def _finish_cell(cell: _Cell) -> None:
    if not cell.paragraphs:  # a table cell must end with a paragraph
        _format(cell.add_paragraph(), space_after=0)


# --- the parts of the document --------------------------------------------------------------------------


def _masthead(out: DocxDocument, doc: OfficialDocument) -> None:
    """Ô 1–5 of Phụ lục I: issuer and number on the left, national title, motto and place-date on the right.

    Two rows so that "Số: ..." and the place-date line share a baseline whatever the issuer's length.
    """
    left_w, right_w = page.MASTHEAD_LEFT_MM, page.MASTHEAD_RIGHT_MM
    table = _layout_table(out, (left_w, right_w), indent_mm=-page.MASTHEAD_OUTDENT_MM, borders=False)
    top_left, top_right = (_clear(c) for c in table.rows[0].cells)
    box = left_w - 2 * page.CELL_PADDING_MM
    if doc.issuer_parent:
        _line(top_left, doc.issuer_parent, size=page.ISSUER_SIZE)
    _line(top_left, doc.issuer, size=page.ISSUER_SIZE, bold=True)
    issuer_mm = min(_pt_to_mm(text_width_pt(doc.issuer, page.ISSUER_SIZE, bold=True)), box)
    _rule(top_left, width_mm=issuer_mm * page.ISSUER_RULE_FRACTION, box_mm=box)

    box_right = right_w - 2 * page.CELL_PADDING_MM
    _line(top_right, NATIONAL_TITLE, size=page.NATIONAL_TITLE_SIZE, bold=True)
    _line(top_right, MOTTO, size=page.MOTTO_SIZE, bold=True)
    motto_mm = _pt_to_mm(text_width_pt(MOTTO, page.MOTTO_SIZE, bold=True))
    _rule(top_right, width_mm=motto_mm, box_mm=box_right)

    bottom_left, bottom_right = (_clear(c) for c in table.add_row().cells)
    _line(bottom_left, doc.number_line, size=page.NUMBER_SIZE, space_before=6)
    if doc.dispatch_abstract:
        _line(bottom_left, doc.dispatch_abstract, size=page.DISPATCH_ABSTRACT_SIZE, space_before=3)
    _line(bottom_right, doc.place_date, size=page.PLACE_DATE_SIZE, italic=True, space_before=6)
    for cell in (top_left, top_right, bottom_left, bottom_right):
        _finish_cell(cell)


def _title(out: DocxDocument, doc: OfficialDocument) -> None:
    if doc.is_dispatch:
        return
    _line(out, doc.doc_type_title or "", size=page.TYPE_TITLE_SIZE, bold=True, space_before=18)
    if doc.abstract:
        _line(out, doc.abstract, size=page.ABSTRACT_SIZE, bold=True)
        text_mm = page.TEXT_WIDTH_MM
        abstract_mm = min(_pt_to_mm(text_width_pt(doc.abstract, page.ABSTRACT_SIZE, bold=True)), text_mm)
        _rule(out, width_mm=abstract_mm * page.ABSTRACT_RULE_FRACTION, box_mm=text_mm)


def _addressees(out: DocxDocument, doc: OfficialDocument) -> None:
    if not doc.addressees:
        _format(out.add_paragraph(), space_after=6)
        return
    if len(doc.addressees) == 1:
        _line(
            out,
            f"{SALUTATION} {doc.addressees[0]}",
            size=page.SALUTATION_SIZE,
            space_before=18,
            space_after=12,
        )
        return
    # Several addressees: "Kính gửi: - A;" then one dash line each, aligned under the first.
    label_mm = _pt_to_mm(text_width_pt(SALUTATION + " ", page.SALUTATION_SIZE))
    for i, name in enumerate(doc.addressees):
        first, last = i == 0, i == len(doc.addressees) - 1
        _line(
            out,
            f"{SALUTATION} - {name}" if first else f"- {name}",
            size=page.SALUTATION_SIZE,
            align="left",
            left_indent_mm=page.SALUTATION_INDENT_MM + label_mm,
            first_line_indent_mm=-label_mm if first else 0,
            space_before=18 if first else 0,
            space_after=12 if last else 0,
        )


def _content(
    para: DocxParagraph, runs: Iterable[Run], *, size: float = page.BODY_SIZE, **emphasis: bool
) -> None:
    for run in runs:
        _run(
            para,
            run.text,
            size=size,
            bold=run.bold or emphasis.get("bold", False),
            italic=run.italic or emphasis.get("italic", False),
        )


def _block(out: DocxDocument, block: Block) -> None:
    indent = page.FIRST_LINE_INDENT_MM
    match block:
        case Heading(level=level, text=text):
            para = _format(out.add_paragraph(), first_line_indent_mm=indent, keep_with_next=True)
            _run(para, text, size=page.BODY_SIZE, bold=True, italic=level >= 3)
        case Paragraph(content=content, align=align, indent=has_indent):
            para = _format(out.add_paragraph(), align=align, first_line_indent_mm=indent if has_indent else 0)
            _content(para, runs_of(content))
        case NumberedItem(number=number, content=content):
            para = _format(out.add_paragraph(), first_line_indent_mm=indent)
            _content(para, (Run(f"{number} "), *runs_of(content)))
        case Bullet(content=content, marker=marker):
            para = _format(out.add_paragraph(), first_line_indent_mm=indent)
            _content(para, (Run(f"{marker} "), *runs_of(content)))
        case Table():
            _data_table(out, block)
        case PageBreak():
            para = _format(out.add_paragraph(), space_after=0)
            para.add_run().add_break(WD_BREAK.PAGE)
        case Image():
            _image(out, block)
        case Signatures():
            _signatures(out, block)
        case _:
            raise TypeError(f"unknown block {block!r}")


def _image(out: DocxDocument, block: Image) -> None:
    """The picture inline in a centred paragraph, kept with its caption."""
    para = _format(out.add_paragraph(), align="center", space_before=6, keep_with_next=bool(block.caption))
    para.add_run().add_picture(io.BytesIO(block.data), width=Mm(min(block.width_mm, page.TEXT_WIDTH_MM)))
    if block.caption:
        _line(out, block.caption, size=page.TABLE_SIZE, italic=True, space_after=page.PARAGRAPH_SPACING)


def _signature_cell(cell: _Cell, sig: Signature) -> None:
    for i, line in enumerate(sig.title_lines):
        _line(
            cell,
            line,
            size=page.SIGNATURE_SIZE,
            bold=True,
            keep_with_next=True,
            space_before=6 if i == 0 else 0,
        )
    _line(cell, sig.name, size=page.SIGNATURE_SIZE, bold=True, space_before=page.SIGNATURE_SPACE_PT)


def _signatures(out: DocxDocument, block: Signatures) -> None:
    """A borderless grid of signature blocks, ``columns`` to a row, no row split across pages."""
    if block.heading:
        _line(out, block.heading, size=page.SIGNATURE_SIZE, bold=True, space_before=12, keep_with_next=True)
    width = page.TEXT_WIDTH_MM / block.columns
    table = _layout_table(out, (width,) * block.columns, borders=False)
    for index, signatures in enumerate(block.rows()):
        row = table.rows[0] if index == 0 else table.add_row()
        _row_flag(row, "cantSplit")
        for cell, sig in zip(row.cells, signatures, strict=False):
            _signature_cell(_clear(cell), sig)
        for cell in row.cells:
            cell.width = Mm(width)
            _finish_cell(cell)
    _format(out.add_paragraph(), space_after=0)


def _data_table(out: DocxDocument, block: Table) -> None:
    widths = [f * page.TEXT_WIDTH_MM for f in block.column_fractions()]
    table = _layout_table(out, widths, borders=True)
    header_row = table.rows[0]
    _row_flag(header_row, "tblHeader")  # repeat the header on each page
    for cell, text in zip(header_row.cells, block.header, strict=True):
        _line(_clear(cell), text, size=page.TABLE_SIZE, bold=True, space_before=2, space_after=2)
    first: BaseOxmlElement | None = None
    for values in block.rows:
        if first is not None:
            # The other rows are copies of the first with their own text: the same XML in a fraction of the
            # time (python-docx sets a run's properties one by one; a decision's annex has a thousand rows).
            tr = deepcopy(first)
            for r, text in zip(tr.iter(qn("w:r")), values, strict=True):
                r.text = _nfc(text)  # as `add_run(text)` writes it (tabs and line breaks included)
            table._tbl.append(tr)
            continue
        row = table.add_row()
        _row_flag(row, "cantSplit")
        for i, (cell, text) in enumerate(zip(row.cells, values, strict=True)):
            cell.width = Mm(widths[i])
            _line(
                _clear(cell),
                text,
                size=page.TABLE_SIZE,
                align=block.column_align(i),
                space_before=2,
                space_after=2,
            )
        first = row._tr
    _format(out.add_paragraph(), space_after=0)  # Word merges two adjacent tables; keep them apart


def _closing(out: DocxDocument, doc: OfficialDocument) -> None:
    """Ô 7 and 9b: "Nơi nhận" at the bottom left, the signature block on the right, kept on one page."""
    table = _layout_table(out, (page.CLOSING_LEFT_MM, page.CLOSING_RIGHT_MM), borders=False)
    _row_flag(table.rows[0], "cantSplit")
    left, right = (_clear(c) for c in table.rows[0].cells)
    if doc.recipients:
        _line(
            left,
            RECIPIENTS_LABEL,
            size=page.RECIPIENTS_LABEL_SIZE,
            bold=True,
            italic=True,
            align="left",
            space_before=6,
        )
        for line in doc.recipients:
            _line(left, f"- {line}", size=page.RECIPIENTS_SIZE, align="left", line_spacing=1.0)
    sig = doc.signature
    for i, line in enumerate(sig.title_lines):
        _line(
            right,
            line,
            size=page.SIGNATURE_SIZE,
            bold=True,
            keep_with_next=True,
            space_before=6 if i == 0 else 0,
        )
    _line(right, sig.name, size=page.SIGNATURE_SIZE, bold=True, space_before=page.SIGNATURE_SPACE_PT)
    for cell in (left, right):
        _finish_cell(cell)
