"""Hypothesis properties of a bloc's ranking and of its adopted scoring table.

legal-rules §7 (the operating model of guidance 1479/HD-BTĐKT, point 4): the bloc agrees a scoring table, each
member scores itself, the members score each other (chấm chéo), the ranking follows, and the bloc meeting hails
the leader. Issue 14 asks the ranking invariants to be proven by property tests: the ranking does not depend on
the order the scores arrive, a member's own peer score never counts, and a change to an adopted table is refused.

The first part drives the pure `ranking.py` (no database); the second the services on the bloc of
tests/conftest.py, each example inside a savepoint rolled back at its end so the examples do not see each other.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thidua.audit.models import AuditEvent
from thidua.clusters import selectors, services
from thidua.clusters.models import (
    CardStatus,
    Criterion,
    CriterionGroup,
    CriterionKind,
    Score,
    ScoringRound,
    ScoringTable,
    Stage,
    TableStatus,
)
from thidua.clusters.ranking import (
    BONUS,
    HEAD,
    PEER,
    PENALTY,
    SELF,
    STANDARD,
    Card,
    CriterionSpec,
    Standing,
    compute_ranking,
    disagreements,
    quantize,
)
from thidua.rules.models import RuleOverride

from .conftest import YEAR, adopted_table

# ---------------------------------------------------------------- the pure ranking: strategies

PURE = settings(max_examples=200, deadline=None)
STAGES = (SELF, PEER, HEAD)


@st.composite
def tables(draw: st.DrawFn) -> tuple[list[CriterionSpec], int]:
    """A few criteria (standard ones, maybe a bonus and a penalty) and the table's precision."""
    precision = draw(st.integers(0, 2))
    kinds = draw(st.lists(st.sampled_from([STANDARD, STANDARD, BONUS, PENALTY]), min_size=1, max_size=4))
    criteria = [
        CriterionSpec(id=index, kind=kind, max_points=Decimal(draw(st.integers(1, 60))))
        for index, kind in enumerate(kinds, start=1)
    ]
    return criteria, precision


