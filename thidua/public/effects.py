"""The public site's effect on the decision lifecycle: revoking a published decision withdraws it (attached with
`DECISION.on(REVOKE)` in PublicConfig.ready, inside the revoking transaction)."""

from __future__ import annotations

from typing import Any

from thidua.decisions.models import Decision

from . import services
from .models import PublishedDecision


def decision_revoked(decision: Decision, step: Any) -> None:
    if PublishedDecision.objects.filter(decision=decision, withdrawn_at__isnull=True).exists():
        services.decision_withdraw(
            actor=step.actor, decision=decision, check_permission=False, reason=str(step.reason or "")
        )
