"""Every page of initiatives, for every role (core/tests/route_matrix.py).

The initiative belongs to division A; its author is CB001, the member of staff of the matrix, who reads it (it is
their own record) but writes nothing."""

from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from thidua.commendations.models import AwardRecord
from thidua.core.tests.route_matrix import RouteMatrix, make_people
from thidua.initiatives import urls
from thidua.initiatives.models import Initiative, InitiativeAttachment, InitiativeAuthor

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def world(facts_world):
    initiative = Initiative.objects.create(
        code="SK-1",
        title="Số hóa hồ sơ",
        kind="initiative",
        level="co_so",
        organization=facts_world["orgs"]["div_a"],
        recognized_on=date(2024, 10, 1),
    )
    person = facts_world["people"]["CB001"]
    author = InitiativeAuthor.objects.create(initiative=initiative, person=person, share_pct=100)
    attachment = InitiativeAttachment(initiative=initiative, name="quyet-dinh.pdf")
    attachment.file.save("quyet-dinh.pdf", ContentFile(PDF), save=False)
    attachment.save()
    award = AwardRecord.objects.create(code="CSTDCS", person=person, year=2024)
    return {
        "initiative": initiative,
        "author": author,
        "attachment": attachment,
        "award": award,
        "div_a": facts_world["orgs"]["div_a"],
    }


@pytest.fixture
def people(facts_world, org_tree, make_user):
    return make_people(
        make_user,
        org_tree,
        officer=facts_world["officer"],
        head_a=facts_world["head_a"],
        staff_a=facts_world["staff"],
        other_officer=facts_world["other_officer"],
    )


def _fields(world, **changes):
    return {
        "code": "SK-2",
        "title": "Cải tiến quy trình",
        "kind": "initiative",
        "level": "co_so",
        "organization": world["div_a"].pk,
        "recognized_on": "01/12/2024",
        "authors": "CB002; 100",
        **changes,
    }


def routes(world):
    pk = world["initiative"].pk
    return {
        "list": ("get", reverse("initiatives:list"), {}),
        "create": ("post", reverse("initiatives:create"), _fields(world)),
        "detail": ("get", reverse("initiatives:detail", args=[pk]), {}),
        "detail+upload": (
            "post",
            reverse("initiatives:detail", args=[pk]),
            {"file": SimpleUploadedFile("bien-ban.pdf", PDF)},
        ),
        "edit": (
            "post",
            reverse("initiatives:edit", args=[pk]),
            _fields(world, code="SK-1", title="Đổi tên", authors="CB001; 100"),
        ),
        "delete": ("post", reverse("initiatives:delete", args=[pk]), {}),
        "attachment": ("get", reverse("initiatives:attachment", args=[pk, world["attachment"].pk]), {}),
        "use_for": (
            "post",
            reverse("initiatives:use_for", args=[pk, world["author"].pk]),
            {"award": world["award"].pk},
        ),
    }


READERS = {"officer", "head_a", "staff_a"}  # the agency's office, division A's head, the author
WRITERS = {"officer", "head_a"}

ALLOWED = {
    "list": {"officer", "head_a", "head_b", "staff_a", "other_officer"},  # each sees the rows of their scope
    # Every office and unit head records its own unit's initiatives; for another unit the form answers 200
    # with the error and writes nothing (see test below).
    "create": {"officer", "head_a", "head_b", "other_officer"},
    "detail": READERS,
    "attachment": READERS,
    "detail+upload": WRITERS,
    "edit": WRITERS,
    "delete": WRITERS,
    "use_for": WRITERS,
}

MATRIX = RouteMatrix(urls=urls, routes=routes, allowed=ALLOWED, variants=["detail+upload"])
(
    test_every_route_is_covered_and_declares_its_permission,
    test_anonymous_is_sent_to_login,
    test_route_permissions,
) = MATRIX.tests()


@pytest.mark.parametrize("who", ["head_b", "other_officer"])
def test_an_initiative_posted_for_another_unit_is_not_written(client, world, people, who):
    client.force_login(people[who])
    response = client.post(*routes(world)["create"][1:])
    assert response.status_code == 200 and response.context["form"].errors
    assert not Initiative.objects.filter(code="SK-2").exists()
