"""Reads of the award registry (sổ khen thưởng), scoped to the people and units the user sees."""

from typing import Any

from django.db.models import Q, QuerySet

from thidua.accounts.scope import person_records_visible_to, visible_organizations
from thidua.core import vn_text

from .models import AwardRecord


def award_list_visible_to(
    *, user: Any, year: int | None = None, code: str = "", query: str = "", status: str = ""
) -> QuerySet[AwardRecord]:
    qs = AwardRecord.objects.select_related("person", "organization")
    # A person's award is seen by the units that held the person in its year; a collective's by its readers.
    qs = person_records_visible_to(
        user, qs, also=Q(person__isnull=True, organization__in=visible_organizations(user))
    )
    if year:
        qs = qs.filter(year=year)
    if code:
        qs = qs.filter(code=code)
    if status:
        qs = qs.filter(status=status)
    for term in vn_text.search_terms(query):
        qs = qs.filter(Q(person__search_text__contains=term) | Q(organization__search_text__contains=term))
    return qs.order_by("-year", "code", "person__sort_key", "organization__sort_key", "id")
