"""Scope follows the record's period (issue 8, finding 1): a record about a person belongs to the unit that held
the person in the record's period.

The world: Lan worked in the Văn phòng (div_a) from 2019 until 30/06/2023, then in the Phòng Quản lý khoa học
(div_b). Her records of 2022 are the Văn phòng's; those of 2025 are div_b's. The matrix below walks every record
kind (rating, leave, discipline, award) × period (2022, 2025) × role (the two heads, the agency's officer, another
agency's officer, a colleague on staff, Lan herself) × route (edit page, edit POST, delete POST, list page, API
list, Excel export, person page) and checks the answer and the database.
"""

import io
from datetime import date

import openpyxl
import pytest
from django.db import models
from django.urls import reverse

from thidua.accounts.models import Role
from thidua.accounts.scope import (
    person_records_editable_by,
    person_records_visible_to,
    person_year_spans,
    person_years_editable,
    year_in_spans,
)
from thidua.appraisals.models import Appraisal, Discipline, Leave
from thidua.commendations.models import AwardRecord
from thidua.organizations.models import Assignment, Person, Position

EARLY, LATE = 2022, 2025


@pytest.fixture
def world(org_tree, make_user):
    position = Position.objects.create(name="Chuyên viên")
    lan = Person.objects.create(
        family_name="Trần", middle_name="Thị", given_name="Lan", sex="F", staff_code="CB-LAN"
    )
    Assignment.objects.create(
        person=lan,
        organization=org_tree["div_a"],
        position=position,
        start_on=date(2019, 1, 1),
        end_on=date(2023, 6, 30),
    )
    Assignment.objects.create(
        person=lan, organization=org_tree["div_b"], position=position, start_on=date(2023, 7, 1)
    )
    colleague = Person.objects.create(
        family_name="Lê", middle_name="Văn", given_name="Minh", sex="M", staff_code="CB-MINH"
    )
    Assignment.objects.create(
        person=colleague, organization=org_tree["div_a"], position=position, start_on=date(2018, 1, 1)
    )
    records: dict[tuple[str, int], models.Model] = {}
    for year, unit in ((EARLY, org_tree["div_a"]), (LATE, org_tree["div_b"])):
        records[("xep-loai", year)] = Appraisal.objects.create(
            person=lan, year=year, organization=unit, rating="HTXSNV", months_worked=12
        )
        records[("nghi", year)] = Leave.objects.create(person=lan, year=year, kind="sick", working_days=3)
        records[("ky-luat", year)] = Discipline.objects.create(
            person=lan,
            form="khien_trach",
            decision_number=f"{year}/QĐ",
            decided_on=date(year, 3, 1),
            effective_from=date(year, 3, 1),
            effective_to=date(year, 12, 31),
        )
        records[("award", year)] = AwardRecord.objects.create(
            person=lan, code="LDTT", year=year, decision_number=f"{year}/KT", decided_on=date(year + 1, 1, 10)
        )
    users = {
        "head_a": make_user(Role.UNIT_HEAD, org_tree["div_a"], username="head_a"),
        "head_b": make_user(Role.UNIT_HEAD, org_tree["div_b"], username="head_b"),
        "officer": make_user(Role.OFFICER, org_tree["agency"], username="officer"),
        "office_a": make_user(Role.OFFICER, org_tree["div_a"], username="office_a"),
        "other_officer": make_user(Role.OFFICER, org_tree["other"], username="other_officer"),
        "colleague": make_user(Role.STAFF, org_tree["div_a"], person=colleague, username="colleague"),
        "lan": make_user(Role.STAFF, org_tree["div_b"], person=lan, username="lan"),
    }
    return {"lan": lan, "records": records, "users": users, **org_tree}


# Who reads and who writes each period's records. The head of div_b reads Lan's 2022 records (her file follows
# her) but does not write them; the head of the Văn phòng neither reads nor writes her 2025 records.
READ = {
    "head_a": {EARLY},
    "head_b": {EARLY, LATE},
    "officer": {EARLY, LATE},
    "office_a": {EARLY},
    "other_officer": set(),
    "colleague": set(),
    "lan": {EARLY, LATE},
}
WRITE = {
    "head_a": {EARLY},
    "head_b": {LATE},
    "officer": {EARLY, LATE},
    "office_a": {EARLY},
    "other_officer": set(),
    "colleague": set(),
    "lan": set(),
}
FACT_KINDS = ("xep-loai", "nghi", "ky-luat")
MANAGERS = ("head_a", "head_b", "officer", "office_a")
PERIODS = (EARLY, LATE)


def _expected(role: str, year: int) -> int:
    """The answer to an edit request: 200 when the user writes it, 403 when only reading, 404 otherwise."""
    if year in WRITE[role]:
        return 200
    if year in READ[role] and role in MANAGERS:
        return 403
    return 404 if role in MANAGERS or role == "other_officer" else 403


