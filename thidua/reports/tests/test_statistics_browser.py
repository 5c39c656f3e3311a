"""The statistics page in a real browser (Chromium through Playwright): a chart is drawn (ECharts puts a <canvas>
in the chart's element) without a console error or a Content Security Policy violation; changing a filter changes
the table and the URL keeps the filter (the view can be shared); a chart saves as a PNG."""

from __future__ import annotations

import os

import pytest
from playwright.sync_api import expect

from thidua.accounts.models import Role

from .test_statistics import world  # noqa: F401 (fixture)

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "x-Password-123"


def _login(page, base, username):
    page.goto(f"{base}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{base}/")


def test_a_filter_changes_the_table_keeps_the_url_and_the_charts_draw(live_server, page, world, make_user):  # noqa: F811
    make_user(Role.OFFICER, world["agency"], username="vanphong")
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    base = live_server.url
    _login(page, base, "vanphong")
    page.goto(f"{base}/thong-ke/?year_from=2023&year_to=2024")
    total = page.get_by_test_id("table-awards").locator("tbody tr").last
    expect(total).to_contain_text("8")
    expect(page.get_by_test_id("chart-awards").locator("canvas").first).to_be_attached()
    expect(page.get_by_test_id("chart-units").locator("canvas").first).to_be_attached()
    box = page.get_by_test_id("chart-awards").bounding_box()
    assert box is not None and box["height"] >= 300 and box["width"] > 300
    page.get_by_test_id("chart-awards").hover()  # the tooltip renders in the canvas: no inline style

    page.get_by_label("Cá nhân, tập thể").select_option("collective")
    page.get_by_test_id("filter-submit").click()
    page.wait_for_url("**recipient=collective**")
    assert "year_from=2023" in page.url and "year_to=2024" in page.url
    cells = page.get_by_test_id("table-awards").locator("tbody tr").last.locator("th, td")
    expect(cells).to_have_text(["Tổng", "1", "1", "0", "0", "2"])
    expect(page.get_by_label("Cá nhân, tập thể")).to_have_value("collective")

    # The shared URL opens the same view in a fresh page.
    shared = page.url
    other = page.context.new_page()
    other.goto(shared)
    expect(other.get_by_test_id("table-awards").locator("tbody tr").last.locator("th, td")).to_have_text(
        ["Tổng", "1", "1", "0", "0", "2"]
    )
    other.close()

    # The toolbox's "Lưu ảnh PNG" (drawn in the canvas, top right) downloads the chart as a PNG.
    chart = page.get_by_test_id("chart-awards")
    box = chart.bounding_box()
    assert box is not None
    with page.expect_download() as download:
        page.mouse.click(box["x"] + box["width"] - 37, box["y"] + 22)
    assert download.value.suggested_filename == "thong-ke-awards.png"
    with open(download.value.path(), "rb") as saved:
        assert saved.read(8) == b"\x89PNG\r\n\x1a\n"
    assert problems == []
