"""Load the facts the rules engine judges from the database, in bulk.

A sweep over an agency reads everything once — a fixed handful of queries whatever the number of people — and
builds the engine's immutable `SubjectFacts`; the engine then evaluates in memory. A single check on a person's
page goes through the same code with a one-person scope, so the page and the sweep cannot disagree.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.apps import apps
from django.db.models import Q, QuerySet

from thidua.appraisals.models import Appraisal, CollectiveAppraisal, Discipline, Leave
from thidua.commendations.models import AwardRecord, AwardStatus
from thidua.organizations.models import Assignment, Organization, Person
from thidua.organizations.selectors import judging_units_for

from .engine.facts import AwardHeld, Initiative, SubjectFacts, YearFacts
from .engine.facts import Discipline as DisciplineFact
from .engine.facts import Leave as LeaveFact

# Chains reach back at most this many years before the judged year (HCLĐ: Bằng khen TTg, then ≥ 5 years).
LOOKBACK_YEARS = 11


@dataclass(frozen=True, slots=True)
class Scope:
    """Whom a sweep covers: the people judged by a unit of `organization`'s subtree in `year`."""

    organization: Organization
    year: int


def _year_bounds(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def _assignments_in(organization: Organization, first: int, last: int) -> QuerySet[Assignment]:
    start, _ = _year_bounds(first)
    _, end = _year_bounds(last)
    return Assignment.objects.filter(
        organization__path__startswith=organization.path, start_on__lte=end
    ).filter(Q(end_on__isnull=True) | Q(end_on__gte=start))


def judging_units(*, organization: Organization, year: int) -> dict[int, int]:
    """person id → the organization that judges them for `year` among the members of `organization`'s subtree
    (organizations.selectors.judging_units_for: the one rule, shared with facts, Excel and pages)."""
    return judging_units_for(year=year, organization=organization)


_CHUNK = 20_000
# Slots of the per-(person, year) accumulator: lists are created only when a fact of that kind exists.
_RATING, _MONTHS, _AWARDS, _LEAVE, _DISCIPLINE, _INITIATIVES = range(6)


def _period(first: int | None, last: int | None) -> tuple[int, int] | None:
    """An award's period of achievement (contract 1.1 `awards[].period`), when both ends are recorded."""
    if first is None or last is None or last < first:
        return None
    return (first, last)


def _interned_award(
    cache: dict, code: str, track: str, decided_on: dt.date | None, period: tuple[int, int] | None = None
) -> AwardHeld:
    key = (code, track, decided_on, period)
    award = cache.get(key)
    if award is None:
        award = cache[key] = AwardHeld(code=code, track=track, decided_on=decided_on, period=period)
    return award


def _initiative_rows(ids: Iterable[int] | QuerySet, years: tuple[int, int]) -> Iterable[tuple]:
    """The initiatives of `ids` recognised in `years`. The initiatives app is optional (docs/architecture.md,
    "Layers"): when it is not installed nobody has an initiative, and the rules that need one say so."""
    if not apps.is_installed("thidua.initiatives"):
        return ()
    # Imported here because the app may be absent: its models exist only when it is installed (not a cycle).
    from thidua.initiatives.models import InitiativeAuthor

    return (
        InitiativeAuthor.objects.filter(person_id__in=ids, initiative__recognized_on__year__range=years)
        .values_list(
            "person_id",
            "initiative__code",
            "initiative__level",
            "initiative__kind",
            "initiative__recognized_on",
            "initiative__wider_level",
            "initiative__wider_recognized_on",
            "used_for__code",
            "used_for__year",
        )
        .iterator(chunk_size=_CHUNK)
    )


def _slot(per_year: dict, key: tuple[int, int]) -> list:
    slot = per_year.get(key)
    if slot is None:
        slot = per_year[key] = [None, None, None, None, None, None]
    return slot


def _append(slot: list, index: int, value: object) -> None:
    if slot[index] is None:
        slot[index] = [value]
    else:
        slot[index].append(value)


def people_facts(
    *, person_ids: Iterable[int] | QuerySet, first_year: int, last_year: int
) -> dict[int, SubjectFacts]:
    """Facts of the given people for years `first_year`..`last_year` (six streamed queries in all).

    Rows are streamed (`iterator`) and equal awards are shared objects, so that a province-sized sweep stays
    within memory; the engine's facts are immutable, so sharing is safe."""
    ids = person_ids
    years = (first_year, last_year)
    per_year: dict[tuple[int, int], list] = {}
    for person_id, year, rating, months in (
        Appraisal.objects.filter(person_id__in=ids, year__range=years)
        .values_list("person_id", "year", "rating", "months_worked")
        .iterator(chunk_size=_CHUNK)
    ):
        slot = _slot(per_year, (person_id, year))
        slot[_RATING], slot[_MONTHS] = rating, months
    for person_id, year, kind, days, duration, result in (
        Leave.objects.filter(person_id__in=ids, year__range=years)
        .values_list("person_id", "year", "kind", "working_days", "duration_months", "study_result")
        .iterator(chunk_size=_CHUNK)
    ):
        fact = LeaveFact(
            kind=kind,
            working_days=days,
            duration_months=float(duration) if duration is not None else None,
            study_result=result or None,
        )
        _append(_slot(per_year, (person_id, year)), _LEAVE, fact)
    for person_id, form, decided_on, effective_to, pending in (
        Discipline.objects.filter(person_id__in=ids, decided_on__year__lte=last_year)
        .filter(Q(effective_to__isnull=True) | Q(effective_to__year__gte=first_year))
        .values_list("person_id", "form", "decided_on", "effective_to", "pending")
        .iterator(chunk_size=_CHUNK)
    ):
        discipline = DisciplineFact(
            form=form or None, decided_on=decided_on, ends_on=effective_to, pending=pending
        )
        # Listed under the year of the decision (or the first year loaded): the engine reaches into later years
        # by the period (`ends_on`, or the configured period from the decision).
        _append(_slot(per_year, (person_id, max(decided_on.year, first_year))), _DISCIPLINE, discipline)
    for (
        person_id,
        code,
        level,
        kind,
        recognized_on,
        wider_level,
        wider_on,
        used_code,
        used_year,
    ) in _initiative_rows(ids, years):
        year = recognized_on.year
        used_for = (used_code, used_year) if used_code else None
        initiative = Initiative(
            id=code,
            level=level,
            kind=kind,
            recognized_on=recognized_on,
            used_for=used_for,
            year=year,
            scopes=((wider_level, wider_on),) if wider_level else (),
        )
        _append(_slot(per_year, (person_id, year)), _INITIATIVES, initiative)
    awards_cache: dict = {}
    for person_id, year, code, track, award_decided_on, period_from, period_to in (
        AwardRecord.objects.filter(person_id__in=ids, year__range=years, status=AwardStatus.ACTIVE)
        .values_list("person_id", "year", "code", "track", "decided_on", "period_from", "period_to")
        .iterator(chunk_size=_CHUNK)
    ):
        held = _interned_award(awards_cache, code, track, award_decided_on, _period(period_from, period_to))
        _append(_slot(per_year, (person_id, year)), _AWARDS, held)

    by_person: dict[int, dict[int, YearFacts]] = {}
    empty: tuple = ()
    for (person_id, year), slot in per_year.items():
        years_of = by_person.get(person_id)
        if years_of is None:
            years_of = by_person[person_id] = {}
        years_of[year] = YearFacts.build(
            year=year,
            rating=slot[_RATING],
            months_worked=slot[_MONTHS],
            awards=slot[_AWARDS] or empty,
            leave=slot[_LEAVE] or empty,
            discipline=slot[_DISCIPLINE] or empty,
            initiatives=slot[_INITIATIVES] or empty,
        )
    per_year.clear()
    subjects: dict[int, SubjectFacts] = {}
    for pk, family, middle, given, recruited_on, employed_since in (
        Person.objects.filter(pk__in=ids)
        .values_list("pk", "family_name", "middle_name", "given_name", "recruited_on", "employed_since")
        .iterator(chunk_size=_CHUNK)
    ):
        name = " ".join(part for part in (family, middle, given) if part)
        subjects[pk] = SubjectFacts(
            kind="individual",
            name=name,
            recruited_on=recruited_on,
            employed_since=employed_since,
            years=by_person.get(pk, {}),
            key=pk,
        )
    return subjects


def collective_facts(
    *, organizations: Iterable[Organization], year: int, members_by_unit: dict[int, list[SubjectFacts]]
) -> list[SubjectFacts]:
    """Collectives (units) with their own results, their own discipline and the member roster of `year` (two
    queries). The roster is the people the unit judges in `year` (its members of that year); every one of them
    counts in a share's denominator, with or without facts."""
    units = list(organizations)
    ids = [u.pk for u in units]
    first = year - LOOKBACK_YEARS
    own: dict[tuple[int, int], dict] = defaultdict(
        lambda: {"rating": None, "rank": None, "awards": [], "discipline": []}
    )
    for org_id, y, rating, rank, discipline_form in CollectiveAppraisal.objects.filter(
        organization_id__in=ids, year__range=(first, year)
    ).values_list("organization_id", "year", "rating", "cluster_rank", "discipline_form"):
        own[(org_id, y)]["rating"], own[(org_id, y)]["rank"] = rating, rank
        if discipline_form:
            own[(org_id, y)]["discipline"].append(DisciplineFact(form=discipline_form))
    for org_id, y, code, track, decided_on, period_from, period_to in AwardRecord.objects.filter(
        organization_id__in=ids, year__range=(first, year), status=AwardStatus.ACTIVE
    ).values_list("organization_id", "year", "code", "track", "decided_on", "period_from", "period_to"):
        own[(org_id, y)]["awards"].append(
            AwardHeld(code=code, track=track, decided_on=decided_on, period=_period(period_from, period_to))
        )
    years_by_unit: dict[int, dict[int, YearFacts]] = defaultdict(dict)
    for (org_id, y), slot in own.items():
        years_by_unit[org_id][y] = YearFacts.build(
            year=y,
            rating=slot["rating"],
            awards=slot["awards"],
            cluster_rank=slot["rank"],
            discipline=slot["discipline"],
        )
    return [
        SubjectFacts(
            kind="collective",
            name=unit.name,
            years=years_by_unit.get(unit.pk, {}),
            members=tuple(members_by_unit.get(unit.pk, ())),
            key=unit.pk,
        )
        for unit in units
    ]


@dataclass
class LoadedScope:
    people: list[SubjectFacts]
    collectives: list[SubjectFacts]
    judging_unit: dict[int, int]


def scope_load(*, organization: Organization, year: int, with_collectives: bool = True) -> LoadedScope:
    """Everything a sweep of `organization`'s subtree for `year` needs, in a fixed number of queries."""
    judged = judging_units(organization=organization, year=year)
    person_ids = _assignments_in(organization, year, year).values("person_id")
    facts = people_facts(person_ids=person_ids, first_year=year - LOOKBACK_YEARS, last_year=year)
    people = [facts[pk] for pk in judged if pk in facts]
    collectives: list[SubjectFacts] = []
    if with_collectives:
        members: dict[int, list[SubjectFacts]] = defaultdict(list)
        for pk, unit_id in judged.items():
            if pk in facts:
                members[unit_id].append(facts[pk])
        collectives = collective_facts(
            organizations=units_in_sweep_order(organization), year=year, members_by_unit=members
        )
    return LoadedScope(people=people, collectives=collectives, judging_unit=judged)


def person_load(*, person: Person, year: int) -> SubjectFacts:
    """One person's facts, through the same code as the sweep."""
    facts = people_facts(person_ids=[person.pk], first_year=year - LOOKBACK_YEARS, last_year=year)
    return facts[person.pk]


def units_in_sweep_order(organization: Organization) -> QuerySet[Organization]:
    """The units a sweep of `organization` judges as collectives, in the sweep's order."""
    return Organization.objects.filter(path__startswith=organization.path).exclude(kind="province")


def chunk_load(*, people: list[tuple[int, int]], collective_ids: list[int], year: int) -> LoadedScope:
    """A part of a sweep (rules.DiscoveryChunk): the facts of `people` ([person id, judging unit id] in the
    sweep's order) and of the units `collective_ids`, whose members are all among `people` — the same facts
    `scope_load` gives those subjects, in a fixed number of queries."""
    judged = dict(people)
    # The people by their posts of the year in the chunk's units (a subquery, as the whole agency's load reads them
    # by path: half the time of 5,000 ids in IN lists); everyone judged here has such a post, and a mover judged
    # elsewhere is read but not swept.
    start, end = _year_bounds(year)
    posted = (
        Assignment.objects.filter(organization_id__in=sorted(set(judged.values())), start_on__lte=end)
        .filter(Q(end_on__isnull=True) | Q(end_on__gte=start))
        .values("person_id")
    )
    facts = people_facts(person_ids=posted, first_year=year - LOOKBACK_YEARS, last_year=year)
    loaded = [facts[pk] for pk in judged if pk in facts]
    members: dict[int, list[SubjectFacts]] = defaultdict(list)
    for pk, unit_id in judged.items():
        if pk in facts:
            members[unit_id].append(facts[pk])
    order = {pk: n for n, pk in enumerate(collective_ids)}
    ordered = sorted(Organization.objects.filter(pk__in=collective_ids), key=lambda unit: order[unit.pk])
    collectives = collective_facts(organizations=ordered, year=year, members_by_unit=members)
    return LoadedScope(people=loaded, collectives=collectives, judging_unit=judged)
