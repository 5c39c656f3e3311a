"""Every page of certificates: the route × role matrix (anonymous users to the login page, the public verification
open to all, another agency's officer 404, the signer reads and does not print); the decision's page with each
line's certificates, current and replaced; printing and downloading through the pages; the calibration page
(bad values named, the test sheet, saving calibrates); the decision page's section; pinned query counts."""

from __future__ import annotations

import io
from typing import Any

import pdfplumber
import pytest
from django.test import RequestFactory
from django.urls import reverse
from pypdf import PdfReader

from thidua.certificates import forms, services, urls
from thidua.certificates.models import CertificateTemplate, Paper, PrintedCertificate, PrintRun
from thidua.core.registry import registry, render_sections
from thidua.core.tests.route_matrix import ROLES, RouteMatrix
from thidua.decisions.models import DecisionStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(decision, people):
    officer = people["officer"]
    template = services.template_create(
        actor=officer, agency=decision.agency, name="Phôi Giấy khen", paper=Paper.A4_LANDSCAPE, blank=True
    )
    line = decision.lines.get(position=1)
    run = services.print_run_create(actor=officer, decision=decision, lines=[line], template=template)
    return {"decision": decision, "template": template, "line": line, "run": run}


def layout_post(
    template: CertificateTemplate, changes: dict[str, Any] | None = None, *, action: str = "save"
) -> dict[str, str]:
    """The calibration form as the page posts it, from the template's layout, with `changes` (field → value)."""
    form = forms.LayoutForm(layout=template.certificate_layout())
    data: dict[str, str] = {"action": action}
    for name, value in {**form.initial, **(changes or {})}.items():
        if value is None or value is False:
            continue
        data[name] = "on" if value is True else str(value)
    return data


def routes(world):
    d, line, run, t = world["decision"].pk, world["line"].pk, world["run"].pk, world["template"].pk
    return {
        "verify_form": ("get", reverse("certificates:verify_form"), {}),
        "verify": ("get", reverse("certificates:verify", args=[world["line"].verify_code]), {}),
        "decision_list": ("get", reverse("certificates:decision_list"), {}),
        "decision": ("get", reverse("certificates:decision", args=[d]), {}),
        "decision_pdf": ("get", reverse("certificates:decision_pdf", args=[d]), {}),
        "print_run_create": (
            "post",
            reverse("certificates:print_run_create", args=[d]),
            {"lines": [line], "template": t},
        ),
        "line_pdf": ("get", reverse("certificates:line_pdf", args=[line]), {}),
        "run_file": ("get", reverse("certificates:run_file", args=[run, "danh-sach"]), {}),
        "template_list": ("get", reverse("certificates:template_list"), {}),
        "template_create": ("get", reverse("certificates:template_create"), {}),
        "template_edit": ("get", reverse("certificates:template_edit", args=[t]), {}),
        "template_edit+save": (
            "post",
            reverse("certificates:template_edit", args=[t]),
            layout_post(world["template"], {"awardee_name-size": 21}),
        ),
        "template_sheet": ("get", reverse("certificates:template_sheet", args=[t]), {}),
    }


READERS = {"officer", "signer"}
OFFICERS = {"officer", "other_officer"}  # pages of their own agency's records (the other's list is empty)
ALLOWED = {
    "decision_list": {*READERS, "other_officer"},
    "decision": READERS,
    "decision_pdf": READERS,
    "line_pdf": READERS,
    "run_file": READERS,
    "template_list": OFFICERS,
    "template_create": OFFICERS,
    # printing and calibrating: the agency's officer only (default)
}

MATRIX = RouteMatrix(
    urls=urls,
    routes=routes,
    allowed=ALLOWED,
    roles=(*ROLES, "signer"),
    public={"verify_form", "verify"},
    variants=("template_edit+save",),
)
(
    test_every_route_is_covered_and_declares_its_permission,
    test_anonymous_is_sent_to_login,
    test_route_permissions,
) = MATRIX.tests()


