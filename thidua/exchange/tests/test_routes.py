"""Every page of the Excel exchange, for every role (core/tests/route_matrix.py).

Imports are the standing office's (officer); an import job is its uploader's alone (another office gets 404).
Blank templates are for everyone; an export holds the rows of the user's scope."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from thidua.appraisals.models import Appraisal
from thidua.core.tests.route_matrix import RouteMatrix, people_of_facts_world
from thidua.exchange import services, urls

from .conftest import RATINGS_HEADER, make_xlsx

pytestmark = pytest.mark.django_db


def _ratings() -> bytes:
    return make_xlsx([["CB001", "", 2024, "HTTNV"]], header=RATINGS_HEADER)


@pytest.fixture
def world(facts_world):
    job = services.import_job_create(
        actor=facts_world["officer"], kind_name="ratings", name="xep-loai.xlsx", data=_ratings()
    )
    services.import_job_enqueue(job=job)  # the immediate backend: a clean dry run
    return {"job": job}


@pytest.fixture
def people(facts_world, org_tree, make_user):
    return people_of_facts_world(make_user, org_tree, facts_world)


def routes(world):
    job = world["job"].pk
    return {
        "home": ("get", reverse("exchange:home"), {}),
        "template": ("get", reverse("exchange:template", args=["ratings"]), {}),
        "export": ("get", reverse("exchange:export", args=["ratings"]), {}),
        "upload": ("get", reverse("exchange:upload", args=["ratings"]), {}),
        "upload+file": (
            "post",
            reverse("exchange:upload", args=["ratings"]),
            {"file": SimpleUploadedFile("xep-loai.xlsx", _ratings()), "dry_run": "on"},
        ),
        "job": ("get", reverse("exchange:job", args=[job]), {}),
        "job_status": ("get", reverse("exchange:job_status", args=[job]), {}),
        "job_commit": ("post", reverse("exchange:job_commit", args=[job]), {}),
        "job_retry": ("post", reverse("exchange:job_retry", args=[job]), {}),
    }


EVERYONE = {"officer", "head_a", "head_b", "staff_a", "other_officer"}
OFFICES = {"officer", "other_officer"}  # each office imports for its own agency (rows are checked per unit)

ALLOWED = {
    "template": EVERYONE,
    "export": EVERYONE,
    "home": OFFICES,
    "upload": OFFICES,
    "upload+file": OFFICES,
    # job, job_status, job_commit, job_retry: the uploader only (the default)
}

MATRIX = RouteMatrix(urls=urls, routes=routes, allowed=ALLOWED, variants=["upload+file"])
(
    test_every_route_is_covered_and_declares_its_permission,
    test_anonymous_is_sent_to_login,
    test_route_permissions,
) = MATRIX.tests()


@pytest.mark.parametrize(
    ("who", "codes"),
    [
        ("officer", ["CB001", "CB002", "CB004"]),
        ("head_a", ["CB001", "CB002"]),
        ("head_b", ["CB004"]),
        ("staff_a", ["CB001"]),  # their own record only
        ("other_officer", ["CB900"]),
    ],
)
def test_an_export_holds_the_rows_of_the_users_scope_only(client, facts_world, people, who, codes):
    for code, unit in (("CB001", "div_a"), ("CB002", "div_a"), ("CB004", "div_b"), ("CB900", "other")):
        person, organization = facts_world["people"][code], facts_world["orgs"][unit]
        Appraisal.objects.create(person=person, year=2024, rating="HTTNV", organization=organization)
    client.force_login(people[who])
    response = client.get(reverse("exchange:export", args=["ratings"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sorted(row[0] for row in sheet.iter_rows(min_row=2, values_only=True) if row[0]) == codes
