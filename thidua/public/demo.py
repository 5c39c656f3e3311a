"""Demo: the Department's office publishes every issued award and external decision of the demo (the Director's
award decision and the province's answer), so that the honour board, the published decisions and the open data
are not empty. Runs after the decisions (90) and the certificates and fund (92, 94)."""

from __future__ import annotations

from typing import Any

from thidua.accounts.models import Role, RoleGrant
from thidua.decisions.models import Decision, DecisionKind, DecisionStatus

from . import services
from .models import PublishedDecision


def publish_issued(*, rng: Any = None, orgs: Any = None, people: Any = None, **_: Any) -> str | None:
    published = 0
    decisions = (
        Decision.objects.filter(status=DecisionStatus.ISSUED)
        .exclude(kind=DecisionKind.PROPOSAL)
        .exclude(pk__in=PublishedDecision.objects.values("decision_id"))
        .select_related("agency")
        .order_by("pk")
    )
    officers = [
        grant.user
        for grant in RoleGrant.objects.filter(role=Role.OFFICER).select_related("user").order_by("pk")
    ]
    for decision in decisions:
        officer = next((user for user in officers if services.can_publish(user, decision)), None)
        if officer is None:
            continue
        services.decision_publish(actor=officer, decision=decision)
        published += 1
    if not published:
        return None
    return f"{published} quyết định công bố trên trang công khai"
