"""The registry pages (sổ khen thưởng, sổ vàng): the list's filters and sort, its Excel export of exactly the filtered
rows, the person's and the unit's registries across years, eras and restructurings, each award's documents read
once per page, and the scope of every page by role.

The world (on `facts_world`: division A holds An, Bình and Chi; division B holds Dũng; the other agency holds Xa):

    a1  An    LDTT            2022  10/QĐ-SKHCN 10/01/2023
    a2  An    CSTDCS          2024  15/QĐ-SKHCN 20/03/2025   (written by a decision with a signed PDF)
    a3  Bình  BANG_KHEN_TINH  2024  200/QĐ-UBND, đột xuất
    a4  Chi   LDTT            2024  revoked, with the revoking note
    a5  Dũng  HCLD_3          2023  (Nhà nước)
    a6  Văn phòng Sở (A)  TTLDTT  2024   (collective)
    a7  Phòng QLKH (B)    CO_TINH 2025   (collective)
    a8  Xa    LDTT            2024  (the other agency)
    a9  Bình  LDTT            2020
"""

from __future__ import annotations

import datetime as dt
import io
from datetime import date

import openpyxl
import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from thidua.commendations import selectors
from thidua.commendations.models import AwardRecord, AwardStatus
from thidua.core.registry import registry
from thidua.decisions import registry_links
from thidua.decisions.models import Decision, DecisionKind, DecisionLine, DecisionStatus
from thidua.organizations.models import (
    Assignment,
    Organization,
    OrganizationKind,
    Person,
    Restructuring,
    RestructuringKind,
)

pytestmark = pytest.mark.django_db

LIST = reverse("commendations:award_list")
EXPORT = reverse("commendations:award_export")


@pytest.fixture
def decision_links(monkeypatch):
    """The decisions' documents plugged into the registry, as `DecisionsConfig.ready()` does (kept to this test)."""
    monkeypatch.setattr(registry, "award_link_list", [*registry.award_link_list])
    if registry_links.award_links not in registry.award_link_list:
        registry_links.register()


@pytest.fixture
def awards(facts_world, decision_links):
    people, orgs = facts_world["people"], facts_world["orgs"]

    def award(key, code, year, **extra):
        subject = {"organization": orgs[key]} if key in orgs else {"person": people[key]}
        return AwardRecord.objects.create(code=code, year=year, **subject, **extra)

    made = {
        "a1": award("CB001", "LDTT", 2022, decision_number="10/QĐ-SKHCN", decided_on=date(2023, 1, 10)),
        "a2": award("CB001", "CSTDCS", 2024, decision_number="15/QĐ-SKHCN", decided_on=date(2025, 3, 20)),
        "a3": award(
            "CB002",
            "BANG_KHEN_TINH",
            2024,
            track="dot_xuat",
            decision_number="200/QĐ-UBND",
            deciding_body="UBND tỉnh Yên Bái",
        ),
        "a4": award(
            "CB003",
            "LDTT",
            2024,
            status=AwardStatus.REVOKED,
            note="Hủy bỏ theo Quyết định 99/QĐ-SKHCN: kê khai không đúng",
        ),
        "a5": award("CB004", "HCLD_3", 2023),
        "a6": award("div_a", "TTLDTT", 2024),
        "a7": award("div_b", "CO_TINH", 2025),
        "a8": award("CB900", "LDTT", 2024),
        "a9": award("CB002", "LDTT", 2020),
    }
    decision = Decision.objects.create(
        agency=orgs["agency"],
        kind=DecisionKind.AWARD,
        status=DecisionStatus.ISSUED,
        year=2024,
        title="Về việc tặng danh hiệu Chiến sĩ thi đua cơ sở năm 2024",
        number_symbol="15/QĐ-SKHCN",
        decided_on=date(2025, 3, 20),
    )
    decision.signed_pdf.save("qd-15.pdf", ContentFile(b"%PDF-1.7 signed"), save=True)
    DecisionLine.objects.create(
        decision=decision,
        person=people["CB001"],
        code="CSTDCS",
        year=2024,
        subject_name="Nguyễn Văn An",
        award=made["a2"],
    )
    made["decision"] = decision
    return made


def ids(response) -> set[int]:
    return {award.pk for award in response.context["page"].object_list}


