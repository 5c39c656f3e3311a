"""The decision services end to end on real records: drafts from the council's result, draft-only edits and
stale pages, signing (numbering from the register, a PAdES signature that verifies, a tampered byte that does
not), issuing into the registry, the proposal and the deciding level's answer, revoking, notifications after
commit, and a production server without a signer."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings

from thidua.commendations.models import AwardRecord, AwardStatus
from thidua.core.workflow import TransitionRefused
from thidua.decisions import services
from thidua.decisions.models import Decision, DecisionKind, DecisionLine, DecisionStatus
from thidua.documents import signing
from thidua.documents.models import IssuedDocument, NumberingRegister
from thidua.movements.models import Movement, MovementLevel, MovementStatus
from thidua.nominations.models import NominationStatus
from thidua.notifications.models import Notification
from thidua.organizations.models import Organization

from . import factories as f

pytestmark = pytest.mark.django_db

SIGNING_ENV = (
    signing.ENV_PKCS12,
    signing.ENV_PASSPHRASE,
    signing.ENV_PKCS11_MODULE,
    signing.ENV_PKCS11_TOKEN,
    signing.ENV_PKCS11_KEY,
    signing.ENV_PKCS11_CERT,
    signing.ENV_PKCS11_PIN,
    signing.ENV_TRUST_ROOTS,
    signing.ENV_TSA_URL,
)


@pytest.fixture(autouse=True)
def no_configured_signer(monkeypatch):
    """The tests sign with the demo signer of a test server, whatever the shell running them has set."""
    for name in SIGNING_ENV:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def people(org_tree):
    return f.cast(org_tree)


@pytest.fixture
def movement(org_tree):
    return Movement.objects.create(
        code="TD-2024",
        title="Phong trào thi đua yêu nước năm 2024",
        level=MovementLevel.AGENCY,
        period_start=2024,
        period_end=2024,
        launching_organization=org_tree["agency"],
        status=MovementStatus.LAUNCHED,
        launched_on=date(2024, 1, 5),
    )


@pytest.fixture
def council_result(org_tree, people, movement):
    """A session that passed five lines of division A and B — three within the head's power (LĐTT for the
    awardee with a login, CSTĐCS, Giấy khen for division B as a collective), two for the province (CSTĐ tỉnh,
    Bằng khen tỉnh) — and failed a sixth."""
    batch_a, batch_b = f.batch(org_tree, "div_a"), f.batch(org_tree, "div_b")
    lines = {
        "ldtt": f.passed(batch_a, "LDTT", subject=people["awardee"]),
        "cstdcs": f.passed(batch_a, "CSTDCS"),
        "giay_khen": f.passed(batch_b, "GIAY_KHEN", subject=org_tree["div_b"]),
        "cstd_tinh": f.passed(batch_a, "CSTD_TINH"),
        "bang_khen": f.passed(batch_b, "BANG_KHEN_TINH"),
        "failed": f.passed(batch_b, "CSTDCS", status=NominationStatus.NOT_PASSED),
    }
    for line in lines.values():
        line.movement = movement
        line.save(update_fields=["movement"])
    lines["cstdcs"].period_from, lines["cstdcs"].period_to = 2023, 2024
    lines["cstdcs"].save(update_fields=["period_from", "period_to"])
    return f.session(org_tree["agency"], lines.values()), lines


def _made(council_result, people):
    session, lines = council_result
    award, proposal = services.decisions_from_session(
        actor=people["officer"], session=session, on=f.SIGNED_ON
    )
    return award, proposal, lines


# ---------------------------------------------------------------- drafts from the council's result


def test_the_session_becomes_an_award_decision_and_a_proposal(council_result, people, org_tree, movement):
    award, proposal, lines = _made(council_result, people)
    assert (award.kind, proposal.kind) == (DecisionKind.AWARD, DecisionKind.PROPOSAL)
    assert {line.nomination_id for line in award.lines.all()} == {
        lines["ldtt"].pk,
        lines["cstdcs"].pk,
        lines["giay_khen"].pk,
    }
    assert {line.nomination_id for line in proposal.lines.all()} == {
        lines["cstd_tinh"].pk,
        lines["bang_khen"].pk,
    }
    for decision in (award, proposal):
        assert decision.status == DecisionStatus.DRAFT and decision.agency == org_tree["agency"]
        assert decision.council_session == council_result[0] and decision.movement == movement
        assert decision.year == f.YEAR
        assert "Căn cứ kết quả họp Hội đồng Thi đua – Khen thưởng ngày 12/03/2025;" in decision.bases
    assert award.title == "Về việc tặng Chiến sĩ thi đua cơ sở, Giấy khen, Lao động tiên tiến năm 2024"
    assert proposal.title.startswith("Đề nghị khen thưởng")
    # The lines as printed: the person's name and the unit that proposed them; the collective and its parent.
    ldtt = award.lines.get(nomination=lines["ldtt"])
    assert (ldtt.subject_name, ldtt.subject_unit, ldtt.unit) == (
        "Trần Thị Hoa",
        "Văn phòng Sở",
        org_tree["div_a"],
    )
    collective = award.lines.get(nomination=lines["giay_khen"])
    assert collective.organization == org_tree["div_b"] and collective.person is None
    assert (collective.subject_name, collective.subject_unit) == (
        "Phòng Quản lý khoa học",
        "Sở Khoa học và Công nghệ",
    )
    assert award.lines.get(nomination=lines["cstdcs"]).period_from == 2023
    # The failed line is in neither.
    assert not DecisionLine.objects.filter(nomination=lines["failed"]).exists()


def test_a_second_call_takes_no_line_twice(council_result, people):
    award, proposal, _lines = _made(council_result, people)
    assert services.decisions_from_session(actor=people["officer"], session=council_result[0]) == []
    assert Decision.objects.count() == 2 and DecisionLine.objects.count() == 5


def test_a_line_left_out_of_a_draft_comes_back_on_the_next_call(council_result, people):
    award, _proposal, lines = _made(council_result, people)
    services.line_remove(actor=people["officer"], line=award.lines.get(nomination=lines["cstdcs"]))
    (again,) = services.decisions_from_session(actor=people["officer"], session=council_result[0])
    assert again.kind == DecisionKind.AWARD
    assert [line.nomination_id for line in again.lines.all()] == [lines["cstdcs"].pk]


def test_a_correction_after_a_revocation_takes_the_lines_again(council_result, people, org_tree):
    """An issued decision is corrected by revoking it and issuing a new one: the revoked decision holds its
    lines no more, and the new one awards them again (the old awards stay, revoked)."""
    award, _proposal, lines = _made(council_result, people)
    revoked = f.drive(award, "revoked", people)
    correction = f.draft(people["officer"], org_tree["agency"], [])
    for line in revoked.lines.all():
        services.line_add(actor=people["officer"], decision=correction, code="", nomination=line.nomination)
    issued = f.drive(correction, "issued", people)
    assert issued.number_symbol == "02/QĐ-SKHCN"
    assert AwardRecord.objects.filter(status=AwardStatus.ACTIVE, decision_number="02/QĐ-SKHCN").count() == 3
    assert AwardRecord.objects.filter(status=AwardStatus.REVOKED, decision_number="01/QĐ-SKHCN").count() == 3
    lines["ldtt"].refresh_from_db()
    assert lines["ldtt"].status == NominationStatus.AWARDED


# ---------------------------------------------------------------- one nomination, one live decision


def test_line_add_refuses_a_nomination_on_another_live_decision(council_result, people, org_tree):
    award, _proposal, lines = _made(council_result, people)
    other = f.draft(people["officer"], org_tree["agency"], [])
    with pytest.raises(ValidationError, match="đã có trong một quyết định khác"):
        services.line_add(actor=people["officer"], decision=other, code="LDTT", nomination=lines["ldtt"])
    assert not other.lines.exists()


def test_line_add_refuses_a_nomination_twice_in_one_decision(council_result, people):
    award, _proposal, lines = _made(council_result, people)
    with pytest.raises(ValidationError, match="đã có trong quyết định này"):
        services.line_add(actor=people["officer"], decision=award, code="LDTT", nomination=lines["ldtt"])
    assert award.lines.filter(nomination=lines["ldtt"]).count() == 1


def test_a_proposed_line_is_not_proposed_twice(council_result, people, org_tree):
    _award, _proposal, lines = _made(council_result, people)
    second = f.draft(people["officer"], org_tree["agency"], [], kind=DecisionKind.PROPOSAL)
    with pytest.raises(ValidationError, match="đã có trong một quyết định khác"):
        services.line_add(
            actor=people["officer"], decision=second, code="LDTT", nomination=lines["cstd_tinh"]
        )
    # Nor is a line the agency's own decision awards proposed upwards.
    with pytest.raises(ValidationError, match="đã có trong một quyết định khác"):
        services.line_add(actor=people["officer"], decision=second, code="LDTT", nomination=lines["ldtt"])


def test_a_line_the_council_did_not_pass_is_refused(council_result, people, org_tree):
    _award, _proposal, lines = _made(council_result, people)
    other = f.draft(people["officer"], org_tree["agency"], [])
    with pytest.raises(ValidationError, match="chưa được Hội đồng thông qua"):
        services.line_add(actor=people["officer"], decision=other, code="CSTDCS", nomination=lines["failed"])


def test_the_answer_to_a_proposal_takes_its_lines(council_result, people, org_tree):
    """A line on a live proposal goes on the external decision that answers it."""
    _award, proposal, lines = _made(council_result, people)
    answer = f.external(people["officer"], org_tree["agency"], [], proposal=proposal)
    line = services.line_add(actor=people["officer"], decision=answer, code="", nomination=lines["cstd_tinh"])
    assert line.code == "CSTD_TINH" and line.person == lines["cstd_tinh"].person


# ---------------------------------------------------------------- drafts only; stale pages


@pytest.mark.parametrize("state", [DecisionStatus.SUBMITTED, DecisionStatus.ISSUED])
def test_only_a_draft_is_edited(org_tree, people, state):
    decision = f.drive(
        f.draft(people["officer"], org_tree["agency"], [("LDTT", people["awardee"])]), state, people
    )
    line = decision.lines.get()
    before = (decision.title, decision.bases, decision.version)
    message = "chỉ sửa được bản đang soạn"
    with pytest.raises(ValidationError, match=message):
        services.decision_update(actor=people["officer"], decision=decision, title="Sửa trích yếu")
    with pytest.raises(ValidationError, match=message):
        services.line_add(
            actor=people["officer"], decision=decision, code="LDTT", person=f.person(org_tree["div_a"])
        )
    with pytest.raises(ValidationError, match=message):
        services.line_remove(actor=people["officer"], line=line)
    decision.refresh_from_db()
    assert (decision.title, decision.bases, decision.version) == before
    assert decision.lines.count() == 1


def test_an_issued_decision_is_immutable_says_so_in_vietnamese(org_tree, people):
    issued = f.drive(
        f.draft(people["officer"], org_tree["agency"], [("LDTT", people["awardee"])]), "issued", people
    )
    with pytest.raises(ValidationError) as refused:
        services.decision_update(actor=people["officer"], decision=issued, title="x")
    assert refused.value.messages == [
        "Quyết định đang ở trạng thái “Đã ban hành”: chỉ sửa được bản đang soạn; sửa quyết định đã ban hành bằng "
        "một quyết định mới."
    ]


def test_a_stale_version_is_a_conflict_and_writes_nothing(org_tree, people):
    decision = f.draft(people["officer"], org_tree["agency"], [("LDTT", people["awardee"])])
    shown = decision.version
    services.decision_update(actor=people["officer"], decision=decision, version=shown, title="Trích yếu mới")
    line = decision.lines.get()
    calls = (
        lambda: services.decision_update(
            actor=people["officer"], decision=decision, version=shown, title="Cũ"
        ),
        lambda: services.line_add(
            actor=people["officer"],
            decision=decision,
            version=shown,
            code="LDTT",
            person=f.person(org_tree["div_a"]),
        ),
        lambda: services.line_remove(actor=people["officer"], line=line, version=shown),
        lambda: services.decision_transition(
            actor=people["officer"], decision=decision, action="submit", version=shown
        ),
    )
    for call in calls:
        with pytest.raises(services.DecisionConflict, match="vừa được người khác thay đổi") as conflict:
            call()
        assert (
            f"phiên bản hiện tại {shown + 1}, trang của bạn hiển thị phiên bản {shown}"
            in (conflict.value.messages[0])
        )
    decision.refresh_from_db()
    assert (decision.title, decision.status, decision.version) == (
        "Trích yếu mới",
        DecisionStatus.DRAFT,
        shown + 1,
    )
    assert decision.lines.count() == 1
    # With the version the page now shows, the step goes through and bumps it.
    submitted = services.decision_transition(
        actor=people["officer"], decision=decision, action="submit", version=shown + 1
    )
    assert submitted.status == DecisionStatus.SUBMITTED and submitted.version == shown + 2


# ---------------------------------------------------------------- signing


def test_signing_numbers_from_the_agencys_register(org_tree, people):
    agency = org_tree["agency"]
    first = f.drive(f.draft(people["officer"], agency, [("LDTT", people["awardee"])]), "signed", people)
    second = f.drive(f.draft(people["officer"], agency, [("CSTDCS", people["awardee"])]), "signed", people)
    proposal = f.drive(
        f.draft(people["officer"], agency, [("CSTD_TINH", people["awardee"])], kind=DecisionKind.PROPOSAL),
        "signed",
        people,
    )
    assert [first.number_symbol, second.number_symbol, proposal.number_symbol] == [
        "01/QĐ-SKHCN",
        "02/QĐ-SKHCN",
        "01/TTr-SKHCN",
    ]
    for decision in (first, second, proposal):
        assert decision.decided_on == f.SIGNED_ON
        document = decision.issued_document
        assert document is not None
        assert document.number_symbol == decision.number_symbol and document.issued_on == f.SIGNED_ON
        assert document.source_id == decision.pk and document.issuer == agency
    registers = {
        r.doc_type: r.last_number for r in NumberingRegister.objects.filter(issuer=agency, year=2025)
    }
    assert registers == {"QĐ": 2, "TTr": 1}


def test_the_signed_pdf_verifies_and_names_its_signer(org_tree, people):
    decision = f.drive(
        f.draft(people["officer"], org_tree["agency"], [("LDTT", people["awardee"])]), "signed", people
    )
    data = decision.signed_pdf.read()
    assert data.startswith(b"%PDF")
    import hashlib

    assert decision.signed_sha256 == hashlib.sha256(data).hexdigest()
    check = signing.verify_pdf(data, trust_roots=services.trust_roots())
    assert check.ok, check
    (signature,) = check.signatures
    assert signature.signer_name == "Giám đốc Sở (chứng thư thử nghiệm)"
    assert (
        decision.signature_subject == signature.signer_subject and "thử nghiệm" in decision.signature_subject
    )
    assert decision.signed_by == people["signer"] and decision.signed_at is not None
    assert decision.signer_name == people["signer"].display_name
    # The register's copy is the signed file; the DOCX is kept beside it.
    document = decision.issued_document
    assert document is not None
    assert document.pdf.read() == data and document.pdf_sha256 == decision.signed_sha256
    assert document.docx.read()[:2] == b"PK"
    assert "01/QĐ-SKHCN" in f.pdf_text(data)


def _covered_offset(pdf: bytes) -> int:
    """A byte inside what the signature covers (the first range of /ByteRange, past the header)."""
    found = re.search(rb"/ByteRange\s*\[\s*(\d+) (\d+) (\d+) (\d+)", pdf)
    assert found is not None
    start, length, _second, _rest = map(int, found.groups())
    return start + length // 2


def test_a_tampered_byte_fails_verification(org_tree, people):
    decision = f.drive(
        f.draft(people["officer"], org_tree["agency"], [("LDTT", people["awardee"])]), "signed", people
    )
    data = bytearray(decision.signed_pdf.read())
    offset = _covered_offset(bytes(data))
    data[offset] = (data[offset] + 1) % 256
    check = signing.verify_pdf(bytes(data), trust_roots=services.trust_roots())
    assert not check.ok
    assert not check.signatures or not check.signatures[0].intact


def test_a_signature_from_an_untrusted_root_does_not_verify(org_tree, people):
    decision = f.drive(
        f.draft(people["officer"], org_tree["agency"], [("LDTT", people["awardee"])]), "signed", people
    )
    from thidua.documents.pki import make_ca

    check = signing.verify_pdf(decision.signed_pdf.read(), trust_roots=[make_ca().cert_pem])
    assert not check.ok and check.signatures[0].intact and not check.signatures[0].trusted


def test_a_production_server_without_a_signer_refuses_and_numbers_nothing(org_tree, people):
    decision = f.drive(
        f.draft(people["officer"], org_tree["agency"], [("LDTT", people["awardee"])]), "submitted", people
    )
    with override_settings(ENVIRONMENT="production"), pytest.raises(ValidationError) as refused:
        services.decision_transition(actor=people["signer"], decision=decision, action="sign", on=f.SIGNED_ON)
    assert refused.value.messages == [
        "Chưa cấu hình chữ ký số của cơ quan: không ký được quyết định (xem docs/operations.md)."
    ]
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.SUBMITTED
    assert (decision.number_symbol, decision.decided_on, decision.signed_pdf.name) == ("", None, "")
    assert not NumberingRegister.objects.exists() and not IssuedDocument.objects.exists()


def test_a_failure_after_numbering_gives_the_number_back(org_tree, people):
    """The agency has no place name for the date line: the document cannot be made once the number is taken;
    the step is refused with a message and the register is as it was (the whole transaction rolled back)."""
    decision = f.drive(
        f.draft(people["officer"], org_tree["agency"], [("LDTT", people["awardee"])]), "submitted", people
    )
    Organization.objects.filter(pk=org_tree["province"].pk).update(place_name="")
    with pytest.raises(ValidationError, match="địa danh"):
        services.decision_transition(actor=people["signer"], decision=decision, action="sign", on=f.SIGNED_ON)
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.SUBMITTED and decision.number_symbol == ""
    assert not NumberingRegister.objects.filter(last_number__gt=0).exists()
    assert not IssuedDocument.objects.exists()
    # With the place name the next signature takes number 1, not 2.
    Organization.objects.filter(pk=org_tree["province"].pk).update(place_name="Yên Bái")
    signed = services.decision_transition(
        actor=people["signer"], decision=decision, action="sign", on=f.SIGNED_ON
    )
    assert signed.number_symbol == "01/QĐ-SKHCN"


# ---------------------------------------------------------------- issuing into the registry


def test_issuing_writes_one_award_per_line(council_result, people, org_tree, movement):
    award, _proposal, lines = _made(council_result, people)
    issued = f.drive(award, "issued", people)
    assert issued.issued_at is not None
    decision_lines = list(issued.lines.select_related("award"))
    assert len(decision_lines) == 3
    assert AwardRecord.objects.count() == 3
    for line in decision_lines:
        record = line.award
        assert record is not None
        assert (record.code, record.person_id, record.organization_id, record.year, record.track) == (
            line.code,
            line.person_id,
            line.organization_id,
            line.year,
            line.track,
        )
        assert (record.decision_number, record.decided_on, record.deciding_body) == (
            "01/QĐ-SKHCN",
            f.SIGNED_ON,
            "Sở Khoa học và Công nghệ",
        )
        assert record.movement == movement and record.status == AwardStatus.ACTIVE
        assert (record.period_from, record.period_to) == (line.period_from, line.period_to)
        assert line.nomination is not None and line.nomination.status == NominationStatus.AWARDED
    cstdcs = issued.lines.get(nomination=lines["cstdcs"]).award
    assert cstdcs is not None
    assert (cstdcs.period_from, cstdcs.period_to) == (2023, 2024)
    # The proposed lines are untouched.
    for key in ("cstd_tinh", "bang_khen"):
        lines[key].refresh_from_db()
        assert lines[key].status == NominationStatus.PASSED


def test_a_proposal_writes_no_award_and_the_answer_does(council_result, people, org_tree):
    _award, proposal, lines = _made(council_result, people)
    sent = f.drive(proposal, "issued", people)
    assert sent.number_symbol == "01/TTr-SKHCN"
    assert not AwardRecord.objects.exists()
    assert all(line.award is None for line in sent.lines.all())
    # The province's decision comes back on paper: registered with its scan, answering the proposal.
    answer = f.external(people["officer"], org_tree["agency"], [], proposal=sent, decided_on=date(2025, 4, 2))
    for key in ("cstd_tinh", "bang_khen"):
        services.line_add(actor=people["officer"], decision=answer, code="", nomination=lines[key])
    registered = services.decision_transition(actor=people["officer"], decision=answer, action="register")
    assert registered.status == DecisionStatus.ISSUED and registered.proposal == sent
    records = AwardRecord.objects.order_by("code")
    assert [(r.code, r.decision_number, r.decided_on, r.deciding_body) for r in records] == [
        ("BANG_KHEN_TINH", "123/QĐ-UBND", date(2025, 4, 2), "Ủy ban nhân dân tỉnh Yên Bái"),
        ("CSTD_TINH", "123/QĐ-UBND", date(2025, 4, 2), "Ủy ban nhân dân tỉnh Yên Bái"),
    ]
    for key in ("cstd_tinh", "bang_khen"):
        lines[key].refresh_from_db()
        assert lines[key].status == NominationStatus.AWARDED
        assert DecisionLine.objects.get(decision=answer, nomination=lines[key]).award is not None


def test_revoking_marks_the_awards_revoked_and_keeps_them(council_result, people):
    award, _proposal, _lines = _made(council_result, people)
    issued = f.drive(award, "issued", people)
    revoked = services.decision_transition(
        actor=people["signer"],
        decision=issued,
        action="revoke",
        reason="Xác định lại thành tích",
        revoking_number="45/QĐ-SKHCN",
        revoking_date=date(2025, 5, 5),
    )
    assert revoked.status == DecisionStatus.REVOKED
    assert (revoked.revoking_number, revoked.revoking_date, revoked.revoke_reason) == (
        "45/QĐ-SKHCN",
        date(2025, 5, 5),
        "Xác định lại thành tích",
    )
    records = list(AwardRecord.objects.all())
    assert len(records) == 3  # still there, visible
    for record in records:
        assert record.status == AwardStatus.REVOKED
        assert "Hủy bỏ theo quyết định 45/QĐ-SKHCN ngày 05/05/2025: Xác định lại thành tích" in record.note
        assert record.decision_line.decision == revoked


# ---------------------------------------------------------------- notifications


def _titles(user):
    return list(Notification.objects.filter(user=user).values_list("title", flat=True))


def test_the_steps_notify_after_commit(council_result, people, django_capture_on_commit_callbacks):
    award, _proposal, _lines = _made(council_result, people)
    with django_capture_on_commit_callbacks(execute=True):
        services.decision_transition(actor=people["officer"], decision=award, action="submit")
    assert _titles(people["signer"]) == [f"Trình ký: {award.title}"]
    with django_capture_on_commit_callbacks(execute=True):
        signed = services.decision_transition(
            actor=people["signer"], decision=award, action="sign", on=f.SIGNED_ON
        )
    assert "Lãnh đạo đã ký số 01/QĐ-SKHCN: chờ ban hành" in _titles(people["officer"])
    Notification.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.decision_transition(actor=people["officer"], decision=signed, action="issue")
    assert not Notification.objects.exists()  # nothing before the commit
    for callback in callbacks:
        callback()
    issued = "Quyết định khen thưởng 01/QĐ-SKHCN đã ban hành"
    # The awardee with a login, the heads of the units concerned (A: the people; B: the collective), the office.
    for who in ("staff_a", "head_a", "head_b", "officer", "both"):
        assert _titles(people[who]) == [issued], who
    for who in ("signer", "other_officer", "other_signer"):
        assert _titles(people[who]) == [], who
    note = Notification.objects.filter(user=people["staff_a"]).get()
    assert note.body == award.title


def test_a_refused_step_notifies_nobody(org_tree, people, django_capture_on_commit_callbacks):
    empty = f.draft(people["officer"], org_tree["agency"], [])
    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(TransitionRefused):
        services.decision_transition(actor=people["officer"], decision=empty, action="submit")
    assert callbacks == [] and not Notification.objects.exists()


def test_a_proposal_sent_tells_the_office_only(council_result, people, django_capture_on_commit_callbacks):
    _award, proposal, _lines = _made(council_result, people)
    signed = f.drive(proposal, "signed", people)
    Notification.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        services.decision_transition(actor=people["officer"], decision=signed, action="issue")
    told = set(Notification.objects.values_list("user__username", flat=True))
    assert told == {"officer", "both"}
    assert _titles(people["officer"]) == ["Đã gửi tờ trình 01/TTr-SKHCN đề nghị khen thưởng"]
