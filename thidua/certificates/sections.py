"""The certificates' section of a decision's page (registered in core.registry by CertificatesConfig.ready): how
many of the decision's awardees hold a printed certificate, with the way to the certificates page."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from thidua.accounts.scope import has_role
from thidua.decisions.models import Decision, DecisionKind

from . import selectors


def decision_certificates(request: Any, decision: Decision) -> dict | None:
    if decision.kind != DecisionKind.AWARD or decision.status not in selectors.VERIFIABLE_STATUSES:
        return None
    if not has_role(request.user, *selectors.READERS, organization=decision.agency):
        return None
    lines = decision.lines.count()
    printed = (
        decision.lines.filter(Q(certificates__isnull=False) & Q(certificates__replaced_by__isnull=True))
        .distinct()
        .count()
    )
    return {
        "template": "certificates/_decision_section.html",
        "context": {"decision": decision, "lines": lines, "printed": printed},
    }