def keys(awards, *names) -> set[int]:
    return {awards[name].pk for name in names}


OURS = ("a1", "a2", "a3", "a4", "a5", "a6", "a7", "a9")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, OURS),
        ({"year": "2024"}, ("a2", "a3", "a4", "a6")),
        ({"year_from": "2024"}, ("a2", "a3", "a4", "a6", "a7")),
        ({"year_to": "2022"}, ("a1", "a9")),
        ({"year_from": "2023", "year_to": "2024"}, ("a2", "a3", "a4", "a5", "a6")),
        ({"code": "LDTT"}, ("a1", "a4", "a9")),
        ({"track": "dot_xuat"}, ("a3",)),
        ({"level": "co_so"}, ("a1", "a2", "a4", "a6", "a9")),
        ({"level": "tinh"}, ("a3", "a7")),
        ({"level": "nha_nuoc"}, ("a5",)),
        ({"level": "chinh_phu"}, ()),
        ({"status": "revoked"}, ("a4",)),
        ({"status": "active"}, ("a1", "a2", "a3", "a5", "a6", "a7", "a9")),
        ({"subject": "collective"}, ("a6", "a7")),
        ({"subject": "person"}, ("a1", "a2", "a3", "a4", "a5", "a9")),
        ({"decision": "ubnd"}, ("a3",)),
        ({"decision": "QĐ-SKHCN"}, ("a1", "a2")),
        ({"q": "nguyen van an"}, ("a1", "a2")),
        ({"q": "NGUYỄN an"}, ("a1", "a2")),
        ({"q": "binh"}, ("a3", "a9")),
        ({"q": "van phong"}, ("a6",)),
        ({"code": "LDTT", "year_from": "2021", "status": "active"}, ("a1",)),
        # An unknown choice is ignored, as an empty one.
        ({"code": "NOPE", "level": "moon"}, OURS),
    ],
)
def test_each_filter_narrows_the_registry(client, facts_world, awards, query, expected):
    client.force_login(facts_world["officer"])
    response = client.get(LIST, query)
    assert response.status_code == 200
    assert ids(response) == keys(awards, *expected)


def test_the_unit_filter_takes_sub_units_and_the_unit_that_held_the_person_in_the_awards_year(
    client, facts_world, awards
):
    orgs, people = facts_world["orgs"], facts_world["people"]
    client.force_login(facts_world["officer"])
    assert ids(client.get(LIST, {"unit": orgs["div_b"].pk})) == keys(awards, "a5", "a7")
    assert ids(client.get(LIST, {"unit": orgs["div_a"].pk})) == keys(
        awards, "a1", "a2", "a3", "a4", "a6", "a9"
    )
    assert ids(client.get(LIST, {"unit": orgs["agency"].pk})) == keys(awards, *OURS)
    # Dũng moves to division A from 2024: his 2023 medal stays division B's, a 2024 award is division A's.
    Assignment.objects.filter(person=people["CB004"]).update(end_on=date(2023, 12, 31))
    Assignment.objects.create(
        person=people["CB004"],
        organization=orgs["div_a"],
        position=facts_world["position"],
        start_on=date(2024, 1, 1),
    )
    later = AwardRecord.objects.create(code="LDTT", person=people["CB004"], year=2024)
    assert ids(client.get(LIST, {"unit": orgs["div_b"].pk})) == keys(awards, "a5", "a7")
    assert later.pk in ids(client.get(LIST, {"unit": orgs["div_a"].pk}))


def test_a_unit_the_user_cannot_see_or_a_bad_year_is_refused(client, facts_world, awards):
    client.force_login(facts_world["officer"])
    assert client.get(LIST, {"unit": facts_world["orgs"]["other"].pk}).status_code == 404
    response = client.get(LIST, {"year_from": "20x4"})
    assert response.status_code == 400 and "year_from" in response.content.decode()
    assert client.get(EXPORT, {"year_to": "1800"}).status_code == 400
    response = client.get(LIST, {"year_from": "2024", "year_to": "2020"})
    assert response.status_code == 400 and "Từ năm" in response.content.decode()


