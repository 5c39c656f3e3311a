"""Who may see and do what, where: roles held in a unit (and optionally its sub-units) for a period.

Every view and API route asks these functions on the server; templates only hide what a user cannot do.

A record about a person (a rating, a leave, a discipline, an award) belongs to the unit that held the person
in that record's period, and scope follows it: the head of a unit reads and writes the records of the years the
person worked there, not those of the years after the person left (`person_records_visible_to`,
`person_records_editable_by`). The unit that holds the person today also reads the person's earlier records (the
personnel file follows the person), without writing them. Staff read their own record only.
"""

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db.models import Exists, F, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Coalesce, ExtractYear
from django.utils import timezone

from thidua.organizations.models import Assignment, Organization, Person

from .models import Role, RoleGrant

# Roles that see the whole subtree they are granted, whatever `include_subunits` says for staff roles.
WIDE_ROLES = frozenset({Role.ADMIN, Role.OFFICER, Role.SIGNER, Role.COUNCIL_MEMBER, Role.COUNCIL_SECRETARY})
# Roles that read the records of their units; staff read their own record only.
READER_ROLES = tuple(role for role in Role.values if role != Role.STAFF)
# Roles that write the yearly facts, initiatives and registrations of their units.
EDITOR_ROLES = (Role.OFFICER, Role.UNIT_HEAD)


def _today() -> date:
    return timezone.localdate()


def active_grants(user, *, on: date | None = None) -> list[RoleGrant]:
    """The user's grants in force on `on` (today by default), cached on the user object for the request."""
    if not getattr(user, "is_authenticated", False):
        return []
    day = on or _today()
    cache = user.__dict__.setdefault("_thidua_grants", {})
    if day not in cache:
        cache[day] = list(
            RoleGrant.objects.filter(user=user, valid_from__lte=day)
            .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
            .select_related("organization__parent")
        )
    return cache[day]


def is_system_admin(user) -> bool:
    """A superuser, or an administrator granted at a root of the organisation tree. An administrator granted in
    an agency administers that agency's subtree (a wide role), not the whole system."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return bool(user.is_superuser) or any(
        g.role == Role.ADMIN and g.organization.parent_id is None for g in active_grants(user)
    )


def _covers(grant: RoleGrant, organization: Organization) -> bool:
    if grant.organization_id == organization.pk:
        return True
    wide = grant.include_subunits or grant.role in WIDE_ROLES
    return wide and organization.path.startswith(grant.organization.path)


def has_role(user, *roles: str, organization: Organization | None = None) -> bool:
    """Whether the user holds one of `roles` (in `organization`, when given). System administrators do."""
    if is_system_admin(user):
        return True
    for grant in active_grants(user):
        if roles and grant.role not in roles:
            continue
        if organization is None or _covers(grant, organization):
            return True
    return False


def visible_organizations(user) -> QuerySet[Organization]:
    """Organizations whose records the user may read: those of a non-staff role. A staff grant opens nothing
    beyond the user's own record (the unit's roster, registrations and initiatives are not the staff's)."""
    return managed_organizations(user, *READER_ROLES)


def can_see_organization(user, organization: Organization) -> bool:
    return visible_organizations(user).filter(pk=organization.pk).exists()


def visible_people(user) -> QuerySet[Person]:
    """People the user may read: those ever assigned to an organization the user holds a non-staff role in,
    and the user's own record. Staff without another role see themselves only.

    Seeing a person is not seeing all their records: `person_records_visible_to` limits those to the periods
    the person worked in the user's units."""
    if is_system_admin(user):
        return Person.objects.all()
    own = _own(user)
    orgs = visible_organizations(user)
    if not orgs.exists():
        return Person.objects.filter(own)
    return Person.objects.filter(own | Q(pk__in=_assigned_to(orgs)))


def _own(user) -> Q:
    return Q(pk=user.person_id) if getattr(user, "person_id", None) else Q(pk__in=[])


