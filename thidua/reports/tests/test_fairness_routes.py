"""Every page of the fairness indicators, for every role (core/tests/route_matrix.py).

The agency's office, its signing leader (the Director) and administrators read the agency; a unit head reads their
own unit only (the agency is a 404 to them); another agency's office and administrator get a 404; staff 403."""

import pytest
from django.urls import reverse

from thidua.core.tests.route_matrix import ROLES, RouteMatrix, make_people
from thidua.reports import urls_fairness

pytestmark = pytest.mark.django_db

READERS = {"officer", "signer", "admin"}


@pytest.fixture
def world(org_tree):
    return org_tree


@pytest.fixture
def people(make_user, org_tree):
    return make_people(make_user, org_tree)


def routes(world):
    agency, div_a = {"unit": world["agency"].pk, "year": 2024}, {"unit": world["div_a"].pk, "year": 2024}
    return {
        "fairness": ("get", reverse("reports:fairness"), agency),
        "fairness_detail": ("get", reverse("reports:fairness_detail", args=["nu"]), agency),
        "fairness+division": ("get", reverse("reports:fairness"), div_a),
        "fairness_detail+division": ("get", reverse("reports:fairness_detail", args=["don-vi"]), div_a),
    }


MATRIX = RouteMatrix(
    urls=urls_fairness,
    routes=routes,
    roles=(*ROLES, "signer", "admin", "other_admin"),
    allowed={
        "fairness": READERS,
        "fairness_detail": READERS,
        "fairness+division": READERS | {"head_a"},
        "fairness_detail+division": READERS | {"head_a"},
    },
    variants=("fairness+division", "fairness_detail+division"),
)
(
    test_every_route_is_covered_and_declares_its_permission,
    test_anonymous_is_sent_to_login,
    test_route_permissions,
) = MATRIX.tests()
