"""Reading a bloc: which clusters a user sees, a round's standings in a few grouped queries, the progress of its
scorecards (missing, late), the disagreements to discuss, and an agency's view of its own bloc over the years.

Scope: the province's officers see every cluster of the province; the officers and signing leaders of an agency
see the clusters it is or was a member of (`restrict(Cluster.objects, user)`). Nobody else sees a cluster.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from thidua.accounts.scope import CHANGE, is_system_admin, managed_organizations, scope_policy
from thidua.organizations.models import Organization
from thidua.rules.services import rule_config_for

from .models import (
    CardStatus,
    Cluster,
    ClusterDocument,
    Covenant,
    Criterion,
    Evidence,
    LeaderVote,
    Membership,
    RoundStatus,
    Score,
    Scorecard,
    ScoringRound,
    ScoringTable,
    Stage,
)
from .ranking import Card, CriterionSpec, Disagreement, Standing, compute_ranking, disagreements
from .workflow import AGENCY_ROLES, PROVINCE_ROLES, members_on, year_day

DEFAULT_WEIGHTS = {"self": 0, "peer": 50, "head": 50}


def visible_clusters(user: Any) -> QuerySet[Cluster]:
    """The clusters `user` reads: the province's officers all of theirs, an agency's officers and leaders those
    it is or was a member of."""
    if is_system_admin(user):
        return Cluster.objects.all()
    provinces = managed_organizations(user, *PROVINCE_ROLES).values("pk")
    agencies = managed_organizations(user, *AGENCY_ROLES).values("pk")
    return Cluster.objects.filter(
        Q(province__in=provinces)
        | Q(pk__in=Membership.objects.filter(organization__in=agencies).values("cluster"))
    ).distinct()


def managed_clusters(user: Any) -> QuerySet[Cluster]:
    """The clusters whose settings (members, heads, documents) `user` writes: the province's officers."""
    if is_system_admin(user):
        return Cluster.objects.all()
    return Cluster.objects.filter(province__in=managed_organizations(user, *PROVINCE_ROLES).values("pk"))


@scope_policy(Cluster)
def _cluster_policy(user: Any, qs: QuerySet, action: str) -> QuerySet:
    allowed = managed_clusters(user) if action == CHANGE else visible_clusters(user)
    return qs.filter(pk__in=allowed.values("pk"))


@scope_policy(Membership, Covenant, ScoringTable, ScoringRound, ClusterDocument)
def _cluster_part_policy(user: Any, qs: QuerySet, action: str) -> QuerySet:
    """Parts of a cluster: read by whoever reads the cluster. Writing is decided by the services (the year's
    head, the members), so CHANGE here is the province's officers only."""
    allowed = managed_clusters(user) if action == CHANGE else visible_clusters(user)
    return qs.filter(cluster__in=allowed.values("pk"))


@scope_policy(Scorecard, LeaderVote)
def _round_part_policy(user: Any, qs: QuerySet, action: str) -> QuerySet:
    allowed = managed_clusters(user) if action == CHANGE else visible_clusters(user)
    return qs.filter(round__cluster__in=allowed.values("pk"))


@scope_policy(Evidence)
def _evidence_policy(user: Any, qs: QuerySet, action: str) -> QuerySet:
    allowed = managed_clusters(user) if action == CHANGE else visible_clusters(user)
    return qs.filter(card__round__cluster__in=allowed.values("pk"))


# ---------------------------------------------------------------- the round's standings


def weights_for(cluster: Cluster) -> tuple[dict[str, int], bool]:
    """The ranking's weights (self, peer, head in %) of the province's configuration, and whether to verify."""
    config = rule_config_for(organization=cluster.province)
    weights = dict(DEFAULT_WEIGHTS) | dict(config.get("cluster.weights") or {})
    return {k: int(weights.get(k, 0) or 0) for k in ("self", "peer", "head")}, config.to_verify(
        "cluster.weights"
    )


def gap_for(cluster: Cluster) -> tuple[int, bool]:
    config = rule_config_for(organization=cluster.province)
    return int(config.get("cluster.disagreement_gap_pct") or 20), config.to_verify(
        "cluster.disagreement_gap_pct"
    )


def criteria_of(table: ScoringTable) -> list[Criterion]:
    return list(
        Criterion.objects.filter(group__table=table)
        .select_related("group")
        .order_by("group__position", "position", "pk")
    )


def submitted_cards(round_: ScoringRound) -> list[Card]:
    """The round's submitted cards with their points, in two queries."""
    cards = {
        c.pk: c
        for c in Scorecard.objects.filter(round=round_, status=CardStatus.SUBMITTED).only(
            "pk", "stage", "scorer_id", "target_id"
        )
    }
    points: dict[int, dict[int, Decimal]] = defaultdict(dict)
    for card_id, criterion_id, value in Score.objects.filter(card_id__in=cards).values_list(
        "card_id", "criterion_id", "points"
    ):
        points[card_id][criterion_id] = value
    return [Card(c.stage, c.scorer_id, c.target_id, points[c.pk]) for c in cards.values()]


