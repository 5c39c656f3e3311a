"""Every page of the statutory forms, for every role (core/tests/route_matrix.py).

The standing office of an agency opens its forms (another agency's office opens its own, and this agency is a 404
to it), and a system administrator any; unit heads, staff, the Director, council members and an administrator of
another agency get 403."""

import pytest
from django.urls import reverse

from thidua.core.tests.route_matrix import ROLES, RouteMatrix, make_people
from thidua.reports import urls_statutory

pytestmark = pytest.mark.django_db

OFFICES = {"officer", "other_officer", "admin"}


@pytest.fixture
def world(org_tree):
    return org_tree


@pytest.fixture
def people(make_user, org_tree):
    return make_people(make_user, org_tree)


def routes(world):
    agency = {"co-quan": world["agency"].pk, "nam": 2024, "bieu": "0603"}
    return {
        "statutory": ("get", reverse("reports:statutory"), {"nam": 2024}),
        "statutory_xlsx": ("get", reverse("reports:statutory_xlsx"), {"nam": 2024, "bieu": "0601"}),
        "statutory+agency": ("get", reverse("reports:statutory"), agency),
        "statutory_xlsx+agency": ("get", reverse("reports:statutory_xlsx"), agency),
    }


MATRIX = RouteMatrix(
    urls=urls_statutory,
    routes=routes,
    roles=(*ROLES, "signer", "council", "admin", "other_admin"),
    allowed={
        "statutory": OFFICES,
        "statutory_xlsx": OFFICES,
        # This agency named in the address: its own office (and the system administrator) only.
        "statutory+agency": {"officer", "admin"},
        "statutory_xlsx+agency": {"officer", "admin"},
    },
    variants=("statutory+agency", "statutory_xlsx+agency"),
)
(
    test_every_route_is_covered_and_declares_its_permission,
    test_anonymous_is_sent_to_login,
    test_route_permissions,
) = MATRIX.tests()
