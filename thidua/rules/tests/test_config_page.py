"""The rules configuration page: officers and administrators only, in plain Vietnamese (names, not keys; values as
people write them; the legal basis; the "cần xác minh" mark)."""

import os
import re

import pytest
from django.urls import reverse

from thidua.accounts.models import Role
from thidua.core.registry import registry
from thidua.rules import services
from thidua.rules.engine.config import ITEMS

# What the page showed before: keys, Python reprs, ISO dates, era codes and references to the research notes.
DEVELOPER = re.compile(
    r"era\.e2_start|ldtt\.|\{'E1'|'E1'|\bE[123]\b|\bNone\b|\bTrue\b|\bFalse\b|§|dòng \d|legal-rules|\[K\]|"
    r"\d{4}-\d{2}-\d{2}|achievement_year|council_judgement|khien_trach|unsupported_period|\(\d+\.\d+, (True|False)\)"
)


def _visible_text(html: str) -> str:
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    html = re.sub(r'\s(?:data-testid|class|href|id|title|aria-\w+)="[^"]*"', " ", html)
    return re.sub(r"<[^>]+>", " ", html)


@pytest.mark.django_db
def test_config_page_shows_names_plain_values_basis_and_the_verify_mark(client, org_tree, make_user):
    client.force_login(make_user(Role.OFFICER, org_tree["agency"], include_subunits=True))
    response = client.get(reverse("rules:config"))
    assert response.status_code == 200
    text = _visible_text(response.content.decode())
    assert [m.group(0) for m in DEVELOPER.finditer(text)] == []
    for item in ITEMS:
        assert item.title and item.title in text, item.key
    rows = {row["key"]: row for row in response.context["rows"]}
    assert rows["era.e2_start"]["lines"] == ["01/01/2024"]  # dd/mm/yyyy
    assert rows["era.first_year"]["lines"] == ["2017"]
    assert rows["money.rounding"]["lines"] == ["10.000"]  # amounts with dots
    assert "Từ 01/07/2024: 2.340.000 đồng (Nghị định 73/2024/NĐ-CP)" in rows["money.base_salary"]["lines"]
    assert rows["ldtt.min_months_employed"]["lines"][0].endswith(": 10")  # one line per era, named
    assert rows["ldtt.absence_max_days"]["lines"] == ["Không quy định"]
    assert rows["ldtt.maternity_counts"]["lines"] == ["Có"]
    assert rows["ldtt.discipline_min_form"]["lines"] == ["Khiển trách"]
    assert rows["era.e2_start"]["basis"] == "Luật 06/2022/QH15, Điều 94"
    assert "cần xác minh" in text and "Căn cứ pháp lý" in text


@pytest.mark.django_db
def test_a_province_override_is_shown_formatted_and_marked(client, org_tree, make_user):
    services.rule_override_set(
        actor=None,
        organization=org_tree["province"],
        key="era.e3_start",
        value="2025-08-05",
        source="Quyết định quy chế thi đua của tỉnh",
    )
    client.force_login(make_user(Role.OFFICER, org_tree["agency"], include_subunits=True))
    rows = {row["key"]: row for row in client.get(reverse("rules:config")).context["rows"]}
    assert rows["era.e3_start"]["lines"] == ["05/08/2025"] and rows["era.e3_start"]["overridden"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "unit", "status"),
    [
        (Role.OFFICER, "agency", 200),
        (Role.ADMIN, "province", 200),
        (Role.STAFF, "div_a", 403),
        (Role.UNIT_HEAD, "div_a", 403),
        (Role.SIGNER, "agency", 403),
        (Role.COUNCIL_MEMBER, "agency", 403),
    ],
)
def test_only_officers_and_administrators_open_the_config_page(
    client, org_tree, make_user, role, unit, status
):
    client.force_login(make_user(role, org_tree[unit], include_subunits=True))
    assert client.get(reverse("rules:config")).status_code == status
    menu = {entry.url_name: entry for entry in registry.nav_entries}
    assert set(menu["rules:config"].roles) == {Role.OFFICER, Role.ADMIN}


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_officer_reads_the_config_page_in_plain_vietnamese_in_a_browser(
    live_server, page, org_tree, make_user
):
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    make_user(Role.OFFICER, org_tree["agency"], include_subunits=True, username="canbo")
    page.goto(f"{live_server.url}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill("canbo")
    page.get_by_label("Mật khẩu").fill("x-Password-123")
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{live_server.url}/")
    page.get_by_role("button", name="Hệ thống").click()
    page.get_by_role("link", name="Cấu hình quy tắc").click()
    page.wait_for_url("**/quy-tac/cau-hinh/")
    row = page.get_by_test_id("config-era.e2_start")
    assert "Ngày Luật Thi đua, khen thưởng 2022 có hiệu lực" in row.inner_text()
    assert "01/01/2024" in row.inner_text() and "Luật 06/2022/QH15, Điều 94" in row.inner_text()
    assert "cần xác minh" in page.get_by_test_id("config-era.e3_start").inner_text()
    text = page.locator("main").inner_text()
    assert [m.group(0) for m in DEVELOPER.finditer(text)] == []
