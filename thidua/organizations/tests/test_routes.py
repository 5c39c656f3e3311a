"""Every page of units and people, for every role (core/tests/route_matrix.py).

Division A and its people are read by the agency's office and division A's head; the member of staff reads their
own record only (not the unit's page with its roster, nor a colleague)."""

import pytest
from django.urls import reverse

from thidua.core.tests.route_matrix import ROLES, RouteMatrix, people_of_facts_world
from thidua.exchange.tests import conftest as exchange_fixtures
from thidua.organizations import urls

pytestmark = pytest.mark.django_db

facts_world = exchange_fixtures.facts_world  # people in both divisions and another agency


@pytest.fixture
def world(facts_world):
    return {
        "div_a": facts_world["orgs"]["div_a"],
        "own": facts_world["people"]["CB001"],  # the member of staff of the matrix
        "colleague": facts_world["people"]["CB002"],
    }


@pytest.fixture
def people(facts_world, org_tree, make_user):
    return people_of_facts_world(make_user, org_tree, facts_world)


def routes(world):
    return {
        "unit_list": ("get", reverse("organizations:unit_list"), {}),
        "unit_detail": ("get", reverse("organizations:unit_detail", args=[world["div_a"].pk]), {}),
        "person_list": ("get", reverse("organizations:person_list"), {}),
        "person_detail": ("get", reverse("organizations:person_detail", args=[world["own"].pk]), {}),
        "person_detail+colleague": (
            "get",
            reverse("organizations:person_detail", args=[world["colleague"].pk]),
            {},
        ),
    }


EVERYONE = {*ROLES, "other_admin"}  # lists show each their scope

ALLOWED = {
    "unit_list": EVERYONE,
    "person_list": EVERYONE,
    "unit_detail": {"officer", "head_a"},
    "person_detail": {"officer", "head_a", "staff_a"},
    "person_detail+colleague": {"officer", "head_a"},
}

# An administrator granted in the other agency holds a wide role there: its subtree, not our agency
# (docs/architecture.md, Security); only a grant at a root of the tree makes a system administrator.

MATRIX = RouteMatrix(
    urls=urls,
    routes=routes,
    allowed=ALLOWED,
    roles=(*ROLES, "other_admin"),
    variants=["person_detail+colleague"],
)
(
    test_every_route_is_covered_and_declares_its_permission,
    test_anonymous_is_sent_to_login,
    test_route_permissions,
) = MATRIX.tests()
