"""The dashboard, for every role (core/tests/route_matrix.py): every logged-in user has one."""

import pytest
from django.urls import reverse

from thidua.core import urls
from thidua.core.tests.route_matrix import ROLES, RouteMatrix, make_people

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(org_tree):
    return {}


@pytest.fixture
def people(org_tree, make_user):
    return make_people(make_user, org_tree)


def routes(world):
    return {"home": ("get", reverse("core:home"), {})}


ROLES_HERE = (*ROLES, "signer", "council", "admin")

MATRIX = RouteMatrix(urls=urls, routes=routes, allowed={"home": set(ROLES_HERE)}, roles=ROLES_HERE)
(
    test_every_route_is_covered_and_declares_its_permission,
    test_anonymous_is_sent_to_login,
    test_route_permissions,
) = MATRIX.tests()
