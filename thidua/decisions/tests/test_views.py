"""Every page and action of the decisions: anonymous users go to the login page, another agency's office gets 404
on every decision page and action, the divisions' heads read the issued decisions naming their units and change
nothing, staff change nothing; the whole cycle through the pages (draft from the council's session, bases, lines,
submit, return, sign, issue, revoke; a paper decision registered with its scan); a stale page is refused; the
list's query count is pinned."""

import hashlib
import io
import re
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader

from thidua.commendations.models import AwardRecord, AwardStatus
from thidua.core.tests.route_matrix import ROLES, RouteMatrix
from thidua.decisions import services, urls
from thidua.decisions.models import Decision, DecisionKind, DecisionLine, DecisionStatus
from thidua.documents import signing
from thidua.nominations.models import NominationStatus

from . import factories as f

pytestmark = pytest.mark.django_db


def routes(world):
    draft, issued, proposal = world["draft"].pk, world["issued"].pk, world["proposal"].pk
    return {
        "decision_list": ("get", reverse("decisions:decision_list"), {}),
        "decision_register": ("get", reverse("decisions:decision_register"), {}),
        "decision_from_session": (
            "post",
            reverse("decisions:decision_from_session", args=[world["session"].pk]),
            {},
        ),
        "decision_detail": ("get", reverse("decisions:decision_detail", args=[issued]), {}),
        "decision_detail+draft": ("get", reverse("decisions:decision_detail", args=[draft]), {}),
        "decision_edit": ("get", reverse("decisions:decision_edit", args=[draft]), {}),
        "decision_bases": (
            "post",
            reverse("decisions:decision_bases", args=[draft]),
            {"bases": "Căn cứ Luật Thi đua, khen thưởng;", "version": world["draft"].version},
        ),
        "decision_transition": (
            "post",
            reverse("decisions:decision_transition", args=[draft]),
            {"action": "submit", "version": world["draft"].version},
        ),
        "decision_transition+revoke": (
            "post",
            reverse("decisions:decision_transition", args=[issued]),
            {
                "action": "revoke",
                "revoking_number": "45/QĐ-SKHCN",
                "revoking_date": "05/05/2025",
                "reason": "Có sai sót",
                "version": world["issued"].version,
            },
        ),
        "line_add": ("get", reverse("decisions:line_add", args=[world["external"].pk]), {}),
        "line_remove": (
            "post",
            reverse("decisions:line_remove", args=[world["line"].pk]),
            {"version": world["draft"].version},
        ),
        "decision_draft": ("get", reverse("decisions:decision_draft", args=[draft, "pdf"]), {}),
        "proposal_package": ("get", reverse("decisions:proposal_package", args=[proposal]), {}),
        "decision_pdf": ("get", reverse("decisions:decision_pdf", args=[issued]), {}),
        "decision_docx": ("get", reverse("decisions:decision_docx", args=[issued]), {}),
        "award_list": ("get", reverse("decisions:award_list", args=[issued]), {}),
    }


EVERYONE = {*ROLES, "signer"}
# The agency's office and head handle every decision; the head of division A reads the issued decision naming
# division A (read-only); division B's head, the staff member (not named in it) and another agency's office see
# nothing of it. The office drafts; the head signs (and the workflow refuses the head's "submit": 403).
HANDLERS = {"officer", "signer"}
READERS = {*HANDLERS, "head_a"}
ALLOWED = {
    "decision_list": EVERYONE,
    "decision_register": {"officer", "other_officer"},  # for their own agency
    "decision_detail": READERS,
    "decision_detail+draft": HANDLERS,
    "decision_transition+revoke": HANDLERS,
    "decision_draft": HANDLERS,
    "proposal_package": HANDLERS,
    "decision_pdf": READERS,
    "decision_docx": READERS,
    "award_list": READERS,
    # the draft's text, lines and steps and the drafting from a session: the office (default)
}

MATRIX = RouteMatrix(
    urls=urls,
    routes=routes,
    allowed=ALLOWED,
    roles=(*ROLES, "signer"),
    variants=("decision_detail+draft", "decision_transition+revoke"),
)
(
    test_every_route_is_covered_and_declares_its_permission,
    test_anonymous_is_sent_to_login,
    test_route_permissions,
) = MATRIX.tests()


# ---------------------------------------------------------------- scope


