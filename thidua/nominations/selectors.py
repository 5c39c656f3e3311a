"""Reads of proposal batches and their lines, scoped to what the user may see.

A batch is read by those who hold a non-staff role in its unit (its head, the agency's office, signers and the
council) or in the organization it is addressed to (the office, or the advisory unit that pools it); a line
by the readers of its batch or of the batch it was first proposed in, and by the person it names.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404

from thidua.accounts.models import Role
from thidua.accounts.scope import (
    CHANGE,
    READER_ROLES,
    VIEW,
    is_system_admin,
    managed_organizations,
    restrict,
    scope_policy,
)
from thidua.organizations.models import Assignment, Organization, Person
from thidua.rules.engine import codes as catalogue

from .models import BatchStatus, Nomination, NominationStatus, ProposalBatch
from .workflow import OFFICE_KINDS, UNIT_SIDE

B, N = BatchStatus, NominationStatus

# Roles that open the nomination pages (the menu shows them to exactly these).
PAGE_ROLES = tuple(role for role in READER_ROLES)


def _organizations(user: Any, action: str) -> QuerySet[Organization]:
    return managed_organizations(user, *(UNIT_SIDE if action == CHANGE else READER_ROLES))


@scope_policy(ProposalBatch)
def _batch_policy(user: Any, qs: QuerySet, action: str) -> QuerySet:
    """Read: a non-staff role in the batch's unit or in the organization it is addressed to. Write: the unit's
    head or the office (the workflow then says which of them may take which step)."""
    if is_system_admin(user):
        return qs
    ids = _organizations(user, action).values("pk")
    return qs.filter(Q(unit__in=ids) | Q(office__in=ids))


@scope_policy(Nomination)
def _nomination_policy(user: Any, qs: QuerySet, action: str) -> QuerySet:
    """Read: the readers of the line's batch or of its first batch (a pooled line), and the person it names.
    Write: as its batch."""
    if is_system_admin(user):
        return qs
    batches = restrict(ProposalBatch.objects.all(), user, action).values("pk")
    q = Q(batch__in=batches)
    if action == VIEW:
        q |= Q(origin_batch__in=batches)
        person_id = getattr(user, "person_id", None)
        if person_id:
            q |= Q(person_id=person_id)
    return qs.filter(q)


def receiving_organizations(user: Any) -> QuerySet[Organization]:
    """Where the user receives batches: the agencies whose office they serve (officer), and the advisory units
    they head."""
    office = managed_organizations(user, Role.OFFICER).filter(kind__in=OFFICE_KINDS)
    advisory = managed_organizations(user, *UNIT_SIDE).exclude(kind__in=OFFICE_KINDS)
    return Organization.objects.filter(Q(pk__in=office.values("pk")) | Q(pk__in=advisory.values("pk")))


# A filter of the batch list: batches the user's units sent, or batches addressed to the user's units.
SENT, RECEIVED = "sent", "received"


def batch_list_visible_to(
    *, user: Any, year: int | None = None, status: str = "", side: str = ""
) -> QuerySet[ProposalBatch]:
    qs = restrict(ProposalBatch.objects.all(), user, VIEW)
    if year:
        qs = qs.filter(year=year)
    if status:
        qs = qs.filter(status=status)
    if side == SENT:
        qs = qs.filter(unit__in=managed_organizations(user, *UNIT_SIDE).values("pk"))
    elif side == RECEIVED:
        qs = qs.filter(office__in=receiving_organizations(user).values("pk")).exclude(status=B.DRAFT)
    return (
        qs.select_related("unit__parent", "office", "pooled_into")
        .annotate(
            line_count=Count("nominations", distinct=True),
            proposed_count=Count("nominations", filter=Q(nominations__status=N.PROPOSED), distinct=True),
            returned_count=Count("nominations", filter=Q(nominations__status=N.RETURNED), distinct=True),
            accepted_count=Count("nominations", filter=Q(nominations__status=N.ACCEPTED), distinct=True),
        )
        .order_by("-year", "-dated", "unit__sort_key", "-pk")
    )


def batch_get_visible(*, user: Any, pk: int) -> ProposalBatch:
    return get_object_or_404(
        restrict(ProposalBatch.objects.all(), user, VIEW).select_related(
            "unit__parent", "office", "movement", "pooled_into__unit", "created_by"
        ),
        pk=pk,
    )


def batch_get_changeable(*, user: Any, pk: int) -> ProposalBatch:
    """The batch for a write: 404 when the user cannot read it, 403 when they read but do not write it."""
    batch = batch_get_visible(user=user, pk=pk)
    if not restrict(ProposalBatch.objects.filter(pk=pk), user, CHANGE).exists():
        raise PermissionDenied
    return batch


_CODE_ORDER = {code: index for index, code in enumerate(catalogue.CATALOGUE)}


def line_sort_key(line: Nomination) -> tuple:
    subject = line.person.sort_key if line.person_id else line.organization.sort_key  # type: ignore[union-attr]
    return (_CODE_ORDER.get(line.code, 99), line.organization_id is not None, subject, line.pk)


def batch_lines(*, batch: ProposalBatch) -> list[Nomination]:
    """The batch's lines, by title or form in the catalogue's order, then by name (one query)."""
    lines = list(
        batch.nominations.select_related("person", "organization", "movement", "origin_batch__unit").order_by(
            "pk"
        )
    )
    return sorted(lines, key=line_sort_key)


def pooled_batches(*, batch: ProposalBatch) -> QuerySet[ProposalBatch]:
    return batch.pooled_batches.select_related("unit").order_by("unit__sort_key", "pk")


def nomination_list_visible_to(
    *,
    user: Any,
    year: int | None = None,
    status: str = "",
    code: str = "",
    person: Person | None = None,
    batch: ProposalBatch | None = None,
) -> QuerySet[Nomination]:
    qs = restrict(Nomination.objects.all(), user, VIEW)
    if year:
        qs = qs.filter(year=year)
    if status:
        qs = qs.filter(status=status)
    if code:
        qs = qs.filter(code=code)
    if person is not None:
        qs = qs.filter(person=person)
    if batch is not None:
        qs = qs.filter(batch=batch)
    return qs.select_related("person", "organization", "batch__unit", "batch__office", "movement").order_by(
        "-year", "batch_id", "code", "pk"
    )


def nomination_get_visible(*, user: Any, pk: int) -> Nomination:
    return get_object_or_404(
        restrict(Nomination.objects.all(), user, VIEW).select_related(
            "person",
            "organization",
            "movement",
            "batch__unit",
            "batch__office",
            "batch__pooled_into",
            "origin_batch__unit",
        ),
        pk=pk,
    )


# ---------------------------------------------------------------- choices for the forms


def units_for_batches(*, user: Any) -> QuerySet[Organization]:
    """Units the user may write proposals for (no province)."""
    return managed_organizations(user, *UNIT_SIDE).exclude(kind="province").order_by("path")


def people_of_unit(*, unit: Organization, year: int) -> QuerySet[Person]:
    """People assigned, during `year`, to the unit or one of its sub-units (the add-line picker; the service
    checks the judging unit and the user's scope again)."""
    from datetime import date

    assigned = (
        Assignment.objects.filter(organization__path__startswith=unit.path, start_on__lte=date(year, 12, 31))
        .filter(Q(end_on__isnull=True) | Q(end_on__gte=date(year, 1, 1)))
        .values("person_id")
    )
    return Person.objects.filter(pk__in=assigned).order_by("sort_key")


def collectives_of_unit(*, unit: Organization) -> QuerySet[Organization]:
    return Organization.objects.filter(path__startswith=unit.path).exclude(kind="province").order_by("path")


def draft_batches_for(*, user: Any, unit: Organization | None = None, year: int | None = None) -> QuerySet:
    """Draft or returned batches the user may add lines to."""
    qs = restrict(ProposalBatch.objects.filter(status__in=(B.DRAFT, B.RETURNED)), user, CHANGE)
    qs = qs.filter(unit__in=managed_organizations(user, *UNIT_SIDE).values("pk"))
    if unit is not None:
        qs = qs.filter(unit=unit)
    if year:
        qs = qs.filter(year=year)
    return qs.select_related("unit", "office").order_by("-year", "unit__sort_key", "-pk")


def received_for_pooling(*, user: Any, year: int | None = None) -> QuerySet[ProposalBatch]:
    """Submitted batches addressed to an advisory unit the user acts for (what the pooling page gathers)."""
    units = managed_organizations(user, *UNIT_SIDE).exclude(kind__in=OFFICE_KINDS)
    qs = ProposalBatch.objects.filter(status=B.SUBMITTED, office__in=units.values("pk"))
    if year:
        qs = qs.filter(year=year)
    return (
        qs.select_related("unit", "office")
        .annotate(line_count=Count("nominations"))
        .order_by("office__sort_key", "-year", "unit__sort_key", "pk")
    )
