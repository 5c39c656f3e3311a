"""The unit register (sổ đơn vị): budget-relation code, sector, signer, place name, bank account and closing date
travel through the API without loss, are checked (a budget code is 7 digits), are edited in Django admin and are
shown on the unit page to the office and administrators only."""

from datetime import date

import pytest

from thidua.accounts.models import ApiToken, Role
from thidua.organizations.models import Organization

pytestmark = pytest.mark.django_db
API = "/api/v1"

REGISTER = {
    "budget_code": "1045678",
    "sector": "Khoa học và công nghệ",
    "signer_title": "Giám đốc",
    "signer_name": "Nguyễn Văn Bình",
    "place_name": "Lào Cai",
    "bank_account": "9523.1.1045678",
    "bank_name": "Kho bạc Nhà nước Lào Cai",
}


@pytest.fixture
def admin_headers(make_user):
    _token, key = ApiToken.issue(user=make_user(is_staff=True, is_superuser=True), name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_get_then_put_keeps_the_unit_register(client, admin_headers, org_tree):
    agency = org_tree["agency"]
    Organization.objects.filter(pk=agency.pk).update(**REGISTER, valid_to=date(2025, 6, 30))
    body = client.get(f"{API}/units/{agency.pk}", **admin_headers).json()
    assert {key: body[key] for key in REGISTER} == REGISTER
    assert body["valid_to"] == "2025-06-30"
    body["name"] = "Sở Khoa học, Công nghệ"
    response = client.put(f"{API}/units/{agency.pk}", body, content_type="application/json", **admin_headers)
    assert response.status_code == 200, response.content
    assert response.json() == body
    agency.refresh_from_db()
    assert {key: getattr(agency, key) for key in REGISTER} == REGISTER
    assert agency.valid_to == date(2025, 6, 30)


def test_create_and_patch_write_the_register_fields(client, admin_headers, org_tree):
    payload = {"code": "C", "name": "Sở Nội vụ", "kind": "agency", "parent_id": org_tree["province"].pk}
    response = client.post(
        f"{API}/units", {**payload, **REGISTER}, content_type="application/json", **admin_headers
    )
    assert response.status_code == 201, response.content
    unit_id = response.json()["id"]
    response = client.patch(
        f"{API}/units/{unit_id}",
        {"signer_name": "Trần Thị Hoa", "valid_to": "2026-01-31"},
        content_type="application/json",
        **admin_headers,
    )
    assert response.status_code == 200, response.content
    unit = Organization.objects.get(pk=unit_id)
    assert (unit.signer_name, unit.signer_title, unit.budget_code) == ("Trần Thị Hoa", "Giám đốc", "1045678")
    assert unit.valid_to == date(2026, 1, 31)


def test_a_budget_code_that_is_not_seven_digits_is_refused_naming_the_field(client, admin_headers, org_tree):
    agency = org_tree["agency"]
    response = client.patch(
        f"{API}/units/{agency.pk}", {"budget_code": "10A5"}, content_type="application/json", **admin_headers
    )
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert [e["column"] for e in errors] == ["budget_code"]
    assert "7 chữ số" in errors[0]["message"]
    agency.refresh_from_db()
    assert agency.budget_code == ""


def test_the_admin_form_edits_the_register(client, make_user, org_tree):
    client.force_login(make_user(is_staff=True, is_superuser=True))
    agency = org_tree["agency"]
    url = f"/quan-tri/organizations/organization/{agency.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Sổ đơn vị" in html and "Mã quan hệ ngân sách" in html
    assert html.index("Ngày kết thúc hoạt động") < html.index("Sổ đơn vị") < html.index("Số tài khoản")
    data = {
        "parent": org_tree["province"].pk,
        "kind": "agency",
        "code": "A",
        "name": agency.name,
        "short_name": "",
        "symbol": "SKHCN",
        "valid_from": "01/01/2000",
        "valid_to": "30/06/2025",
        **REGISTER,
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    agency.refresh_from_db()
    assert {key: getattr(agency, key) for key in REGISTER} == REGISTER
    assert agency.valid_to == date(2025, 6, 30)


def test_the_unit_page_shows_the_register_to_the_office_not_to_a_unit_head(client, make_user, org_tree):
    agency = org_tree["agency"]
    Organization.objects.filter(pk=agency.pk).update(**REGISTER, valid_to=date(2025, 6, 30))
    url = f"/don-vi/{agency.pk}/"
    client.force_login(make_user(Role.OFFICER, agency, include_subunits=True))
    text = client.get(url).content.decode()
    for label in ("Sổ đơn vị", "Mã quan hệ ngân sách", "Người ký", "Ngày kết thúc hoạt động"):
        assert label in text
    for value in (
        "1045678",
        "Khoa học và công nghệ",
        "Giám đốc: Nguyễn Văn Bình",
        "Kho bạc Nhà nước Lào Cai",
    ):
        assert value in text
    assert "30/06/2025" in text

    client.force_login(make_user(Role.UNIT_HEAD, agency))
    response = client.get(url)
    assert response.status_code == 200
    assert "1045678" not in response.content.decode()
    assert "Sổ đơn vị" not in response.content.decode()