def _points(draw: st.DrawFn, spec: CriterionSpec, precision: int) -> Decimal:
    """A score a member may type: 0 … the maximum, in steps of the table's precision. Few distinct values, so
    equal totals (ties) come up often."""
    step = Decimal(1).scaleb(-precision)
    top = int(spec.max_points / step)
    value = draw(st.one_of(st.sampled_from([0, top, top // 2]), st.integers(0, top)))
    return Decimal(value) * step


@st.composite
def rounds(draw: st.DrawFn) -> dict[str, Any]:
    """Members, a table, weights and the submitted cards of a round: at most one card per (stage, scorer,
    target), as the database keeps them; some cards missing (a member late), so incomplete standings occur."""
    criteria, precision = draw(tables())
    members = draw(st.lists(st.integers(1, 40), min_size=1, max_size=6, unique=True))
    head = draw(st.sampled_from(members))
    cards: list[Card] = []

    def card(stage: str, scorer: int, target: int) -> Card:
        return Card(
            stage=stage,
            scorer=scorer,
            target=target,
            points={spec.id: _points(draw, spec, precision) for spec in criteria},
        )

    for target in members:
        if draw(st.integers(0, 5)):
            cards.append(card(SELF, target, target))
        for scorer in members:
            if scorer != target and draw(st.integers(0, 5)):
                cards.append(card(PEER, scorer, target))
        if draw(st.integers(0, 5)):
            cards.append(card(HEAD, head, target))
    weights = {
        SELF: draw(st.sampled_from([0, 0, 10, 20])),
        PEER: draw(st.sampled_from([0, 30, 50, 60])),
        HEAD: draw(st.sampled_from([0, 40, 50])),
    }
    sort_keys = {m: draw(st.sampled_from(["a", "b", "c"])) for m in members}
    return {
        "members": members,
        "criteria": criteria,
        "cards": cards,
        "weights": weights,
        "precision": precision,
        "sort_keys": sort_keys,
    }


def _rank(data: dict[str, Any], **changes: Any) -> list[Standing]:
    return compute_ranking(**(data | changes))


def _as_rows(standings: list[Standing]) -> list[dict[str, Any]]:
    return [s.as_json() for s in standings]


# ---------------------------------------------------------------- the pure ranking: properties


@PURE
@given(data=rounds(), seed=st.randoms(use_true_random=False))
def test_the_ranking_does_not_depend_on_the_order_the_scores_arrive(data, seed: random.Random) -> None:
    """Issue 14: “rankings do not depend on the order scores arrive”. The cards, the members and each card's
    points come in another order; every standing (totals, rank, ties, what is missing) stays the same."""
    cards = [
        Card(c.stage, c.scorer, c.target, dict(seed.sample(list(c.points.items()), len(c.points))))
        for c in data["cards"]
    ]
    seed.shuffle(cards)
    members = list(data["members"])
    seed.shuffle(members)
    criteria = list(data["criteria"])
    seed.shuffle(criteria)

    assert _as_rows(_rank(data, cards=cards, members=members, criteria=criteria)) == _as_rows(_rank(data))


@PURE
@given(data=rounds(), st_data=st.data())
def test_a_members_own_peer_score_never_counts(data, st_data: st.DataObject) -> None:
    """legal-rules §7 / issue 14: in the peer round a member scores the others, never itself; a card where a
    member scores itself “at the peer stage” (any points) changes neither the standings nor the disagreements."""
    criteria = data["criteria"]
    who = st_data.draw(st.lists(st.sampled_from(data["members"]), min_size=1, unique=True))
    own = [
        Card(
            PEER,
            member,
            member,
            {s.id: st_data.draw(st.sampled_from([Decimal(0), s.max_points])) for s in criteria},
        )
        for member in who
    ]
    cards = data["cards"] + own
    before = _rank(data)

    assert _as_rows(_rank(data, cards=cards)) == _as_rows(before)
    gap = st_data.draw(st.integers(0, 50))
    assert disagreements(criteria=criteria, cards=cards, gap_pct=gap) == disagreements(
        criteria=criteria, cards=data["cards"], gap_pct=gap
    )
    # … and the member's peer count is the number of other members who scored it.
    for s in before:
        others = {c.scorer for c in data["cards"] if c.stage == PEER and c.target == s.member}
        assert s.peer_count == len(others - {s.member})


@PURE
@given(data=rounds())
def test_ties_share_a_competition_rank_and_ranks_run_from_one_with_gaps(data) -> None:
    """Issue 14: “ties shown”. The complete standings come first, best final first; a member's rank is one plus
    the number of complete members with a higher final (1, 1, 3 — competition ranking); equal finals share a
    rank and are marked tied; an incomplete standing has no rank and comes after every ranked one."""
    standings = _rank(data)
    ranked = [s for s in standings if s.rank is not None]
    assert all(s.complete for s in ranked)
    assert standings[: len(ranked)] == ranked  # the unranked ones come last
    finals = [s.final or Decimal(0) for s in ranked]
    assert all(s.final is not None for s in ranked)
    assert finals == sorted(finals, reverse=True)
    for s in ranked:
        assert s.final is not None
        assert s.rank == 1 + sum(1 for o in ranked if o.final is not None and o.final > s.final)
        assert s.tied == any(o is not s and o.final == s.final for o in ranked)
    if ranked:
        assert ranked[0].rank == 1
        assert max(s.rank for s in ranked if s.rank) <= len(ranked)
    for s in standings:
        if not s.complete:
            assert s.rank is None and not s.tied
    assert sorted(s.member for s in standings) == sorted(data["members"])


@PURE
@given(data=rounds(), st_data=st.data())
def test_a_stage_weighted_zero_does_not_count(data, st_data: st.DataObject) -> None:
    """The weights come from configuration (`cluster.weights`, legal-rules §7 and §11: the bloc's own method);
    a stage with weight 0 is not used: its cards may be anything, present or missing, and no final, rank or
    completeness changes."""
    stage = st_data.draw(st.sampled_from(STAGES))
    weights = dict(data["weights"]) | {stage: 0}
    others = [c for c in data["cards"] if c.stage != stage]
    members, criteria = data["members"], data["criteria"]
    scorer = members[0]
    replaced = [
        Card(
            stage,
            target if stage == SELF else scorer,
            target,
            {s.id: st_data.draw(st.sampled_from([Decimal(0), s.max_points])) for s in criteria},
        )
        for target in st_data.draw(st.lists(st.sampled_from(members), unique=True))
        if stage != PEER or scorer != target
    ]

    def outcome(cards: list[Card]) -> list[tuple]:
        return [
            (s.member, s.final, s.rank, s.tied, s.complete, s.missing)
            for s in _rank(data, cards=cards, weights=weights)
        ]

    assert outcome(data["cards"]) == outcome(others) == outcome(others + replaced)
    for s in _rank(data, cards=others + replaced, weights=weights):
        assert stage not in s.missing


@PURE
@given(data=rounds())
def test_totals_are_decimals_at_the_tables_precision(data) -> None:
    """models.py / issue 14: “scores are Decimal with the table's precision”. Every total is a Decimal with
    exactly the table's number of decimals (what the page and the stored ranking show), the final is the
    weighted mean of the weighted components present (so it lies between them), and the peer total is the
    mean of the others' cards rounded half-up."""
    precision = data["precision"]
    specs = {c.id: c for c in data["criteria"]}
    weights = data["weights"]
    for s in _rank(data):
        components = {SELF: s.self_total, PEER: s.peer_total, HEAD: s.head_total}
        for value in [*components.values(), s.final]:
            if value is not None:
                assert isinstance(value, Decimal)
                assert value.as_tuple().exponent == -precision
        used = [v for stage, v in components.items() if weights[stage] > 0 and v is not None]
        if s.final is not None:
            assert min(used) <= s.final <= max(used)
        else:
            assert not used
        peers = [
            c for c in data["cards"] if c.stage == PEER and c.target == s.member and c.scorer != s.member
        ]
        if peers:
            totals = [
                sum((-v if specs[k].kind == PENALTY else v for k, v in c.points.items()), Decimal(0))
                for c in peers
            ]
            assert s.peer_total == quantize(sum(totals, Decimal(0)) / len(totals), precision)


@PURE
@given(data=rounds())
def test_ranking_twice_gives_the_same_result(data) -> None:
    """The function is pure: the same scores give the same standings, and it does not alter its input."""
    cards = list(data["cards"])
    first = _as_rows(_rank(data))
    assert _as_rows(_rank(data)) == first
    assert data["cards"] == cards


# ---------------------------------------------------------------- the services on the database

DB = settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@contextmanager
def rolled_back() -> Iterator[None]:
    """One example's writes, undone at its end (the examples share the test's fixtures)."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def _snapshot(table: ScoringTable) -> dict[str, Any]:
    """Everything a member sees of a table: its fields, its groups and criteria, in a stable order."""
    row = ScoringTable.objects.get(pk=table.pk)
    return {
        "table": (
            row.title,
            row.precision,
            row.note,
            row.status,
            row.version,
            row.comments_due,
            row.adopted_on,
        ),
        "groups": list(
            CriterionGroup.objects.filter(table=table)
            .order_by("pk")
            .values_list("pk", "position", "code", "title", "max_points")
        ),
        "criteria": list(
            Criterion.objects.filter(group__table=table)
            .order_by("pk")
            .values_list("pk", "group_id", "position", "code", "title", "kind", "max_points", "evidence")
        ),
    }


TEXT = st.text(alphabet="abcđêôơưàảãáạ ABCĐ0123456789.", min_size=1, max_size=20)
POINTS = st.one_of(st.integers(0, 100).map(str), st.sampled_from(["2,5", "0", "60", "12.25"]))
KIND = st.sampled_from(CriterionKind.values)


def _changes(bloc: Any, table: ScoringTable, data: st.DataObject) -> tuple[str, Callable[[Any], Any]]:
    """A mutating service picked at random, with random arguments, as a call taking the actor."""
    group = data.draw(st.sampled_from(list(table.groups.order_by("pk"))))
    criterion = data.draw(st.sampled_from(list(Criterion.objects.filter(group__table=table).order_by("pk"))))
    name = data.draw(
        st.sampled_from(
            [
                "table_update",
                "group_add",
                "group_update",
                "group_delete",
                "criterion_add",
                "criterion_update",
                "criterion_delete",
                "table_transition",
            ]
        )
    )
    calls: dict[str, Callable[[Any], Any]] = {
        "table_update": lambda actor: services.table_update(
            actor=actor,
            table=table,
            version=data.draw(st.sampled_from([None, table.version])),
            title=data.draw(TEXT),
            precision=data.draw(st.integers(0, 2)),
            note=data.draw(TEXT),
        ),
        "group_add": lambda actor: services.group_add(
            actor=actor,
            table=table,
            code=data.draw(TEXT),
            title=data.draw(TEXT),
            max_points=data.draw(POINTS),
        ),
        "group_update": lambda actor: services.group_update(
            actor=actor, group=group, title=data.draw(TEXT), max_points=data.draw(POINTS)
        ),
        "group_delete": lambda actor: services.group_delete(actor=actor, group=group),
        "criterion_add": lambda actor: services.criterion_add(
            actor=actor,
            group=group,
            code=data.draw(TEXT),
            title=data.draw(TEXT),
            max_points=data.draw(POINTS),
            kind=data.draw(KIND),
            evidence=data.draw(st.sampled_from(["", "Báo cáo"])),
        ),
        "criterion_update": lambda actor: services.criterion_update(
            actor=actor,
            criterion=criterion,
            title=data.draw(TEXT),
            max_points=data.draw(POINTS),
            kind=data.draw(KIND),
        ),
        "criterion_delete": lambda actor: services.criterion_delete(actor=actor, criterion=criterion),
        # Back to a draft, out for comments, or adopted again: no edge leaves an adopted table but supersede.
        "table_transition": lambda actor: services.table_transition(
            actor=actor, table=table, action=data.draw(st.sampled_from(["revise", "consult", "adopt"]))
        ),
    }
    return name, calls[name]


@pytest.fixture
def adopted(bloc) -> ScoringTable:
    return adopted_table(bloc)


@pytest.mark.django_db
@DB
@given(data=st.data())
def test_a_change_to_an_adopted_table_is_refused_and_changes_nothing(bloc, adopted, data) -> None:
    """Issue 14: “an adopted table cannot change silently” — every mutating service (group and criterion add,
    update, delete; the table's update; a transition back to draft or consultation) is refused for the year's
    head and for the province's officer alike, and the table, its groups and criteria, and the audit trail stay
    exactly as they were. A change is a new version (next test)."""
    actor = data.draw(st.sampled_from([bloc.head_officer, bloc.province_officer]))
    before = _snapshot(adopted)
    events = AuditEvent.objects.count()
    name, call = _changes(bloc, adopted, data)
    with rolled_back():
        with pytest.raises((ValidationError, PermissionDenied)) as refused:
            call(actor)
        if name != "table_transition":
            assert isinstance(refused.value, ValidationError)
            assert getattr(refused.value, "code", None) == "adopted"
            assert "không sửa được" in " ".join(refused.value.messages)
        assert _snapshot(adopted) == before
        assert AuditEvent.objects.count() == events


@pytest.mark.django_db
@DB
@given(data=st.data())
def test_a_superseded_table_is_refused_too_and_its_new_version_is_editable(bloc, adopted, data) -> None:
    """legal-rules §7 (versioned table): a change is a new version. The new version copies the groups and
    criteria and may be edited; once adopted it supersedes the old one, and the superseded version refuses
    every change as the adopted one did."""
    head = bloc.head_officer
    with rolled_back():
        draft = services.table_new_version(actor=head, table=adopted)
        group = draft.groups.order_by("position").first()
        assert group is not None
        services.group_update(actor=head, group=group, title=data.draw(TEXT))
        draft = services.table_transition(actor=head, table=draft, action="adopt")
        old = ScoringTable.objects.get(pk=adopted.pk)
        assert (old.status, draft.status) == (TableStatus.SUPERSEDED, TableStatus.ADOPTED)
        before = _snapshot(old)
        _name, call = _changes(bloc, old, data)
        with pytest.raises((ValidationError, PermissionDenied)):
            call(head)
        assert _snapshot(old) == before


def _write_cards(
    round_: ScoringRound, stage: str, levels: dict[tuple[int, int], tuple[Decimal, Decimal]]
) -> None:
    """Every card of `stage`: each standard criterion at its level of the maximum (rounded to the table's step),
    the bonus and the penalty at their own level; then the cards are sent."""
    table = round_.table
    criteria = list(Criterion.objects.filter(group__table=table))
    scores = []
    for card in round_.cards.filter(stage=stage):
        level, extra = levels[(card.scorer_id, card.target_id)]
        for c in criteria:
            share = level if c.kind == CriterionKind.STANDARD else extra
            scores.append(Score(card=card, criterion=c, points=(c.max_points * share).quantize(table.step)))
    Score.objects.bulk_create(scores)
    round_.cards.filter(stage=stage).update(status=CardStatus.SUBMITTED, submitted_at=timezone.now())


LEVEL = st.sampled_from([Decimal(x) for x in ("0.5", "0.7", "0.75", "0.8", "0.9", "0.95", "1")])
EXTRA = st.sampled_from([Decimal(0), Decimal("0.5"), Decimal(1)])


@pytest.mark.django_db
@DB
@given(data=st.data())
def test_the_ranking_stored_at_close_is_the_selectors_standings(bloc, data) -> None:
    """legal-rules §7 point 4 (scoring → ranking → suy tôn): the ranking fixed on the round when the head
    closes it is exactly what `selectors.round_standings` computes from the submitted cards (random scores,
    random configured weights, ties included), and `standings_for` keeps showing it after a score changes."""
    head = bloc.head_officer
    ids = [m.pk for m in bloc.members]
    weights = {
        "self": data.draw(st.sampled_from([0, 20])),
        "peer": data.draw(st.sampled_from([0, 40, 50])),
        "head": data.draw(st.sampled_from([30, 50])),
    }
    precision = data.draw(st.integers(0, 2))
    levels = {(scorer, target): (data.draw(LEVEL), data.draw(EXTRA)) for scorer in ids for target in ids}
    with rolled_back():
        RuleOverride.objects.create(
            organization=bloc.province, key="cluster.weights", value=weights, source="Quy chế của tỉnh"
        )
        table = adopted_table(bloc, precision=precision)
        round_ = services.round_create(
            actor=head,
            cluster=bloc.cluster,
            year=YEAR,
            table=table,
            self_due=date(YEAR, 12, 10),
            peer_due=date(YEAR, 12, 20),
        )
        round_ = services.round_transition(actor=head, round_=round_, action="open", on=date(YEAR, 12, 1))
        _write_cards(round_, Stage.SELF, levels)
        round_ = services.round_transition(actor=head, round_=round_, action="peer")
        _write_cards(round_, Stage.PEER, levels)
        round_ = services.round_transition(actor=head, round_=round_, action="verify")
        # The head's cards come prefilled with the members' own scores; the head lowers some of them.
        for card in round_.cards.filter(stage=Stage.HEAD).select_related("target").order_by("target__code"):
            if data.draw(st.booleans()):
                criterion = Criterion.objects.filter(
                    group__table=table, kind=CriterionKind.STANDARD
                ).earliest("pk")
                services.scores_save(actor=head, card=card, values={criterion.pk: ("0", "Thiếu minh chứng")})
            services.card_transition(actor=head, card=card, action="submit")
        live = [s.as_json() for s in selectors.round_standings(round_)]
        round_ = services.round_transition(actor=head, round_=round_, action="close")
        round_.refresh_from_db()

        assert round_.ranking == live
        assert [s.as_json() for s in selectors.round_standings(round_)] == live
        assert {row["member"] for row in live} == set(ids)
        assert all(row["complete"] and row["rank"] for row in live)  # every card was sent
        ranks = sorted(row["rank"] for row in live)
        assert ranks[0] == 1
        # The stored ranking is fixed: a later change to a score does not move it.
        Score.objects.filter(card__round=round_, card__stage=Stage.HEAD).update(points=0)
        assert [s.as_json() for s in selectors.round_standings(round_)] != live
        assert [s.as_json() for s in selectors.standings_for(round_)] == live
