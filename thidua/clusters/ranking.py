"""The ranking of a round, as a pure function of its scores (no Django, no database).

For each member (the target):

- `self_total`: the member's own submitted card;
- `peer_total`: the mean of the other members' submitted peer cards — a card whose scorer is the target is
  ignored whatever its stage says, so a member's own peer score never counts;
- `head_total`: the head's verified card;
- a card's total is Σ standard + Σ bonus − Σ penalty points (penalties are typed as positive deductions).

The final score is the weighted mean of the components present, with the weights of the configuration
(`cluster.weights`: self, peer, head in per cent; a component with weight 0 is not used). A member missing a
component that has weight is `complete=False` and ranked after the complete ones. Totals are rounded half-up to
the table's precision before ranking; equal finals share a rank (1, 1, 3 — competition ranking) and are marked
`tied`. The order of members is by final (descending), then by the sort key given, so the result never depends
on the order the scores arrived in (a property test checks it).

A disagreement is a criterion where the submitted cards about one member (self, peers, head) spread by more than
`gap_pct` % of the criterion's maximum (`cluster.disagreement_gap_pct`); it is flagged for the bloc meeting.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

SELF, PEER, HEAD = "self", "peer", "head"
STANDARD, BONUS, PENALTY = "standard", "bonus", "penalty"
ZERO = Decimal("0")


@dataclass(frozen=True)
class CriterionSpec:
    id: int
    kind: str
    max_points: Decimal


@dataclass(frozen=True)
class Card:
    """A submitted card: who scored whom at which stage, points by criterion id."""

    stage: str
    scorer: int
    target: int
    points: Mapping[int, Decimal]


@dataclass(frozen=True)
class Disagreement:
    target: int
    criterion: int
    low: Decimal
    high: Decimal


@dataclass
class Standing:
    member: int
    self_total: Decimal | None = None
    peer_total: Decimal | None = None
    peer_count: int = 0
    head_total: Decimal | None = None
    final: Decimal | None = None
    complete: bool = False
    rank: int | None = None
    tied: bool = False
    missing: list[str] = field(default_factory=list)

    def as_json(self) -> dict:
        def text(value: Decimal | None) -> str | None:
            return None if value is None else str(value)

        return {
            "member": self.member,
            "self_total": text(self.self_total),
            "peer_total": text(self.peer_total),
            "peer_count": self.peer_count,
            "head_total": text(self.head_total),
            "final": text(self.final),
            "complete": self.complete,
            "rank": self.rank,
            "tied": self.tied,
            "missing": list(self.missing),
        }


def quantize(value: Decimal, precision: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-precision), rounding=ROUND_HALF_UP)


def card_total(points: Mapping[int, Decimal], criteria: Mapping[int, CriterionSpec]) -> Decimal:
    total = ZERO
    for criterion_id, value in points.items():
        spec = criteria.get(criterion_id)
        if spec is None:
            continue
        total += -value if spec.kind == PENALTY else value
    return total


def _mean(values: list[Decimal]) -> Decimal:
    return sum(values, ZERO) / len(values)


def compute_ranking(
    *,
    members: Iterable[int],
    criteria: Iterable[CriterionSpec],
    cards: Iterable[Card],
    weights: Mapping[str, int | Decimal],
    precision: int,
    sort_keys: Mapping[int, str] | None = None,
) -> list[Standing]:
    """The standings of `members`, best first (see the module's docstring)."""
    specs = {c.id: c for c in criteria}
    member_ids = list(dict.fromkeys(members))
    keys = sort_keys or {}
    self_cards: dict[int, Card] = {}
    head_cards: dict[int, Card] = {}
    peer_cards: dict[int, list[Card]] = {m: [] for m in member_ids}
    for card in cards:
        if card.target not in peer_cards:
            continue
        if card.stage == SELF and card.scorer == card.target:
            self_cards[card.target] = card
        elif card.stage == PEER and card.scorer != card.target and card.scorer in peer_cards:
            peer_cards[card.target].append(card)
        elif card.stage == HEAD:
            head_cards[card.target] = card
    used = {stage: Decimal(weights.get(stage, 0) or 0) for stage in (SELF, PEER, HEAD)}
    standings: list[Standing] = []
    for member in member_ids:
        s = Standing(member=member)
        if member in self_cards:
            s.self_total = quantize(card_total(self_cards[member].points, specs), precision)
        peers = sorted(peer_cards[member], key=lambda c: c.scorer)
        s.peer_count = len(peers)
        if peers:
            s.peer_total = quantize(_mean([card_total(c.points, specs) for c in peers]), precision)
        if member in head_cards:
            s.head_total = quantize(card_total(head_cards[member].points, specs), precision)
        components = {SELF: s.self_total, PEER: s.peer_total, HEAD: s.head_total}
        s.missing = [stage for stage, weight in used.items() if weight > 0 and components[stage] is None]
        present = [
            (used[stage], value)
            for stage, value in components.items()
            if used[stage] > 0 and value is not None
        ]
        weight_sum = sum((w for w, _ in present), ZERO)
        if weight_sum > 0:
            s.final = quantize(sum((w * v for w, v in present), ZERO) / weight_sum, precision)
        s.complete = not s.missing and s.final is not None
        standings.append(s)

    def order(s: Standing) -> tuple:
        return (not s.complete, s.final is None, -(s.final or ZERO), keys.get(s.member, ""), s.member)

    standings.sort(key=order)
    rank = 0
    previous: tuple | None = None
    for index, s in enumerate(standings, start=1):
        if not s.complete:
            continue
        if previous is None or s.final != previous[0]:
            rank = index
        s.rank = rank
        previous = (s.final,)
    ranks = [s.rank for s in standings if s.rank is not None]
    for s in standings:
        s.tied = s.rank is not None and ranks.count(s.rank) > 1
    return standings


def disagreements(
    *, criteria: Iterable[CriterionSpec], cards: Iterable[Card], gap_pct: int | Decimal
) -> list[Disagreement]:
    """Criteria where the cards about one member spread by more than `gap_pct` % of the criterion's maximum."""
    specs = {c.id: c for c in criteria}
    values: dict[tuple[int, int], list[Decimal]] = {}
    for card in cards:
        if card.stage == PEER and card.scorer == card.target:
            continue
        for criterion_id, points in card.points.items():
            if criterion_id in specs:
                values.setdefault((card.target, criterion_id), []).append(points)
    found = []
    for (target, criterion_id), given in sorted(values.items()):
        if len(given) < 2:
            continue
        low, high = min(given), max(given)
        limit = specs[criterion_id].max_points * Decimal(gap_pct) / 100
        if high - low > limit:
            found.append(Disagreement(target, criterion_id, low, high))
    return found
