"""The decision lifecycle edge by edge: every allowed edge of `workflow.DECISION` through the services (with its
audit event), every forbidden (state, action) pair refused, each guard's refusal, and who may take each edge —
the office or the head of the agency, never a user of another agency."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from thidua.audit.models import AuditEvent
from thidua.core.tests.workflow_walk import allowed_edges, forbidden_edges
from thidua.core.workflow import TransitionRefused
from thidua.decisions import services, workflow
from thidua.decisions.models import Decision, DecisionKind, DecisionStatus

from . import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(org_tree):
    return f.cast(org_tree)


@pytest.fixture
def award_draft(org_tree, people):
    """A draft award decision of the agency with two awardees."""
    return f.draft(
        people["officer"],
        org_tree["agency"],
        [("LDTT", people["awardee"]), ("GIAY_KHEN", org_tree["div_b"])],
    )


@pytest.fixture
def external_draft(org_tree, people):
    return f.external(people["officer"], org_tree["agency"], [("BANG_KHEN_TINH", people["awardee"])])


def _at(decision, state):
    """The decision put straight into `state` (for the refusals: nothing of the step runs)."""
    Decision.objects.filter(pk=decision.pk).update(status=state)
    decision.refresh_from_db()
    return decision


def _step(decision, action, actor, **extra):
    extra.setdefault("reason", "Lý do")
    if action == workflow.REVOKE:
        extra.setdefault("revoking_number", "45/QĐ-SKHCN")
        extra.setdefault("revoking_date", date(2025, 5, 5))
    return services.decision_transition(
        actor=actor, decision=decision, action=action, on=f.SIGNED_ON, **extra
    )


def _in_source_state(source, action, award_draft, external_draft, people):
    """A decision in `source` reached through the real services (an external one for `register`)."""
    if action == workflow.REGISTER:
        return external_draft
    return f.drive(award_draft, source, people)


# ---------------------------------------------------------------- the table


@pytest.mark.parametrize(("source", "action", "target"), allowed_edges(workflow.DECISION))
def test_every_allowed_edge(award_draft, external_draft, people, source, action, target):
    decision = _in_source_state(source, action, award_draft, external_draft, people)
    result = _step(decision, action, people["both"])
    assert result.status == target
    assert Decision.objects.get(pk=decision.pk).status == target
    event = AuditEvent.objects.get(action=f"decision.{action}", object_id=str(decision.pk))
    assert event.actor_id == people["both"].pk
    assert event.before is not None and event.after is not None
    assert event.before["status"] == source and event.after["status"] == target


@pytest.mark.parametrize(("source", "action"), forbidden_edges(workflow.DECISION, DecisionStatus.values))
def test_every_forbidden_edge(award_draft, people, source, action):
    decision = _at(award_draft, source)
    version = decision.version
    with pytest.raises(TransitionRefused) as refused:
        _step(decision, action, people["both"])
    assert refused.value.code == "state"
    decision.refresh_from_db()
    assert decision.status == source and decision.version == version
    assert decision.revoking_number == ""  # the revoking number written before the step is rolled back
    assert not AuditEvent.objects.filter(action=f"decision.{action}", object_id=str(decision.pk)).exists()


def test_the_table_names_every_state_and_action():
    assert set(workflow.DECISION.states) == set(DecisionStatus.values)
    assert workflow.DECISION.actions == {"submit", "return", "sign", "issue", "register", "revoke"}


# ---------------------------------------------------------------- the guards


def _refused(decision, action, actor, match, **extra):
    with pytest.raises(TransitionRefused, match=match) as refused:
        _step(decision, action, actor, **extra)
    assert refused.value.code in ("guard", "reason")
    before = decision.status
    decision.refresh_from_db()
    assert decision.status == before
    return refused.value


def test_submit_refuses_a_decision_without_awardees(org_tree, people):
    empty = f.draft(people["officer"], org_tree["agency"], [])
    _refused(empty, "submit", people["officer"], "chưa có ai được khen thưởng")


def test_submit_refuses_a_decision_without_bases(award_draft, people):
    services.decision_update(actor=people["officer"], decision=award_draft, bases=["  ", ""])
    award_draft.refresh_from_db()
    assert award_draft.bases == []
    _refused(award_draft, "submit", people["officer"], "chưa có căn cứ ban hành")


def test_submit_refuses_an_external_decision(external_draft, people):
    _refused(external_draft, "submit", people["officer"], "không trình ký ở đây")


@pytest.mark.parametrize(
    ("blank", "named"),
    [
        ({"number_symbol": ""}, "số, ký hiệu"),
        ({"decided_on": None}, "ngày ký"),
        ({"deciding_body": ""}, "cơ quan quyết định"),
    ],
)
def test_register_refuses_an_external_decision_missing_a_field(external_draft, people, blank, named):
    services.decision_update(actor=people["officer"], decision=external_draft, **blank)
    error = _refused(external_draft, "register", people["officer"], named)
    assert "bản chụp" not in str(error)  # only what is missing is named


def test_register_refuses_an_external_decision_without_its_scan(org_tree, people):
    unscanned = f.external(
        people["officer"], org_tree["agency"], [("BANG_KHEN_TINH", people["awardee"])], with_scan=False
    )
    _refused(unscanned, "register", people["officer"], "bản chụp quyết định")


def test_register_refuses_an_external_decision_without_awardees(org_tree, people):
    empty = f.external(people["officer"], org_tree["agency"], [])
    _refused(empty, "register", people["officer"], "chưa có ai được khen thưởng")


@pytest.mark.parametrize("kind", [DecisionKind.AWARD, DecisionKind.PROPOSAL])
def test_register_refuses_the_agencys_own_decisions(org_tree, people, kind):
    own = f.draft(people["officer"], org_tree["agency"], [("LDTT", people["awardee"])], kind=kind)
    _refused(own, "register", people["officer"], "phải được ký số")


@pytest.mark.parametrize(
    ("number", "day"), [("", date(2025, 5, 5)), ("45/QĐ-SKHCN", None), ("   ", date(2025, 5, 5))]
)
def test_revoke_needs_the_revoking_decisions_number_and_date(award_draft, people, number, day):
    issued = f.drive(award_draft, DecisionStatus.ISSUED, people)
    _refused(
        issued,
        "revoke",
        people["signer"],
        "số và ngày của quyết định hủy bỏ",
        revoking_number=number,
        revoking_date=day,
    )
    issued.refresh_from_db()
    assert issued.revoking_number == "" and issued.revoking_date is None


def test_revoke_needs_a_reason(award_draft, people):
    issued = f.drive(award_draft, DecisionStatus.ISSUED, people)
    _refused(issued, "revoke", people["signer"], "lý do", reason="  ")


def test_a_proposal_is_not_revoked(org_tree, people):
    proposal = f.draft(
        people["officer"], org_tree["agency"], [("CSTD_TINH", people["awardee"])], kind=DecisionKind.PROPOSAL
    )
    issued = f.drive(proposal, DecisionStatus.ISSUED, people)
    _refused(issued, "revoke", people["signer"], "Tờ trình không hủy bỏ được")


def test_return_needs_a_reason_and_keeps_it(award_draft, people):
    submitted = f.drive(award_draft, DecisionStatus.SUBMITTED, people)
    _refused(submitted, "return", people["signer"], "lý do", reason="")
    returned = _step(submitted, "return", people["signer"], reason="Sửa căn cứ thứ hai")
    assert returned.status == DecisionStatus.DRAFT and returned.return_reason == "Sửa căn cứ thứ hai"


# ---------------------------------------------------------------- who may take each edge

# For each edge: may the office (officer) take it, may the head (signer)?
MAY = {
    "submit": {"officer": True, "signer": False},
    "return": {"officer": False, "signer": True},
    "sign": {"officer": False, "signer": True},
    "issue": {"officer": True, "signer": True},
    "register": {"officer": True, "signer": False},
    "revoke": {"officer": True, "signer": True},
}


def test_the_role_table_is_the_workflows():
    for t in workflow.DECISION.transitions:
        assert {who for who, may in MAY[t.action].items() if may} == set(t.roles), t.action


@pytest.mark.parametrize(("source", "action", "target"), allowed_edges(workflow.DECISION))
@pytest.mark.parametrize("who", ["officer", "signer"])
def test_the_office_and_the_head_per_edge(award_draft, external_draft, people, source, action, target, who):
    decision = _in_source_state(source, action, award_draft, external_draft, people)
    if MAY[action][who]:
        assert _step(decision, action, people[who]).status == target
    else:
        with pytest.raises(PermissionDenied):
            _step(decision, action, people[who])
        decision.refresh_from_db()
        assert decision.status == source


@pytest.mark.parametrize(("source", "action", "target"), allowed_edges(workflow.DECISION))
@pytest.mark.parametrize("who", ["other_officer", "other_signer", "head_a", "staff_a"])
def test_nobody_else_takes_an_edge(award_draft, external_draft, people, source, action, target, who):
    decision = _in_source_state(source, action, award_draft, external_draft, people)
    version = decision.version
    with pytest.raises(PermissionDenied):
        _step(decision, action, people[who])
    decision.refresh_from_db()
    assert decision.status == source and decision.version == version
    assert not AuditEvent.objects.filter(action=f"decision.{action}", object_id=str(decision.pk)).exists()


def test_the_buttons_of_another_agencys_users(award_draft, people):
    """What a page offers comes from the same table: nothing to the other agency's office or head."""
    assert workflow.DECISION.allowed_for(people["other_officer"], award_draft) == []
    assert workflow.DECISION.allowed_for(people["other_signer"], award_draft) == []
    assert [t.action for t in workflow.DECISION.allowed_for(people["officer"], award_draft)] == [
        "submit",
        "register",
    ]
