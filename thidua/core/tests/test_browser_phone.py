"""Every page the officer and staff reach fits a phone: at 390 px wide nothing scrolls sideways, and the menu opens.

The walk visits one page per route and query shape (as test_walk_roles does), in Chromium at 390×844, and names
every page whose document is wider than the screen.
"""

import os
import re
from urllib.parse import parse_qsl, urljoin, urlparse

import pytest
from django.core.management import call_command
from django.urls import Resolver404, resolve, reverse
from playwright.sync_api import Error as PlaywrightError

from thidua.movements.models import Movement

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Thidua@2025"
PHONE = {"width": 390, "height": 844}
SKIP = re.compile(
    r"(dang-xuat|/xoa/|huy-bo|thu-hoi|/i18n/|\.(pdf|docx|xlsx|zip|csv|png|jpg|svg|js|css)(\?|$)|/api/|"
    r"/quan-tri/|/static/|/media/|tai-xuong|/tai-ve|download|export|xuat-)"
)
# The widest element of an overflowing page, to say what sticks out.
WIDEST = """() => {
  const limit = document.documentElement.clientWidth;
  let worst = null;
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.width && r.right > limit + 1 && (!worst || r.right > worst.right)) {
      worst = {right: Math.round(r.right), tag: el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '')};
    }
  }
  return worst;
}"""


def _shape(path: str) -> tuple:
    url = urlparse(path)
    try:
        name = resolve(url.path).view_name
    except Resolver404:
        name = url.path
    return name, tuple(sorted(key for key, value in parse_qsl(url.query) if value))


def _login(page, base, username):
    page.goto(f"{base}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{base}/")


def _too_wide(page, base, username, also=(), limit=150) -> tuple[list[str], set]:
    """Walk the user's pages (and every page in `also`); return those wider than the phone and the routes read."""
    problems: list[str] = []
    queue: list[str] = ["/", *also]
    seen_paths: set[str] = set()
    seen_shapes: set[tuple] = set()
    while queue and len(seen_shapes) < limit:
        path = queue.pop(0)
        shape = _shape(path)
        if path in seen_paths or (shape in seen_shapes and path not in also):
            continue
        seen_paths.add(path)
        seen_shapes.add(shape)
        try:
            response = page.goto(base + path, wait_until="load")
        except PlaywrightError as error:  # a file served as an attachment is a download, not a page
            if "Download is starting" in str(error):
                continue
            raise
        if (
            response is None
            or response.status != 200
            or "text/html" not in response.headers.get("content-type", "")
        ):
            continue
        scroll, client = page.evaluate(
            "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        if scroll > client:
            worst = page.evaluate(WIDEST)
            problems.append(f"{username}: {path} is {scroll}px wide on a {client}px screen (widest: {worst})")
        for href in page.eval_on_selector_all(
            "a[href]:not([download])", "els => els.map(e => e.getAttribute('href'))"
        ):
            url = urlparse(urljoin(base + path, href))
            target = url.path + ("?" + url.query if url.query else "")
            if url.netloc == urlparse(base).netloc and not SKIP.search(target):
                queue.append(target)
    return problems, seen_shapes


# Every demo role, in three walks of similar length that the test workers run side by side.
ROLE_WALKS = {
    "office": ("vanphong",),
    "heads": ("truongphong", "giamdoc", "admin"),
    "others": ("nhanvien", "hoidong", "thuky", "congdoan", "doanthanhnien"),
}


@pytest.mark.layout
@pytest.mark.parametrize("walk", ROLE_WALKS)
def test_every_page_of_every_role_fits_a_390px_phone(live_server, browser, walk):
    call_command("seed_demo", verbosity=0)
    movements = list(Movement.objects.values_list("pk", flat=True))
    assert movements
    base = live_server.url
    context = browser.new_context(locale="vi-VN", viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    problems: list[str] = []
    try:
        for username in ROLE_WALKS[walk]:
            context.clear_cookies()
            _login(page, base, username)
            # the officer opens every movement: the long one with 90 targets is the page reported too wide
            also = (
                [reverse("movements:detail", args=[pk]) for pk in movements] if username == "vanphong" else []
            )
            found, read = _too_wide(page, base, username, also)
            assert len(read) > (8 if username in ("vanphong", "admin", "nhanvien") else 2), (username, read)
            problems += found
    finally:
        context.close()
    assert problems == [], "\n".join(problems)


@pytest.mark.layout
def test_the_menu_opens_on_a_phone_and_its_links_can_be_followed(live_server, browser):
    call_command("seed_demo", verbosity=0)
    base = live_server.url
    context = browser.new_context(locale="vi-VN", viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        _login(page, base, "vanphong")
        menu = page.locator("#mainnav")
        assert not menu.is_visible()
        page.get_by_role("button", name="Mở menu").click()
        menu.wait_for(state="visible")
        link = menu.get_by_role("link", name="Phong trào thi đua", exact=True).first
        link.wait_for(state="visible")
        box = link.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
        link.click()
        page.wait_for_load_state("load")
        assert page.url != f"{base}/"
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    finally:
        context.close()
