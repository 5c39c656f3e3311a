"""Quotas on a proposal list and award money through the API (legal-rules §2.3 quota, §9 money)."""

import pytest

from thidua.accounts.models import ApiToken, Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def auth(make_user, org_tree):
    user = make_user(Role.OFFICER, org_tree["agency"])
    return {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(user=user, name='t')[1]}"}


def test_cstdcs_quota_excess_is_named_per_unit(client, auth):
    # NĐ 91/2017 Điều 9 khoản 3: CSTĐCS ≤ 15% of the unit's LĐTT → 10 LĐTT allow 1 CSTĐCS.
    proposals = [{"unit": "VP", "code": "LDTT"}] * 10 + [{"unit": "VP", "code": "CSTDCS"}] * 3
    response = client.post(
        "/api/v1/quotas/check",
        {"year": 2023, "proposals": proposals},
        content_type="application/json",
        **auth,
    )
    assert response.status_code == 200, response.content
    unit = [e for e in response.json() if e["scope"] == "unit"]
    assert unit[0]["unit"] == "VP" and unit[0]["limit"] == 1 and unit[0]["excess"] == 2
    assert unit[0]["text"].startswith("Vượt 2 so với tỷ lệ 15%")


def test_quota_respected_gives_no_excess(client, auth):
    proposals = [{"unit": "VP", "code": "LDTT"}] * 20 + [{"unit": "VP", "code": "CSTDCS"}] * 3
    response = client.post(
        "/api/v1/quotas/check",
        {"year": 2023, "proposals": proposals},
        content_type="application/json",
        **auth,
    )
    assert response.json() == []


def test_quota_check_refuses_unknown_codes_naming_the_field(client, auth):
    response = client.post(
        "/api/v1/quotas/check",
        {"year": 2024, "proposals": [{"unit": "VP", "code": "XX"}]},
        content_type="application/json",
        **auth,
    )
    assert response.status_code == 400 and response.json()["field"] == "proposals[0].code"


@pytest.mark.parametrize(
    "code, kind, day, amount",
    [
        ("CSTDCS", "individual", "2024-08-01", 2_340_000),  # 1.0 × 2,340,000 (NĐ 73/2024)
        ("LDTT", "individual", "2024-01-15", 540_000),  # 0.3 × 1,800,000 (NĐ 24/2023)
        ("LDTT", "individual", "2020-03-01", 450_000),  # 0.3 × 1,490,000 = 447,000 → rounded up
    ],
)
def test_award_amount_uses_the_base_salary_on_the_decision_date(client, auth, code, kind, day, amount):
    response = client.get(
        "/api/v1/award-amount", {"code": code, "subject_kind": kind, "decision_date": day}, **auth
    )
    assert response.status_code == 200, response.content
    assert response.json()["amount"] == amount


def test_quota_and_money_routes_require_authentication(client):
    assert client.post("/api/v1/quotas/check", {}, content_type="application/json").status_code == 401
    assert (
        client.get("/api/v1/award-amount", {"code": "LDTT", "decision_date": "2024-01-01"}).status_code == 401
    )
