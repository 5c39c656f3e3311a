"""The fund's report, downloaded as Excel and opened with openpyxl, checked cell by cell against a year computed
by hand; the report page shows the same numbers.

The year 2025 of the agency, by hand (đồng):
  opening 10.000.000 (ceiling: 20 % of a salary fund of 500.000.000 = 100.000.000, cần xác minh)
  income: budget 60.000.000 (10/01), contributions 5.000.000 (15/02), a contribution of 1.000.000 cancelled
  the decision of 20/03/2025: Lao động tiên tiến 710.000 (planned), Chiến sĩ thi đua cơ sở 2.340.000 (paid
  27/03, PC-01/2025), Giấy khen of a collective 1.410.000 (planned)
  printing 1.200.000 (25/03, paid 28/03, PC-02/2025); organising 800.000 (01/04, planned)
  → income 65.000.000; paid 2.340.000 + 1.200.000 = 3.540.000; planned 710.000 + 1.410.000 + 800.000 = 2.920.000
  → balance 10.000.000 + 65.000.000 − 3.540.000 = 71.460.000; after the planned ones 68.540.000
"""

import io
from datetime import date, datetime

import openpyxl
import pytest
from django.urls import reverse

from thidua.fund import services
from thidua.fund.models import Category, FundEntry, Source
from thidua.fund.report import LINES_SHEET, SUMMARY_SHEET, YEARS_SHEET

pytestmark = pytest.mark.django_db


@pytest.fixture
def year_2025(org_tree, people, issued):
    officer, agency = people["officer"], org_tree["agency"]
    services.fund_year_save(
        actor=officer, agency=agency, year=2025, opening_balance=10_000_000, ceiling_base=500_000_000
    )

    def income(source, amount, day, text):
        return services.income_add(
            actor=officer,
            agency=agency,
            year=2025,
            source=source,
            amount=amount,
            entry_date=day,
            description=text,
        )

    income(Source.BUDGET, 60_000_000, date(2025, 1, 10), "Dự toán kinh phí thi đua năm 2025")
    income(Source.CONTRIBUTION, 5_000_000, date(2025, 2, 15), "Công đoàn cơ sở hỗ trợ")
    wrong = income(Source.CONTRIBUTION, 1_000_000, date(2025, 2, 20), '=HYPERLINK("http://x")')
    services.entry_cancel(actor=officer, entry=wrong, reason="Ghi nhầm", version=1)
    lines = {
        e.decision_line.code if e.decision_line else "": e
        for e in FundEntry.objects.filter(decision=issued).select_related("decision_line")
    }
    assert {code: e.amount for code, e in lines.items()} == {
        "LDTT": 710_000,
        "CSTDCS": 2_340_000,
        "GIAY_KHEN": 1_410_000,
    }
    services.entry_pay(
        actor=officer, entry=lines["CSTDCS"], paid_on=date(2025, 3, 27), voucher="PC-01/2025", version=1
    )
    services.spending_add(
        actor=officer,
        agency=agency,
        year=2025,
        category=Category.PRINTING,
        amount=1_200_000,
        entry_date=date(2025, 3, 25),
        description="In giấy khen, khung",
        paid_on=date(2025, 3, 28),
        voucher="PC-02/2025",
    )
    services.spending_add(
        actor=officer,
        agency=agency,
        year=2025,
        category=Category.ORGANISING,
        amount=800_000,
        entry_date=date(2025, 4, 1),
        description="Hội nghị phát động thi đua",
    )
    return {"agency": agency, "decision": issued}


def _workbook(client, people, agency):
    client.force_login(people["signer"])
    response = client.get(reverse("fund:report_xlsx", args=[2025]) + f"?co-quan={agency.pk}")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert "quy-thi-dua-khen-thuong-A-2025.xlsx" in response["Content-Disposition"]
    return openpyxl.load_workbook(io.BytesIO(response.content))


def _rows(sheet, first, last, cols):
    return [[sheet.cell(row=r, column=c).value for c in range(1, cols + 1)] for r in range(first, last + 1)]


def test_the_summary_sheet_matches_the_year_computed_by_hand(client, people, year_2025):
    book = _workbook(client, people, year_2025["agency"])
    assert book.sheetnames == [SUMMARY_SHEET, LINES_SHEET, YEARS_SHEET]
    sheet = book[SUMMARY_SHEET]
    assert sheet["A1"].value == "BÁO CÁO THU, CHI QUỸ THI ĐUA, KHEN THƯỞNG NĂM 2025"
    assert sheet["A2"].value == "Sở Khoa học và Công nghệ"
    assert _rows(sheet, 4, 4, 3) == [["Nội dung", "Số tiền (đồng)", "Chưa chi, đã duyệt (đồng)"]]
    assert _rows(sheet, 5, 17, 3) == [
        ["I. Số dư đầu năm", 10_000_000, None],
        ["II. Thu trong năm", 65_000_000, None],
        ["    Ngân sách nhà nước", 60_000_000, None],
        ["    Đóng góp của tổ chức, cá nhân", 5_000_000, None],
        ["    Nguồn hợp pháp khác", 0, None],
        ["    Kết dư năm trước", 0, None],
        ["III. Chi trong năm", 3_540_000, 2_920_000],
        ["    Tiền thưởng theo quyết định", 2_340_000, 710_000 + 1_410_000],
        ["    In ấn, khung", 1_200_000, 0],
        ["    Tổ chức phong trào", 0, 800_000],
        ["    Khác", 0, 0],
        ["IV. Số dư", 71_460_000, None],
        ["V. Số dư sau khi chi các khoản đã duyệt", 68_540_000, None],
    ]
    assert _rows(sheet, 19, 19, 3) == [
        [
            "Mức trích tối đa từ ngân sách nhà nước",
            100_000_000,
            "20% × Tổng quỹ tiền lương theo ngạch, bậc cả năm – cần xác minh",
        ]
    ]
    assert sheet["B5"].number_format == "#,##0"
    assert sheet.column_dimensions["A"].width > 40


