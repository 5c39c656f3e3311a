"""Reads of the award registry (sổ khen thưởng, sổ vàng), scoped to the people and units the user sees.

One selector, `award_list_visible_to`, feeds the registry list, the person's and the unit's registries, their Excel
exports and the Excel round trip: every page filters the same scoped queryset, so a filter or a page never shows
an award the list would not.

The level of each title and form (who decides it) and the rule set (era) of each achievement year are the rules
engine's (`thidua.rules.engine.codes.CATALOGUE[code].level`, `thidua.rules.engine.eras`). The rules app sits above
this one (.importlinter), so the registry keeps a copy of those two small tables here, and
tests/test_registry_pages.py pins the copy to the engine's so that the two cannot drift.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    CharField,
    Count,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Cast, Coalesce, ExtractYear
from django.utils.translation import gettext_lazy as _

from thidua.accounts.models import Role
from thidua.accounts.scope import (
    CHANGE,
    OPEN_YEAR,
    VIEW,
    is_system_admin,
    managed_organizations,
    person_records_editable_by,
    person_records_visible_to,
    restrict,
    scope_policy,
    visible_organizations,
)
from thidua.core import vn_text
from thidua.core.keyset import KeysetPage, keyset_page
from thidua.organizations.models import Assignment, Organization, Restructuring

from .models import RECENCY_BASE, AwardRecord, AwardStatus


@scope_policy(AwardRecord)
def _award_policy(user: Any, qs: QuerySet, action: str) -> QuerySet:
    """A person's award is read by the units that held the person in its year (and today's unit), and corrected
    by the office of the unit that held the person then; a collective's award by its readers and its office."""
    if is_system_admin(user):
        return qs
    if action == CHANGE:
        people = person_records_editable_by(user, qs.filter(person__isnull=False), Role.OFFICER)
        units = Q(person__isnull=True, organization__in=managed_organizations(user, Role.OFFICER))
        return qs.filter(Q(pk__in=people.values("pk")) | units)
    return person_records_visible_to(
        user, qs, also=Q(person__isnull=True, organization__in=visible_organizations(user))
    )


# ---------------------------------------------------------------- levels and eras (copies of the engine's tables)

# Who decides each title and form (rules.engine.codes.CATALOGUE[code].level).
LEVEL_OF_CODE: dict[str, str] = {
    "LDTT": "co_so",
    "CSTDCS": "co_so",
    "TTLDTT": "co_so",
    "GIAY_KHEN": "co_so",
    "CSTD_TINH": "tinh",
    "TTLDXS": "tinh",
    "CO_TINH": "tinh",
    "BANG_KHEN_TINH": "tinh",
    "CSTD_TOAN_QUOC": "chinh_phu",
    "CO_CHINH_PHU": "chinh_phu",
    "BANG_KHEN_TTG": "chinh_phu",
    "HCLD_3": "nha_nuoc",
    "HCLD_2": "nha_nuoc",
    "HCLD_1": "nha_nuoc",
}
# The labels of the catalogue pages (thidua/catalogues/catalogue.py), lowest level first.
LEVELS: dict[str, Any] = {
    "co_so": _("Cấp cơ sở"),
    "tinh": _("Cấp bộ, ban, ngành, tỉnh"),
    "chinh_phu": _("Cấp Chính phủ"),
    "nha_nuoc": _("Cấp Nhà nước"),
}


def codes_of_level(level: str) -> list[str]:
    return [code for code, of in LEVEL_OF_CODE.items() if of == level]


@dataclass(frozen=True)
class Era:
    """A rule set by legal era (rules.engine.eras.RuleSet: `era`, `name_vi`)."""

    era: str
    name: Any


# rules.engine.eras E1, E2, E3 and the defaults of their start dates (rules.engine.config: era.e2_start,
# era.e3_start, era.first_year).
E1 = Era("E1", _("Luật Thi đua, khen thưởng 2003 và Nghị định 91/2017/NĐ-CP"))
E2 = Era("E2", _("Luật Thi đua, khen thưởng 06/2022/QH15 và Nghị định 98/2023/NĐ-CP"))
E3 = Era("E3", _("Luật Thi đua, khen thưởng 06/2022/QH15 và Nghị định 152/2025/NĐ-CP"))
BEFORE = Era("", _("Trước Nghị định 91/2017/NĐ-CP (Luật Thi đua, khen thưởng 2003)"))
E2_START = dt.date(2024, 1, 1)
E3_START = dt.date(2025, 7, 1)
FIRST_YEAR = 2017


