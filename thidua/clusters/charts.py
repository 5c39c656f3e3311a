"""The charts of a bloc's review, as PNG drawn by the documents toolkit (`thidua.documents.charts`):

- the radar: one axis per criterion group, a member's score in the group as % of the group's maximum, several
  members overlaid with a legend;
- the grouped bars: for each criterion group, one bar per member (% of the group's maximum).

The score of a member in a group is that of the round's last stage present for it: the head's verified card,
else the mean of the other members' peer cards, else its own card (`round_group_scores`)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from thidua.documents.charts import Series, bars_png, radar_png
from thidua.organizations.models import Organization

from .models import CriterionGroup, CriterionKind, ScoringRound, Stage
from .selectors import round_member_ids, submitted_cards

ZERO = Decimal("0")


# ---------------------------------------------------------------- the data of a round's charts


@dataclass(frozen=True)
class GroupScores:
    """The round's criterion groups (label, maximum) and each member's points per group, members in the
    round's ranking order."""

    groups: tuple[tuple[str, Decimal], ...]
    members: tuple[Organization, ...]
    points: dict[int, tuple[Decimal | None, ...]]

    def percent(self, member: Organization) -> tuple[float, ...]:
        values = []
        for (_label, top), value in zip(self.groups, self.points.get(member.pk, ()), strict=False):
            values.append(float(value / top * 100) if value is not None and top > 0 else 0.0)
        return tuple(values)

    def series(self, members: Sequence[Organization] | None = None) -> list[Series]:
        return [Series(short_name(m), self.percent(m)) for m in (members or self.members)]

    @property
    def labels(self) -> list[str]:
        return [label for label, _top in self.groups]


def short_name(org: Organization) -> str:
    return org.short_name or org.name


def round_group_scores(round_: ScoringRound, order: Sequence[int] | None = None) -> GroupScores:
    """Each member's points per criterion group at the round's last stage present for it (head, else the
    mean of the peers' cards, else self), in a few queries. `order`: member ids in the order wanted (the
    ranking); by default the round's members by sort key."""
    groups = list(
        CriterionGroup.objects.filter(table=round_.table)
        .prefetch_related("criteria")
        .order_by("position", "pk")
    )
    group_of: dict[int, int] = {}
    sign: dict[int, int] = {}
    for index, group in enumerate(groups):
        for criterion in group.criteria.all():
            group_of[criterion.pk] = index
            sign[criterion.pk] = -1 if criterion.kind == CriterionKind.PENALTY else 1
    member_ids = list(order) if order else round_member_ids(round_)
    members = {o.pk: o for o in Organization.objects.filter(pk__in=member_ids)}
    if not order:
        member_ids.sort(key=lambda pk: (members[pk].sort_key, pk) if pk in members else ("", pk))
    by_stage: dict[tuple[int, str], list[list[Decimal]]] = defaultdict(list)
    for card in submitted_cards(round_):
        if card.stage == Stage.PEER and card.scorer == card.target:
            continue  # a member's own peer card never counts
        totals = [ZERO] * len(groups)
        for criterion_id, value in card.points.items():
            if criterion_id in group_of:
                totals[group_of[criterion_id]] += sign[criterion_id] * value
        by_stage[(card.target, card.stage)].append(totals)
    points: dict[int, tuple[Decimal | None, ...]] = {}
    for member in member_ids:
        for stage in (Stage.HEAD, Stage.PEER, Stage.SELF):
            cards = by_stage.get((member, stage))
            if cards:
                points[member] = tuple(
                    sum((c[i] for c in cards), ZERO) / len(cards) for i in range(len(groups))
                )
                break
        else:
            points[member] = (None,) * len(groups)
    return GroupScores(
        groups=tuple((f"{g.code}. {g.title}", g.max_points) for g in groups),
        members=tuple(members[pk] for pk in member_ids if pk in members),
        points=points,
    )


def round_radar(
    scores: GroupScores,
    members: Sequence[Organization] | None = None,
    *,
    width: int = 900,
    height: int = 700,
    title: str | None = None,
) -> bytes:
    return radar_png(scores.labels, scores.series(members), width=width, height=height, title=title)


def round_bars(
    scores: GroupScores, *, width: int = 900, height: int = 600, title: str | None = None
) -> bytes:
    return bars_png(scores.labels, scores.series(), width=width, height=height, title=title)
