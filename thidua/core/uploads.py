"""One rule for uploaded files, and one way to hand them back.

Every attachment (an initiative's files, a progress report's evidence) passes `upload_check`: an allowed
extension AND content recognised as an allowed type (``filetype`` for PDF and images, the package parts for
DOCX and XLSX), within ``THIDUA_ATTACHMENT_MAX_BYTES``; it is stored under a name whose extension comes from
the content. Stored files are never served as static media: `upload_response` streams one from a view that has
already checked the user may read the record owning it, as an attachment with ``nosniff`` and a content type
judged again from the file itself, so a file stored before this check existed is still served safely.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import filetype
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404
from django.utils.cache import patch_cache_control
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
OCTET_STREAM = "application/octet-stream"

# Extension of the uploaded name → the content type its content must have.
ALLOWED_EXTENSIONS = {
    "pdf": PDF,
    "docx": DOCX,
    "xlsx": XLSX,
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "gif": "image/gif",
    "webp": "image/webp",
}
# Content type recognised by filetype → the extension a stored file gets.
_SNIFFED = {
    "application/pdf": "pdf",
    "image/png": "png",
    "image/jpeg": "jpg",
    "image/gif": "gif",
    "image/webp": "webp",
}
_OOXML = {"docx": DOCX, "xlsx": XLSX}
# filetype looks at the first 8 KiB; serving judges a stored file from the same head.
HEAD_BYTES = 8192

DEFAULT_FIELD = gettext_lazy("Tệp đính kèm")
ALLOWED_TEXT = gettext_lazy("PDF, DOCX, XLSX hoặc ảnh (PNG, JPEG, GIF, WEBP)")


@dataclass(frozen=True)
class CheckedUpload:
    """An upload that passed `upload_check`: its bytes, a safe name with the extension of its content."""

    data: bytes
    name: str
    content_type: str
    extension: str

    @property
    def size(self) -> int:
        return len(self.data)

    def as_uploaded_file(self) -> UploadedFile:
        """The checked bytes as a Django upload, for services that store an ``UploadedFile``."""
        return SimpleUploadedFile(self.name, self.data, content_type=self.content_type)


def _max_uncompressed() -> int:
    """The bound on what an Office file may unpack to (the same as for Excel imports)."""
    return int(getattr(settings, "THIDUA_IMPORT_MAX_UNCOMPRESSED", 300 * 1024 * 1024))


def _ooxml_kind(data: bytes) -> str | None:
    """ "docx" or "xlsx" when ``data`` is a ZIP with the parts of that Office Open XML package."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            # The CRC check decompresses every part: refuse a zip bomb from its directory first.
            if sum(info.file_size for info in archive.infolist()) > _max_uncompressed():
                return None
            if archive.testzip() is not None:
                return None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, NotImplementedError, OSError):
        return None
    if "[Content_Types].xml" not in names:
        return None
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    return None


def content_kind(data: bytes) -> tuple[str, str] | None:
    """(content type, extension) of ``data`` when its content is an allowed type; None otherwise."""
    kind = filetype.guess(data[:HEAD_BYTES])
    if kind is not None and kind.mime in _SNIFFED:
        return kind.mime, _SNIFFED[kind.mime]
    if data[:4] == b"PK\x03\x04":
        ooxml = _ooxml_kind(data)
        if ooxml:
            return _OOXML[ooxml], ooxml
    return None


def _extension(name: str) -> str:
    base = re.split(r"[\\/]", name)[-1]
    return base.rsplit(".", 1)[-1].lower() if "." in base.strip(".") else ""


def _clean(text: str) -> str:
    """``text`` without folders, control or odd space characters (Vietnamese kept), at most 120 characters."""
    base = unicodedata.normalize("NFC", re.split(r"[\\/]", text or "")[-1])
    base = "".join(" " if unicodedata.category(ch).startswith(("C", "Z")) else ch for ch in base)
    return " ".join(base.split()).strip(" .")[:120].strip(" .")


def safe_name(name: str, extension: str, *, default: str = "tep") -> str:
    """``name``'s stem without folders or control characters (Vietnamese kept), then ``.extension``."""
    base = _clean(name)
    if "." in base:
        base = base.rsplit(".", 1)[0]
    return f"{_clean(base) or default}.{extension}"


def _too_large(size: int, limit: int, field: Any) -> ValidationError:
    return ValidationError(
        _("%(field)s: tệp quá lớn (%(size)s MB); tối đa %(max)s MB."),
        code="too_large",
        params={
            "field": field,
            "size": number_format(size / 1024 / 1024, 1),
            "max": number_format(limit / 1024 / 1024, 0),
        },
    )


