"""Every page and action: anonymous users go to the login page, users of another unit get 403 or 404, the
right users get through. Lists have pinned query counts (no N+1)."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from thidua.core.permissions import view_permission  # noqa: F401 - the decorator every view uses
from thidua.core.tests.route_matrix import ROLES, RouteMatrix
from thidua.movements import services, urls
from thidua.movements.models import Movement, ProgressReport, ReportStatus


@pytest.fixture
def world(report_cycle, launched, org_tree, people):
    model = services.exemplary_model_create(
        actor=people["officer"],
        movement=launched,
        kind="model",
        title="Mô hình",
        organization=org_tree["div_a"],
        story="Câu chuyện",
    )
    services.review_schedule(
        actor=people["officer"], movement=launched, kind="midterm", scheduled_on=date(2023, 6, 1)
    )
    review = launched.reviews.get()
    plan = services.award_plan_set(
        actor=people["officer"], movement=launched, code="GIAY_KHEN", stage="final", planned_count=2
    )
    report = report_cycle["reports"][org_tree["div_a"].pk]
    attachment = services.report_attach(
        actor=people["head_a"], report=report, name="a.pdf", data=b"%PDF-1.4\n%%EOF\n"
    )
    return {
        "movement": launched,
        "report": report,
        "model": model,
        "review": review,
        "attachment": attachment,
        "target": report_cycle["targets"][1],
        "plan": plan,
    }


def routes(world):
    m, r = world["movement"].pk, world["report"].pk
    return {
        "list": ("get", reverse("movements:list"), {}),
        "create": ("get", reverse("movements:create"), {}),
        "detail": ("get", reverse("movements:detail", args=[m]), {}),
        "edit": ("get", reverse("movements:edit", args=[m]), {}),
        "transition": ("post", reverse("movements:transition", args=[m]), {"action": "hold_midterm_review"}),
        "document": ("get", reverse("movements:document", args=[m, "pdf"]), {}),
        "dispatch": ("post", reverse("movements:dispatch", args=[m]), {}),
        "target_create": ("get", reverse("movements:target_create", args=[m]), {}),
        "target_edit": ("get", reverse("movements:target_edit", args=[m, world["target"].pk]), {}),
        "target_delete": ("post", reverse("movements:target_delete", args=[m, world["target"].pk]), {}),
        "award_plan_create": ("get", reverse("movements:award_plan_create", args=[m]), {}),
        "award_plan_edit": ("get", reverse("movements:award_plan_edit", args=[m, world["plan"].pk]), {}),
        "award_plan_delete": (
            "post",
            reverse("movements:award_plan_delete", args=[m, world["plan"].pk]),
            {},
        ),
        "report_round": (
            "post",
            reverse("movements:report_round", args=[m]),
            {"year": 2021, "period": "h1", "due_on": "30/06/2021"},
        ),
        "review_schedule": (
            "post",
            reverse("movements:review_schedule", args=[m]),
            {"kind": "final", "scheduled_on": "10/12/2025"},
        ),
        "model_create": ("get", reverse("movements:model_create", args=[m]), {}),
        "review_summary": (
            "post",
            reverse("movements:review_summary", args=[world["review"].pk]),
            {"summary": "Phong trào được triển khai đồng bộ."},
        ),
        "review_document": (
            "get",
            reverse("movements:review_document", args=[world["review"].pk, "docx"]),
            {},
        ),
        "reports": ("get", reverse("movements:reports"), {}),
        "report_detail": ("get", reverse("movements:report_detail", args=[r]), {}),
        "report_transition": ("post", reverse("movements:report_transition", args=[r]), {"action": "submit"}),
        "attachment": ("get", reverse("movements:attachment", args=[world["attachment"].pk]), {}),
        "models": ("get", reverse("movements:models"), {}),
        "model_publish": (
            "post",
            reverse("movements:model_publish", args=[world["model"].pk]),
            {"published": "1"},
        ),
        "model_replicate": (
            "post",
            reverse("movements:model_replicate", args=[world["model"].pk]),
            {"organization": world["model"].organization_id, "replicated_on": "01/01/2022"},
        ),
    }


# Who gets through each route (the officer of the launching agency always does, except the unit head's own
# report submission). Everyone else who is logged in gets 403 or 404. The agency's signing leader reads the
# movement, its documents and the units' reports, and changes nothing here.
ALLOWED = {
    "list": {"officer", "head_a", "head_b", "staff_a", "other_officer", "signer"},
    "models": {"officer", "head_a", "head_b", "staff_a", "other_officer", "signer"},
    "detail": {"officer", "head_a", "head_b", "staff_a", "signer"},
    "document": {"officer", "head_a", "head_b", "staff_a", "signer"},
    "review_document": {"officer", "head_a", "head_b", "staff_a", "signer"},
    "reports": {"officer", "head_a", "head_b", "other_officer", "signer"},
    "report_detail": {"officer", "head_a", "signer"},
    "attachment": {"officer", "head_a", "signer"},
    "report_transition": {"head_a"},
    "create": {
        "officer",
        "other_officer",
        "head_a",
        "head_b",
    },  # a unit head launches the unit's own movements
}

MATRIX = RouteMatrix(urls=urls, routes=routes, allowed=ALLOWED, roles=(*ROLES, "signer"))
(
    test_every_route_is_covered_and_declares_its_permission,
    test_anonymous_is_sent_to_login,
    test_route_permissions,
) = MATRIX.tests()


def test_other_units_head_cannot_see_the_report(client, world, people):
    client.force_login(people["head_b"])
    assert client.get(reverse("movements:report_detail", args=[world["report"].pk])).status_code == 404


def test_officer_creates_a_draft_through_the_letter_form(client, org_tree, people, signer):
    from thidua.organizations.models import Assignment, Position

    Assignment.objects.create(
        person=signer,
        organization=org_tree["agency"],
        position=Position.objects.create(name="Giám đốc"),
        start_on=date(2020, 1, 1),
    )
    client.force_login(people["officer"])
    data = {
        "code": "NEW-1",
        "title": "Phong trào mới",
        "level": "agency",
        "kind": "regular",
        "period_start": 2025,
        "period_end": 2026,
        "launching_organization": org_tree["agency"].pk,
        "document_type": "cong_van",
        "signer": signer.pk,
        "signer_position": "Giám đốc",
        "introduction": "Mở đầu **đậm**.",
        "addressees": "Các phòng",
        "drafting_unit_symbol": "VP",
    }
    rows = {
        "objectives": [{"text": "Mục tiêu A"}],
        "solutions": [{"number": "2.1", "text": "Giải pháp A"}, {"number": "2.2", "text": "Giải pháp B"}],
        "responsibilities": [{"party": "unit_heads", "text": "Thủ trưởng"}],
        "recipients": [{"label": "Các phòng (qua Voffice)", "channel": "eoffice"}],
    }
    for prefix, items in rows.items():
        data.update({f"{prefix}-TOTAL_FORMS": len(items), f"{prefix}-INITIAL_FORMS": 0})
        for i, item in enumerate(items):
            data.update({f"{prefix}-{i}-{k}": v for k, v in item.items()})
    response = client.post(reverse("movements:create"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    movement = Movement.objects.get(code="NEW-1")
    assert movement.status == "draft"
    assert [s.number for s in movement.solutions.all()] == ["2.1", "2.2"]
    response = client.post(reverse("movements:transition", args=[movement.pk]), {"action": "launch"})
    movement.refresh_from_db()
    assert movement.status == "launched"


def test_report_cycle_through_pages(client, world, people, report_cycle, org_tree):
    report = world["report"]
    target = report_cycle["targets"][0]
    client.force_login(people["head_a"])
    client.post(
        reverse("movements:report_detail", args=[report.pk]),
        {f"value-{target.pk}": "3", "narrative": "Kết quả", "submit": "1"},
    )
    report.refresh_from_db()
    assert report.status == ReportStatus.SENT
    client.force_login(people["officer"])
    client.post(reverse("movements:report_transition", args=[report.pk]), {"action": "return", "reason": ""})
    report.refresh_from_db()
    assert report.status == ReportStatus.SENT  # a reason is required
    client.post(reverse("movements:report_transition", args=[report.pk]), {"action": "accept"})
    report.refresh_from_db()
    assert report.status == ReportStatus.ACCEPTED
    page = client.get(reverse("movements:detail", args=[world["movement"].pk])).content.decode()
    assert 'data-testid="progress-overall"' in page and 'value="38"' in page  # (75 % + 0 %) / 2


def test_upload_refuses_a_renamed_executable(client, world, people):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(people["head_a"])
    upload = SimpleUploadedFile("bao-cao.pdf", b"MZ\x90\x00\x03 executable", content_type="application/pdf")
    response = client.post(
        reverse("movements:report_detail", args=[world["report"].pk]), {"upload": "1", "file": upload}
    )
    assert response.status_code == 200
    assert "Tệp đính kèm: nội dung tệp “bao-cao.pdf”" in response.content.decode()
    assert "chỉ nhận tệp PDF, DOCX, XLSX" in response.content.decode()


def _many_movements(make_movement, report_cycle, org_tree, people, n=6):
    for _ in range(n):
        movement = make_movement(launch=True)
        for div in ("div_a", "div_b"):
            services.target_create(
                actor=people["officer"],
                movement=movement,
                organization=org_tree[div],
                year=2022,
                indicator="Chỉ tiêu",
                unit_of_measure="cái",
                target_value=Decimal(2),
            )
        services.report_round_open(
            actor=people["officer"],
            movement=movement,
            year=2022,
            period="year",
            due_on=date(2022, 12, 1),
            past=True,
        )


@pytest.mark.parametrize("name", ["list", "reports", "models"])
def test_list_query_counts_do_not_grow(
    client, world, make_movement, report_cycle, org_tree, people, django_assert_max_num_queries, name
):
    client.force_login(people["officer"])
    url = routes(world)[name][1]
    client.get(url)
    _many_movements(make_movement, report_cycle, org_tree, people)
    with django_assert_max_num_queries(14):
        response = client.get(url)
    assert response.status_code == 200
    assert ProgressReport.objects.count() > 10


def test_detail_query_count(
    client, world, make_movement, report_cycle, org_tree, people, django_assert_max_num_queries
):
    client.force_login(people["officer"])
    with django_assert_max_num_queries(40):
        assert client.get(routes(world)["detail"][1]).status_code == 200


def test_report_values_are_checked_per_indicator_and_kept_on_error(client, world, people):
    report = world["report"]
    target = report.movement.targets.filter(organization=report.organization).first()
    client.force_login(people["head_a"])
    url = reverse("movements:report_detail", args=[report.pk])
    response = client.post(url, {f"value-{target.pk}": "-7"})
    content = response.content.decode()
    assert response.status_code == 200
    assert "Giá trị phải là số không âm." in content and 'value="-7"' in content
    assert not report.values.filter(target=target).exists()
    response = client.post(url, {f"value-{target.pk}": "abc"})
    assert "Giá trị phải là số." in response.content.decode()
    assert client.post(url, {f"value-{target.pk}": "3,5"}).status_code == 302
    assert report.values.get(target=target).value == Decimal("3.5")


# --- attachments: the shared upload rule (thidua/core/uploads.py) and downloads only ------------------------

_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
_HTML = b"<!doctype html><html><body><script src='a.js'></script></body></html>"


@pytest.mark.parametrize(
    ("name", "data", "fragment"),
    [
        ("bao-cao.pdf", _PDF + b"0" * (25 * 1024 * 1024), "tệp quá lớn (25,0 MB); tối đa 20 MB"),
        ("setup.exe", b"MZ\x90\x00\x03" + b"\x00" * 64, "không nhận tệp “setup.exe”"),
        ("trang.html", _PDF, "không nhận tệp “trang.html”"),  # a PDF head under an HTML name
        ("trang.pdf", _HTML, "nội dung tệp “trang.pdf” không đúng loại"),
        ("script.pdf", b"document.write('x');\n", "nội dung tệp “script.pdf” không đúng loại"),
    ],
)
def test_report_attachment_refuses_bad_files_with_a_message_naming_the_field(
    client, world, people, settings, name, data, fragment
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.THIDUA_ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024
    report = world["report"]
    client.force_login(people["head_a"])
    response = client.post(
        reverse("movements:report_detail", args=[report.pk]),
        {"upload": "1", "file": SimpleUploadedFile(name, data)},
    )
    assert response.status_code == 200
    error = response.context["attachment_form"].errors["file"][0]
    assert error.startswith("Tệp đính kèm: ") and fragment in error
    assert report.attachments.count() == 1  # only the fixture's


def test_report_attachment_is_a_scoped_download(client, world, people):
    from django.core.files.uploadedfile import SimpleUploadedFile

    report = world["report"]
    client.force_login(people["head_a"])
    response = client.post(
        reverse("movements:report_detail", args=[report.pk]),
        {"upload": "1", "file": SimpleUploadedFile("Minh chứng quý 1.pdf", _PDF)},
    )
    assert response.status_code == 302
    attachment = report.attachments.get(original_name="Minh chứng quý 1.pdf")
    url = reverse("movements:attachment", args=[attachment.pk])
    for user in ("head_a", "officer"):
        client.force_login(people[user])
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Disposition"] == (
            'attachment; filename="Minh chung quy 1.pdf"; '
            "filename*=UTF-8''Minh%20ch%E1%BB%A9ng%20qu%C3%BD%201.pdf"
        )
    for user in ("head_b", "other_officer", "staff_a"):
        client.force_login(people[user])
        assert client.get(url).status_code in (403, 404)
    client.force_login(people["head_b"])
    assert client.get(url).status_code == 404


def test_review_report_file_is_named_in_words_not_codes(client, world, people):
    from django.urls import reverse

    client.force_login(people["officer"])
    response = client.get(reverse("movements:review_document", args=[world["review"].pk, "docx"]))
    assert response.status_code == 200
    disposition = response["Content-Disposition"]
    assert "bao-cao-so-ket" in disposition and "midterm" not in disposition
