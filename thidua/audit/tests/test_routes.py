"""The audit trail's page, for every role (core/tests/route_matrix.py): it lists every unit's events, so it is
for system administrators only (an admin grant at the root of the tree), not for an administrator granted in one
agency."""

import pytest
from django.urls import reverse

from thidua.audit import urls
from thidua.core.tests.route_matrix import ROLES, RouteMatrix, make_people

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(org_tree):
    return {}


@pytest.fixture
def people(org_tree, make_user):
    return make_people(make_user, org_tree)


def routes(world):
    return {"list": ("get", reverse("audit:list"), {})}


MATRIX = RouteMatrix(
    urls=urls,
    routes=routes,
    allowed={"list": {"admin"}},
    roles=(*ROLES, "signer", "council", "admin", "other_admin"),
    # An administrator granted in another agency administers that agency only; the trail is the whole system's.
)
(
    test_every_route_is_covered_and_declares_its_permission,
    test_anonymous_is_sent_to_login,
    test_route_permissions,
) = MATRIX.tests()
