"""Fixtures of the council: an agency's council of members with logins, a batch of accepted lines from division
A (nominees assigned to division A or B), and helpers that open a session and run a ballot."""

from __future__ import annotations

from datetime import date

import pytest

from thidua.accounts.models import Role
from thidua.council import services
from thidua.council.models import MemberRole
from thidua.nominations.models import BatchStatus, Nomination, NominationStatus, ProposalBatch
from thidua.organizations.models import Assignment, Person, Position

HELD_ON = date(2025, 3, 12)


@pytest.fixture
def position(db):
    return Position.objects.create(name="Chuyên viên")


@pytest.fixture
def make_person(position):
    counter = {"n": 0}

    def _make(unit, given="An"):
        counter["n"] += 1
        person = Person.objects.create(
            family_name="Nguyễn", middle_name="Văn", given_name=given, sex="M", staff_code=f"P{counter['n']}"
        )
        Assignment.objects.create(
            person=person, organization=unit, position=position, start_on=date(2015, 1, 1)
        )
        return person

    return _make


@pytest.fixture
def people(org_tree, make_user, make_person):
    """The route matrix's users plus the council's secretary and a plain member (a council member grant)."""
    return {
        "officer": make_user(Role.OFFICER, org_tree["agency"], include_subunits=True, username="officer"),
        "head_a": make_user(Role.UNIT_HEAD, org_tree["div_a"], username="head_a"),
        "head_b": make_user(Role.UNIT_HEAD, org_tree["div_b"], username="head_b"),
        "staff_a": make_user(Role.STAFF, org_tree["div_a"], username="staff_a"),
        "other_officer": make_user(Role.OFFICER, org_tree["other"], include_subunits=True, username="other"),
        "secretary": make_user(Role.COUNCIL_SECRETARY, org_tree["agency"], username="secretary"),
        "member": make_user(
            Role.COUNCIL_MEMBER,
            org_tree["agency"],
            username="member",
            person=make_person(org_tree["div_b"], "Bình"),
        ),
    }


@pytest.fixture
def make_council(org_tree, people, make_user):
    """A council of `size` members: the officer (standing), the secretary, the plain member, then members with a
    login only (no role grant: e.g. the trade union's representative)."""

    def _make(size=10, *, conflicted_in_base=True):
        officer = people["officer"]
        council = services.council_create(
            actor=officer,
            agency=org_tree["agency"],
            name="Hội đồng Thi đua – Khen thưởng Sở",
            term_from=date(2024, 1, 1),
            conflicted_in_base=conflicted_in_base,
        )
        users = [people["officer"], people["secretary"], people["member"]]
        roles = [MemberRole.STANDING, MemberRole.SECRETARY, MemberRole.MEMBER]
        for i in range(size - 3):
            users.append(make_user(username=f"voter{council.pk}_{i}"))
            roles.append(MemberRole.CHAIR if i == 0 else MemberRole.MEMBER)
        for user, role in zip(users[:size], roles[:size], strict=True):
            services.member_add(actor=officer, council=council, user=user, role=role)
        return council

    return _make


@pytest.fixture
def batch(org_tree, people):
    return ProposalBatch.objects.create(
        unit=org_tree["div_a"],
        office=org_tree["agency"],
        year=2024,
        title="Đề nghị khen thưởng năm 2024",
        status=BatchStatus.ACCEPTED,
        created_by=people["head_a"],
    )


@pytest.fixture
def make_line(batch, org_tree, make_person):
    """An accepted line of the batch for a new person of division A (or `unit`)."""

    def _make(code="CSTDCS", *, unit=None, person=None, status=NominationStatus.ACCEPTED):
        person = person or make_person(unit or org_tree["div_a"], "Cường")
        return Nomination.objects.create(batch=batch, person=person, code=code, year=2024, status=status)

    return _make


@pytest.fixture
def open_session(make_council, people):
    """A council, an open session on `HELD_ON` with the given lines on its agenda; returns (session, items)."""

    def _open(lines, *, size=10, conflicted_in_base=True):
        council = make_council(size, conflicted_in_base=conflicted_in_base)
        session = services.session_create(
            actor=people["secretary"], council=council, held_on=HELD_ON, place="Phòng họp số 1"
        )
        items = services.agenda_add(actor=people["secretary"], session=session, nominations=lines)
        session = services.session_transition(actor=people["secretary"], session=session, action="open")
        return session, items

    return _open


def voters(session):
    """The session's members with their logins, in the council's order."""
    from thidua.council.selectors import members_of

    return list(members_of(session.council, on=session.held_on))
