"""The whole commendation cycle of issue 12 in a real browser, each role in its own browser context:

1. the head of division A runs discovery for 2024 and nominates three findings into a draft batch ("nominate
   these"); the batch cannot be sent while its dossier lacks a required item; the head uploads the tờ trình and
   the minutes (real PDFs) and sends the batch;
2. the office returns one line with a reason (the head sees it), accepts the two others and the batch;
3. the office lists the accepted lines for public comment (the agency requires 3 working days for these forms)
   and publishes them; an anonymous visitor comments; the council's session cannot open while the window runs
   and the comment is not handled; the office handles it; the test moves the window into the past;
4. the council's secretary plans the session, puts the accepted lines on its agenda, opens it and both ballots
   (a tally code shown once per ballot); members vote in their own browsers (a receipt shown once), one declares
   a conflict, the secretary enters the absent chair's written vote; the ballots are closed with their codes and
   tallied: one line passes (2/3 of all members), the other does not (> 50 % of all members); the member finds
   the receipt in the published tally; the minutes download as DOCX and PDF and name the session;

and of issue 13:

5. the office drafts the award decision from the closed session's page and submits it; the Director signs it
   (the page shows the signature verified) and issues it;
6. the certificate's PDF carries a QR code that decodes to the public verification page, which an anonymous
   visitor opens: the award is valid, with the name and the decision's number;
7. the fund's year page lists the planned payment for the awardee; the office pays it (date and voucher) and
   the decision's money check says "Khớp"; the registry lists the award with its decision.
"""

import datetime as dt
import os
import subprocess

import pytest
import zxingcpp
from django.core.cache import cache
from django.utils import timezone
from docx import Document
from PIL import Image
from playwright.sync_api import expect

from thidua.accounts.models import Role
from thidua.appraisals import services as appraisal_services
from thidua.council import services as council_services
from thidua.council.models import AgendaItem, MemberRole, Session
from thidua.disclosure.models import DisclosureNotice, Feedback
from thidua.documents.layout import OfficialDocument, Paragraph, Signature, render_pdf
from thidua.nominations.models import Nomination, NominationStatus, ProposalBatch
from thidua.organizations.models import Assignment, Person, Position
from thidua.rules.models import RuleOverride

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "x-Password-123"
YEAR = 2024


@pytest.fixture(autouse=True)
def _clean_cache():
    """The public feedback throttle counts in the cache."""
    cache.clear()
    yield
    cache.clear()


def _pdf(title: str) -> bytes:
    return render_pdf(
        OfficialDocument(
            issuer="VĂN PHÒNG SỞ",
            number_symbol="01/TTr-VP",
            place="Yên Bái",
            date=dt.date(2025, 1, 15),
            doc_type_title=title,
            abstract="Đề nghị khen thưởng năm 2024",
            body=(Paragraph("Kính trình."),),
            signature=Signature(position="CHÁNH VĂN PHÒNG", name="Hoàng Thị Ánh"),
        )
    )


