"""In a browser: a visitor who is not logged in searches the legal library without diacritics and opens a
document; an officer reads the catalogues from the menu; every page of the app fits a 390 px phone."""

import os

import pytest
from django.urls import reverse

from thidua.accounts.models import Role
from thidua.catalogues import demo

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "x-Password-123"  # the make_user fixture's
PHONE = {"width": 390, "height": 844}


def _login(page, base, username):
    page.goto(f"{base}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{base}/")


def test_a_visitor_searches_the_library_without_diacritics_and_opens_a_document(live_server, page):
    demo.record_legal_documents()
    base = live_server.url
    page.goto(base + reverse("catalogues:legal_list"))
    page.get_by_label("Tìm").fill("cong tac van thu")
    page.get_by_role("button", name="Lọc").click()
    page.wait_for_url("**q=cong*")
    rows = page.locator("tbody tr")
    assert rows.count() == 1
    page.get_by_role("link", name="Về công tác văn thư").click()
    page.get_by_role("heading", name="Nghị định 30/2020/NĐ-CP").wait_for()
    assert "Còn hiệu lực" in page.inner_text("main")


def test_every_page_of_the_catalogues_fits_a_390px_phone(live_server, browser, make_user, org_tree):
    demo.record_legal_documents()
    make_user(Role.OFFICER, org_tree["agency"], include_subunits=True, username="vanphong_cat")
    base = live_server.url
    context = browser.new_context(locale="vi-VN", viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    from thidua.catalogues.models import LegalDocument

    paths = [
        reverse("catalogues:titles"),
        reverse("catalogues:title_detail", args=["BANG_KHEN_TINH"]),
        reverse("catalogues:tracks"),
        reverse("catalogues:recipients"),
        reverse("catalogues:legal_list"),
        reverse(
            "catalogues:legal_detail", args=[LegalDocument.objects.get(number_symbol="152/2025/NĐ-CP").pk]
        ),
    ]
    problems = []
    try:
        _login(page, base, "vanphong_cat")
        page.get_by_role("button", name="Mở menu").click()
        page.get_by_role("button", name="Danh mục").click()
        page.get_by_role("link", name="Danh hiệu, hình thức khen thưởng").click()
        page.get_by_role("heading", name="Danh hiệu thi đua, hình thức khen thưởng").wait_for()
        for path in paths:
            response = page.goto(base + path, wait_until="load")
            assert response is not None and response.status == 200, path
            scroll, client = page.evaluate(
                "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
            )
            if scroll > client:
                problems.append(f"{path} is {scroll}px wide on a {client}px screen")
    finally:
        context.close()
    assert problems == [], "\n".join(problems)
