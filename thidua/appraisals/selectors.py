"""Reads of the yearly facts shared by pages, API, sections and exports (scoped; no N+1)."""

from collections import defaultdict
from datetime import date
from typing import Any

from django.db.models import CharField, Count, F, Q, QuerySet, Value
from django.db.models.functions import Cast, Coalesce, ExtractYear
from django.utils import timezone

from thidua.accounts.models import Role
from thidua.accounts.scope import (
    CHANGE,
    EDITOR_ROLES,
    VIEW,
    discipline_period,
    is_system_admin,
    managed_organizations,
    person_records_editable_by,
    person_records_visible_to,
    restrict,
    scope_policy,
    visible_organizations,
)
from thidua.core import vn_text
from thidua.core.codes import AwardCode
from thidua.core.registry import registry
from thidua.organizations.models import Assignment, Organization, Person

from .models import (
    Appraisal,
    CollectiveAppraisal,
    Discipline,
    Leave,
    Registration,
    RegistrationLine,
    RegistrationRound,
    RegistrationStatus,
)


def people_editable_by(user: Any, *roles: str) -> QuerySet[Person]:
    """People whose facts `user` may write: assigned (ever) to a unit the user manages with one of `roles`."""
    if is_system_admin(user):
        return Person.objects.all()
    orgs = managed_organizations(user, *(roles or EDITOR_ROLES))
    return Person.objects.filter(pk__in=Assignment.objects.filter(organization__in=orgs).values("person_id"))


def can_edit_person(user: Any, person: Person, *roles: str) -> bool:
    return people_editable_by(user, *roles).filter(pk=person.pk).exists()


def _period(model: type) -> dict[str, Any]:
    """The period of a fact, in years, that decides which unit it belongs to (`accounts.scope`)."""
    return discipline_period() if model is Discipline else {"first_year": "year"}


def facts_editable_by(user: Any, qs: QuerySet, *roles: str) -> QuerySet:
    """The facts of `qs` that `user` may write: a rating belongs to the unit that judged it; leave and
    discipline to the unit that held the person in their period."""
    roles = roles or EDITOR_ROLES
    if qs.model is Appraisal:
        return (
            qs if is_system_admin(user) else qs.filter(organization__in=managed_organizations(user, *roles))
        )
    return person_records_editable_by(user, qs, *roles, **_period(qs.model))


@scope_policy(Appraisal, Leave, Discipline)
def _person_fact_policy(user: Any, qs: QuerySet, action: str) -> QuerySet:
    """Read: the periods the person worked in the user's units (and the file of today's members). Write: see
    `facts_editable_by`."""
    if action == CHANGE:
        return facts_editable_by(user, qs)
    return person_records_visible_to(user, qs, **_period(qs.model))


@scope_policy(CollectiveAppraisal, Registration)
def _unit_fact_policy(user: Any, qs: QuerySet, action: str) -> QuerySet:
    """A unit's own facts: read by the units' readers, written by its head and the office."""
    field = "organization" if qs.model is CollectiveAppraisal else "unit"
    orgs = managed_organizations(user, *EDITOR_ROLES) if action == CHANGE else visible_organizations(user)
    return qs if is_system_admin(user) else qs.filter(**{f"{field}__in": orgs})


@scope_policy(RegistrationRound)
def _round_policy(user: Any, qs: QuerySet, action: str) -> QuerySet:
    """A round is read by the office that opened it and by the units registering in it; the office runs it."""
    if is_system_admin(user):
        return qs
    if action == CHANGE:
        return qs.filter(organization__in=managed_organizations(user, Role.OFFICER))
    visible = visible_organizations(user)
    return qs.filter(Q(organization__in=visible) | Q(registrations__unit__in=visible)).distinct()


def _filter_people(qs: QuerySet, *, user: Any, query: str, organization: Organization | None) -> QuerySet:
    qs = restrict(qs, user, VIEW)
    for term in vn_text.search_terms(query):
        qs = qs.filter(person__search_text__contains=term)
    if organization is not None:
        members = Assignment.objects.filter(organization__path__startswith=organization.path).values(
            "person_id"
        )
        qs = qs.filter(person_id__in=members)
    return qs


def appraisal_list_visible_to(
    *, user: Any, year: int | None = None, organization: Organization | None = None, query: str = ""
) -> QuerySet[Appraisal]:
    qs = Appraisal.objects.select_related("person", "organization")
    if year:
        qs = qs.filter(year=year)
    qs = _filter_people(qs, user=user, query=query, organization=organization)
    return qs.order_by("-year", "person__sort_key", "person_id")


def leave_list_visible_to(
    *, user: Any, year: int | None = None, organization: Organization | None = None, query: str = ""
) -> QuerySet[Leave]:
    qs = Leave.objects.select_related("person")
    if year:
        qs = qs.filter(year=year)
    qs = _filter_people(qs, user=user, query=query, organization=organization)
    return qs.order_by("-year", "person__sort_key", "person_id", "start_on", "id")


def discipline_list_visible_to(
    *, user: Any, year: int | None = None, organization: Organization | None = None, query: str = ""
) -> QuerySet[Discipline]:
    qs = Discipline.objects.select_related("person")
    if year:
        # In force during the year, or decided in it.
        qs = qs.filter(
            Q(decided_on__year=year)
            | (
                Q(effective_from__lte=date(year, 12, 31))
                & (Q(effective_to__isnull=True) | Q(effective_to__gte=date(year, 1, 1)))
            )
        )
    qs = _filter_people(qs, user=user, query=query, organization=organization)
    return qs.order_by("-decided_on", "person__sort_key", "id")


