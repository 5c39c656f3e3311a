"""The Word templates pages, through the test client: a template that would break the layout or the data is
refused on the upload page with every reason; a good one becomes the active version and the next signed decision's
DOCX comes from it; versions are used again, the default comes back, each step is audited; another agency's office
sees none of it.

The templates are real .docx files: the decisions app's defaults, edited with python-docx as the office would in
Word, or broken on purpose (a macro part, A5 paper, a typo)."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx.shared import Mm

from thidua.audit.models import AuditEvent
from thidua.decisions import templates
from thidua.decisions.models import DecisionStatus
from thidua.decisions.tests import factories as f
from thidua.decisions.tests.test_templates import template_kinds, with_paragraph  # noqa: F401 (fixture)
from thidua.documents import services
from thidua.documents.models import DocumentTemplate

pytestmark = pytest.mark.django_db
KIND = templates.DECISION


@pytest.fixture
def cast(org_tree, template_kinds):  # noqa: F811
    return f.cast(org_tree)


def page_url(org_tree) -> str:
    return reverse("documents:template_kind", args=[org_tree["agency"].pk, KIND])


def default() -> bytes:
    return templates.default_docx(KIND)


def edited(data: bytes, change) -> bytes:
    document = docx.Document(io.BytesIO(data))
    change(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def without_number(document) -> None:
    """The office deleted the number from the masthead."""
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    if paragraph.text == "Số: {{ so_ky_hieu }}":
                        paragraph.runs[0].text = "Số: ......"
                        for run in paragraph.runs[1:]:
                            run.text = ""


def a5(document) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Mm(148), Mm(210)


def with_macros(data: bytes) -> bytes:
    """The template saved as a macro-enabled document: a VBA project inside."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in source.infolist():
            archive.writestr(item, source.read(item.filename))
        archive.writestr("word/vbaProject.bin", b"\xd0\xcf\x11\xe0 a VBA project")
    return buffer.getvalue()


def upload(client, org_tree, data: bytes, name: str = "mau.docx", note: str = ""):
    return client.post(page_url(org_tree), {"file": SimpleUploadedFile(name, data), "note": note})


REFUSED = {
    "missing-required": (
        lambda: edited(default(), without_number),
        ["Mẫu thiếu trường bắt buộc: {{ so_ky_hieu }}."],
    ),
    "typo": (
        lambda: with_paragraph(default(), "Người ký: {{ nguoi_kyy }}", before="QUYẾT ĐỊNH"),
        ["Mẫu dùng trường không có trong Quyết định khen thưởng: {{ nguoi_kyy }}."],
    ),
    "macro": (
        lambda: with_macros(default()),
        ["Mẫu chứa macro (.docm); hãy lưu lại dưới dạng .docx không có macro."],
    ),
    "a5-paper": (
        lambda: edited(default(), a5),
        ["Khổ giấy của phần 1 trong mẫu là 148 × 210 mm, cần 210 × 297 mm."],
    ),
    "syntax": (
        lambda: with_paragraph(default(), "Ngày {{ ngay }", before="QUYẾT ĐỊNH"),
        ["Lỗi cú pháp trong mẫu", "Ở đoạn: “Ngày {{ ngay }”."],
    ),
    "not-a-docx": (lambda: b"%PDF-1.4\n% not a Word file\n", ["Tệp không phải tài liệu Word (.docx)."]),
    "missing-and-typo-at-once": (
        lambda: with_paragraph(edited(default(), without_number), "{{ so_kyhieu }}", before="QUYẾT ĐỊNH"),
        [
            "Mẫu thiếu trường bắt buộc: {{ so_ky_hieu }}.",
            "Mẫu dùng trường không có trong Quyết định khen thưởng: {{ so_kyhieu }}.",
        ],
    ),
}


@pytest.mark.parametrize("case", list(REFUSED))
def test_a_bad_template_is_refused_on_the_upload_page_with_its_reasons(client, org_tree, cast, case):
    make, reasons = REFUSED[case]
    client.force_login(cast["officer"])
    response = upload(client, org_tree, make())
    assert response.status_code == 200
    page = response.content.decode()
    errors = page[page.index('data-testid="errors-file"') :]
    for reason in reasons:
        assert reason in errors, (reason, errors[:600])
    assert not DocumentTemplate.objects.exists()
    assert not AuditEvent.objects.filter(object_type="documents.documenttemplate").exists()


def test_a_template_over_the_size_limit_is_refused_before_it_is_read(client, org_tree, cast, settings):
    settings.THIDUA_TEMPLATE_MAX_BYTES = 10_000
    client.force_login(cast["officer"])
    page = upload(client, org_tree, default()).content.decode()
    errors = page[page.index('data-testid="errors-file"') :]
    assert "Tệp quá lớn" in errors
    assert not DocumentTemplate.objects.exists()