def test_another_agency_gets_404_on_every_decision_page_and_action(client, world, people):
    client.force_login(people["other_officer"])
    for name, (method, url, data) in routes(world).items():
        if name in ("decision_list", "decision_register"):
            continue
        response = getattr(client, method)(url, data)
        assert response.status_code == 404, (name, response.status_code)
    page = client.get(reverse("decisions:decision_list")).content.decode()
    assert 'data-testid="decision-row-' not in page
    assert world["issued"].number_symbol not in page


def test_staff_and_unit_heads_change_nothing(client, world, people):
    draft = world["draft"]
    for who in ("staff_a", "head_a", "head_b"):
        client.force_login(people[who])
        for action in ("submit", "sign", "issue"):
            response = client.post(
                reverse("decisions:decision_transition", args=[draft.pk]), {"action": action}
            )
            assert response.status_code in (403, 404), (who, action)
        response = client.post(reverse("decisions:decision_register"), {"number_symbol": "1/QĐ"})
        assert response.status_code == 403
    draft.refresh_from_db()
    assert draft.status == DecisionStatus.DRAFT


def test_the_head_of_division_a_reads_the_issued_decision_without_buttons(client, world, people):
    client.force_login(people["head_a"])
    page = client.get(reverse("decisions:decision_detail", args=[world["issued"].pk])).content.decode()
    assert 'data-testid="signature-ok"' in page
    assert 'data-testid="decision-actions"' not in page and "action-revoke" not in page
    listed = client.get(reverse("decisions:decision_list")).content.decode()
    assert f'decision-row-{world["issued"].pk}"' in listed
    assert f'decision-row-{world["draft"].pk}"' not in listed  # drafts stay with the office and the head


def test_a_member_of_staff_reads_the_issued_decision_that_names_them(client, org_tree, people):
    decision = f.draft(people["officer"], org_tree["agency"], [("GIAY_KHEN", people["awardee"])])
    client.force_login(people["staff_a"])
    url = reverse("decisions:decision_detail", args=[decision.pk])
    assert client.get(url).status_code == 404  # a draft
    f.drive(decision, "issued", people)
    page = client.get(url).content.decode()
    assert "Trần Thị Hoa" in page
    assert (
        client.get(reverse("decisions:decision_pdf", args=[decision.pk]))["Content-Type"] == "application/pdf"
    )


# ---------------------------------------------------------------- the cycle through the pages


def _messages(response) -> str:
    return " ".join(str(m) for m in response.context["messages"]) if response.context else ""


def test_the_office_drafts_from_the_session_and_the_head_signs_and_issues(client, closed_session, people):
    session = closed_session()
    client.force_login(people["officer"])
    listed = client.get(reverse("decisions:decision_list")).content.decode()
    assert f'data-testid="from-session-{session.pk}"' in listed and "4 đề nghị được thông qua" in listed
    response = client.post(reverse("decisions:decision_from_session", args=[session.pk]))
    award = Decision.objects.get(kind=DecisionKind.AWARD)
    proposal = Decision.objects.get(kind=DecisionKind.PROPOSAL)
    assert response["Location"] == reverse("decisions:decision_detail", args=[award.pk])
    assert award.lines.count() == 3 and proposal.lines.count() == 1
    again = client.get(reverse("decisions:decision_list")).content.decode()
    assert f'data-testid="from-session-{session.pk}"' not in again  # nothing left to draft

    page = client.get(reverse("decisions:decision_detail", args=[award.pk])).content.decode()
    assert "Chiến sĩ thi đua cơ sở" in page and "Giấy khen" in page
    assert "2.340.000" in page and "710.000" in page  # lương cơ sở 2,340,000 × 1 and × 0.3 (rounded)
    assert 'data-testid="action-submit"' in page and 'data-testid="draft-docx"' in page

    bases = "Căn cứ Luật Thi đua, khen thưởng 06/2022/QH15;\n\nCăn cứ Quyết định kiện toàn Hội đồng;"
    client.post(
        reverse("decisions:decision_bases", args=[award.pk]), {"bases": bases, "version": award.version}
    )
    award.refresh_from_db()
    assert award.bases == [
        "Căn cứ Luật Thi đua, khen thưởng 06/2022/QH15;",
        "Căn cứ Quyết định kiện toàn Hội đồng;",
    ]
    client.post(
        reverse("decisions:decision_transition", args=[award.pk]),
        {"action": "submit", "version": award.version},
    )
    award.refresh_from_db()
    assert award.status == DecisionStatus.SUBMITTED

    client.force_login(people["signer"])
    page = client.get(reverse("decisions:decision_detail", args=[award.pk])).content.decode()
    assert 'data-testid="action-sign"' in page and 'data-testid="action-return"' in page
    client.post(
        reverse("decisions:decision_transition", args=[award.pk]),
        {"action": "sign", "version": award.version},
    )
    award.refresh_from_db()
    assert award.status == DecisionStatus.SIGNED and re.fullmatch(r"\d+/QĐ-SKHCN", award.number_symbol)
    page = client.get(reverse("decisions:decision_detail", args=[award.pk])).content.decode()
    assert "Chữ ký số hợp lệ" in page and 'data-testid="signature-demo"' in page
    assert award.number_symbol in page
    client.post(
        reverse("decisions:decision_transition", args=[award.pk]),
        {"action": "issue", "version": award.version},
    )
    award.refresh_from_db()
    assert award.status == DecisionStatus.ISSUED
    awards = AwardRecord.objects.filter(decision_number=award.number_symbol)
    assert awards.count() == 3 and {a.status for a in awards} == {AwardStatus.ACTIVE}
    page = client.get(reverse("decisions:decision_detail", args=[award.pk])).content.decode()
    for line in award.lines.select_related("nomination"):
        assert f'data-testid="award-{line.pk}"' in page
        assert line.nomination is not None and line.nomination.status == NominationStatus.AWARDED