@pytest.mark.parametrize("role", sorted(READ))
@pytest.mark.parametrize("year", PERIODS)
@pytest.mark.parametrize("slug", FACT_KINDS)
def test_fact_edit_page_follows_the_records_period(client, world, role, year, slug):
    record = world["records"][(slug, year)]
    client.force_login(world["users"][role])
    response = client.get(reverse("appraisals:fact_edit", args=[slug, record.pk]))
    assert response.status_code == _expected(role, year)


@pytest.mark.parametrize("role", sorted(READ))
@pytest.mark.parametrize("year", PERIODS)
@pytest.mark.parametrize("slug", FACT_KINDS)
def test_fact_delete_follows_the_records_period(client, world, role, year, slug):
    record = world["records"][(slug, year)]
    client.force_login(world["users"][role])
    response = client.post(reverse("appraisals:fact_delete", args=[slug, record.pk]))
    deleted = not type(record).objects.filter(pk=record.pk).exists()
    if year in WRITE[role]:
        assert response.status_code == 302 and deleted
    else:
        assert response.status_code in (403, 404) and not deleted


@pytest.mark.parametrize("role", MANAGERS)
@pytest.mark.parametrize("year", PERIODS)
def test_rating_update_post_follows_the_records_period(client, world, role, year):
    rating = world["records"][("xep-loai", year)]
    client.force_login(world["users"][role])
    response = client.post(
        reverse("appraisals:fact_edit", args=["xep-loai", rating.pk]),
        {"staff_code": "CB-LAN", "year": year, "rating": "KHTNV", "months_worked": 12, "note": ""},
    )
    rating.refresh_from_db()
    if year in WRITE[role]:
        assert response.status_code == 302 and rating.rating == "KHTNV"
    else:
        assert response.status_code in (403, 404) and rating.rating == "HTXSNV"


@pytest.mark.parametrize("role", sorted(READ))
@pytest.mark.parametrize("slug", FACT_KINDS)
def test_fact_lists_show_only_the_periods_the_user_reads(client, world, role, slug):
    client.force_login(world["users"][role])
    response = client.get(reverse("appraisals:fact_list", args=[slug]))
    assert response.status_code == 200
    rows = {row["pk"] for row in response.context["rows"]}
    expected = {world["records"][(slug, year)].pk for year in READ[role]}
    assert rows == expected


@pytest.mark.parametrize("role", sorted(READ))
@pytest.mark.parametrize("path", ["ratings", "leave", "discipline", "awards"])
def test_api_lists_show_only_the_periods_the_user_reads(client, world, role, path):
    client.force_login(world["users"][role])
    response = client.get(f"/api/v1/{path}")
    assert response.status_code == 200
    items = response.json()["items"]
    years = {item.get("year") or int(str(item.get("decided_on"))[:4]) for item in items}
    assert years == READ[role]


@pytest.mark.parametrize("role", ["officer", "office_a", "other_officer"])
def test_excel_export_of_ratings_keeps_to_the_periods(client, world, role):
    client.force_login(world["users"][role])
    response = client.get(reverse("exchange:export", args=["ratings"]))
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
    header = [cell.value for cell in sheet[1]]
    year_col = header.index("Năm")
    years = {row[year_col] for row in sheet.iter_rows(min_row=2, values_only=True) if row[year_col]}
    assert {int(y) for y in years} == READ[role]


@pytest.mark.parametrize("role", sorted(READ))
@pytest.mark.parametrize("year", PERIODS)
def test_award_correction_follows_the_records_period(client, world, role, year):
    award = world["records"][("award", year)]
    client.force_login(world["users"][role])
    response = client.get(reverse("commendations:award_edit", args=[award.pk]))
    if role in ("officer", "office_a") and year in WRITE[role]:
        assert response.status_code == 200
    elif year in READ[role] and role in MANAGERS:
        assert response.status_code == 403  # reads it; another unit (or not the office) corrects it
    else:
        assert response.status_code in (403, 404)


def test_person_page_of_a_former_member_shows_only_the_years_in_the_unit(client, world):
    client.force_login(world["users"]["head_a"])
    response = client.get(reverse("organizations:person_detail", args=[world["lan"].pk]))
    assert response.status_code == 200
    years = [
        column["year"]
        for section in response.context["sections"]
        for column in section["context"].get("columns", [])
    ]
    assert EARLY in years and LATE not in years
    verdicts = [s for s in response.context["sections"] if s["template"] == "rules/_verdicts.html"]
    assert all(s["context"]["year"] <= 2023 for s in verdicts)


def test_person_page_of_a_current_member_shows_the_whole_file(client, world):
    client.force_login(world["users"]["head_b"])
    response = client.get(reverse("organizations:person_detail", args=[world["lan"].pk]))
    years = [
        column["year"]
        for section in response.context["sections"]
        for column in section["context"].get("columns", [])
    ]
    assert EARLY in years and LATE in years


