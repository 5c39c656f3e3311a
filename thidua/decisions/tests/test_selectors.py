"""The decisions' scope and reads: who reads which decision in which state, the sessions still waiting for their
decisions (a paper decision's line without a nomination does not hide them), the lines a draft may still take,
and the signature check of the stored file."""

import io

import pytest

from thidua.accounts.scope import CHANGE, VIEW, restrict
from thidua.decisions import selectors, services
from thidua.decisions.models import Decision, DecisionLine

from . import factories as f

pytestmark = pytest.mark.django_db


def _visible(user, action=VIEW):
    return set(restrict(Decision.objects.all(), user, action).values_list("pk", flat=True))


def test_who_reads_which_decision(world, people):
    draft, proposal, issued, external = (world[k].pk for k in ("draft", "proposal", "issued", "external"))
    everything = {draft, proposal, issued, external}
    assert _visible(people["officer"]) == everything
    assert _visible(people["signer"]) == everything
    assert _visible(people["admin"]) == everything
    assert _visible(people["head_a"]) == {issued}  # published, and names division A
    assert _visible(people["head_b"]) == set()
    assert _visible(people["staff_a"]) == set()  # not named in it
    assert _visible(people["other_officer"]) == set()
    assert _visible(people["other_admin"]) == set()
    assert _visible(people["officer"], CHANGE) == everything
    assert _visible(people["head_a"], CHANGE) == set()
    lines = restrict(DecisionLine.objects.all(), people["head_a"], VIEW)
    assert {line.decision_id for line in lines} == {issued}


def test_whoever_reads_an_award_reads_the_decision_that_wrote_it(world, people, org_tree, make_user):
    """A unit that holds the awardee today reads the award, so the registry's link to its decision opens."""
    from datetime import date

    from thidua.accounts.models import Role
    from thidua.organizations.models import Assignment, Organization, Position

    line = world["issued"].lines.get()
    new_unit = Organization.objects.create(
        kind="division", code="A-NEW", name="Phòng mới", parent=org_tree["agency"]
    )
    Assignment.objects.filter(person=line.person).update(end_on=date(2025, 6, 30))
    Assignment.objects.create(
        person=line.person,
        organization=new_unit,
        position=Position.objects.get(name="Chuyên viên"),
        start_on=date(2025, 7, 1),
    )
    head = make_user(Role.UNIT_HEAD, new_unit, username="head_new")
    assert _visible(head) == {world["issued"].pk}


def test_the_sessions_waiting_for_decisions(closed_session, people, org_tree):
    session = closed_session()
    waiting = list(selectors.sessions_awaiting_decision(user=people["officer"]))
    assert [(s.pk, s.waiting) for s in waiting] == [(session.pk, 4)]  # type: ignore[attr-defined]
    assert list(selectors.sessions_awaiting_decision(user=people["other_officer"])) == []
    assert list(selectors.sessions_awaiting_decision(user=people["signer"])) == []
    # A paper decision whose line has no nomination must not hide the session (NULL in a NOT IN list).
    f.external(people["officer"], org_tree["agency"], [("BANG_KHEN_TINH", org_tree["div_b"])])
    assert [s.pk for s in selectors.sessions_awaiting_decision(user=people["officer"])] == [session.pk]
    assert len(services.passed_lines_without_decision(session)) == 4
    award, proposal = services.decisions_from_session(actor=people["officer"], session=session)
    assert list(selectors.sessions_awaiting_decision(user=people["officer"])) == []
    line = award.lines.order_by("pk")[0]
    services.line_remove(actor=people["officer"], line=line)
    waiting = list(selectors.sessions_awaiting_decision(user=people["officer"]))
    assert [s.waiting for s in waiting] == [1]  # type: ignore[attr-defined]
    assert list(selectors.addable_nominations(decision=award)) == [line.nomination]
    assert list(selectors.addable_nominations(decision=proposal)) == []  # a Chiến sĩ thi đua cơ sở is ours


def test_the_dashboard_counts(world, people):
    assert selectors.counts_for(user=people["officer"]) == {"to_sign": 0, "to_issue": 0, "drafts": 3}
    services.decision_transition(actor=people["officer"], decision=world["draft"], action="submit")
    assert selectors.counts_for(user=people["signer"])["to_sign"] == 1
    assert selectors.counts_for(user=people["other_officer"]) == {"to_sign": 0, "to_issue": 0, "drafts": 0}


def test_the_signature_check_reads_the_stored_file(world):
    issued = world["issued"]
    check = selectors.signature_check(issued)
    assert check is not None and check["ok"] and check["demo"] and check["problems"] == []
    assert "Giám đốc Sở" in check["subject"]
    assert selectors.signature_check(world["draft"]) is None
    with issued.signed_pdf.open("rb") as handle:
        data = handle.read()
    issued.signed_pdf.storage.delete(issued.signed_pdf.name)
    issued.signed_pdf.storage.save(issued.signed_pdf.name, io.BytesIO(data + b"\n% appended\n"))
    check = selectors.signature_check(Decision.objects.get(pk=issued.pk))
    assert check is not None and not check["ok"]
    assert any("SHA-256" in problem for problem in check["problems"])


def test_the_document_kinds_find_their_decisions(world):
    from thidua.core.registry import registry

    decision_kind, proposal_kind = registry.document_kinds["decision"], registry.document_kinds["proposal"]
    assert decision_kind.find(str(world["issued"].pk)) == world["issued"]
    assert decision_kind.find(str(world["proposal"].pk)) is None
    assert proposal_kind.find(str(world["proposal"].pk)) == world["proposal"]
    assert decision_kind.find("abc") is None
    content = decision_kind.build(
        world["issued"], number_symbol=world["issued"].number_symbol, issued_on=None
    )
    assert content.number_symbol == world["issued"].number_symbol
