"""Reads of organizations and people shared by pages, API and reports (one query per list, no N+1)."""

from collections.abc import Iterable
from datetime import date

from django.db.models import Count, Prefetch, Q, QuerySet

from thidua.accounts.scope import visible_organizations, visible_people
from thidua.core import vn_text
from thidua.core.keyset import KeysetPage, keyset_page

from .models import Assignment, Organization, Person


def organization_list_visible_to(
    *, user, query: str = "", active_on: date | None = None
) -> QuerySet[Organization]:
    qs = visible_organizations(user).select_related("parent")
    for term in vn_text.search_terms(query):
        qs = qs.filter(search_text__contains=term)
    if active_on is not None:
        qs = qs.filter(valid_from__lte=active_on).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=active_on)
        )
    return qs.annotate(
        current_staff=Count("assignments", filter=Q(assignments__end_on__isnull=True), distinct=True)
    ).order_by("path")


def person_list_visible_to(
    *, user, query: str = "", organization: Organization | None = None, active_on: date | None = None
) -> QuerySet[Person]:
    """People the user may see, filtered by a diacritics-insensitive query, sorted by given name (Vietnamese)."""
    qs = visible_people(user).select_related("ethnicity")
    for term in vn_text.search_terms(query):
        qs = qs.filter(search_text__contains=term)
    day = active_on
    if organization is not None:
        assigned = Assignment.objects.filter(organization__path__startswith=organization.path)
        if day is not None:
            assigned = assigned.filter(start_on__lte=day).filter(Q(end_on__isnull=True) | Q(end_on__gte=day))
        qs = qs.filter(pk__in=assigned.values("person_id"))
    current = Assignment.objects.filter(end_on__isnull=True).select_related(
        "organization__parent", "position"
    )
    return qs.prefetch_related(
        Prefetch("assignments", queryset=current, to_attr="current_assignments")
    ).order_by("sort_key", "id")


# The people list's page order: Vietnamese order of the given name (Person.sort_key), then the id; the sort_key
# index serves it (SQLite's holds the rowid, PostgreSQL sorts only the ties), so a page is one range read of it
# (docs/queries-at-scale.md).
PERSON_PAGE_ORDER = ("sort_key", "pk")
# How far the list counts the people it matches ("more than 1,000"), never every person of a million.
PERSON_COUNT_CAP = 1000


def person_page(
    *,
    user,
    size: int,
    query: str = "",
    organization: Organization | None = None,
    after: str | None = None,
    before: str | None = None,
) -> KeysetPage:
    """A page of `person_list_visible_to` by keyset (`?sau=` / `?truoc=` cursors): one query for the page and one
    for the current posts of its people."""
    qs = person_list_visible_to(user=user, query=query, organization=organization)
    # A cursor of other types (another list's) is none: the first page.
    return keyset_page(qs, order=PERSON_PAGE_ORDER, size=size, after=after, before=before, types=(str, int))


def person_count_capped(
    *, user, query: str = "", organization: Organization | None = None, cap: int | None = None
) -> tuple[int, bool]:
    """(how many people the list matches, up to `cap` (`PERSON_COUNT_CAP`); whether there are more): a count
    over a LIMIT subquery."""
    cap = PERSON_COUNT_CAP if cap is None else cap
    qs = person_list_visible_to(user=user, query=query, organization=organization)
    n = qs.order_by().values("pk")[: cap + 1].count()
    return min(n, cap), n > cap


def person_history(*, person: Person) -> list[Assignment]:
    return list(person.assignments.select_related("organization__parent", "position").order_by("start_on"))


def organization_members_on(*, organization: Organization, day: date) -> QuerySet[Assignment]:
    return (
        Assignment.objects.filter(organization=organization, start_on__lte=day)
        .filter(Q(end_on__isnull=True) | Q(end_on__gte=day))
        .select_related("person", "position")
        .order_by("position__rank", "person__sort_key")
    )


def judging_units_for(
    *, year: int, person_ids: Iterable[int] | None = None, organization: Organization | None = None
) -> dict[int, int]:
    """person id → the unit that judges the person for `year`: the last assignment overlapping the year (after a
    mid-year transfer the new unit considers the person; legal-rules §3). The one rule for facts, rules, Excel
    and pages. Give the people, or an organization whose subtree's members are wanted (one query)."""
    qs = Assignment.objects.filter(start_on__lte=date(year, 12, 31)).filter(
        Q(end_on__isnull=True) | Q(end_on__gte=date(year, 1, 1))
    )
    if person_ids is not None:
        qs = qs.filter(person_id__in=list(person_ids))
    if organization is not None:
        qs = qs.filter(organization__path__startswith=organization.path)
    judged: dict[int, int] = {}
    for person_id, organization_id in qs.order_by("person_id", "start_on", "id").values_list(
        "person_id", "organization_id"
    ):
        judged[person_id] = organization_id  # later assignments overwrite earlier ones
    return judged


def judging_unit_for(*, person: Person, year: int) -> int | None:
    """The id of the unit that judges `person` for `year` (None when the person worked nowhere that year)."""
    return judging_units_for(year=year, person_ids=[person.pk]).get(person.pk)
