"""Reads for the rules pages: discovery runs and their findings, filtered."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet

from thidua.accounts.models import Role
from thidua.accounts.scope import managed_organizations
from thidua.core import vn_text
from thidua.organizations.models import Organization

from .models import DiscoveryRun, DiscoveryStatus

DISCOVERY_ROLES = (Role.OFFICER, Role.UNIT_HEAD, Role.SIGNER, Role.COUNCIL_MEMBER, Role.COUNCIL_SECRETARY)


def discovery_organizations_for(*, user: Any) -> QuerySet[Organization]:
    """Agencies and units the user may sweep (the ones they act in, current or past)."""
    return managed_organizations(user, *DISCOVERY_ROLES).exclude(kind="province").order_by("path")


def discovery_runs_visible_to(*, user: Any) -> QuerySet[DiscoveryRun]:
    return DiscoveryRun.objects.filter(
        organization__in=discovery_organizations_for(user=user)
    ).select_related("organization")


def discovery_chunks_done(*, run: DiscoveryRun) -> dict[str, int]:
    """How many of the run's chunks are done, of how many (one query)."""
    return run.chunks.aggregate(total=Count("pk"), done=Count("pk", filter=Q(status=DiscoveryStatus.DONE)))


def findings_filtered(
    *, run: DiscoveryRun, code: str = "", status: str = "", query: str = "", unit_ids: set[int] | None = None
) -> list[dict[str, Any]]:
    """The run's findings narrowed by code, status, a diacritics-free name query and the units the user sees."""

    terms = vn_text.search_terms(query)
    rows = []
    for row in run.findings:
        if code and row["code"] != code:
            continue
        if status and row["status"] != status:
            continue
        if unit_ids is not None and row["unit_id"] not in unit_ids:
            continue
        if terms and not vn_text.matches(row["name"], terms):
            continue
        rows.append(row)
    return rows
