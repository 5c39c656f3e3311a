"""Writes for outgoing documents: take a number from the register, issue, render, dispatch, export; and the
office's Word templates.

Every app that issues a document (a movement's launch letter, a review report, later decisions) calls
:func:`document_issue` with a builder that turns the number and symbol into an :class:`OfficialDocument`.

- **E-office dispatch** (:func:`dispatch_edxml`): one edXML package per receiving organ (QCVN 102:2016 structure,
  `edxml.py`) with the stored PDF — for a decision, the signed one — as its attachment, kept on a `Dispatch` with
  its SHA-256. When ``settings.THIDUA_EOFFICE_URL`` names the e-office gateway, each package is posted there by a
  background task after commit (:func:`dispatch_deliver`); without it the package waits, "chờ gửi", for the clerk
  to download it and load it into the e-office client (a closed network), who then marks it sent, acknowledged or
  failed (:func:`dispatch_status_set`).
- **Word templates** (:func:`template_upload`, :func:`template_activate`, :func:`template_use_default`): numbered
  versions per agency and kind, each checked by `word_templates.check_template` against its kind's spec before it
  is kept; one version is active, or none (the built-in layout).
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import re
import urllib.error
import urllib.request
import zipfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any
from xml.etree import ElementTree as ET

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from thidua.audit.services import audit_record, model_snapshot
from thidua.core.registry import TemplateKind, registry
from thidua.core.uploads import content_kind, safe_name
from thidua.documents import edxml
from thidua.documents.formatting import DOC_TYPES, number_symbol, parse_number_symbol
from thidua.documents.layout import OfficialDocument, render_docx, render_pdf
from thidua.documents.word_templates import TemplateError, check_template, render_template
from thidua.organizations.models import Organization

from .models import (
    DISPATCH_TYPE,
    Dispatch,
    DispatchChannel,
    DispatchStatus,
    DocumentTemplate,
    IssuedDocument,
    NumberingRegister,
)
from .selectors import issuer_place

if TYPE_CHECKING:
    from thidua.accounts.models import User

EXPORT_FORMAT_VERSION = "thidua-eoffice-zip/1"
logger = logging.getLogger(__name__)


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


# ---------------------------------------------------------------- e-office dispatch (edXML)

# The document type names of the register's keys (Phụ lục III), for the package's DocumentType/TypeName.
TYPE_NAMES = {abbreviation: name for name, abbreviation in DOC_TYPES.items() if abbreviation} | {
    DISPATCH_TYPE: "Công văn"
}
# An organ's code in the exchange (mã định danh, Decision 20/2020/QĐ-TTg, e.g. "000.00.12.H62"): letters, digits,
# dots, dashes and underscores, as every code seen in use is written.
ORGAN_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
# Where a dispatch may go next by the office's hand (the e-office gateway moves queued → sent or failed itself).
NEXT_STATUS = {
    DispatchStatus.QUEUED: {DispatchStatus.SENT, DispatchStatus.ACKNOWLEDGED, DispatchStatus.FAILED},
    DispatchStatus.SENT: {DispatchStatus.ACKNOWLEDGED, DispatchStatus.FAILED},
    DispatchStatus.FAILED: {DispatchStatus.QUEUED, DispatchStatus.SENT},
    DispatchStatus.ACKNOWLEDGED: set(),
}


@dataclass(frozen=True)
class Receiver:
    """A receiving organ: its name, its code in the exchange, and the organization when it is one of ours."""

    name: str
    code: str
    organization: Organization | None = None


def eoffice_url() -> str | None:
    """The e-office gateway that takes the packages (``settings.THIDUA_EOFFICE_URL``), or None: the packages are
    then only stored, for the clerk to load into the e-office client."""
    url = getattr(settings, "THIDUA_EOFFICE_URL", None)
    return str(url) if url else None


def receivers_check(receivers: Iterable[Receiver | tuple[str, str, Organization | None]]) -> list[Receiver]:
    """The receivers cleaned (name spaces collapsed, code stripped), or ValidationError naming the field of each
    problem: a receiver without a name or a code, a code that cannot be one, the same code twice."""
    cleaned: list[Receiver] = []
    problems: list[str] = []
    seen: set[str] = set()
    for item in receivers:
        receiver = item if isinstance(item, Receiver) else Receiver(*item)
        name = " ".join(str(receiver.name or "").split())
        code = str(receiver.code or "").strip()
        if not name:
            problems.append(
                _("Tên cơ quan nhận: cơ quan có mã “%(code)s” chưa có tên.") % {"code": code or "…"}
            )
        if not code:
            problems.append(
                _(
                    "Mã định danh cơ quan nhận: “%(name)s” chưa có mã định danh (mã của cơ quan trên hệ thống quản "
                    "lý văn bản điện tử), không gửi được."
                )
                % {"name": name or "…"}
            )
        elif not ORGAN_CODE.fullmatch(code):
            problems.append(
                _(
                    "Mã định danh cơ quan nhận: mã “%(code)s” của “%(name)s” không hợp lệ (chỉ gồm chữ không dấu, "
                    "chữ số, dấu chấm, gạch ngang; tối đa 64 ký tự)."
                )
                % {"code": code, "name": name or "…"}
            )
        elif code in seen:
            problems.append(_("Mã định danh cơ quan nhận: mã “%(code)s” có hai lần.") % {"code": code})
        seen.add(code)
        cleaned.append(Receiver(name=name, code=code, organization=receiver.organization))
    if not cleaned and not problems:
        problems.append(_("Cơ quan nhận: chọn hoặc nhập ít nhất một cơ quan."))
    if problems:
        raise ValidationError(problems, code="receivers")
    return cleaned


def document_exchange_id(document: IssuedDocument) -> str:
    """The package's DocumentId: the issuer's code and the document's id here (the same for every receiver)."""
    return f"{document.issuer.code}.thidua.{document.pk}"


