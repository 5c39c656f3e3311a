"""edXML: the package in which e-office systems exchange a document (QCVN 102:2016/BTTTT structure).

Built from plain data classes (no domain model) and parsed back. One XML file carries the envelope (header with
sender, receivers, number and symbol, promulgation place and date, type, subject, signer; body with the manifest of
attachments) and the attachments themselves, base64-encoded, in an ``AttachmentEncoded`` section beside the
envelope, as the exchange gateways of the Government Office do. What of the standard could not be confirmed is in
docs/documents-signing.md ("edXML").
"""

from __future__ import annotations

import base64
import binascii
import datetime
import hashlib
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _

__all__ = [
    "EDXML_NS",
    "EdxmlAttachment",
    "EdxmlDocument",
    "EdxmlError",
    "EdxmlOrgan",
    "EdxmlSigner",
    "build_edxml",
    "code_parts",
    "parse_edxml",
]

EDXML_NS = "http://www.mic.gov.vn/TBT/QCVN_102_2016"
_Q = f"{{{EDXML_NS}}}"
DATE_FORMAT = "%Y/%m/%d"
TIMESTAMP_FORMAT = "%Y/%m/%d %H:%M:%S"  # Vietnam time, no zone in the text
VN_TIME = ZoneInfo("Asia/Ho_Chi_Minh")

ET.register_namespace("edXML", EDXML_NS)


class EdxmlError(ValueError):
    """A package that is not a readable edXML document (the message says what is wrong, in Vietnamese)."""


@dataclass(frozen=True)
class EdxmlOrgan:
    """A sending or receiving organ: its code in the exchange (mã định danh, QCVN 102/Decision 20/2020) and name."""

    code: str
    name: str
    in_charge: str = ""  # the organ in charge (cơ quan chủ quản)
    address: str = ""
    email: str = ""
    telephone: str = ""
    website: str = ""


@dataclass(frozen=True)
class EdxmlSigner:
    full_name: str
    position: str = ""  # "GIÁM ĐỐC"
    competence: str = ""  # the signing authority: "TM.", "KT.", "Q.", "TL.", "TUQ." or "" for the head


@dataclass(frozen=True)
class EdxmlAttachment:
    name: str  # the file name, e.g. "QD-123-SKHCN.pdf"
    content: bytes = field(repr=False)
    content_type: str = "application/pdf"
    description: str = ""
    content_id: str = ""  # set on build when empty: "cid:<n>@thidua"

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


@dataclass(frozen=True)
class EdxmlDocument:
    """A document as the exchange sees it."""

    document_id: str  # unique across the exchange (the sender's id of the document)
    sender: EdxmlOrgan
    receivers: tuple[EdxmlOrgan, ...]
    code_number: str  # "123" (số)
    code_notation: str  # "QĐ-SKHCN" (ký hiệu)
    place: str
    promulgation_date: datetime.date
    type_code: str  # the document type's code in the exchange's list
    type_name: str  # "Quyết định"
    subject: str  # trích yếu
    signer: EdxmlSigner
    content: str = ""
    attachments: tuple[EdxmlAttachment, ...] = ()
    to_places: tuple[str, ...] = ()  # "Nơi nhận" lines
    priority: int = 0  # 0 normal, 1 urgent (khẩn), 2 very urgent (thượng khẩn), 3 express (hỏa tốc)
    page_amount: int | None = None
    due_date: datetime.date | None = None
    steering_type: int = 0  # 0: not a steering document
    sent_at: datetime.datetime | None = (
        None  # the TraceHeader timestamp (written in Vietnam time, to the second)
    )

    @property
    def number_symbol(self) -> str:
        return f"{self.code_number}/{self.code_notation}"


def code_parts(number_symbol: str) -> tuple[str, str]:
    """``CodeNumber`` and ``CodeNotation`` of a "số, ký hiệu": ``"05/QĐ-SKHCN"`` → ``("05", "QĐ-SKHCN")``."""
    number, slash, notation = number_symbol.strip().removeprefix("Số:").strip().partition("/")
    if not slash or not number.isdigit() or not notation:
        raise EdxmlError(_("Số, ký hiệu không hợp lệ: {value}").format(value=number_symbol))
    return number, notation


def _sub(parent: ET.Element, tag: str, text: str | None = None) -> ET.Element:
    el = ET.SubElement(parent, _Q + tag)
    if text is not None:
        el.text = text
    return el


def _organ(parent: ET.Element, tag: str, organ: EdxmlOrgan) -> None:
    el = _sub(parent, tag)
    _sub(el, "OrganId", organ.code)
    _sub(el, "OrganizationInCharge", organ.in_charge)
    _sub(el, "OrganName", organ.name)
    _sub(el, "OrganAdd", organ.address)
    _sub(el, "Email", organ.email)
    _sub(el, "Telephone", organ.telephone)
    _sub(el, "Website", organ.website)