def test_the_lines_sheet_lists_every_line_with_its_dates_and_voucher(client, people, year_2025):
    sheet = _workbook(client, people, year_2025["agency"])[LINES_SHEET]
    number = year_2025["decision"].number_symbol
    assert [c.value for c in sheet[2]] == [
        "STT",
        "Ngày",
        "Thu, chi",
        "Nguồn thu, nội dung chi",
        "Diễn giải",
        "Số quyết định",
        "Người, tập thể được khen thưởng",
        "Số tiền (đồng)",
        "Trạng thái",
        "Ngày chi",
        "Số chứng từ",
        "Ghi chú",
    ]
    rows = _rows(sheet, 3, 11, 12)
    day = lambda d: datetime(d.year, d.month, d.day)  # noqa: E731 - dates come back as datetimes
    expected = [
        [
            1,
            day(date(2025, 1, 10)),
            "Thu",
            "Ngân sách nhà nước",
            "Dự toán kinh phí thi đua năm 2025",
            None,
            None,
            60_000_000,
            "Đã thu",
            None,
            None,
            None,
        ],
        [
            2,
            day(date(2025, 2, 15)),
            "Thu",
            "Đóng góp của tổ chức, cá nhân",
            "Công đoàn cơ sở hỗ trợ",
            None,
            None,
            5_000_000,
            "Đã thu",
            None,
            None,
            None,
        ],
        [
            3,
            day(date(2025, 2, 20)),
            "Thu",
            "Đóng góp của tổ chức, cá nhân",
            '=HYPERLINK("http://x")',
            None,
            None,
            1_000_000,
            "Đã hủy",
            None,
            None,
            "Hủy: Ghi nhầm",
        ],
        [
            4,
            day(date(2025, 3, 20)),
            "Chi",
            "Tiền thưởng theo quyết định",
            None,
            number,
            "Nguyễn Văn Lan",
            710_000,
            "Chưa chi",
            None,
            None,
            None,
        ],
        [
            5,
            day(date(2025, 3, 20)),
            "Chi",
            "Tiền thưởng theo quyết định",
            None,
            number,
            "Trần Thị Hoa",
            2_340_000,
            "Đã chi",
            day(date(2025, 3, 27)),
            "PC-01/2025",
            None,
        ],
        [
            6,
            day(date(2025, 3, 20)),
            "Chi",
            "Tiền thưởng theo quyết định",
            None,
            number,
            "Phòng Quản lý khoa học",
            1_410_000,
            "Chưa chi",
            None,
            None,
            None,
        ],
        [
            7,
            day(date(2025, 3, 25)),
            "Chi",
            "In ấn, khung",
            "In giấy khen, khung",
            None,
            None,
            1_200_000,
            "Đã chi",
            day(date(2025, 3, 28)),
            "PC-02/2025",
            None,
        ],
        [
            8,
            day(date(2025, 4, 1)),
            "Chi",
            "Tổ chức phong trào",
            "Hội nghị phát động thi đua",
            None,
            None,
            800_000,
            "Chưa chi",
            None,
            None,
            None,
        ],
        [None] * 12,
    ]
    for got, want in zip(rows, expected, strict=True):
        if want[4] is None and want[0] is not None:  # an awardee's line: its description names them
            assert want[6] in got[4] and number in got[4]
            got = [*got[:4], None, *got[5:]]
        assert got == want
    # A text that looks like a formula stays text; dates are shown as dd/mm/yyyy.
    assert sheet["E5"].data_type == "s"
    assert sheet["B3"].number_format == "dd/mm/yyyy" and sheet["J7"].number_format == "dd/mm/yyyy"
    assert sheet["H3"].number_format == "#,##0"
    assert sheet.column_dimensions["E"].width > 40


def test_the_years_sheet_puts_each_year_by_source(client, people, year_2025):
    sheet = _workbook(client, people, year_2025["agency"])[YEARS_SHEET]
    assert sheet["A1"].value == "QUỸ THI ĐUA, KHEN THƯỞNG THEO NĂM VÀ NGUỒN"
    assert [c.value for c in sheet[3]] == [
        "Năm",
        "Số dư đầu năm",
        "Ngân sách nhà nước",
        "Đóng góp của tổ chức, cá nhân",
        "Nguồn hợp pháp khác",
        "Kết dư năm trước",
        "Tổng thu",
        "Đã chi",
        "Số dư",
        "Chưa chi (đã duyệt)",
        "Số dư sau khi chi các khoản đã duyệt",
    ]
    assert [c.value for c in sheet[4]] == [
        2025,
        10_000_000,
        60_000_000,
        5_000_000,
        0,
        0,
        65_000_000,
        3_540_000,
        71_460_000,
        2_920_000,
        68_540_000,
    ]
    assert sheet.max_row == 4


def test_the_report_page_shows_the_same_numbers(client, people, year_2025):
    client.force_login(people["officer"])
    response = client.get(reverse("fund:report", args=[2025]) + f"?co-quan={year_2025['agency'].pk}")
    html = response.content.decode()
    for text in ("71.460.000", "68.540.000", "65.000.000", "3.540.000", "2.920.000", "100.000.000"):
        assert text in html, text
    (row,) = response.context["years"]
    assert (row.year, row.balance, row.balance_after) == (2025, 71_460_000, 68_540_000)