def upload_check(*, data: bytes, name: str, field: Any = DEFAULT_FIELD) -> CheckedUpload:
    """Accept an attachment or raise ``ValidationError`` with a message naming ``field``.

    The name must have an allowed extension and the content must be an allowed type (either may be any of
    them: a DOCX named ``.pdf`` is stored as ``.docx``); the size is limited by THIDUA_ATTACHMENT_MAX_BYTES.
    """
    limit = settings.THIDUA_ATTACHMENT_MAX_BYTES
    if len(data) > limit:
        raise _too_large(len(data), limit, field)
    if not data:
        raise ValidationError(_("%(field)s: tệp rỗng."), code="empty", params={"field": field})
    extension = _extension(name)
    if extension not in ALLOWED_EXTENSIONS:
        raise ValidationError(
            _("%(field)s: không nhận tệp “%(name)s”; chỉ nhận tệp %(allowed)s."),
            code="bad_extension",
            params={"field": field, "name": _clean(name), "allowed": ALLOWED_TEXT},
        )
    kind = content_kind(data)
    if kind is None:
        raise ValidationError(
            _("%(field)s: nội dung tệp “%(name)s” không đúng loại; chỉ nhận tệp %(allowed)s."),
            code="bad_type",
            params={"field": field, "name": _clean(name), "allowed": ALLOWED_TEXT},
        )
    content_type, stored_extension = kind
    return CheckedUpload(
        data=data,
        name=safe_name(name, stored_extension),
        content_type=content_type,
        extension=stored_extension,
    )


def upload_read(upload: UploadedFile, *, field: Any = DEFAULT_FIELD) -> CheckedUpload:
    """Check an uploaded file: its declared size first (a huge upload is not read into memory), then
    `upload_check` on at most one byte more than the limit."""
    limit = settings.THIDUA_ATTACHMENT_MAX_BYTES
    if upload.size is not None and upload.size > limit:
        raise _too_large(upload.size, limit, field)
    upload.seek(0)
    return upload_check(data=upload.read(limit + 1), name=upload.name or "", field=field)


class AttachmentField(forms.FileField):
    """A file field that accepts only what `upload_check` accepts; cleans to a `CheckedUpload`."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label", DEFAULT_FIELD)
        kwargs.setdefault("help_text", ALLOWED_TEXT)
        kwargs.setdefault("widget", forms.ClearableFileInput(attrs={"class": "form-control"}))
        super().__init__(*args, **kwargs)
        accept = ",".join(f".{ext}" for ext in ALLOWED_EXTENSIONS)
        self.widget.attrs.setdefault("accept", accept)

    def clean(self, data: Any, initial: Any = None) -> Any:
        upload = super().clean(data, initial)
        if not upload:
            return upload
        return upload_read(upload, field=self.label)


# --- serving -------------------------------------------------------------------------------------------


def served_type(head: bytes, *, stored_name: str) -> tuple[str, str]:
    """(content type, extension) to serve a stored file with: the type of its extension when its content
    agrees, otherwise ``application/octet-stream`` and ``bin`` (files stored before uploads were checked)."""
    extension = _extension(stored_name)
    expected = ALLOWED_EXTENSIONS.get(extension)
    if expected in (DOCX, XLSX):
        if head[:4] == b"PK\x03\x04":
            return expected, extension
    elif expected is not None:
        kind = filetype.guess(head)
        if kind is not None and kind.mime == expected:
            return expected, extension
    return OCTET_STREAM, "bin"


def _ascii_fallback(name: str) -> str:
    folded = unicodedata.normalize("NFKD", name.replace("đ", "d").replace("Đ", "D"))
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return re.sub(r"[^A-Za-z0-9._ -]", "_", folded)


def attachment_disposition(filename: str) -> str:
    """``Content-Disposition: attachment`` with an ASCII ``filename`` and, for a Vietnamese name, the exact
    name as RFC 5987 ``filename*``."""
    filename = safe_name(filename, _extension(filename) or "bin")
    fallback = _ascii_fallback(filename)
    header = f'attachment; filename="{fallback}"'
    if fallback != filename:
        header += f"; filename*=UTF-8''{quote(filename, safe='')}"
    return header


def download_headers(filename: str) -> dict[str, str]:
    """Headers of every file the application hands out: a download, never rendered by the browser."""
    return {
        "Content-Disposition": attachment_disposition(filename),
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": "default-src 'none'; sandbox",
    }


def upload_response(file: FieldFile, *, filename: str) -> FileResponse:
    """Stream a stored upload as a download. The caller has checked the user may read its record."""
    if not file:
        raise Http404
    try:
        handle = file.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404 from None
    head = handle.read(HEAD_BYTES)
    handle.seek(0)
    content_type, extension = served_type(head, stored_name=file.name or "")
    response = FileResponse(handle, content_type=content_type)
    for header, value in download_headers(safe_name(filename, extension)).items():
        response[header] = value
    patch_cache_control(response, private=True, no_store=True)
    return response
