"""In a real browser: a notification appears in the bell of the page shell, opening it from the list leads to its
page and marks it read (the count goes), on a desktop and on a phone (the bell stays outside the folded menu)."""

import os

import pytest
from playwright.sync_api import expect

from thidua.accounts.models import Role
from thidua.notifications import services
from thidua.notifications.models import Notification

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "x-Password-123"


def _login(page, base, username):
    page.goto(f"{base}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{base}/")


def test_a_notification_appears_in_the_bell_and_opening_it_marks_it_read(
    live_server, page, make_user, org_tree
):
    base = live_server.url
    head = make_user(Role.UNIT_HEAD, org_tree["div_a"], username="truongphong")
    _login(page, base, "truongphong")
    bell = page.get_by_test_id("notification-bell")
    expect(bell).to_be_visible()
    expect(page.get_by_test_id("notification-count")).to_have_count(0)

    services.notify(
        users=[head],
        title="Tờ trình bị trả lại một dòng",
        body="Lý do: thiếu báo cáo thành tích.",
        url="/phong-trao/",
    )
    page.reload()
    expect(page.get_by_test_id("notification-count")).to_have_text("1 chưa đọc")

    bell.click()
    page.wait_for_url(f"{base}/thong-bao/")
    item = page.get_by_test_id("notification-list").get_by_role("link", name="Tờ trình bị trả lại một dòng")
    expect(item).to_have_attribute("data-unread", "1")
    expect(item).to_contain_text("Lý do: thiếu báo cáo thành tích.")
    item.click()
    page.wait_for_url(f"{base}/phong-trao/")
    expect(page.get_by_role("heading", name="Phong trào thi đua")).to_be_visible()
    expect(page.get_by_test_id("notification-count")).to_have_count(0)
    assert Notification.objects.get(user=head).read_at is not None

    page.get_by_test_id("notification-bell").click()
    expect(page.get_by_test_id("notification-list").locator("[data-unread]")).to_have_count(0)


def test_on_a_phone_the_bell_shows_without_opening_the_menu(live_server, browser, make_user, org_tree):
    base = live_server.url
    staff = make_user(Role.STAFF, org_tree["div_a"], username="nhanvien")
    services.notify(users=[staff], title="Hạn nộp hồ sơ", email=False)
    context = browser.new_context(locale="vi-VN", viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        _login(page, base, "nhanvien")
        expect(page.get_by_test_id("notification-count")).to_be_visible()
        expect(page.locator("#mainnav")).not_to_be_visible()
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390
        page.get_by_test_id("notification-bell").click()
        page.wait_for_url(f"{base}/thong-bao/")
        page.get_by_test_id("notifications-mark-all").click()
        expect(page.get_by_role("status")).to_contain_text("Đã đánh dấu 1 thông báo là đã đọc.")
        expect(page.get_by_test_id("notification-count")).to_have_count(0)
    finally:
        context.close()