def document_signer(document: IssuedDocument) -> edxml.EdxmlSigner:
    """Who signed: the name, position and authority recorded on the document; when the position is not, the
    signature block of the document as its app builds it (the registry's document kinds)."""
    position, competence = document.signer_position, document.signer_competence
    if not position:
        kind = registry.document_kinds.get(document.purpose)
        source = kind.find(str(document.source_id)) if kind is not None else None
        if kind is not None and source is not None:
            signature = kind.build(
                source, number_symbol=document.number_symbol, issued_on=document.issued_on
            ).signature
            position = signature.signer_position or signature.position
            competence = signature.authority or ""
    return edxml.EdxmlSigner(full_name=document.signer_name, position=position, competence=competence)


def _organ(receiver: Receiver | edxml.EdxmlOrgan) -> edxml.EdxmlOrgan:
    if isinstance(receiver, edxml.EdxmlOrgan):
        return receiver
    parent = receiver.organization.parent if receiver.organization is not None else None
    return edxml.EdxmlOrgan(code=receiver.code, name=receiver.name, in_charge=parent.name if parent else "")


def edxml_document(
    document: IssuedDocument,
    *,
    attachment_pdf: bytes,
    receivers: Sequence[Receiver | edxml.EdxmlOrgan],
    type_code: str | None = None,
    type_name: str | None = None,
    signer: edxml.EdxmlSigner | None = None,
    priority: int = 0,
    steering_type: int = 0,
    to_places: Sequence[str] | None = None,
    sent_at: datetime | None = None,
) -> edxml.EdxmlDocument:
    """The exchange's view of an issued document: the issuer's code as sender, the number and symbol split
    (CodeNumber "05", CodeNotation "QĐ-SKHCN"), the issue date and place, the type (by default the Phụ lục III
    abbreviation as code and its name), the abstract as subject, the signer, and the PDF as attachment."""
    try:
        parse_number_symbol(document.number_symbol)
        code_number, code_notation = edxml.code_parts(document.number_symbol)
    except (ValueError, edxml.EdxmlError) as exc:
        raise ValidationError(
            _("Số, ký hiệu của văn bản không đọc được: “%(value)s”.") % {"value": document.number_symbol},
            code="number_symbol",
        ) from exc
    issuer = document.issuer
    parent = issuer.parent if issuer.parent_id else None
    name = type_name or TYPE_NAMES.get(document.doc_type, document.doc_type)
    organs = [_organ(receiver) for receiver in receivers]
    return edxml.EdxmlDocument(
        document_id=document_exchange_id(document),
        sender=edxml.EdxmlOrgan(code=issuer.code, name=issuer.name, in_charge=parent.name if parent else ""),
        receivers=tuple(organs),
        code_number=code_number,
        code_notation=code_notation,
        place=issuer_place(issuer),
        promulgation_date=document.issued_on,
        type_code=type_code or document.doc_type,
        type_name=name,
        subject=document.abstract or f"{name} số {document.number_symbol}",
        signer=signer or document_signer(document),
        attachments=(
            edxml.EdxmlAttachment(
                name=f"{_file_stem(document)}.pdf",
                content=attachment_pdf,
                description=f"{name} số {document.number_symbol}",
            ),
        ),
        to_places=tuple(to_places if to_places is not None else [organ.name for organ in organs]),
        priority=priority,
        steering_type=steering_type,
        sent_at=sent_at,
    )


