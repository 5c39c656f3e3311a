"""A user logs in, switches the language, and finds a person by typing a name without diacritics."""

import os

import pytest
from playwright.sync_api import expect

from thidua.accounts.models import Role
from thidua.organizations.tests.factories import AssignmentFactory, PersonFactory

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_login_switch_language_and_search_without_diacritics(live_server, page, make_user, org_tree):
    for family, middle, given in [("Nguyễn", "Văn", "An"), ("Trần", "Minh", "Đức"), ("Lê", "Thị", "Hoa")]:
        AssignmentFactory(
            person=PersonFactory(family_name=family, middle_name=middle, given_name=given),
            organization=org_tree["div_a"],
        )
    make_user(Role.OFFICER, org_tree["agency"], include_subunits=True, username="vanphong")

    page.goto(f"{live_server.url}/")
    assert "/tai-khoan/dang-nhap/" in page.url
    page.get_by_label("Tên đăng nhập").fill("vanphong")
    page.get_by_label("Mật khẩu").fill("x-Password-123")
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{live_server.url}/")
    assert page.locator("html").get_attribute("lang") == "vi"
    assert page.get_by_role("heading", name="Tổng quan").is_visible()

    page.get_by_test_id("lang-en").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    page.get_by_test_id("lang-vi").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "vi"

    page.goto(f"{live_server.url}/can-bo/")
    rows = page.get_by_test_id("person-table").locator("tbody tr")
    assert rows.count() == 3
    page.get_by_role("searchbox").press_sequentially("nguyen van an", delay=20)
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Nguyễn Văn An")
    page.get_by_role("searchbox").fill("")
    page.get_by_role("searchbox").press_sequentially("duc", delay=20)
    expect(rows.first).to_contain_text("Trần Minh Đức")
    expect(rows).to_have_count(1)
