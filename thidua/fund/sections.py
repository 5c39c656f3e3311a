"""The fund's section of a decision's page (registered in core.registry by FundConfig.ready): the money table —
each awardee, the amount, the fund's line and its status — and whether the fund matches the decision. Shown to
those who read the agency's fund (its officers and signing leaders); a proposal has no money to show."""

from __future__ import annotations

from typing import Any

from thidua.decisions.models import Decision, DecisionKind

from . import services
from .views import decision_context


def decision_money(request: Any, decision: Decision) -> dict | None:
    if decision.kind == DecisionKind.PROPOSAL or not services.can_read_fund(request.user, decision.agency):
        return None
    return {"template": "fund/_decision_section.html", "context": decision_context(request, decision)}