def edxml_package(document: IssuedDocument, **options: Any) -> bytes:
    """The edXML package (bytes) of :func:`edxml_document` with the same options."""
    return edxml.build_edxml(edxml_document(document, **options))


def _stored_pdf(document: IssuedDocument) -> bytes:
    if not document.pdf:
        raise ValidationError(_("Văn bản chưa có bản PDF để gửi."), code="no_pdf")
    with document.pdf.open("rb") as handle:
        data = handle.read()
    if document.pdf_sha256 and hashlib.sha256(data).hexdigest() != document.pdf_sha256:
        raise ValidationError(
            _("Bản PDF đang lưu không khớp mã băm đã ghi khi ban hành: không gửi bản này."),
            code="pdf_changed",
        )
    return data


def _enqueue_delivery(dispatch_ids: list[int]) -> None:
    from .tasks import deliver_edxml

    for dispatch_id in dispatch_ids:
        deliver_edxml.enqueue(dispatch_id)


def dispatch_edxml(
    *,
    actor: User | None,
    document: IssuedDocument,
    receivers: Iterable[Receiver | tuple[str, str, Organization | None]],
    priority: int = 0,
    type_code: str | None = None,
    at: datetime | None = None,
) -> list[Dispatch]:
    """Make and keep one edXML package per receiver (the document's stored PDF attached) and record each as a
    dispatch by the e-office channel, queued; audited. With ``THIDUA_EOFFICE_URL`` set, each package is posted
    to the gateway by a background task once the transaction commits."""
    checked = receivers_check(receivers)
    with transaction.atomic():
        document = (
            IssuedDocument.objects.select_for_update(of=("self",))
            .select_related("issuer__parent")
            .get(pk=document.pk)
        )
        pdf = _stored_pdf(document)
        when = at or timezone.now()
        names = [receiver.name for receiver in checked]
        created = []
        for receiver in checked:
            data = edxml_package(
                document,
                attachment_pdf=pdf,
                receivers=[receiver],
                to_places=names,
                priority=priority,
                type_code=type_code,
                sent_at=when,
            )
            dispatch = Dispatch(
                document=document,
                recipient=receiver.name[:255],
                organization=receiver.organization,
                channel=DispatchChannel.EOFFICE,
                sent_at=when,
                sent_by=actor if getattr(actor, "is_authenticated", False) else None,
                receiver_code=receiver.code,
                package_sha256=hashlib.sha256(data).hexdigest(),
                status=DispatchStatus.QUEUED,
                status_at=when,
            )
            dispatch.package.save(
                f"{_file_stem(document)}-{receiver.code}.edxml", ContentFile(data), save=False
            )
            dispatch.save()
            created.append(dispatch)
        audit_record(
            action="dispatch_edxml",
            instance=document,
            after={
                "receivers": [[d.recipient, d.receiver_code, d.package_sha256] for d in created],
                "pdf_sha256": hashlib.sha256(pdf).hexdigest(),
                "at": when.isoformat(),
                "gateway": bool(eoffice_url()),
            },
            actor=actor,
        )
        if eoffice_url():
            ids = [d.pk for d in created]
            transaction.on_commit(lambda: _enqueue_delivery(ids))
    return created


@transaction.atomic
def dispatch_status_set(*, actor: User | None, dispatch: Dispatch, status: str, note: str = "") -> Dispatch:
    """The office records what became of a package: sent (loaded into the e-office client by hand),
    acknowledged by the receiving organ, failed (with the reason), or queued again for the gateway."""
    row = Dispatch.objects.select_for_update().get(pk=dispatch.pk)
    if row.channel != DispatchChannel.EOFFICE or not row.package:
        raise ValidationError(
            _("Chỉ theo dõi trạng thái của gói gửi qua hệ thống quản lý văn bản điện tử."), code="channel"
        )
    if status not in DispatchStatus.values:
        raise ValidationError({"status": _("Trạng thái không hợp lệ.")}, code="status")
    target = DispatchStatus(status)
    if target not in NEXT_STATUS[DispatchStatus(row.status)]:
        raise ValidationError(
            _("Gói đang ở trạng thái “%(current)s”, không chuyển sang “%(target)s” được.")
            % {"current": row.get_status_display(), "target": target.label},
            code="transition",
        )
    note = " ".join(str(note or "").split())[:500]
    if target == DispatchStatus.FAILED and not note:
        raise ValidationError({"note": _("Ghi lý do gửi không thành công.")}, code="note")
    before = {"status": row.status, "status_note": row.status_note}
    now = timezone.now()
    row.status, row.status_note, row.status_at = target, note, now
    fields = ["status", "status_note", "status_at"]
    if target == DispatchStatus.SENT:
        row.sent_at = now
        fields.append("sent_at")
    row.save(update_fields=fields)
    audit_record(
        action=f"dispatch.{target.value}",
        instance=row,
        before=before,
        after={"status": row.status, "status_note": row.status_note},
        actor=actor,
    )
    if target == DispatchStatus.QUEUED and eoffice_url():
        transaction.on_commit(lambda: _enqueue_delivery([row.pk]))
    return row