def _assigned_to(orgs: QuerySet[Organization]):
    return Assignment.objects.filter(organization__in=orgs).values("person_id")


def can_see_person(user, person: Person) -> bool:
    return visible_people(user).filter(pk=person.pk).exists()


def managed_organizations(user, *roles: str) -> QuerySet[Organization]:
    """Organizations in which the user may act with one of `roles` (write access)."""
    if is_system_admin(user):
        return Organization.objects.all()
    q = Q(pk__in=[])
    for grant in active_grants(user):
        if roles and grant.role not in roles:
            continue
        if grant.include_subunits or grant.role in WIDE_ROLES:
            q |= Q(path__startswith=grant.organization.path)
        else:
            q |= Q(pk=grant.organization_id)
    return Organization.objects.filter(q)


# ---------------------------------------------------------------- records about a person, by period

# Years open to the future: a measure still in force has no end.
OPEN_YEAR = 9999


def _held_during(orgs: QuerySet[Organization], *, person: str = "person_id") -> Exists:
    """An assignment of the outer row's person to one of `orgs` overlapping the years `_scope_y0`–`_scope_y1`
    annotated on the outer row."""
    return Exists(
        Assignment.objects.filter(person_id=OuterRef(person), organization__in=orgs)
        .annotate(_from=ExtractYear("start_on"), _to=Coalesce(ExtractYear("end_on"), Value(OPEN_YEAR)))
        .filter(_from__lte=OuterRef("_scope_y1"), _to__gte=OuterRef("_scope_y0"))
    )


def _held_today(orgs: QuerySet[Organization], *, person: str = "person_id") -> Exists:
    today = _today()
    return Exists(
        Assignment.objects.filter(
            person_id=OuterRef(person), organization__in=orgs, start_on__lte=today
        ).filter(Q(end_on__isnull=True) | Q(end_on__gte=today))
    )


def _with_period(qs: QuerySet, first_year: Any, last_year: Any) -> QuerySet:
    first = F(first_year) if isinstance(first_year, str) else first_year
    last = first if last_year is None else (F(last_year) if isinstance(last_year, str) else last_year)
    return qs.alias(_scope_y0=first, _scope_y1=last)


def person_records_visible_to(
    user,
    qs: QuerySet,
    *,
    first_year: Any = "year",
    last_year: Any = None,
    person: str = "person_id",
    also: Q | None = None,
) -> QuerySet:
    """The records of `qs` (rows about a person, with a period in years) that `user` may read: the user's own;
    those whose person worked, during the record's period, in a unit the user holds a non-staff role in; and
    every record of the people who work in such a unit today (the file follows the person).

    `first_year`/`last_year` name the record's period (a field or an expression; `last_year` defaults to the
    first). Rows matching `also` are kept as well (e.g. a collective's award in a unit the user reads)."""
    if is_system_admin(user):
        return qs
    own_id = getattr(user, "person_id", None)
    orgs = visible_organizations(user)
    condition = Q(**{person: own_id}) if own_id else Q(pk__in=[])
    condition |= Q(_held_during(orgs, person=person)) | Q(_held_today(orgs, person=person))
    if also is not None:
        condition |= also
    return _with_period(qs, first_year, last_year).filter(condition)


def person_records_editable_by(
    user,
    qs: QuerySet,
    *roles: str,
    first_year: Any = "year",
    last_year: Any = None,
    person: str = "person_id",
) -> QuerySet:
    """The records of `qs` that `user` may write with one of `roles`: those whose person worked, during the
    record's period, in a unit the user manages with such a role. Earlier and later records are another
    unit's."""
    if is_system_admin(user):
        return qs
    orgs = managed_organizations(user, *roles)
    return _with_period(qs, first_year, last_year).filter(_held_during(orgs, person=person))


