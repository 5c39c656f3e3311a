"""Import: dry run reports every row's errors; nothing is written unless the whole file is clean; then one
transaction writes it all; duplicates in the DB are updates by natural key."""

from datetime import date

import pytest

from thidua.appraisals.models import Appraisal, Discipline, Leave
from thidua.commendations.models import AwardRecord
from thidua.exchange.services import facts_export, facts_import_file, facts_template
from thidua.initiatives.models import Initiative, InitiativeAuthor
from thidua.organizations.models import Person

from .conftest import RATINGS_HEADER, make_xlsx

pytestmark = pytest.mark.django_db


def _ratings(rows):
    return make_xlsx(rows, header=RATINGS_HEADER)


def test_dry_run_reports_every_rows_errors_in_vietnamese_and_writes_nothing(facts_world):
    data = _ratings(
        [
            ["CB001", "", 2024, "HTTNV", None, None, ""],
            ["CB404", "", 2024, "HTTNV", None, None, ""],  # unknown person
            ["CB002", "", 2024, "GIOI", None, None, ""],  # rating not in the list
            ["CB001", "", 2024, "HTXSNV", None, None, ""],  # duplicate in file
            ["CB003", "", "năm ngoái", "HTNV", None, None, ""],  # bad year
        ]
    )
    outcome = facts_import_file(kind_name="ratings", data=data, user=facts_world["officer"], dry_run=False)
    lines = outcome.error_lines()
    assert "Dòng 3, cột 'Mã cán bộ': Không tìm thấy cán bộ có mã “CB404”." in lines
    assert any(line.startswith("Dòng 4, cột 'Xếp loại': “GIOI” không có trong danh mục") for line in lines)
    assert any(line.startswith("Dòng 5: Trùng với dòng 2 trong tệp") for line in lines)
    assert any(line.startswith("Dòng 6, cột 'Năm'") for line in lines)
    assert not outcome.written
    assert Appraisal.objects.count() == 0


def test_clean_file_is_written_in_one_go_and_reimport_updates(facts_world):
    data = _ratings(
        [
            ["CB001", "", 2024, "HTTNV", None, None, ""],
            ["CB002", "", 2024, "Hoàn thành xuất sắc nhiệm vụ", 10, "A-VP", "ghi chú"],
        ]
    )
    dry = facts_import_file(kind_name="ratings", data=data, user=facts_world["officer"], dry_run=True)
    assert dry.clean and (dry.created, dry.updated) == (2, 0)
    assert Appraisal.objects.count() == 0
    done = facts_import_file(kind_name="ratings", data=data, user=facts_world["officer"], dry_run=False)
    assert done.written and (done.created, done.updated) == (2, 0)
    an = Appraisal.objects.get(person__staff_code="CB001")
    assert (an.rating, an.months_worked, an.organization.code) == ("HTTNV", 12, "A-VP")
    assert Appraisal.objects.get(person__staff_code="CB002").rating == "HTXSNV"
    again = facts_import_file(
        kind_name="ratings",
        data=_ratings([["CB001", "", 2024, "HTNV", None, None, ""]]),
        user=facts_world["officer"],
        dry_run=False,
    )
    assert (again.created, again.updated) == (0, 1)
    assert Appraisal.objects.get(person__staff_code="CB001").rating == "HTNV"


def test_officer_cannot_import_people_of_another_agency(facts_world):
    data = _ratings([["CB900", "", 2024, "HTTNV", None, None, ""]])
    outcome = facts_import_file(kind_name="ratings", data=data, user=facts_world["officer"], dry_run=False)
    assert outcome.error_lines() == [
        "Dòng 2, cột 'Mã cán bộ': Cán bộ “CB900” không thuộc đơn vị bạn quản lý."
    ]
    assert Appraisal.objects.count() == 0


def test_bad_dates_are_reported_with_the_expected_format(facts_world):
    header = ["Mã cán bộ", "Năm", "Loại nghỉ", "Từ ngày", "Đến ngày", "Số ngày làm việc"]
    data = make_xlsx(
        [
            ["CB001", 2024, "maternity", "31/02/2024", "01/08/2024", 120],
            ["CB002", 2024, "Thai sản", "01/03/2024", "2024/08/01", 120],
        ],
        header=header,
    )
    outcome = facts_import_file(kind_name="leave", data=data, user=None, dry_run=True)
    assert (
        "Dòng 2, cột 'Từ ngày': Ngày “31/02/2024” không hợp lệ: ghi theo dạng dd/mm/yyyy, ví dụ 05/09/2024."
        in outcome.error_lines()
    )
    assert any(e.startswith("Dòng 3, cột 'Đến ngày'") for e in outcome.error_lines())


