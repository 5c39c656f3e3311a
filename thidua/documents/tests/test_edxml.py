"""The edXML package of a document: built, read by an independent XML parser, and parsed back."""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
import io
from pathlib import Path

import docx
import pytest
from lxml import etree

from thidua.documents import signing
from thidua.documents.edxml import (
    EDXML_NS,
    VN_TIME,
    EdxmlAttachment,
    EdxmlDocument,
    EdxmlError,
    EdxmlOrgan,
    EdxmlSigner,
    build_edxml,
    code_parts,
    parse_edxml,
)
from thidua.documents.layout import render_docx, render_pdf
from thidua.documents.layout.samples import seed_letter_document
from thidua.documents.pki import make_ca, make_signer

NS = {"e": EDXML_NS}


@pytest.fixture(scope="module")
def files() -> dict[str, bytes]:
    doc = seed_letter_document()
    return {"pdf": render_pdf(doc), "docx": render_docx(doc)}


def _document(files: dict[str, bytes], **changes) -> EdxmlDocument:
    doc = EdxmlDocument(
        document_id="000.00.21.H65-2021-QD-123",
        sender=EdxmlOrgan(
            code="000.00.21.H65", name="Sở Khoa học và Công nghệ", in_charge="UBND tỉnh Yên Bái"
        ),
        receivers=(
            EdxmlOrgan(code="000.00.00.H65", name="Ban Thi đua - Khen thưởng tỉnh"),
            EdxmlOrgan(code="000.01.21.H65", name="Văn phòng Sở & <các phòng>"),
        ),
        code_number="123",
        code_notation="QĐ-SKHCN",
        place="Yên Bái",
        promulgation_date=datetime.date(2021, 12, 28),
        type_code="2",
        type_name="Quyết định",
        subject="Về việc khen thưởng tập thể, cá nhân có thành tích xuất sắc năm 2021",
        signer=EdxmlSigner(full_name="Vũ Xuân Hội", position="GIÁM ĐỐC"),
        content="Quyết định khen thưởng kèm danh sách.",
        attachments=(
            EdxmlAttachment(name="QD-123-SKHCN.pdf", content=files["pdf"], description="Quyết định đã ký số"),
            EdxmlAttachment(
                name="QD-123-SKHCN.docx",
                content=files["docx"],
                content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                description="Bản Word",
            ),
        ),
        to_places=("Như Điều 3;", "Lưu: VT, VP."),
        priority=1,
        page_amount=2,
        due_date=datetime.date(2022, 1, 15),
        sent_at=datetime.datetime(2021, 12, 28, 16, 30, 5, tzinfo=VN_TIME),
    )
    return dataclasses.replace(doc, **changes)


def test_round_trip_keeps_every_field_and_the_attachment_bytes(files):
    doc = _document(files)
    parsed = parse_edxml(build_edxml(doc))
    # Content ids are given on build; everything else comes back as it went in.
    expected = dataclasses.replace(
        doc,
        attachments=tuple(
            dataclasses.replace(a, content_id=f"cid:{i}@thidua")
            for i, a in enumerate(doc.attachments, start=1)
        ),
    )
    assert parsed == expected
    assert parsed.attachments[0].content == files["pdf"]
    assert parsed.attachments[0].sha256 == hashlib.sha256(files["pdf"]).hexdigest()
    assert parsed.number_symbol == "123/QĐ-SKHCN"
    # The Word attachment still opens as the same document.
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(parsed.attachments[1].content)).paragraphs)
    assert "phát động phong trào thi đua" in text


def test_independent_parser_finds_the_required_elements(files):
    root = etree.fromstring(build_edxml(_document(files)))
    assert root.tag == f"{{{EDXML_NS}}}edXML"

    def text(path: str) -> list[str]:
        return [el.text or "" for el in root.xpath(path, namespaces=NS)]

    header = "e:edXMLEnvelope/e:edXMLHeader/e:MessageHeader"
    assert text(f"{header}/e:From/e:OrganId") == ["000.00.21.H65"]
    assert text(f"{header}/e:From/e:OrganName") == ["Sở Khoa học và Công nghệ"]
    assert text(f"{header}/e:To/e:OrganId") == ["000.00.00.H65", "000.01.21.H65"]
    assert text(f"{header}/e:To/e:OrganName")[1] == "Văn phòng Sở & <các phòng>"
    assert text(f"{header}/e:Code/e:CodeNumber") == ["123"]
    assert text(f"{header}/e:Code/e:CodeNotation") == ["QĐ-SKHCN"]
    assert text(f"{header}/e:PromulgationInfo/e:Place") == ["Yên Bái"]
    assert text(f"{header}/e:PromulgationInfo/e:PromulgationDate") == ["2021/12/28"]
    assert text(f"{header}/e:DocumentType/e:TypeName") == ["Quyết định"]
    assert text(f"{header}/e:Subject")[0].startswith("Về việc khen thưởng")
    assert text(f"{header}/e:SignerInfo/e:FullName") == ["Vũ Xuân Hội"]
    assert text(f"{header}/e:SignerInfo/e:Position") == ["GIÁM ĐỐC"]
    assert text("e:edXMLEnvelope/e:edXMLHeader/e:TraceHeaderList/e:TraceHeader/e:Timestamp") == [
        "2021/12/28 16:30:05"
    ]
    refs = root.xpath("e:edXMLEnvelope/e:edXMLBody/e:edXMLManifest/e:Reference", namespaces=NS)
    assert [r.findtext(f"{{{EDXML_NS}}}Description") for r in refs] == ["Quyết định đã ký số", "Bản Word"]
    encoded = root.xpath("e:AttachmentEncoded/e:Attachment/e:ContentTransferEncoded", namespaces=NS)
    assert len(encoded) == 2
    # The message header's children come in the standard's order.
    order = [etree.QName(el).localname for el in root.xpath(header, namespaces=NS)[0]]
    assert order[:4] == ["From", "To", "To", "DocumentId"]
    assert order.index("Code") < order.index("PromulgationInfo") < order.index("DocumentType")
    assert (
        order.index("Subject")
        < order.index("SignerInfo")
        < order.index("OtherInfo")
        < order.index("SteeringType")
    )