def test_upload_activate_and_back_to_default_each_audited(client, org_tree, cast):
    client.force_login(cast["officer"])
    first = with_paragraph(default(), "MẪU CỦA SỞ – BẢN 1", before="QUYẾT ĐỊNH")
    second = with_paragraph(default(), "MẪU CỦA SỞ – BẢN 2", before="QUYẾT ĐỊNH")
    response = upload(client, org_tree, first, note="Thêm dòng tiêu đề")
    assert response.status_code == 302
    response = upload(client, org_tree, second)
    v1, v2 = DocumentTemplate.objects.order_by("version")
    assert (v1.version, v1.active, v2.version, v2.active) == (1, False, 2, True)
    assert v1.note == "Thêm dòng tiêu đề" and v1.uploaded_by == cast["officer"]
    listing = client.get(reverse("documents:template_list")).content.decode()
    row = listing[listing.index('data-testid="kind-decision"') :]
    assert "Phiên bản 2" in row[: row.index("</tr>")]
    # The stored version is the uploaded file, byte for byte.
    assert client.get(reverse("documents:template_download", args=[v1.pk])).content == first
    response = client.post(reverse("documents:template_activate", args=[v1.pk]))
    assert response.status_code == 302
    v1.refresh_from_db()
    v2.refresh_from_db()
    assert v1.active and not v2.active
    response = client.post(reverse("documents:template_reset", args=[org_tree["agency"].pk, KIND]))
    assert response.status_code == 302
    assert not DocumentTemplate.objects.filter(active=True).exists()
    listing = client.get(reverse("documents:template_list")).content.decode()
    row = listing[listing.index('data-testid="kind-decision"') :]
    assert "Mẫu mặc định" in row[: row.index("</tr>")] and "Phiên bản" not in row[: row.index("</tr>")]
    actions = list(
        AuditEvent.objects.filter(object_type="documents.documenttemplate")
        .order_by("id")
        .values_list("action", "object_id")
    )
    assert actions == [
        ("upload", str(v1.pk)),
        ("upload", str(v2.pk)),
        ("activate", str(v1.pk)),
        ("use_default", str(v1.pk)),
    ]


def test_the_default_downloads_as_the_built_in_template(client, cast):
    client.force_login(cast["officer"])
    response = client.get(reverse("documents:template_default", args=[KIND]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response.content == default()
    assert "{{ so_ky_hieu }}" in f.docx_text(response.content)
    assert client.get(reverse("documents:template_default", args=["khong-co"])).status_code == 404


def test_an_uploaded_version_makes_the_next_signed_decisions_docx(client, org_tree, cast):
    client.force_login(cast["officer"])
    own = with_paragraph(default(), "SỞ KHOA HỌC VÀ CÔNG NGHỆ – MẪU RIÊNG NĂM 2025", before="QUYẾT ĐỊNH")
    assert upload(client, org_tree, own).status_code == 302
    version = DocumentTemplate.objects.get(active=True)
    decision = f.draft(
        cast["officer"],
        org_tree["agency"],
        [("GIAY_KHEN", cast["awardee"]), ("TTLDTT", org_tree["div_b"])],
    )
    signed = f.drive(decision, DecisionStatus.SIGNED, cast)
    assert (signed.template_label, signed.template_sha256) == ("Mẫu của cơ quan, phiên bản 1", version.sha256)
    assert signed.issued_document is not None
    with signed.issued_document.docx.open("rb") as handle:
        document = docx.Document(handle)
    text = "\n".join(p.text for p in document.paragraphs)
    rows = [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]
    assert "SỞ KHOA HỌC VÀ CÔNG NGHỆ – MẪU RIÊNG NĂM 2025" in text
    names = {row[1] for row in rows if len(row) == 4}
    assert {"Trần Thị Hoa", "Phòng Quản lý khoa học"} <= names


def test_another_agencys_officer_sees_none_of_it(client, org_tree, cast):
    template = services.template_upload(
        actor=cast["officer"], agency=org_tree["agency"], kind=KIND, data=default()
    )
    client.force_login(cast["other_officer"])
    agency = org_tree["agency"].pk
    assert client.get(page_url(org_tree)).status_code == 404
    assert client.get(reverse("documents:template_list") + f"?co-quan={agency}").status_code == 404
    assert client.get(reverse("documents:template_download", args=[template.pk])).status_code == 404
    assert client.post(reverse("documents:template_activate", args=[template.pk])).status_code == 404
    assert client.post(reverse("documents:template_reset", args=[agency, KIND])).status_code == 404
    assert upload(client, org_tree, default()).status_code == 404
    assert list(DocumentTemplate.objects.values_list("version", "active")) == [(1, True)]
    # Their own list shows their agency, with the default in use.
    own = client.get(reverse("documents:template_list")).content.decode()
    assert org_tree["other"].name in own and "Phiên bản 1" not in own
    # The signer of the agency is nobody's office: 403.
    client.force_login(cast["signer"])
    assert client.get(reverse("documents:template_list")).status_code == 403


def test_the_list_reads_in_a_fixed_number_of_queries(client, org_tree, cast, django_assert_max_num_queries):
    for _ in range(3):
        services.template_upload(actor=cast["officer"], agency=org_tree["agency"], kind=KIND, data=default())
    services.template_upload(
        actor=cast["officer"],
        agency=org_tree["agency"],
        kind=templates.AWARD_LIST,
        data=templates.default_docx(templates.AWARD_LIST),
    )
    client.force_login(cast["officer"])
    with django_assert_max_num_queries(6):
        response = client.get(reverse("documents:template_list"))
    assert response.status_code == 200
