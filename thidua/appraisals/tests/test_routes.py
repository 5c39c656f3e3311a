"""Every page of the yearly facts and the registration, for every role (core/tests/route_matrix.py).

The records belong to division A of the agency: a rating of the member of staff, and division A's registration in
the agency's round. Staff read their own records only and write none. Scope follows the record's period: CB003
moved from division A to division B on 1 January 2025, so division A's head writes the 2024 rating and does not
see the 2025 one, while division B's head reads both (the file follows the person) and writes only 2025."""

from datetime import date

import pytest
from django.urls import reverse

from thidua.appraisals import services, urls
from thidua.appraisals.models import Appraisal, CollectiveAppraisal, Discipline, Leave, Registration
from thidua.core.tests.route_matrix import RouteMatrix, people_of_facts_world
from thidua.organizations.models import Assignment

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(facts_world):
    people, orgs = facts_world["people"], facts_world["orgs"]
    appraisal = Appraisal.objects.create(
        person=people["CB001"], year=2024, rating="HTTNV", organization=orgs["div_a"]
    )
    moved = people["CB003"]
    Assignment.objects.filter(person=moved).update(end_on=date(2024, 12, 31))
    Assignment.objects.create(
        person=moved, organization=orgs["div_b"], position=facts_world["position"], start_on=date(2025, 1, 1)
    )
    round_ = services.registration_round_open(
        actor=None, organization=orgs["agency"], year=2026, deadline=date(2026, 1, 31)
    )
    return {
        "appraisal": appraisal,
        "leave": Leave.objects.create(person=people["CB001"], year=2024, kind="sick", working_days=3),
        "discipline": Discipline.objects.create(
            person=people["CB001"],
            form="khien_trach",
            decided_on=date(2024, 2, 1),
            effective_from=date(2024, 2, 1),
        ),
        "collective": CollectiveAppraisal.objects.create(
            organization=orgs["div_a"], year=2024, rating="HTXSNV"
        ),
        "moved_2024": Appraisal.objects.create(
            person=moved, year=2024, rating="HTXSNV", organization=orgs["div_a"]
        ),
        "moved_2025": Appraisal.objects.create(
            person=moved, year=2025, rating="HTTNV", organization=orgs["div_b"]
        ),
        "round": round_,
        "registration": Registration.objects.get(round=round_, unit=orgs["div_a"]),
    }


@pytest.fixture
def people(facts_world, org_tree, make_user):
    return people_of_facts_world(make_user, org_tree, facts_world)


def routes(world):
    a, rnd, reg = world["appraisal"].pk, world["round"].pk, world["registration"].pk
    return {
        "home": ("get", reverse("appraisals:home"), {}),
        "round_create": ("get", reverse("appraisals:round_create"), {}),
        "round_detail": ("get", reverse("appraisals:round_detail", args=[rnd]), {}),
        "round_export": ("get", reverse("appraisals:round_export", args=[rnd]), {}),
        "registration_detail": (
            "post",
            reverse("appraisals:registration_detail", args=[reg]),
            {"commitments": "Phấn đấu hoàn thành xuất sắc nhiệm vụ"},
        ),
        "registration_action": ("post", reverse("appraisals:registration_action", args=[reg, "send"]), {}),
        "fact_list": ("get", reverse("appraisals:fact_list", args=["xep-loai"]), {}),
        "fact_create": (
            "post",
            reverse("appraisals:fact_create", args=["xep-loai"]),
            {"staff_code": "CB002", "year": 2024, "rating": "HTXSNV"},
        ),
        "fact_edit": (
            "post",
            reverse("appraisals:fact_edit", args=["xep-loai", a]),
            {"staff_code": "CB001", "year": 2024, "rating": "HTXSNV"},
        ),
        "fact_delete": ("post", reverse("appraisals:fact_delete", args=["xep-loai", a]), {}),
        "fact_edit+leave": ("get", reverse("appraisals:fact_edit", args=["nghi", world["leave"].pk]), {}),
        "fact_edit+discipline": (
            "get",
            reverse("appraisals:fact_edit", args=["ky-luat", world["discipline"].pk]),
            {},
        ),
        "fact_edit+collective": (
            "get",
            reverse("appraisals:fact_edit", args=["tap-the", world["collective"].pk]),
            {},
        ),
        "fact_edit+before_the_move": (
            "post",
            reverse("appraisals:fact_edit", args=["xep-loai", world["moved_2024"].pk]),
            {"staff_code": "CB003", "year": 2024, "rating": "HTTNV"},
        ),
        "fact_edit+after_the_move": (
            "post",
            reverse("appraisals:fact_edit", args=["xep-loai", world["moved_2025"].pk]),
            {"staff_code": "CB003", "year": 2025, "rating": "HTXSNV"},
        ),
        "fact_delete+before_the_move": (
            "post",
            reverse("appraisals:fact_delete", args=["xep-loai", world["moved_2024"].pk]),
            {},
        ),
    }


