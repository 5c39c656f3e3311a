"""The registry in the browser: an officer filters the list by a name typed without diacritics and by level,
downloads the Excel of exactly those rows, opens a person's registry from a row and the unit's registry from the
unit page, with its people."""

from __future__ import annotations

import io
import os
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from thidua.commendations.models import AwardRecord, AwardStatus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "x-Password-123"
SHOTS = os.environ.get("THIDUA_SCREENSHOTS")  # a folder: save the pages seen, for a reviewer


def _login(page, base, username):
    page.context.clear_cookies()
    page.goto(f"{base}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{base}/")


def _shot(page, name):
    if SHOTS:
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


def test_an_officer_filters_exports_and_opens_the_registries(live_server, page, facts_world):
    people, orgs = facts_world["people"], facts_world["orgs"]
    AwardRecord.objects.create(
        code="LDTT",
        person=people["CB001"],
        year=2022,
        decision_number="10/QĐ-SKHCN",
        decided_on=date(2023, 1, 10),
    )
    AwardRecord.objects.create(
        code="CSTDCS", person=people["CB001"], year=2024, decision_number="15/QĐ-SKHCN"
    )
    AwardRecord.objects.create(code="BANG_KHEN_TINH", person=people["CB002"], year=2024)
    AwardRecord.objects.create(
        code="LDTT", person=people["CB003"], year=2024, status=AwardStatus.REVOKED, note="QĐ 99/QĐ-SKHCN"
    )
    AwardRecord.objects.create(code="TTLDTT", organization=orgs["div_a"], year=2024)
    base = live_server.url
    _login(page, base, "officer")

    page.goto(f"{base}/khen-thuong/so/")
    table = page.get_by_test_id("award-table")
    assert table.locator("tbody tr").count() == 5
    assert table.locator('tr[data-status="revoked"]').get_by_text("Đã hủy bỏ").is_visible()
    _shot(page, "registry-list")

    page.get_by_label("Tên cá nhân, tập thể").fill("nguyen van an")
    page.get_by_label("Cấp khen thưởng").select_option("co_so")
    page.get_by_role("button", name="Lọc").click()
    page.wait_for_url("**q=nguyen*")
    assert table.locator("tbody tr").count() == 2
    with page.expect_download() as download:
        page.get_by_test_id("award-export").click()
    sheet = openpyxl.load_workbook(io.BytesIO(Path(download.value.path()).read_bytes())).active
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    assert [(r[1], r[3], r[6]) for r in rows] == [
        (2024, "Chiến sĩ thi đua cơ sở", "Nguyễn Văn An"),
        (2022, "Lao động tiên tiến", "Nguyễn Văn An"),
    ]

    table.get_by_role("link", name="Nguyễn Văn An").first.click()
    page.wait_for_url(f"**/khen-thuong/so/ca-nhan/{people['CB001'].pk}/")
    assert page.get_by_test_id("era").first.inner_text().startswith("E2")
    _shot(page, "registry-person")

    page.goto(f"{base}/don-vi/{orgs['div_a'].pk}/")
    page.get_by_test_id("unit-registry-section").get_by_role("link", name="kèm cán bộ").click()
    page.wait_for_url("**people=1*")
    registry = page.get_by_test_id("registry-table")
    assert registry.locator("tr[data-award]").count() == 5
    _shot(page, "registry-unit")