def test_the_signed_pdf_download_verifies_and_the_docx_opens(client, world, people):
    import docx

    issued = world["issued"]
    client.force_login(people["head_a"])
    response = client.get(reverse("decisions:decision_pdf", args=[issued.pk]))
    data = b"".join(response.streaming_content)
    assert hashlib.sha256(data).hexdigest() == issued.signed_sha256
    assert signing.verify_pdf(data, trust_roots=services.trust_roots()).ok
    response = client.get(reverse("decisions:decision_docx", args=[issued.pk]))
    document = docx.Document(io.BytesIO(b"".join(response.streaming_content)))
    text = "\n".join(p.text for p in document.paragraphs)
    assert issued.number_symbol in text and "QUYẾT ĐỊNH" in text


def test_the_draft_downloads_are_marked_as_drafts(client, world, people):
    import docx

    client.force_login(people["signer"])
    draft = world["draft"]
    pdf = client.get(reverse("decisions:decision_draft", args=[draft.pk, "pdf"]))
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "DỰ THẢO" in text and "DANH SÁCH KHEN THƯỞNG" in text
    assert not signing.verify_pdf(pdf.content, trust_roots=services.trust_roots()).signed
    word = client.get(reverse("decisions:decision_draft", args=[draft.pk, "docx"]))
    paragraphs = [p.text for p in docx.Document(io.BytesIO(word.content)).paragraphs]
    assert any("DỰ THẢO" in p for p in paragraphs)
    assert client.get(reverse("decisions:decision_draft", args=[draft.pk, "odt"])).status_code == 404


def test_a_tampered_signed_file_is_shown_as_not_valid(client, world, people):
    issued = world["issued"]
    with issued.signed_pdf.open("rb") as handle:
        data = bytearray(handle.read())
    index = data.find(b"stream") + 40  # a byte inside the signed content
    assert index > 40
    data[index] ^= 0x01
    issued.signed_pdf.storage.delete(issued.signed_pdf.name)
    issued.signed_pdf.storage.save(issued.signed_pdf.name, io.BytesIO(bytes(data)))
    client.force_login(people["officer"])
    page = client.get(reverse("decisions:decision_detail", args=[issued.pk])).content.decode()
    assert 'data-testid="signature-bad"' in page and "Chữ ký số KHÔNG hợp lệ" in page
    assert "SHA-256 không khớp" in page


