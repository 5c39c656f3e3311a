"""Every page of candidate discovery and the rules' configuration, for every role (core/tests/route_matrix.py).

A sweep belongs to the unit it was run over: the agency's is read by the agency's office, its signing leader and
its council; division A's also by division A's head. Staff do not sweep."""

import pytest
from django.urls import reverse

from thidua.core.tests.route_matrix import ROLES, RouteMatrix, make_people
from thidua.rules import urls
from thidua.rules.models import DiscoveryRun, DiscoveryStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(org_tree):
    def run(unit):
        return DiscoveryRun.objects.create(
            organization=org_tree[unit], year=2024, status=DiscoveryStatus.DONE
        )

    return {"agency_run": run("agency"), "division_run": run("div_a"), "div_a": org_tree["div_a"]}


@pytest.fixture
def people(org_tree, make_user):
    return make_people(make_user, org_tree)


def routes(world):
    agency_run, division_run = world["agency_run"].pk, world["division_run"].pk
    return {
        "discovery": ("get", reverse("rules:discovery"), {}),
        "discovery+start": (
            "post",
            reverse("rules:discovery"),
            {"organization": world["div_a"].pk, "year": 2024},
        ),
        "discovery_run": ("get", reverse("rules:discovery_run", args=[agency_run]), {}),
        "discovery_run+division": ("get", reverse("rules:discovery_run", args=[division_run]), {}),
        "discovery_export": ("get", reverse("rules:discovery_export", args=[agency_run]), {}),
        "config": ("get", reverse("rules:config"), {}),
    }


AGENCY = {"officer", "signer", "council"}

ALLOWED = {
    "discovery": {"officer", "head_a", "head_b", "other_officer", "signer", "council"},
    # A sweep of division A: its office, leader, council and head start it; division B's head and the other
    # agency's office get the form back with the error and nothing is queued (test below).
    "discovery+start": {"officer", "head_a", "head_b", "other_officer", "signer", "council"},
    "discovery_run": AGENCY,
    "discovery_run+division": AGENCY | {"head_a"},
    "discovery_export": AGENCY,
    "config": {"officer", "other_officer"},  # officers and administrators only
}

MATRIX = RouteMatrix(
    urls=urls,
    routes=routes,
    allowed=ALLOWED,
    roles=(*ROLES, "signer", "council"),
    variants=["discovery+start", "discovery_run+division"],
)
(
    test_every_route_is_covered_and_declares_its_permission,
    test_anonymous_is_sent_to_login,
    test_route_permissions,
) = MATRIX.tests()


@pytest.mark.parametrize("who", ["head_b", "other_officer"])
def test_a_sweep_of_a_unit_the_user_does_not_act_in_is_not_queued(client, world, people, who):
    client.force_login(people[who])
    response = client.post(*routes(world)["discovery+start"][1:])
    assert response.status_code == 200 and "organization" in response.context["form"].errors
    assert DiscoveryRun.objects.count() == 2


def test_the_menu_offers_discovery_to_exactly_the_roles_it_opens_to(client, make_user, org_tree):
    from django.urls import reverse

    from thidua.accounts.models import Role

    url = reverse("rules:discovery")
    for role in Role.values:
        user = make_user(role, org_tree["agency"], include_subunits=True)
        client.force_login(user)
        home = client.get("/").content.decode()
        opens = client.get(url).status_code == 200
        assert (f'href="{url}"' in home) == opens, role
