"""Random sequences of votes, written votes, conflicts, openings, closings (with the right or a wrong tally code)
and tallies, checked against a model of the rules: no result without a quorum, no pass under the threshold, no
vote counted twice (a second vote is refused), no nomination decided twice."""

from __future__ import annotations

from collections import Counter

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule, run_state_machine_as_test

from thidua.audit.models import AuditEvent
from thidua.council import services
from thidua.council.models import AgendaItem, BallotChoice, BallotRoll, BallotState, Conflict
from thidua.council.tests.conftest import voters
from thidua.nominations.models import NominationStatus

pytestmark = pytest.mark.django_db

SIZE = 5
# code, unit of the nominee, the expected rule on all members: agree * denominator (>=|>) numerator * base
LINES = (("CSTD_TINH", "div_a"), ("CSTDCS", "div_a"), ("BANG_KHEN_TINH", "div_b"))
RULES = {"CSTD_TINH": (9, 10, False), "CSTDCS": (2, 3, False), "BANG_KHEN_TINH": (1, 2, True)}
REFUSED = (ValidationError, PermissionDenied)
MOSTLY_AGREE = ["agree", "agree", "agree", "agree", "disagree", "abstain"]


def passes(code: str, agree: int, base: int) -> bool:
    numerator, denominator, strict = RULES[code]
    return agree * denominator > numerator * base if strict else agree * denominator >= numerator * base