def test_the_decision_page_shows_each_lines_certificates_current_and_replaced(client, world, people):
    decision, line = world["decision"], world["line"]
    client.force_login(people["officer"])
    url = reverse("certificates:decision", args=[decision.pk])
    response = client.post(
        reverse("certificates:print_run_create", args=[decision.pk]),
        {"lines": [line.pk, decision.lines.get(position=2).pk], "template": world["template"].pk},
        follow=True,
    )
    assert response.redirect_chain[-1][0].startswith(url)
    text = response.content.decode()
    old, new = PrintedCertificate.objects.filter(line=line).order_by("number")
    assert f"Đã in 2 giấy khen, số từ {new.serial}" in text
    assert old.replaced_by == new
    assert f"đã thay bằng số {new.serial}" in text
    assert text.count("Chưa in") == 2  # the third person and the collective
    assert PrintRun.objects.filter(decision=decision).count() == 2
    # The printed list and the printer's file of the new run download as PDFs.
    run = PrintRun.objects.filter(decision=decision).latest("pk")
    listing = client.get(reverse("certificates:run_file", args=[run.pk, "danh-sach"]))
    assert listing["Content-Type"] == "application/pdf" and "attachment" in listing["Content-Disposition"]
    with pdfplumber.open(io.BytesIO(b"".join(listing.streaming_content))) as document:
        table = document.pages[0].extract_table()
    assert table is not None and [row[1] for row in table[1:]] == [
        new.serial,
        f"{new.number + 1:04d}/{new.year}",
    ]
    assert f"(in lại, thay số {old.serial})" in " ".join((table[1][2] or "").split())
    printed = client.get(reverse("certificates:run_file", args=[run.pk, "giay-khen"]))
    assert len(PdfReader(io.BytesIO(b"".join(printed.streaming_content))).pages) == 2
    assert client.get(reverse("certificates:run_file", args=[run.pk, "khac"])).status_code == 404


def test_printing_nothing_or_a_revoked_decision_is_refused_with_a_message(
    client, world, people, make_decision, awardees
):
    client.force_login(people["officer"])
    decision = world["decision"]
    response = client.post(reverse("certificates:print_run_create", args=[decision.pk]), {}, follow=True)
    assert "Chọn ít nhất một người, tập thể để in giấy khen." in response.content.decode()
    revoked = make_decision([(awardees[0], "LDTT")], status=DecisionStatus.REVOKED, number="9/QĐ-SKHCN")
    line = revoked.lines.get()
    response = client.post(
        reverse("certificates:print_run_create", args=[revoked.pk]), {"lines": [line.pk]}, follow=True
    )
    assert "Quyết định đã bị hủy bỏ: không in giấy khen." in response.content.decode()
    assert not PrintedCertificate.objects.filter(line=line).exists()
    page = client.get(reverse("certificates:decision", args=[revoked.pk])).content.decode()
    assert 'data-testid="print-form"' not in page and "Đã bị hủy bỏ" in page


