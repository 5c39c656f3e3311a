"""Reads of the award registry (sổ khen thưởng), scoped to the people and units the user sees."""

from typing import Any

from django.db.models import CharField, Q, QuerySet
from django.db.models.functions import Cast

from thidua.accounts.models import Role
from thidua.accounts.scope import (
    CHANGE,
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

from .models import AwardRecord, AwardStatus


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


def award_list_visible_to(
    *, user: Any, year: int | None = None, code: str = "", query: str = "", status: str = ""
) -> QuerySet[AwardRecord]:
    qs = restrict(AwardRecord.objects.select_related("person", "organization__parent"), user, VIEW)
    if year:
        qs = qs.filter(year=year)
    if code:
        qs = qs.filter(code=code)
    if status:
        qs = qs.filter(status=status)
    for term in vn_text.search_terms(query):
        qs = qs.filter(Q(person__search_text__contains=term) | Q(organization__search_text__contains=term))
    return qs.order_by("-year", "code", "person__sort_key", "organization__sort_key", "id")


def person_year_awards(person: Any) -> QuerySet:
    """The person's active awards by year, for the table of years (`registry.person_year`): code, track, decision."""
    text = CharField()
    return AwardRecord.objects.filter(person=person, status=AwardStatus.ACTIVE).annotate(
        y=Cast("year", text),
        a=Cast("code", text),
        b=Cast("track", text),
        c=Cast("decision_number", text),
    )