def _content_ids(doc: EdxmlDocument) -> list[str]:
    ids = [a.content_id or f"cid:{i}@thidua" for i, a in enumerate(doc.attachments, start=1)]
    if len(set(ids)) != len(ids):
        raise EdxmlError(_("Hai tệp đính kèm trùng mã nội dung (ContentId)."))
    return ids


def build_edxml(doc: EdxmlDocument) -> bytes:
    """The edXML package of ``doc`` as UTF-8 bytes (an XML declaration first)."""
    if not doc.receivers:
        raise EdxmlError(_("Gói edXML cần ít nhất một cơ quan nhận."))
    content_ids = _content_ids(doc)
    root = ET.Element(_Q + "edXML")
    envelope = _sub(root, "edXMLEnvelope")
    header = _sub(envelope, "edXMLHeader")
    message = _sub(header, "MessageHeader")
    _organ(message, "From", doc.sender)
    for receiver in doc.receivers:
        _organ(message, "To", receiver)
    _sub(message, "DocumentId", doc.document_id)
    code = _sub(message, "Code")
    _sub(code, "CodeNumber", doc.code_number)
    _sub(code, "CodeNotation", doc.code_notation)
    promulgation = _sub(message, "PromulgationInfo")
    _sub(promulgation, "Place", doc.place)
    _sub(promulgation, "PromulgationDate", doc.promulgation_date.strftime(DATE_FORMAT))
    doc_type = _sub(message, "DocumentType")
    _sub(doc_type, "Type", doc.type_code)
    _sub(doc_type, "TypeName", doc.type_name)
    _sub(message, "Subject", doc.subject)
    _sub(message, "Content", doc.content)
    signer = _sub(message, "SignerInfo")
    _sub(signer, "Competence", doc.signer.competence)
    _sub(signer, "Position", doc.signer.position)
    _sub(signer, "FullName", doc.signer.full_name)
    if doc.due_date is not None:
        _sub(message, "DueDate", doc.due_date.strftime(DATE_FORMAT))
    places = _sub(message, "ToPlaces")
    for place in doc.to_places:
        _sub(places, "Place", place)
    other = _sub(message, "OtherInfo")
    _sub(other, "Priority", str(doc.priority))
    if doc.page_amount is not None:
        _sub(other, "PageAmount", str(doc.page_amount))
    _sub(message, "SteeringType", str(doc.steering_type))
    trace_list = _sub(header, "TraceHeaderList")
    trace = _sub(trace_list, "TraceHeader")
    _sub(trace, "OrganId", doc.sender.code)
    sent_at = (doc.sent_at or datetime.datetime.now(VN_TIME)).astimezone(VN_TIME)
    _sub(trace, "Timestamp", sent_at.strftime(TIMESTAMP_FORMAT))
    body = _sub(envelope, "edXMLBody")
    manifest = _sub(body, "edXMLManifest")
    manifest.set("version", "1.0")
    encoded = _sub(root, "AttachmentEncoded")
    for attachment, content_id in zip(doc.attachments, content_ids, strict=True):
        reference = _sub(manifest, "Reference")
        _sub(reference, "ContentId", content_id)
        _sub(reference, "ContentType", attachment.content_type)
        _sub(reference, "AttachmentName", attachment.name)
        _sub(reference, "Description", attachment.description)
        item = _sub(encoded, "Attachment")
        _sub(item, "ContentId", content_id)
        _sub(item, "AttachmentName", attachment.name)
        _sub(item, "ContentType", attachment.content_type)
        _sub(item, "ContentTransferEncoded", base64.b64encode(attachment.content).decode("ascii"))
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


# -- parsing -------------------------------------------------------------------------------------------------------


def _find(parent: ET.Element, path: str) -> ET.Element:
    el = parent.find("/".join(_Q + part for part in path.split("/")))
    if el is None:
        raise EdxmlError(_("Gói edXML thiếu phần tử bắt buộc {name}.").format(name=path))
    return el


def _text(parent: ET.Element, path: str, *, required: bool = True) -> str:
    el = parent.find("/".join(_Q + part for part in path.split("/")))
    text = (el.text or "").strip() if el is not None else ""
    if required and not text:
        raise EdxmlError(_("Gói edXML thiếu giá trị bắt buộc {name}.").format(name=path))
    return text


def _date(text: str, name: str) -> datetime.date:
    for fmt in (DATE_FORMAT, "%Y-%m-%d"):
        try:
            return datetime.datetime.strptime(text, fmt).replace(tzinfo=VN_TIME).date()
        except ValueError:
            continue
    raise EdxmlError(_("Ngày không hợp lệ trong {name}: {value}").format(name=name, value=text))