def collective_appraisal_list_visible_to(
    *, user: Any, year: int | None = None, organization: Organization | None = None
) -> QuerySet[CollectiveAppraisal]:
    qs = restrict(CollectiveAppraisal.objects.select_related("organization"), user, VIEW)
    if year:
        qs = qs.filter(year=year)
    if organization is not None:
        qs = qs.filter(organization__path__startswith=organization.path)
    return qs.order_by("-year", "organization__path")


def person_years(*, person: Person) -> dict[str, Any]:
    """Every fact about `person` by year, in ONE query (a UNION over the fact tables).

    Returns {"years": [...], "rows": {year: {"rating", "months", "leave", "discipline", "initiatives", "awards"}}}:
    the facts of this app, and those the installed apps add (`registry.person_year`: initiatives, awards); the
    list of an app that is not installed stays empty.
    """
    text = CharField()

    def t(expr: Any) -> Any:
        return Cast(expr, output_field=text)

    appraisals = Appraisal.objects.filter(person=person).annotate(
        k=Value("rating", output_field=text), y=t("year"), a=t("rating"), b=t("months_worked"), c=t("note")
    )
    leaves = Leave.objects.filter(person=person).annotate(
        k=Value("leave", output_field=text), y=t("year"), a=t("kind"), b=t("working_days"), c=t("note")
    )
    disciplines = Discipline.objects.filter(person=person).annotate(
        k=Value("discipline", output_field=text),
        y=t(ExtractYear("effective_from")),
        a=t("form"),
        b=t(Coalesce("effective_to", Value(date(9999, 12, 31)))),
        c=t("pending"),
    )
    fields = ("k", "y", "a", "b", "c")
    union = (
        appraisals.order_by()
        .values_list(*fields)
        .union(
            leaves.order_by().values_list(*fields),
            disciplines.order_by().values_list(*fields),
            *(
                facts.rows(person).annotate(k=Value(key, output_field=text)).order_by().values_list(*fields)
                for key, facts in registry.person_year_facts.items()
            ),
            all=True,
        )
        .order_by()
    )  # the combined query would otherwise take Appraisal's default ordering
    rows: dict[int, dict[str, Any]] = defaultdict(
        lambda: {
            "rating": None,
            "months": None,
            "leave": [],
            "discipline": [],
            "initiatives": [],
            "awards": [],
        }
    )
    for kind, year_text, a, b, c in union:
        year = int(year_text)
        if kind == "rating":
            rows[year]["rating"] = a
            rows[year]["months"] = int(b)
        elif kind == "leave":
            rows[year]["leave"].append({"kind": a, "working_days": int(b)})
        elif kind == "discipline":
            # A measure counts in every year of its effective period (capped at the last year shown).
            end_year = int(b[:4])
            pending = c in ("1", "true", "True", "t")
            rows[year]["discipline"].append({"form": a, "pending": pending, "first": True})
            for later in range(year + 1, min(end_year, timezone.localdate().year) + 1):
                rows[later]["discipline"].append({"form": a, "pending": pending, "first": False})
        else:
            rows[year][kind].append(
                dict(zip(registry.person_year_facts[kind].fields, (a, b, c), strict=True))
            )
    years = sorted(rows)
    return {"years": years, "rows": {y: rows[y] for y in years}}


def unit_years(*, organization: Organization) -> dict[str, Any]:
    """The unit's own yearly appraisal and its members' rating counts by year (two queries)."""
    collective = {
        c.year: c for c in CollectiveAppraisal.objects.filter(organization=organization).order_by("year")
    }
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    for row in (
        Appraisal.objects.filter(organization=organization)
        .values("year", "rating")
        .annotate(n=Count("id"))
        .order_by("year")
    ):
        counts[row["year"]][row["rating"]] = row["n"]
    years = sorted(set(collective) | set(counts))
    return {"years": years, "collective": collective, "counts": dict(counts)}


def registration_round_list_visible_to(*, user: Any) -> QuerySet[RegistrationRound]:
    return restrict(RegistrationRound.objects.select_related("organization__parent"), user, VIEW).order_by(
        "-year"
    )


def registration_overview(*, round: RegistrationRound, user: Any) -> dict[str, Any]:
    """Per-unit status and the aggregates by title for a round (three queries)."""
    registrations = list(
        restrict(Registration.objects.filter(round=round), user, VIEW)
        .select_related("unit__parent")
        .annotate(line_count=Count("lines"))
        .order_by("unit__path")
    )
    status_counts: dict[str, int] = defaultdict(int)
    for registration in registrations:
        status_counts[registration.status] += 1
    by_code = dict(
        RegistrationLine.objects.filter(registration__in=registrations)
        .values_list("code")
        .annotate(n=Count("id"))
        .order_by("code")
    )
    # Named for people: (label, code, count), the code kept for tooltips and exports.
    status_rows = [
        (label, status, status_counts[status])
        for status, label in RegistrationStatus.choices
        if status_counts.get(status)
    ]
    code_rows = [(AwardCode(code).label, code, n) for code, n in by_code.items()]
    return {
        "registrations": registrations,
        "status_counts": dict(status_counts),
        "by_code": by_code,
        "status_rows": status_rows,
        "code_rows": code_rows,
    }


def registration_lines(*, registration: Registration) -> list[RegistrationLine]:
    return list(
        registration.lines.select_related("person").order_by(F("person__sort_key").asc(nulls_first=True))
    )
