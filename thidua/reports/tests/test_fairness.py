"""The fairness indicators against a hand-computed fixture; the page, its scope and the drill-downs.

The Department (agency) in 2024: ten staff — the Director directly, five in division A, four in division B.
Three hold a leadership post at the end of the year (the Director, A's head, and B's Đức promoted in April);
four are women; two of the nine with a recorded ethnicity belong to a minority. Six individual awards count
(a revoked one, a retired person's and another agency's do not); two collective awards count (an award to a unit
without staff does not). Every figure below is worked out by hand in the comments."""

from datetime import date

import pytest
from django.urls import reverse

from thidua.accounts.models import Role
from thidua.commendations.models import AwardRecord, AwardStatus
from thidua.organizations.models import (
    Assignment,
    Ethnicity,
    Organization,
    OrganizationKind,
    Person,
    Position,
)
from thidua.reports import fairness
from thidua.rules.models import RuleOverride

YEAR = 2024


@pytest.fixture
def world(org_tree):
    return build_world(org_tree)


def build_world(org_tree):
    """The Department's 2024 described above (also used by the browser test)."""
    agency, div_a, div_b, other = org_tree["agency"], org_tree["div_a"], org_tree["div_b"], org_tree["other"]
    div_c = Organization.objects.create(
        kind=OrganizationKind.UNION, code="A-CD", name="Công đoàn", parent=agency
    )
    # get_or_create: a browser test (transaction=True) runs after a flush that empties the migrations' rows.
    kinh, tay, mong = (
        Ethnicity.objects.get_or_create(code=code, defaults={"name": name})[0]
        for code, name in (("01", "Kinh"), ("02", "Tày"), ("08", "Mông"))
    )
    director, head, specialist = (
        Position.objects.update_or_create(name=name, defaults={"is_leadership": lead})[0]
        for name, lead in (("Giám đốc", True), ("Trưởng phòng", True), ("Chuyên viên", False))
    )
    people = {}

    def person(key, given, sex, ethnicity, org, position, start=date(2020, 1, 1), end=None, retired=None):
        p = Person.objects.create(
            family_name="Nguyễn",
            middle_name="Thị" if sex == "F" else "Văn",
            given_name=given,
            sex=sex,
            ethnicity=ethnicity,
            staff_code=f"T{key}",
            retired_on=retired,
        )
        Assignment.objects.create(person=p, organization=org, position=position, start_on=start, end_on=end)
        people[key] = p
        return p

    person("P1", "Hải", "M", kinh, agency, director)
    person("P2", "Bình", "F", kinh, div_a, head)
    person("P3", "Ánh", "F", tay, div_a, specialist)
    person("P4", "Dũng", "M", kinh, div_a, specialist)
    person("P5", "Yến", "F", kinh, div_a, specialist)
    person("P6", "Cường", "M", kinh, div_a, specialist)
    person("P7", "Đức", "M", kinh, div_b, specialist, end=date(2024, 3, 31))
    Assignment.objects.create(
        person=people["P7"], organization=div_b, position=head, start_on=date(2024, 4, 1)
    )
    person("P8", "An", "F", mong, div_b, specialist)
    person("P9", "Giang", "M", kinh, div_b, specialist)
    person("P10", "Khoa", "M", None, div_b, specialist)
    # Not staff of the Department in 2024: retired in 2023, left at the end of 2023, another agency's.
    person("P11", "Lan", "F", kinh, div_a, specialist, retired=date(2023, 6, 30))
    person("P13", "Minh", "M", kinh, div_a, specialist, end=date(2023, 12, 31))
    person("P12", "Oanh", "F", kinh, other, specialist)

    def award(who, code, year=YEAR, status=AwardStatus.ACTIVE):
        AwardRecord.objects.create(person=people[who], code=code, year=year, status=status)

    for who, code in (
        ("P1", "CSTDCS"),
        ("P2", "GIAY_KHEN"),
        ("P3", "LDTT"),
        ("P4", "LDTT"),
        ("P5", "CSTDCS"),
        ("P7", "BANG_KHEN_TINH"),
    ):
        award(who, code)
    award("P6", "LDTT", status=AwardStatus.REVOKED)
    award("P11", "LDTT")
    award("P12", "CSTDCS")
    award("P13", "LDTT")
    award("P1", "CSTDCS", 2023)  # P1's 2024 CSTDCS repeats
    award("P5", "GIAY_KHEN", 2021)  # outside the two years before 2024: not a repeat
    award("P2", "LDTT", 2023)  # LĐTT never makes a repeat
    for org, code in ((agency, "CO_TINH"), (div_a, "TTLDXS"), (div_c, "TTLDTT"), (other, "TTLDXS")):
        AwardRecord.objects.create(organization=org, code=code, year=YEAR)
    # The agency sets small collectives at 5 people (default 10).
    RuleOverride.objects.create(
        organization=agency, key="fairness.small_collective_size", value=5, source="QĐ"
    )
    return {**org_tree, "div_c": div_c, "people": people}


