"""The statistics page's figures against a hand-built agency (expected numbers worked out by hand below), its
scope, its filters and their refusals, its query counts, and its Excel export opened cell by cell.

The agency A (org_tree: province → A → Văn phòng (div_a), Phòng QLKH (div_b); another agency B):

    people (posts)                       active awards (year, code, level, track)
    Lan   div_a 2020–                    2023 LDTT (cơ sở), 2023 CSTDCS (cơ sở), 2024 BANG_KHEN_TINH (tỉnh)
    Minh  div_a 2020–30/06/2023,         2023 LDTT (cơ sở) — his last post of 2023 is div_b
          div_b 01/07/2023–
    Hoa   div_b 2020–                    2024 LDTT (cơ sở); 2023 LDTT revoked (not counted)
    Tuan  div_b 2024–                    2024 BANG_KHEN_TTG (Chính phủ), track chuyên đề
    Khoa  agency B 2020–                 2024 LDTT (another agency: never counted for A)
    collectives: div_b 2024 TTLDTT (cơ sở), the agency A 2024 CO_TINH (tỉnh)

By year and level, 2023–2024: 2023 cơ sở 3; 2024 cơ sở 2, tỉnh 2, Chính phủ 1 — 8 in all.
By unit: A itself 1 (CO_TINH, no staff), div_a 3 (Lan's three) with 2 staff (Lan, Minh) → 150,0 per 100;
div_b 4 (Minh's LĐTT 2023, Hoa, Tuan, the collective) with 3 staff (Minh, Hoa, Tuan) → 133,3; total 8 on 4 staff → 200.
"""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import openpyxl
import pytest

from thidua.accounts.models import Role
from thidua.appraisals.models import Registration, RegistrationLine, RegistrationRound, RegistrationStatus
from thidua.commendations.models import AwardRecord, AwardStatus
from thidua.core.codes import AwardTrack
from thidua.movements.models import (
    Movement,
    MovementLevel,
    ProgressReport,
    ReportPeriod,
    ReportStatus,
    ReportValue,
    Target,
)
from thidua.nominations.models import BatchStatus, Nomination, NominationStatus, ProposalBatch
from thidua.organizations.models import Assignment, Person, Position
from thidua.reports import statistics as stats

URL = "/thong-ke/"


def _person(given: str, n: int, posts: list[tuple]) -> Person:
    person = Person.objects.create(
        family_name="Nguyễn", middle_name="Thị", given_name=given, sex="F", staff_code=f"S{n}"
    )
    position, _ = Position.objects.get_or_create(name="Chuyên viên")
    for organization, start, end in posts:
        Assignment.objects.create(
            person=person, organization=organization, position=position, start_on=start, end_on=end
        )
    return person


def _award(code: str, year: int, *, person=None, organization=None, **extra) -> AwardRecord:
    return AwardRecord.objects.create(code=code, year=year, person=person, organization=organization, **extra)


@pytest.fixture
def world(org_tree):
    a, div_a, div_b, other = org_tree["agency"], org_tree["div_a"], org_tree["div_b"], org_tree["other"]
    start = date(2020, 1, 1)
    lan = _person("Lan", 1, [(div_a, start, None)])
    minh = _person("Minh", 2, [(div_a, start, date(2023, 6, 30)), (div_b, date(2023, 7, 1), None)])
    hoa = _person("Hoa", 3, [(div_b, start, None)])
    tuan = _person("Tuấn", 4, [(div_b, date(2024, 1, 1), None)])
    khoa = _person("Khoa", 5, [(other, start, None)])
    _award("LDTT", 2023, person=lan)
    _award("CSTDCS", 2023, person=lan)
    _award("BANG_KHEN_TINH", 2024, person=lan)
    _award("LDTT", 2023, person=minh)
    _award("LDTT", 2024, person=hoa)
    _award("LDTT", 2023, person=hoa, status=AwardStatus.REVOKED)
    _award("BANG_KHEN_TTG", 2024, person=tuan, track=AwardTrack.CHUYEN_DE)
    _award("LDTT", 2024, person=khoa)
    _award("TTLDTT", 2024, organization=div_b)
    _award("CO_TINH", 2024, organization=a)
    return {**org_tree, "lan": lan, "minh": minh, "hoa": hoa, "tuan": tuan, "khoa": khoa}