def round_member_ids(round_: ScoringRound) -> list[int]:
    ids = list(Scorecard.objects.filter(round=round_, stage=Stage.SELF).values_list("target_id", flat=True))
    if ids:
        return ids
    return [m.pk for m in members_on(round_.cluster, year_day(round_.year))]


def round_standings(round_: ScoringRound) -> list[Standing]:
    """The standings from the submitted cards now (a closed round's are stored in `round_.ranking`)."""
    members = round_member_ids(round_)
    names = dict(Organization.objects.filter(pk__in=members).values_list("pk", "sort_key"))
    weights, _verify = weights_for(round_.cluster)
    specs = [CriterionSpec(c.pk, c.kind, c.max_points) for c in criteria_of(round_.table)]
    return compute_ranking(
        members=members,
        criteria=specs,
        cards=submitted_cards(round_),
        weights=weights,
        precision=round_.table.precision,
        sort_keys=names,
    )


def stored_standings(round_: ScoringRound) -> list[Standing]:
    """The ranking fixed when the round closed, as `Standing` rows."""
    rows = []
    for row in round_.ranking:
        s = Standing(member=row["member"])
        for name in ("self_total", "peer_total", "head_total", "final"):
            setattr(s, name, None if row.get(name) is None else Decimal(row[name]))
        s.peer_count, s.complete, s.rank = (
            row.get("peer_count", 0),
            row.get("complete", False),
            row.get("rank"),
        )
        s.tied, s.missing = row.get("tied", False), list(row.get("missing", []))
        rows.append(s)
    return rows


def standings_for(round_: ScoringRound) -> list[Standing]:
    return stored_standings(round_) if round_.ranking else round_standings(round_)


def round_disagreements(round_: ScoringRound) -> list[Disagreement]:
    gap, _verify = gap_for(round_.cluster)
    specs = [CriterionSpec(c.pk, c.kind, c.max_points) for c in criteria_of(round_.table)]
    return disagreements(criteria=specs, cards=submitted_cards(round_), gap_pct=gap)


# ---------------------------------------------------------------- progress: missing and late cards


@dataclass
class CardState:
    card: Scorecard
    due: date | None
    late: bool
    missing_evidence: list[str] = field(default_factory=list)


def _due(round_: ScoringRound, stage: str) -> date | None:
    dues: dict[str, date | None] = {
        Stage.SELF: round_.self_due,
        Stage.PEER: round_.peer_due,
        Stage.HEAD: round_.verify_due,
    }
    return dues.get(stage)


def card_states(round_: ScoringRound, *, today: date | None = None) -> list[CardState]:
    """Every card of the round with its due date, whether it is late (sent after the due date, or still not
    sent after it), in two queries."""
    day = today or timezone.localdate()
    cards = list(
        Scorecard.objects.filter(round=round_)
        .select_related("scorer", "target")
        .order_by("stage", "target__sort_key", "scorer__sort_key")
    )
    states = []
    for card in cards:
        due = _due(round_, card.stage)
        if card.status == CardStatus.SUBMITTED and card.submitted_at is not None:
            late = due is not None and timezone.localtime(card.submitted_at).date() > due
        else:
            late = due is not None and day > due
        states.append(CardState(card=card, due=due, late=late))
    return states


def missing_evidence(round_: ScoringRound, member: Organization) -> list[Criterion]:
    """The criteria requiring evidence for which `member`'s self card has no file yet."""
    card = Scorecard.objects.filter(round=round_, stage=Stage.SELF, target=member).first()
    needed = [c for c in criteria_of(round_.table) if c.evidence]
    if card is None:
        return needed
    have = set(Evidence.objects.filter(card=card).values_list("criterion_id", flat=True))
    return [c for c in needed if c.pk not in have]


# ---------------------------------------------------------------- an agency's side


@dataclass
class MemberYear:
    cluster: Cluster
    year: int
    round: ScoringRound | None
    rank: int | None
    final: Decimal | None
    members: int


def agency_history(agency: Organization) -> list[MemberYear]:
    """The agency's closed rounds across years: its rank and final score in each (newest first)."""
    rounds = (
        ScoringRound.objects.filter(cluster__memberships__organization=agency, status=RoundStatus.CLOSED)
        .select_related("cluster")
        .distinct()
        .order_by("-year", "period")
    )
    rows = []
    for round_ in rounds:
        mine = next((r for r in round_.ranking if r.get("member") == agency.pk), None)
        if mine is None:
            continue
        rows.append(
            MemberYear(
                cluster=round_.cluster,
                year=round_.year,
                round=round_,
                rank=mine.get("rank"),
                final=None if mine.get("final") is None else Decimal(mine["final"]),
                members=len(round_.ranking),
            )
        )
    return rows
