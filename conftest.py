"""Project-wide pytest fixtures: users with roles in units, for permission tests across the apps."""

import pytest


@pytest.fixture
def make_user(db):
    """Create a user holding `role` in `organization` (optionally with sub-units)."""
    from thidua.accounts.models import RoleGrant, User

    counter = {"n": 0}

    def _make(role=None, organization=None, *, include_subunits=False, person=None, username=None, **extra):
        counter["n"] += 1
        user = User.objects.create_user(username=username or f"user{counter['n']}", password="x-Password-123",
                                        person=person, **extra)
        if role is not None:
            RoleGrant.objects.create(user=user, role=role, organization=organization,
                                     include_subunits=include_subunits)
        return user

    return _make


@pytest.fixture
def org_tree(db):
    """A small tree: province → agency → two divisions, and a second agency (another unit's world)."""
    from thidua.organizations.models import Organization, OrganizationKind

    province = Organization.objects.create(kind=OrganizationKind.PROVINCE, code="P", name="Ủy ban nhân dân tỉnh")
    agency = Organization.objects.create(kind=OrganizationKind.AGENCY, code="A", name="Sở Khoa học và Công nghệ",
                                         parent=province, symbol="SKHCN")
    div_a = Organization.objects.create(kind=OrganizationKind.DIVISION, code="A-VP", name="Văn phòng Sở",
                                        parent=agency)
    div_b = Organization.objects.create(kind=OrganizationKind.DIVISION, code="A-QLKH",
                                        name="Phòng Quản lý khoa học", parent=agency)
    other = Organization.objects.create(kind=OrganizationKind.AGENCY, code="B", name="Sở Tài chính",
                                        parent=province)
    return {"province": province, "agency": agency, "div_a": div_a, "div_b": div_b, "other": other}
