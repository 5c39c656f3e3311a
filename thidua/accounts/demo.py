"""Demo accounts, one per role, with grants in the Department (and its successor after the 2025 merger)."""

from datetime import date
from typing import Any

from thidua.organizations.demo import MERGER_DAY, DemoOrganizations
from thidua.organizations.models import Person

from .models import Role, RoleGrant, User

DEMO_PASSWORD = "Thidua@2025"

# username, role, unit suffix ("" = the Department), include sub-units, person (family, middle, given) or None
DEMO_USERS = [
    ("vanphong", Role.OFFICER, "", True, ("Hoàng", "Thị", "Ánh")),
    ("giamdoc", Role.SIGNER, "", True, ("Vũ", "Xuân", "Hội")),
    ("truongphong", Role.UNIT_HEAD, "QLKH", False, ("Trần", "Minh", "Đức")),
    ("nhanvien", Role.STAFF, "VP", False, ("Nguyễn", "Văn", "An")),
    ("hoidong", Role.COUNCIL_MEMBER, "", True, None),
    ("thuky", Role.COUNCIL_SECRETARY, "", True, None),
    ("congdoan", Role.UNION_REP, "CD", False, None),
    ("doanthanhnien", Role.YOUTH_REP, "DTN", False, None),
]


def build_users(*, orgs: DemoOrganizations) -> list[tuple[str, str]]:
    """Create the demo accounts; returns (username, role label) pairs for printing."""
    created = []
    admin, _ = User.objects.get_or_create(username="admin", defaults={"is_staff": True, "is_superuser": True})
    admin.is_staff = admin.is_superuser = True
    admin.set_password(DEMO_PASSWORD)
    admin.save()
    created.append(("admin", str(Role.ADMIN.label)))
    department = orgs.agencies[0]
    for username, role, suffix, subunits, names in DEMO_USERS:
        person = None
        if names:
            person = Person.objects.filter(
                family_name=names[0], middle_name=names[1], given_name=names[2]
            ).first()
        user, _ = User.objects.get_or_create(username=username)
        user.person = person
        user.set_password(DEMO_PASSWORD)
        user.save()
        old_unit = department if not suffix else orgs.units[suffix]
        new_unit = orgs.successor_agency if not suffix else orgs.successor_units[suffix]
        # Before the merger the role was held in the Yên Bái unit; from 2025-07-01 in its successor. The old
        # grant stays open so that the history of the old unit remains reachable.
        RoleGrant.objects.create(
            user=user,
            role=role,
            organization=old_unit,
            include_subunits=subunits,
            valid_from=date(2016, 1, 1),
        )
        RoleGrant.objects.create(
            user=user, role=role, organization=new_unit, include_subunits=subunits, valid_from=MERGER_DAY
        )
        created.append((username, str(role.label)))
    return created


def seed(demo: Any) -> str:
    """The demo step of this app (`registry.demo_step`): one account per role, in the demo tree."""
    demo.accounts = build_users(orgs=demo.orgs)
    demo.password = DEMO_PASSWORD
    return f"{len(demo.accounts)} tài khoản"
