"""Every edge of the registration workflow, every forbidden edge, the guard and the roles."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from thidua.appraisals import services, workflow
from thidua.appraisals.models import Registration, RegistrationStatus
from thidua.audit.models import AuditEvent
from thidua.core.tests.workflow_walk import allowed_edges, forbidden_edges

pytestmark = pytest.mark.django_db

STATES = list(RegistrationStatus.values)


@pytest.fixture
def registration(facts_world):
    round_ = services.registration_round_open(
        actor=facts_world["officer"],
        organization=facts_world["orgs"]["agency"],
        year=2026,
        deadline=date(2026, 1, 31),
    )
    return Registration.objects.get(round=round_, unit=facts_world["orgs"]["div_a"])


def _at(registration, state):
    Registration.objects.filter(pk=registration.pk).update(status=state)
    registration.refresh_from_db()
    return registration


def test_opening_a_round_creates_one_registration_per_unit(facts_world, registration):
    units = set(Registration.objects.filter(round=registration.round).values_list("unit__code", flat=True))
    assert units == {"A-VP", "A-QLKH"}


@pytest.mark.parametrize(("state", "action", "target"), allowed_edges(workflow.REGISTRATION))
def test_every_allowed_edge(facts_world, registration, state, action, target):
    registration = _at(registration, state)
    result = services.registration_transition(
        actor=facts_world["officer"], registration=registration, action=action, reason="Thiếu cam kết"
    )
    assert result.status == target
    assert AuditEvent.objects.filter(action=f"registration.{action}", object_id=str(registration.pk)).exists()


@pytest.mark.parametrize(("state", "action"), forbidden_edges(workflow.REGISTRATION, STATES))
def test_every_forbidden_edge(facts_world, registration, state, action):
    registration = _at(registration, state)
    with pytest.raises(services.TransitionError):
        services.registration_transition(
            actor=facts_world["officer"], registration=registration, action=action, reason="x"
        )
    registration.refresh_from_db()
    assert registration.status == state


def test_return_requires_a_reason(facts_world, registration):
    registration = _at(registration, RegistrationStatus.SENT)
    with pytest.raises(services.TransitionError, match="lý do"):
        services.registration_transition(
            actor=facts_world["officer"], registration=registration, action="return"
        )
    returned = services.registration_transition(
        actor=facts_world["officer"], registration=registration, action="return", reason="Bổ sung cam kết"
    )
    assert returned.return_reason == "Bổ sung cam kết"


def test_unit_head_sends_but_cannot_accept(facts_world, registration):
    sent = services.registration_transition(
        actor=facts_world["head_a"], registration=registration, action="send"
    )
    assert sent.status == "sent"
    with pytest.raises(PermissionDenied):
        services.registration_transition(actor=facts_world["head_a"], registration=sent, action="accept")


def test_other_agency_officer_cannot_act(facts_world, registration):
    with pytest.raises(PermissionDenied):
        services.registration_transition(
            actor=facts_world["other_officer"], registration=registration, action="send"
        )


def test_lines_are_editable_only_before_sending(facts_world, registration):
    people = facts_world["people"]
    services.registration_save(
        actor=facts_world["head_a"],
        registration=registration,
        commitments="Cam kết",
        collective_codes=["TTLDTT"],
        person_codes={people["CB001"].pk: "CSTDCS"},
    )
    assert sorted(registration.lines.values_list("code", flat=True)) == ["CSTDCS", "TTLDTT"]
    registration = services.registration_transition(
        actor=facts_world["head_a"], registration=registration, action="send"
    )
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.registration_save(
            actor=facts_world["head_a"],
            registration=registration,
            commitments="",
            collective_codes=[],
            person_codes={},
        )