def test_the_export_sorts_people_by_given_name_in_vietnamese_order_within_each_year(client, facts_world):
    """Vietnamese order (d < đ, u < ư < v) by given name, not by family name nor by code points: the registry's
    order (the export's). The list's pages go by year, form and entry instead (the keyset order its index
    serves, test_keyset_pages.py)."""
    unit = facts_world["orgs"]["div_a"]
    for family, given in (("An", "Vân"), ("Vũ", "Dũng"), ("Lê", "Ưng"), ("Trần", "Đức"), ("Bùi", "Dung")):
        person = Person.objects.create(
            family_name=family, middle_name="Thị", given_name=given, sex="F", staff_code=f"S-{given}"
        )
        Assignment.objects.create(
            person=person, organization=unit, position=facts_world["position"], start_on=date(2015, 1, 1)
        )
        AwardRecord.objects.create(code="LDTT", person=person, year=2023)
        AwardRecord.objects.create(code="LDTT", person=person, year=2024)
    AwardRecord.objects.create(code="TTLDTT", organization=unit, year=2024)
    client.force_login(facts_world["officer"])
    codes = [r[7] for r in read_xlsx(client.get(EXPORT))[2:]]
    rows: list = list(selectors.award_list_visible_to(user=facts_world["officer"]))
    assert codes == [a.person.staff_code if a.person else a.organization.code for a in rows]
    assert [(a.year, a.person.given_name if a.person else a.organization.name) for a in rows] == [
        (2024, "Dung"),
        (2024, "Dũng"),
        (2024, "Đức"),
        (2024, "Ưng"),
        (2024, "Vân"),
        (2024, "Văn phòng Sở"),
        (2023, "Dung"),
        (2023, "Dũng"),
        (2023, "Đức"),
        (2023, "Ưng"),
        (2023, "Vân"),
    ]


def test_revoked_awards_stay_visible_greyed_with_the_note(client, facts_world, awards):
    client.force_login(facts_world["officer"])
    html = client.get(LIST).content.decode()
    row = html[html.index(f'data-award="{awards["a4"].pk}"') :]
    row = row[: row.index("</tr>")]
    assert 'data-status="revoked"' in row and "text-body-secondary" in row
    assert "Đã hủy bỏ" in row and "99/QĐ-SKHCN" in row
    assert 'data-status="revoked"' not in html.split(f'data-award="{awards["a3"].pk}"')[1].split("</tr>")[0]


def test_each_award_shows_its_documents_from_the_higher_apps(client, facts_world, awards):
    client.force_login(facts_world["officer"])
    response = client.get(LIST)
    by_id = {a.pk: a for a in response.context["page"].object_list}
    signed_pdf = reverse("decisions:decision_pdf", args=[awards["decision"].pk])
    assert ("Quyết định số 15/QĐ-SKHCN (bản ký số)", signed_pdf) in by_id[awards["a2"].pk].documents
    assert by_id[awards["a1"].pk].documents == []  # recorded by hand: its number only
    assert f'href="{signed_pdf}"' in response.content.decode()


# ---------------------------------------------------------------- the Excel export