def person_years_editable(user, pairs: Iterable[tuple[int, int]], *roles: str) -> set[tuple[int, int]]:
    """Which (person id, year) pairs `user` may write records for with one of `roles` (one query per 5,000
    people)."""
    wanted = set(pairs)
    if not wanted:
        return set()
    if is_system_admin(user):
        return wanted
    orgs = managed_organizations(user, *roles)
    people = sorted({person_id for person_id, _ in wanted})
    held: dict[int, list[tuple[int, int]]] = {}
    for i in range(0, len(people), 5000):  # bounded IN lists (an import may name 50,000 people)
        for person_id, start, end in Assignment.objects.filter(
            person_id__in=people[i : i + 5000], organization__in=orgs
        ).values_list("person_id", "start_on", "end_on"):
            held.setdefault(person_id, []).append((start.year, end.year if end else OPEN_YEAR))
    return {
        (person_id, year)
        for person_id, year in wanted
        if any(start <= year <= end for start, end in held.get(person_id, []))
    }


def discipline_period() -> dict[str, Any]:
    """A disciplinary measure's period in years, for the functions above: from its decision to the end of its
    effect (open while in force)."""
    return {
        "first_year": ExtractYear("decided_on"),
        "last_year": Coalesce(ExtractYear("effective_to"), Value(OPEN_YEAR)),
    }


def person_year_spans(user, person: Person) -> list[tuple[int, int]] | None:
    """The years of `person`'s records that `user` reads, as (first, last) spans; None for every year (an
    administrator, the person themself, or a unit that holds the person today). Pages that show a person's
    years side by side, or verdicts by year, keep to these spans."""
    if is_system_admin(user) or getattr(user, "person_id", None) == person.pk:
        return None
    orgs = visible_organizations(user)
    today = _today()
    spans = []
    for start, end in Assignment.objects.filter(person=person, organization__in=orgs).values_list(
        "start_on", "end_on"
    ):
        if start <= today and (end is None or end >= today):
            return None
        spans.append((start.year, end.year if end else OPEN_YEAR))
    return spans


def year_in_spans(year: int, spans: list[tuple[int, int]] | None) -> bool:
    return spans is None or any(first <= year <= last for first, last in spans)


# ---------------------------------------------------------------- one entry point: restrict(queryset, user, action)

VIEW, CHANGE = "view", "change"
# (user, queryset, action) → the rows of queryset that user may `action`.
Policy = Callable[[Any, QuerySet, str], QuerySet]
_POLICIES: dict[type, Policy] = {}


def scope_policy(*models: type) -> Callable[[Policy], Policy]:
    """Register the scope policy of `models` (each app registers its models' in its selectors module)."""

    def register(policy: Policy) -> Policy:
        for model in models:
            if model in _POLICIES:
                raise ImproperlyConfigured(f"two scope policies for {model.__name__}")
            _POLICIES[model] = policy
        return policy

    return register


def restrict(queryset: QuerySet, user, action: str = VIEW) -> QuerySet:
    """The rows of `queryset` that `user` may read (`VIEW`) or write (`CHANGE`), as the model's app says (NetBox's
    RestrictedQuerySet idea). Every view, API route and Excel kind asks this; a model without a policy is an
    error, not an open door."""
    if action not in (VIEW, CHANGE):
        raise ValueError(f"unknown action {action!r}")
    try:
        policy = _POLICIES[queryset.model]
    except KeyError:
        raise ImproperlyConfigured(f"no scope policy for {queryset.model.__name__}") from None
    return policy(user, queryset, action)


@scope_policy(Organization)
def _organization_policy(user, qs: QuerySet, action: str) -> QuerySet:
    if action == CHANGE:
        return qs if is_system_admin(user) else qs.none()
    return qs.filter(pk__in=visible_organizations(user).values("pk"))


@scope_policy(Person)
def _person_policy(user, qs: QuerySet, action: str) -> QuerySet:
    if action == CHANGE:
        return qs if is_system_admin(user) else qs.none()
    return qs.filter(pk__in=visible_people(user).values("pk"))
