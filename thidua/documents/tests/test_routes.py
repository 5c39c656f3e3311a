"""Every page of issued documents, for every role (core/tests/route_matrix.py): a document goes to the issuer's
office and its signing leader only (the movements fixtures: `people`, `launched`)."""

import pytest
from django.urls import reverse

from thidua.core.tests.route_matrix import ROLES, RouteMatrix
from thidua.documents import urls
from thidua.documents.selectors import document_for
from thidua.movements import services


@pytest.fixture
def world(launched, people):
    services.launch_dispatch(actor=people["officer"], movement=launched)
    return {"document": document_for(source=launched, purpose="movement-launch")}


def routes(world):
    return {
        "eoffice_export": ("get", reverse("documents:eoffice_export", args=[world["document"].pk]), {}),
    }


MATRIX = RouteMatrix(
    urls=urls,
    routes=routes,
    allowed={"eoffice_export": {"officer", "signer"}},
    roles=(*ROLES, "signer"),
)
(
    test_every_route_is_covered_and_declares_its_permission,
    test_anonymous_is_sent_to_login,
    test_route_permissions,
) = MATRIX.tests()