def era_of_year(year: int) -> Era:
    """The rule set whose criteria judge an achievement year, the act assumed on 1 January of the next year (as
    the engine's `criteria_era(year, default_as_of(year), defaults)`): E1 up to 2023, then E2 or E3 by the decree
    in force on that date; years before 2017 predate every rule set the system judges."""
    if year < FIRST_YEAR:
        return BEFORE
    if year < E2_START.year:
        return E1
    return E3 if dt.date(year + 1, 1, 1) >= E3_START else E2


# ---------------------------------------------------------------- the registry's filters


SUBJECT_PERSON, SUBJECT_COLLECTIVE = "person", "collective"
SUBJECTS = ((SUBJECT_PERSON, _("Cá nhân")), (SUBJECT_COLLECTIVE, _("Tập thể")))


@dataclass(frozen=True)
class AwardFilters:
    """What the registry list and its Excel export narrow the awards by (every field optional)."""

    year_from: int | None = None
    year_to: int | None = None
    code: str = ""
    track: str = ""
    level: str = ""
    status: str = ""
    unit: Organization | None = None
    subject: str = ""  # SUBJECT_PERSON or SUBJECT_COLLECTIVE
    decision: str = ""
    query: str = ""


def _held_in(units: QuerySet) -> Q:
    """The award's person held a post, during the award's year, in one of `units`. The people who ever held a post
    there are read first (one uncorrelated subquery), so that the year check runs on their awards only, by the
    person's index."""
    ever = Assignment.objects.filter(organization__in=units).values("person_id")
    in_year = Exists(
        Assignment.objects.filter(person_id=OuterRef("person_id"), organization__in=units)
        .annotate(_from=ExtractYear("start_on"), _to=Coalesce(ExtractYear("end_on"), Value(OPEN_YEAR)))
        .filter(_from__lte=OuterRef("year"), _to__gte=OuterRef("year"))
    )
    return Q(in_year, person__isnull=False, person_id__in=ever)


def _unit_in_year() -> Subquery:
    """The unit that held the award's person at the end of the award's year (the last post overlapping it), by
    name: the 'Đơn vị' column of the registry, one subquery in the list's query."""
    posts = (
        Assignment.objects.filter(person_id=OuterRef("person_id"))
        .annotate(_from=ExtractYear("start_on"), _to=Coalesce(ExtractYear("end_on"), Value(OPEN_YEAR)))
        .filter(_from__lte=OuterRef("year"), _to__gte=OuterRef("year"))
        .order_by("-start_on", "-id")
    )
    return Subquery(posts.values("organization__name")[:1], output_field=CharField())


def award_list_visible_to(
    *,
    user: Any,
    year: int | None = None,
    code: str = "",
    query: str = "",
    status: str = "",
    filters: AwardFilters | None = None,
) -> QuerySet[AwardRecord]:
    """The awards `user` reads, narrowed by `filters` (and the older keywords), newest year first, then people by
    given name (Vietnamese collation), then collectives by name. Revoked awards stay unless a status is chosen."""
    f = filters or AwardFilters()
    qs = restrict(AwardRecord.objects.select_related("person", "organization__parent"), user, VIEW)
    if year:
        qs = qs.filter(year=year)
    if f.year_from:
        qs = qs.filter(year__gte=f.year_from)
    if f.year_to:
        qs = qs.filter(year__lte=f.year_to)
    if code or f.code:
        qs = qs.filter(code=code or f.code)
    if f.track:
        qs = qs.filter(track=f.track)
    if f.level:
        qs = qs.filter(code__in=codes_of_level(f.level))
    if status or f.status:
        qs = qs.filter(status=status or f.status)
    if f.subject == SUBJECT_PERSON:
        qs = qs.filter(person__isnull=False)
    elif f.subject == SUBJECT_COLLECTIVE:
        qs = qs.filter(organization__isnull=False)
    if f.decision:
        qs = qs.filter(decision_number__icontains=f.decision.strip())
    if f.unit is not None:
        qs = qs.filter(
            Q(organization__path__startswith=f.unit.path)
            | _held_in(Organization.objects.filter(path__startswith=f.unit.path).values("pk"))
        )
    for term in vn_text.search_terms(query or f.query):
        qs = qs.filter(Q(person__search_text__contains=term) | Q(organization__search_text__contains=term))
    return qs.order_by(
        "-year",
        F("person__sort_key").asc(nulls_last=True),
        F("organization__sort_key").asc(nulls_last=True),
        "code",
        "id",
    )


