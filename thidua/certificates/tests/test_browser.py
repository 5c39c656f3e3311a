"""Certificates in a real browser: the officer calibrates the blank (a bad value is named, then saved), prints the
decision's certificates on it and sees the numbers; a visitor without a login types the code printed beside the QR
code and reads the verification."""

import os

import pytest
from playwright.sync_api import expect

from thidua.certificates import services
from thidua.certificates.models import Paper, PrintedCertificate

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


def test_the_office_calibrates_and_prints_and_a_visitor_verifies(live_server, page, decision, people):
    base = live_server.url
    template = services.template_create(
        actor=people["officer"],
        agency=decision.agency,
        name="Phôi Giấy khen",
        paper=Paper.A4_LANDSCAPE,
        blank=True,
    )
    _login(page, base, "officer")
    page.goto(f"{base}/giay-khen/mau/{template.pk}/")
    row = page.get_by_test_id("field-awardee_name")
    row.locator("input[name='awardee_name-x']").fill("-5")
    page.get_by_test_id("layout-save").click()
    expect(page.get_by_test_id("layout-errors")).to_contain_text(
        "Họ tên, tên tập thể: tọa độ và độ rộng không được âm."
    )
    page.get_by_test_id("field-awardee_name").locator("input[name='awardee_name-x']").fill("62")
    page.get_by_test_id("layout-save").click()
    expect(page.locator(".alert-success")).to_contain_text("mẫu đã được căn chỉnh")

    page.goto(f"{base}/giay-khen/quyet-dinh/{decision.pk}/")
    page.get_by_test_id("print-form").locator("select[name='template']").select_option(label="Phôi Giấy khen")
    page.get_by_test_id("print-submit").click()
    expect(page.locator(".alert-success")).to_contain_text("Đã in 4 giấy khen")
    line = decision.lines.get(position=1)
    serial = PrintedCertificate.objects.get(line=line).serial
    expect(page.get_by_test_id(f"line-status-{line.pk}")).to_contain_text(serial)

    page.context.clear_cookies()
    page.goto(f"{base}/xac-minh/")
    page.get_by_label("Mã xác minh").fill(line.verify_code)
    page.get_by_role("button", name="Xác minh").click()
    expect(page.get_by_test_id("verify-status")).to_contain_text("Có hiệu lực")
    expect(page.get_by_test_id("verify-name")).to_have_text(line.subject_name)
    expect(page.get_by_test_id("verify-serials")).to_have_text(serial)
