"""The fund's report as Excel (the same numbers as the report page): the year by source and by category, every
line of the year, and the years side by side by source.

Written with xlsxwriter through the exchange toolkit's `cell_write` (text stays text: a description starting
with "=" never becomes a formula), Vietnamese headers, dates as dd/mm/yyyy, amounts as whole numbers shown with
thousands separators.
"""

from __future__ import annotations

import io
from typing import Any

import xlsxwriter
from django.utils.translation import gettext as _

from thidua.exchange.writer import cell_write
from thidua.organizations.models import Organization

from .models import FundEntry, FundYear, Source
from .selectors import Totals, YearRow

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MONEY_FORMAT = "#,##0"
SUMMARY_SHEET = "Tổng hợp"
LINES_SHEET = "Chi tiết"
YEARS_SHEET = "Theo năm"


def line_headers() -> list[str]:
    return [
        _("STT"),
        _("Ngày"),
        _("Thu, chi"),
        _("Nguồn thu, nội dung chi"),
        _("Diễn giải"),
        _("Số quyết định"),
        _("Người, tập thể được khen thưởng"),
        _("Số tiền (đồng)"),
        _("Trạng thái"),
        _("Ngày chi"),
        _("Số chứng từ"),
        _("Ghi chú"),
    ]


def year_headers() -> list[str]:
    return [
        _("Năm"),
        _("Số dư đầu năm"),
        *[str(label) for _code, label in Source.choices],
        _("Tổng thu"),
        _("Đã chi"),
        _("Số dư"),
        _("Chưa chi (đã duyệt)"),
        _("Số dư sau khi chi các khoản đã duyệt"),
    ]


def summary_rows(totals: Totals) -> list[tuple[str, Any, Any]]:
    """The year's summary as (label, amount, planned amount or None): the rows of the page and the sheet."""
    rows: list[tuple[str, Any, Any]] = [("I. " + _("Số dư đầu năm"), totals.opening, None)]
    rows.append(("II. " + _("Thu trong năm"), totals.income_total, None))
    for _code, label, amount in totals.income_rows():
        rows.append(("    " + label, amount, None))
    rows.append(("III. " + _("Chi trong năm"), totals.paid_total, totals.planned_total))
    for _code, label, paid, planned in totals.spending_rows():
        rows.append(("    " + label, paid, planned))
    rows.append(("IV. " + _("Số dư"), totals.balance, None))
    rows.append(("V. " + _("Số dư sau khi chi các khoản đã duyệt"), totals.balance_after, None))
    return rows


def fund_xlsx(
    *,
    agency: Organization,
    year: int,
    book: FundYear | None,
    totals: Totals,
    entries: list[FundEntry],
    years: list[YearRow],
) -> bytes:
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    title = workbook.add_format({"bold": True, "font_size": 13})
    header = workbook.add_format(
        {"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True, "valign": "vcenter"}
    )
    amount = workbook.add_format({"num_format": MONEY_FORMAT})
    bold_amount = workbook.add_format({"num_format": MONEY_FORMAT, "bold": True})
    bold = workbook.add_format({"bold": True})
    day = workbook.add_format({"num_format": "dd/mm/yyyy"})
    wrap = workbook.add_format({"text_wrap": True, "valign": "top"})

    # ---- the year's summary
    sheet = workbook.add_worksheet(SUMMARY_SHEET)
    cell_write(
        sheet,
        0,
        0,
        _("BÁO CÁO THU, CHI QUỸ THI ĐUA, KHEN THƯỞNG NĂM %(year)s") % {"year": year},
        title,
    )
    cell_write(sheet, 1, 0, agency.name)
    for col, text in enumerate((_("Nội dung"), _("Số tiền (đồng)"), _("Chưa chi, đã duyệt (đồng)"))):
        cell_write(sheet, 3, col, text, header)
    row = 4
    for label, value, planned in summary_rows(totals):
        top = not label.startswith(" ")
        cell_write(sheet, row, 0, label, bold if top else None)
        cell_write(sheet, row, 1, value, bold_amount if top else amount)
        if planned is not None:
            cell_write(sheet, row, 2, planned, bold_amount if top else amount)
        row += 1
    if book is not None and book.ceiling_amount is not None:
        row += 1
        cell_write(sheet, row, 0, _("Mức trích tối đa từ ngân sách nhà nước"), bold)
        cell_write(sheet, row, 1, book.ceiling_amount, amount)
        note = _("%(percent)s%% × %(base)s") % {
            "percent": f"{book.ceiling_percent.normalize():f}".replace(".", ","),
            "base": book.get_ceiling_base_kind_display(),
        }
        if not book.ceiling_verified:
            note += " – " + _("cần xác minh")
        cell_write(sheet, row, 2, note)
    sheet.set_column(0, 0, 48)
    sheet.set_column(1, 2, 22)

    # ---- the lines
    lines = workbook.add_worksheet(LINES_SHEET)
    cell_write(lines, 0, 0, _("CÁC KHOẢN THU, CHI NĂM %(year)s") % {"year": year}, title)
    for col, text in enumerate(line_headers()):
        cell_write(lines, 1, col, text, header)
    for index, entry in enumerate(entries, start=1):
        line = entry.decision_line
        values: list[Any] = [
            index,
            entry.entry_date,
            entry.get_direction_display(),
            entry.kind_display,
            entry.description,
            entry.decision.number_symbol if entry.decision is not None else "",
            line.subject_name if line is not None else "",
            entry.amount,
            entry.status_display,
            entry.paid_on,
            entry.voucher,
            entry.note,
        ]
        for col, value in enumerate(values):
            fmt = day if col in (1, 9) else (amount if col == 7 else (wrap if col in (4, 11) else None))
            cell_write(lines, index + 1, col, value, fmt)
    for col, width in enumerate((5, 12, 8, 28, 50, 18, 30, 16, 12, 12, 16, 40)):
        lines.set_column(col, col, width)
    lines.freeze_panes(2, 0)

    # ---- the years by source
    by_year = workbook.add_worksheet(YEARS_SHEET)
    cell_write(by_year, 0, 0, _("QUỸ THI ĐUA, KHEN THƯỞNG THEO NĂM VÀ NGUỒN"), title)
    cell_write(by_year, 1, 0, agency.name)
    for col, text in enumerate(year_headers()):
        cell_write(by_year, 2, col, text, header)
    for index, item in enumerate(years, start=3):
        values = [
            item.year,
            item.opening,
            *[item.income_of(code) for code in Source.values],
            item.income_total,
            item.paid,
            item.balance,
            item.planned,
            item.balance_after,
        ]
        for col, value in enumerate(values):
            cell_write(by_year, index, col, value, None if col == 0 else amount)
    by_year.set_column(0, 0, 8)
    by_year.set_column(1, len(year_headers()) - 1, 18)
    by_year.freeze_panes(3, 1)

    workbook.close()
    return buffer.getvalue()
