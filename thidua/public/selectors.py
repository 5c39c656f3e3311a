"""Reads of the public site: what is published and still stands, one query per list, anonymous (no scope: the
public site shows only what the office published, and that is the same for everyone).

Visible award = a `PublicAward` of a live publication whose decision is still issued (not revoked) and whose
award still stands in the registry (commendations.AwardRecord, not revoked).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Count, Max, Prefetch, Q, QuerySet
from django.http import Http404

from thidua.accounts.models import Role
from thidua.accounts.scope import CHANGE, VIEW, has_role, scope_policy
from thidua.commendations.models import AwardStatus
from thidua.core import vn_text
from thidua.core.codes import AwardCode
from thidua.decisions.models import DecisionStatus
from thidua.movements.models import ExemplaryModel, Replication
from thidua.organizations.models import Organization

from .models import PublicAward, PublishedDecision

LIVE = Q(withdrawn_at__isnull=True) & Q(decision__status=DecisionStatus.ISSUED)


@scope_policy(PublishedDecision, PublicAward)
def _public_policy(user: Any, qs: QuerySet, action: str) -> QuerySet:
    """Everyone reads what is published; the office of the decision's agency changes it (through the services)."""
    if action == VIEW:
        return qs
    if action == CHANGE and has_role(user, Role.OFFICER):
        return qs
    return qs.none()


def awards_visible() -> QuerySet[PublicAward]:
    return PublicAward.objects.filter(
        publication__withdrawn_at__isnull=True,
        publication__decision__status=DecisionStatus.ISSUED,
        award__status=AwardStatus.ACTIVE,
    )


@dataclass(frozen=True)
class BoardFilters:
    year: int | None = None
    unit: int | None = None
    code: str = ""
    q: str = ""

    @property
    def active(self) -> bool:
        return bool(self.year or self.unit or self.code or self.q.strip())


def honour_board(*, filters: BoardFilters) -> QuerySet[PublicAward]:
    """The honour board's rows, in Vietnamese order of the given name (then family and middle name)."""
    qs = awards_visible()
    if filters.year:
        qs = qs.filter(year=filters.year)
    if filters.code:
        qs = qs.filter(code=filters.code)
    if filters.unit:
        qs = qs.filter(_in_unit(filters.unit))
    for term in vn_text.search_terms(filters.q):
        qs = qs.filter(search_text__contains=term)
    return qs.select_related("award", "publication__decision").order_by("sort_key", "pk")


def _in_unit(unit_id: int) -> Q:
    """The unit and its sub-units (materialised path), so choosing an agency shows its divisions' awardees."""
    path = Organization.objects.filter(pk=unit_id).values_list("path", flat=True).first()
    if not path:
        return Q(pk__in=[])
    return Q(unit__path__startswith=path)


@dataclass(frozen=True)
class BoardOptions:
    years: list[int]
    units: list[tuple[int, str]]
    codes: list[tuple[str, str]]


def honour_board_options() -> BoardOptions:
    """The years, units and forms that have published awards (one query)."""
    rows = (
        awards_visible()
        .order_by()
        .values_list("year", "code", "unit_id", "unit__name", "unit__sort_key")
        .distinct()
    )
    years: set[int] = set()
    codes: set[str] = set()
    units: dict[int, tuple[str, str]] = {}
    for year, code, unit_id, unit_name, unit_key in rows:
        years.add(year)
        codes.add(code)
        if unit_id:
            units[unit_id] = (unit_key or "", unit_name)
    labels = dict(AwardCode.choices)
    return BoardOptions(
        years=sorted(years, reverse=True),
        units=[(pk, name) for pk, (_key, name) in sorted(units.items(), key=lambda item: item[1][0])],
        codes=sorted(
            ((code, str(labels.get(code, code))) for code in codes), key=lambda c: vn_text.sort_key(c[1])
        ),
    )


@dataclass(frozen=True)
class PublicState:
    """What the public pages' validators hang on: the last publish or withdrawal, the latest publication (the
    open data's update date) and how many awards are visible (an award revoked in the registry changes it)."""

    changed_at: datetime | None
    updated_at: datetime | None
    awards: int

    @property
    def token(self) -> str:
        stamp = self.changed_at.isoformat() if self.changed_at else "-"
        return f"{stamp}:{self.awards}"


def public_state() -> PublicState:
    """Two aggregate queries, whatever the number of rows."""
    publications = PublishedDecision.objects.aggregate(
        changed=Max("changed_at"), updated=Max("published_at", filter=LIVE)
    )
    return PublicState(
        changed_at=publications["changed"],
        updated_at=publications["updated"],
        awards=awards_visible().count(),
    )


def decisions_published() -> QuerySet[PublishedDecision]:
    """The published decisions that stand, newest decision first, with their number of visible awards."""
    return (
        PublishedDecision.objects.filter(LIVE)
        .select_related("decision__agency")
        .annotate(
            award_count=Count("awards", filter=Q(awards__award__status=AwardStatus.ACTIVE), distinct=True)
        )
        .order_by("-decision__decided_on", "-decision__pk")
    )


def decision_published_get(*, pk: int) -> PublishedDecision:
    """A published decision that stands, by the decision's id; anything else (draft, unpublished, withdrawn,
    revoked) is the same 404."""
    found = PublishedDecision.objects.filter(LIVE, decision_id=pk).select_related("decision__agency").first()
    if found is None:
        raise Http404
    return found


def decision_awards(*, publication: PublishedDecision) -> list[PublicAward]:
    """The awardees of a published decision as printed on it, in its order (one query)."""
    return list(
        awards_visible()
        .filter(publication=publication)
        .select_related("award", "publication__decision")
        .order_by("position", "pk")
    )


def exemplary_published() -> QuerySet[ExemplaryModel]:
    return (
        ExemplaryModel.objects.filter(published=True)
        .select_related("movement", "organization", "person")
        .order_by("-recognized_on", "pk")
    )


def exemplary_published_get(*, pk: int) -> ExemplaryModel:
    found = (
        exemplary_published()
        .prefetch_related(
            Prefetch(
                "replications",
                queryset=Replication.objects.select_related("organization").order_by("replicated_on", "pk"),
            )
        )
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise Http404
    return found