def _gateway_post(url: str, data: bytes, *, sha256: str, receiver: str) -> tuple[str, str]:
    """Post one package to the gateway: (status, note)."""
    if not url.startswith(("https://", "http://")):
        return DispatchStatus.FAILED, _("Địa chỉ cổng e-office không hợp lệ (cần http:// hoặc https://).")
    headers = {
        "Content-Type": "application/xml; charset=utf-8",
        "X-Edxml-Sha256": sha256,
        "X-Edxml-Receiver": receiver,
    }
    token = getattr(settings, "THIDUA_EOFFICE_TOKEN", None)
    if token:
        headers["Authorization"] = f"Bearer {token}"
    request = urllib.request.Request(url, data=data, headers=headers, method="POST")
    timeout = float(getattr(settings, "THIDUA_EOFFICE_TIMEOUT", 30))
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return DispatchStatus.SENT, _("Cổng e-office đã nhận gói (HTTP %(code)s).") % {
                "code": response.status
            }
    except urllib.error.HTTPError as exc:
        return DispatchStatus.FAILED, _("Cổng e-office từ chối gói (HTTP %(code)s): %(reason)s") % {
            "code": exc.code,
            "reason": exc.reason,
        }
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        return DispatchStatus.FAILED, _("Không gửi được tới cổng e-office: %(reason)s") % {"reason": reason}


def dispatch_deliver(dispatch_id: int) -> str:
    """Post a queued package to ``THIDUA_EOFFICE_URL`` (the body of the background task) and record the answer:
    sent on a 2xx answer, failed with the reason otherwise. A package no longer queued is left as it is."""
    url = eoffice_url()
    row = Dispatch.objects.get(pk=dispatch_id)
    if url is None or row.status != DispatchStatus.QUEUED:
        return row.status
    with row.package.open("rb") as handle:
        data = handle.read()
    status, note = _gateway_post(url, data, sha256=row.package_sha256, receiver=row.receiver_code)
    with transaction.atomic():
        row = Dispatch.objects.select_for_update().get(pk=dispatch_id)
        if row.status != DispatchStatus.QUEUED:
            return row.status
        now = timezone.now()
        row.status, row.status_note, row.status_at = status, note[:500], now
        fields = ["status", "status_note", "status_at"]
        if status == DispatchStatus.SENT:
            row.sent_at = now
            fields.append("sent_at")
        row.save(update_fields=fields)
        audit_record(
            action=f"dispatch.{status}",
            instance=row,
            before={"status": DispatchStatus.QUEUED},
            after={"status": row.status, "status_note": row.status_note, "gateway": url},
            actor=None,
        )
    if status == DispatchStatus.FAILED:
        logger.warning("edXML dispatch %s failed: %s", dispatch_id, note)
    return row.status


# ---------------------------------------------------------------- Word templates


def template_max_bytes() -> int:
    """The largest template accepted (``THIDUA_TEMPLATE_MAX_BYTES``, default 5 MB: a letterhead picture or two)."""
    return int(getattr(settings, "THIDUA_TEMPLATE_MAX_BYTES", 5 * 1024 * 1024))


def template_max_uncompressed() -> int:
    """What a template may unpack to (the Word parts are read into memory to check and render it)."""
    return int(getattr(settings, "THIDUA_TEMPLATE_MAX_UNCOMPRESSED", 50 * 1024 * 1024))


def template_kind_get(key: str) -> TemplateKind:
    """The kind of template `key` a domain app registered; LookupError when none did."""
    kind = registry.template_kind_map.get(key)
    if kind is None:
        raise LookupError(key)
    return kind


def _unpacked_size(data: bytes) -> int | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError):
        return None


