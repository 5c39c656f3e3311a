"""The statutory statistical forms: the circular and the period of a year, each form filled from a hand-built
agency (movements, provincial and State-level awards, the office's people) and compared cell by cell with the
figures worked out by hand below, the Excel file opened and read cell by cell (title, symbol, units, period,
header cells and merges, every data cell, the notes), the page's scope and its query counts."""

from __future__ import annotations

import io
from datetime import date

import openpyxl
import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from thidua.accounts.models import Role, RoleGrant, User
from thidua.clusters.models import Cluster, Covenant
from thidua.commendations.models import AwardRecord
from thidua.movements.models import Movement
from thidua.organizations.models import Assignment, Person, Position
from thidua.reports import statutory
from thidua.reports.statutory_xlsx import HEADER_ROW, statutory_xlsx

pytestmark = pytest.mark.django_db
N = None  # a cell the data cannot fill ("chưa có dữ liệu")


# ---------------------------------------------------------------- the circular and the period


def test_tt_02_2023_governs_from_the_2022_reporting_year_and_tt_03_2018_before():
    assert statutory.circular_for(2021) is statutory.TT_03_2018
    assert statutory.circular_for(2022) is statutory.TT_02_2023
    assert statutory.circular_for(2026) is statutory.TT_02_2023
    assert [f.number for f in statutory.forms_for_year(2021)] == ["0701", "0702", "0703"]
    assert [f.number for f in statutory.forms_for_year(2024)] == ["0601", "0602", "0603", "0604", "0605"]


def test_the_tdkt_statistical_year_runs_from_1_december_to_30_november_under_tt_02_2023():
    period = statutory.reporting_period(2024)
    assert (period.start, period.end) == (date(2023, 12, 1), date(2024, 11, 30))
    assert statutory.reporting_period(2022).start == date(2021, 12, 1)
    assert period.label == "Năm 2024 (từ ngày 01/12/2023 đến ngày 30/11/2024)"


def test_the_years_of_tt_03_2018_are_calendar_years():
    period = statutory.reporting_period(2021)
    assert (period.start, period.end) == (date(2021, 1, 1), date(2021, 12, 31))


def test_row_codes_follow_the_forms():
    codes = [row.code for row in statutory.FORMS["0602"].data_rows]
    assert codes == ["1", "2", "3", *[str(n) for n in range(6, 22)]]
    assert [row.code for row in statutory.FORMS["0603"].data_rows] == [f"{n:02d}" for n in range(1, 18)]
    assert [row.code for row in statutory.FORMS["0605"].data_rows][-1] == "15"
    assert [row.code for row in statutory.FORMS["0701"].data_rows] == [
        "01",
        "02",
        "03",
        "06",
        "07",
        "08",
        "09",
        "10",
        "11",
    ]


# ---------------------------------------------------------------- the agency


