"""Reads of the public site: what is published and still stands, one query per list, anonymous (no scope: the
public site shows only what the office published, and that is the same for everyone).

Visible award = a `PublicAward` of a live publication whose decision is still issued (not revoked) and whose
award still stands in the registry (commendations.AwardRecord, not revoked): its `visible` flag, kept by the
services and effects, so that every public read is one table and its partial indexes.

What does not depend on the page (the board's filter options, its counts) is cached by the publication state's
token, which every publish, withdrawal and registry change to a published award moves on: a cached value is never
stale, and the cache can be emptied at any time.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.cache import cache
from django.db.models import Count, Max, Prefetch, Q, QuerySet
from django.http import Http404

from thidua.accounts.models import Role
from thidua.accounts.scope import CHANGE, VIEW, has_role, scope_policy
from thidua.core import vn_text
from thidua.core.codes import AwardCode
from thidua.core.keyset import KeysetPage, keyset_page
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
    """The rows shown now (`PublicAward.visible`, kept by the services and the registry's effects)."""
    return PublicAward.objects.filter(visible=True)


@dataclass(frozen=True)
class BoardFilters:
    year: int | None = None
    unit: int | None = None
    code: str = ""
    q: str = ""

    @property
    def active(self) -> bool:
        return bool(self.year or self.unit or self.code or self.q.strip())

    @property
    def key(self) -> str:
        return f"{self.year or ''}|{self.unit or ''}|{self.code}|{' '.join(vn_text.search_terms(self.q))}"


BOARD_ORDER = ("sort_key", "pk")


def _board_rows(filters: BoardFilters) -> QuerySet[PublicAward]:
    qs = awards_visible()
    if filters.year:
        qs = qs.filter(year=filters.year)
    if filters.code:
        qs = qs.filter(code=filters.code)
    if filters.unit:
        qs = qs.filter(_in_unit(filters.unit))
    for term in vn_text.search_terms(filters.q):
        qs = qs.filter(search_text__contains=term)
    return qs


def honour_board(*, filters: BoardFilters) -> QuerySet[PublicAward]:
    """The honour board's rows, in Vietnamese order of the given name (then family and middle name)."""
    return _board_rows(filters).select_related("award", "publication").order_by(*BOARD_ORDER)


def honour_board_page(
    *, filters: BoardFilters, size: int, after: str | None = None, before: str | None = None
) -> KeysetPage:
    """A page of the board by keyset (one indexed range read, however deep the page)."""
    return keyset_page(
        honour_board(filters=filters), order=BOARD_ORDER, size=size, after=after, before=before
    )


def honour_board_count(*, filters: BoardFilters, state: PublicState) -> int:
    """How many rows the filters match, counted once per publication state (the cache key holds its token)."""
    key = _cache_key("board-count", state, filters.key)
    found = cache.get(key)
    if found is None:
        found = _board_rows(filters).count()
        cache.set(key, found, CACHE_SECONDS)
    return found


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


def honour_board_options(*, state: PublicState) -> BoardOptions:
    """The years, units and forms that have published awards: two queries (the distinct triples over the options
    index, the units' names) once per publication state, then from the cache; the forms' labels in the reader's
    language."""
    key = _cache_key("board-options", state)
    found = cache.get(key)
    if found is None:
        triples = list(awards_visible().order_by().values_list("year", "code", "unit_id").distinct())
        unit_ids = {unit_id for _year, _code, unit_id in triples if unit_id}
        units = sorted(
            Organization.objects.filter(pk__in=unit_ids).values_list("sort_key", "pk", "name"),
            key=lambda unit: (unit[0] or "", unit[1]),
        )
        found = (
            sorted({year for year, _code, _unit in triples}, reverse=True),
            [(pk, name) for _key, pk, name in units],
            sorted({code for _year, code, _unit in triples}),
        )
        cache.set(key, found, CACHE_SECONDS)
    years, units_named, codes = found
    labels = dict(AwardCode.choices)
    return BoardOptions(
        years=years,
        units=units_named,
        codes=sorted(
            ((code, str(labels.get(code, code))) for code in codes), key=lambda c: vn_text.sort_key(c[1])
        ),
    )


@dataclass(frozen=True)
class PublicState:
    """What the public pages' validators and caches hang on: the last change to a publication (publish, withdraw,
    an award revoked or restored in the registry) and the latest publication (the open data's update date)."""

    changed_at: datetime | None
    updated_at: datetime | None

    @property
    def token(self) -> str:
        return self.changed_at.isoformat() if self.changed_at else "-"


def public_state() -> PublicState:
    """One aggregate query over the publications, whatever the number of awards."""
    publications = PublishedDecision.objects.aggregate(
        changed=Max("changed_at"), updated=Max("published_at", filter=LIVE)
    )
    return PublicState(changed_at=publications["changed"], updated_at=publications["updated"])


def awards_count(*, state: PublicState) -> int:
    """How many awards are shown (the open data's number of records), once per publication state."""
    return honour_board_count(filters=BoardFilters(), state=state)


CACHE_SECONDS = 24 * 3600


def _cache_key(kind: str, state: PublicState, extra: str = "") -> str:
    digest = hashlib.sha256(f"{state.token}|{extra}".encode()).hexdigest()[:32]
    return f"public:{kind}:{digest}"


def decisions_published() -> QuerySet[PublishedDecision]:
    """The published decisions that stand, newest decision first, with their number of visible awards."""
    return (
        PublishedDecision.objects.filter(LIVE)
        .select_related("decision__agency")
        .annotate(award_count=Count("awards", filter=Q(awards__visible=True), distinct=True))
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
