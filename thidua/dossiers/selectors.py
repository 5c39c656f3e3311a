"""Reads of dossiers, scoped to who may see the batch.

A batch's dossier is read by those who see the batch (the nominations app's scope policy: the proposing unit
and the receiving office), on the pages of the unit heads and officers; it is written by the unit's side (`nominations.workflow.UNIT_SIDE`, the roles that send the batch) while the batch is editable
(draft or returned). Another unit's batch is a 404.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from thidua.accounts.models import Role
from thidua.accounts.scope import (
    CHANGE,
    VIEW,
    has_role,
    is_system_admin,
    managed_organizations,
    restrict,
    scope_policy,
)
from thidua.nominations.models import BatchStatus, Nomination, ProposalBatch
from thidua.nominations.workflow import UNIT_SIDE

from .models import AchievementReport, DossierItem

# The batch states in which its dossier may change.
EDITABLE_STATES = (BatchStatus.DRAFT, BatchStatus.RETURNED)
# Roles that open the dossier pages (the scope is then checked per batch): the unit's side and the office, and
# read-only the signer and the council, who decide and vote on the lines (writes need `can_change_dossier`).
DOSSIER_ROLES = (Role.UNIT_HEAD, Role.OFFICER, Role.SIGNER, Role.COUNCIL_MEMBER, Role.COUNCIL_SECRETARY)


def batch_visibility_q(user: Any, prefix: str = "") -> Q:
    """The filter of batches (through `prefix`, e.g. "batch__") whose dossier `user` may read: those the user
    sees (the nominations app's scope policy of `ProposalBatch`)."""
    if is_system_admin(user):
        return Q()
    visible = restrict(ProposalBatch.objects.all(), user, VIEW).values("pk")
    return Q(**{f"{prefix}pk__in": visible})


def batch_editable_q(user: Any, prefix: str = "") -> Q:
    """The filter of batches whose dossier `user` may change: the unit's side, while draft or returned."""
    editable = Q(**{f"{prefix}status__in": EDITABLE_STATES})
    if is_system_admin(user):
        return editable
    return editable & Q(**{f"{prefix}unit__in": managed_organizations(user, *UNIT_SIDE).values("pk")})


def can_change_dossier(user: Any, batch: ProposalBatch) -> bool:
    return batch.status in EDITABLE_STATES and has_role(user, *UNIT_SIDE, organization=batch.unit)


@scope_policy(DossierItem)
def _item_policy(user: Any, qs: QuerySet, action: str) -> QuerySet:
    """Read: the batch is visible (`batch_visibility_q`). Write: `batch_editable_q`."""
    if action == CHANGE:
        return qs.filter(batch_editable_q(user, "batch__"))
    return qs.filter(batch_visibility_q(user, "batch__"))


@scope_policy(AchievementReport)
def _report_policy(user: Any, qs: QuerySet, action: str) -> QuerySet:
    if action == CHANGE:
        return qs.filter(batch_editable_q(user, "nomination__batch__"))
    return qs.filter(batch_visibility_q(user, "nomination__batch__"))


def batch_get_visible(*, user: Any, pk: int) -> ProposalBatch:
    batch = (
        ProposalBatch.objects.filter(batch_visibility_q(user), pk=pk)
        .select_related("unit__parent", "office__parent", "movement")
        .first()
    )
    if batch is None:
        raise Http404
    return batch


def nomination_get_visible(*, user: Any, pk: int) -> Nomination:
    nomination = (
        Nomination.objects.filter(batch_visibility_q(user, "batch__"), pk=pk)
        .select_related("batch__unit__parent", "batch__office__parent", "person", "organization__parent")
        .first()
    )
    if nomination is None:
        raise Http404
    return nomination


def item_get_visible(*, user: Any, pk: int) -> DossierItem:
    item = (
        DossierItem.objects.filter(batch_visibility_q(user, "batch__"), pk=pk)
        .select_related("batch__unit", "batch__office", "nomination")
        .first()
    )
    if item is None:
        raise Http404
    return item


def report_of(nomination: Nomination) -> AchievementReport | None:
    return AchievementReport.objects.filter(nomination=nomination).first()