def _by_key(items):
    return {i.key: i for i in items}


@pytest.mark.django_db
def test_indicators_match_the_hand_computed_figures(world, django_assert_num_queries):
    with django_assert_num_queries(6):  # configuration 2, staff 1, awards 1, units 1, collective awards 1
        items = fairness.indicators(agency=world["agency"], year=YEAR)
    assert [i.key for i in items] == list(fairness.KEYS)
    got = _by_key(items)
    # 1. Non-leadership: awards to P3, P4, P5 of 6 = 50 %; staff 7 of 10 = 70 %; gap 20 > 10: warning.
    i = got[fairness.NON_LEADERSHIP]
    assert (i.group_awards, i.awards, i.group_staff, i.staff) == (3, 6, 7, 10)
    assert (i.share_awards, i.share_staff, i.warning) == (0.5, 0.7, True)
    assert i.gap == pytest.approx(20.0) and i.margin == 10 and i.to_verify
    # 2. Small collectives (≤ 5): A (5) and B (4) of the agency (10), A, B — Công đoàn has no staff; awards: the
    # agency's flag and A's TTLĐXS → 1 of 2 = 50 % against 2 of 3 = 66.7 %: gap 16.7 > 10: warning.
    i = got[fairness.SMALL_COLLECTIVES]
    assert (i.group_awards, i.awards, i.group_staff, i.staff) == (1, 2, 2, 3)
    assert i.share_awards == 0.5 and i.share_staff == pytest.approx(2 / 3) and i.warning
    assert "1" in i.note and "5 người" in i.definition
    # 3. Women: P2, P3, P5 of 6 = 50 % against 4 of 10 = 40 %: no warning.
    i = got[fairness.WOMEN]
    assert (i.group_awards, i.awards, i.group_staff, i.staff) == (3, 6, 4, 10)
    assert not i.warning and i.gap == pytest.approx(-10.0)
    # 4. Minority (P10's ethnicity unknown: left out): P3 of 6 awards = 16.7 % against 2 of 9 = 22.2 %: gap 5.6.
    i = got[fairness.MINORITY]
    assert (i.group_awards, i.awards, i.group_staff, i.staff) == (1, 6, 2, 9)
    assert i.gap == pytest.approx((2 / 9 - 1 / 6) * 100, abs=1e-4) and not i.warning
    # 5. Repeat: awards other than LĐTT: P1, P2, P5, P7; P1's repeats → first-time 3 of 4 = 75 %; staff with no
    # award in 2022–2023 other than LĐTT: 9 of 10 = 90 %: gap 15 > 10: warning.
    i = got[fairness.REPEAT]
    assert (i.group_awards, i.awards, i.group_staff, i.staff) == (3, 4, 9, 10)
    assert i.warning and i.gap == pytest.approx(15.0)
    # 6. Units: the Director 1 staff 1 award; A 5 staff 4 awards; B 4 staff 1 award (16.7 % vs 40 %): B flagged.
    i = got[fairness.UNITS]
    rows = {(r.organization.code, r.direct): (r.staff, r.awards, r.shares.warning) for r in i.rows}
    assert rows == {
        ("A", True): (1, 1, False),
        ("A-VP", False): (5, 4, False),
        ("A-QLKH", False): (4, 1, True),
    }
    assert i.warning and i.drilldown_url.startswith(reverse("reports:fairness_detail", args=["don-vi"]))


