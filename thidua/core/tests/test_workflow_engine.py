"""The one workflow engine: its table checks, its single service, its one naming scheme, its diagrams."""

from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied

from thidua.appraisals import services as appraisal_services
from thidua.appraisals import workflow as registration_workflow
from thidua.appraisals.models import Registration, RegistrationStatus
from thidua.audit.models import AuditEvent
from thidua.core.workflow import WORKFLOWS, TransitionRefused, Workflow, edge, transition_perform


def test_every_lifecycle_is_registered_with_its_effects():
    assert {"registration", "movement", "report"} <= set(WORKFLOWS)
    # The services attached their effects at startup (AppConfig.ready), not on first import by a view.
    assert WORKFLOWS["movement"]._effects["launch"]
    assert WORKFLOWS["registration"]._effects["send"]


def test_a_table_with_two_edges_for_one_state_and_action_is_refused():
    with pytest.raises(ValueError, match="two edges"):
        Workflow(
            name="broken",
            model=Registration,
            transitions=[edge("a", "go", "b", (), "x"), edge("a", "go", "c", (), "y")],
            authorize=lambda *args: True,
        )


def test_an_effect_for_an_unknown_action_is_refused():
    with pytest.raises(ValueError, match="no action"):
        WORKFLOWS["registration"].on("publish")


def test_diagrams_in_the_docs_are_the_tables():
    """docs/workflows.md shows each lifecycle as the Mermaid diagram generated from its table."""
    text = (Path(settings.BASE_DIR) / "docs" / "workflows.md").read_text()
    for name, workflow in WORKFLOWS.items():
        assert workflow.mermaid() in text, f"docs/workflows.md: the diagram of {name} is out of date"


@pytest.fixture
def registration(facts_world):
    round_ = appraisal_services.registration_round_open(
        actor=facts_world["officer"],
        organization=facts_world["orgs"]["agency"],
        year=2026,
        deadline=date(2026, 1, 31),
    )
    return Registration.objects.get(round=round_, unit=facts_world["orgs"]["div_a"])


def test_a_refusal_is_one_error_type_and_writes_nothing(facts_world, registration):
    before = AuditEvent.objects.count()
    with pytest.raises(TransitionRefused) as refused:
        transition_perform(
            workflow=registration_workflow.REGISTRATION,
            record=registration,
            action="accept",
            actor=facts_world["officer"],
        )
    assert refused.value.code == "state"
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.NOT_SENT
    assert AuditEvent.objects.count() == before


def test_a_role_outside_the_unit_is_forbidden_not_refused(facts_world, registration):
    with pytest.raises(PermissionDenied):
        transition_perform(
            workflow=registration_workflow.REGISTRATION,
            record=registration,
            action="send",
            actor=facts_world["other_officer"],
        )


def test_the_reason_is_checked_once_for_every_lifecycle(facts_world, registration):
    Registration.objects.filter(pk=registration.pk).update(status=RegistrationStatus.SENT)
    with pytest.raises(TransitionRefused) as refused:
        transition_perform(
            workflow=registration_workflow.REGISTRATION,
            record=registration,
            action="return",
            actor=facts_world["officer"],
            reason="   ",
        )
    assert refused.value.code == "reason"
    assert "reason" in refused.value.message_dict


def test_after_commit_effects_wait_for_the_commit(
    facts_world, registration, django_capture_on_commit_callbacks
):
    seen = []
    effect = WORKFLOWS["registration"].after_commit("send")(lambda record, step: seen.append(step.action))
    try:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            appraisal_services.registration_transition(
                actor=facts_world["officer"], registration=registration, action="send"
            )
        assert seen == [] and len(callbacks) == 1
        callbacks[0]()
        assert seen == ["send"]
    finally:
        WORKFLOWS["registration"]._after_commit["send"].remove(effect)


def test_audit_events_follow_one_naming_scheme(facts_world, registration):
    appraisal_services.registration_transition(
        actor=facts_world["officer"], registration=registration, action="send"
    )
    event = AuditEvent.objects.filter(object_id=str(registration.pk)).latest("id")
    assert event.action == "registration.send"
    assert event.before is not None and event.after is not None
    assert event.before["status"] == "not_sent" and event.after["status"] == "sent"
