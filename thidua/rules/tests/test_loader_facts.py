"""The facts the pages and the sweep feed the engine carry what contract 1.1 needs (issue 10): employed_since,
an award's track and period, what a CSTĐCS rested on, leave as recorded, every member of the year, the
collective's own discipline, discipline listed under its decision year."""

import datetime as dt

import pytest

from thidua.appraisals.models import Appraisal, CollectiveAppraisal, Discipline
from thidua.commendations.models import AwardRecord
from thidua.initiatives.models import Initiative, InitiativeAuthor
from thidua.organizations.tests.factories import AssignmentFactory, OrganizationFactory, PersonFactory
from thidua.rules import loader, services

pytestmark = pytest.mark.django_db


def test_person_facts_carry_employed_since_award_period_and_discipline_by_decision_year():
    person = PersonFactory(recruited_on=dt.date(2024, 9, 1), employed_since=dt.date(2023, 6, 1))
    AwardRecord.objects.create(
        person=person, code="BANG_KHEN_TTG", year=2024, track="cong_trang", period_from=2020, period_to=2024
    )
    Discipline.objects.create(
        person=person, form="khien_trach", decided_on=dt.date(2021, 3, 1), effective_from=dt.date(2021, 3, 1)
    )
    facts = loader.person_load(person=person, year=2024)
    assert facts.employed_since == dt.date(2023, 6, 1) and facts.started_on == dt.date(2023, 6, 1)
    (award,) = facts.year(2024).awards
    assert (award.code, award.track, award.period) == ("BANG_KHEN_TTG", "cong_trang", (2020, 2024))
    assert [y for y, f in facts.years.items() if f.discipline] == [2021]  # not repeated up to 2024


def test_unit_share_counts_members_without_facts_and_the_unit_own_discipline():
    """Luật Điều 28: 1 LĐTT of 3 members is 33 %, not 1/1; a collective's own discipline excludes it."""
    unit = OrganizationFactory()
    people = [AssignmentFactory(organization=unit, start_on=dt.date(2020, 1, 1)).person for _ in range(3)]
    Appraisal.objects.create(person=people[0], organization=unit, year=2024, rating="HTTNV")
    AwardRecord.objects.create(person=people[0], code="LDTT", year=2024)
    appraisal = CollectiveAppraisal.objects.create(organization=unit, year=2024, rating="HTTNV")
    verdicts = {ev.code: ev for ev in services.unit_evaluations(organization=unit, year=2024)}
    share = next(r for r in verdicts["TTLDTT"].reasons if r.criterion == "members_ldtt_over_50pct")
    assert share.met is False and share.text.startswith("1/3 thành viên")
    appraisal.discipline_form = "canh_cao"
    appraisal.save()
    verdicts = {ev.code: ev for ev in services.unit_evaluations(organization=unit, year=2024)}
    own = next(r for r in verdicts["TTLDTT"].reasons if r.criterion == "no_discipline_khien_trach")
    assert own.met is False and "cảnh cáo" in own.text


def test_a_later_wider_recognition_of_an_initiative_reaches_the_engine():
    """Contract 1.1 `initiatives[].scopes`: counts at the widest scope recognised by the act."""
    assignment = AssignmentFactory(start_on=dt.date(2015, 1, 1))
    initiative = Initiative.objects.create(
        code="SK-24-09",
        title="Số hóa hồ sơ",
        kind="initiative",
        level="co_so",
        organization=assignment.organization,
        recognized_on=dt.date(2024, 4, 1),
        wider_level="tinh",
        wider_recognized_on=dt.date(2025, 1, 10),
    )
    InitiativeAuthor.objects.create(initiative=initiative, person=assignment.person)
    facts = loader.person_load(person=assignment.person, year=2024)
    (loaded,) = facts.year(2024).initiatives
    assert loaded.scopes == (("tinh", dt.date(2025, 1, 10)),)
    assert loaded.level_on(dt.date(2025, 2, 1)) == "tinh" and loaded.level_on(dt.date(2024, 12, 1)) == "co_so"