def read_xlsx(response) -> list[list]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert response["Content-Disposition"].startswith("attachment;")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_the_excel_export_has_exactly_the_filtered_rows_with_their_cells(client, facts_world, awards):
    client.force_login(facts_world["officer"])
    query = {"year_from": "2024", "subject": "person"}
    # The same rows as the list, in the registry's name order (the export's).
    shown = list(client.get(LIST, query).context["page"].object_list)
    shown.sort(key=lambda a: (-a.year, a.person.sort_key, a.code, a.pk))
    rows = read_xlsx(client.get(EXPORT, query))
    assert rows[0][0] == "Sổ khen thưởng"
    header = rows[1]
    assert header[:8] == [
        "STT",
        "Năm thành tích",
        "Thời kỳ (bộ tiêu chuẩn)",
        "Danh hiệu, hình thức",
        "Cấp khen thưởng",
        "Loại khen thưởng",
        "Cá nhân, tập thể",
        "Mã cán bộ, mã đơn vị",
    ]
    data = rows[2:]
    col = {name: header.index(name) for name in header}
    assert [r[col["Mã cán bộ, mã đơn vị"]] for r in data] == [a.person.staff_code for a in shown]
    assert [r[col["Danh hiệu, hình thức"]] for r in data] == [a.get_code_display() for a in shown]
    an = next(r for r in data if r[col["Danh hiệu, hình thức"]] == "Chiến sĩ thi đua cơ sở")
    assert an[col["STT"]] == 1 and an[col["Năm thành tích"]] == 2024
    assert an[col["Cá nhân, tập thể"]] == "Nguyễn Văn An" and an[col["Đơn vị"]] == "Văn phòng Sở"
    assert an[col["Cấp khen thưởng"]] == "Cấp cơ sở" and an[col["Loại khen thưởng"]] == "Công trạng"
    assert an[col["Thời kỳ (bộ tiêu chuẩn)"]].startswith("E2 – Luật Thi đua, khen thưởng 06/2022/QH15")
    assert an[col["Số quyết định"]] == "15/QĐ-SKHCN"
    assert an[col["Ngày quyết định"]] == dt.datetime(2025, 3, 20)
    assert an[col["Trạng thái"]] == "Có hiệu lực"
    signed_pdf = reverse("decisions:decision_pdf", args=[awards["decision"].pk])
    assert f"Quyết định số 15/QĐ-SKHCN (bản ký số): http://testserver{signed_pdf}" in an[col["Văn bản"]]
    chi = next(r for r in data if r[col["Cá nhân, tập thể"]] == "Lê Văn Chi")
    assert chi[col["Trạng thái"]] == "Đã hủy bỏ" and "99/QĐ-SKHCN" in chi[col["Ghi chú"]]
    bình = next(r for r in data if r[col["Cá nhân, tập thể"]] == "Trần Văn Bình")
    assert (
        bình[col["Loại khen thưởng"]] == "Đột xuất"
        and bình[col["Cấp khen thưởng"]] == "Cấp bộ, ban, ngành, tỉnh"
    )
    # The date cell is a date shown as dd/mm/yyyy.
    sheet = openpyxl.load_workbook(io.BytesIO(client.get(EXPORT, query).content)).active
    assert sheet.cell(row=3 + data.index(an), column=col["Ngày quyết định"] + 1).number_format == "dd/mm/yyyy"


def test_the_export_takes_every_page_and_the_list_one_page(client, facts_world, awards):
    unit = facts_world["orgs"]["div_b"]
    for n in range(60):
        person = Person.objects.create(
            family_name="Hà", given_name=f"Người {n:02d}", sex="M", staff_code=f"P{n:03d}"
        )
        Assignment.objects.create(
            person=person, organization=unit, position=facts_world["position"], start_on=date(2015, 1, 1)
        )
        AwardRecord.objects.create(code="LDTT", person=person, year=2021)
    client.force_login(facts_world["officer"])
    response = client.get(LIST, {"year": "2021"})
    assert len(response.context["page"].object_list) == 50 and response.context["count"] == 60
    second = client.get(LIST, {"year": "2021", "sau": response.context["page"].next_cursor})
    assert len(second.context["page"].object_list) == 10
    rows = read_xlsx(client.get(EXPORT, {"year": "2021", "sau": response.context["page"].next_cursor}))[2:]
    assert [r[7] for r in rows] == [f"P{n:03d}" for n in range(60)]


def test_the_export_keeps_to_the_users_scope(client, facts_world, awards):
    client.force_login(facts_world["other_officer"])
    rows = read_xlsx(client.get(EXPORT))[2:]
    assert [r[7] for r in rows] == ["CB900"]


def test_a_name_starting_with_equals_is_written_as_text(client, facts_world):
    person = facts_world["people"]["CB001"]
    AwardRecord.objects.create(code="LDTT", person=person, year=2024, note='=HYPERLINK("http://x","y")')
    client.force_login(facts_world["officer"])
    data = client.get(EXPORT).content
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    notes = [c.value for c in sheet["O"]]
    assert '=HYPERLINK("http://x","y")' in notes
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)


# ---------------------------------------------------------------- query counts (no query per row)


def more_awards(facts_world, n: int, year: int = 2019):
    """`n` more awards of division A's people, half of them written by decisions (with the documents column)."""
    orgs = facts_world["orgs"]
    decision = Decision.objects.create(
        agency=orgs["agency"], year=year, title="QĐ", number_symbol=f"{year}/QĐ", status=DecisionStatus.ISSUED
    )
    for i in range(n):
        person = Person.objects.create(
            family_name="Đỗ", given_name=f"Tên {i}", sex="M", staff_code=f"X{year}{i}"
        )
        Assignment.objects.create(
            person=person,
            organization=orgs["div_a"],
            position=facts_world["position"],
            start_on=date(2015, 1, 1),
        )
        award = AwardRecord.objects.create(code="LDTT", person=person, year=year, decision_number=f"{i}/QĐ")
        if i % 2:
            DecisionLine.objects.create(
                decision=decision, person=person, code="LDTT", year=year, subject_name="x", award=award
            )


