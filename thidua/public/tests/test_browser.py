"""The public site in a real browser, signed out: from the home page to the honour board, filter by year and
search a name typed without diacritics, open the awardee's decision, and switch the language."""

from __future__ import annotations

import os

import pytest
from playwright.sync_api import expect

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_reader_filters_the_honour_board_and_opens_a_decision(live_server, page, world):
    base = live_server.url
    page.goto(f"{base}/cong-bo/")
    page.get_by_test_id("public-home").get_by_role("link", name="Bảng vàng").click()
    page.wait_for_url(f"{base}/cong-bo/bang-vang/")
    expect(page.get_by_test_id("award-name")).to_have_count(6)
    expect(page.get_by_test_id("award-name").first).to_have_text("Lê Văn Anh")

    page.get_by_label("Năm thành tích").select_option("2023")
    page.get_by_label("Tìm theo tên").fill("dung")
    page.get_by_test_id("board-submit").click()
    page.wait_for_url("**/cong-bo/bang-vang/?nam=2023*")
    expect(page.get_by_test_id("award-name")).to_have_text(["Hoàng Văn Dũng"])
    expect(page.get_by_test_id("board-count")).to_contain_text("1 khen thưởng")

    page.get_by_role("link", name="202/QĐ-UBND").click()
    page.wait_for_url(f"{base}/cong-bo/quyet-dinh/{world['d2023'].pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Quyết định số 202/QĐ-UBND")
    expect(page.get_by_test_id("public-decision")).to_contain_text("10/04/2024")
    # The decision lists its awardees in its own order.
    expect(page.get_by_test_id("award-name")).to_have_text(["Phạm Thị Ân", "Hoàng Văn Dũng", "Đỗ Thị Bình"])

    page.get_by_test_id("lang-en").click()
    page.wait_for_url(f"{base}/cong-bo/quyet-dinh/{world['d2023'].pk}/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
