"""The public site's effects: revoking a published decision withdraws it (attached with `DECISION.on(REVOKE)` in
PublicConfig.ready, inside the revoking transaction); an award changed or deleted in the registry shows or hides its
public rows (Django's model signals of `AwardRecord`, connected in PublicConfig.ready: they reach every write path of
a single award — the services, the API, the admin; the registry's bulk import never changes an award's status)."""

from __future__ import annotations

from typing import Any

from thidua.commendations.models import AwardRecord, AwardStatus
from thidua.decisions.models import Decision

from . import services
from .models import PublishedDecision


def decision_revoked(decision: Decision, step: Any) -> None:
    if PublishedDecision.objects.filter(decision=decision, withdrawn_at__isnull=True).exists():
        services.decision_withdraw(
            actor=step.actor, decision=decision, check_permission=False, reason=str(step.reason or "")
        )


def award_saved(
    sender: type, instance: AwardRecord, created: bool, update_fields=None, **kwargs: Any
) -> None:
    if created or kwargs.get("raw") or (update_fields is not None and "status" not in update_fields):
        return
    services.award_changed(instance.pk, shown=instance.status == AwardStatus.ACTIVE)


def award_deleted(sender: type, instance: AwardRecord, **kwargs: Any) -> None:
    services.award_changed(instance.pk, shown=None)
