"""Writes for outgoing documents: take a number from the register, issue, render, dispatch, export.

Every app that issues a document (a movement's launch letter, a review report, later decisions) calls
:func:`document_issue` with a builder that turns the number and symbol into an :class:`OfficialDocument`.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any
from xml.etree import ElementTree as ET

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.audit.services import audit_record, model_snapshot
from thidua.documents.formatting import DOC_TYPES, number_symbol
from thidua.documents.layout import OfficialDocument, render_docx, render_pdf
from thidua.organizations.models import Organization

from .models import DISPATCH_TYPE, Dispatch, DispatchChannel, IssuedDocument, NumberingRegister

if TYPE_CHECKING:
    from thidua.accounts.models import User

EXPORT_FORMAT_VERSION = "thidua-eoffice-zip/1"


def register_key(doc_type: str | None) -> str:
    """The register's document type key: the Phụ lục III abbreviation, or ``CV`` for a Công văn."""
    if doc_type is None or doc_type == "Công văn":
        return DISPATCH_TYPE
    abbreviation = DOC_TYPES.get(doc_type, doc_type)
    if abbreviation not in {a for a in DOC_TYPES.values() if a}:
        raise ValueError(f"unknown document type {doc_type!r}")
    return abbreviation


@transaction.atomic
def register_next_number(*, issuer: Organization, doc_type: str | None, on: date) -> int:
    """Take the next number of ``issuer``'s register for ``doc_type`` in the year of ``on``.

    Numbers restart at 1 each 1 January because the year is part of the register's key. The row is locked
    (``select_for_update``) so that concurrent issuers wait for each other instead of sharing a number.
    """
    key = register_key(doc_type)
    register = _locked_register(issuer=issuer, key=key, year=on.year)
    register.last_number += 1
    register.save(update_fields=["last_number"])
    return register.last_number


def _locked_register(*, issuer: Organization, key: str, year: int) -> NumberingRegister:
    qs = NumberingRegister.objects.select_for_update()
    register = qs.filter(issuer=issuer, doc_type=key, year=year).first()
    if register is not None:
        return register
    try:
        with transaction.atomic():  # a savepoint: another issuer may create the row at the same moment
            NumberingRegister.objects.create(issuer=issuer, doc_type=key, year=year, last_number=0)
    except IntegrityError:
        pass
    return qs.get(issuer=issuer, doc_type=key, year=year)


@transaction.atomic
def register_set_start(*, issuer: Organization, doc_type: str | None, year: int, last_number: int) -> None:
    """Record numbers already given outside the system this year (e.g. on paper before go-live)."""
    register = _locked_register(issuer=issuer, key=register_key(doc_type), year=year)
    if last_number < register.last_number:
        raise ValueError("a register never goes back")
    register.last_number = last_number
    register.save(update_fields=["last_number"])


def issuer_symbol(issuer: Organization) -> str:
    symbol = issuer.symbol or issuer.short_name or issuer.code
    return "".join(ch for ch in symbol if ch.isalnum())