def test_the_head_returns_a_draft_with_a_reason(client, world, people):
    draft = services.decision_transition(
        actor=people["officer"], decision=world["draft"], action="submit", version=world["draft"].version
    )
    client.force_login(people["signer"])
    url = reverse("decisions:decision_transition", args=[draft.pk])
    response = client.post(url, {"action": "return", "reason": "", "version": draft.version}, follow=True)
    assert "Lý do trả lại" in _messages(response)
    client.post(url, {"action": "return", "reason": "Sửa căn cứ", "version": draft.version})
    draft.refresh_from_db()
    assert draft.status == DecisionStatus.DRAFT and draft.return_reason == "Sửa căn cứ"
    client.force_login(people["officer"])
    page = client.get(reverse("decisions:decision_detail", args=[draft.pk])).content.decode()
    assert 'data-testid="return-reason"' in page and "Sửa căn cứ" in page


def test_a_stale_page_is_told_someone_else_changed_the_decision(client, world, people):
    draft = world["draft"]
    shown = draft.version
    services.decision_update(actor=people["officer"], decision=draft, version=shown, title="Tiêu đề mới")
    client.force_login(people["officer"])
    response = client.post(
        reverse("decisions:decision_transition", args=[draft.pk]),
        {"action": "submit", "version": shown},
        follow=True,
    )
    assert "vừa được người khác thay đổi" in _messages(response)
    draft.refresh_from_db()
    assert draft.status == DecisionStatus.DRAFT
    response = client.post(
        reverse("decisions:line_remove", args=[world["line"].pk]), {"version": shown}, follow=True
    )
    assert "vừa được người khác thay đổi" in _messages(response)
    assert DecisionLine.objects.filter(pk=world["line"].pk).exists()


def test_a_refused_step_is_a_message_and_the_head_cannot_submit(client, org_tree, people):
    empty = services.decision_create(actor=people["officer"], agency=org_tree["agency"], year=2024)
    client.force_login(people["officer"])
    response = client.post(
        reverse("decisions:decision_transition", args=[empty.pk]),
        {"action": "submit", "version": empty.version},
        follow=True,
    )
    assert "chưa có ai được khen thưởng" in _messages(response)
    client.force_login(people["signer"])
    response = client.post(
        reverse("decisions:decision_transition", args=[empty.pk]),
        {"action": "submit", "version": empty.version},
    )
    assert response.status_code == 403
    assert (
        client.post(reverse("decisions:decision_transition", args=[empty.pk]), {"action": "fly"}).status_code
        == 404
    )


def test_revoking_takes_the_number_date_and_reason(client, world, people):
    issued = world["issued"]
    client.force_login(people["signer"])
    url = reverse("decisions:decision_transition", args=[issued.pk])
    response = client.post(url, {"action": "revoke", "reason": "Sai", "version": issued.version}, follow=True)
    text = _messages(response)
    assert "Số quyết định hủy bỏ" in text and "Ngày quyết định hủy bỏ" in text
    client.post(
        url,
        {
            "action": "revoke",
            "revoking_number": "45/QĐ-SKHCN",
            "revoking_date": "05/05/2025",
            "reason": "Có sai sót về đối tượng",
            "version": issued.version,
        },
    )
    issued.refresh_from_db()
    assert issued.status == DecisionStatus.REVOKED and issued.revoking_date == date(2025, 5, 5)
    award = issued.lines.get().award
    assert award.status == AwardStatus.REVOKED
    page = client.get(reverse("decisions:decision_detail", args=[issued.pk])).content.decode()
    assert 'data-testid="revoked"' in page and "45/QĐ-SKHCN" in page and "05/05/2025" in page


def test_lines_are_added_from_the_session_and_removed_while_a_draft(client, drafts, people):
    award, _proposal = drafts
    line = award.lines.order_by("pk").first()
    client.force_login(people["officer"])
    client.post(reverse("decisions:line_remove", args=[line.pk]), {"version": award.version})
    award.refresh_from_db()
    assert award.lines.count() == 2
    form = client.get(reverse("decisions:line_add", args=[award.pk])).content.decode()
    assert f'value="{line.nomination_id}"' in form
    client.post(
        reverse("decisions:line_add", args=[award.pk]),
        {"nominations": [line.nomination_id], "version": award.version},
    )
    assert award.lines.count() == 3