def count_queries(client, django_assert_max_num_queries, url, data=None, *, most: int) -> int:
    """The queries of one page, at most `most`: the session and the user's grants, the count and the page (or the
    rows), the units of the filter, and one query per higher app holding documents of awards (the decisions'
    files, the certificates' verification pages) for the whole page."""
    with django_assert_max_num_queries(most) as captured:
        response = client.get(url, data or {})
    assert response.status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize("who", ["officer", "head_a"])
def test_the_list_and_its_export_cost_the_same_queries_for_ten_or_sixty_awards(
    client, facts_world, awards, django_assert_max_num_queries, who
):
    client.force_login(facts_world[who])
    few = count_queries(client, django_assert_max_num_queries, LIST, most=9)
    few_export = count_queries(client, django_assert_max_num_queries, EXPORT, most=6)
    more_awards(facts_world, 60)
    assert count_queries(client, django_assert_max_num_queries, LIST, most=few) == few
    assert count_queries(client, django_assert_max_num_queries, EXPORT, most=few_export) == few_export


def test_the_registries_cost_the_same_queries_for_few_or_many_awards(
    client, facts_world, awards, django_assert_max_num_queries
):
    an, unit = facts_world["people"]["CB001"], facts_world["orgs"]["div_a"]
    person_url = reverse("commendations:person_registry", args=[an.pk])
    person_xlsx = reverse("commendations:person_registry_export", args=[an.pk])
    unit_url = reverse("commendations:unit_registry", args=[unit.pk])
    unit_xlsx = reverse("commendations:unit_registry_export", args=[unit.pk])
    wide = {"people": "1", "subunits": "1"}
    client.force_login(facts_world["officer"])
    counts = [
        count_queries(client, django_assert_max_num_queries, person_url, most=9),
        count_queries(client, django_assert_max_num_queries, person_xlsx, most=8),
        count_queries(client, django_assert_max_num_queries, unit_url, wide, most=11),
        count_queries(client, django_assert_max_num_queries, unit_xlsx, wide, most=8),
    ]
    more_awards(facts_world, 40)
    decision = Decision.objects.create(agency=facts_world["orgs"]["agency"], year=2018, title="QĐ")
    for year in range(2005, 2019):  # An's older awards, some written by a decision
        award = AwardRecord.objects.create(code="LDTT", person=an, year=year)
        if year % 2:
            DecisionLine.objects.create(
                decision=decision, person=an, code="LDTT", year=year, subject_name="An", award=award
            )
    assert [
        count_queries(client, django_assert_max_num_queries, person_url, most=counts[0]),
        count_queries(client, django_assert_max_num_queries, person_xlsx, most=counts[1]),
        count_queries(client, django_assert_max_num_queries, unit_url, wide, most=counts[2]),
        count_queries(client, django_assert_max_num_queries, unit_xlsx, wide, most=counts[3]),
    ] == counts


# ---------------------------------------------------------------- the person's registry


def test_the_persons_registry_groups_every_award_by_year_with_its_era(client, facts_world, awards):
    an = facts_world["people"]["CB001"]
    AwardRecord.objects.create(code="LDTT", person=an, year=2015)
    AwardRecord.objects.create(code="LDTT", person=an, year=2025, status=AwardStatus.REVOKED, note="QĐ 5")
    client.force_login(facts_world["officer"])
    response = client.get(reverse("commendations:person_registry", args=[an.pk]))
    assert response.status_code == 200
    years = response.context["years"]
    assert [(y["year"], y["era"].era) for y in years] == [
        (2025, "E3"),
        (2024, "E2"),
        (2022, "E1"),
        (2015, ""),
    ]
    assert [a.code for a in years[1]["awards"]] == ["CSTDCS"]
    assert "Quyết định số 15/QĐ-SKHCN (bản ký số)" in [
        label for label, _url in years[1]["awards"][0].documents
    ]
    html = response.content.decode()
    assert "Nghị định 152/2025/NĐ-CP" in html and "Nghị định 91/2017/NĐ-CP" in html
    assert "Đã hủy bỏ" in html and response.context["count"] == 4
    # The summary counts active awards by level: the revoked 2025 one is not counted.
    assert [(level, n) for level, _label, n in response.context["summary"]] == [("co_so", 3)]


