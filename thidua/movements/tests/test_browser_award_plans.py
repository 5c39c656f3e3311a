"""In a browser: the office plans a movement's awards on its page, then records awards against it in the registry
until the plan is reached; one more is refused with the reason, on the form."""

import os

import pytest
from playwright.sync_api import expect

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_office_plans_awards_and_the_registry_keeps_to_the_plan(
    live_server, page, launched, people, org_tree
):
    base = live_server.url
    page.goto(f"{base}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill("officer")
    page.get_by_label("Mật khẩu").fill("x-Password-123")
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{base}/")

    page.goto(f"{base}/phong-trao/{launched.pk}/")
    form = page.get_by_test_id("award-plan-form")
    form.get_by_label("Danh hiệu, hình thức khen thưởng").select_option("GIAY_KHEN")
    form.get_by_label("Khen thưởng khi").select_option("final")
    form.get_by_label("Số lượng dự kiến").fill("1")
    form.get_by_label("Tiêu chuẩn").fill("Đơn vị dẫn đầu phong trào.")
    page.get_by_test_id("award-plan-add").click()
    section = page.locator("#khen-thuong-du-kien")
    expect(section).to_contain_text("Giấy khen")
    expect(section).to_contain_text("0/1")

    def record(unit_code: str) -> None:
        page.goto(f"{base}/khen-thuong/so/them/")
        page.get_by_label("Mã cán bộ hoặc mã đơn vị").fill(unit_code)
        page.get_by_label("Danh hiệu, hình thức").select_option("GIAY_KHEN")
        page.get_by_label("Năm thành tích").fill("2023")
        page.get_by_label("Phong trào").select_option(str(launched.pk))
        page.locator("form button[type=submit]").last.click()

    record(org_tree["div_a"].code)
    page.goto(f"{base}/phong-trao/{launched.pk}/")
    expect(page.locator("#khen-thuong-du-kien")).to_contain_text("1/1")

    record(org_tree["div_b"].code)
    expect(page.locator("body")).to_contain_text("Vượt số khen thưởng dự kiến của phong trào")
