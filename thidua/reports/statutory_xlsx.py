"""A statutory form as Excel (openpyxl) in the layout of the form: the form's symbol and circular top left, the
reporting and receiving units top right, the title and the period centred, the unit line, the header rows merged
as on the form with the column letters and numbers under them, the rows with their codes and units, the notes
("chưa có dữ liệu" cells stay empty and are explained there), and the signature block.

The same header structure (`header_rows`) draws the table on the page.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from .statutory import Report

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TITLE_ROW = 4
HEADER_ROW = 7  # the first header row; the unit line (if any) is on row 6

THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)


@dataclass(frozen=True)
class HeaderCell:
    label: str
    column: int  # 1-based
    colspan: int = 1
    rowspan: int = 1


def leading_columns(report_or_form: Any) -> list[tuple[str, str]]:
    """The letter columns before the numbered ones: (letter, header)."""
    form = getattr(report_or_form, "form", report_or_form)
    columns = [("A", ""), ("B", _("Mã số"))]
    if form.unit_column:
        columns.append(("C", _("Đơn vị tính")))
    return columns


def header_rows(form: Any) -> list[list[HeaderCell]]:
    """The form's header as one or two rows of cells (a group header spans its columns; the other cells span
    both rows), then the row of column letters and numbers."""
    lead = leading_columns(form)
    grouped = any(column.group for column in form.columns)
    depth = 2 if grouped else 1
    top: list[HeaderCell] = [HeaderCell(label, i + 1, rowspan=depth) for i, (_l, label) in enumerate(lead)]
    second: list[HeaderCell] = []
    position = len(lead) + 1
    columns = list(form.columns)
    i = 0
    while i < len(columns):
        column = columns[i]
        if column.group:
            span = 1
            while i + span < len(columns) and columns[i + span].group == column.group:
                span += 1
            top.append(HeaderCell(str(column.group), position, colspan=span))
            for offset in range(span):
                second.append(HeaderCell(str(columns[i + offset].label), position + offset))
            position += span
            i += span
        else:
            top.append(HeaderCell(str(column.label), position, rowspan=depth))
            position += 1
            i += 1
    numbers = [HeaderCell(letter, i + 1) for i, (letter, _h) in enumerate(lead)]
    for offset, column in enumerate(form.columns):
        label = form.total_formula if column.key == "1" and form.total_formula else column.key
        numbers.append(HeaderCell(label, len(lead) + 1 + offset))
    return [top, second, numbers] if grouped else [top, numbers]


def statutory_xlsx(report: Report) -> bytes:
    form = report.form
    lead = leading_columns(form)
    width = len(lead) + len(form.columns)
    right = max(width - 1, 3)  # the right-hand block starts here

    book = Workbook()
    sheet = book.active
    sheet.title = form.number

    def merged(row: int, first: int, last_column: int, value: Any, **style: Any) -> None:
        cell = sheet.cell(row=row, column=first, value=value)
        for name, item in style.items():
            setattr(cell, name, item)
        if last_column > first:
            sheet.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last_column)

    bold = Font(bold=True)
    merged(1, 1, 2, _("Biểu số: %(symbol)s") % {"symbol": form.symbol}, font=bold)
    merged(
        2,
        1,
        2,
        _("Ban hành theo %(circular)s ngày %(issued)s của Bộ trưởng Bộ Nội vụ")
        % {"circular": form.circular.name, "issued": form.circular.issued},
        alignment=LEFT,
    )
    merged(1, right, width, _("Đơn vị báo cáo: %(unit)s") % {"unit": report.agency.name}, alignment=LEFT)
    merged(
        2, right, width, _("Đơn vị nhận báo cáo: %(unit)s") % {"unit": report.receiving_unit}, alignment=LEFT
    )
    merged(TITLE_ROW, 1, width, str(form.title), font=Font(bold=True, size=13), alignment=CENTRE)
    merged(TITLE_ROW + 1, 1, width, report.period.label, alignment=CENTRE)
    if form.unit_line:
        merged(TITLE_ROW + 2, 1, width, str(form.unit_line), alignment=Alignment(horizontal="right"))

    row = HEADER_ROW
    for cells in header_rows(form):
        for cell in cells:
            target = sheet.cell(row=row, column=cell.column, value=cell.label or None)
            target.font, target.alignment = bold, CENTRE
            if cell.colspan > 1 or cell.rowspan > 1:
                sheet.merge_cells(
                    start_row=row,
                    start_column=cell.column,
                    end_row=row + cell.rowspan - 1,
                    end_column=cell.column + cell.colspan - 1,
                )
        row += 1
    header_end = row - 1

    for item, values in report.table():
        sheet.cell(row=row, column=1, value=str(item.label)).alignment = LEFT
        if item.heading:
            sheet.cell(row=row, column=1).font = bold
        else:
            sheet.cell(row=row, column=2, value=item.code).alignment = CENTRE
            if form.unit_column:
                sheet.cell(row=row, column=3, value=str(item.unit) or None).alignment = CENTRE
            for offset, value in enumerate(values):
                sheet.cell(row=row, column=len(lead) + 1 + offset, value=value)
            if item.key == "total":
                for column in range(1, width + 1):
                    sheet.cell(row=row, column=column).font = bold
        row += 1
    for line in sheet.iter_rows(min_row=HEADER_ROW, max_row=row - 1, max_col=width):
        for cell in line:
            cell.border = BOX

    row += 1
    merged(row, 1, width, _("Ghi chú:"), font=bold)
    for note in report.notes:
        row += 1
        merged(row, 1, width, note, alignment=LEFT)
        sheet.row_dimensions[row].height = 30

    row += 2
    merged(row, right, width, _("……, ngày … tháng … năm …"), alignment=CENTRE)
    row += 1
    merged(row, 1, 2, _("Người lập biểu"), font=bold, alignment=CENTRE)
    merged(row, right, width, _("Thủ trưởng đơn vị"), font=bold, alignment=CENTRE)
    row += 1
    merged(row, 1, 2, _("(Ký, họ tên)"), alignment=CENTRE)
    merged(row, right, width, _("(Ký, họ tên, đóng dấu)"), alignment=CENTRE)

    sheet.column_dimensions["A"].width = 48
    sheet.column_dimensions["B"].width = 8
    for column in range(3, width + 1):
        sheet.column_dimensions[get_column_letter(column)].width = 14
    for header_row in range(HEADER_ROW, header_end + 1):
        sheet.row_dimensions[header_row].height = 60 if header_row < header_end else 16
    sheet.print_title_rows = f"{HEADER_ROW}:{header_end}"
    sheet.page_setup.orientation = "landscape" if width > 6 else "portrait"
    sheet.page_setup.fitToWidth = 1

    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