EVERYONE = {"officer", "head_a", "head_b", "staff_a", "other_officer"}
AGENCY = {"officer", "head_a", "head_b"}  # the agency's round: its office and the units that register in it
DIVISION_A = {"officer", "head_a"}

ALLOWED = {
    "home": EVERYONE,
    "fact_list": EVERYONE,  # each sees the rows of their scope (staff: their own)
    "round_create": {"officer", "other_officer"},  # each office opens rounds for its own agency
    "round_detail": AGENCY,
    "round_export": AGENCY,
    "registration_detail": DIVISION_A,
    "registration_action": DIVISION_A,
    # A rating of division A's CB002: the office and division A's head write it; the form refuses a person of
    # another unit (200 with the error, nothing written) — checked in test_views.
    "fact_create": {"officer", "head_a", "head_b", "other_officer"},
    "fact_edit": DIVISION_A,
    "fact_delete": DIVISION_A,
    "fact_edit+leave": DIVISION_A,
    "fact_edit+discipline": DIVISION_A,
    "fact_edit+collective": DIVISION_A,
    "fact_edit+before_the_move": DIVISION_A,  # division B's head reads it but may not write it (403)
    "fact_edit+after_the_move": {"officer", "head_b"},  # division A's head does not see it (404)
    "fact_delete+before_the_move": DIVISION_A,
}

MATRIX = RouteMatrix(
    urls=urls,
    routes=routes,
    allowed=ALLOWED,
    variants=[
        "fact_edit+leave",
        "fact_edit+discipline",
        "fact_edit+collective",
        "fact_edit+before_the_move",
        "fact_edit+after_the_move",
        "fact_delete+before_the_move",
    ],
)
(
    test_every_route_is_covered_and_declares_its_permission,
    test_anonymous_is_sent_to_login,
    test_route_permissions,
) = MATRIX.tests()


@pytest.mark.parametrize("who", ["head_b", "other_officer"])
def test_a_rating_posted_for_a_person_of_another_unit_is_not_written(client, world, people, who):
    client.force_login(people[who])
    response = client.post(*routes(world)["fact_create"][1:])
    assert response.status_code == 200 and "staff_code" in response.context["form"].errors
    assert not Appraisal.objects.filter(person__staff_code="CB002").exists()


@pytest.mark.parametrize(("who", "year"), [("head_a", 2025), ("head_b", 2024)])
def test_a_rating_for_a_year_the_person_was_not_in_the_unit_is_refused_naming_the_year(
    client, world, people, who, year
):
    client.force_login(people[who])
    Appraisal.objects.filter(person__staff_code="CB003").delete()
    response = client.post(
        reverse("appraisals:fact_create", args=["xep-loai"]),
        {"staff_code": "CB003", "year": year, "rating": "HTTNV"},
    )
    assert response.status_code == 200
    assert str(year) in " ".join(
        str(e) for errors in response.context["form"].errors.values() for e in errors
    )
    assert not Appraisal.objects.filter(person__staff_code="CB003").exists()
