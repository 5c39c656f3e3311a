"""The dashboard shows each role the pending work of the demo Department, and every item leads where it is done."""

import os

import pytest
from django.core.management import call_command

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Thidua@2025"


def _login(page, base, username):
    page.goto(f"{base}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{base}/")


def _tile_text(page, key):
    return page.get_by_test_id(f"tile-{key}").inner_text()


def test_each_role_sees_its_pending_work_and_each_item_opens(live_server, page):
    call_command("seed_demo", verbosity=0)
    base = live_server.url
    expected = {
        # the office: registrations sent and still to send, reports overdue, the final review past its date
        "vanphong": {"reg-office": ["đã gửi, chờ tiếp nhận", "chưa gửi"], "movements-office": ["quá hạn"]},
        # the head of a division: the registration returned with its reason
        "truongphong": {"reg-unit": ["bị trả lại: Bổ sung bản cam kết"]},
        # staff: their own record and the titles registered for them
        "nhanvien": {"own-record": ["Nguyễn Văn An"], "reg-own": ["Lao động tiên tiến"]},
        # the Director: the year's awards at a glance
        "giamdoc": {"awards-year": ["Lao động tiên tiến"]},
    }
    for username, tiles in expected.items():
        page.context.clear_cookies()
        _login(page, base, username)
        for key, phrases in tiles.items():
            text = _tile_text(page, key)
            for phrase in phrases:
                assert phrase in text, (username, key, phrase, text)
        # every link of every tile opens a page the user may see
        links = page.get_by_test_id("dashboard").locator("a").evaluate_all("els => els.map(e => e.href)")
        assert links, username
        for href in links:
            response = page.request.get(href)
            assert response.status == 200, (username, href, response.status)


@pytest.mark.layout
def test_the_menu_fits_every_desktop_width_without_sideways_scrolling(live_server, page):
    """Every installed app adds its menu entries: the bar must still fit from a laptop to a wide screen."""
    call_command("seed_demo", verbosity=0)
    _login(page, live_server.url, "admin")  # the administrator sees every entry
    for width in (1024, 1200, 1280, 1366, 1440, 1600, 1920):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{live_server.url}/")
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, (width, overflow)
