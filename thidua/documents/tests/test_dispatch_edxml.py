"""Sending an issued document as edXML packages: each package, read back with `parse_edxml`, carries the document's
number, symbol, date, subject, signer, the sender's and the receiver's codes, and the signed PDF byte for byte
(its signature still verifies); a receiver without a code is refused naming the field; packages wait ("chờ gửi")
without a gateway and are posted to it when one is configured (a real HTTP server on the loopback here); the
office records their fate; another agency sees none of it."""

from __future__ import annotations

import hashlib
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from thidua.audit.models import AuditEvent
from thidua.decisions import services as decision_services
from thidua.decisions.models import DecisionStatus
from thidua.decisions.tests import factories as f
from thidua.documents import services, signing
from thidua.documents.edxml import parse_edxml
from thidua.documents.models import Dispatch, DispatchChannel, DispatchStatus, IssuedDocument

pytestmark = pytest.mark.django_db

COUNCIL_OFFICE = ("Ban Thi đua – Khen thưởng tỉnh", "000.00.31.H62", None)


@pytest.fixture
def cast(org_tree):
    return f.cast(org_tree)


@pytest.fixture
def signed(org_tree, cast):
    """An award decision of the agency signed by its head (demo signer): its issued document holds the signed PDF."""
    decision = f.draft(
        cast["officer"],
        org_tree["agency"],
        [("GIAY_KHEN", cast["awardee"]), ("TTLDTT", org_tree["div_b"])],
    )
    return f.drive(decision, DecisionStatus.SIGNED, cast)


def stored(field) -> bytes:
    with field.open("rb") as handle:
        return handle.read()


def test_each_package_reads_back_as_the_signed_document(signed, org_tree, cast):
    document = signed.issued_document
    province = org_tree["province"]
    made = services.dispatch_edxml(
        actor=cast["officer"],
        document=document,
        receivers=[(province.name, province.code, province), COUNCIL_OFFICE],
        priority=1,
    )
    assert [d.receiver_code for d in made] == [province.code, "000.00.31.H62"]
    number, _, notation = signed.number_symbol.partition("/")
    for dispatch in made:
        assert (dispatch.channel, dispatch.status) == (DispatchChannel.EOFFICE, DispatchStatus.QUEUED)
        data = stored(dispatch.package)
        assert hashlib.sha256(data).hexdigest() == dispatch.package_sha256
        package = parse_edxml(data)
        assert (package.code_number, package.code_notation) == (number, notation)
        assert package.number_symbol == signed.number_symbol
        assert package.promulgation_date == signed.decided_on == f.SIGNED_ON
        assert package.subject == signed.title
        assert package.type_name == "Quyết định" and package.type_code == "QĐ"
        assert package.signer.full_name == signed.signer_name != ""
        assert (package.sender.code, package.sender.name) == (
            org_tree["agency"].code,
            org_tree["agency"].name,
        )
        assert package.sender.in_charge == province.name
        assert [r.code for r in package.receivers] == [dispatch.receiver_code]
        assert package.to_places == (province.name, "Ban Thi đua – Khen thưởng tỉnh")
        assert package.priority == 1
        assert package.place == "Yên Bái"
        (attachment,) = package.attachments
        assert attachment.content_type == "application/pdf"
        assert attachment.sha256 == signed.signed_sha256 == document.pdf_sha256
        assert attachment.content == stored(signed.signed_pdf)
        check = signing.verify_pdf(attachment.content, trust_roots=decision_services.trust_roots())
        assert check.ok, check.signatures[0].problems if check.signatures else "no signature"
    event = AuditEvent.objects.get(action="dispatch_edxml", object_id=str(document.pk))
    assert event.after is not None
    assert [row[1] for row in event.after["receivers"]] == [province.code, "000.00.31.H62"]


def test_a_movement_letter_takes_its_signer_position_from_its_app(launched, people, org_tree):
    from thidua.documents.selectors import document_for
    from thidua.movements import services as movement_services

    movement_services.launch_dispatch(actor=people["officer"], movement=launched)
    document = document_for(source=launched, purpose="movement-launch")
    assert document is not None
    (dispatch,) = services.dispatch_edxml(
        actor=people["officer"], document=document, receivers=[COUNCIL_OFFICE]
    )
    package = parse_edxml(stored(dispatch.package))
    assert package.signer.full_name == "Vũ Xuân Hội"
    assert package.signer.position.upper() == "GIÁM ĐỐC"
    assert package.type_name == "Công văn"  # the launch letter


@pytest.mark.parametrize(
    ("receiver", "message"),
    [
        (("Sở Nội vụ", "", None), "Mã định danh cơ quan nhận: “Sở Nội vụ” chưa có mã định danh"),
        (
            ("Sở Nội vụ", "000 00/H62", None),
            "Mã định danh cơ quan nhận: mã “000 00/H62” của “Sở Nội vụ” không hợp lệ",
        ),
        (("", "000.00.12.H62", None), "Tên cơ quan nhận: cơ quan có mã “000.00.12.H62” chưa có tên."),
    ],
    ids=["no-code", "bad-code", "no-name"],
)
def test_a_receiver_without_a_usable_code_or_name_is_refused(signed, cast, receiver, message):
    with pytest.raises(ValidationError) as refused:
        services.dispatch_edxml(
            actor=cast["officer"], document=signed.issued_document, receivers=[COUNCIL_OFFICE, receiver]
        )
    assert any(m.startswith(message) for m in refused.value.messages), refused.value.messages
    assert not Dispatch.objects.filter(channel=DispatchChannel.EOFFICE).exists()


