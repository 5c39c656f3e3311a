"""Every edge of the batch and line lifecycles, every forbidden edge, the guards, and what a batch's step does
to its lines."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from thidua.audit.models import AuditEvent
from thidua.core.tests.workflow_walk import allowed_edges, forbidden_edges
from thidua.core.workflow import TransitionRefused
from thidua.nominations import services, workflow
from thidua.nominations.models import BatchStatus as B
from thidua.nominations.models import Nomination, ProposalBatch
from thidua.nominations.models import NominationStatus as N

from .conftest import YEAR

BATCH_EDGES = allowed_edges(workflow.BATCH)
BATCH_FORBIDDEN = forbidden_edges(workflow.BATCH, B.values)
LINE_EDGES = allowed_edges(workflow.NOMINATION)
LINE_FORBIDDEN = forbidden_edges(workflow.NOMINATION, N.values)

# The line state that lets a batch's edge through its guard.
LINE_FOR_BATCH_EDGE = {
    (B.DRAFT, "submit"): N.DRAFT,
    (B.RETURNED, "submit"): N.RETURNED,
    (B.SUBMITTED, "return"): N.PROPOSED,
    (B.SUBMITTED, "accept"): N.ACCEPTED,
    (B.SUBMITTED, "pool"): N.PROPOSED,
    (B.DRAFT, "withdraw"): N.DRAFT,
    (B.RETURNED, "withdraw"): N.RETURNED,
}
# The batch state that lets a line's edge through its guard.
BATCH_FOR_LINE_STATE = {N.ACCEPTED: B.ACCEPTED, N.ON_AGENDA: B.ACCEPTED, N.PASSED: B.ACCEPTED}


def _batch_with_line(nom, *, batch_state, line_state, advisory=None):
    batch = services.batch_create(
        actor=nom["users"]["head_a"], unit=nom["orgs"]["div_a"], year=YEAR, advisory=advisory
    )
    line = services.nomination_add(
        actor=nom["users"]["head_a"], batch=batch, code="LDTT", person=nom["people"]["A1"]
    )
    ProposalBatch.objects.filter(pk=batch.pk).update(status=batch_state)
    Nomination.objects.filter(pk=line.pk).update(status=line_state)
    batch.refresh_from_db()
    line.refresh_from_db()
    return batch, line


def _actor(nom, action):
    return nom["users"]["head_a"] if action in ("submit", "withdraw", "propose") else nom["users"]["officer"]


@pytest.mark.parametrize(("source", "action", "target"), BATCH_EDGES)
def test_batch_edge(nom, union, source, action, target):
    batch, _line = _batch_with_line(
        nom,
        batch_state=source,
        line_state=LINE_FOR_BATCH_EDGE[(source, action)],
        advisory=union if action == "pool" else None,
    )
    result = services.batch_transition(
        actor=_actor(nom, action), batch=batch, action=action, reason="Bổ sung"
    )
    assert result.status == target
    assert AuditEvent.objects.filter(action=f"proposal_batch.{action}", object_id=str(batch.pk)).exists()


@pytest.mark.parametrize(("source", "action"), BATCH_FORBIDDEN)
def test_batch_forbidden_edge(nom, source, action):
    batch, _line = _batch_with_line(nom, batch_state=source, line_state=N.DRAFT)
    with pytest.raises(TransitionRefused):
        services.batch_transition(actor=nom["users"]["officer"], batch=batch, action=action, reason="x")
    batch.refresh_from_db()
    assert batch.status == source


@pytest.mark.parametrize(("source", "action", "target"), LINE_EDGES)
def test_line_edge(nom, source, action, target):
    _batch, line = _batch_with_line(
        nom, batch_state=BATCH_FOR_LINE_STATE.get(source, B.SUBMITTED), line_state=source
    )
    result = services.nomination_transition(
        actor=_actor(nom, action), nomination=line, action=action, reason="Thiếu"
    )
    assert result.status == target
    assert AuditEvent.objects.filter(action=f"nomination.{action}", object_id=str(line.pk)).exists()


@pytest.mark.parametrize(("source", "action"), LINE_FORBIDDEN)
def test_line_forbidden_edge(nom, source, action):
    _batch, line = _batch_with_line(nom, batch_state=B.SUBMITTED, line_state=source)
    with pytest.raises(TransitionRefused):
        services.nomination_transition(
            actor=nom["users"]["officer"], nomination=line, action=action, reason="x"
        )
    line.refresh_from_db()
    assert line.status == source


@pytest.mark.parametrize(
    ("who", "action", "batch_state"),
    [
        ("head_a", "accept", B.SUBMITTED),
        ("head_a", "return", B.SUBMITTED),
        ("head_b", "submit", B.DRAFT),
        ("staff_a", "submit", B.DRAFT),
        ("other_officer", "accept", B.SUBMITTED),
        ("other_officer", "submit", B.DRAFT),
    ],
)
def test_roles_outside_the_edge_are_forbidden(nom, who, action, batch_state):
    batch, _line = _batch_with_line(nom, batch_state=batch_state, line_state=N.ACCEPTED)
    with pytest.raises(PermissionDenied):
        services.batch_transition(actor=nom["users"][who], batch=batch, action=action, reason="x")
    batch.refresh_from_db()
    assert batch.status == batch_state


def test_the_office_checks_lines_but_the_unit_head_does_not(nom):
    _batch, line = _batch_with_line(nom, batch_state=B.SUBMITTED, line_state=N.PROPOSED)
    with pytest.raises(PermissionDenied):
        services.nomination_transition(actor=nom["users"]["head_a"], nomination=line, action="accept")
    with pytest.raises(PermissionDenied):
        services.nomination_transition(actor=nom["users"]["head_b"], nomination=line, action="withdraw")


def test_sending_proposes_the_draft_lines_and_stamps_the_batch(nom, batch_a):
    head = nom["users"]["head_a"]
    services.nomination_add(actor=head, batch=batch_a, code="LDTT", person=nom["people"]["A1"])
    services.nomination_add(actor=head, batch=batch_a, code="LDTT", person=nom["people"]["A2"])
    sent = services.batch_transition(actor=head, batch=batch_a, action="submit")
    assert sent.status == B.SUBMITTED and sent.submitted_at is not None
    assert set(batch_a.nominations.values_list("status", flat=True)) == {N.PROPOSED}
    assert AuditEvent.objects.filter(action="nomination.propose").count() == 2


def test_an_empty_batch_cannot_be_sent(nom, batch_a):
    with pytest.raises(TransitionRefused, match="chưa có đề nghị"):
        services.batch_transition(actor=nom["users"]["head_a"], batch=batch_a, action="submit")


def test_returning_the_batch_returns_its_proposed_lines_with_the_reason(nom):
    batch, line = _batch_with_line(nom, batch_state=B.SUBMITTED, line_state=N.PROPOSED)
    with pytest.raises(TransitionRefused):
        services.batch_transition(actor=nom["users"]["officer"], batch=batch, action="return", reason="  ")
    services.batch_transition(
        actor=nom["users"]["officer"], batch=batch, action="return", reason="Thiếu số tờ trình"
    )
    line.refresh_from_db()
    batch.refresh_from_db()
    assert (batch.status, batch.return_reason) == (B.RETURNED, "Thiếu số tờ trình")
    assert (line.status, line.return_reason) == (N.RETURNED, "Thiếu số tờ trình")


def test_the_batch_is_accepted_only_when_every_line_is_checked(nom):
    batch, line = _batch_with_line(nom, batch_state=B.SUBMITTED, line_state=N.PROPOSED)
    officer = nom["users"]["officer"]
    with pytest.raises(TransitionRefused, match="chưa được kiểm tra"):
        services.batch_transition(actor=officer, batch=batch, action="accept")
    services.nomination_transition(actor=officer, nomination=line, action="return", reason="Sai năm")
    with pytest.raises(TransitionRefused, match="Không có đề nghị nào được chấp nhận"):
        services.batch_transition(actor=officer, batch=batch, action="accept")
    # The unit corrects the line and proposes it again while the batch is with the office; the office accepts.
    services.nomination_update(actor=nom["users"]["head_a"], nomination=line, achievement="Đã bổ sung")
    services.nomination_transition(actor=nom["users"]["head_a"], nomination=line, action="propose")
    services.nomination_transition(actor=officer, nomination=line, action="accept")
    assert services.batch_transition(actor=officer, batch=batch, action="accept").status == B.ACCEPTED


def test_a_line_is_proposed_on_its_own_only_while_the_batch_is_with_the_office(nom):
    _batch, line = _batch_with_line(nom, batch_state=B.DRAFT, line_state=N.DRAFT)
    with pytest.raises(TransitionRefused, match="chỉ xử lý từng dòng"):
        services.nomination_transition(actor=nom["users"]["head_a"], nomination=line, action="propose")


def test_only_a_line_of_an_accepted_batch_is_scheduled(nom):
    _batch, line = _batch_with_line(nom, batch_state=B.SUBMITTED, line_state=N.ACCEPTED)
    with pytest.raises(TransitionRefused, match="chưa tiếp nhận"):
        services.nomination_transition(actor=nom["users"]["officer"], nomination=line, action="schedule")


def test_withdrawing_a_batch_withdraws_its_open_lines_unless_one_is_accepted(nom):
    batch, line = _batch_with_line(nom, batch_state=B.RETURNED, line_state=N.ACCEPTED)
    with pytest.raises(TransitionRefused, match="không rút được"):
        services.batch_transition(actor=nom["users"]["head_a"], batch=batch, action="withdraw")
    Nomination.objects.filter(pk=line.pk).update(status=N.RETURNED)
    services.batch_transition(actor=nom["users"]["head_a"], batch=batch, action="withdraw")
    line.refresh_from_db()
    assert line.status == N.WITHDRAWN


def test_a_batch_sent_straight_to_the_office_is_not_pooled(nom):
    batch, _line = _batch_with_line(nom, batch_state=B.SUBMITTED, line_state=N.PROPOSED)
    with pytest.raises(TransitionRefused, match="không qua đơn vị tổng hợp"):
        services.batch_transition(actor=nom["users"]["officer"], batch=batch, action="pool")


def test_unknown_action_is_forbidden(nom, batch_a):
    with pytest.raises(PermissionDenied):
        services.batch_transition(actor=nom["users"]["officer"], batch=batch_a, action="explode")


def test_every_step_bumps_the_version(nom, batch_a):
    head = nom["users"]["head_a"]
    start = batch_a.version
    services.nomination_add(actor=head, batch=batch_a, code="LDTT", person=nom["people"]["A1"])
    batch_a.refresh_from_db()
    assert batch_a.version == start + 1
    services.batch_transition(actor=head, batch=batch_a, action="submit")
    batch_a.refresh_from_db()
    assert batch_a.version > start + 1
    with pytest.raises(ValidationError):
        services.batch_transition(actor=head, batch=batch_a, action="withdraw", version=start)


def test_the_checks_other_apps_add_stop_a_batch_from_being_sent(nom, batch_a, monkeypatch):
    services.nomination_add(
        actor=nom["users"]["head_a"], batch=batch_a, code="LDTT", person=nom["people"]["A1"]
    )
    monkeypatch.setattr(
        workflow, "SUBMIT_CHECKS", [*workflow.SUBMIT_CHECKS, lambda batch: ["Thiếu biên bản họp."]]
    )
    with pytest.raises(TransitionRefused, match="Thiếu biên bản họp."):
        services.batch_transition(actor=nom["users"]["head_a"], batch=batch_a, action="submit")
    assert workflow.submit_problems(batch_a) == ["Thiếu biên bản họp."]