def test_the_persons_registry_exports_every_award_of_the_person(client, facts_world, awards):
    bình = facts_world["people"]["CB002"]
    client.force_login(facts_world["head_a"])
    response = client.get(reverse("commendations:person_registry_export", args=[bình.pk]))
    rows = read_xlsx(response)
    assert "Trần Văn Bình" in rows[0][0] and "CB002" in rows[0][0]
    assert [(r[1], r[3]) for r in rows[2:]] == [
        (2024, "Bằng khen cấp bộ, ban, ngành, tỉnh"),
        (2020, "Lao động tiên tiến"),
    ]
    assert rows[3][2].startswith("E1 – ")
    assert "CB002" in response["Content-Disposition"]


def test_a_former_unit_reads_the_years_it_held_the_person_only(client, facts_world, awards):
    """Xa moved from the other agency to division A in 2025: the other agency's office sees his 2024 award, not
    the 2025 one; our office sees both (the file follows the person)."""
    xa, orgs = facts_world["people"]["CB900"], facts_world["orgs"]
    Assignment.objects.filter(person=xa).update(end_on=date(2024, 12, 31))
    Assignment.objects.create(
        person=xa, organization=orgs["div_a"], position=facts_world["position"], start_on=date(2025, 1, 1)
    )
    later = AwardRecord.objects.create(code="LDTT", person=xa, year=2025)
    url = reverse("commendations:person_registry", args=[xa.pk])
    client.force_login(facts_world["other_officer"])
    shown = [a.pk for y in client.get(url).context["years"] for a in y["awards"]]
    assert shown == [awards["a8"].pk]
    client.force_login(facts_world["officer"])
    shown = [a.pk for y in client.get(url).context["years"] for a in y["awards"]]
    assert shown == [later.pk, awards["a8"].pk]


# ---------------------------------------------------------------- the unit's registry


@pytest.fixture
def merged(facts_world, awards):
    """Division A carries on from the 'Phòng Hành chính' that merged into it on 01/07/2020."""
    orgs = facts_world["orgs"]
    old = Organization.objects.create(
        kind=OrganizationKind.DIVISION,
        code="A-HC",
        name="Phòng Hành chính",
        parent=orgs["agency"],
        valid_to=date(2020, 6, 30),
    )
    older = Organization.objects.create(
        kind=OrganizationKind.DIVISION,
        code="A-TH",
        name="Phòng Tổng hợp",
        parent=orgs["agency"],
        valid_to=date(2015, 12, 31),
    )
    merger = Restructuring.objects.create(
        kind=RestructuringKind.MERGER, effective_on=date(2020, 7, 1), successor=orgs["div_a"]
    )
    merger.predecessors.add(old)
    earlier = Restructuring.objects.create(
        kind=RestructuringKind.RENAME, effective_on=date(2016, 1, 1), successor=old
    )
    earlier.predecessors.add(older)
    clerk = Person.objects.create(family_name="Mai", given_name="Hạnh", sex="F", staff_code="HC01")
    Assignment.objects.create(
        person=clerk,
        organization=old,
        position=facts_world["position"],
        start_on=date(2012, 1, 1),
        end_on=date(2020, 6, 30),
    )
    return {
        "old": old,
        "older": older,
        "old_collective": AwardRecord.objects.create(code="TTLDXS", organization=old, year=2019),
        "older_collective": AwardRecord.objects.create(code="TTLDTT", organization=older, year=2014),
        "clerk": AwardRecord.objects.create(code="LDTT", person=clerk, year=2019),
    }


def registry_ids(response) -> list[int]:
    return [a.pk for y in response.context["years"] for a in y["awards"]]