class BallotMachine(RuleBasedStateMachine):
    world: dict = {}
    outcomes: Counter = Counter()

    @initialize()
    def setup(self):
        self.savepoint = transaction.savepoint_create()
        w = self.world
        lines = [w["make_line"](code, unit=w["org_tree"][unit]) for code, unit in LINES]
        self.session, self.items = w["open_session"](lines, size=SIZE)
        self.members = voters(self.session)
        self.secretary = w["people"]["secretary"]
        self.state = {item.pk: BallotState.PENDING for item in self.items}
        self.codes: dict[int, str] = {}
        self.voted: dict[int, set[int]] = {item.pk: set() for item in self.items}
        self.cast: dict[int, Counter] = {item.pk: Counter() for item in self.items}
        self.conflicted: dict[int, set[int]] = {
            item.pk: set(Conflict.objects.filter(item=item).values_list("member_id", flat=True))
            for item in self.items
        }

    def teardown(self):
        if hasattr(self, "savepoint"):
            transaction.savepoint_rollback(self.savepoint)

    def _item(self, index: int) -> AgendaItem:
        return self.items[index % len(self.items)]

    @rule(i=st.integers(0, 2))
    def open_ballot(self, i):
        item = self._item(i)
        if self.state[item.pk] == BallotState.PENDING:
            self.codes[item.pk] = services.ballot_open(actor=self.secretary, item=item)
            self.state[item.pk] = BallotState.OPEN
        else:
            with pytest.raises(REFUSED):
                services.ballot_open(actor=self.secretary, item=item)

    @rule(
        i=st.integers(0, 2),
        m=st.integers(0, SIZE - 1),
        choice=st.sampled_from(["agree", "disagree", "abstain"]),
        written=st.booleans(),
    )
    def vote(self, i, m, choice, written):
        item, member = self._item(i), self.members[m]
        allowed = (
            self.state[item.pk] == BallotState.OPEN
            and member.pk not in self.voted[item.pk]
            and member.pk not in self.conflicted[item.pk]
        )

        def cast():
            if written:
                return services.ballot_cast_written(
                    actor=self.secretary, item=item, member=member, choice=choice
                )
            return services.ballot_cast(actor=member.user, item=item, choice=choice)

        if allowed:
            assert cast()
            self.voted[item.pk].add(member.pk)
            self.cast[item.pk][choice] += 1
        else:
            with pytest.raises(REFUSED):
                cast()

    @rule(
        i=st.integers(0, 2),
        choices=st.lists(st.sampled_from(["agree", "disagree", "abstain"]), min_size=SIZE, max_size=SIZE),
        written=st.integers(0, SIZE - 1),
    )
    def vote_round(self, i, choices, written):
        """Every member who may still vote on the item does (one of them in writing)."""
        for m, choice in enumerate(choices):
            self.vote(i, m, choice, m == written)

    @rule(
        i=st.integers(0, 2),
        choices=st.lists(st.sampled_from(MOSTLY_AGREE), min_size=SIZE, max_size=SIZE),
        turnout=st.integers(0, SIZE),
    )
    def advance(self, i, choices, turnout):
        """Move an item one step along the usual path (so that random runs reach tallies): open it; let `turnout`
        members vote; close it with the right code; tally it."""
        item = self._item(i)
        state = self.state[item.pk]
        if state == BallotState.PENDING:
            self.open_ballot(i)
        elif state == BallotState.OPEN and not self.voted[item.pk]:
            for m, choice in enumerate(choices[:turnout]):
                self.vote(i, m, choice, m == 0)
        elif state == BallotState.OPEN:
            self.close(i, True)
        elif state == BallotState.CLOSED:
            self.tally(i)

    @rule(i=st.integers(0, 2), m=st.integers(0, SIZE - 1))
    def declare(self, i, m):
        item, member = self._item(i), self.members[m]
        allowed = (
            self.state[item.pk] in (BallotState.PENDING, BallotState.OPEN)
            and member.pk not in self.voted[item.pk]
            and member.pk not in self.conflicted[item.pk]
        )
        if allowed:
            services.conflict_declare(actor=member.user, item=item, note="Người thân")
            self.conflicted[item.pk].add(member.pk)
        else:
            with pytest.raises(REFUSED):
                services.conflict_declare(actor=member.user, item=item, note="Người thân")

    @rule(i=st.integers(0, 2), right=st.booleans())
    def close(self, i, right):
        item = self._item(i)
        code = self.codes.get(item.pk, "") if right else "ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ"
        if self.state[item.pk] == BallotState.OPEN and right:
            services.ballot_close(actor=self.secretary, item=item, tally_code=code)
            self.state[item.pk] = BallotState.CLOSED
            published = Counter(BallotChoice.objects.filter(item=item).values_list("choice", flat=True))
            assert published == self.cast[item.pk]
        else:
            with pytest.raises(REFUSED):
                services.ballot_close(actor=self.secretary, item=item, tally_code=code)

    @rule(i=st.integers(0, 2))
    def tally(self, i):
        item = self._item(i)
        if self.state[item.pk] != BallotState.CLOSED:
            with pytest.raises(REFUSED):
                services.ballot_tally(actor=self.secretary, item=item)
            return
        item = services.ballot_tally(actor=self.secretary, item=item)
        self.state[item.pk] = BallotState.TALLIED
        base = SIZE  # conflicted members stay in the base (the council's default)
        voted = len(self.voted[item.pk])
        agree = self.cast[item.pk]["agree"]
        assert (item.members_total, item.agree, (item.members_present or 0) + (item.written_votes or 0)) == (
            SIZE,
            agree,
            voted,
        )
        assert item.conflicted == len(self.conflicted[item.pk])
        quorum = voted * 2 > base
        assert item.quorum_met is quorum
        nomination = item.nomination
        nomination.refresh_from_db()
        self.outcomes["passed" if item.passed else "failed" if quorum else "no quorum"] += 1
        if not quorum:
            assert item.passed is None  # no result without a quorum
            assert nomination.status == NominationStatus.ON_AGENDA
        else:
            assert item.passed is passes(nomination.code, agree, base)  # never a pass under the threshold
            assert nomination.status == (
                NominationStatus.PASSED if item.passed else NominationStatus.NOT_PASSED
            )

    @invariant()
    def no_vote_counted_twice(self):
        if not hasattr(self, "items"):
            return
        for item in self.items:
            roll = list(BallotRoll.objects.filter(item=item).values_list("member_id", flat=True))
            assert len(roll) == len(set(roll)) == len(self.voted[item.pk])
            if self.state[item.pk] in (BallotState.CLOSED, BallotState.TALLIED):
                assert BallotChoice.objects.filter(item=item).count() == len(roll)

    @invariant()
    def no_nomination_decided_twice(self):
        if not hasattr(self, "items"):
            return
        for item in self.items:
            decisions = AuditEvent.objects.filter(
                action__in=("nomination.pass", "nomination.fail"), object_id=str(item.nomination_id)
            ).count()
            assert decisions <= 1
            state = AgendaItem.objects.get(pk=item.pk)
            assert state.ballot_state == self.state[item.pk]
            assert state.passed is None or state.quorum_met


def test_random_ballots_keep_the_invariants(org_tree, people, make_line, open_session):
    BallotMachine.world = {
        "org_tree": org_tree,
        "people": people,
        "make_line": make_line,
        "open_session": open_session,
    }
    BallotMachine.outcomes = Counter()
    run_state_machine_as_test(
        BallotMachine,
        settings=settings(
            max_examples=25,
            stateful_step_count=50,
            deadline=None,
            derandomize=True,  # the same runs every time, so that the exploration check below is stable
            suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
        ),
    )
    # the random runs reached both kinds of result (a vacuous run would prove nothing)
    assert BallotMachine.outcomes["passed"] + BallotMachine.outcomes["failed"] > 0, BallotMachine.outcomes
    assert BallotMachine.outcomes["no quorum"] > 0, BallotMachine.outcomes
