"""An officer runs candidate discovery in the browser and opens a candidate's verdicts with their reasons."""

import os

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_officer_discovers_candidates_and_reads_the_reasons(live_server, page):
    call_command("seed_demo", people=160, years=10, seed=2021, verbosity=0)
    page.goto(f"{live_server.url}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill("vanphong")
    page.get_by_label("Mật khẩu").fill("Thidua@2025")
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{live_server.url}/")

    page.get_by_role("button", name="Khen thưởng").click()  # the commendation cycle's menu
    page.get_by_role("link", name="Rà soát khen thưởng").click()
    page.get_by_label("Cơ quan, đơn vị").select_option(
        label="Sở Khoa học và Công nghệ tỉnh Yên Bái (đến 30/06/2025)"
    )
    page.get_by_label("Năm thành tích").fill("2024")
    page.get_by_role("button", name="Rà soát").click()
    expect(page.get_by_test_id("progress-value")).to_have_text("100")
    findings = page.get_by_test_id("findings")
    expect(findings).to_be_visible()

    page.get_by_label("Danh hiệu, hình thức").select_option("CSTD_TINH")
    page.get_by_role("button", name="Lọc").click()
    rows = findings.locator("tbody tr")
    expect(rows.first).to_contain_text("Chiến sĩ thi đua cấp bộ, ban, ngành, tỉnh")  # by name, not by code
    expect(findings).to_contain_text("Chiến sĩ thi đua cơ sở")  # what is missing, in words

    rows.first.get_by_role("link").click()
    verdict = page.get_by_test_id("verdict-CSTD_TINH")
    verdict.get_by_role("button").click()
    expect(verdict).to_contain_text("Luật Thi đua, khen thưởng 06/2022/QH15")