def _scan(name="512-QD-UBND.pdf", data=b"%PDF-1.4\n%scan\n%%EOF\n"):
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def test_a_paper_decision_answering_a_proposal_is_registered_with_its_scan(client, drafts, people, org_tree):
    _award, proposal = drafts
    proposal = f.drive(proposal, "issued", people)
    client.force_login(people["officer"])
    form = client.get(reverse("decisions:decision_register")).content.decode()
    assert proposal.number_symbol in form
    data = {
        "agency": org_tree["agency"].pk,
        "proposal": proposal.pk,
        "number_symbol": "512/QĐ-UBND",
        "decided_on": "15/04/2025",
        "deciding_body": "Ủy ban nhân dân tỉnh Yên Bái",
        "title": "Về việc tặng Bằng khen của Chủ tịch UBND tỉnh năm 2024",
        "year": 2024,
    }
    refused = client.post(
        reverse("decisions:decision_register"), {**data, "scan": _scan("virus.pdf", b"MZ\x90\x00 not a pdf")}
    )
    assert (
        "Bản chụp quyết định" in refused.content.decode()
        and not Decision.objects.filter(kind=DecisionKind.EXTERNAL).exists()
    )
    response = client.post(reverse("decisions:decision_register"), {**data, "scan": _scan()})
    external = Decision.objects.get(kind=DecisionKind.EXTERNAL)
    assert response["Location"] == reverse("decisions:decision_detail", args=[external.pk])
    assert external.proposal == proposal and external.lines.count() == 1
    page = client.get(response["Location"]).content.decode()
    assert 'data-testid="action-register"' in page and 'data-testid="proposal-link"' in page
    client.post(
        reverse("decisions:decision_transition", args=[external.pk]),
        {"action": "register", "version": external.version},
    )
    external.refresh_from_db()
    assert external.status == DecisionStatus.ISSUED
    assert AwardRecord.objects.filter(decision_number="512/QĐ-UBND", code="BANG_KHEN_TINH").count() == 1
    scan = client.get(reverse("decisions:decision_pdf", args=[external.pk]))
    assert b"".join(scan.streaming_content).startswith(b"%PDF")
    page = client.get(reverse("decisions:decision_detail", args=[proposal.pk])).content.decode()
    assert 'data-testid="answer-link"' in page and "512/QĐ-UBND" in page


def test_a_person_is_typed_on_a_paper_decision(client, world, people, org_tree):
    external = world["external"]
    client.force_login(people["officer"])
    response = client.post(
        reverse("decisions:line_add", args=[external.pk]),
        {"subject_kind": "individual", "code": "BANG_KHEN_TINH", "track": "cong_trang", "year": 2024},
    )
    assert "Chọn cá nhân được khen thưởng." in response.content.decode()
    client.post(
        reverse("decisions:line_add", args=[external.pk]),
        {
            "subject_kind": "individual",
            "person": people["awardee"].pk,
            "code": "BANG_KHEN_TINH",
            "track": "cong_trang",
            "year": 2024,
            "version": external.version,
        },
    )
    assert external.lines.filter(person=people["awardee"]).exists()


def test_the_external_decision_fields_are_edited_with_a_replacement_scan(client, world, people):
    external = world["external"]
    client.force_login(people["officer"])
    response = client.post(
        reverse("decisions:decision_edit", args=[external.pk]),
        {
            "title": "Về việc tặng Bằng khen",
            "number_symbol": "99/QĐ-UBND",
            "decided_on": "31/02/2025",
            "deciding_body": "UBND tỉnh",
            "version": external.version,
        },
    )
    assert response.status_code == 200 and "Ngày ký" in response.content.decode()
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
    client.post(
        reverse("decisions:decision_edit", args=[external.pk]),
        {
            "title": "Về việc tặng Bằng khen",
            "number_symbol": "99/QĐ-UBND",
            "decided_on": "01/04/2025",
            "deciding_body": "UBND tỉnh",
            "scan": SimpleUploadedFile("anh.png", png, content_type="image/png"),
            "version": external.version,
        },
    )
    external.refresh_from_db()
    assert external.number_symbol == "99/QĐ-UBND" and external.decided_on == date(2025, 4, 1)
    assert external.scan.name.endswith(".png")


def test_the_proposal_package_downloads(client, world, people):
    import zipfile

    client.force_login(people["officer"])
    response = client.get(reverse("decisions:proposal_package", args=[world["proposal"].pk]))
    names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    assert "MANIFEST.txt" in names and any(name.startswith("00-to-trinh") for name in names)
    assert client.get(reverse("decisions:proposal_package", args=[world["draft"].pk])).status_code == 404


