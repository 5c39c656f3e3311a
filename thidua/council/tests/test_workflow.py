"""Every edge of the session and ballot lifecycles, every forbidden edge, and who may take them."""

import pytest
from django.core.exceptions import PermissionDenied

from thidua.audit.models import AuditEvent
from thidua.core.tests.workflow_walk import allowed_edges, forbidden_edges
from thidua.core.workflow import TransitionRefused, transition_perform
from thidua.council import services, workflow
from thidua.council.models import AgendaItem, BallotState, Session, SessionStatus
from thidua.council.tests.conftest import HELD_ON

pytestmark = pytest.mark.django_db


@pytest.fixture
def planned(make_council, make_line, people):
    council = make_council(5)
    session = services.session_create(actor=people["secretary"], council=council, held_on=HELD_ON, place="P")
    services.agenda_add(actor=people["secretary"], session=session, nominations=[make_line()])
    return session


def _session_at(session, state):
    Session.objects.filter(pk=session.pk).update(status=state)
    session.refresh_from_db()
    return session


@pytest.mark.parametrize(("source", "action", "target"), allowed_edges(workflow.SESSION))
def test_every_allowed_session_edge(planned, people, source, action, target):
    session = _session_at(planned, source)
    result = services.session_transition(
        actor=people["secretary"], session=session, action=action, reason="Hoãn"
    )
    assert result.status == target
    assert AuditEvent.objects.filter(action=f"council_session.{action}", object_id=str(session.pk)).exists()


@pytest.mark.parametrize(("source", "action"), forbidden_edges(workflow.SESSION, SessionStatus.values))
def test_every_forbidden_session_edge(planned, people, source, action):
    session = _session_at(planned, source)
    with pytest.raises(TransitionRefused):
        services.session_transition(actor=people["secretary"], session=session, action=action, reason="x")
    session.refresh_from_db()
    assert session.status == source


@pytest.mark.parametrize("who", ["member", "head_a", "staff_a", "other_officer"])
def test_only_the_office_and_the_secretary_run_a_session(planned, people, who):
    with pytest.raises(PermissionDenied):
        services.session_transition(actor=people[who], session=planned, action="open")


def _item_at(session, people, state):
    """The session's item driven to `state` through the real services; returns (item, tally code)."""
    session = services.session_transition(actor=people["secretary"], session=session, action="open")
    item = session.items.get()
    code = ""
    if state in (BallotState.OPEN, BallotState.CLOSED, BallotState.TALLIED):
        code = services.ballot_open(actor=people["secretary"], item=item)
        services.ballot_cast(actor=people["member"], item=item, choice="agree")
    if state in (BallotState.CLOSED, BallotState.TALLIED):
        services.ballot_close(actor=people["secretary"], item=item, tally_code=code)
    if state == BallotState.TALLIED:
        services.ballot_tally(actor=people["secretary"], item=item)
    item.refresh_from_db()
    assert item.ballot_state == state
    return item, code


def _perform(item, action, people, code):
    actor = people["secretary"]
    if action == workflow.OPEN:
        return services.ballot_open(actor=actor, item=item)
    if action == workflow.CLOSE:
        return services.ballot_close(actor=actor, item=item, tally_code=code or "0" * 32)
    return services.ballot_tally(actor=actor, item=item)


@pytest.mark.parametrize(("source", "action", "target"), allowed_edges(workflow.BALLOT))
def test_every_allowed_ballot_edge(planned, people, source, action, target):
    item, code = _item_at(planned, people, source)
    _perform(item, action, people, code)
    item.refresh_from_db()
    assert item.ballot_state == target
    assert AuditEvent.objects.filter(action=f"council_ballot.{action}", object_id=str(item.pk)).exists()


@pytest.mark.parametrize(("source", "action"), forbidden_edges(workflow.BALLOT, BallotState.values))
def test_every_forbidden_ballot_edge(planned, people, source, action):
    item, code = _item_at(planned, people, source)
    with pytest.raises(TransitionRefused):
        transition_perform(workflow=workflow.BALLOT, record=item, action=action, actor=people["secretary"])
    with pytest.raises(TransitionRefused):
        _perform(item, action, people, code)
    item.refresh_from_db()
    assert item.ballot_state == source


def test_a_ballot_does_not_open_before_the_session(planned, people):
    item = planned.items.get()
    with pytest.raises(TransitionRefused, match="chưa khai mạc"):
        services.ballot_open(actor=people["secretary"], item=item)


@pytest.mark.parametrize("who", ["member", "head_a", "other_officer"])
def test_only_the_office_and_the_secretary_run_a_ballot(planned, people, who):
    item, _ = _item_at(planned, people, BallotState.PENDING)
    with pytest.raises(PermissionDenied):
        services.ballot_open(actor=people[who], item=item)
    assert AgendaItem.objects.get(pk=item.pk).ballot_state == BallotState.PENDING
