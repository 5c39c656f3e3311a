"""Every page of the statistics part, for every role (core/tests/route_matrix.py).

The agency's office, its signing leader (the Director) and administrators read the agency's statistics; a unit
head reads the unit (another unit is a 404); another agency's office and administrator read their own agency (this
agency's unit is a 404 to them); staff and council members get 403."""

import pytest
from django.urls import reverse

from thidua.core.tests.route_matrix import ROLES, RouteMatrix, make_people
from thidua.reports import urls_statistics

pytestmark = pytest.mark.django_db

READERS = {"officer", "signer", "admin"}
EVERY_READER = READERS | {"head_a", "head_b", "other_officer", "other_admin"}


@pytest.fixture
def world(org_tree):
    return org_tree


@pytest.fixture
def people(make_user, org_tree):
    return make_people(make_user, org_tree)


def routes(world):
    url = reverse("reports:statistics")
    return {
        "statistics": ("get", url, {}),
        "statistics+division": ("get", url, {"unit": world["div_b"].pk, "year_from": 2023, "year_to": 2024}),
        "statistics+xlsx": ("get", url, {"unit": world["agency"].pk, "format": "xlsx"}),
    }


MATRIX = RouteMatrix(
    urls=urls_statistics,
    routes=routes,
    roles=(*ROLES, "signer", "council", "admin", "other_admin"),
    allowed={
        "statistics": EVERY_READER,
        "statistics+division": READERS | {"head_b"},
        "statistics+xlsx": READERS,
    },
    variants=("statistics+division", "statistics+xlsx"),
)
(
    test_every_route_is_covered_and_declares_its_permission,
    test_anonymous_is_sent_to_login,
    test_route_permissions,
) = MATRIX.tests()