def test_the_units_registry_follows_its_predecessors_and_adds_people_and_sub_units_on_request(
    client, facts_world, awards, merged
):
    orgs = facts_world["orgs"]
    url = reverse("commendations:unit_registry", args=[orgs["div_a"].pk])
    client.force_login(facts_world["officer"])
    own = client.get(url)
    assert registry_ids(own) == [awards["a6"].pk, merged["old_collective"].pk, merged["older_collective"].pk]
    assert [p.name for p in own.context["predecessors"]] == ["Phòng Tổng hợp", "Phòng Hành chính"]
    assert "Phòng Hành chính" in own.content.decode()
    with_people = registry_ids(client.get(url, {"people": "1"}))
    assert with_people == [
        awards["a6"].pk,  # 2024: the collective first, then its people by given name
        awards["a2"].pk,  # An
        awards["a3"].pk,  # Bình
        awards["a4"].pk,  # Chi (revoked, still listed)
        awards["a1"].pk,  # 2022
        awards["a9"].pk,  # 2020
        merged["old_collective"].pk,  # 2019: the predecessor and its clerk
        merged["clerk"].pk,
        merged["older_collective"].pk,
    ]
    agency = reverse("commendations:unit_registry", args=[orgs["agency"].pk])
    assert registry_ids(client.get(agency)) == []
    assert set(registry_ids(client.get(agency, {"subunits": "1"}))) == {
        awards["a6"].pk,
        awards["a7"].pk,
        merged["old_collective"].pk,
        merged["older_collective"].pk,
    }
    assert set(registry_ids(client.get(agency, {"subunits": "1", "people": "1"}))) == {
        *keys(awards, *OURS),
        merged["old_collective"].pk,
        merged["older_collective"].pk,
        merged["clerk"].pk,
    }


def test_the_units_registry_exports_what_it_shows(client, facts_world, awards, merged):
    div_a = facts_world["orgs"]["div_a"]
    client.force_login(facts_world["officer"])
    response = client.get(reverse("commendations:unit_registry_export", args=[div_a.pk]), {"people": "1"})
    rows = read_xlsx(response)
    assert rows[0][0] == "Sổ khen thưởng đơn vị: Văn phòng Sở"
    assert [(r[1], r[6], r[7]) for r in rows[2:]] == [
        (2024, "Văn phòng Sở", "A-VP"),
        (2024, "Nguyễn Văn An", "CB001"),
        (2024, "Trần Văn Bình", "CB002"),
        (2024, "Lê Văn Chi", "CB003"),
        (2022, "Nguyễn Văn An", "CB001"),
        (2020, "Trần Văn Bình", "CB002"),
        (2019, "Phòng Hành chính", "A-HC"),
        (2019, "Mai Hạnh", "HC01"),
        (2014, "Phòng Tổng hợp", "A-TH"),
    ]
    clerk = rows[-2]
    assert clerk[8] == "Phòng Hành chính"  # the unit that held the clerk in 2019


def test_the_person_and_unit_pages_link_their_registries_with_a_summary_by_level(
    client, facts_world, awards, merged
):
    people, orgs = facts_world["people"], facts_world["orgs"]
    client.force_login(facts_world["officer"])
    html = client.get(reverse("organizations:person_detail", args=[people["CB002"].pk])).content.decode()
    section = html[html.index('data-testid="person-registry-section"') :]
    assert reverse("commendations:person_registry", args=[people["CB002"].pk]) in section
    assert "Cấp cơ sở: 1" in section and "Cấp bộ, ban, ngành, tỉnh: 1" in section
    html = client.get(reverse("organizations:unit_detail", args=[orgs["div_a"].pk])).content.decode()
    section = html[html.index('data-testid="unit-registry-section"') :]
    assert reverse("commendations:unit_registry", args=[orgs["div_a"].pk]) in section
    assert "Cấp cơ sở: 2" in section and "Cấp bộ, ban, ngành, tỉnh: 1" in section  # with the predecessors'
    # A person without awards shows no registry section.
    html = client.get(reverse("organizations:person_detail", args=[people["CB004"].pk])).content.decode()
    assert 'data-testid="person-registry-section"' in html  # Dũng's medal
    AwardRecord.objects.filter(person=people["CB004"]).delete()
    html = client.get(reverse("organizations:person_detail", args=[people["CB004"].pk])).content.decode()
    assert 'data-testid="person-registry-section"' not in html


# ---------------------------------------------------------------- scope, per role