@pytest.fixture
def cycle_facts(world):
    """Registrations, nominations and movement targets of 2024 (expected figures in each test)."""
    a, div_a, div_b, other = world["agency"], world["div_a"], world["div_b"], world["other"]
    round_ = RegistrationRound.objects.create(organization=a, year=2024, deadline=date(2024, 1, 31))
    sent = Registration.objects.create(round=round_, unit=div_b, status=RegistrationStatus.SENT)
    RegistrationLine.objects.create(registration=sent, person=world["hoa"], code="LDTT")  # achieved
    RegistrationLine.objects.create(registration=sent, person=world["tuan"], code="CSTDCS")  # not achieved
    RegistrationLine.objects.create(registration=sent, person=None, code="TTLDTT")  # achieved (div_b's)
    draft = Registration.objects.create(round=round_, unit=div_a, status=RegistrationStatus.NOT_SENT)
    RegistrationLine.objects.create(registration=draft, person=world["lan"], code="LDTT")  # never sent

    def batch(unit, office, status=BatchStatus.SUBMITTED):
        return ProposalBatch.objects.create(
            unit=unit, office=office, year=2024, title="Tờ trình", status=status
        )

    def line(b, person, code, status):
        return Nomination.objects.create(batch=b, person=person, code=code, year=2024, status=status)

    b1, b2, b3 = batch(div_a, a), batch(div_b, a), batch(other, other)
    line(b1, world["lan"], "BANG_KHEN_TINH", NominationStatus.AWARDED)
    line(b1, world["lan"], "CSTD_TINH", NominationStatus.NOT_PASSED)
    line(b1, world["lan"], "CSTDCS", NominationStatus.DRAFT)  # not sent
    line(b2, world["hoa"], "CSTDCS", NominationStatus.PROPOSED)  # pending
    line(b2, world["tuan"], "BANG_KHEN_TTG", NominationStatus.WITHDRAWN)  # taken back
    line(b3, world["khoa"], "LDTT", NominationStatus.AWARDED)  # another agency

    movement = Movement.objects.create(
        code="M1",
        level=MovementLevel.AGENCY,
        title="Thi đua chuyển đổi số",
        period_start=2021,
        period_end=2025,
        launching_organization=a,
    )
    t1 = Target.objects.create(
        movement=movement,
        organization=div_a,
        year=2024,
        indicator="Hồ sơ số hóa",
        unit_of_measure="%",
        target_value=Decimal(10),
    )
    t2 = Target.objects.create(
        movement=movement,
        organization=div_b,
        year=2024,
        indicator="Dịch vụ công",
        unit_of_measure="%",
        target_value=Decimal(5),
    )
    Target.objects.create(
        movement=movement,
        organization=div_a,
        year=2024,
        indicator="Chữ ký số",
        unit_of_measure="%",
        target_value=Decimal(100),
    )  # no report: not reached
    t4 = Target.objects.create(
        movement=movement,
        organization=other,
        year=2024,
        indicator="Ngoài",
        unit_of_measure="%",
        target_value=Decimal(1),
    )

    def report(unit, period, due, status, values):
        r = ProgressReport.objects.create(
            movement=movement,
            organization=unit,
            year=2024,
            period=period,
            due_on=due,
            status=status,
            return_reason="Thiếu minh chứng" if status == ReportStatus.RETURNED else "",
        )
        for target, value in values:
            ReportValue.objects.create(report=r, target=target, value=Decimal(value))

    report(div_a, ReportPeriod.H1, date(2024, 7, 5), ReportStatus.ACCEPTED, [(t1, 6)])
    report(div_a, ReportPeriod.YEAR, date(2024, 12, 20), ReportStatus.ACCEPTED, [(t1, 11)])  # t1 reached
    report(div_b, ReportPeriod.H1, date(2024, 7, 5), ReportStatus.ACCEPTED, [(t2, 5)])  # t2 reached (5 ≥ 5)
    report(div_b, ReportPeriod.YEAR, date(2024, 12, 20), ReportStatus.RETURNED, [(t2, 1)])  # not accepted
    report(other, ReportPeriod.YEAR, date(2024, 12, 20), ReportStatus.ACCEPTED, [(t4, 9)])
    return {"movement": movement}


@pytest.fixture
def officer(make_user, org_tree):
    return make_user(Role.OFFICER, org_tree["agency"])


def _tables(client, user, query=""):
    client.force_login(user)
    response = client.get(URL + query)
    assert response.status_code == 200, response.content[:500]
    return {s["table"].key: s["table"] for s in response.context["sections"]}, response


def _rows(table):
    return [list(row) for row in table.rows]


