"""The statistics tables as an Excel workbook: a sheet per table, its title, the Vietnamese headers, the rows with
numbers as numbers (the exchange toolkit's `cell_write`: nothing a user typed becomes a formula)."""

from __future__ import annotations

import io

import xlsxwriter

from thidua.exchange.writer import cell_write

from .statistics import Table

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Short sheet names (Excel allows 31 characters); a table not named here takes its title, cut.
SHEETS = {
    "awards": "Theo năm và cấp",
    "units": "Theo đơn vị",
    "registrations": "Đăng ký và đạt được",
    "nominations": "Đề nghị và quyết định",
    "targets": "Chỉ tiêu phong trào",
    "quotas": "Tỷ lệ khen thưởng",
}


def tables_xlsx(tables: list[Table], *, subtitle: str) -> bytes:
    """One sheet per table (sheet names cut to Excel's 31 characters): title row, subtitle (the filters), headers
    on row 3, then the rows; the table's note under them."""
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    bold = workbook.add_format({"bold": True, "font_size": 13})
    header = workbook.add_format(
        {"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True, "valign": "vcenter"}
    )
    italic = workbook.add_format({"italic": True, "font_color": "#555555"})
    used: set[str] = set()
    for table in tables:
        name = _sheet_name(SHEETS.get(table.key, table.title), used)
        sheet = workbook.add_worksheet(name)
        cell_write(sheet, 0, 0, table.title, bold)
        cell_write(sheet, 1, 0, subtitle, italic)
        for col, text in enumerate(table.headers):
            cell_write(sheet, 2, col, text, header)
            sheet.set_column(col, col, 40 if col == 0 else 16)
        for r, row in enumerate(table.rows, start=3):
            for col, value in enumerate(row):
                cell_write(sheet, r, col, value)
        if table.note:
            cell_write(sheet, len(table.rows) + 4, 0, table.note, italic)
        sheet.freeze_panes(3, 0)
    workbook.close()
    return buffer.getvalue()


def _sheet_name(title: str, used: set[str]) -> str:
    base = "".join(ch for ch in title if ch not in "[]:*?/\\")[:31]
    name, n = base, 2
    while name in used:
        suffix = f" {n}"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(name)
    return name
