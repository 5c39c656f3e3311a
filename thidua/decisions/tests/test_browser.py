"""The decision in a real browser: the office drafts the award decision from the council's closed session and
submits it; the Director signs (the page shows the signature verified, with the demo certificate's warning) and
issues it; the office follows the link to the registry and finds the awards there."""

import os
import re

import pytest
from playwright.sync_api import expect

from thidua.decisions.models import Decision, DecisionKind

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


def _open_decisions(page):
    page.get_by_role("button", name="Khen thưởng").click()  # the commendation cycle's menu
    page.get_by_role("link", name="Quyết định khen thưởng").click()


def test_the_office_drafts_the_director_signs_and_issues_and_the_registry_shows_the_awards(
    live_server, page, closed_session, people
):
    base = live_server.url
    page.on("dialog", lambda dialog: dialog.accept())
    session = closed_session()
    names = sorted(
        item.nomination.person.full_name
        for item in session.items.select_related("nomination__person")
        if item.passed and item.nomination.code in ("CSTDCS", "GIAY_KHEN")
    )

    _login(page, base, "officer")
    _open_decisions(page)
    page.get_by_test_id(f"from-session-{session.pk}").click()
    expect(page.get_by_test_id("decision-status")).to_have_text("Đang soạn")
    expect(page.get_by_test_id("decision-title")).to_contain_text("Chiến sĩ thi đua cơ sở")
    for name in names:
        expect(page.get_by_role("link", name=name)).to_be_visible()
    expect(page.get_by_test_id("total")).to_contain_text("3 trường hợp")
    page.get_by_test_id("action-submit").click()
    expect(page.get_by_test_id("decision-status")).to_have_text("Trình ký")
    decision = Decision.objects.get(kind=DecisionKind.AWARD)

    _login(page, base, "signer")
    expect(page.get_by_test_id("tile-decisions")).to_contain_text("Chờ ký số")
    _open_decisions(page)
    page.get_by_role("link", name=decision.title).click()
    page.get_by_test_id("action-sign").click()
    expect(page.get_by_test_id("decision-status")).to_have_text("Đã ký")
    expect(page.get_by_test_id("signature-ok")).to_have_text("Chữ ký số hợp lệ")
    expect(page.get_by_test_id("signature-demo")).to_be_visible()
    decision.refresh_from_db()
    expect(page.get_by_test_id("decision-number")).to_have_text(decision.number_symbol)
    page.get_by_test_id("action-issue").click()
    expect(page.get_by_test_id("decision-status")).to_have_text("Đã ban hành")

    _login(page, base, "officer")
    page.goto(f"{base}/quyet-dinh/{decision.pk}/")
    expect(page.get_by_test_id("signature-ok")).to_be_visible()
    page.get_by_test_id("registry-link").click()
    expect(page).to_have_url(re.compile(r"/khen-thuong/so/\?decision="))
    table = page.get_by_test_id("award-table")
    for name in names:
        expect(table).to_contain_text(name)
    expect(table.get_by_test_id("award-documents").first).to_contain_text(decision.number_symbol)
