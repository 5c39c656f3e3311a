"""Every page of the documents toolkit, for every role (core/tests/route_matrix.py): an issued document, its edXML
packages and their status go to the issuer's office and its signing leader only (recording a package's status to
the office); Word templates to the agency's office only (the movements fixtures: `people`, `launched`)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from thidua.core.tests.route_matrix import ROLES, RouteMatrix
from thidua.decisions import templates
from thidua.decisions.tests.test_templates import template_kinds  # noqa: F401 (fixture)
from thidua.documents import services as document_services
from thidua.documents import urls
from thidua.documents.selectors import document_for
from thidua.movements import services


@pytest.fixture
def world(launched, people, org_tree, template_kinds):  # noqa: F811
    services.launch_dispatch(actor=people["officer"], movement=launched)
    document = document_for(source=launched, purpose="movement-launch")
    assert document is not None
    (package,) = document_services.dispatch_edxml(
        actor=people["officer"], document=document, receivers=[("Sở Tài chính", "B", org_tree["other"])]
    )
    template = document_services.template_upload(
        actor=people["officer"],
        agency=org_tree["agency"],
        kind=templates.DECISION,
        data=templates.default_docx(templates.DECISION),
    )
    return {"document": document, "package": package, "template": template, "agency": org_tree["agency"]}


def routes(world):
    doc, agency, kind = world["document"].pk, world["agency"].pk, templates.DECISION
    upload = SimpleUploadedFile("mau.docx", templates.default_docx(kind))
    return {
        "eoffice_export": ("get", reverse("documents:eoffice_export", args=[doc]), {}),
        "edxml_dispatch": ("get", reverse("documents:edxml_dispatch", args=[doc]), {}),
        "edxml_dispatch+send": (
            "post",
            reverse("documents:edxml_dispatch", args=[doc]),
            {"others": "Ban Thi đua – Khen thưởng tỉnh | 000.00.31.H62", "priority": "0"},
        ),
        "edxml_package": ("get", reverse("documents:edxml_package", args=[world["package"].pk]), {}),
        "edxml_status": (
            "post",
            reverse("documents:edxml_status", args=[world["package"].pk]),
            {f"d{world['package'].pk}-status": "sent", f"d{world['package'].pk}-note": ""},
        ),
        "template_list": ("get", reverse("documents:template_list"), {}),
        "template_default": ("get", reverse("documents:template_default", args=[kind]), {}),
        "template_download": ("get", reverse("documents:template_download", args=[world["template"].pk]), {}),
        "template_activate": (
            "post",
            reverse("documents:template_activate", args=[world["template"].pk]),
            {},
        ),
        "template_kind": ("get", reverse("documents:template_kind", args=[agency, kind]), {}),
        "template_kind+upload": (
            "post",
            reverse("documents:template_kind", args=[agency, kind]),
            {"file": upload, "note": "Bản sửa"},
        ),
        "template_reset": ("post", reverse("documents:template_reset", args=[agency, kind]), {}),
    }


OFFICE_AND_HEAD = {"officer", "signer"}
ANY_OFFICER = {"officer", "other_officer"}  # each in their own agency
MATRIX = RouteMatrix(
    urls=urls,
    routes=routes,
    allowed={
        "eoffice_export": OFFICE_AND_HEAD,
        "edxml_dispatch": OFFICE_AND_HEAD,
        "edxml_dispatch+send": OFFICE_AND_HEAD,
        "edxml_package": OFFICE_AND_HEAD,
        "edxml_status": {"officer"},
        "template_list": ANY_OFFICER,
        "template_default": ANY_OFFICER,
        # the other templates pages: the agency's office only (default)
    },
    roles=(*ROLES, "signer"),
    variants=("edxml_dispatch+send", "template_kind+upload"),
)
(
    test_every_route_is_covered_and_declares_its_permission,
    test_anonymous_is_sent_to_login,
    test_route_permissions,
) = MATRIX.tests()
