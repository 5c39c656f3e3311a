from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from thidua.appraisals import selectors, services
from thidua.appraisals.models import Appraisal
from thidua.audit.models import AuditEvent
from thidua.commendations.models import AwardRecord
from thidua.initiatives import services as initiative_services
from thidua.initiatives.models import Initiative
from thidua.organizations.models import Assignment

pytestmark = pytest.mark.django_db


def test_appraisal_derives_unit_and_months_from_assignments(facts_world):
    person = facts_world["people"]["CB004"]
    Assignment.objects.filter(person=person).update(end_on=date(2024, 3, 31))
    Assignment.objects.create(
        person=person,
        organization=facts_world["orgs"]["div_a"],
        position=facts_world["position"],
        start_on=date(2024, 4, 1),
    )
    appraisal = services.appraisal_create(actor=None, person=person, year=2024, rating="HTTNV")
    assert (
        appraisal.organization == facts_world["orgs"]["div_a"]
    )  # the new unit considers a transferred person
    assert appraisal.months_worked == 12
    assert AuditEvent.objects.filter(action="create", object_type="appraisals.appraisal").exists()


def test_months_recompute_after_retirement(facts_world):
    person = facts_world["people"]["CB001"]
    services.appraisal_create(actor=None, person=person, year=2024, rating="HTTNV")
    person.retired_on = date(2024, 5, 31)
    person.save()
    assert services.appraisal_months_recompute(actor=None, year=2024) == 1
    assert Appraisal.objects.get(person=person).months_worked == 5


def test_discipline_without_form_must_be_pending(facts_world):
    person = facts_world["people"]["CB001"]
    with pytest.raises(ValidationError):
        services.discipline_create(
            actor=None, person=person, form="", decided_on=date(2024, 1, 2), effective_from=date(2024, 1, 2)
        )
    pending = services.discipline_create(
        actor=None,
        person=person,
        form="",
        pending=True,
        decided_on=date(2024, 1, 2),
        effective_from=date(2024, 1, 2),
    )
    assert pending.pending


def test_an_initiative_supports_one_award_only(facts_world):
    person = facts_world["people"]["CB001"]
    initiative = initiative_services.initiative_create(
        actor=None,
        authors=[(person.pk, 100)],
        code="SK-1",
        title="Số hóa",
        kind="initiative",
        level="co_so",
        organization=facts_world["orgs"]["div_a"],
        recognized_on=date(2024, 10, 1),
    )
    author = initiative.authors.get()
    first = AwardRecord.objects.create(code="CSTDCS", person=person, year=2024)
    second = AwardRecord.objects.create(code="CSTDCS", person=person, year=2025)
    initiative_services.initiative_use_for_award(actor=None, author=author, award=first)
    with pytest.raises(ValidationError, match="đã được dùng"):
        initiative_services.initiative_use_for_award(actor=None, author=author, award=second)
    with pytest.raises(ValidationError):
        initiative_services.initiative_delete(actor=None, initiative=Initiative.objects.get())


def test_author_shares_cannot_exceed_100(facts_world):
    people = facts_world["people"]
    with pytest.raises(ValidationError):
        initiative_services.initiative_create(
            actor=None,
            authors=[(people["CB001"].pk, 70), (people["CB002"].pk, 40)],
            code="SK-2",
            title="X",
            kind="initiative",
            level="co_so",
            organization=facts_world["orgs"]["div_a"],
            recognized_on=date(2024, 1, 1),
        )


def test_person_years_is_one_query(facts_world):
    person = facts_world["people"]["CB001"]
    services.appraisal_create(actor=None, person=person, year=2024, rating="HTXSNV")
    services.leave_create(actor=None, person=person, year=2024, kind="sick", working_days=5)
    services.discipline_create(
        actor=None,
        person=person,
        form="khien_trach",
        decided_on=date(2023, 5, 1),
        effective_from=date(2023, 5, 1),
        effective_to=date(2024, 4, 30),
    )
    AwardRecord.objects.create(code="LDTT", person=person, year=2024)
    initiative_services.initiative_create(
        actor=None,
        authors=[(person.pk, 100)],
        code="SK-3",
        title="Y",
        kind="initiative",
        level="tinh",
        organization=facts_world["orgs"]["div_a"],
        recognized_on=date(2024, 9, 1),
    )
    with CaptureQueriesContext(connection) as queries:
        data = selectors.person_years(person=person)
    assert len(queries) == 1
    assert data["years"] == [2023, 2024]
    y = data["rows"][2024]
    assert (y["rating"], y["months"], y["awards"][0]["code"], y["initiatives"][0]["level"]) == (
        "HTXSNV",
        12,
        "LDTT",
        "tinh",
    )
    assert y["discipline"] == [{"form": "khien_trach", "pending": False, "first": False}]
