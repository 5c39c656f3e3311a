"""The ballot in a real browser: the secretary opens a session and a ballot and notes the tally code, a member
declares a conflict on one item and votes on the other (the receipt is shown once), the secretary enters an
absent member's written vote, closes with the tally code and tallies; the member finds the receipt in the
published tally and the minutes download."""

import os

import pytest
from playwright.sync_api import expect

from thidua.council import services
from thidua.council.tests.conftest import HELD_ON, voters

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "x-Password-123"


def _login(page, base, username):
    page.context.clear_cookies()
    page.goto(f"{base}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{base}/")


def test_a_council_votes_in_the_browser(live_server, page, make_council, make_line, people):
    base = live_server.url
    page.on("dialog", lambda dialog: dialog.accept())
    council = make_council(5)
    session = services.session_create(
        actor=people["secretary"], council=council, held_on=HELD_ON, place="Phòng họp"
    )
    first, second = services.agenda_add(
        actor=people["secretary"], session=session, nominations=[make_line("BANG_KHEN_TINH"), make_line()]
    )

    _login(page, base, "secretary")
    page.goto(f"{base}/phien-hop/{session.pk}/")
    page.get_by_test_id("session-open").click()
    expect(page.get_by_test_id("session-status")).to_have_text("Đang họp")
    page.get_by_test_id(f"ballot-open-{first.pk}").click()
    code = page.get_by_test_id("tally-code").inner_text().strip()
    assert len(code) == 39

    _login(page, base, "member")
    page.goto(f"{base}/phien-hop/{session.pk}/bo-phieu/")
    page.get_by_test_id(f"vote-item-{second.pk}").locator("summary").click()
    page.locator(f"#note-{second.pk}").fill("Người được đề nghị là người thân.")
    page.get_by_test_id(f"declare-{second.pk}").click()
    expect(page.get_by_test_id(f"conflict-{second.pk}")).to_be_visible()
    page.get_by_label("Đồng ý", exact=True).check()
    page.get_by_test_id(f"cast-{first.pk}").click()
    receipt = page.get_by_test_id("receipt").inner_text().strip()
    page.get_by_test_id("back-to-vote").click()
    expect(page.get_by_test_id(f"voted-{first.pk}")).to_be_visible()

    _login(page, base, "officer")
    page.goto(f"{base}/phien-hop/{session.pk}/bo-phieu/")
    page.get_by_label("Đồng ý", exact=True).check()
    page.get_by_test_id(f"cast-{first.pk}").click()
    expect(page.get_by_test_id("receipt")).to_be_visible()

    _login(page, base, "secretary")
    page.goto(f"{base}/phien-hop/{session.pk}/")
    page.get_by_test_id(f"written-{first.pk}").click()
    absent = voters(session)[0]  # the chair, absent, sends a written vote
    page.locator("#id_member").select_option(str(absent.pk))
    page.get_by_label("Đồng ý", exact=True).check()
    page.get_by_test_id("written-save").click()
    expect(page.get_by_test_id("receipt")).to_be_visible()
    page.goto(f"{base}/phien-hop/{session.pk}/")
    page.get_by_test_id(f"ballot-close-{first.pk}").click()
    page.locator("#id_tally_code").fill(code)
    page.get_by_test_id("ballot-close-submit").click()
    page.get_by_test_id(f"ballot-tally-{first.pk}").click()
    expect(page.get_by_test_id(f"result-{first.pk}")).to_have_text("Thông qua")  # 3 of 5 > 50 %

    _login(page, base, "member")
    page.goto(f"{base}/phien-hop/noi-dung/{first.pk}/")
    expect(page.get_by_test_id("receipts")).to_contain_text(receipt)
    page.goto(f"{base}/phien-hop/{session.pk}/")
    with page.expect_download() as download:
        page.get_by_test_id("minutes-docx").click()
    assert download.value.suggested_filename == "bien-ban-hop-20250312.docx"