# The registry list's page order: newest year first (`recency` = 10000 − year), then by form, then as recorded. It
# is the order of the indexes award_page_idx, award_page_code_idx and award_page_track_idx, so a page is one range
# read whatever its depth and its filters (docs/queries-at-scale.md); the Vietnamese order of names within a year
# (the export's, `award_list_visible_to`) would be a sort of the year's awards on every page.
PAGE_ORDER = ("recency", "code", "pk")
PAGE_TYPES = (int, str, int)  # a cursor of another list or order is none: the first page
# How far the list counts its rows: "more than 1,000" is what a reader needs, and a count of every row of a
# million-row registry is what a page must not pay.
COUNT_CAP = 1000
# Up to how many people (ever posted) a unit filter reads the unit's awards first and sorts them, rather than walk
# the page index for them (docs/queries-at-scale.md: on PostgreSQL a unit of 15 people took 1.1 s by the walk and
# 40 ms read first; an agency of 189 people 130 ms by the walk and 0.4-3 s read first).
SMALL_UNIT_PEOPLE = 50


def _scope_hint(user: Any) -> Q:
    """What the scope policy implies, restated for the indexes: awards of the people the user reads or of the
    units the user reads (the policy's per-award year check then runs on those only). Nothing for a system
    administrator, who reads every award."""
    if is_system_admin(user):
        return Q()
    units = visible_organizations(user).values("pk")
    hint = Q(person_id__in=Assignment.objects.filter(organization__in=units).values("person_id")) | Q(
        organization_id__in=units
    )
    if getattr(user, "person_id", None):
        hint |= Q(person_id=user.person_id)  # the user's own awards
    return hint


def _hinted(*, user: Any, filters: AwardFilters) -> QuerySet[AwardRecord]:
    """`award_list_visible_to` with what its scope and filters imply restated for the indexes: the scope
    (`_scope_hint`), the years as a range of the page order's first column, and the unit as awards of its
    collectives or of people ever posted there (the per-award year checks then run on those only)."""
    qs = award_list_visible_to(user=user, filters=filters)
    if filters.unit is None:  # a unit the user reads narrows more than the scope (the view refuses others)
        qs = qs.filter(_scope_hint(user))
    if filters.year_from:
        qs = qs.filter(recency__lte=RECENCY_BASE - filters.year_from)
    if filters.year_to:
        qs = qs.filter(recency__gte=RECENCY_BASE - filters.year_to)
    if filters.unit is not None:
        units = Organization.objects.filter(path__startswith=filters.unit.path).values("pk")
        ever = Assignment.objects.filter(organization__in=units).values("person_id")
        if ever[: SMALL_UNIT_PEOPLE + 1].count() <= SMALL_UNIT_PEOPLE:
            # A small unit: its awards by the person and unit indexes, then sorted (a few thousand rows at
            # most), rather than a walk of the page index for the few that are its.
            qs = qs.filter(
                pk__in=AwardRecord.objects.filter(person_id__in=ever)
                .values("pk")
                .union(AwardRecord.objects.filter(organization_id__in=units).values("pk"))
            )
        else:
            qs = qs.filter(Q(person_id__in=ever) | Q(organization_id__in=units))
    return qs


def award_page(
    *, user: Any, filters: AwardFilters, size: int, after: str | None = None, before: str | None = None
) -> KeysetPage:
    """A page of the registry list by keyset (`PAGE_ORDER`): the rows after the cursor `after` (or before
    `before`; a cursor not of this list is none, the first page), each with the unit that held its person in its
    year. One query."""
    qs = with_unit_in_year(_hinted(user=user, filters=filters))
    return keyset_page(qs, order=PAGE_ORDER, size=size, after=after, before=before, types=PAGE_TYPES)


