"""In a browser: the office lists its accepted lines for comment and publishes them; an anonymous visitor finds the
list from the footer and sends feedback; the office records how it handled it."""

import os

import pytest
from playwright.sync_api import expect

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_office_publishes_the_public_comments_and_the_office_answers(
    live_server, browser, page, people, org_tree, lines
):
    base = live_server.url
    page.goto(f"{base}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill("m_officer")
    page.get_by_label("Mật khẩu").fill("x-Password-123")
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{base}/")

    page.goto(f"{base}/thong-bao-cong-khai/")
    page.get_by_test_id("notice-create").click()
    page.get_by_label("Cơ quan công khai").select_option(str(org_tree["agency"].pk))
    page.get_by_label("Năm thành tích").fill("2024")
    page.get_by_test_id("notice-choose").click()
    expect(page.get_by_label("Lê Thị Hoa")).to_be_checked()  # the State-level line is pre-selected
    expect(page.get_by_label("Lê Thị Mai")).not_to_be_checked()
    page.get_by_label("Lê Thị Mai").check()
    page.get_by_test_id("notice-save").click()
    expect(page.get_by_test_id("notice-state")).to_contain_text("Dự thảo")
    page.get_by_test_id("action-publish").click()
    expect(page.get_by_test_id("notice-state")).to_contain_text("Đang nhận góp ý")
    expect(page.get_by_test_id("notice-window")).to_contain_text("10 ngày làm việc")

    visitor = browser.new_context(locale="vi-VN")
    anonymous = visitor.new_page()
    anonymous.goto(f"{base}/tai-khoan/dang-nhap/")
    anonymous.get_by_role("link", name="Công khai danh sách đề nghị khen thưởng").click()
    anonymous.get_by_text("Công khai danh sách đề nghị khen thưởng năm 2024").click()
    expect(anonymous.locator("body")).to_contain_text("Lê Thị Hoa")
    expect(anonymous.locator("body")).not_to_contain_text("1983")
    anonymous.get_by_label("Góp ý về").select_option(label="Lê Thị Hoa – Chiến sĩ thi đua toàn quốc")
    anonymous.get_by_label("Nội dung góp ý").fill("Đề nghị làm rõ đề tài cấp tỉnh đã nghiệm thu chưa.")
    anonymous.get_by_test_id("feedback-send").click()
    expect(anonymous.locator("body")).to_contain_text("Cảm ơn bạn đã góp ý")
    visitor.close()

    page.reload()
    expect(page.get_by_test_id("unhandled-count")).to_contain_text("1 chưa xử lý")
    card = page.locator("article[data-testid^=feedback-]")
    expect(card).to_contain_text("Đề nghị làm rõ đề tài")
    card.get_by_label("Kết quả xử lý").select_option("verified")
    card.get_by_label("Nội dung xử lý, trả lời").fill("Đề tài đã nghiệm thu ngày 15/11/2024.")
    card.locator("button[type=submit]").click()
    expect(page.locator("body")).to_contain_text("Đã ghi kết quả xử lý góp ý")
    expect(page.get_by_test_id("unhandled-count")).to_have_count(0)
    expect(page.locator("article[data-testid^=feedback-]")).to_contain_text("Đã xác minh, giải trình")
