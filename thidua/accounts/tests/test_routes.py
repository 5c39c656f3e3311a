"""The login and logout pages, for every role (core/tests/route_matrix.py): both are public."""

import pytest
from django.urls import reverse

from thidua.accounts import urls
from thidua.core.tests.route_matrix import ROLES, RouteMatrix, make_people

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(org_tree):
    return {}


@pytest.fixture
def people(org_tree, make_user):
    return make_people(make_user, org_tree)


def routes(world):
    return {
        "login": ("get", reverse("accounts:login"), {}),
        "logout": ("post", reverse("accounts:logout"), {}),
    }


MATRIX = RouteMatrix(
    urls=urls,
    routes=routes,
    allowed={},
    public={"login", "logout"},
    roles=(*ROLES, "admin"),
)
(
    test_every_route_is_covered_and_declares_its_permission,
    test_anonymous_is_sent_to_login,
    test_route_permissions,
) = MATRIX.tests()