def award_count_capped(*, user: Any, filters: AwardFilters, cap: int | None = None) -> tuple[int, bool]:
    """(how many awards the filters match, up to `cap` (`COUNT_CAP`); whether there are more): a count over a
    LIMIT subquery, never over the whole registry."""
    cap = COUNT_CAP if cap is None else cap
    n = _hinted(user=user, filters=filters).order_by().values("pk")[: cap + 1].count()
    return min(n, cap), n > cap


def with_unit_in_year(qs: QuerySet[AwardRecord]) -> QuerySet[AwardRecord]:
    """`unit_in_year`: the name of the unit that held each person in the award's year (empty for a collective)."""
    return qs.annotate(unit_in_year=_unit_in_year())


# ---------------------------------------------------------------- the person's and the unit's registries


def person_registry(*, user: Any, person: Any) -> list[AwardRecord]:
    """Every award of `person` the user reads (a former unit: the years it held the person), across years and
    eras, revoked ones included."""
    return list(
        with_unit_in_year(award_list_visible_to(user=user).filter(person=person)).order_by(
            "-year", "code", "id"
        )
    )


def unit_history(unit: Organization) -> list[Organization]:
    """The unit and the units it carries on from (the predecessors of the restructurings it succeeded, and
    theirs): Lào Cai's Department of Science and Technology and, before 01/07/2025, Yên Bái's. One query per
    generation of restructurings."""
    seen = {unit.pk: unit}
    frontier = [unit.pk]
    through = Restructuring.predecessors.through
    while frontier:
        ids = set(
            through.objects.filter(restructuring__successor_id__in=frontier).values_list(
                "organization_id", flat=True
            )
        ) - set(seen)
        if not ids:
            break
        for organization in Organization.objects.filter(pk__in=ids).select_related("parent"):
            seen[organization.pk] = organization
        frontier = list(ids)
    history = list(seen.values())
    return [history[0], *sorted(history[1:], key=lambda o: (o.valid_to or dt.date.max, o.sort_key))]


def unit_registry(
    *, user: Any, units: list[Organization], people: bool = False, subunits: bool = False
) -> QuerySet[AwardRecord]:
    """The awards of the collectives `units` (the unit and its predecessors) the user reads; with `subunits`, of
    the units under them too; with `people`, also the awards of the people who worked there in the award's year.
    Newest year first, collectives before people."""
    where = Q()
    for unit in units:
        where |= Q(path__startswith=unit.path) if subunits else Q(pk=unit.pk)
    unit_ids = Organization.objects.filter(where).values("pk")
    condition = Q(organization_id__in=unit_ids)
    if people:
        condition |= _held_in(unit_ids)
    return with_unit_in_year(
        award_list_visible_to(user=user)
        .filter(condition)
        .order_by(
            "-year",
            F("organization__sort_key").asc(nulls_last=True),
            F("person__sort_key").asc(nulls_last=True),
            "code",
            "id",
        )
    )


def _by_level(counts: Counter[str]) -> list[tuple[str, Any, int]]:
    return [(level, label, counts[level]) for level, label in LEVELS.items() if counts[level]]


def count_by_level(awards: QuerySet[AwardRecord]) -> list[tuple[str, Any, int]]:
    """(level, label, number of active awards) for each level that has some, lowest level first (one query)."""
    counts: Counter[str] = Counter()
    rows = awards.filter(status=AwardStatus.ACTIVE).order_by().values_list("code").annotate(n=Count("id"))
    for code, n in rows:
        counts[LEVEL_OF_CODE.get(code, "")] += n
    return _by_level(counts)


def count_by_level_of(awards: list[AwardRecord]) -> list[tuple[str, Any, int]]:
    """`count_by_level` of awards already read."""
    return _by_level(Counter(LEVEL_OF_CODE.get(a.code, "") for a in awards if a.status == AwardStatus.ACTIVE))


def person_year_awards(person: Any) -> QuerySet:
    """The person's active awards by year, for the table of years (`registry.person_year`): code, track, decision."""
    text = CharField()
    return AwardRecord.objects.filter(person=person, status=AwardStatus.ACTIVE).annotate(
        y=Cast("year", text),
        a=Cast("code", text),
        b=Cast("track", text),
        c=Cast("decision_number", text),
    )