@pytest.fixture
def world(org_tree):
    """Three people of the agency (Lan, a woman born 1990; Minh, a division head; Hoa, a woman born 1960), one of
    the other agency; their awards inside and outside the 2024 statistical year; the movements; the logins."""
    agency, div_a, div_b, other = (org_tree[k] for k in ("agency", "div_a", "div_b", "other"))
    clerk = Position.objects.create(name="Chuyên viên")
    head = Position.objects.create(name="Trưởng phòng", is_leadership=True)

    def person(given, unit, position, sex="F", born=None):
        someone = Person.objects.create(
            family_name="Nguyễn", given_name=given, sex=sex, date_of_birth=born, staff_code=given
        )
        Assignment.objects.create(
            person=someone, organization=unit, position=position, start_on=date(2015, 1, 1)
        )
        return someone

    lan = person("Lan", div_a, clerk, born=date(1990, 5, 1))
    minh = person("Minh", div_b, head, sex="M")
    hoa = person("Hoa", div_a, clerk, born=date(1960, 1, 1))
    outsider = person("Tùng", other, clerk, sex="M")

    def award(code, subject, year, decided, track="cong_trang", **extra):
        key = "person" if isinstance(subject, Person) else "organization"
        return AwardRecord.objects.create(
            code=code, year=year, decided_on=decided, track=track, **{key: subject}, **extra
        )

    # Provincial (0603): five in the year, the rest outside it, another agency's, revoked, undated, a title.
    award("BANG_KHEN_TINH", lan, 2023, date(2023, 12, 1))
    award("BANG_KHEN_TINH", minh, 2024, date(2024, 11, 30), "chuyen_de")
    award("BANG_KHEN_TINH", div_b, 2024, date(2024, 6, 1), "dot_xuat")
    award("CSTD_TINH", lan, 2023, date(2024, 3, 20))
    award("CO_TINH", div_a, 2023, date(2024, 3, 20))
    award("BANG_KHEN_TINH", hoa, 2023, date(2023, 11, 30))
    award("BANG_KHEN_TINH", hoa, 2024, date(2024, 12, 1), "nien_han")
    award("BANG_KHEN_TINH", outsider, 2024, date(2024, 5, 1))
    award("BANG_KHEN_TINH", hoa, 2024, date(2024, 5, 1), "doi_ngoai", status="revoked")
    award("CSTD_TINH", hoa, 2024, None)
    award("LDTT", lan, 2024, date(2024, 1, 15))
    # State-level (0602): four in the year, one before it.
    award("BANG_KHEN_TTG", minh, 2023, date(2024, 5, 10))
    award("BANG_KHEN_TTG", div_a, 2023, date(2024, 5, 10))
    award("HCLD_3", lan, 2024, date(2024, 9, 2), "cong_hien")
    award("CO_CHINH_PHU", div_b, 2023, date(2024, 4, 1))
    award("CSTD_TOAN_QUOC", hoa, 2023, date(2023, 10, 1))

    def movement(code, level, kind, start, end, launcher=None, status="launched", launched=None):
        return Movement.objects.create(
            code=code,
            level=level,
            kind=kind,
            title=code,
            period_start=start,
            period_end=end,
            launching_organization=launcher,
            status=status,
            launched_on=launched or (None if status == "draft" else date(start, 1, 15)),
        )

    movement("M1", "national", "thematic", 2021, 2025, launched=date(2021, 1, 1))
    movement("M2", "province", "regular", 2024, 2024, org_tree["province"])
    movement("M3", "agency", "regular", 2023, 2025, agency)
    bloc = movement("M4", "unit", "thematic", 2024, 2025, div_a)
    movement("M5", "agency", "phase", 2022, 2024, agency)
    movement("M6", "agency", "regular", 2024, 2024, agency, status="draft")
    movement("M7", "agency", "regular", 2024, 2024, other)
    movement("M8", "agency", "regular", 2020, 2023, agency)
    movement("M9", "agency", "regular", 2024, 2026, agency, launched=date(2024, 12, 15))
    cluster = Cluster.objects.create(
        province=org_tree["province"], code="K1", name="Khối 1", valid_from=date(2020, 1, 1)
    )
    Covenant.objects.create(cluster=cluster, year=2024, title="Giao ước", movement=bloc)

    def login(username, role, unit, person=None, **grant):
        user = User.objects.create_user(username=username, password="x-Password-123", person=person)
        RoleGrant.objects.create(user=user, role=role, organization=unit, include_subunits=True, **grant)
        return user

    officer = login("officer", Role.OFFICER, agency, lan)
    login("officer2", Role.OFFICER, div_b, minh)
    login("former", Role.OFFICER, agency, hoa, valid_to=date(2024, 6, 30))
    return {
        "agency": agency,
        "officer": officer,
        "other_officer": login("other", Role.OFFICER, other, outsider),
        "staff": login("staff", Role.STAFF, div_a),
        "head": login("head", Role.UNIT_HEAD, div_a),
    }


def report(world, number, year=2024):
    return statutory.statutory_report(
        user=world["officer"], agency=world["agency"], form=statutory.FORMS[number], year=year
    )


def matrix(rep):
    return {row.code: cells for row, cells in rep.table() if not row.heading}