@pytest.fixture
def world(org_tree, make_user):
    """Division A has three people rated in 2022–2024 (HTXSNV, HTTNV, HTNV); the head of A, the agency's officer
    (the council's standing member), the council's secretary, two members with a login and a staff record in
    division B, and the chair (absent on the day). The agency requires 3 working days of public comment for
    CSTĐCS and LĐTT."""
    position = Position.objects.create(name="Chuyên viên")

    def person(code, family, given, unit):
        record = Person.objects.create(
            family_name=family,
            middle_name="Văn",
            given_name=given,
            sex="M",
            staff_code=code,
            recruited_on=dt.date(2010, 1, 1),
        )
        Assignment.objects.create(
            person=record, organization=org_tree[unit], position=position, start_on=dt.date(2010, 1, 1)
        )
        return record

    people = {}
    for code, family, given, rating in (
        ("A1", "Nguyễn", "An", "HTXSNV"),
        ("A2", "Trần", "Bình", "HTTNV"),
        ("A3", "Lê", "Chi", "HTNV"),
    ):
        people[code] = person(code, family, given, "div_a")
        for year in (2022, 2023, YEAR):
            appraisal_services.appraisal_create(actor=None, person=people[code], year=year, rating=rating)
    agency = org_tree["agency"]
    users = {
        "head_a": make_user(Role.UNIT_HEAD, org_tree["div_a"], username="head_a"),
        "officer": make_user(Role.OFFICER, agency, include_subunits=True, username="officer"),
        "secretary": make_user(Role.COUNCIL_SECRETARY, agency, username="secretary"),
        "member1": make_user(
            Role.COUNCIL_MEMBER, agency, username="member1", person=person("B1", "Phạm", "Dũng", "div_b")
        ),
        "member2": make_user(
            Role.COUNCIL_MEMBER, agency, username="member2", person=person("B2", "Vũ", "Giang", "div_b")
        ),
        "chair": make_user(Role.COUNCIL_MEMBER, agency, username="chair"),
        "director": make_user(Role.SIGNER, agency, username="director"),
    }
    org_tree["province"].place_name = "Yên Bái"  # the date line of the decision ("Yên Bái, ngày …")
    org_tree["province"].save()
    council = council_services.council_create(
        actor=users["officer"],
        agency=agency,
        name="Hội đồng Thi đua – Khen thưởng Sở",
        term_from=dt.date(2024, 1, 1),
    )
    for key, role in (
        ("chair", MemberRole.CHAIR),
        ("officer", MemberRole.STANDING),
        ("secretary", MemberRole.SECRETARY),
        ("member1", MemberRole.MEMBER),
        ("member2", MemberRole.MEMBER),
    ):
        council_services.member_add(
            actor=users["officer"],
            council=council,
            user=users[key],
            role=role,
            full_name="Đỗ Thị Hà" if key == "chair" else "",
        )
    RuleOverride.objects.create(
        organization=agency,
        key="disclosure.local_days",
        value={"CSTDCS": 3, "LDTT": 3},
        source="Quy chế thi đua, khen thưởng của Sở",
    )
    return {"orgs": org_tree, "people": people, "users": users, "council": council}


def _new_page(browser):
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.on("dialog", lambda dialog: dialog.accept())
    return page


def _login(page, base, username):
    page.goto(f"{base}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{base}/")


def _upload(page, kind, path):
    form = page.get_by_test_id("dossier-upload")
    form.locator("select[name=kind]").select_option(kind)
    form.locator("input[type=file]").set_input_files(str(path))
    form.get_by_role("button", name="Tải lên").click()


def _vote(page, item, choice):
    """Vote on `item` from the member's voting page; returns the receipt, shown once."""
    card = page.get_by_test_id(f"vote-item-{item.pk}")
    card.get_by_label(choice, exact=True).check()
    card.get_by_test_id(f"cast-{item.pk}").click()
    receipt = page.get_by_test_id("receipt")
    expect(receipt).to_be_visible()
    code = receipt.inner_text().strip()
    page.get_by_test_id("back-to-vote").click()
    expect(page.get_by_test_id(f"voted-{item.pk}")).to_be_visible()
    expect(page.locator("main")).not_to_contain_text(code)  # shown once: not on the voting page again
    return code


