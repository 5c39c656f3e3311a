"""The dossier in a real browser: the unit head sees what is missing, uploads the tờ trình (a fake PDF is refused),
writes the achievement report from the data, edits a section and downloads it as PDF."""

import io
import os

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from thidua.accounts.models import Role
from thidua.dossiers.models import AchievementReport, DossierItem

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "x-Password-123"


def _login(page, base, username):
    page.goto(f"{base}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{base}/")


def test_unit_head_completes_the_dossier(
    live_server, page, make_user, org_tree, batch, lines, small_pdf, tmp_path
):
    base = live_server.url
    make_user(Role.UNIT_HEAD, org_tree["div_a"], username="truongphong")
    _login(page, base, "truongphong")
    page.goto(f"{base}/ho-so-khen-thuong/to-trinh/{batch.pk}/")
    expect(page.get_by_test_id("dossier-incomplete")).to_contain_text("Lê Văn Bình – Chiến sĩ thi đua cơ sở")

    fake = tmp_path / "to-trinh.pdf"
    fake.write_bytes(b"khong phai pdf")
    form = page.get_by_test_id("dossier-upload")
    form.locator("select[name=kind]").select_option("proposal")
    form.locator("input[type=file]").set_input_files(str(fake))
    form.get_by_role("button", name="Tải lên").click()
    expect(page.locator(".alert-danger").first).to_contain_text("nội dung tệp")

    real = tmp_path / "Tờ trình số 01.pdf"
    real.write_bytes(small_pdf)
    form = page.get_by_test_id("dossier-upload")
    form.locator("select[name=kind]").select_option("proposal")
    form.locator("input[type=file]").set_input_files(str(real))
    form.get_by_role("button", name="Tải lên").click()
    expect(page.get_by_test_id("batch-item-proposal")).to_contain_text("Tờ trình số 01.pdf")
    assert DossierItem.objects.get().original_name == "Tờ trình số 01.pdf"

    line = lines["cstd_tinh"]
    page.get_by_test_id(f"line-{line.pk}").get_by_role("link", name="Lập báo cáo từ dữ liệu").click()
    expect(page.get_by_test_id("report-draft")).to_be_visible()
    expect(page.get_by_label("Sơ lược lý lịch")).to_have_value(
        "Họ và tên: Nguyễn Thị Lan\nNăm sinh: 1985\nGiới tính: Nữ\nChức vụ: Chuyên viên chính\n"
        "Đơn vị công tác: Văn phòng Sở, Sở Khoa học và Công nghệ"
    )
    page.get_by_label("Quyền hạn, nhiệm vụ được giao").fill("Phụ trách chuyển đổi số của Văn phòng.")
    page.get_by_test_id("report-save").click()
    expect(page.get_by_test_id("report-saved")).to_contain_text("phiên bản 1")
    assert AchievementReport.objects.get().sections["duties"] == "Phụ trách chuyển đổi số của Văn phòng."

    response = page.request.get(f"{base}{page.get_by_test_id('report-pdf').get_attribute('href')}")
    assert response.status == 200
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.body())).pages).split())
    assert "Phụ trách chuyển đổi số của Văn phòng." in text and "Nguyễn Thị Lan" in text

    page.goto(f"{base}/ho-so-khen-thuong/to-trinh/{batch.pk}/")
    expect(page.get_by_test_id(f"line-{line.pk}").get_by_test_id("line-item-report")).to_contain_text("Đã có")