@pytest.mark.django_db
def test_staff_in_is_the_subtree_overlapping_the_year_without_the_retired(world):
    codes = set(fairness.staff_in(world["agency"], YEAR).values_list("staff_code", flat=True))
    assert codes == {f"TP{n}" for n in range(1, 11)}
    assert set(fairness.staff_in(world["div_b"], YEAR).values_list("given_name", flat=True)) == {
        "Đức",
        "An",
        "Giang",
        "Khoa",
    }
    assert "TP13" in set(fairness.staff_in(world["agency"], 2023).values_list("staff_code", flat=True))


@pytest.mark.django_db
def test_a_level_narrows_the_awards(world):
    report = fairness.fairness_report(
        root=world["agency"], filters=fairness.Filters(YEAR, YEAR, level="co_so"), agency=world["agency"]
    )
    i = _by_key(report.indicators)[fairness.NON_LEADERSHIP]
    # Bằng khen (P7) is provincial: 5 awards, P3, P4, P5 of them to non-leaders.
    assert (i.group_awards, i.awards) == (3, 5) and i.share_awards == 0.6


def _url(name, *args, **params):
    from urllib.parse import urlencode

    return f"{reverse(name, args=args)}?{urlencode(params)}"


@pytest.mark.django_db
def test_the_page_shows_definitions_formulas_and_warnings(
    world, make_user, client, django_assert_max_num_queries
):
    client.force_login(make_user(Role.OFFICER, world["agency"], include_subunits=True))
    with django_assert_max_num_queries(30):
        response = client.get(_url("reports:fairness", year_from=YEAR, year_to=YEAR))
    assert response.status_code == 200
    html = response.content.decode()
    assert response.context["root"] == world["agency"]
    for i in response.context["indicators"]:
        assert i.definition in html and i.formula in html and i.group in html
    assert 'data-testid="warning-chuyen-mon"' in html and 'data-testid="warning-nu"' not in html
    assert "cần xác minh" in html and "50,0%" in html and "70,0%" in html


@pytest.mark.django_db
def test_page_queries_do_not_grow_with_the_staff(world, make_user, client, django_assert_num_queries):
    client.force_login(make_user(Role.OFFICER, world["agency"], include_subunits=True))
    url = _url("reports:fairness", year_from=YEAR, year_to=YEAR, unit=world["agency"].pk)
    client.get(url)  # warm the per-process caches (menu, translations)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    detail = _url("reports:fairness_detail", "nu", year_from=YEAR, year_to=YEAR, unit=world["agency"].pk)
    collectives = _url("reports:fairness_detail", "tap-the-nho", year_from=YEAR, year_to=YEAR)
    client.get(detail)
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    with CaptureQueriesContext(connection) as before_detail:
        client.get(detail)
    with CaptureQueriesContext(connection) as before_collectives:
        client.get(collectives)
    position = Position.objects.get(name="Chuyên viên")
    for n in range(3):  # more units: the filter's choices and the table's rows
        Organization.objects.create(
            kind=OrganizationKind.DIVISION, code=f"A-X{n}", name=f"Phòng thêm {n}", parent=world["agency"]
        )
    for n in range(15):
        p = Person.objects.create(family_name="Lê", given_name=f"Thêm{n}", sex="F", staff_code=f"X{n}")
        Assignment.objects.create(
            person=p, organization=world["div_b"], position=position, start_on=date(2024, 1, 1)
        )
        AwardRecord.objects.create(person=p, code="LDTT", year=YEAR)
    with django_assert_num_queries(len(before)):
        response = client.get(url)
    assert _by_key(response.context["indicators"])[fairness.WOMEN].staff == 25
    with django_assert_num_queries(len(before_detail)):
        response = client.get(detail)
    assert len(response.context["page"].object_list) == 19  # 4 women and the 15 added
    with django_assert_num_queries(len(before_collectives)):
        response = client.get(collectives)
    assert len(response.context["page"].object_list) == 7  # the agency, A, B, Công đoàn and the 3 added