def _read_organ(el: ET.Element) -> EdxmlOrgan:
    return EdxmlOrgan(
        code=_text(el, "OrganId"),
        name=_text(el, "OrganName"),
        in_charge=_text(el, "OrganizationInCharge", required=False),
        address=_text(el, "OrganAdd", required=False),
        email=_text(el, "Email", required=False),
        telephone=_text(el, "Telephone", required=False),
        website=_text(el, "Website", required=False),
    )


def _int(text: str, name: str, default: int | None) -> int | None:
    if not text:
        return default
    try:
        return int(text)
    except ValueError as exc:
        raise EdxmlError(
            _("Giá trị số không hợp lệ trong {name}: {value}").format(name=name, value=text)
        ) from exc


def parse_edxml(data: bytes) -> EdxmlDocument:
    """Read a package made by :func:`build_edxml` (or by another system in the same structure).

    Refuses, with :class:`EdxmlError`: XML with a DOCTYPE (entity expansion), a missing required element, an
    attachment in the manifest without content or with content that is not base64.
    """
    lowered = data.lower()
    if b"<!doctype" in lowered or b"<!entity" in lowered:
        raise EdxmlError(_("Gói edXML không được chứa khai báo DOCTYPE hoặc ENTITY."))
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise EdxmlError(_("Gói edXML không phải XML hợp lệ: {error}").format(error=exc)) from exc
    if root.tag == _Q + "edXMLEnvelope":
        envelope, encoded = root, None
    elif root.tag == _Q + "edXML":
        envelope, encoded = _find(root, "edXMLEnvelope"), root.find(_Q + "AttachmentEncoded")
    else:
        raise EdxmlError(_("Không phải gói edXML (phần tử gốc {tag}).").format(tag=root.tag))
    message = _find(envelope, "edXMLHeader/MessageHeader")
    receivers = tuple(_read_organ(el) for el in message.findall(_Q + "To"))
    if not receivers:
        raise EdxmlError(_("Gói edXML thiếu phần tử bắt buộc {name}.").format(name="To"))
    signer_el = _find(message, "SignerInfo")
    due = _text(message, "DueDate", required=False)
    timestamp = _text(envelope, "edXMLHeader/TraceHeaderList/TraceHeader/Timestamp", required=False)
    sent_at = None
    if timestamp:
        try:
            sent_at = datetime.datetime.strptime(timestamp, TIMESTAMP_FORMAT).replace(tzinfo=VN_TIME)
        except ValueError:
            sent_at = None
    contents: dict[str, ET.Element] = {}
    if encoded is not None:
        for encoded_item in encoded.findall(_Q + "Attachment"):
            contents[_text(encoded_item, "ContentId")] = encoded_item
    attachments = []
    for reference in envelope.findall(f"{_Q}edXMLBody/{_Q}edXMLManifest/{_Q}Reference"):
        content_id = _text(reference, "ContentId")
        name = _text(reference, "AttachmentName")
        item = contents.get(content_id)
        if item is None:
            raise EdxmlError(_("Tệp đính kèm {name} không có nội dung trong gói.").format(name=name))
        try:
            content = base64.b64decode(_text(item, "ContentTransferEncoded", required=False), validate=True)
        except (binascii.Error, ValueError) as exc:
            raise EdxmlError(_("Nội dung tệp đính kèm {name} không phải base64.").format(name=name)) from exc
        attachments.append(
            EdxmlAttachment(
                name=name,
                content=content,
                content_type=_text(reference, "ContentType", required=False) or "application/octet-stream",
                description=_text(reference, "Description", required=False),
                content_id=content_id,
            )
        )
    return EdxmlDocument(
        document_id=_text(message, "DocumentId"),
        sender=_read_organ(_find(message, "From")),
        receivers=receivers,
        code_number=_text(message, "Code/CodeNumber"),
        code_notation=_text(message, "Code/CodeNotation"),
        place=_text(message, "PromulgationInfo/Place", required=False),
        promulgation_date=_date(_text(message, "PromulgationInfo/PromulgationDate"), "PromulgationDate"),
        type_code=_text(message, "DocumentType/Type", required=False),
        type_name=_text(message, "DocumentType/TypeName"),
        subject=_text(message, "Subject"),
        signer=EdxmlSigner(
            full_name=_text(signer_el, "FullName"),
            position=_text(signer_el, "Position", required=False),
            competence=_text(signer_el, "Competence", required=False),
        ),
        content=_text(message, "Content", required=False),
        attachments=tuple(attachments),
        to_places=tuple((el.text or "").strip() for el in message.findall(f"{_Q}ToPlaces/{_Q}Place")),
        priority=_int(_text(message, "OtherInfo/Priority", required=False), "Priority", 0) or 0,
        page_amount=_int(_text(message, "OtherInfo/PageAmount", required=False), "PageAmount", None),
        due_date=_date(due, "DueDate") if due else None,
        steering_type=_int(_text(message, "SteeringType", required=False), "SteeringType", 0) or 0,
        sent_at=sent_at,
    )
