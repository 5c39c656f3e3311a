"""Every page of the Director's year, for every role (core/tests/route_matrix.py).

The Director (signer), the standing office and administrators open their agency's year; another agency's office and
administrator open their own (this agency is a 404 to them); unit heads, staff and council members get 403."""

import pytest
from django.urls import reverse

from thidua.core.tests.route_matrix import ROLES, RouteMatrix, make_people
from thidua.reports import urls_director

pytestmark = pytest.mark.django_db

READERS = {"officer", "signer", "admin"}
EVERY_READER = READERS | {"other_officer", "other_admin"}


@pytest.fixture
def world(org_tree):
    return org_tree


@pytest.fixture
def people(make_user, org_tree):
    return make_people(make_user, org_tree)


def routes(world):
    year = reverse("reports:director", args=[2024])
    return {
        "director_current": ("get", reverse("reports:director_current"), {}),
        "director": ("get", year, {}),
        "director+agency": ("get", year, {"unit": world["agency"].pk}),
    }


MATRIX = RouteMatrix(
    urls=urls_director,
    routes=routes,
    roles=(*ROLES, "signer", "council", "admin", "other_admin"),
    allowed={
        "director_current": EVERY_READER,
        "director": EVERY_READER,
        "director+agency": READERS,
    },
    variants=("director+agency",),
)
(
    test_every_route_is_covered_and_declares_its_permission,
    test_anonymous_is_sent_to_login,
    test_route_permissions,
) = MATRIX.tests()
