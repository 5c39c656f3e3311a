"""The fund in a real browser: the office opens the year's book, records the budget's allocation, pays one
awardee of the issued decision from the year's page (date and voucher) and sees the balances move and the
decision's money table still match; the Director reads the same page without the office's buttons."""

import os

import pytest
from playwright.sync_api import expect

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


def test_the_office_keeps_the_fund_in_the_browser(live_server, page, issued, org_tree):
    base = live_server.url
    agency = org_tree["agency"]
    year_url = f"{base}/quy-thi-dua/2025/?co-quan={agency.pk}"
    _login(page, base, "officer")
    page.goto(year_url)
    expect(page.get_by_test_id("no-book")).to_be_visible()
    page.get_by_test_id("book-edit").click()
    page.get_by_label("Số dư đầu năm (đồng)").fill("10.000.000")
    page.get_by_label("Số tiền làm căn cứ trích (đồng)").fill("500.000.000")
    page.get_by_test_id("fund-save").click()
    expect(page.get_by_test_id("opening")).to_have_text("10.000.000")
    expect(page.get_by_test_id("ceiling")).to_contain_text("100.000.000")

    page.get_by_test_id("income-create").click()
    page.get_by_label("Nguồn thu").select_option(label="Ngân sách nhà nước")
    page.get_by_label("Số tiền (đồng)").fill("60.000.000")
    page.get_by_label("Ngày", exact=True).fill("10/01/2025")
    page.get_by_label("Diễn giải").fill("Dự toán kinh phí thi đua năm 2025")
    page.get_by_test_id("fund-save").click()
    expect(page.get_by_test_id("balance")).to_have_text("70.000.000")
    expect(page.get_by_test_id("balance-after")).to_have_text("65.540.000")

    entry = issued.fund_entries.order_by("decision_line__position").first()
    row = page.get_by_test_id(f"pay-{entry.pk}")
    row.get_by_label("Ngày chi").fill("27/03/2025")
    row.get_by_label("Số chứng từ").fill("PC-01/2025")
    row.get_by_role("button", name="Ghi đã chi").click()
    expect(page.get_by_test_id(f"entry-status-{entry.pk}")).to_have_text("Đã chi")
    expect(page.get_by_test_id("paid-total")).to_have_text("710.000")
    expect(page.get_by_test_id("balance")).to_have_text("69.290.000")
    expect(page.get_by_test_id("balance-after")).to_have_text("65.540.000")
    expect(page.get_by_test_id(f"decision-check-{issued.pk}")).to_contain_text("Khớp")
    if os.environ.get("FUND_SHOTS"):  # screenshots for a reviewer, on demand
        page.screenshot(path="test-artifacts/fund-year.png", full_page=True)

    page.get_by_test_id(f"decision-check-{issued.pk}").get_by_role("link").click()
    expect(page.get_by_test_id("money-check")).to_contain_text("Khớp")
    expect(page.get_by_test_id(f"money-row-{entry.decision_line_id}")).to_contain_text("PC-01/2025")
    if os.environ.get("FUND_SHOTS"):
        page.screenshot(path="test-artifacts/fund-decision.png", full_page=True)

    _login(page, base, "signer")
    page.goto(year_url)
    expect(page.get_by_test_id("balance")).to_have_text("69.290.000")
    expect(page.get_by_test_id("income-create")).to_have_count(0)
    expect(page.locator("[data-testid^='pay-']")).to_have_count(0)