def test_signed_pdf_survives_the_package(files, tmp_path):
    ca = make_ca()
    p12 = Path(tmp_path / "s.p12")
    p12.write_bytes(make_signer(ca, "Vũ Xuân Hội").pkcs12(b"pw"))
    signed = signing.sign_pdf(files["pdf"], config=signing.Pkcs12Config(path=p12, passphrase="pw"))
    doc = _document(files, attachments=(EdxmlAttachment(name="QD.pdf", content=signed),))
    [attachment] = parse_edxml(build_edxml(doc)).attachments
    assert attachment.content == signed
    result = signing.verify_pdf(attachment.content, trust_roots=[ca.cert])
    assert result.ok and result.signatures[0].signer_name == "Vũ Xuân Hội"


def test_a_bare_envelope_without_attachments_parses(files):
    doc = _document(files, attachments=(), due_date=None, page_amount=None, sent_at=None)
    root = etree.fromstring(build_edxml(doc))
    envelope = root.find(f"{{{EDXML_NS}}}edXMLEnvelope")
    parsed = parse_edxml(etree.tostring(envelope))
    assert parsed.attachments == () and parsed.due_date is None and parsed.page_amount is None
    assert parsed.sent_at is not None  # stamped on build


def _without(data: bytes, path: str) -> bytes:
    root = etree.fromstring(data)
    for el in root.xpath(path, namespaces=NS):
        el.getparent().remove(el)
    return etree.tostring(root, xml_declaration=True, encoding="utf-8")


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("//e:MessageHeader/e:From", "From"),
        ("//e:MessageHeader/e:To", "To"),
        ("//e:Code/e:CodeNumber", "Code/CodeNumber"),
        ("//e:PromulgationInfo/e:PromulgationDate", "PromulgationInfo/PromulgationDate"),
        ("//e:MessageHeader/e:Subject", "Subject"),
        ("//e:SignerInfo/e:FullName", "FullName"),
    ],
)
def test_missing_required_element_is_refused(files, path, message):
    data = _without(build_edxml(_document(files)), path)
    with pytest.raises(EdxmlError, match=message):
        parse_edxml(data)


def test_attachment_without_content_or_bad_base64_is_refused(files):
    data = build_edxml(_document(files))
    with pytest.raises(EdxmlError, match="không có nội dung"):
        parse_edxml(_without(data, "//e:AttachmentEncoded/e:Attachment[1]"))
    root = etree.fromstring(data)
    root.xpath("//e:ContentTransferEncoded", namespaces=NS)[0].text = "không phải base64!"
    with pytest.raises(EdxmlError, match="base64"):
        parse_edxml(etree.tostring(root))


def test_doctype_and_garbage_are_refused(files):
    bomb = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>'
    with pytest.raises(EdxmlError, match="DOCTYPE"):
        parse_edxml(bomb)
    with pytest.raises(EdxmlError, match="XML"):
        parse_edxml(b"<edXML")
    with pytest.raises(EdxmlError, match="gốc"):
        parse_edxml(b"<other/>")


def test_build_refuses_no_receiver_and_duplicate_content_ids(files):
    with pytest.raises(EdxmlError):
        build_edxml(_document(files, receivers=()))
    twice = EdxmlAttachment(name="a.pdf", content=b"x", content_id="cid:1")
    with pytest.raises(EdxmlError, match="ContentId"):
        build_edxml(_document(files, attachments=(twice, twice)))


def test_code_parts_of_a_number_and_symbol():
    assert code_parts("05/QĐ-SKHCN") == ("05", "QĐ-SKHCN")
    assert code_parts("Số: 123/SKHCN-VP") == ("123", "SKHCN-VP")
    for bad in ("QĐ-SKHCN", "12/", "a/QĐ"):
        with pytest.raises(EdxmlError):
            code_parts(bad)
