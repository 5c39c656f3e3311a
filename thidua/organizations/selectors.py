"""Reads of organizations and people shared by pages, API and reports (one query per list, no N+1)."""

from datetime import date

from django.db.models import Count, Prefetch, Q, QuerySet

from thidua.accounts.scope import visible_organizations, visible_people
from thidua.core import vn_text

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
    current = Assignment.objects.filter(end_on__isnull=True).select_related("organization", "position")
    return qs.prefetch_related(
        Prefetch("assignments", queryset=current, to_attr="current_assignments")
    ).order_by("sort_key", "id")


def person_history(*, person: Person) -> list[Assignment]:
    return list(person.assignments.select_related("organization", "position").order_by("start_on"))


def organization_members_on(*, organization: Organization, day: date) -> QuerySet[Assignment]:
    return (
        Assignment.objects.filter(organization=organization, start_on__lte=day)
        .filter(Q(end_on__isnull=True) | Q(end_on__gte=day))
        .select_related("person", "position")
        .order_by("position__rank", "person__sort_key")
    )
