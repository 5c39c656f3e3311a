"""Who may see and do what, where: roles held in a unit (and optionally its sub-units) for a period.

Every view and API route asks these functions on the server; templates only hide what a user cannot do.
"""

from datetime import date

from django.db.models import Q, QuerySet
from django.utils import timezone

from thidua.organizations.models import Organization, Person

from .models import Role, RoleGrant

# Roles that see the whole subtree they are granted, whatever `include_subunits` says for staff roles.
WIDE_ROLES = frozenset({Role.ADMIN, Role.OFFICER, Role.SIGNER, Role.COUNCIL_MEMBER, Role.COUNCIL_SECRETARY})


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
            .select_related("organization")
        )
    return cache[day]


def is_system_admin(user) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return bool(user.is_superuser) or any(g.role == Role.ADMIN for g in active_grants(user))


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
    """Organizations whose records the user may read."""
    if is_system_admin(user):
        return Organization.objects.all()
    q = Q(pk__in=[])
    for grant in active_grants(user):
        if grant.role == Role.STAFF and not grant.include_subunits:
            q |= Q(pk=grant.organization_id)
        elif grant.include_subunits or grant.role in WIDE_ROLES:
            q |= Q(path__startswith=grant.organization.path)
        else:
            q |= Q(pk=grant.organization_id)
    return Organization.objects.filter(q)


def can_see_organization(user, organization: Organization) -> bool:
    return visible_organizations(user).filter(pk=organization.pk).exists()


def visible_people(user) -> QuerySet[Person]:
    """People the user may read: those ever assigned to an organization the user holds a non-staff role in,
    and the user's own record. Staff without another role see themselves only."""
    if is_system_admin(user):
        return Person.objects.all()
    own = Q(pk=user.person_id) if getattr(user, "person_id", None) else Q(pk__in=[])
    orgs = managed_organizations(user, *[role for role in Role.values if role != Role.STAFF])
    if not orgs.exists():
        return Person.objects.filter(own)
    return Person.objects.filter(own | Q(pk__in=_assigned_to(orgs)))


def _assigned_to(orgs: QuerySet[Organization]):
    from thidua.organizations.models import Assignment

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