@pytest.mark.django_db
def test_drilldown_lists_exactly_the_people_behind_the_figure_by_given_name(world, make_user, client):
    client.force_login(make_user(Role.SIGNER, world["agency"], include_subunits=True))
    response = client.get(
        _url("reports:fairness_detail", "nu", year_from=YEAR, year_to=YEAR, unit=world["agency"].pk)
    )
    assert response.status_code == 200
    names = [r["person"].given_name for r in response.context["page"].object_list]
    assert names == ["An", "Ánh", "Bình", "Yến"]
    response = client.get(
        _url(
            "reports:fairness_detail", "nu", year_from=YEAR, year_to=YEAR, unit=world["agency"].pk, awarded=1
        )
    )
    rows = response.context["page"].object_list
    assert [r["person"].given_name for r in rows] == ["Ánh", "Bình", "Yến"]
    assert [a["label"] for a in rows[2]["award_list"]] == ["Chiến sĩ thi đua cơ sở"]
    response = client.get(_url("reports:fairness_detail", "lap-lai", year_from=YEAR, year_to=YEAR))
    rows = {r["person"].given_name: r["award_list"] for r in response.context["page"].object_list}
    assert set(rows) == {"Hải", "Bình", "Yến", "Đức"}
    assert [a["repeat"] for a in rows["Hải"]] == [True] and [a["repeat"] for a in rows["Yến"]] == [False]
    response = client.get(
        _url("reports:fairness_detail", "tap-the-nho", year_from=YEAR, year_to=YEAR, small=1)
    )
    assert [(r["organization"].code, r["size"]) for r in response.context["page"].object_list] == [
        ("A-QLKH", 4),
        ("A-VP", 5),
    ]
    response = client.get(_url("reports:fairness_detail", "don-vi", year_from=YEAR, year_to=YEAR))
    assert [r.organization.code for r in response.context["unit_rows"] if r.shares.warning] == ["A-QLKH"]
    assert client.get(reverse("reports:fairness_detail", args=["khac"])).status_code == 404


@pytest.mark.django_db
def test_unit_head_reads_their_unit_only(world, make_user, client):
    client.force_login(make_user(Role.UNIT_HEAD, world["div_b"]))
    response = client.get(_url("reports:fairness", year_from=YEAR, year_to=YEAR))
    assert response.status_code == 200 and response.context["root"] == world["div_b"]
    women = _by_key(response.context["indicators"])[fairness.WOMEN]
    assert (women.group_staff, women.staff) == (1, 4)  # An of Đức, An, Giang, Khoa
    for name, args in (("reports:fairness", ()), ("reports:fairness_detail", ("nu",))):
        for unit in (world["div_a"], world["agency"], world["other"]):
            assert (
                client.get(_url(name, *args, year_from=YEAR, year_to=YEAR, unit=unit.pk)).status_code == 404
            )


@pytest.mark.django_db
def test_another_agency_and_staff_are_refused(world, make_user, client):
    client.force_login(make_user(Role.OFFICER, world["other"], include_subunits=True))
    url = _url("reports:fairness_detail", "nu", year_from=YEAR, year_to=YEAR, unit=world["agency"].pk)
    assert client.get(url).status_code == 404
    assert client.get(_url("reports:fairness", unit=world["agency"].pk)).status_code == 404
    client.force_login(make_user(Role.STAFF, world["div_a"]))
    assert client.get(reverse("reports:fairness")).status_code == 403
    client.logout()
    assert client.get(reverse("reports:fairness")).status_code == 302


@pytest.mark.django_db
def test_bad_years_are_refused_naming_the_parameter(world, make_user, client):
    client.force_login(make_user(Role.OFFICER, world["agency"], include_subunits=True))
    assert client.get(_url("reports:fairness", year_from=2025, year_to=2024)).status_code == 400
    assert client.get(_url("reports:fairness", year_from="x")).status_code == 400
    assert client.get(_url("reports:fairness", year_from=2000, year_to=2024)).status_code == 400
    one = client.get(_url("reports:fairness", year_from=2023)).context["filters"]
    assert (one.year_from, one.year_to) == (2023, 2023)
    since = client.get(_url("reports:fairness", year_from=2022, year_to=2024)).context["filters"]
    assert (since.year_from, since.year_to) == (2022, 2024)
    latest = client.get(reverse("reports:fairness")).context["filters"]
    assert (latest.year_from, latest.year_to) == (2024, 2024)  # the latest year with an award