# Worked out by hand from the fixture (columns 1, 2, ... of each form).
EXPECTED = {
    "0601": {
        "01": [5, 1, 1, 3],
        "02": [1, 1, 0, 0],
        "03": [1, 0, 1, 0],
        "04": [1, 0, 0, 1],
        "05": [2, 0, 0, 2],
        "06": [N, N, N, N],
        "07": [N, N, N, N],
        "08": [1, 0, 0, 1],
        "09": [2, 0, 0, 2],
        "10": [1, 1, 0, 0],
        "11": [2, 1, 0, 1],
        "12": [2, 0, 1, 1],
    },
    "0602": {
        "1": [4, 1, N, N, N, 1, 2, 0, N],
        "2": [0, 0, N, N, N, 0, 0, 0, N],
        "3": [4, 1, N, N, N, 1, 2, 0, N],
        "6": [2, 0, N, N, N, 1, 1, 0, N],
        "7": [N] * 9,
        "8": [N] * 9,
        "9": [2, 1, N, N, N, 0, 1, 0, N],
        "10": [N] * 9,
        "11": [N] * 9,
        "12": [N] * 9,
        "13": [N] * 9,
        "14": [1, 1, N, N, N, 0, 0, 0, N],
        "15": [3, 0, N, N, N, 1, 2, 0, N],
        "16": [0, 0, N, N, N, 0, 0, 0, N],
        "17": [0, 0, N, N, N, 0, 0, 0, N],
        "18": [0, 0, N, N, N, 0, 0, 0, N],
        "19": [1, 1, N, N, N, 0, 0, 0, N],
        "20": [0, 0, N, N, N, 0, 0, 0, N],
        "21": [N] * 9,
    },
    "0603": {
        "01": [5, 3, 1, 1, N],
        "02": [2, 1, 0, 1, N],
        "03": [N] * 5,
        "04": [N] * 5,
        "05": [3, 2, 1, 0, N],
        "06": [N] * 5,
        "07": [N] * 5,
        "08": [N] * 5,
        "09": [N] * 5,
        "10": [2, 1, 1, 0, N],
        "11": [3, 1, 1, 1, N],
        "12": [1, 1, 0, 0, N],
        "13": [1, 1, 0, 0, N],
        "14": [0, 0, 0, 0, N],
        "15": [0, 0, 0, 0, N],
        "16": [0, 0, 0, 0, N],
        "17": [N] * 5,
    },
    "0604": {code: [N] for code in ("01", "02", "03", "04", "05")},
    "0605": {
        "01": [2, 1],
        "02": [0, 0],
        "03": [1, 1],
        "04": [0, 0],
        "05": [0, 0],
        "06": [0, 0],
        "07": [0, 0],
        **{f"{n:02d}": [N, N] for n in range(8, 16)},
    },
}


@pytest.mark.parametrize("number", ["0601", "0602", "0603", "0604", "0605"])
def test_each_2024_form_is_filled_as_worked_out_by_hand(world, number):
    assert matrix(report(world, number)) == EXPECTED[number]


def test_the_notes_say_what_could_not_be_counted(world):
    movements = report(world, "0601").notes
    assert any("1 phong trào trong một năm dương lịch" in note for note in movements)
    assert any(note.startswith("1 phong trào theo đợt") for note in movements)
    provincial = report(world, "0603").notes
    assert "1 khen thưởng chưa ghi ngày quyết định, không tính vào biểu." in provincial
    assert any(note.startswith("Cột 5: chưa có dữ liệu") for note in provincial)
    staff = report(world, "0605").notes
    assert "1 người chưa ghi ngày sinh, không tính vào các dòng độ tuổi." in staff


def test_the_2018_movement_form_has_no_column_for_the_agencys_own_movements(world):
    rep = report(world, "0701", 2021)
    assert matrix(rep) == {
        "01": [1, 1, 0],
        "02": [1, 1, 0],
        "03": [0, 0, 0],
        "06": [N, N, N],
        "07": [N, N, N],
        "08": [0, 0, 0],
        "09": [1, 1, 0],
        "10": [1, 1, 0],
        "11": [0, 0, 0],
    }
    assert any(note.startswith("1 phong trào do cơ quan, đơn vị phát động") for note in rep.notes)


