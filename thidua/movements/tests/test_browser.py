"""The report cycle in a real browser: the officer writes and launches a movement and assigns a target, the
unit head reports, the officer returns the report with a reason, it is sent again and accepted, and the
movement's progress bar moves."""

import os
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from thidua.accounts.models import Role
from thidua.organizations.models import Assignment, Position

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "x-Password-123"


def _login(page, base, username):
    page.goto(f"{base}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{base}/")


def test_officer_and_unit_head_walk_the_report_cycle(live_server, page, browser, make_user, org_tree, signer):
    base = live_server.url
    Assignment.objects.create(
        person=signer,
        organization=org_tree["agency"],
        position=Position.objects.create(name="Giám đốc"),
        start_on=date(2020, 1, 1),
    )
    make_user(Role.OFFICER, org_tree["agency"], include_subunits=True, username="vanphong")
    make_user(Role.UNIT_HEAD, org_tree["div_a"], username="truongphong")

    # The officer writes the movement in the letter-shaped form and saves the draft.
    _login(page, base, "vanphong")
    page.goto(f"{base}/phong-trao/")
    page.get_by_test_id("movement-create").click()
    page.locator("#id_code").fill("BROWSER-2025")
    page.locator("#id_title").fill("Phong trào thi đua đẩy mạnh chuyển đổi số năm 2025")
    page.locator("#id_level").select_option("agency")
    page.locator("#id_kind").select_option("thematic")
    page.locator("#id_period_start").fill("2025")
    page.locator("#id_period_end").fill("2025")
    page.locator("#id_launching_organization").select_option(str(org_tree["agency"].pk))
    page.locator("#id_signer").select_option(str(signer.pk))
    page.locator("#id_signer_position").fill("Giám đốc")
    page.locator("#id_addressees").fill("Các phòng, đơn vị trực thuộc Sở")
    page.locator("#id_introduction").fill("Sở phát động phong trào thi đua **chuyển đổi số**.")
    page.locator("#id_objectives-0-text").fill("Hoàn thành chuyển đổi số các thủ tục hành chính.")
    page.locator("#id_solutions-0-number").fill("2.1")
    page.locator("#id_solutions-0-text").fill("Số hóa hồ sơ, tài liệu.")
    page.locator("[data-formset=solutions] .formset-add").click()
    page.locator("#id_solutions-1-number").fill("2.2")
    page.locator("#id_solutions-1-text").fill("Tập huấn kỹ năng số.")
    page.locator("#id_responsibilities-0-party").select_option("unit_heads")
    page.locator("#id_responsibilities-0-text").fill("Thủ trưởng các phòng triển khai.")
    page.locator("#id_recipients-0-label").fill("Các phòng, đơn vị (qua Voffice)")
    page.locator("#id_recipients-0-channel").select_option("eoffice")
    page.get_by_test_id("movement-save").click()
    expect(page.get_by_test_id("movement-status")).to_have_text("Dự thảo")

    # Launch, then assign a target to the division.
    page.get_by_test_id("action-launch").click()
    expect(page.get_by_test_id("movement-status")).to_have_text("Đã phát động")
    page.get_by_test_id("target-add").click()
    page.locator("#id_organization").select_option(str(org_tree["div_a"].pk))
    page.locator("#id_year").fill("2025")
    page.locator("#id_indicator").fill("Số hồ sơ được số hóa")
    page.locator("#id_unit_of_measure").fill("hồ sơ")
    page.locator("#id_target_value").fill("200")
    page.get_by_test_id("target-save").click()
    movement_url = page.url.split("#")[0]
    progress = page.get_by_test_id("progress-overall")
    expect(progress).to_have_attribute("value", "0")

    # Ask for the half-year report.
    page.locator("#id_year").fill("2025")
    page.locator("#id_period").select_option("h1")
    # A round cannot be due in the past: due a month from today.
    page.locator("#id_due_on").fill(f"{date.today() + timedelta(days=30):%d/%m/%Y}")
    page.get_by_test_id("report-round").click()
    expect(page.locator("#bao-cao tbody")).to_contain_text("Chưa gửi")

    # The unit head reports (in a second browser context).
    head_context = browser.new_context(locale="vi-VN")
    head = head_context.new_page()
    head.set_default_timeout(10_000)
    _login(head, base, "truongphong")
    head.goto(f"{base}/bao-cao-tien-do/")
    head.get_by_role("link", name="Văn phòng Sở").click()
    head.get_by_test_id("value-input").fill("120")
    head.locator("#narrative").fill("Đã số hóa 120 hồ sơ.")
    head.get_by_test_id("report-submit").click()
    expect(head.get_by_test_id("report-status")).to_have_text("Đã gửi")
    report_url = head.url

    # The officer returns it with a reason.
    page.goto(report_url)
    page.locator("#id_reason").fill("Bổ sung danh mục hồ sơ đã số hóa.")
    page.get_by_test_id("report-return").click()
    expect(page.get_by_test_id("report-status")).to_have_text("Đã trả lại")

    # The unit head sees the reason, corrects and sends again.
    head.reload()
    expect(head.get_by_test_id("return-reason")).to_contain_text("Bổ sung danh mục hồ sơ đã số hóa.")
    head.get_by_test_id("value-input").fill("150")
    head.get_by_test_id("report-submit").click()
    expect(head.get_by_test_id("report-status")).to_have_text("Đã gửi")
    head_context.close()

    # The officer accepts it; the progress bar moves to 75 %.
    page.goto(report_url)
    page.get_by_test_id("report-accept").click()
    expect(page.get_by_test_id("report-status")).to_have_text("Đã chấp nhận")
    page.goto(movement_url)
    expect(page.get_by_test_id("progress-overall")).to_have_attribute("value", "75")
    expect(page.get_by_test_id("progress-overall-text")).to_contain_text("75%")
