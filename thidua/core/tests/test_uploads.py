"""The one upload rule (extension AND content, size from settings) and the one way files are handed back
(a download through a scoped view, never static media)."""

import importlib
import io
import zipfile
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import clear_url_caches
from docx import Document
from openpyxl import Workbook
from PIL import Image

from thidua.core import uploads
from thidua.core.uploads import AttachmentField, attachment_disposition, upload_check

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
HTML = b"<!doctype html><html><body><script src='x.js'></script></body></html>"
JS = b"document.body.innerHTML = 'pwned';\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64


def _docx() -> bytes:
    buffer = io.BytesIO()
    Document().save(buffer)
    return buffer.getvalue()


def _xlsx() -> bytes:
    buffer = io.BytesIO()
    Workbook().save(buffer)
    return buffer.getvalue()


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (2, 2), "red").save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "content_type", "stored"),
    [
        ("Quyết định công nhận.pdf", PDF, "application/pdf", "Quyết định công nhận.pdf"),
        ("bang.DOCX", _docx(), uploads.DOCX, "bang.docx"),
        ("so-lieu.xlsx", _xlsx(), uploads.XLSX, "so-lieu.xlsx"),
        ("anh.jpeg", _png(), "image/png", "anh.png"),  # the stored extension comes from the content
        ("C:\\Users\\a\\hồ sơ.pdf", PDF, "application/pdf", "hồ sơ.pdf"),
    ],
)
def test_allowed_files_are_accepted_and_named_by_their_content(name, data, content_type, stored):
    checked = upload_check(data=data, name=name)
    assert (checked.content_type, checked.name) == (content_type, stored)
    assert checked.data == data


@pytest.mark.parametrize(
    ("name", "data", "fragment"),
    [
        ("setup.exe", EXE, "không nhận tệp “setup.exe”"),
        ("trang.html", HTML, "không nhận tệp “trang.html”"),
        ("script.js", JS, "không nhận tệp “script.js”"),
        ("khong-duoi", PDF, "không nhận tệp “khong-duoi”"),
        ("trang.pdf", HTML, "nội dung tệp “trang.pdf” không đúng loại"),
        ("script.pdf", JS, "nội dung tệp “script.pdf” không đúng loại"),
        ("setup.pdf", EXE, "nội dung tệp “setup.pdf” không đúng loại"),
        ("rong.pdf", b"", "tệp rỗng"),
    ],
)
def test_refused_files_get_a_vietnamese_message_naming_the_field(name, data, fragment):
    with pytest.raises(ValidationError) as refused:
        upload_check(data=data, name=name, field="Minh chứng")
    message = refused.value.messages[0]
    assert message.startswith("Minh chứng: ")
    assert fragment in message


def test_size_limit_comes_from_settings(settings):
    settings.THIDUA_ATTACHMENT_MAX_BYTES = 1024 * 1024
    upload_check(data=PDF + b"0" * 1000, name="nho.pdf")
    with pytest.raises(ValidationError) as refused:
        upload_check(data=PDF + b"0" * (1024 * 1024), name="lon.pdf")
    assert refused.value.messages == ["Tệp đính kèm: tệp quá lớn (1,0 MB); tối đa 1 MB."]


def test_form_field_refuses_a_huge_upload_by_its_declared_size(settings):
    settings.THIDUA_ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024
    upload = SimpleUploadedFile("lon.pdf", PDF + b"0" * (25 * 1024 * 1024), content_type="application/pdf")
    with pytest.raises(ValidationError) as refused:
        AttachmentField().clean(upload)
    assert "Tệp đính kèm: tệp quá lớn (25,0 MB); tối đa 20 MB." in refused.value.messages


def test_form_field_cleans_to_the_checked_upload():
    checked = AttachmentField(label="Hồ sơ").clean(SimpleUploadedFile("a.pdf", PDF))
    assert (checked.name, checked.content_type, checked.data) == ("a.pdf", "application/pdf", PDF)
    with pytest.raises(ValidationError) as refused:
        AttachmentField(label="Hồ sơ").clean(SimpleUploadedFile("a.pdf", HTML))
    assert refused.value.messages[0].startswith("Hồ sơ: ")


@pytest.mark.parametrize(
    ("stored_name", "head", "expected"),
    [
        ("a.pdf", PDF, ("application/pdf", "pdf")),
        ("a.docx", _docx(), (uploads.DOCX, "docx")),
        ("a.png", _png(), ("image/png", "png")),
        # Stored before uploads were checked: never served as what they claim to be.
        ("a.html", HTML, ("application/octet-stream", "bin")),
        ("a.js", JS, ("application/octet-stream", "bin")),
        ("a.pdf", HTML, ("application/octet-stream", "bin")),
        ("a.svg", b"<svg/>", ("application/octet-stream", "bin")),
    ],
)
def test_served_type_is_judged_again_from_the_stored_file(stored_name, head, expected):
    assert uploads.served_type(head[: uploads.HEAD_BYTES], stored_name=stored_name) == expected


def test_download_names_are_ascii_with_the_vietnamese_name_as_rfc_5987():
    assert attachment_disposition("bao-cao.pdf") == 'attachment; filename="bao-cao.pdf"'
    assert attachment_disposition("Quyết định số 1.pdf") == (
        'attachment; filename="Quyet dinh so 1.pdf"; '
        "filename*=UTF-8''Quy%E1%BA%BFt%20%C4%91%E1%BB%8Bnh%20s%E1%BB%91%201.pdf"
    )
    # Quotes, folders and line breaks cannot break out of the header.
    header = attachment_disposition('../a"b\r\nSet-Cookie: x.pdf')
    assert "\r" not in header and "\n" not in header and ".." not in header
    assert header.startswith('attachment; filename="a_b Set-Cookie_ x.pdf"')


def _reload_urls():
    import config.urls

    importlib.reload(config.urls)
    clear_url_caches()


@pytest.mark.django_db
def test_media_is_not_served_even_with_debug(client, make_user, tmp_path: Path):
    """Before: config/urls.py added static(MEDIA_URL) under DEBUG, so an uploaded page was served as HTML."""
    FileSystemStorage(location=tmp_path).save("initiatives/1/trang.html", ContentFile(HTML))
    client.force_login(make_user())
    try:
        with override_settings(DEBUG=True, MEDIA_ROOT=str(tmp_path)):
            _reload_urls()
            for url in ("/media/initiatives/1/trang.html", "/media/", "/media/../config/urls.py"):
                assert client.get(url).status_code == 404
    finally:
        _reload_urls()


def test_an_office_zip_bomb_is_refused_from_its_directory_before_anything_is_unpacked(settings):
    """A .docx whose parts unpack to more than the bound is refused without decompressing it (the CRC check
    would otherwise inflate every part on the request)."""
    settings.THIDUA_IMPORT_MAX_UNCOMPRESSED = 1024 * 1024
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\x00" * (2 * 1024 * 1024))  # 2 MB of zeros, a few KB packed
    with pytest.raises(ValidationError):
        upload_check(data=buffer.getvalue(), name="bom.docx")
    upload_check(data=_docx(), name="that.docx")  # a real document is still accepted
