"""The public site's section of a decision's page (registered in core.registry by PublicConfig.ready): whether
the decision is on the public site, with the office's publish or withdraw button. Shown to the office of the
decision's agency only, for an issued award or external decision (or one that was published)."""

from __future__ import annotations

from typing import Any

from thidua.decisions.models import Decision, DecisionKind

from . import services
from .models import PublishedDecision


def decision_publication(request: Any, decision: Decision) -> dict | None:
    if decision.kind == DecisionKind.PROPOSAL or not services.can_publish(request.user, decision):
        return None
    publication = PublishedDecision.objects.filter(decision=decision).first()
    refusal = services.publish_refusal(decision)
    if refusal and publication is None:
        return None
    return {
        "template": "public/_decision_section.html",
        "context": {
            "decision": decision,
            "publication": publication,
            "live": publication is not None and publication.is_live and not refusal,
            "refusal": refusal,
        },
    }