def visible(client, user) -> set[int]:
    client.force_login(user)
    return ids(client.get(LIST))


def test_each_role_reads_its_scope_on_the_list(client, facts_world, awards):
    assert visible(client, facts_world["officer"]) == keys(awards, *OURS)
    assert visible(client, facts_world["head_a"]) == keys(awards, "a1", "a2", "a3", "a4", "a6", "a9")
    assert visible(client, facts_world["staff"]) == keys(awards, "a1", "a2")
    assert visible(client, facts_world["other_officer"]) == keys(awards, "a8")


@pytest.mark.parametrize(
    ("who", "person", "status"),
    [
        ("officer", "CB004", 200),
        ("officer", "CB900", 404),
        ("head_a", "CB002", 200),
        ("head_a", "CB004", 404),
        ("staff", "CB001", 200),
        ("staff", "CB002", 404),
        ("other_officer", "CB900", 200),
        ("other_officer", "CB001", 404),
    ],
)
def test_a_persons_registry_answers_only_within_scope(client, facts_world, awards, who, person, status):
    client.force_login(facts_world[who])
    pk = facts_world["people"][person].pk
    assert client.get(reverse("commendations:person_registry", args=[pk])).status_code == status
    assert client.get(reverse("commendations:person_registry_export", args=[pk])).status_code == status


@pytest.mark.parametrize(
    ("who", "unit", "status"),
    [
        ("officer", "div_b", 200),
        ("officer", "other", 404),
        ("head_a", "div_a", 200),
        ("head_a", "div_b", 404),
        ("staff", "div_a", 404),
        ("other_officer", "other", 200),
        ("other_officer", "agency", 404),
        ("other_officer", "div_a", 404),
    ],
)
def test_a_units_registry_answers_only_within_scope(client, facts_world, awards, who, unit, status):
    client.force_login(facts_world[who])
    pk = facts_world["orgs"][unit].pk
    for name in ("commendations:unit_registry", "commendations:unit_registry_export"):
        assert client.get(reverse(name, args=[pk]), {"people": "1", "subunits": "1"}).status_code == status


def test_the_unit_head_sees_in_the_units_registry_only_what_the_list_shows(client, facts_world, awards):
    """Division A's head reading the agency would be a 404; in division A, the people's awards the scope allows."""
    client.force_login(facts_world["head_a"])
    response = client.get(
        reverse("commendations:unit_registry", args=[facts_world["orgs"]["div_a"].pk]), {"people": "1"}
    )
    assert set(registry_ids(response)) == keys(awards, "a1", "a2", "a3", "a4", "a6", "a9")


# ---------------------------------------------------------------- the copies of the engine's tables


def test_levels_and_eras_match_the_rules_engine():
    from thidua.catalogues.catalogue import LEVELS
    from thidua.rules.engine.codes import CATALOGUE
    from thidua.rules.engine.config import RuleConfig
    from thidua.rules.engine.eras import RULE_SETS, criteria_era, default_as_of

    assert {code: entry.level for code, entry in CATALOGUE.items()} == selectors.LEVEL_OF_CODE
    assert {k: str(v) for k, v in selectors.LEVELS.items()} == {k: str(v) for k, v in LEVELS.items()}
    config = RuleConfig.defaults()
    assert config.get("era.first_year") == selectors.FIRST_YEAR
    assert config.get("era.e2_start") == selectors.E2_START
    assert config.get("era.e3_start") == selectors.E3_START
    for era in (selectors.E1, selectors.E2, selectors.E3):
        assert str(era.name) == RULE_SETS[era.era].name_vi
    for year in range(2000, 2040):
        expected = criteria_era(year, default_as_of(year), config)
        got = selectors.era_of_year(year)
        assert (got.era or None) == (expected.era if expected else None), year


def test_an_unreachable_decision_page_leaves_the_label_without_a_link():
    """Until the decisions pages exist, the label still shows (no link rather than a broken one)."""
    assert registry_links._url(("decisions:no_such_page",), 1) == ""


def test_the_sections_need_no_award_of_another_agency(client, facts_world, awards):
    """Another agency's officer opening our person is a 404 before any section runs."""
    client.force_login(facts_world["other_officer"])
    pk = facts_world["people"]["CB001"].pk
    assert client.get(reverse("organizations:person_detail", args=[pk])).status_code == 404
