"""Fixtures of the decision pages' tests, on top of the shared builders in `factories.py`: the route matrix's
users (the agency's office and head, the divisions' heads, a member of staff who is an awardee, another agency's
office), a closed council session with passed lines, and a world of decisions in each state the pages show."""

from __future__ import annotations

from typing import Any

import pytest

from thidua.core.tests.route_matrix import make_people
from thidua.decisions import services
from thidua.decisions.models import Decision, DecisionKind

from . import factories as f


@pytest.fixture
def people(org_tree, make_user) -> dict[str, Any]:
    """`factories.cast` (officer, signer, head_a, head_b, staff_a linked to the awardee, other_officer, …) and the
    matrix's other roles (council member, administrators)."""
    return make_people(make_user, org_tree, **f.cast(org_tree))


@pytest.fixture
def closed_session(org_tree):
    """A closed session of the agency's council that passed, for division A: two Chiến sĩ thi đua cơ sở, a
    Giấy khen (within the agency's power) and a Bằng khen of the province (to propose upwards), and did not pass
    a third Chiến sĩ thi đua cơ sở."""

    def _make(codes=("CSTDCS", "CSTDCS", "GIAY_KHEN", "BANG_KHEN_TINH")):
        batch = f.batch(org_tree)
        lines = [f.passed(batch, code) for code in codes]
        lines.append(f.passed(batch, "CSTDCS", status="not_passed"))
        return f.session(org_tree["agency"], lines)

    return _make


@pytest.fixture
def drafts(closed_session, people) -> tuple[Decision, Decision]:
    """The award decision and the proposal drafted from a closed session."""
    award, proposal = services.decisions_from_session(
        actor=people["officer"], session=closed_session(), on=f.SIGNED_ON
    )
    assert (award.kind, proposal.kind) == (DecisionKind.AWARD, DecisionKind.PROPOSAL)
    return award, proposal


@pytest.fixture
def issued(org_tree, people) -> Decision:
    """An issued award decision of the agency (signed by the head, with its files) for a person of division A
    (not the staff member's own line)."""
    batch = f.batch(org_tree)
    line = f.passed(batch, "CSTDCS")
    decision = services.decision_create(
        actor=people["officer"], agency=org_tree["agency"], year=f.YEAR, on=f.SIGNED_ON
    )
    services.line_add(actor=people["officer"], decision=decision, code=line.code, nomination=line)
    return f.drive(decision, "issued", people)


@pytest.fixture
def world(drafts, issued, closed_session, org_tree, people) -> dict[str, Any]:
    """Every record the routes name: the drafts from a session, an issued decision, an external draft, and
    another closed session still waiting for its decisions."""
    award, proposal = drafts
    waiting = closed_session(("GIAY_KHEN",))
    paper = f.external(people["officer"], org_tree["agency"], [("BANG_KHEN_TINH", org_tree["div_b"])])
    return {
        "draft": award,
        "line": award.lines.order_by("pk").first(),
        "proposal": proposal,
        "issued": issued,
        "external": paper,
        "session": waiting,
    }