# ---------------------------------------------------------------- list, sections, tile


def test_the_list_filters_and_has_a_fixed_number_of_queries(
    client, world, people, org_tree, django_assert_max_num_queries
):
    for _ in range(5):
        f.draft(people["officer"], org_tree["agency"], [("GIAY_KHEN", org_tree["div_a"])])
    client.force_login(people["officer"])
    url = reverse("decisions:decision_list")
    with django_assert_max_num_queries(10):
        page = client.get(url).content.decode()
    assert page.count('data-testid="decision-row-') == 9
    with django_assert_max_num_queries(10):
        assert client.get(url, {"status": "issued"}).content.decode().count('data-testid="decision-row-') == 1
    only = client.get(url, {"kind": "proposal"}).content.decode()
    assert only.count('data-testid="decision-row-') == 1
    assert client.get(url, {"year": "abc"}).status_code == 400
    assert client.get(url, {"year": 2023}).content.decode().count('data-testid="decision-row-') == 0


def test_the_dashboard_tile_counts_what_waits(client, world, people):
    services.decision_transition(
        actor=people["officer"], decision=world["draft"], action="submit", version=world["draft"].version
    )
    client.force_login(people["signer"])
    tile = re.search(r'data-testid="tile-decisions".*?</section>', client.get("/").content.decode(), re.S)
    assert tile and re.search(r"Chờ ký số.*?>1<", tile.group(0), re.S)
    client.force_login(people["officer"])
    tile = re.search(r'data-testid="tile-decisions".*?</section>', client.get("/").content.decode(), re.S)
    assert tile and re.search(r"Đã ký, chờ ban hành.*?>0<", tile.group(0), re.S)
    assert re.search(r"Dự thảo.*?>2<", tile.group(0), re.S)  # the proposal and the paper decision
    client.force_login(people["staff_a"])
    assert 'data-testid="tile-decisions"' not in client.get("/").content.decode()


def test_the_nomination_page_shows_its_decision(client, world, people):
    line = world["issued"].lines.get()
    client.force_login(people["officer"])
    page = client.get(reverse("nominations:line_detail", args=[line.nomination_id])).content.decode()
    assert 'data-testid="decision-section"' in page and world["issued"].number_symbol in page


def test_the_menu_leads_the_office_the_head_and_unit_heads_to_the_decisions(client, people):
    url = reverse("decisions:decision_list")
    for who, shown in (("officer", True), ("signer", True), ("head_a", True), ("staff_a", False)):
        client.force_login(people[who])
        assert (f'href="{url}"' in client.get("/").content.decode()) is shown, who


def test_a_division_head_reads_every_name_and_opens_only_their_people(client, org_tree, people):
    """No link to a page that would answer 404: division A's head reads the names of division B's awardees
    without links to their records."""
    ours, theirs = f.person(org_tree["div_a"], "Ánh"), f.person(org_tree["div_b"], "Bảo")
    decision = f.draft(people["officer"], org_tree["agency"], [("GIAY_KHEN", ours), ("GIAY_KHEN", theirs)])
    f.drive(decision, "issued", people)
    client.force_login(people["head_a"])
    page = client.get(reverse("decisions:decision_detail", args=[decision.pk])).content.decode()
    assert ours.full_name in page and theirs.full_name in page
    assert reverse("organizations:person_detail", args=[ours.pk]) in page
    assert reverse("organizations:person_detail", args=[theirs.pk]) not in page
    assert client.get(reverse("organizations:person_detail", args=[theirs.pk])).status_code == 404


def test_each_kind_shows_only_its_own_steps(client, world, people):
    client.force_login(people["officer"])
    own = client.get(reverse("decisions:decision_detail", args=[world["draft"].pk])).content.decode()
    assert 'data-testid="action-submit"' in own and 'data-testid="action-register"' not in own
    paper = client.get(reverse("decisions:decision_detail", args=[world["external"].pk])).content.decode()
    assert 'data-testid="action-register"' in paper and 'data-testid="action-submit"' not in paper


def test_nothing_left_to_add_says_so(client, drafts, people):
    award, _proposal = drafts
    client.force_login(people["officer"])
    page = client.get(reverse("decisions:line_add", args=[award.pk])).content.decode()
    assert 'data-testid="nothing-to-add"' in page and 'data-testid="line-save"' not in page
