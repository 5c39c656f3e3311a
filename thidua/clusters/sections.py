"""The unit page's section of clusters and blocs (registered in core.registry by the app config): the clusters
an agency belongs to or belonged to, with its rank in each closed round, for users who read the cluster."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch

from .models import Membership, ScoringRound
from .selectors import visible_clusters


def unit_clusters(request: Any, unit: Any) -> dict | None:
    """Nothing for a unit that never belonged to a cluster the user reads (two queries otherwise)."""
    memberships = list(
        Membership.objects.filter(organization=unit, cluster__in=visible_clusters(request.user).values("pk"))
        .select_related("cluster")
        .prefetch_related(
            Prefetch(
                "cluster__rounds",
                queryset=ScoringRound.objects.filter(status="closed").order_by("-year", "period"),
                to_attr="closed_rounds",
            )
        )
        .order_by("-valid_from")
    )
    if not memberships:
        return None
    rows = []
    for membership in memberships:
        ranks = []
        for round_ in getattr(membership.cluster, "closed_rounds", []):
            mine = next((r for r in round_.ranking if r.get("member") == unit.pk), None)
            if mine is not None:
                ranks.append({"round": round_, "rank": mine.get("rank"), "of": len(round_.ranking)})
        rows.append({"membership": membership, "ranks": ranks})
    return {"template": "clusters/_unit_section.html", "context": {"unit": unit, "rows": rows}}