def test_awards_by_year_and_level_match_the_hand_count(client, world, officer):
    tables, _ = _tables(client, officer, "?year_from=2023&year_to=2024")
    # Năm, cơ sở, tỉnh, Chính phủ, Nhà nước, tổng
    assert _rows(tables["awards"]) == [[2023, 3, 0, 0, 0, 3], [2024, 2, 2, 1, 0, 5], ["Tổng", 5, 2, 1, 0, 8]]


def test_awards_per_unit_and_per_100_staff(client, world, officer):
    tables, _ = _tables(client, officer, "?year_from=2023&year_to=2024")
    assert _rows(tables["units"]) == [
        ["Sở Khoa học và Công nghệ (trực tiếp)", 1, 0, None],
        ["Văn phòng Sở", 3, 2, 150.0],
        ["Phòng Quản lý khoa học", 4, 3, 133.3],
        ["Tổng", 8, 4, 200.0],
    ]


def test_a_person_counts_for_the_unit_of_the_awards_year(client, world, officer):
    tables, _ = _tables(client, officer, f"?year_from=2023&year_to=2023&unit={world['div_b'].pk}")
    # Minh's LĐTT 2023 belongs to Phòng QLKH (his last post of 2023); div_b itself has no sub-unit.
    assert _rows(tables["awards"]) == [[2023, 1, 0, 0, 0, 1], ["Tổng", 1, 0, 0, 0, 1]]
    assert _rows(tables["units"])[-1] == ["Tổng", 1, 2, 50.0]  # Minh and Hoa held posts there in 2023


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("&recipient=collective", [[2023, 0, 0, 0, 0, 0], [2024, 1, 1, 0, 0, 2], ["Tổng", 1, 1, 0, 0, 2]]),
        ("&recipient=person", [[2023, 3, 0, 0, 0, 3], [2024, 1, 1, 1, 0, 3], ["Tổng", 4, 1, 1, 0, 6]]),
        ("&level=tinh", [[2023, 0, 0, 0, 0, 0], [2024, 0, 2, 0, 0, 2], ["Tổng", 0, 2, 0, 0, 2]]),
        ("&code=LDTT", [[2023, 2, 0, 0, 0, 2], [2024, 1, 0, 0, 0, 1], ["Tổng", 3, 0, 0, 0, 3]]),
        ("&track=chuyen_de", [[2023, 0, 0, 0, 0, 0], [2024, 0, 0, 1, 0, 1], ["Tổng", 0, 0, 1, 0, 1]]),
    ],
)
def test_filters_narrow_the_figures(client, world, officer, query, expected):
    tables, response = _tables(client, officer, "?year_from=2023&year_to=2024" + query)
    assert _rows(tables["awards"]) == expected
    name, value = query[1:].split("=")
    assert f'value="{value}" selected' in response.content.decode()  # the form keeps the filter


def test_the_movement_filter_keeps_its_awards(client, world, officer, cycle_facts):
    AwardRecord.objects.filter(person=world["lan"], code="BANG_KHEN_TINH").update(
        movement=cycle_facts["movement"]
    )
    tables, _ = _tables(
        client, officer, f"?year_from=2023&year_to=2024&movement={cycle_facts['movement'].pk}"
    )
    assert _rows(tables["awards"])[-1] == ["Tổng", 0, 1, 0, 0, 1]


def test_registered_titles_against_achieved(client, world, officer, cycle_facts):
    tables, _ = _tables(client, officer, "?year_from=2024&year_to=2024")
    assert _rows(tables["registrations"]) == [
        [2024, "Lao động tiên tiến", 1, 1, 100.0],
        [2024, "Chiến sĩ thi đua cơ sở", 1, 0, 0.0],
        [2024, "Tập thể lao động tiên tiến", 1, 1, 100.0],
        ["Tổng", "", 3, 2, 66.7],
    ]


def test_nominations_against_decided(client, world, officer, cycle_facts):
    tables, _ = _tables(client, officer, "?year_from=2024&year_to=2024")
    # Năm, hình thức, đề nghị, đã quyết định, không thông qua/trả lại, đang xử lý, tỷ lệ
    assert _rows(tables["nominations"]) == [
        [2024, "Chiến sĩ thi đua cơ sở", 1, 0, 0, 1, 0.0],
        [2024, "Chiến sĩ thi đua cấp bộ, ban, ngành, tỉnh", 1, 0, 1, 0, 0.0],
        [2024, "Bằng khen cấp bộ, ban, ngành, tỉnh", 1, 1, 0, 0, 100.0],
        ["Tổng", "", 3, 1, 1, 1, 33.3],
    ]


