"""The statutory forms in a real browser: the office picks the year and the form, reads the filled table with its
empty cells explained, switches to the 2018 form of an earlier year and downloads the Excel file."""

import io
import os

import openpyxl
import pytest
from playwright.sync_api import expect

from thidua.reports.tests.test_statutory import world  # noqa: F401  (the hand-built agency)

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_office_previews_and_downloads_a_form(live_server, page, world):  # noqa: F811
    base = live_server.url
    page.goto(f"{base}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill("officer")
    page.get_by_label("Mật khẩu").fill("x-Password-123")
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{base}/")

    page.goto(f"{base}/thong-ke/bao-cao-thong-ke/")
    page.get_by_label("Năm thống kê").select_option("2024")
    page.get_by_role("button", name="Xem").click()
    page.get_by_label("Biểu", exact=True).select_option("0603")
    page.get_by_role("button", name="Xem").click()
    expect(page.get_by_test_id("statutory-period")).to_have_text(
        "Năm 2024 (từ ngày 01/12/2023 đến ngày 30/11/2024)"
    )
    total = page.locator('tr[data-row="01"] td')
    expect(total.nth(3)).to_have_text("5")
    expect(total.nth(4)).to_have_text("3")
    expect(total.nth(7)).to_have_text("–")
    expect(page.get_by_test_id("statutory-notes")).to_contain_text("1 khen thưởng chưa ghi ngày quyết định")

    with page.expect_download() as caught:
        page.get_by_test_id("statutory-xlsx").click()
    download = caught.value
    assert download.suggested_filename == "bieu-0603-2024-A.xlsx"
    sheet = openpyxl.load_workbook(io.BytesIO(download.path().read_bytes())).active
    assert sheet["A1"].value == "Biểu số: 0603.N/BNV-TĐKT" and sheet["D10"].value == 5

    page.get_by_label("Năm thống kê").select_option("2021")
    page.get_by_role("button", name="Xem").click()
    expect(page.get_by_label("Biểu", exact=True)).to_have_value("0701")
    expect(page.get_by_test_id("statutory-period")).to_have_text(
        "Năm 2021 (từ ngày 01/01/2021 đến ngày 31/12/2021)"
    )
