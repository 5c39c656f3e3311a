"""Writing the Excel templates and exports (xlsxwriter): the 'Dữ liệu' sheet with the Vietnamese headers,
dates as dd/mm/yyyy and drop-down lists of codes; the 'Danh mục' sheet with the allowed codes and their labels.
An export is the template with rows, so that export → edit → import round-trips.

Every Excel file the application writes puts its cells through :func:`cell_write`: text is always written as
text, so a name such as ``=HYPERLINK(…)`` stays a name and never becomes a live formula."""

import io
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import xlsxwriter
from django.utils import timezone
from django.utils.translation import gettext as _

from .columns import BOOL, CODE, DATE, Column
from .reader import DATA_SHEET

CODES_SHEET = "Danh mục"
VALIDATION_ROWS = 100_000


def cell_write(sheet: Any, row: int, col: int, value: Any, cell_format: Any = None) -> None:
    """Write one value by its Python type: numbers as numbers, dates as dates, anything else as text.

    xlsxwriter's ``write`` turns a string starting with ``=`` into a formula (and may turn others into numbers
    or links); exports never call it, so data typed by users cannot run in the reader's spreadsheet."""
    if value is None or value == "":
        sheet.write_blank(row, col, None, cell_format)
    elif isinstance(value, bool):
        sheet.write_boolean(row, col, value, cell_format)
    elif isinstance(value, datetime):
        local = timezone.localtime(value) if timezone.is_aware(value) else value
        sheet.write_datetime(row, col, local.replace(tzinfo=None), cell_format)
    elif isinstance(value, date):
        sheet.write_datetime(row, col, value, cell_format)
    elif isinstance(value, int | float | Decimal):
        sheet.write_number(row, col, float(value), cell_format)
    else:
        sheet.write_string(row, col, str(value), cell_format)


def row_write(sheet: Any, row: int, values: Iterable[Any], cell_format: Any = None) -> None:
    """Write a row from column A with :func:`cell_write`."""
    for col, value in enumerate(values):
        cell_write(sheet, row, col, value, cell_format)


def write_workbook(columns: list[Column], rows: Iterable[dict[str, Any]], output: Any = None) -> bytes | None:
    """Write the rows (dicts by column key) to `output` (a path) or return the bytes."""
    buffer = io.BytesIO() if output is None else None
    options = {"in_memory": True} if output is None else {"constant_memory": True}
    workbook = xlsxwriter.Workbook(buffer if buffer is not None else output, options)
    header = workbook.add_format(
        {"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True, "valign": "vcenter"}
    )
    info = workbook.add_format(
        {"bold": True, "bg_color": "#EDEDED", "border": 1, "text_wrap": True, "italic": True}
    )
    date_format = workbook.add_format({"num_format": "dd/mm/yyyy"})
    text_format = workbook.add_format({"num_format": "@"})
    sheet = workbook.add_worksheet(DATA_SHEET)
    codes = workbook.add_worksheet(CODES_SHEET)
    sheet.freeze_panes(1, 0)
    sheet.set_row(0, 32)

    code_col = 0
    for index, column in enumerate(columns):
        fmt = date_format if column.type == DATE else (text_format if column.key.endswith("code") else None)
        sheet.set_column(index, index, column.width, fmt)
        sheet.write_string(0, index, column.header, info if column.informational else header)
        if column.type == CODE and column.choices is not None:
            codes.write_string(0, code_col, column.header, header)
            codes.write_string(0, code_col + 1, _("Ý nghĩa"), header)
            for r, (code, label) in enumerate(column.choices.choices, start=1):
                codes.write_string(r, code_col, code)
                codes.write_string(r, code_col + 1, str(label))
            label_letter = xlsxwriter.utility.xl_col_to_name(code_col + 1)  # the cells hold names
            count = len(column.choices.choices)
            sheet.data_validation(
                1,
                index,
                VALIDATION_ROWS,
                index,
                {
                    "validate": "list",
                    "source": f"='{CODES_SHEET}'!${label_letter}$2:${label_letter}${count + 1}",
                    "error_type": "warning",
                    "error_message": _("Giá trị không có trong danh mục."),
                },
            )
            codes.set_column(code_col, code_col, 18)
            codes.set_column(code_col + 1, code_col + 1, 42)
            code_col += 3
        elif column.type == BOOL:
            sheet.data_validation(
                1,
                index,
                VALIDATION_ROWS,
                index,
                {"validate": "list", "source": [str(_("Có")), str(_("Không"))]},
            )
    for r, row in enumerate(rows, start=1):
        for index, column in enumerate(columns):
            value = column.export(row.get(column.key))
            if value is None or value == "":
                continue
            cell_write(sheet, r, index, value, date_format if isinstance(value, date) else None)
    workbook.close()
    return buffer.getvalue() if buffer is not None else None