def test_movement_targets_reached_from_the_latest_accepted_report(client, world, officer, cycle_facts):
    tables, _ = _tables(client, officer, "?year_from=2024&year_to=2024")
    assert _rows(tables["targets"]) == [
        ["Thi đua chuyển đổi số", 2024, 3, 2, 1, 66.7],
        ["Tổng", "", 3, 2, 1, 66.7],
    ]


def test_quota_use_counts_the_capped_and_the_base_awards(client, world, officer):
    tables, _ = _tables(client, officer, "?year_from=2023&year_to=2023")
    rows = {(row[0], row[1]): row for row in tables["quotas"].rows}
    cstdcs = rows[(2023, "Chiến sĩ thi đua cơ sở")]
    pct, base_name, base, limit, used = cstdcs[2], cstdcs[3], cstdcs[4], cstdcs[5], cstdcs[6]
    assert (base_name, base, used) == ("Lao động tiên tiến", 2, 1)  # Lan's and Minh's LĐTT; Lan's CSTĐCS
    assert limit == int(pct * base / 100)


def test_unit_head_sees_only_the_unit(client, world, make_user):
    head = make_user(Role.UNIT_HEAD, world["div_a"])
    tables, response = _tables(client, head, "?year_from=2023&year_to=2024")
    # Lan's three awards, and Minh's LĐTT 2023 (he worked in Văn phòng in 2023): the head's records of the year.
    assert _rows(tables["awards"]) == [[2023, 3, 0, 0, 0, 3], [2024, 0, 1, 0, 0, 1], ["Tổng", 3, 1, 0, 0, 4]]
    assert [u.pk for u in response.context["units"]] == [world["div_a"].pk]
    assert "Phòng Quản lý khoa học" not in response.content.decode()


def test_unit_head_of_another_unit_gets_404(client, world, make_user):
    head = make_user(Role.UNIT_HEAD, world["div_a"])
    client.force_login(head)
    assert client.get(URL, {"unit": world["div_b"].pk}).status_code == 404
    assert client.get(URL, {"unit": world["agency"].pk}).status_code == 404


def test_officer_of_another_agency_sees_none_of_its_figures(client, world, make_user):
    officer_b = make_user(Role.OFFICER, world["other"])
    tables, _ = _tables(client, officer_b, "?year_from=2023&year_to=2024")
    assert _rows(tables["awards"])[-1] == ["Tổng", 1, 0, 0, 0, 1]  # Khoa's LĐTT 2024 only
    client.force_login(officer_b)
    assert client.get(URL, {"unit": world["agency"].pk}).status_code == 404


def test_staff_may_not_open_the_page(client, world, make_user):
    client.force_login(make_user(Role.STAFF, world["div_a"]))
    assert client.get(URL).status_code == 403


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"level": "xa"}, "Cấp khen thưởng"),
        ({"code": "HUY_CHUONG"}, "Danh hiệu, hình thức"),
        ({"track": "x"}, "Loại khen thưởng"),
        ({"recipient": "ca"}, "Cá nhân, tập thể"),
        ({"year_from": "hai"}, "year_from"),
        ({"year_from": "2025", "year_to": "2020"}, "Từ năm"),
        ({"movement": "999999"}, "phong trào"),
        ({"format": "pdf"}, "Định dạng"),
    ],
)
def test_bad_filter_values_are_refused_naming_the_field(client, world, officer, query, field):
    client.force_login(officer)
    response = client.get(URL, query)
    assert response.status_code == 400
    assert field in response.content.decode()


def test_the_default_period_ends_with_the_latest_year_that_has_awards(client, world, officer):
    _tables_, response = _tables(client, officer)
    assert (response.context["filters"].year_from, response.context["filters"].year_to) == (2020, 2024)


def test_the_figures_take_a_fixed_number_of_queries(world, cycle_facts, officer, django_assert_num_queries):
    scope = stats.scope_for(officer)
    filters = stats.Filters(year_from=2023, year_to=2024)
    # awards, staff, registrations, nominations, targets, and the agency's rule configuration (2)
    with django_assert_num_queries(7):
        stats.statistics(scope=scope, filters=filters)
    for n in range(30):  # more people, awards, lines and targets: the same queries
        person = _person(f"Thêm {n}", 100 + n, [(world["div_a"], date(2020, 1, 1), None)])
        _award("LDTT", 2024, person=person)
        _award("CSTDCS", 2023, person=person)
    with django_assert_num_queries(7):
        tables = stats.statistics(scope=scope, filters=filters)
    assert tables[0].rows[-1][-1] == 8 + 60