@pytest.mark.parametrize(
    ("number", "queries"), [("0601", 1), ("0602", 2), ("0603", 2), ("0604", 0), ("0605", 1), ("0702", 2)]
)
def test_a_form_is_filled_in_grouped_queries(world, number, queries, django_assert_num_queries):
    """The movements and the office's people in one query each; the awards in one, after the user's grants."""
    officer = User.objects.get(pk=world["officer"].pk)  # a fresh user: its grants not read yet
    with django_assert_num_queries(queries):
        statutory.statutory_report(
            user=officer, agency=world["agency"], form=statutory.FORMS[number], year=2024
        )


def test_the_query_counts_do_not_grow_with_the_rows(world):
    def counts():
        officer = User.objects.get(pk=world["officer"].pk)
        return [
            _count_queries(
                lambda n=n: statutory.statutory_report(
                    user=officer, agency=world["agency"], form=statutory.FORMS[n], year=2024
                )
            )
            for n in ("0601", "0603")
        ]

    before = counts()
    lan = Person.objects.get(given_name="Lan")
    for day in range(1, 11):
        AwardRecord.objects.create(
            code="BANG_KHEN_TINH",
            person=lan,
            year=2014 + day,
            track="chuyen_de",
            decided_on=date(2024, 1, day),
        )
        Movement.objects.create(
            code=f"X{day}",
            level="unit",
            kind="regular",
            title="x",
            period_start=2024,
            period_end=2024 + day,
            launching_organization=world["agency"],
            status="launched",
            launched_on=date(2024, 1, day),
        )
    assert counts() == before
    assert matrix(report(world, "0603"))["01"][:2] == [15, 13]
    assert matrix(report(world, "0601"))["01"] == [15, 1, 1, 13]


def _count_queries(call):
    with CaptureQueriesContext(connection) as captured:
        call()
    return len(captured.captured_queries)


# ---------------------------------------------------------------- the Excel file


def _sheet(world, number, year=2024):
    data = statutory_xlsx(report(world, number, year))
    return openpyxl.load_workbook(io.BytesIO(data)).active


def _merges(sheet):
    return {str(r) for r in sheet.merged_cells.ranges}


def _data(sheet, form):
    """The data cells below the header, by row code (headings skipped), as the file holds them."""
    width = 2 + (1 if form.unit_column else 0) + len(form.columns)
    header_depth = 3 if any(c.group for c in form.columns) else 2
    first = HEADER_ROW + header_depth
    rows = {}
    for line in sheet.iter_rows(
        min_row=first, max_row=first + len(form.rows) - 1, max_col=width, values_only=True
    ):
        if line[1] is not None:
            rows[line[1]] = list(line[width - len(form.columns) :])
    return rows


def test_the_0603_file_has_the_forms_heading_header_and_every_cell(world):
    sheet = _sheet(world, "0603")
    assert sheet.title == "0603"
    assert sheet["A1"].value == "Biểu số: 0603.N/BNV-TĐKT"
    assert (
        sheet["A2"].value == "Ban hành theo Thông tư số 02/2023/TT-BNV ngày 23/3/2023 của Bộ trưởng Bộ Nội vụ"
    )
    assert sheet["G1"].value == "Đơn vị báo cáo: Sở Khoa học và Công nghệ"
    assert sheet["G2"].value == "Đơn vị nhận báo cáo: Ủy ban nhân dân tỉnh"
    assert sheet["A4"].value == (
        "SỐ LƯỢNG KHEN THƯỞNG CẤP BỘ, BAN, NGÀNH, ĐOÀN THỂ TRUNG ƯƠNG VÀ TỈNH, THÀNH PHỐ TRỰC THUỘC TRUNG ƯƠNG"
    )
    assert sheet["A4"].font.bold
    assert sheet["A5"].value == "Năm 2024 (từ ngày 01/12/2023 đến ngày 30/11/2024)"
    assert [sheet.cell(7, c).value for c in range(1, 9)] == [
        N,
        "Mã số",
        "Đơn vị tính",
        "Tổng số",
        "Chia ra",
        N,
        N,
        N,
    ]
    assert [sheet.cell(8, c).value for c in range(5, 9)] == [
        "Bằng khen",
        "Chiến sĩ thi đua cấp bộ, cấp tỉnh",
        "Cờ thi đua của bộ, ban, ngành, đoàn thể Trung ương, tỉnh, thành phố trực thuộc Trung ương",
        "Huy hiệu (kỷ niệm chương) của bộ, ban, ngành, đoàn thể Trung ương, tỉnh, thành phố trực thuộc Trung ương",
    ]
    assert [sheet.cell(9, c).value for c in range(1, 9)] == ["A", "B", "C", "1", "2", "3", "4", "5"]
    assert {
        "A1:B1",
        "A2:B2",
        "G1:H1",
        "G2:H2",
        "A4:H4",
        "A5:H5",
        "A7:A8",
        "B7:B8",
        "C7:C8",
        "D7:D8",
        "E7:H7",
    } <= (_merges(sheet))
    assert sheet["A10"].value == "Tổng số" and sheet["B10"].value == "01"
    assert sheet["A11"].value == "1. Chia theo đối tượng khen thưởng" and sheet["B11"].value is None
    assert (sheet["A13"].value, sheet["B13"].value, sheet["C13"].value) == (
        "Trong đó: Doanh nghiệp",
        "03",
        "Doanh nghiệp",
    )
    assert _data(sheet, statutory.FORMS["0603"]) == EXPECTED["0603"]
    texts = [sheet.cell(r, 1).value for r in range(1, sheet.max_row + 1)]
    assert "Ghi chú:" in texts
    assert "1 khen thưởng chưa ghi ngày quyết định, không tính vào biểu." in texts
    assert "Người lập biểu" in texts and "(Ký, họ tên)" in texts
    signs = [sheet.cell(r, 7).value for r in range(1, sheet.max_row + 1)]
    assert "Thủ trưởng đơn vị" in signs and "(Ký, họ tên, đóng dấu)" in signs


