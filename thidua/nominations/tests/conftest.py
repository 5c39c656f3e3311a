"""Fixtures for nominations: the agency of `org_tree` with people rated in 2024, the office and the unit heads,
and helpers to write batches and lines through the services."""

from datetime import date

import pytest

from thidua.accounts.models import Role
from thidua.appraisals import services as appraisal_services
from thidua.nominations import services
from thidua.organizations.models import Assignment, Organization, OrganizationKind, Person, Position

YEAR = 2024


@pytest.fixture(autouse=True)
def own_submit_checks(monkeypatch):
    """These tests judge the nominations' own rules: the checks other apps add before a batch is sent (the
    dossier's required items, …) are theirs to test. `test_workflow` checks that an added check is run."""
    from thidua.nominations import workflow

    assert services.quota_problems in workflow.SUBMIT_CHECKS  # registered by NominationsConfig.ready()
    monkeypatch.setattr(workflow, "SUBMIT_CHECKS", [services.quota_problems])


@pytest.fixture
def nom(org_tree, make_user):
    """Division A has three people (rated HTXSNV, HTTNV, HTNV in 2024), division B one (HTXSNV); another agency
    one. The agency's officer, the heads of both divisions, a member of staff of A linked to A's first person,
    and the other agency's officer."""
    position = Position.objects.create(name="Chuyên viên")
    people = {}
    for code, family, given, unit, rating in (
        ("A1", "Nguyễn", "An", "div_a", "HTXSNV"),
        ("A2", "Trần", "Bình", "div_a", "HTTNV"),
        ("A3", "Lê", "Chi", "div_a", "HTNV"),
        ("B1", "Phạm", "Dũng", "div_b", "HTXSNV"),
        ("X1", "Vũ", "Xa", "other", "HTXSNV"),
    ):
        person = Person.objects.create(
            family_name=family,
            middle_name="Văn",
            given_name=given,
            sex="M",
            staff_code=code,
            recruited_on=date(2010, 1, 1),
        )
        Assignment.objects.create(
            person=person, organization=org_tree[unit], position=position, start_on=date(2010, 1, 1)
        )
        for year in (2022, 2023, YEAR):
            appraisal_services.appraisal_create(actor=None, person=person, year=year, rating=rating)
        people[code] = person
    users = {
        "officer": make_user(Role.OFFICER, org_tree["agency"], include_subunits=True, username="officer"),
        "head_a": make_user(Role.UNIT_HEAD, org_tree["div_a"], username="head_a"),
        "head_b": make_user(Role.UNIT_HEAD, org_tree["div_b"], username="head_b"),
        "staff_a": make_user(Role.STAFF, org_tree["div_a"], person=people["A1"], username="staff_a"),
        "other_officer": make_user(Role.OFFICER, org_tree["other"], include_subunits=True, username="other"),
    }
    return {"orgs": org_tree, "people": people, "users": users}


@pytest.fixture
def batch_a(nom):
    """A draft batch of division A for 2024 (dated 10/01/2025)."""
    return services.batch_create(
        actor=nom["users"]["head_a"], unit=nom["orgs"]["div_a"], year=YEAR, dated=date(2025, 1, 10)
    )


@pytest.fixture
def union(org_tree):
    return Organization.objects.create(
        kind=OrganizationKind.UNION, code="A-CD", name="Công đoàn cơ sở Sở", parent=org_tree["agency"]
    )
