"""Every edge of the movement and report transition tables, every forbidden edge, and random sequences."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thidua.audit.models import AuditEvent
from thidua.core.tests.workflow_walk import allowed_edges, forbidden_edges
from thidua.movements import services, workflow
from thidua.movements.models import Movement, MovementStatus, ProgressReport, ReportStatus

MOVEMENT_EDGES = allowed_edges(workflow.MOVEMENT)
MOVEMENT_FORBIDDEN = forbidden_edges(workflow.MOVEMENT, MovementStatus.values)
REPORT_EDGES = allowed_edges(workflow.REPORT)
REPORT_FORBIDDEN = forbidden_edges(workflow.REPORT, ReportStatus.values)


def _force_status(movement: Movement, status: str) -> Movement:
    Movement.objects.filter(pk=movement.pk).update(
        status=status, launched_on=None if status == "draft" else date(2021, 3, 5)
    )
    movement.refresh_from_db()
    return movement


@pytest.mark.parametrize(("source", "action", "target"), MOVEMENT_EDGES)
def test_movement_edge(make_movement, people, source, action, target):
    movement = _force_status(make_movement(), source)
    result = services.movement_transition(
        actor=people["officer"], movement=movement, action=action, on=date(2023, 6, 1)
    )
    assert result.status == target
    assert AuditEvent.objects.filter(action=f"movement.{action}", object_id=str(movement.pk)).exists()


@pytest.mark.parametrize(("source", "action"), MOVEMENT_FORBIDDEN)
def test_movement_forbidden_edge(make_movement, people, source, action):
    movement = _force_status(make_movement(), source)
    with pytest.raises(ValidationError):
        services.movement_transition(actor=people["officer"], movement=movement, action=action)
    movement.refresh_from_db()
    assert movement.status == source


@pytest.mark.parametrize("who", ["head_a", "staff_a", "other_officer"])
def test_movement_launch_refused_to_other_roles(make_movement, people, who):
    movement = make_movement()
    with pytest.raises(PermissionDenied):
        services.movement_transition(actor=people[who], movement=movement, action="launch")
    movement.refresh_from_db()
    assert movement.status == MovementStatus.DRAFT


def test_unknown_action_is_forbidden(make_movement, people):
    with pytest.raises(PermissionDenied):
        services.movement_transition(actor=people["officer"], movement=make_movement(), action="explode")


def test_signer_may_close_but_not_launch(make_movement, people):
    movement = _force_status(make_movement(), MovementStatus.FINAL_REVIEW_HELD)
    assert (
        services.movement_transition(actor=people["signer"], movement=movement, action="close").status
        == "closed"
    )
    with pytest.raises(PermissionDenied):
        services.movement_transition(actor=people["signer"], movement=make_movement(), action="launch")


def _report(report_cycle, org_tree, status: str) -> ProgressReport:
    report = report_cycle["reports"][org_tree["div_a"].pk]
    ProgressReport.objects.filter(pk=report.pk).update(
        status=status, return_reason="Thiếu minh chứng" if status == "returned" else ""
    )
    report.refresh_from_db()
    return report


def _actor_for(action, people):
    return people["head_a"] if action == "submit" else people["officer"]


@pytest.mark.parametrize(("source", "action", "target"), REPORT_EDGES)
def test_report_edge(report_cycle, org_tree, people, source, action, target):
    report = _report(report_cycle, org_tree, source)
    result = services.report_transition(
        actor=_actor_for(action, people), report=report, action=action, reason="Bổ sung số liệu"
    )
    assert result.status == target


@pytest.mark.parametrize(("source", "action"), REPORT_FORBIDDEN)
def test_report_forbidden_edge(report_cycle, org_tree, people, source, action):
    report = _report(report_cycle, org_tree, source)
    with pytest.raises(ValidationError):
        services.report_transition(actor=_actor_for(action, people), report=report, action=action, reason="x")
    report.refresh_from_db()
    assert report.status == source


def test_report_return_requires_reason(report_cycle, org_tree, people):
    report = _report(report_cycle, org_tree, ReportStatus.SENT)
    with pytest.raises(ValidationError):
        services.report_transition(actor=people["officer"], report=report, action="return", reason="  ")
    report.refresh_from_db()
    assert report.status == ReportStatus.SENT


@pytest.mark.parametrize(
    ("who", "action"),
    [
        ("head_b", "submit"),
        ("officer", "submit"),
        ("head_a", "accept"),
        ("other_officer", "accept"),
        ("staff_a", "submit"),
    ],
)
def test_report_transition_refused_to_wrong_people(report_cycle, org_tree, people, who, action):
    report = _report(
        report_cycle, org_tree, ReportStatus.NOT_SENT if action == "submit" else ReportStatus.SENT
    )
    with pytest.raises(PermissionDenied):
        services.report_transition(actor=people[who], report=report, action=action)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(actions=st.lists(st.sampled_from(sorted(workflow.MOVEMENT_ACTIONS) + ["bogus"]), max_size=8))
def test_random_movement_action_sequences_follow_the_table(make_movement, people, actions):
    movement = make_movement()
    state = movement.status
    for action in actions:
        expected = workflow.MOVEMENT.find(state, action)
        try:
            movement = services.movement_transition(
                actor=people["officer"], movement=movement, action=action, on=date(2022, 1, 1)
            )
        except (ValidationError, PermissionDenied):
            assert expected is None
        else:
            assert expected is not None
            assert movement.status == expected.target
            state = expected.target
        assert Movement.objects.get(pk=movement.pk).status == state


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    steps=st.lists(
        st.tuples(
            st.sampled_from(sorted(workflow.REPORT_ACTIONS)), st.sampled_from(["head_a", "officer", "head_b"])
        ),
        max_size=8,
    )
)
def test_random_report_sequences_follow_the_table(report_cycle, org_tree, people, steps):
    report = _report(report_cycle, org_tree, ReportStatus.NOT_SENT)
    state = report.status
    for action, who in steps:
        expected = workflow.REPORT.find(state, action)
        allowed_person = "head_a" if action == "submit" else "officer"
        try:
            report = services.report_transition(
                actor=people[who], report=report, action=action, reason="Lý do"
            )
        except (ValidationError, PermissionDenied):
            assert expected is None or who != allowed_person
        else:
            assert expected is not None and who == allowed_person
            state = expected.target
        assert ProgressReport.objects.get(pk=report.pk).status == state