@transaction.atomic
def document_issue(
    *,
    actor: User | None,
    issuer: Organization,
    doc_type: str | None,
    issued_on: date,
    purpose: str,
    source: models.Model,
    build: Callable[[str], OfficialDocument],
    drafting_unit: str | None = None,
    render: bool = False,
) -> IssuedDocument:
    """Number and record a document. ``build(number_symbol)`` gives its content; with ``render`` the DOCX
    and PDF are stored now (otherwise on the first download or export)."""
    number = register_next_number(issuer=issuer, doc_type=doc_type, on=issued_on)
    symbol = number_symbol(
        number=number,
        doc_type=None if register_key(doc_type) == DISPATCH_TYPE else register_key(doc_type),
        issuer=issuer_symbol(issuer),
        drafting_unit=drafting_unit or None,
    )
    content = build(symbol)
    document = IssuedDocument.objects.create(
        issuer=issuer,
        doc_type=register_key(doc_type),
        year=issued_on.year,
        number=number,
        number_symbol=symbol,
        issued_on=issued_on,
        abstract=(content.abstract or "")[:500],
        purpose=purpose,
        source_type=source._meta.label_lower,
        source_id=source.pk,
        signer_name=content.signature.name,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    if render:
        document_store_files(document=document, content=content)
    audit_record(
        action="issue",
        instance=document,
        after=model_snapshot(document, exclude=("pdf", "docx")),
        actor=actor,
    )
    return document


def _file_stem(document: IssuedDocument) -> str:
    return document.number_symbol.replace("/", "-")


def document_store_files(*, document: IssuedDocument, content: OfficialDocument) -> IssuedDocument:
    """Render and keep the DOCX and PDF of an issued document (the PDF is the copy that is dispatched)."""
    pdf_bytes = render_pdf(content)
    docx_bytes = render_docx(content)
    document.pdf.save(f"{_file_stem(document)}.pdf", ContentFile(pdf_bytes), save=False)
    document.docx.save(f"{_file_stem(document)}.docx", ContentFile(docx_bytes), save=False)
    document.pdf_sha256 = hashlib.sha256(pdf_bytes).hexdigest()
    document.save(update_fields=["pdf", "docx", "pdf_sha256"])
    return document


@dataclass(frozen=True)
class DispatchLine:
    recipient: str
    channel: str
    organization: Organization | None = None


@transaction.atomic
def dispatch_send(
    *, actor: User | None, document: IssuedDocument, lines: Iterable[DispatchLine], at: datetime | None = None
) -> list[Dispatch]:
    """Record that the document went to each recipient, by its channel, at ``at`` (now by default)."""
    document = IssuedDocument.objects.select_for_update().get(pk=document.pk)
    when = at or timezone.now()
    created = []
    for line in lines:
        if line.channel not in DispatchChannel.values:  # refused at the door since; a message, not a crash
            raise ValidationError(
                _("Nơi nhận “%(recipient)s” có hình thức gửi không hợp lệ (“%(channel)s”).")
                % {"recipient": line.recipient, "channel": line.channel},
                code="bad_channel",
            )
        dispatch = Dispatch.objects.create(
            document=document,
            recipient=line.recipient,
            organization=line.organization,
            channel=line.channel,
            sent_at=when,
            sent_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        created.append(dispatch)
    audit_record(
        action="dispatch",
        instance=document,
        after={"recipients": [[d.recipient, d.channel] for d in created], "at": when.isoformat()},
        actor=actor,
    )
    return created


def export_metadata(document: IssuedDocument, pdf_bytes: bytes) -> dict[str, Any]:
    """The metadata written beside the PDF in the e-office ZIP (see docs/movements.md, "E-office export")."""
    dispatches = list(document.dispatches.all())
    return {
        "format": EXPORT_FORMAT_VERSION,
        "document": {
            "issuer_code": document.issuer.code,
            "issuer_name": document.issuer.name,
            "doc_type": document.doc_type,
            "number": document.number,
            "number_symbol": document.number_symbol,
            "issued_on": document.issued_on.isoformat(),
            "year": document.year,
            "abstract": document.abstract,
            "signer_name": document.signer_name,
            "purpose": document.purpose,
        },
        "file": {
            "name": "document.pdf",
            "media_type": "application/pdf",
            "sha256": hashlib.sha256(pdf_bytes).hexdigest(),
            "size": len(pdf_bytes),
        },
        "recipients": [
            {
                "recipient": d.recipient,
                "organization_code": d.organization.code if d.organization is not None else None,
                "channel": d.channel,
                "sent_at": d.sent_at.isoformat(),
            }
            for d in dispatches
        ],
    }


def _metadata_xml(meta: dict[str, Any]) -> bytes:
    root = ET.Element("EofficeDocument", {"format": meta["format"]})
    doc = ET.SubElement(root, "Document")
    for key, value in meta["document"].items():
        ET.SubElement(doc, key).text = "" if value is None else str(value)
    file_el = ET.SubElement(root, "File")
    for key, value in meta["file"].items():
        ET.SubElement(file_el, key).text = str(value)
    recipients = ET.SubElement(root, "Recipients")
    for recipient in meta["recipients"]:
        el = ET.SubElement(recipients, "Recipient")
        for key, value in recipient.items():
            ET.SubElement(el, key).text = "" if value is None else str(value)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def eoffice_export(*, document: IssuedDocument, content: OfficialDocument | None = None) -> bytes:
    """A ZIP for e-office systems: ``document.pdf``, ``metadata.json``, ``metadata.xml`` and ``SHA256SUMS``.

    The PDF is the stored copy (rendered and stored first if needed, from ``content``).
    """
    if not document.pdf:
        if content is None:
            raise ValueError("the document has no stored PDF; pass its content to render it")
        document_store_files(document=document, content=content)
    with document.pdf.open("rb") as handle:
        pdf_bytes = handle.read()
    meta = export_metadata(document, pdf_bytes)
    meta_json = json.dumps(meta, ensure_ascii=False, indent=2).encode("utf-8")
    meta_xml = _metadata_xml(meta)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        files = {"document.pdf": pdf_bytes, "metadata.json": meta_json, "metadata.xml": meta_xml}
        for name, data in files.items():
            archive.writestr(name, data)
        sums = "".join(f"{hashlib.sha256(data).hexdigest()}  {name}\n" for name, data in files.items())
        archive.writestr("SHA256SUMS", sums)
    return buffer.getvalue()
