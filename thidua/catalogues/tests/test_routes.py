"""Every page of the catalogues, for every role (core/tests/route_matrix.py): the catalogues are read by every
logged-in user; the legal document library, its pages and files, by everyone, logged in or not."""

from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from thidua.catalogues import urls
from thidua.catalogues.models import LegalDocument
from thidua.core.tests.route_matrix import ROLES, RouteMatrix, make_people

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def world(org_tree):
    document = LegalDocument(
        kind="luat",
        number_symbol="06/2022/QH15",
        title="Luật Thi đua, khen thưởng",
        issuing_body="Quốc hội",
        issued_on=date(2022, 6, 15),
    )
    document.file.save("luat.pdf", ContentFile(PDF), save=False)
    document.save()
    return {"document": document}


@pytest.fixture
def people(org_tree, make_user):
    return make_people(make_user, org_tree)


def routes(world):
    pk = world["document"].pk
    return {
        "titles": ("get", reverse("catalogues:titles"), {}),
        "title_detail": ("get", reverse("catalogues:title_detail", args=["CSTDCS"]), {}),
        "tracks": ("get", reverse("catalogues:tracks"), {}),
        "recipients": ("get", reverse("catalogues:recipients"), {}),
        "legal_list": ("get", reverse("catalogues:legal_list"), {}),
        "legal_detail": ("get", reverse("catalogues:legal_detail", args=[pk]), {}),
        "legal_file": ("get", reverse("catalogues:legal_file", args=[pk]), {}),
    }


ROLES_HERE = (*ROLES, "signer", "council", "admin")
EVERYONE = set(ROLES_HERE)

MATRIX = RouteMatrix(
    urls=urls,
    routes=routes,
    allowed={"titles": EVERYONE, "title_detail": EVERYONE, "tracks": EVERYONE, "recipients": EVERYONE},
    roles=ROLES_HERE,
    public={"legal_list", "legal_detail", "legal_file"},
)
(
    test_every_route_is_covered_and_declares_its_permission,
    test_anonymous_is_sent_to_login,
    test_route_permissions,
) = MATRIX.tests()


def test_anyone_finds_the_public_legal_library_from_the_login_page(client):
    from django.urls import reverse

    page = client.get(reverse("accounts:login")).content.decode()
    assert f'href="{reverse("catalogues:legal_list")}"' in page