def test_the_page_takes_the_same_queries_with_more_rows(client, world, cycle_facts, officer):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(officer)
    client.get(URL + "?year_from=2023&year_to=2024")

    def count():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(URL + "?year_from=2023&year_to=2024").status_code == 200
        return len(captured.captured_queries)

    before = count()
    for n in range(20):
        person = _person(f"Thêm {n}", 200 + n, [(world["div_b"], date(2020, 1, 1), None)])
        _award("LDTT", 2024, person=person)
    assert count() == before
    assert before <= 16


def test_every_table_exports_to_excel(client, world, officer, cycle_facts):
    client.force_login(officer)
    response = client.get(URL, {"year_from": 2023, "year_to": 2024, "format": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == [
        "Theo năm và cấp",
        "Theo đơn vị",
        "Đăng ký và đạt được",
        "Đề nghị và quyết định",
        "Chỉ tiêu phong trào",
        "Tỷ lệ khen thưởng",
    ]
    awards = book.worksheets[0]
    assert awards["A1"].value == "Khen thưởng theo năm và cấp khen thưởng"
    assert awards["A2"].value == "Giai đoạn 2023–2024"
    assert [c.value for c in awards[3]] == [
        "Năm",
        "Cấp cơ sở",
        "Cấp bộ, ban, ngành, tỉnh",
        "Cấp Chính phủ",
        "Cấp Nhà nước",
        "Tổng",
    ]
    assert [c.value for c in awards[4]] == [2023, 3, 0, 0, 0, 3]
    assert [c.value for c in awards[6]] == ["Tổng", 5, 2, 1, 0, 8]
    units = book.worksheets[1]
    assert [c.value for c in units[5]] == ["Văn phòng Sở", 3, 2, 150]
    assert units["D4"].value is None  # no staff directly in the agency: no rate


def test_one_table_exports_alone_with_the_filters_in_its_subtitle(client, world, officer):
    client.force_login(officer)
    response = client.get(
        URL,
        {"year_from": 2024, "year_to": 2024, "format": "xlsx", "table": "units", "recipient": "collective"},
    )
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert len(book.worksheets) == 1
    sheet = book.worksheets[0]
    assert sheet["A2"].value == "Giai đoạn 2024–2024; Tập thể"
    assert [c.value for c in sheet[4]] == ["Sở Khoa học và Công nghệ (trực tiếp)", 1, 0, None]
    assert [c.value for c in sheet[5]] == ["Văn phòng Sở", 0, 1, 0]  # Lan only: Minh left in 2023
    assert [c.value for c in sheet[6]] == ["Phòng Quản lý khoa học", 1, 3, 33.3]  # Minh, Hoa, Tuấn
    assert client.get(URL, {"format": "xlsx", "table": "nope"}).status_code == 400


def test_the_page_renders_each_chart_from_json_script(client, world, officer):
    _tables_, response = _tables(client, officer, "?year_from=2023&year_to=2024")
    html = response.content.decode()
    for key in ("awards", "units"):
        assert f'id="chart-data-{key}"' in html
        assert f'data-chart="chart-data-{key}"' in html
    assert "vendor/echarts/echarts.min.js" in html and "reports/statistics.js" in html
    chart = response.context["sections"][0]["chart"]
    assert chart["saveLabel"] == "Lưu ảnh PNG"
    assert chart["series"][0] == {"name": "Cấp cơ sở", "data": [3, 2]}


def test_several_agencies_each_show_their_units_named_with_their_agency(client, world, make_user):
    from thidua.accounts.models import RoleGrant

    officer = make_user(Role.OFFICER, world["agency"])
    RoleGrant.objects.create(user=officer, role=Role.OFFICER, organization=world["other"])
    world["agency"].short_name = "Sở KH&CN"
    world["agency"].save()
    tables, _ = _tables(client, officer, "?year_from=2024&year_to=2024")
    # 2024: A itself CO_TINH; Văn phòng Lan's Bằng khen (Lan only); QLKH Hoa, Tuấn, the collective (Minh, Hoa, Tuấn);
    # agency B itself: Khoa's LĐTT.
    assert _rows(tables["units"]) == [
        ["Sở Khoa học và Công nghệ (trực tiếp)", 1, 0, None],
        ["Văn phòng Sở – Sở KH&CN", 1, 1, 100.0],
        ["Phòng Quản lý khoa học – Sở KH&CN", 3, 3, 100.0],
        ["Sở Tài chính (trực tiếp)", 1, 1, 100.0],
        ["Tổng", 6, 5, 120.0],
    ]