def test_the_0601_file_prints_the_total_formula_and_the_unit_line(world):
    sheet = _sheet(world, "0601")
    assert sheet["A1"].value == "Biểu số: 0601.N/BNV-TĐKT"
    assert sheet["A4"].value == "SỐ PHONG TRÀO THI ĐUA"
    assert sheet["A6"].value == "Đơn vị tính: Phong trào"
    assert [sheet.cell(7, c).value for c in range(1, 7)] == [
        N,
        "Mã số",
        "Tổng số",
        "Số phong trào thi đua chia theo cấp chủ trì phát động thi đua",
        N,
        N,
    ]
    assert [sheet.cell(8, c).value for c in range(4, 7)] == [
        "Cấp Trung ương (Hội đồng Thi đua - Khen thưởng Trung ương)",
        "Cấp bộ, ban ngành đoàn thể trung ương, tỉnh, thành phố trực thuộc Trung ương",
        "Cơ quan, tổ chức, đơn vị",
    ]
    assert [sheet.cell(9, c).value for c in range(1, 7)] == ["A", "B", "1=(2+3+4)", "2", "3", "4"]
    assert {"A7:A8", "B7:B8", "C7:C8", "D7:F7", "A4:F4", "E1:F1"} <= _merges(sheet)
    assert _data(sheet, statutory.FORMS["0601"]) == EXPECTED["0601"]


def test_the_0602_file(world):
    sheet = _sheet(world, "0602")
    assert sheet["A1"].value == "Biểu số: 0602.N/BNV-TĐKT"
    assert sheet["A4"].value == "SỐ LƯỢNG KHEN THƯỞNG CẤP NHÀ NƯỚC"
    assert [sheet.cell(9, c).value for c in range(1, 13)] == ["A", "B", "C", *[str(n) for n in range(1, 10)]]
    assert sheet.cell(8, 9).value == "Cờ thi đua của Chính phủ"
    assert {"E7:L7", "D7:D8", "K1:L1"} <= _merges(sheet)
    assert _data(sheet, statutory.FORMS["0602"]) == EXPECTED["0602"]