def template_problems(*, data: bytes, kind: TemplateKind) -> list[str]:
    """Why `data` cannot be a template of `kind` (empty when it can): size, a Word package, then everything
    `word_templates.check_template` refuses (missing or unknown fields, syntax, paper, macros, a trial rendering
    with the kind's samples)."""
    limit = template_max_bytes()
    if len(data) > limit:
        return [
            _("Tệp quá lớn (%(size)s MB); tối đa %(max)s MB.")
            % {
                "size": number_format(len(data) / 1024 / 1024, 1),
                "max": number_format(limit / 1024 / 1024, 0),
            }
        ]
    if not data:
        return [_("Tệp rỗng.")]
    unpacked = _unpacked_size(data)
    if unpacked is not None and unpacked > template_max_uncompressed():
        return [
            _("Tệp giải nén ra quá lớn (%(size)s MB), không phải một mẫu văn bản thông thường.")
            % {"size": number_format(unpacked / 1024 / 1024, 0)}
        ]
    kind_of_content = content_kind(data)
    if kind_of_content is None or kind_of_content[1] != "docx":
        return [_("Tệp không phải tài liệu Word (.docx).")]
    return list(check_template(data, kind.spec).problems)


@transaction.atomic
def template_upload(
    *, actor: User | None, agency: Organization, kind: str, data: bytes, name: str = "", note: str = ""
) -> DocumentTemplate:
    """Keep `data` as the next version of the agency's template of `kind`, active from now; ValidationError on the
    ``file`` field with every reason it cannot be used."""
    template_kind = template_kind_get(kind)
    problems = template_problems(data=data, kind=template_kind)
    if problems:
        raise ValidationError({"file": problems}, code="template")
    # One upload or activation of an agency's templates at a time: versions without gaps, one active.
    Organization.objects.select_for_update().filter(pk=agency.pk).first()
    versions = DocumentTemplate.objects.filter(agency=agency, kind=kind)
    last = versions.aggregate(last=models.Max("version"))["last"] or 0
    previous = versions.filter(active=True).first()
    versions.filter(active=True).update(active=False)
    template = DocumentTemplate(
        agency=agency,
        kind=kind,
        version=last + 1,
        original_name=safe_name(name or "mau.docx", "docx")[:255],
        sha256=hashlib.sha256(data).hexdigest(),
        uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
        active=True,
        note=" ".join(note.split())[:500],
    )
    template.file.save(f"{kind}-v{template.version}.docx", ContentFile(data), save=False)
    template.save()
    audit_record(
        action="upload",
        instance=template,
        after={**model_snapshot(template), "replaces_version": previous.version if previous else None},
        actor=actor,
    )
    return template


@transaction.atomic
def template_activate(*, actor: User | None, template: DocumentTemplate) -> DocumentTemplate:
    """Use an earlier (or the current) version again."""
    Organization.objects.select_for_update().filter(pk=template.agency_id).first()
    row = DocumentTemplate.objects.get(pk=template.pk)
    versions = DocumentTemplate.objects.filter(agency_id=row.agency_id, kind=row.kind)
    previous = versions.filter(active=True).first()
    versions.filter(active=True).exclude(pk=row.pk).update(active=False)
    DocumentTemplate.objects.filter(pk=row.pk).update(active=True)
    row.active = True
    audit_record(
        action="activate",
        instance=row,
        before={"active_version": previous.version if previous else None},
        after={"active_version": row.version},
        actor=actor,
    )
    return row


@transaction.atomic
def template_use_default(*, actor: User | None, agency: Organization, kind: str) -> DocumentTemplate:
    """Go back to the built-in layout for `kind` (the uploaded versions stay, to be used again)."""
    Organization.objects.select_for_update().filter(pk=agency.pk).first()
    current = DocumentTemplate.objects.filter(agency=agency, kind=kind, active=True).first()
    if current is None:
        raise ValidationError(_("Cơ quan đang dùng mẫu mặc định."), code="already_default")
    DocumentTemplate.objects.filter(pk=current.pk).update(active=False)
    current.active = False
    audit_record(
        action="use_default",
        instance=current,
        before={"active_version": current.version},
        after={"active_version": None},
        actor=actor,
    )
    return current


def template_bytes(template: DocumentTemplate) -> bytes:
    """The stored file of a version, checked against the SHA-256 recorded when it was uploaded."""
    with template.file.open("rb") as handle:
        data = handle.read()
    if hashlib.sha256(data).hexdigest() != template.sha256:
        raise TemplateError(
            [
                _("Tệp mẫu phiên bản %(version)s đã bị thay đổi sau khi tải lên.")
                % {"version": template.version}
            ]
        )
    return data


def template_render(template: DocumentTemplate, context: Mapping[str, Any]) -> bytes:
    """The .docx made from a stored version with `context` (`word_templates.render_template`)."""
    return render_template(template_bytes(template), context)