def test_every_kind_round_trips_export_edit_import(facts_world):
    people = facts_world["people"]
    Appraisal.objects.create(
        person=people["CB001"], year=2023, rating="HTXSNV", organization=facts_world["orgs"]["div_a"]
    )
    Leave.objects.create(
        person=people["CB001"],
        year=2023,
        kind="maternity",
        start_on=date(2023, 3, 1),
        end_on=date(2023, 8, 31),
        working_days=126,
    )
    Discipline.objects.create(
        person=people["CB002"],
        form="khien_trach",
        decision_number="05/QĐ",
        decided_on=date(2023, 5, 2),
        effective_from=date(2023, 5, 2),
    )
    initiative = Initiative.objects.create(
        code="SK-1",
        title="Số hóa hồ sơ",
        kind="initiative",
        level="co_so",
        organization=facts_world["orgs"]["div_a"],
        recognized_on=date(2023, 11, 1),
    )
    InitiativeAuthor.objects.create(initiative=initiative, person=people["CB001"], share_pct=60)
    InitiativeAuthor.objects.create(initiative=initiative, person=people["CB002"], share_pct=40)
    AwardRecord.objects.create(
        code="LDTT", person=people["CB001"], year=2023, decision_number="1/QĐ", decided_on=date(2024, 1, 15)
    )
    AwardRecord.objects.create(code="TTLDTT", organization=facts_world["orgs"]["div_a"], year=2023)
    officer = facts_world["officer"]
    for kind in ("people", "ratings", "leave", "discipline", "initiatives", "awards"):
        data = facts_export(kind_name=kind, user=officer)
        assert data is not None
        outcome = facts_import_file(kind_name=kind, data=data, user=officer, dry_run=False)
        assert outcome.clean, (kind, outcome.error_lines())
        assert outcome.created == 0 and outcome.updated > 0, kind
    assert Appraisal.objects.get().rating == "HTXSNV"
    assert sorted(InitiativeAuthor.objects.values_list("share_pct", flat=True)) == [40, 60]
    assert AwardRecord.objects.count() == 2 and Leave.objects.get().working_days == 126


def test_template_has_headers_and_a_codes_sheet():
    from io import BytesIO

    from openpyxl import load_workbook

    workbook = load_workbook(BytesIO(facts_template(kind_name="ratings")))
    assert workbook.sheetnames == ["Dữ liệu", "Danh mục"]
    assert [c.value for c in workbook["Dữ liệu"][1]] == RATINGS_HEADER
    codes = [row[0] for row in workbook["Danh mục"].iter_rows(min_row=2, values_only=True)]
    assert codes[:4] == ["HTXSNV", "HTTNV", "HTNV", "KHTNV"]


def test_people_import_creates_people_with_their_first_assignment(facts_world):
    header = [
        "Mã cán bộ",
        "Họ",
        "Tên đệm",
        "Tên",
        "Giới tính",
        "Ngày sinh",
        "Ngày tuyển dụng",
        "Mã đơn vị",
        "Chức vụ",
    ]
    data = make_xlsx(
        [
            ["CB100", "Đỗ", "Thị", "Hoa", "Nữ", "05/09/1990", "01/07/2024", "A-VP", "Chuyên viên"],
            ["CB101", "Đỗ", "", "Nam", "M", None, None, "B", "Chuyên viên"],
        ],
        header=header,
    )
    outcome = facts_import_file(kind_name="people", data=data, user=facts_world["officer"], dry_run=False)
    assert outcome.error_lines() == ["Dòng 3, cột 'Mã đơn vị': Đơn vị “B” không thuộc phạm vi bạn quản lý."]
    assert not Person.objects.filter(staff_code__in=["CB100", "CB101"]).exists()
    ok = facts_import_file(
        kind_name="people",
        data=make_xlsx(
            [["CB100", "Đỗ", "Thị", "Hoa", "Nữ", "05/09/1990", "01/07/2024", "A-VP", "Chuyên viên"]],
            header=header,
        ),
        user=facts_world["officer"],
        dry_run=False,
    )
    assert ok.written
    hoa = Person.objects.get(staff_code="CB100")
    assert (hoa.sex, hoa.date_of_birth, hoa.assignments.get().organization.code) == (
        "F",
        date(1990, 9, 5),
        "A-VP",
    )


def test_initiative_rows_of_one_initiative_must_agree_and_shares_not_exceed_100(facts_world):
    header = [
        "Mã sáng kiến",
        "Tên sáng kiến, đề tài",
        "Loại",
        "Phạm vi ảnh hưởng",
        "Mã đơn vị áp dụng",
        "Ngày công nhận",
        "Mã cán bộ tác giả",
        "Tỷ lệ đóng góp (%)",
    ]
    data = make_xlsx(
        [
            ["SK-9", "A", "initiative", "co_so", "A-VP", "01/10/2024", "CB001", 70],
            ["SK-9", "A", "initiative", "tinh", "A-VP", "01/10/2024", "CB002", 40],
        ],
        header=header,
    )
    lines = facts_import_file(kind_name="initiatives", data=data, user=None, dry_run=True).error_lines()
    assert "Dòng 3, cột 'Phạm vi ảnh hưởng': Khác với dòng 2 của cùng sáng kiến “SK-9”." in lines
    assert any("vượt quá 100%" in line for line in lines)