def test_the_0604_and_0605_files(world):
    sheet = _sheet(world, "0604")
    assert sheet["A1"].value == "Biểu số: 0604.N/BNV-TĐKT"
    assert [sheet.cell(7, c).value for c in range(1, 5)] == [N, "Mã số", "Đơn vị tính", "Số lượng"]
    assert [sheet.cell(8, c).value for c in range(1, 5)] == ["A", "B", "C", "1"]
    assert _data(sheet, statutory.FORMS["0604"]) == EXPECTED["0604"]
    sheet = _sheet(world, "0605")
    assert [sheet.cell(7, c).value for c in range(1, 5)] == [N, "Mã số", "Số lượng (Người)", N]
    assert [sheet.cell(8, c).value for c in range(3, 5)] == ["Tổng số", "Trong đó: Nữ"]
    assert {"C7:D7", "A7:A8", "B7:B8"} <= _merges(sheet)
    assert _data(sheet, statutory.FORMS["0605"]) == EXPECTED["0605"]


def test_the_0701_file_names_the_2018_circular_and_the_calendar_year(world):
    sheet = _sheet(world, "0701", 2021)
    assert sheet["A1"].value == "Biểu số: 0701.N/BNV-TĐKT"
    assert (
        sheet["A2"].value == "Ban hành theo Thông tư số 03/2018/TT-BNV ngày 06/3/2018 của Bộ trưởng Bộ Nội vụ"
    )
    assert sheet["A5"].value == "Năm 2021 (từ ngày 01/01/2021 đến ngày 31/12/2021)"
    assert [sheet.cell(9, c).value for c in range(1, 6)] == ["A", "B", "1=(2+3)", "2", "3"]


# ---------------------------------------------------------------- the page


def _client(user):
    client = Client()
    client.force_login(user)
    return client


URL = "/thong-ke/bao-cao-thong-ke/"


def test_the_page_is_at_its_address_and_previews_the_chosen_form(world):
    assert reverse("reports:statutory") == URL
    response = _client(world["officer"]).get(URL, {"nam": 2024, "bieu": "0603"})
    assert response.status_code == 200
    report_ = response.context["report"]
    assert report_.form.number == "0603" and report_.agency == world["agency"]
    content = response.content.decode()
    assert "0603.N/BNV-TĐKT" in content and "Năm 2024 (từ ngày 01/12/2023 đến ngày 30/11/2024)" in content
    assert 'data-row="01"' in content and "chưa có dữ liệu" in content
    assert "statutory-pending" not in content


def test_a_form_of_the_other_circular_falls_back_to_the_years_first_form(world):
    response = _client(world["officer"]).get(URL, {"nam": 2021, "bieu": "0603"})
    assert response.context["form"].number == "0701"


def test_from_2025_the_page_warns_that_tt_18_2025_is_unchecked(world):
    response = _client(world["officer"]).get(URL, {"nam": 2025})
    assert b"statutory-pending" in response.content


def test_the_download_is_the_chosen_form_as_xlsx(world):
    response = _client(world["officer"]).get(reverse("reports:statutory_xlsx"), {"nam": 2024, "bieu": "0602"})
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="bieu-0602-2024-A.xlsx"'
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet["A1"].value == "Biểu số: 0602.N/BNV-TĐKT"


def test_staff_and_unit_heads_are_refused_and_anonymous_users_sent_to_login(world):
    for who in ("staff", "head"):
        assert _client(world[who]).get(URL).status_code == 403
        assert _client(world[who]).get(reverse("reports:statutory_xlsx")).status_code == 403
    assert Client().get(URL).status_code == 302


def test_another_agencys_officer_gets_a_404_for_this_agency_and_sees_only_its_own(world):
    other = _client(world["other_officer"])
    agency = world["agency"].pk
    assert other.get(URL, {"co-quan": agency}).status_code == 404
    assert other.get(reverse("reports:statutory_xlsx"), {"co-quan": agency}).status_code == 404
    response = other.get(URL, {"nam": 2024, "bieu": "0603"})
    assert response.context["agency"].name == "Sở Tài chính"
    assert matrix(response.context["report"])["01"] == [
        1,
        1,
        0,
        0,
        N,
    ]  # Tùng's Bằng khen, not the agency's five


@pytest.mark.parametrize(("number", "queries"), [("0601", 8), ("0603", 8)])
def test_the_page_query_count_is_pinned(world, number, queries, django_assert_num_queries):
    client = _client(world["officer"])
    client.get(URL, {"nam": 2024, "bieu": number})  # the session warmed
    with django_assert_num_queries(queries):
        client.get(URL, {"nam": 2024, "bieu": number})
