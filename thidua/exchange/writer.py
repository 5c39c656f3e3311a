"""Writing the Excel templates and exports (xlsxwriter): the 'Dữ liệu' sheet with the Vietnamese headers,
dates as dd/mm/yyyy and drop-down lists of codes; the 'Danh mục' sheet with the allowed codes and their labels.
An export is the template with rows, so that export → edit → import round-trips."""

import io
from collections.abc import Iterable
from datetime import date
from typing import Any

import xlsxwriter
from django.utils.translation import gettext as _

from .columns import BOOL, CODE, DATE, Column
from .reader import DATA_SHEET

CODES_SHEET = "Danh mục"
VALIDATION_ROWS = 100_000


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
            letter = xlsxwriter.utility.xl_col_to_name(code_col)
            count = len(column.choices.choices)
            sheet.data_validation(
                1,
                index,
                VALIDATION_ROWS,
                index,
                {
                    "validate": "list",
                    "source": f"='{CODES_SHEET}'!${letter}$2:${letter}${count + 1}",
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
            if isinstance(value, date):
                sheet.write_datetime(r, index, value, date_format)
            elif isinstance(value, int | float):
                sheet.write_number(r, index, value)
            else:
                sheet.write_string(r, index, str(value))
    workbook.close()
    return buffer.getvalue() if buffer is not None else None