def test_the_whole_cycle_from_discovery_to_the_certificate_verified_by_qr(
    live_server, page, browser, world, tmp_path
):
    base = live_server.url
    today = timezone.localdate()
    a1, a2 = world["people"]["A1"], world["people"]["A2"]
    div_a = world["orgs"]["div_a"]
    page.on("dialog", lambda dialog: dialog.accept())

    # ---- 1. The head of division A sweeps the unit for 2024 and nominates three findings.
    head = page
    _login(head, base, "head_a")
    head.get_by_role("button", name="Khen thưởng").click()  # the commendation cycle's menu
    head.get_by_role("link", name="Rà soát khen thưởng").click()
    head.get_by_label("Cơ quan, đơn vị").select_option(str(div_a.pk))
    head.get_by_label("Năm thành tích").fill(str(YEAR))
    head.get_by_role("button", name="Rà soát").click()
    expect(head.get_by_test_id("findings")).to_be_visible()
    for person, code in ((a1, "CSTDCS"), (a1, "LDTT"), (a2, "LDTT")):
        head.get_by_test_id(f"nominate-individual-{person.pk}-{code}").check()
    head.get_by_test_id("nominate-these").click()
    expect(head.get_by_test_id("chosen").locator("tbody tr")).to_have_count(3)
    head.get_by_test_id("fd-confirm").click()
    expect(head.get_by_test_id("batch-status")).to_have_text("Đang soạn")
    expect(head.get_by_test_id("lines").locator("tbody tr")).to_have_count(3)
    batch = ProposalBatch.objects.get()
    batch_url = f"{base}/de-nghi-khen-thuong/{batch.pk}/"

    # The dossier lacks the tờ trình and the minutes: the batch cannot be sent yet.
    section = head.get_by_test_id("dossier-section")
    expect(section).to_contain_text("Thiếu hồ sơ")
    head.get_by_test_id("batch-action-submit").click()
    refusal = head.locator(".alert-danger").first
    expect(refusal).to_contain_text(
        "Hồ sơ của tờ trình còn thiếu: Tờ trình kèm danh sách đề nghị khen thưởng."
    )
    expect(refusal).to_contain_text("Hồ sơ của tờ trình còn thiếu: Biên bản họp xét của cấp đề nghị")
    expect(head.get_by_test_id("batch-status")).to_have_text("Đang soạn")

    # The head opens the dossier and uploads both items as real PDFs.
    head.get_by_test_id("dossier-section").get_by_test_id("dossier-link").click()
    expect(head.get_by_test_id("dossier-incomplete")).to_be_visible()
    proposal, minutes = tmp_path / "To trinh 01.pdf", tmp_path / "Bien ban hop xet.pdf"
    proposal.write_bytes(_pdf("TỜ TRÌNH"))
    minutes.write_bytes(_pdf("BIÊN BẢN"))
    _upload(head, "proposal", proposal)
    expect(head.get_by_test_id("batch-item-proposal")).to_contain_text("To trinh 01.pdf")
    _upload(head, "minutes", minutes)
    expect(head.get_by_test_id("batch-item-minutes")).to_contain_text("Bien ban hop xet.pdf")
    expect(head.get_by_test_id("dossier-complete")).to_be_visible()

    head.goto(batch_url)
    expect(head.get_by_test_id("dossier-section")).to_contain_text("Đủ hồ sơ")
    head.get_by_test_id("batch-action-submit").click()
    expect(head.get_by_test_id("batch-status")).to_have_text("Đã gửi lên")

    # ---- 2. The office returns A2's line with a reason, accepts the two others and the batch.
    officer = _new_page(browser)
    _login(officer, base, "officer")
    expect(officer.locator("main")).to_contain_text("Tờ trình chờ tiếp nhận")
    officer.goto(batch_url)
    returned = Nomination.objects.get(person=a2, code="LDTT")
    row = officer.get_by_test_id(f"line-{returned.pk}")
    row.get_by_test_id("line-action-return").click()
    officer.get_by_label("Lý do trả lại").fill("Bổ sung bản tóm tắt thành tích năm 2024")
    officer.get_by_test_id("line-return-save").click()
    row = officer.get_by_test_id(f"line-{returned.pk}")
    expect(row.get_by_test_id("line-status")).to_have_text("Bị trả lại")
    accepted = list(Nomination.objects.filter(person=a1).order_by("code"))  # CSTDCS, LDTT
    assert [line.code for line in accepted] == ["CSTDCS", "LDTT"]
    for line in accepted:
        officer.get_by_test_id(f"line-{line.pk}").get_by_test_id("line-action-accept").click()
        expect(officer.get_by_test_id(f"line-{line.pk}").get_by_test_id("line-status")).to_have_text(
            "Văn phòng đã chấp nhận"
        )
    officer.get_by_test_id("batch-action-accept").click()
    expect(officer.get_by_test_id("batch-status")).to_have_text("Đã tiếp nhận")

    head.goto(batch_url)
    expect(head.get_by_test_id(f"line-{returned.pk}").get_by_test_id("line-return-reason")).to_contain_text(
        "Bổ sung bản tóm tắt thành tích năm 2024"
    )

    # ---- 3. Public disclosure: the office lists the accepted lines (required: 3 working days) and publishes.
    officer.goto(f"{base}/thong-bao-cong-khai/")
    officer.get_by_test_id("notice-create").click()
    officer.get_by_label("Cơ quan công khai").select_option(str(world["orgs"]["agency"].pk))
    officer.get_by_label("Năm thành tích").fill(str(YEAR))
    officer.get_by_test_id("notice-choose").click()
    expect(officer.get_by_test_id("required-days")).to_contain_text("ít nhất 3 ngày làm việc")
    for line in accepted:
        expect(officer.get_by_test_id(f"line-{line.pk}").locator("input[type=checkbox]")).to_be_checked()
    officer.get_by_test_id("notice-save").click()
    expect(officer.get_by_test_id("notice-state")).to_contain_text("Dự thảo")
    officer.get_by_test_id("action-publish").click()
    expect(officer.locator("body")).to_contain_text("Đã đăng công khai danh sách.")
    expect(officer.get_by_test_id("notice-state")).to_contain_text("Đang nhận góp ý")
    expect(officer.get_by_test_id("notice-window")).to_contain_text("3 ngày làm việc")
    notice = DisclosureNotice.objects.get()

    # An anonymous visitor finds the list and comments on A1's CSTĐCS line.
    visitor = _new_page(browser)
    visitor.goto(f"{base}/cong-khai/")
    visitor.get_by_text(notice.title).click()
    expect(visitor.get_by_test_id(f"public-line-{accepted[0].pk}")).to_contain_text("Nguyễn Văn An")
    expect(visitor.locator("body")).not_to_contain_text("Trần Văn Bình")  # the returned line is not listed
    visitor.get_by_label("Góp ý về").select_option(label="Nguyễn Văn An – Chiến sĩ thi đua cơ sở")
    visitor.get_by_label("Nội dung góp ý").fill("Đề nghị làm rõ sáng kiến năm 2024 đã được công nhận chưa.")
    visitor.get_by_test_id("feedback-send").click()
    expect(visitor.locator("body")).to_contain_text("Cảm ơn bạn đã góp ý")
    visitor.context.close()

    # ---- 4a. The secretary plans the session and puts the accepted lines on its agenda.
    secretary = _new_page(browser)
    _login(secretary, base, "secretary")
    secretary.goto(f"{base}/hoi-dong/{world['council'].pk}/")
    secretary.get_by_test_id("session-create").click()
    secretary.get_by_label("Ngày họp").fill(today.strftime("%d/%m/%Y"))
    secretary.get_by_label("Địa điểm").fill("Phòng họp tầng 2")
    secretary.get_by_test_id("council-save").click()
    expect(secretary.get_by_test_id("session-status")).to_have_text("Dự kiến")
    session = Session.objects.get()
    session_url = f"{base}/phien-hop/{session.pk}/"
    secretary.get_by_test_id("agenda-add").click()
    for line in accepted:
        expect(secretary.locator(f"#n-{line.pk}")).to_be_checked()
    expect(secretary.locator(f"#n-{returned.pk}")).to_have_count(0)
    secretary.get_by_test_id("agenda-save").click()
    expect(secretary.locator("body")).to_contain_text("Đã đưa đề nghị vào chương trình phiên họp.")
    first, second = AgendaItem.objects.filter(session=session).order_by("position")
    assert (first.nomination_id, second.nomination_id) == (accepted[0].pk, accepted[1].pk)

    # The session cannot open: the window is running and the comment is not handled.
    problems = secretary.get_by_test_id("open-problems")
    expect(problems).to_contain_text(
        "Nguyễn Văn An (Chiến sĩ thi đua cơ sở): đang công khai, hạn góp ý đến hết"
    )
    expect(problems).to_contain_text("còn 1 góp ý chưa được xử lý")
    secretary.get_by_test_id("session-open").click()
    expect(secretary.locator(".alert-danger").first).to_contain_text("đang công khai, hạn góp ý đến hết")
    expect(secretary.get_by_test_id("session-status")).to_have_text("Dự kiến")

    # The office records how it handled the comment.
    officer.goto(f"{base}/thong-bao-cong-khai/{notice.pk}/")
    expect(officer.get_by_test_id("unhandled-count")).to_contain_text("1 chưa xử lý")
    card = officer.locator("article[data-testid^=feedback-]")
    expect(card).to_contain_text("Đề nghị làm rõ sáng kiến năm 2024")
    card.get_by_label("Kết quả xử lý").select_option("verified")
    card.get_by_label("Nội dung xử lý, trả lời").fill(
        "Ông An xếp loại Hoàn thành xuất sắc nhiệm vụ năm 2024."
    )
    card.locator("button[type=submit]").click()
    expect(officer.locator("body")).to_contain_text("Đã ghi kết quả xử lý góp ý")
    expect(officer.get_by_test_id("unhandled-count")).to_have_count(0)
    assert Feedback.objects.get().outcome == "verified"

    secretary.reload()
    expect(secretary.get_by_test_id("open-problems")).not_to_contain_text("góp ý chưa được xử lý")
    expect(secretary.get_by_test_id("open-problems")).to_contain_text("đang công khai")

    # Time passes: the test moves the window into the past (posted 3 weeks ago, closed 2 weeks ago).
    DisclosureNotice.objects.filter(pk=notice.pk).update(
        posted_at=today - dt.timedelta(days=21), comment_deadline=today - dt.timedelta(days=14)
    )
    officer.reload()
    expect(officer.get_by_test_id("notice-state")).to_contain_text("Đã hết thời hạn góp ý")

    # ---- 4b. The session opens; the secretary opens both ballots and notes each tally code.
    secretary.reload()
    expect(secretary.get_by_test_id("open-problems")).to_have_count(0)
    secretary.get_by_test_id("session-open").click()
    expect(secretary.get_by_test_id("session-status")).to_have_text("Đang họp")
    codes = {}
    for item in (first, second):
        secretary.get_by_test_id(f"ballot-open-{item.pk}").click()
        codes[item.pk] = secretary.get_by_test_id("tally-code").inner_text().strip()
        assert len(codes[item.pk]) == 39
        secretary.get_by_role("link", name="Đã ghi lại mã, quay về phiên họp").click()
        expect(secretary.get_by_test_id(f"state-{item.pk}")).to_have_text("Đang bỏ phiếu")
        expect(secretary.locator("main")).not_to_contain_text(codes[item.pk])
    expect(secretary.get_by_test_id(f"threshold-{first.pk}")).to_contain_text("2/3")
    expect(secretary.get_by_test_id(f"threshold-{second.pk}")).to_contain_text(">50%")

    # Members vote in their own browsers; member1 declares a conflict on the CSTĐCS line.
    member1 = _new_page(browser)
    _login(member1, base, "member1")
    member1.goto(session_url)
    member1.get_by_test_id("go-vote").click()
    member1.get_by_test_id(f"vote-item-{first.pk}").locator("summary").click()
    member1.locator(f"#note-{first.pk}").fill("Người được đề nghị là người thân của tôi.")
    member1.get_by_test_id(f"declare-{first.pk}").click()
    expect(member1.locator("body")).to_contain_text("Đã ghi nhận xung đột lợi ích")
    expect(member1.get_by_test_id(f"conflict-{first.pk}")).to_be_visible()
    expect(member1.get_by_test_id(f"cast-{first.pk}")).to_have_count(0)
    receipt = _vote(member1, second, "Đồng ý")

    member2 = _new_page(browser)
    _login(member2, base, "member2")
    member2.goto(f"{base}/phien-hop/{session.pk}/bo-phieu/")
    _vote(member2, first, "Đồng ý")
    _vote(member2, second, "Đồng ý")

    officer.goto(f"{base}/phien-hop/{session.pk}/bo-phieu/")
    _vote(officer, first, "Đồng ý")
    _vote(officer, second, "Không đồng ý")

    secretary.goto(f"{base}/phien-hop/{session.pk}/bo-phieu/")
    _vote(secretary, first, "Đồng ý")
    _vote(secretary, second, "Không biểu quyết")

    # The chair is absent and sent a written vote on the CSTĐCS line; the secretary enters it.
    secretary.goto(session_url)
    secretary.get_by_test_id(f"written-{first.pk}").click()
    secretary.get_by_label("Thành viên vắng mặt").select_option(label="Đỗ Thị Hà (Chủ tịch Hội đồng)")
    secretary.get_by_label("Đồng ý", exact=True).check()
    secretary.get_by_test_id("written-save").click()
    expect(secretary.locator("main")).to_contain_text("Ghi mã này lên phiếu bằng văn bản của Đỗ Thị Hà")
    expect(secretary.get_by_test_id("receipt")).to_be_visible()

    # The ballots close with their tally codes and are counted.
    secretary.goto(session_url)
    expect(secretary.get_by_test_id(f"item-{first.pk}")).to_contain_text("4/5")
    for item in (first, second):
        secretary.get_by_test_id(f"ballot-close-{item.pk}").click()
        secretary.get_by_label("Mã kiểm phiếu").fill(codes[item.pk])
        secretary.get_by_test_id("ballot-close-submit").click()
        expect(secretary.locator("body")).to_contain_text("Đã đóng bỏ phiếu và mở hòm phiếu.")
        secretary.get_by_test_id(f"ballot-tally-{item.pk}").click()
        expect(secretary.locator("body")).to_contain_text("Đã kiểm phiếu.")
    # CSTĐCS: 4 of 5 members agree (member1 in conflict), at least 2/3 of all members: passed.
    expect(secretary.get_by_test_id(f"result-{first.pk}")).to_have_text("Thông qua")
    expect(secretary.get_by_test_id(f"item-{first.pk}")).to_contain_text(
        "Đồng ý 4, không đồng ý 0, không biểu quyết 0; 3 bỏ phiếu trực tiếp, 1 phiếu bằng văn bản"
    )
    # LĐTT: 2 of 5 agree, not more than 50 % of all members: not passed.
    expect(secretary.get_by_test_id(f"result-{second.pk}")).to_have_text("Không thông qua")
    expect(secretary.get_by_test_id(f"item-{second.pk}")).to_contain_text("Đồng ý 2, không đồng ý 1")
    secretary.get_by_test_id("session-close").click()
    expect(secretary.get_by_test_id("session-status")).to_have_text("Đã kết thúc")
    assert Nomination.objects.get(pk=accepted[0].pk).status == NominationStatus.PASSED
    assert Nomination.objects.get(pk=accepted[1].pk).status == NominationStatus.NOT_PASSED

    # member1 finds the receipt in the published tally of the item voted on.
    member1.goto(f"{base}/phien-hop/noi-dung/{second.pk}/")
    expect(member1.get_by_test_id("receipts")).to_contain_text(receipt)

    # The unit head sees the council's result on the line that did not pass.
    head.goto(batch_url)
    row = head.get_by_test_id(f"line-{accepted[1].pk}")
    expect(row.get_by_test_id("line-status")).to_have_text("Hội đồng không thông qua")
    row.get_by_role("link", name="Nguyễn Văn An").click()
    expect(head.locator("main")).to_contain_text(
        "2 đồng ý, 1 không đồng ý, 1 không biểu quyết trên 5 thành viên"
    )
    expect(head.locator("main")).to_contain_text("ngưỡng >50%). Không thông qua.")

    # The minutes (biên bản họp) download as DOCX and PDF and name the session.
    secretary.goto(session_url)
    with secretary.expect_download() as download:
        secretary.get_by_test_id("minutes-docx").click()
    assert download.value.suggested_filename == f"bien-ban-hop-{today:%Y%m%d}.docx"
    docx_text = "\n".join(p.text for p in Document(download.value.path()).paragraphs)
    for expected in (
        "BIÊN BẢN",
        "Hội đồng Thi đua – Khen thưởng Sở",
        "Phòng họp tầng 2",
        f"{today:%d/%m/%Y}",
    ):
        assert expected in docx_text
    response = secretary.request.get(f"{base}{secretary.get_by_test_id('minutes-pdf').get_attribute('href')}")
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    pdf = tmp_path / "minutes.pdf"
    pdf.write_bytes(response.body())
    pdf_text = " ".join(
        subprocess.run(
            ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, check=True, text=True
        ).stdout.split()
    )
    assert "Phòng họp tầng 2" in pdf_text and "Nguyễn Văn An" in pdf_text

    # ---- 5. The office drafts the decision from the session's page; the Director signs and issues it.
    passed = Nomination.objects.get(status=NominationStatus.PASSED)
    officer.goto(session_url)
    officer.get_by_test_id("draft-decisions").click()
    expect(officer.get_by_test_id("decision-status")).to_have_text("Đang soạn")
    expect(officer.get_by_test_id("total")).to_contain_text("1 trường hợp")
    officer.get_by_test_id("action-submit").click()
    expect(officer.get_by_test_id("decision-status")).to_have_text("Trình ký")
    decision_url = officer.url

    director = _new_page(browser)
    _login(director, base, "director")
    expect(director.get_by_test_id("tile-decisions")).to_contain_text("Chờ ký số")
    director.goto(decision_url)
    director.get_by_test_id("action-sign").click()
    expect(director.get_by_test_id("decision-status")).to_have_text("Đã ký")
    expect(director.get_by_test_id("signature-ok")).to_have_text("Chữ ký số hợp lệ")
    number = director.get_by_test_id("decision-number").inner_text().strip()
    assert number.startswith("01/QĐ-")
    director.get_by_test_id("action-issue").click()
    expect(director.get_by_test_id("decision-status")).to_have_text("Đã ban hành")
    passed.refresh_from_db()
    assert passed.status == NominationStatus.AWARDED

    # ---- 6. The certificate's QR code opens the public verification page.
    award_line = passed.decision_lines.get()
    awardee = passed.person
    assert awardee is not None
    officer.goto(f"{base}/giay-khen/quyet-dinh/{award_line.decision_id}/")
    certificate = officer.request.get(f"{base}/giay-khen/dong/{award_line.pk}/giay-khen.pdf")
    assert certificate.status == 200 and certificate.headers["content-type"] == "application/pdf"
    scan = tmp_path / "certificate"
    (tmp_path / "certificate.pdf").write_bytes(certificate.body())
    subprocess.run(
        ["pdftoppm", "-png", "-r", "150", "-singlefile", str(tmp_path / "certificate.pdf"), str(scan)],
        check=True,
    )
    qr_codes = zxingcpp.read_barcodes(Image.open(f"{scan}.png"))
    assert len(qr_codes) == 1 and qr_codes[0].text.endswith(f"/xac-minh/{award_line.verify_code}/")
    visitor = _new_page(browser)  # no login
    visitor.goto(f"{base}/xac-minh/{award_line.verify_code}/")
    expect(visitor.get_by_test_id("verify-status")).to_contain_text("Có hiệu lực")
    expect(visitor.get_by_test_id("verify-name")).to_have_text(awardee.full_name)
    expect(visitor.get_by_test_id("verify-decision")).to_contain_text(number)

    # ---- 7. The fund pays the awardee; the money check matches; the registry shows the award.
    entry = award_line.fund_entries.get()
    officer.goto(f"{base}/quy-thi-dua/{today.year}/?co-quan={world['orgs']['agency'].pk}")
    row = officer.get_by_test_id(f"pay-{entry.pk}")
    row.get_by_label("Ngày chi").fill(f"{today:%d/%m/%Y}")
    row.get_by_label("Số chứng từ").fill("PC-01")
    row.get_by_role("button", name="Ghi đã chi").click()
    expect(officer.get_by_test_id(f"entry-status-{entry.pk}")).to_have_text("Đã chi")
    expect(officer.get_by_test_id(f"decision-check-{award_line.decision_id}")).to_contain_text("Khớp")
    officer.goto(decision_url)
    officer.get_by_test_id("registry-link").click()
    table = officer.get_by_test_id("award-table")
    expect(table).to_contain_text(awardee.full_name)
    expect(table.get_by_test_id("award-documents").first).to_contain_text(number)

    for other in (officer, secretary, member1, member2, director, visitor):
        other.context.close()
