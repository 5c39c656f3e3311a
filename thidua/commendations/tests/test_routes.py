"""Every page of the award registry, for every role (core/tests/route_matrix.py).

The registry is written by the standing office (officer) of the unit that held the person in the award's year;
the others read what their scope covers (staff: their own awards). CB900 moved from the other agency to division A
on 1 January 2025: the other agency's office writes the 2024 award and no longer sees the 2025 one; our office
reads the 2024 award (the file follows the person) but writes only the 2025 one."""

from datetime import date

import pytest
from django.urls import reverse

from thidua.commendations import urls
from thidua.commendations.models import AwardRecord
from thidua.core.tests.route_matrix import RouteMatrix, people_of_facts_world
from thidua.organizations.models import Assignment

pytestmark = pytest.mark.django_db

FORM = {
    "code": "BANG_KHEN_TINH",
    "year": 2023,
    "track": "cong_trang",
    "decision_number": "1234/QĐ-UBND",
    "decided_on": "15/03/2024",
    "deciding_body": "UBND tỉnh Yên Bái",
}


@pytest.fixture
def world(facts_world):
    moved, orgs = facts_world["people"]["CB900"], facts_world["orgs"]
    Assignment.objects.filter(person=moved).update(end_on=date(2024, 12, 31))
    Assignment.objects.create(
        person=moved, organization=orgs["div_a"], position=facts_world["position"], start_on=date(2025, 1, 1)
    )
    return {
        "before_transfer": AwardRecord.objects.create(code="LDTT", person=moved, year=2024),
        "after_transfer": AwardRecord.objects.create(code="LDTT", person=moved, year=2025),
        "award": AwardRecord.objects.create(code="LDTT", person=facts_world["people"]["CB001"], year=2024),
        "collective": AwardRecord.objects.create(
            code="TTLDTT", organization=facts_world["orgs"]["div_a"], year=2024
        ),
    }


@pytest.fixture
def people(facts_world, org_tree, make_user):
    return people_of_facts_world(make_user, org_tree, facts_world)


def routes(world):
    award, collective = world["award"].pk, world["collective"].pk
    return {
        "award_list": ("get", reverse("commendations:award_list"), {}),
        "award_export": ("get", reverse("commendations:award_export"), {"year": 2024}),
        # CB001's registry (staff_a's own record), division A's registry.
        "person_registry": (
            "get",
            reverse("commendations:person_registry", args=[world["award"].person_id]),
            {},
        ),
        "person_registry_export": (
            "get",
            reverse("commendations:person_registry_export", args=[world["award"].person_id]),
            {},
        ),
        "unit_registry": (
            "get",
            reverse("commendations:unit_registry", args=[world["collective"].organization_id]),
            {"people": "1"},
        ),
        "unit_registry_export": (
            "get",
            reverse("commendations:unit_registry_export", args=[world["collective"].organization_id]),
            {"people": "1", "subunits": "1"},
        ),
        "award_create": ("post", reverse("commendations:award_create"), {**FORM, "subject_code": "CB002"}),
        "award_edit": (
            "post",
            reverse("commendations:award_edit", args=[award]),
            {**FORM, "decision_number": "1235/QĐ-UBND"},
        ),
        "award_edit+collective": ("get", reverse("commendations:award_edit", args=[collective]), {}),
        "award_edit+before_transfer": (
            "post",
            reverse("commendations:award_edit", args=[world["before_transfer"].pk]),
            {**FORM, "code": "LDTT", "year": 2024},
        ),
        "award_edit+after_transfer": (
            "post",
            reverse("commendations:award_edit", args=[world["after_transfer"].pk]),
            {**FORM, "code": "LDTT", "year": 2025},
        ),
        "award_revoke+before_transfer": (
            "post",
            reverse("commendations:award_revoke", args=[world["before_transfer"].pk]),
            {"reason": "Quyết định 99/QĐ-UBND hủy bỏ"},
        ),
        "award_revoke": (
            "post",
            reverse("commendations:award_revoke", args=[award]),
            {"reason": "Quyết định 99/QĐ-UBND hủy bỏ"},
        ),
    }


ALLOWED = {
    "award_list": {"officer", "head_a", "head_b", "staff_a", "other_officer"},  # each reads their scope
    "award_export": {"officer", "head_a", "head_b", "staff_a", "other_officer"},
    # A person's registry: the units that held the person, and the person; a unit's: those who read the unit.
    "person_registry": {"officer", "head_a", "staff_a"},
    "person_registry_export": {"officer", "head_a", "staff_a"},
    "unit_registry": {"officer", "head_a"},
    "unit_registry_export": {"officer", "head_a"},
    # Each office records awards of its own units; another agency's office gets the form back with the error
    # "not a unit you manage" and nothing is written (commendations/tests/test_views.py).
    "award_create": {"officer", "other_officer"},
    "award_edit": {"officer"},
    "award_edit+collective": {"officer"},
    "award_revoke": {"officer"},
    "award_edit+before_transfer": {"other_officer"},
    "award_edit+after_transfer": {"officer"},
    "award_revoke+before_transfer": {"other_officer"},
}

MATRIX = RouteMatrix(
    urls=urls,
    routes=routes,
    allowed=ALLOWED,
    variants=[
        "award_edit+collective",
        "award_edit+before_transfer",
        "award_edit+after_transfer",
        "award_revoke+before_transfer",
    ],
)
(
    test_every_route_is_covered_and_declares_its_permission,
    test_anonymous_is_sent_to_login,
    test_route_permissions,
) = MATRIX.tests()


def test_another_agencys_officer_cannot_record_an_award_for_our_staff(client, world, people):
    client.force_login(people["other_officer"])
    response = client.post(*routes(world)["award_create"][1:])
    assert response.status_code == 200 and response.context["form"].errors
    assert not AwardRecord.objects.filter(code="BANG_KHEN_TINH").exists()


@pytest.mark.parametrize(("who", "year"), [("officer", 2024), ("other_officer", 2025)])
def test_an_award_for_a_year_the_person_was_in_another_agency_is_refused_naming_the_year(
    client, world, people, who, year
):
    client.force_login(people[who])
    create = reverse("commendations:award_create")
    response = client.post(create, {**FORM, "subject_code": "CB900", "year": year})
    assert response.status_code == 200
    assert str(year) in " ".join(
        str(e) for errors in response.context["form"].errors.values() for e in errors
    )
    assert not AwardRecord.objects.filter(code="BANG_KHEN_TINH").exists()