def test_downloads_are_print_ready_pdfs_of_the_chosen_template(client, world, people):
    decision, line = world["decision"], world["line"]
    client.force_login(people["signer"])
    response = client.get(reverse("certificates:line_pdf", args=[line.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert "GIẤY KHEN" in text and line.subject_name in text  # the built-in print-ready layout
    response = client.get(reverse("certificates:decision_pdf", args=[decision.pk]))
    assert len(PdfReader(io.BytesIO(response.content)).pages) == decision.lines.count()
    # The blank template chosen: only what varies is printed.
    response = client.get(reverse("certificates:line_pdf", args=[line.pk]), {"mau": world["template"].pk})
    assert "GIẤY KHEN" not in PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    other = services.template_create(
        actor=people["other_officer"],
        agency=decision.agency.parent.children.get(code="B"),
        name="Phôi",
        paper=Paper.A4_LANDSCAPE,
        blank=True,
    )
    assert client.get(reverse("certificates:line_pdf", args=[line.pk]), {"mau": other.pk}).status_code == 404


def test_calibration_names_the_bad_field_and_keeps_the_template_as_it_was(client, world, people):
    template = world["template"]
    client.force_login(people["officer"])
    url = reverse("certificates:template_edit", args=[template.pk])
    before = template.layout
    response = client.post(
        url, layout_post(template, {"awardee_name-x": -4, "reason-width": 400, "qr_size": 5})
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "Họ tên, tên tập thể: tọa độ và độ rộng không được âm." in text
    assert "Thành tích: ô nằm ngoài khổ giấy 297.0 × 210.0 mm" in text
    assert "Mã QR: cạnh phải từ 10 mm trở lên." in text
    response = client.post(url, layout_post(template, {"signer_name-y": "abc"}))
    assert "Họ tên người ký: Nhập một số." in response.content.decode()
    template.refresh_from_db()
    assert template.layout == before and template.calibrated_at is None


def test_the_test_sheet_shows_the_posted_layout_and_saving_calibrates(client, world, people):
    template = world["template"]
    client.force_login(people["officer"])
    url = reverse("certificates:template_edit", args=[template.pk])
    response = client.post(
        url, layout_post(template, {"awardee_name-x": 70, "offset_y_mm": 1.5}, action="sheet")
    )
    assert response["Content-Type"] == "application/pdf"
    with pdfplumber.open(io.BytesIO(response.content)) as document:
        page = document.pages[0]
        text = page.extract_text()
        edges = page.edges
    assert "awardee_name (70; 106.5)" in text and "Nguyễn Thị Hằng" in text  # the offset applies
    mm = 25.4 / 72
    assert any(  # the name's baseline rule where the posted values (and the offset) put it
        e["orientation"] == "h" and abs(e["x0"] * mm - 70) <= 1 and abs(e["top"] * mm - 106.5) <= 1
        for e in edges
    )
    template.refresh_from_db()
    assert template.calibrated_at is None  # the sheet saves nothing
    response = client.post(url, layout_post(template, {"awardee_name-x": 70, "awardee_name-bold": False}))
    assert response.status_code == 302
    template.refresh_from_db()
    layout = template.certificate_layout()
    assert layout.fields["awardee_name"].x_mm == 70 and not layout.fields["awardee_name"].bold
    assert template.calibrated_by == people["officer"] and template.calibrated_at is not None
    saved = client.get(reverse("certificates:template_sheet", args=[template.pk]))
    assert "awardee_name (70; 105)" in PdfReader(io.BytesIO(saved.content)).pages[0].extract_text()
    # A field unticked is not printed any more.
    response = client.post(url, layout_post(template, {"awardee_detail-on": False}))
    template.refresh_from_db()
    assert "awardee_detail" not in template.certificate_layout().fields


def test_a_template_is_created_used_for_some_codes_and_retired_through_the_pages(
    client, people, tree, decision
):
    client.force_login(people["officer"])
    response = client.post(
        reverse("certificates:template_create"),
        {
            "agency": tree["agency"].pk,
            "name": "Phôi Giấy khen 2025",
            "paper": Paper.A4_LANDSCAPE,
            "blank": "1",
        },
    )
    template = CertificateTemplate.objects.get(name="Phôi Giấy khen 2025")
    assert response["Location"] == reverse("certificates:template_edit", args=[template.pk])
    assert template.is_blank and template.codes == []
    url = reverse("certificates:template_edit", args=[template.pk])
    client.post(url, {"action": "use", "name": "Phôi GK", "codes": ["GIAY_KHEN"], "active": "on"})
    template.refresh_from_db()
    assert (template.name, template.codes, template.active) == ("Phôi GK", ["GIAY_KHEN"], True)
    client.post(url, {"action": "use", "name": "Phôi GK", "codes": ["GIAY_KHEN"]})
    template.refresh_from_db()
    assert not template.active
    listing = client.get(reverse("certificates:template_list")).content.decode()
    assert "Phôi GK" in listing and "Giấy khen" in listing and "GIAY_KHEN" not in listing  # names, not codes
    page = client.get(reverse("certificates:decision", args=[decision.pk])).content.decode()
    assert "Phôi GK" not in page  # out of use: not offered for printing
    # Another agency's officer cannot create one in this agency.
    client.force_login(people["other_officer"])
    response = client.post(
        reverse("certificates:template_create"),
        {"agency": tree["agency"].pk, "name": "X", "paper": Paper.A4_LANDSCAPE, "blank": "1"},
    )
    assert response.status_code == 200 and not CertificateTemplate.objects.filter(name="X").exists()


def test_the_decision_page_has_a_certificates_section_for_its_readers(world, people):
    decision = world["decision"]
    request = RequestFactory().get("/")
    request.user = people["officer"]
    [section] = [
        s for s in render_sections("decision", request, decision) if s["template"].startswith("certificates/")
    ]
    assert section["context"]["printed"] == 1 and section["context"]["lines"] == 4
    request.user = people["other_officer"]
    assert not [
        s for s in render_sections("decision", request, decision) if s["template"].startswith("certificates/")
    ]
    assert {"certificates:decision_list", "certificates:template_list"} <= {
        e.url_name for e in registry.menu()
    }


def _queries(client, url, django_assert_max_num_queries, limit):
    with django_assert_max_num_queries(limit):
        response = client.get(url)
    assert response.status_code == 200
    return response


def test_list_pages_keep_their_query_counts(
    client, world, people, make_decision, make_person, tree, django_assert_max_num_queries
):
    officer = people["officer"]
    client.force_login(officer)
    decision = world["decision"]
    for i in range(6):  # more decisions, lines, certificates and runs: the counts do not grow
        person = make_person(tree["div_a"], f"Người{i}")
        other = make_decision([(person, "GIAY_KHEN")], number=f"{50 + i}/QĐ-SKHCN")
        services.print_run_create(actor=officer, decision=other, lines=list(other.lines.all()), template=None)
    lines = list(decision.lines.all())
    services.print_run_create(actor=officer, decision=decision, lines=lines, template=world["template"])
    services.print_run_create(actor=officer, decision=decision, lines=lines[:2], template=None)
    listing = _queries(client, reverse("certificates:decision_list"), django_assert_max_num_queries, 5)
    assert listing.content.decode().count('data-testid="decision-row-') == 7
    page = _queries(
        client, reverse("certificates:decision", args=[decision.pk]), django_assert_max_num_queries, 9
    )
    assert page.content.decode().count('data-testid="run-') == 3
    _queries(client, reverse("certificates:template_list"), django_assert_max_num_queries, 5)
