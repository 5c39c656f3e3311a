"""Every page and action of the dossiers: who gets through (route × role matrix), another unit's records are a 404,
uploads through the page, the report's edit page and downloads, the sections on the nominations pages, and the
batch page's query count."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.urls import reverse
from docx import Document

from thidua.core.registry import render_sections
from thidua.core.tests.route_matrix import ROLES, RouteMatrix
from thidua.dossiers import services, urls
from thidua.dossiers.catalogue import DossierKind
from thidua.dossiers.models import AchievementReport, DossierItem
from thidua.dossiers.reports import report_prefill
from thidua.nominations.models import BatchStatus, Nomination

K = DossierKind


@pytest.fixture
def world(batch, lines, people, small_pdf):
    item = services.dossier_item_upload(
        actor=people["head_a"], batch=batch, kind=K.PROPOSAL, name="to-trinh.pdf", data=small_pdf
    )
    report = services.achievement_report_prefill(actor=people["head_a"], nomination=lines["cstd_tinh"])
    return {"batch": batch, "item": item, "report": report, "line": lines["cstd_tinh"], "pdf": small_pdf}


def routes(world):
    b, line = world["batch"].pk, world["line"].pk
    sections = report_prefill(world["line"])
    return {
        "catalogue": ("get", reverse("dossiers:catalogue"), {}),
        "batch": ("get", reverse("dossiers:batch", args=[b]), {}),
        "upload": (
            "post",
            reverse("dossiers:upload", args=[b]),
            {"kind": K.MINUTES, "file": SimpleUploadedFile("bien-ban.pdf", world["pdf"], "application/pdf")},
        ),
        "download": ("get", reverse("dossiers:download", args=[world["item"].pk]), {}),
        "delete": ("post", reverse("dossiers:delete", args=[world["item"].pk]), {}),
        "report": ("get", reverse("dossiers:report", args=[line]), {}),
        "report+save": (
            "post",
            reverse("dossiers:report", args=[line]),
            {**sections, "duties": "Nhiệm vụ mới.", "version": world["report"].version, "save": "1"},
        ),
        "report_document": ("get", reverse("dossiers:report_document", args=[line, "docx"]), {}),
    }


UNIT = {"officer", "head_a"}
READERS = UNIT | {"signer"}
# The catalogue is for the officers, unit heads, signers and council of every agency; a batch's dossier is read by
# its unit's side, its office (the agency's officer is both here) and the agency's signer and council, and
# written by the unit's side only. Staff and everyone of another unit get 403 or 404.
ALLOWED = {
    "catalogue": {"officer", "head_a", "head_b", "other_officer", "signer"},
    "batch": READERS,
    "upload": UNIT,
    "download": READERS,
    "delete": UNIT,
    "report": READERS,
    "report+save": UNIT,
    "report_document": READERS,
}

MATRIX = RouteMatrix(
    urls=urls, routes=routes, allowed=ALLOWED, roles=(*ROLES, "signer"), variants=("report+save",)
)
(
    test_every_route_is_covered_and_declares_its_permission,
    test_anonymous_is_sent_to_login,
    test_route_permissions,
) = MATRIX.tests()


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["batch", "download", "report", "report_document"])
def test_another_units_head_gets_404(client, world, people, name):
    client.force_login(people["head_b"])
    assert client.get(routes(world)[name][1]).status_code == 404


@pytest.mark.django_db
def test_the_office_of_another_agency_gets_404(client, world, people):
    client.force_login(people["other_officer"])
    assert client.get(reverse("dossiers:batch", args=[world["batch"].pk])).status_code == 404


@pytest.mark.django_db
def test_a_download_is_an_attachment_with_the_stored_bytes(client, world, people):
    client.force_login(people["officer"])
    response = client.get(reverse("dossiers:download", args=[world["item"].pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == world["pdf"]


@pytest.mark.django_db
def test_the_page_refuses_a_fake_pdf_and_takes_a_real_one(client, world, people, small_docx):
    client.force_login(people["head_a"])
    url = reverse("dossiers:upload", args=[world["batch"].pk])
    fake = SimpleUploadedFile("bien-ban.pdf", b"<html>not a pdf</html>", "application/pdf")
    response = client.post(url, {"kind": K.MINUTES, "file": fake}, follow=True)
    assert "nội dung tệp" in response.content.decode()
    assert not DossierItem.objects.filter(kind=K.MINUTES).exists()
    line = world["line"]
    real = SimpleUploadedFile("xac-nhan.docx", small_docx)
    response = client.post(url, {"kind": K.EFFECT, "nomination": line.pk, "file": real}, follow=True)
    assert "Đã thêm tệp vào hồ sơ." in response.content.decode()
    assert DossierItem.objects.get(kind=K.EFFECT).nomination == line


@pytest.mark.django_db
def test_a_line_of_another_batch_cannot_be_named_in_an_upload(client, world, people, small_docx, org_tree):
    from thidua.nominations.models import ProposalBatch

    other = ProposalBatch.objects.create(
        unit=org_tree["div_b"], office=org_tree["agency"], year=2024, title="B"
    )
    foreign = Nomination.objects.create(batch=other, organization=org_tree["div_b"], code="TTLDXS", year=2024)
    client.force_login(people["head_a"])
    response = client.post(
        reverse("dossiers:upload", args=[world["batch"].pk]),
        {"kind": K.REPORT, "nomination": foreign.pk, "file": SimpleUploadedFile("a.docx", small_docx)},
    )
    assert response.status_code == 404
    assert not DossierItem.objects.filter(nomination=foreign).exists()


@pytest.mark.django_db
def test_once_sent_the_dossier_is_read_only(client, world, people, small_docx):
    batch = world["batch"]
    batch.status = BatchStatus.SUBMITTED
    batch.save()
    client.force_login(people["head_a"])
    page = client.get(reverse("dossiers:batch", args=[batch.pk])).content.decode()
    assert 'data-testid="dossier-upload' not in page and 'data-testid="dossier-delete"' not in page
    response = client.post(
        reverse("dossiers:upload", args=[batch.pk]),
        {"kind": K.MINUTES, "file": SimpleUploadedFile("a.docx", small_docx)},
        follow=True,
    )
    assert "hồ sơ không sửa được nữa" in response.content.decode()
    client.post(reverse("dossiers:delete", args=[world["item"].pk]))
    response = client.post(
        reverse("dossiers:report", args=[world["line"].pk]),
        {"duties": "X", "version": 1, "save": "1"},
        follow=True,
    )
    assert "báo cáo không sửa được nữa" in response.content.decode()
    assert DossierItem.objects.count() == 1
    assert AchievementReport.objects.get().sections["duties"] != "X"


@pytest.mark.django_db
def test_the_report_page_prefills_saves_and_downloads(client, lines, people):
    line = lines["ttldxs"]
    client.force_login(people["head_a"])
    url = reverse("dossiers:report", args=[line.pk])
    page = client.get(url).content.decode()
    assert 'data-testid="report-draft"' in page and "Tên tập thể: Văn phòng Sở" in page
    sections = report_prefill(line)
    response = client.post(url, {**sections, "duties": "Tham mưu tổng hợp cho Giám đốc Sở.", "version": 0})
    assert response.status_code == 302
    report = AchievementReport.objects.get(nomination=line)
    assert report.sections["duties"] == "Tham mưu tổng hợp cho Giám đốc Sở."
    # A second editor who still shows version 0 is refused, with the message on the page.
    stale = client.post(url, {**sections, "duties": "Khác", "version": 0})
    assert stale.status_code == 200 and "người khác" in stale.content.decode()
    response = client.get(reverse("dossiers:report_document", args=[line.pk, "docx"]))
    assert (
        response["Content-Disposition"].startswith("attachment;")
        and response["X-Content-Type-Options"] == "nosniff"
    )
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert "Tham mưu tổng hợp cho Giám đốc Sở." in text
    pdf = client.get(reverse("dossiers:report_document", args=[line.pk, "pdf"]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert client.get(reverse("dossiers:report_document", args=[line.pk, "odt"])).status_code == 404
    client.post(url, {"prefill": "1", "version": report.version})
    report.refresh_from_db()
    assert report.sections["duties"] != "Tham mưu tổng hợp cho Giám đốc Sở." and report.version == 2


@pytest.mark.django_db
def test_the_batch_page_shows_each_item_present_or_missing(client, world, people):
    client.force_login(people["officer"])
    page = client.get(reverse("dossiers:batch", args=[world["batch"].pk])).content.decode()
    assert 'data-testid="dossier-incomplete"' in page
    assert "Lê Văn Bình – Chiến sĩ thi đua cơ sở: hồ sơ còn thiếu" in page
    assert 'data-testid="batch-item-proposal"' in page and "to-trinh.pdf" in page
    assert "Lập sau phiên họp Hội đồng" in page  # the ballot result


@pytest.mark.django_db
def test_the_batch_page_reads_in_a_fixed_number_of_queries(
    client, world, people, org_tree, django_assert_max_num_queries
):
    from thidua.organizations.models import Person

    client.force_login(people["officer"])
    url = reverse("dossiers:batch", args=[world["batch"].pk])
    client.get(url)
    with django_assert_max_num_queries(25) as few:
        client.get(url)
    for i in range(15):
        person = Person.objects.create(family_name="Phạm", given_name=f"Ba{i}", sex="M", staff_code=f"X{i}")
        Nomination.objects.create(batch=world["batch"], person=person, code="LDTT", year=2024)
        Nomination.objects.create(batch=world["batch"], person=person, code="CSTDCS", year=2024)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


@pytest.mark.django_db
def test_the_catalogue_page_lists_each_era_with_what_is_to_be_verified(client, people):
    client.force_login(people["head_b"])
    page = client.get(reverse("dossiers:catalogue")).content.decode()
    for era in ("E1", "E2", "E3"):
        assert f'data-testid="era-{era}"' in page
    assert "cần xác minh" in page and "Mẫu số 02" in page and "Tóm tắt thành tích (thủ tục đơn giản)" in page


@pytest.mark.django_db
def test_the_sections_on_the_nominations_pages(world, people):
    request = RequestFactory().get("/")
    request.user = people["head_a"]
    (batch_section,) = [
        s for s in render_sections("batch", request, world["batch"]) if s["template"].startswith("dossiers/")
    ]
    assert batch_section["context"]["needed"] == 6 and batch_section["context"]["present"] == 2
    line = [
        s
        for s in render_sections("nomination", request, world["line"])
        if s["template"].startswith("dossiers/")
    ]
    assert line[0]["context"]["can_change"] and line[0]["context"]["line"].nomination == world["line"]
    request.user = people["head_b"]
    assert not [
        s for s in render_sections("batch", request, world["batch"]) if s["template"].startswith("dossiers/")
    ]
    assert not [
        s
        for s in render_sections("nomination", request, world["line"])
        if s["template"].startswith("dossiers/")
    ]


@pytest.mark.django_db
def test_the_sections_render_on_the_nominations_pages(client, world, people):
    client.force_login(people["head_a"])
    batch_url = reverse("nominations:detail", args=[world["batch"].pk])
    line_url = reverse("nominations:line_detail", args=[world["line"].pk])
    assert 'data-testid="dossier-section"' in client.get(batch_url).content.decode()
    assert 'data-testid="line-dossier-section"' in client.get(line_url).content.decode()
