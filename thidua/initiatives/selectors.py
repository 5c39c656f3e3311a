"""Reads of initiatives and research topics (scoped to the people and units the user sees)."""

from typing import Any

from django.db.models import CharField, Prefetch, Q, QuerySet
from django.db.models.functions import Cast, ExtractYear

from thidua.accounts.scope import (
    CHANGE,
    EDITOR_ROLES,
    VIEW,
    is_system_admin,
    managed_organizations,
    person_records_visible_to,
    restrict,
    scope_policy,
    visible_organizations,
)
from thidua.core import vn_text

from .models import Initiative, InitiativeAuthor


@scope_policy(Initiative)
def _initiative_policy(user: Any, qs: QuerySet, action: str) -> QuerySet:
    """Read: the unit's own, and those of an author the user reads in the year it was recognised. Write: the
    head and the office of the unit it belongs to."""
    if is_system_admin(user):
        return qs
    if action == CHANGE:
        return qs.filter(organization__in=managed_organizations(user, *EDITOR_ROLES))
    authors = person_records_visible_to(
        user, InitiativeAuthor.objects.all(), first_year=ExtractYear("initiative__recognized_on")
    )
    return qs.filter(
        Q(organization__in=visible_organizations(user)) | Q(pk__in=authors.values("initiative_id"))
    )


def initiative_list_visible_to(
    *, user: Any, year: int | None = None, level: str = "", query: str = ""
) -> QuerySet[Initiative]:
    """Initiatives of a unit the user sees, or with an author the user sees; authors prefetched."""
    qs = restrict(Initiative.objects.select_related("organization"), user, VIEW)
    if year:
        qs = qs.filter(recognized_on__year=year)
    if level:
        qs = qs.filter(level=level)
    for term in vn_text.search_terms(query):
        qs = qs.filter(Q(title__icontains=term) | Q(code__icontains=term))
    authors = InitiativeAuthor.objects.select_related("person", "used_for").order_by("-share_pct", "id")
    return qs.prefetch_related(Prefetch("authors", queryset=authors)).order_by("-recognized_on", "code")


def initiative_get_visible(*, user: Any, pk: int) -> Initiative | None:
    return initiative_list_visible_to(user=user).prefetch_related("attachments").filter(pk=pk).first()


def person_year_initiatives(person: Any) -> QuerySet:
    """The person's initiatives by the year recognised, for the table of years (`registry.person_year`)."""
    text = CharField()
    return InitiativeAuthor.objects.filter(person=person).annotate(
        y=Cast(ExtractYear("initiative__recognized_on"), text),
        a=Cast("initiative__level", text),
        b=Cast("initiative__code", text),
        c=Cast("initiative__title", text),
    )
