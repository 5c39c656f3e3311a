"""API routes: anonymous 401; lists scoped; bulk upsert by natural key, all-or-nothing; writes for officers
in scope only (403 otherwise)."""

import pytest

from thidua.accounts.models import ApiToken
from thidua.appraisals.models import Appraisal
from thidua.commendations.models import AwardRecord

pytestmark = pytest.mark.django_db

LISTS = [
    "/api/v1/ratings",
    "/api/v1/leave",
    "/api/v1/discipline",
    "/api/v1/collective-appraisals",
    "/api/v1/initiatives",
    "/api/v1/awards",
    "/api/v1/exchange/people",
    "/api/v1/registrations",
]
BULKS = [
    "/api/v1/ratings/bulk",
    "/api/v1/leave/bulk",
    "/api/v1/discipline/bulk",
    "/api/v1/collective-appraisals/bulk",
    "/api/v1/initiatives/bulk",
    "/api/v1/awards/bulk",
    "/api/v1/exchange/people/bulk",
]


def _auth(user):
    _token, key = ApiToken.issue(user=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_anonymous_gets_401_everywhere(client, facts_world):
    for url in LISTS:
        assert client.get(url).status_code == 401, url
    for url in BULKS:
        assert client.post(url, {"items": []}, content_type="application/json").status_code == 401, url
    assert client.get("/api/v1/imports/1").status_code == 401


def test_every_list_answers_for_an_officer(client, facts_world):
    headers = _auth(facts_world["officer"])
    for url in LISTS:
        assert client.get(url, **headers).status_code == 200, url


def test_bulk_upsert_ratings_by_staff_code_and_year(client, facts_world):
    headers = _auth(facts_world["officer"])
    body = {
        "items": [
            {"staff_code": "CB001", "year": 2024, "rating": "HTXSNV"},
            {"staff_code": "CB002", "year": 2024, "rating": "HTTNV", "months_worked": 8},
        ]
    }
    response = client.post("/api/v1/ratings/bulk", body, content_type="application/json", **headers)
    assert response.status_code == 200 and response.json() == {
        "rows": 2,
        "created": 2,
        "updated": 0,
        "written": True,
    }
    body = {"items": [{"staff_code": "CB001", "year": 2024, "rating": "HTNV"}]}
    response = client.post("/api/v1/ratings/bulk", body, content_type="application/json", **headers)
    assert response.json()["updated"] == 1
    assert Appraisal.objects.get(person__staff_code="CB001").rating == "HTNV"
    listed = client.get("/api/v1/ratings?year=2024", **headers).json()
    assert listed["count"] == 2 and {i["staff_code"] for i in listed["items"]} == {"CB001", "CB002"}


def test_bulk_upsert_is_all_or_nothing_with_row_errors(client, facts_world):
    headers = _auth(facts_world["officer"])
    body = {
        "items": [
            {"staff_code": "CB001", "year": 2024, "rating": "HTXSNV"},
            {"staff_code": "CB002", "year": 2024, "rating": "XUAT_SAC"},
        ]
    }
    response = client.post("/api/v1/ratings/bulk", body, content_type="application/json", **headers)
    assert response.status_code == 422
    assert response.json()["errors"][0]["index"] == 1 and response.json()["errors"][0]["column"] == "Xếp loại"
    assert Appraisal.objects.count() == 0


def test_other_agency_officer_gets_403_and_sees_nothing(client, facts_world):
    AwardRecord.objects.create(code="LDTT", person=facts_world["people"]["CB001"], year=2024)
    headers = _auth(facts_world["other_officer"])
    body = {"items": [{"staff_code": "CB001", "code": "CSTDCS", "year": 2024}]}
    response = client.post("/api/v1/awards/bulk", body, content_type="application/json", **headers)
    assert response.status_code == 403
    assert client.get("/api/v1/awards", **headers).json()["count"] == 0
    assert AwardRecord.objects.count() == 1


def test_staff_and_unit_heads_cannot_bulk_write(client, facts_world):
    for user in (facts_world["staff"], facts_world["head_a"]):
        headers = _auth(user)
        for url in BULKS:
            assert (
                client.post(url, {"items": []}, content_type="application/json", **headers).status_code == 403
            )


def test_staff_list_shows_own_ratings_only(client, facts_world):
    orgs = facts_world["orgs"]
    for code in ("CB001", "CB002"):
        Appraisal.objects.create(
            person=facts_world["people"][code], year=2024, rating="HTTNV", organization=orgs["div_a"]
        )
    items = client.get("/api/v1/ratings", **_auth(facts_world["staff"])).json()["items"]
    assert [i["staff_code"] for i in items] == ["CB001"]