def test_the_same_code_twice_and_no_receiver_are_refused(signed, cast):
    with pytest.raises(ValidationError, match="có hai lần"):
        services.dispatch_edxml(
            actor=cast["officer"], document=signed.issued_document, receivers=[COUNCIL_OFFICE, COUNCIL_OFFICE]
        )
    with pytest.raises(ValidationError, match="ít nhất một cơ quan"):
        services.dispatch_edxml(actor=cast["officer"], document=signed.issued_document, receivers=[])


def test_a_document_without_its_pdf_is_not_sent(org_tree, cast):
    document = IssuedDocument.objects.create(
        issuer=org_tree["agency"],
        doc_type="QĐ",
        year=2025,
        number=3,
        number_symbol="03/QĐ-SKHCN",
        issued_on=f.SIGNED_ON,
        purpose="khong-dang-ky",
        source_type="x",
        source_id=1,
    )
    with pytest.raises(ValidationError, match="chưa có bản PDF"):
        services.dispatch_edxml(actor=cast["officer"], document=document, receivers=[COUNCIL_OFFICE])


# ---------------------------------------------------------------- the page


def page_url(signed) -> str:
    return reverse("documents:edxml_dispatch", args=[signed.issued_document.pk])


def test_the_page_sends_to_chosen_and_typed_organs_and_lists_the_packages(client, signed, org_tree, cast):
    client.force_login(cast["officer"])
    response = client.post(
        page_url(signed),
        {
            "organizations": [org_tree["province"].pk],
            "others": "Ban Thi đua – Khen thưởng tỉnh | 000.00.31.H62\n\n",
            "priority": "0",
        },
    )
    assert response.status_code == 302
    made = list(Dispatch.objects.filter(channel=DispatchChannel.EOFFICE).order_by("id"))
    assert [(d.recipient, d.receiver_code, d.organization) for d in made] == [
        (org_tree["province"].name, org_tree["province"].code, org_tree["province"]),
        ("Ban Thi đua – Khen thưởng tỉnh", "000.00.31.H62", None),
    ]
    page = client.get(page_url(signed)).content.decode()
    for dispatch in made:
        row = page[page.index(f'data-testid="package-{dispatch.pk}"') :]
        assert "Chờ gửi" in row[: row.index("</tr>")]
        download = client.get(reverse("documents:edxml_package", args=[dispatch.pk]))
        assert download.status_code == 200
        assert download["Content-Disposition"].startswith("attachment;")
        body = download.content
        assert hashlib.sha256(body).hexdigest() == dispatch.package_sha256
        assert parse_edxml(body).receivers[0].code == dispatch.receiver_code
    assert "chưa nối với cổng e-office" in page


def test_the_page_refuses_a_typed_organ_without_its_code_naming_the_field(client, signed, cast):
    client.force_login(cast["officer"])
    response = client.post(page_url(signed), {"others": "Sở Nội vụ tỉnh Yên Bái", "priority": "0"})
    assert response.status_code == 200
    page = response.content.decode()
    errors = page[page.index('data-testid="dispatch-errors"') :]
    assert "Mã định danh cơ quan nhận: “Sở Nội vụ tỉnh Yên Bái” chưa có mã định danh" in errors
    assert not Dispatch.objects.filter(channel=DispatchChannel.EOFFICE).exists()


