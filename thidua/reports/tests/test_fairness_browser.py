"""The fairness indicators in a real browser: the Director opens them from the menu, sees the warnings, narrows
to division B with the filters (the URL keeps them) and drills down to the women behind a figure."""

from __future__ import annotations

import os

import pytest
from playwright.sync_api import expect

from thidua.accounts.models import Role, RoleGrant, User

from .test_fairness import build_world

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "x-Password-123"


def test_the_director_reads_the_indicators_filters_and_drills_down(live_server, browser, org_tree) -> None:
    world = build_world(org_tree)
    user = User.objects.create_user(username="giamdoc", password=PASSWORD)
    RoleGrant.objects.create(user=user, role=Role.SIGNER, organization=world["agency"], include_subunits=True)
    base = live_server.url
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{base}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill("giamdoc")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{base}/")

    page.goto(f"{base}/thong-ke/cong-bang/?year_from=2024&year_to=2024")
    expect(page.get_by_test_id("warning-chuyen-mon")).to_be_visible()
    expect(page.get_by_test_id("indicator-nu")).to_contain_text("50,0%")
    expect(page.get_by_test_id(f"unit-{world['div_b'].pk}")).to_contain_text("Thấp hơn tỷ lệ cán bộ")

    page.get_by_label("Đơn vị (gồm đơn vị trực thuộc)").select_option(str(world["div_b"].pk))
    page.get_by_role("button", name="Xem").click()
    page.wait_for_url(f"**unit={world['div_b'].pk}**")
    # Division B: Đức, An, Giang, Khoa — one woman (An, not awarded); one award (Đức's Bằng khen).
    expect(page.get_by_test_id("indicator-nu")).to_contain_text("0/1")
    expect(page.get_by_test_id("indicator-nu")).to_contain_text("1/4")

    page.get_by_test_id("indicator-nu").get_by_role("link").click()
    expect(page.get_by_test_id("detail-table")).to_contain_text("Nguyễn Thị An")
    expect(page.get_by_test_id("detail-table").locator("tbody tr")).to_have_count(1)
    context.close()
