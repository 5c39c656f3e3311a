"""An officer imports a year of ratings in a real browser: downloads the template, uploads a file with errors,
reads them, uploads the corrected file, watches the progress bar reach 100% and writes it."""

import os

import pytest
from playwright.sync_api import expect

from thidua.appraisals.models import Appraisal

from .conftest import RATINGS_HEADER, make_xlsx

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _upload(page, url, name, data, *, dry_run):
    page.goto(url)
    page.get_by_label("Tệp Excel (.xlsx) theo mẫu").set_input_files(
        {
            "name": name,
            "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "buffer": data,
        }
    )
    checkbox = page.get_by_label("Chỉ kiểm tra (chạy thử), chưa ghi")
    if checkbox.is_checked() != dry_run:
        checkbox.click()
    page.get_by_test_id("upload-button").click()
    page.wait_for_url("**/du-lieu/lan-nhap/*/")


def test_import_ratings_with_errors_then_fixed_with_progress_bar(live_server, page, facts_world):
    page.goto(f"{live_server.url}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill("officer")
    page.get_by_label("Mật khẩu").fill("x-Password-123")
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{live_server.url}/")

    upload_url = f"{live_server.url}/du-lieu/nhap/ratings/"
    page.goto(upload_url)
    with page.expect_download() as download:
        page.get_by_test_id("template-link").click()
    assert download.value.suggested_filename == "mau-ratings.xlsx"

    bad = make_xlsx(
        [["CB001", "", 2024, "HTTNV"], ["CB404", "", 2024, "HTTNV"], ["CB002", "", 2024, "GIỎI"]],
        header=RATINGS_HEADER,
    )
    _upload(page, upload_url, "xep-loai-2024.xlsx", bad, dry_run=True)
    status = page.get_by_test_id("job-status")
    expect(status).to_have_attribute("data-status", "invalid")
    errors = page.get_by_test_id("job-errors").locator("tbody tr")
    expect(errors).to_have_count(2)
    expect(errors.nth(0)).to_contain_text("Không tìm thấy cán bộ có mã “CB404”.")
    expect(errors.nth(1)).to_contain_text("Xếp loại")
    assert Appraisal.objects.count() == 0

    good = make_xlsx(
        [["CB001", "", 2024, "HTTNV"], ["CB002", "", 2024, "HTXSNV"], ["CB003", "", 2024, "HTNV"]],
        header=RATINGS_HEADER,
    )
    _upload(page, upload_url, "xep-loai-2024-da-sua.xlsx", good, dry_run=True)
    progress = page.get_by_test_id("job-progress")
    expect(progress).to_have_attribute("value", "100")
    expect(page.get_by_test_id("job-progress-text")).to_have_text("100%")
    expect(page.get_by_test_id("job-message")).to_contain_text("Tệp hợp lệ: 3 dòng (3 thêm mới, 0 cập nhật)")
    assert Appraisal.objects.count() == 0

    page.get_by_test_id("commit-button").click()
    expect(page.get_by_test_id("job-status")).to_have_attribute("data-status", "done")
    expect(page.get_by_test_id("job-progress")).to_have_attribute("value", "100")
    expect(page.get_by_test_id("job-message")).to_contain_text("Đã ghi 3 dòng: 3 thêm mới, 0 cập nhật.")
    assert Appraisal.objects.filter(year=2024).count() == 3

    page.goto(f"{live_server.url}/can-bo/{facts_world['people']['CB002'].pk}/")
    expect(page.get_by_test_id("person-years")).to_contain_text("HTXSNV")
