"""Initiative attachments: only what the shared upload rule accepts is stored, and files go back only as
downloads, to those who may read the initiative."""

from datetime import date
from urllib.parse import unquote

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from thidua.accounts.models import Role
from thidua.initiatives.models import Initiative, InitiativeAttachment, InitiativeAuthor

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
HTML = b"<!doctype html><html><body><script src='a.js'></script></body></html>"
JS = b"document.body.innerHTML = 'pwned';\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64


@pytest.fixture
def initiative(facts_world):
    item = Initiative.objects.create(
        code="SK-1",
        title="Số hóa hồ sơ",
        kind="initiative",
        level="co_so",
        organization=facts_world["orgs"]["div_a"],
        recognized_on=date(2024, 10, 1),
    )
    InitiativeAuthor.objects.create(initiative=item, person=facts_world["people"]["CB001"], share_pct=100)
    return item


def _upload(client, initiative, name, data):
    return client.post(
        reverse("initiatives:detail", args=[initiative.pk]), {"file": SimpleUploadedFile(name, data)}
    )


@pytest.mark.parametrize(
    ("name", "data", "fragment"),
    [
        ("ho-so.pdf", PDF + b"0" * (25 * 1024 * 1024), "tệp quá lớn (25,0 MB); tối đa 20 MB"),
        ("setup.exe", EXE, "không nhận tệp “setup.exe”"),
        ("trang.html", HTML, "không nhận tệp “trang.html”"),
        ("trang.pdf", HTML, "nội dung tệp “trang.pdf” không đúng loại"),
        ("script.pdf", JS, "nội dung tệp “script.pdf” không đúng loại"),
    ],
)
def test_initiative_attachment_refuses_bad_files_with_a_message_naming_the_field(
    client, facts_world, initiative, settings, name, data, fragment
):
    settings.THIDUA_ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024
    client.force_login(facts_world["officer"])
    response = _upload(client, initiative, name, data)
    assert response.status_code == 200
    assert response.context["form"].errors["file"][0].startswith("Tệp đính kèm: ")
    assert fragment in response.context["form"].errors["file"][0]
    assert "Tệp đính kèm: " in response.content.decode()
    assert not initiative.attachments.exists()


def test_a_permitted_pdf_is_stored_and_downloaded_as_an_attachment(client, facts_world, initiative):
    client.force_login(facts_world["officer"])
    assert _upload(client, initiative, "Quyết định công nhận.pdf", PDF).status_code == 302
    attachment = initiative.attachments.get()
    assert attachment.name == "Quyết định công nhận.pdf"
    assert attachment.file.name.endswith(".pdf")

    response = client.get(reverse("initiatives:attachment", args=[initiative.pk, attachment.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="Quyet dinh cong nhan.pdf"; ')
    assert unquote(disposition.split("filename*=UTF-8''")[1]) == "Quyết định công nhận.pdf"
    assert "sandbox" in response["Content-Security-Policy"]


def test_a_file_stored_before_the_check_is_still_served_safely(client, facts_world, initiative):
    attachment = InitiativeAttachment(initiative=initiative, name="trang.html")
    attachment.file.save("trang.html", ContentFile(HTML), save=False)
    attachment.save()
    client.force_login(facts_world["officer"])
    response = client.get(reverse("initiatives:attachment", args=[initiative.pk, attachment.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"] == 'attachment; filename="trang.bin"'
    assert response["X-Content-Type-Options"] == "nosniff"


def test_another_units_attachment_is_404_and_anonymous_goes_to_login(
    client, facts_world, initiative, make_user
):
    attachment = InitiativeAttachment(initiative=initiative, name="a.pdf")
    attachment.file.save("a.pdf", ContentFile(PDF), save=False)
    attachment.save()
    url = reverse("initiatives:attachment", args=[initiative.pk, attachment.pk])

    response = client.get(url)
    assert response.status_code == 302 and "/tai-khoan/" in response["Location"]

    head_b = make_user(Role.UNIT_HEAD, facts_world["orgs"]["div_b"])
    for outsider in (head_b, facts_world["other_officer"]):
        client.force_login(outsider)
        assert client.get(url).status_code == 404
    # An attachment is only reachable under its own initiative.
    other = Initiative.objects.create(
        code="SK-B",
        title="Khác",
        kind="initiative",
        level="co_so",
        organization=facts_world["orgs"]["div_b"],
        recognized_on=date(2024, 1, 1),
    )
    client.force_login(head_b)
    assert client.get(reverse("initiatives:attachment", args=[other.pk, attachment.pk])).status_code == 404
    client.force_login(facts_world["head_a"])
    assert client.get(url).status_code == 200


def test_a_user_who_cannot_edit_cannot_attach(client, facts_world, initiative):
    client.force_login(facts_world["staff"])
    assert _upload(client, initiative, "a.pdf", PDF).status_code in (403, 404)
    assert not initiative.attachments.exists()