def test_the_office_records_what_became_of_a_package(client, signed, cast):
    (dispatch,) = services.dispatch_edxml(
        actor=cast["officer"], document=signed.issued_document, receivers=[COUNCIL_OFFICE]
    )
    url = reverse("documents:edxml_status", args=[dispatch.pk])
    prefix = f"d{dispatch.pk}"
    client.force_login(cast["signer"])  # reads and sends, does not record the status
    assert client.post(url, {f"{prefix}-status": "sent"}).status_code == 403
    client.force_login(cast["officer"])
    client.post(url, {f"{prefix}-status": "sent", f"{prefix}-note": "Đã đưa vào phần mềm QLVB"})
    dispatch.refresh_from_db()
    assert (dispatch.status, dispatch.status_note) == (DispatchStatus.SENT, "Đã đưa vào phần mềm QLVB")
    response = client.post(url, {f"{prefix}-status": "failed", f"{prefix}-note": ""}, follow=True)
    assert "Ghi lý do gửi không thành công." in response.content.decode()
    dispatch.refresh_from_db()
    assert dispatch.status == DispatchStatus.SENT
    client.post(url, {f"{prefix}-status": "acknowledged", f"{prefix}-note": "Văn thư Ban đã tiếp nhận"})
    dispatch.refresh_from_db()
    assert dispatch.status == DispatchStatus.ACKNOWLEDGED
    response = client.post(url, {f"{prefix}-status": "queued"}, follow=True)
    dispatch.refresh_from_db()
    assert dispatch.status == DispatchStatus.ACKNOWLEDGED  # nothing follows an acknowledgement
    actions = list(
        AuditEvent.objects.filter(object_type="documents.dispatch", object_id=str(dispatch.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["dispatch.sent", "dispatch.acknowledged"]


def test_another_agency_sees_none_of_it(client, signed, cast):
    (dispatch,) = services.dispatch_edxml(
        actor=cast["officer"], document=signed.issued_document, receivers=[COUNCIL_OFFICE]
    )
    for who in ("other_officer", "other_signer", "head_a", "staff_a"):
        client.force_login(cast[who])
        assert client.get(page_url(signed)).status_code in (403, 404), who
        assert client.get(reverse("documents:edxml_package", args=[dispatch.pk])).status_code in (403, 404), (
            who
        )
        response = client.post(
            reverse("documents:edxml_status", args=[dispatch.pk]), {f"d{dispatch.pk}-status": "sent"}
        )
        assert response.status_code in (403, 404), who
        response = client.post(page_url(signed), {"others": "Sở X | 000.00.99.H62", "priority": "0"})
        assert response.status_code in (403, 404), who
    dispatch.refresh_from_db()
    assert dispatch.status == DispatchStatus.QUEUED
    assert Dispatch.objects.filter(channel=DispatchChannel.EOFFICE).count() == 1


def test_the_page_reads_in_a_fixed_number_of_queries(client, signed, cast, django_assert_max_num_queries):
    for n in range(5):
        services.dispatch_edxml(
            actor=cast["officer"],
            document=signed.issued_document,
            receivers=[(f"Cơ quan {n}", f"000.00.{n:02d}.H62", None)],
        )
    client.force_login(cast["officer"])
    with django_assert_max_num_queries(8):
        response = client.get(page_url(signed))
    assert response.content.decode().count('data-testid="package-') == 5


# ---------------------------------------------------------------- the gateway


class Gateway:
    """An e-office gateway on the loopback: records what it is sent and answers with `status`."""

    def __init__(self) -> None:
        self.status = 200
        self.received: list[tuple[dict[str, str], bytes]] = []
        gateway = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                gateway.received.append((dict(self.headers), body))
                self.send_response(gateway.status)
                self.end_headers()
                self.wfile.write(b"OK" if gateway.status == 200 else b"Unavailable")

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/edxml"

    def __enter__(self) -> Gateway:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()


def test_with_a_gateway_the_package_is_posted_after_commit(
    signed, cast, settings, django_capture_on_commit_callbacks
):
    with Gateway() as gateway:
        settings.THIDUA_EOFFICE_URL = gateway.url
        with django_capture_on_commit_callbacks(execute=True):
            (dispatch,) = services.dispatch_edxml(
                actor=cast["officer"], document=signed.issued_document, receivers=[COUNCIL_OFFICE]
            )
        ((headers, body),) = gateway.received
    dispatch.refresh_from_db()
    assert body == stored(dispatch.package)
    assert headers["X-Edxml-Sha256"] == dispatch.package_sha256
    assert headers["Content-Type"].startswith("application/xml")
    assert dispatch.status == DispatchStatus.SENT
    assert "HTTP 200" in dispatch.status_note


def test_a_gateway_that_refuses_leaves_the_package_failed_and_it_can_be_queued_again(
    signed, cast, settings, django_capture_on_commit_callbacks
):
    with Gateway() as gateway:
        settings.THIDUA_EOFFICE_URL = gateway.url
        gateway.status = 503
        with django_capture_on_commit_callbacks(execute=True):
            (dispatch,) = services.dispatch_edxml(
                actor=cast["officer"], document=signed.issued_document, receivers=[COUNCIL_OFFICE]
            )
        dispatch.refresh_from_db()
        assert dispatch.status == DispatchStatus.FAILED
        assert "HTTP 503" in dispatch.status_note
        gateway.status = 200
        with django_capture_on_commit_callbacks(execute=True):
            services.dispatch_status_set(
                actor=cast["officer"], dispatch=dispatch, status=DispatchStatus.QUEUED
            )
        assert len(gateway.received) == 2 and gateway.received[0][1] == gateway.received[1][1]
    dispatch.refresh_from_db()
    assert dispatch.status == DispatchStatus.SENT


def test_an_unreachable_gateway_fails_with_the_reason(
    signed, cast, settings, django_capture_on_commit_callbacks
):
    with Gateway() as gateway:
        url = gateway.url
    settings.THIDUA_EOFFICE_URL = url  # closed: nothing listens there any more
    with django_capture_on_commit_callbacks(execute=True):
        (dispatch,) = services.dispatch_edxml(
            actor=cast["officer"], document=signed.issued_document, receivers=[COUNCIL_OFFICE]
        )
    dispatch.refresh_from_db()
    assert dispatch.status == DispatchStatus.FAILED
    assert dispatch.status_note.startswith("Không gửi được tới cổng e-office")