def test_new_rating_for_a_year_after_the_person_left_is_refused_naming_the_year(client, world):
    Appraisal.objects.filter(person=world["lan"]).delete()
    client.force_login(world["users"]["head_a"])
    response = client.post(
        reverse("appraisals:fact_create", args=["xep-loai"]),
        {"staff_code": "CB-LAN", "year": LATE, "rating": "HTTNV", "note": ""},
    )
    assert response.status_code == 200
    assert "year" in response.context["form"].errors
    assert "đơn vị khác" in response.context["form"].errors["year"][0]
    assert not Appraisal.objects.filter(person=world["lan"], year=LATE).exists()
    response = client.post(
        reverse("appraisals:fact_create", args=["xep-loai"]),
        {"staff_code": "CB-LAN", "year": EARLY, "rating": "HTTNV", "note": ""},
    )
    assert response.status_code == 302
    assert Appraisal.objects.get(person=world["lan"], year=EARLY).organization == world["div_a"]


def test_import_of_a_later_year_is_refused_as_out_of_scope(world):
    from thidua.exchange.services import facts_import_rows

    officer_a = world["users"]["office_a"]
    outcome = facts_import_rows(
        kind_name="ratings",
        rows=[(1, {"staff_code": "CB-LAN", "year": LATE, "rating": "HTTNV"})],
        user=officer_a,
        dry_run=True,
        source="test",
    )
    assert [e.code for e in outcome.errors] == ["scope"]
    assert "2025" in outcome.errors[0].message
    outcome = facts_import_rows(
        kind_name="ratings",
        rows=[(1, {"staff_code": "CB-LAN", "year": EARLY, "rating": "HTTNV"})],
        user=officer_a,
        dry_run=True,
        source="test",
    )
    assert outcome.errors == []


def test_staff_see_neither_the_roster_nor_colleagues_registrations(client, world):
    client.force_login(world["users"]["colleague"])
    assert client.get(reverse("organizations:unit_detail", args=[world["div_a"].pk])).status_code == 404
    assert client.get(reverse("organizations:person_detail", args=[world["lan"].pk])).status_code == 404
    response = client.get("/api/v1/registrations")
    assert response.status_code == 200 and response.json() == []


def test_selectors_agree_with_the_pair_check(world):
    """The three views of the rule (read filter, write filter, (person, year) check) agree for every role."""
    for role, user in world["users"].items():
        for year in PERIODS:
            qs = Appraisal.objects.filter(person=world["lan"], year=year)
            assert person_records_visible_to(user, qs).exists() == (year in READ[role]), (role, year)
            writable = person_records_editable_by(user, qs, Role.OFFICER, Role.UNIT_HEAD).exists()
            assert writable == (year in WRITE[role]), (role, year)
            pair = (world["lan"].pk, year)
            assert (pair in person_years_editable(user, [pair], Role.OFFICER, Role.UNIT_HEAD)) == writable
            # The person page's year window (computed in Python) says what the SQL filter says.
            spans = person_year_spans(user, world["lan"])
            assert year_in_spans(year, spans) == (year in READ[role]), (role, year)


def test_restrict_answers_for_every_model_the_pages_read(world):
    """One entry point for reading and writing scope; a model without a policy is an error, not an open door."""
    from django.core.exceptions import ImproperlyConfigured

    from thidua.accounts.scope import CHANGE, VIEW, restrict
    from thidua.appraisals.models import CollectiveAppraisal, Registration, RegistrationRound
    from thidua.audit.models import AuditEvent
    from thidua.initiatives.models import Initiative
    from thidua.movements.models import ExemplaryModel, Movement, ProgressReport
    from thidua.organizations.models import Organization

    models = (
        Appraisal,
        Leave,
        Discipline,
        AwardRecord,
        CollectiveAppraisal,
        Registration,
        RegistrationRound,
        Initiative,
        Movement,
        ProgressReport,
        ExemplaryModel,
        Organization,
        Person,
    )
    for user in world["users"].values():
        for model in models:
            for action in (VIEW, CHANGE):
                list(restrict(model.objects.all(), user, action)[:1])
    with pytest.raises(ImproperlyConfigured):
        restrict(AuditEvent.objects.all(), world["users"]["officer"])
    with pytest.raises(ValueError):
        restrict(Appraisal.objects.all(), world["users"]["officer"], "delete")
    # Writing is never wider than reading.
    for user in world["users"].values():
        for model in models:
            written = set(restrict(model.objects.all(), user, CHANGE).values_list("pk", flat=True))
            assert written <= set(restrict(model.objects.all(), user, VIEW).values_list("pk", flat=True)), (
                model
            )
