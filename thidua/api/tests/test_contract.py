"""Every API operation declares the errors it can answer with (400, 401, 403, 404, 422), and the bodies match:
`{"detail"}`, and for 422 `{"detail", "errors": [{"index", "column", "message"}]}` — the /bulk routes included,
whether the rows or the request itself are invalid."""

import pytest

from thidua.accounts.models import ApiToken, Role

pytestmark = pytest.mark.django_db

BULK_ROUTES = [
    "/api/v1/ratings/bulk",
    "/api/v1/leave/bulk",
    "/api/v1/discipline/bulk",
    "/api/v1/collective-appraisals/bulk",
    "/api/v1/initiatives/bulk",
    "/api/v1/awards/bulk",
    "/api/v1/exchange/people/bulk",
]


@pytest.fixture
def openapi(client, make_user):
    client.force_login(make_user())
    return client.get("/api/v1/openapi.json").json()


def _resolve(document, schema):
    ref = schema.get("$ref")
    return document["components"]["schemas"][ref.rsplit("/", 1)[1]] if ref else schema


def test_every_operation_declares_its_error_responses(openapi):
    operations = [(m, p, op) for p, ops in openapi["paths"].items() for m, op in ops.items()]
    assert len(operations) >= 40
    for method, path, operation in operations:
        assert {"400", "401", "403", "404", "422"} <= set(operation["responses"]), (method, path)
        schema = operation["responses"]["422"]["content"]["application/json"]["schema"]
        assert _resolve(openapi, schema)["required"] == ["detail", "errors"], (method, path)


@pytest.fixture
def officer_headers(make_user, org_tree):
    _token, key = ApiToken.issue(
        user=make_user(Role.OFFICER, org_tree["agency"], include_subunits=True), name="t"
    )
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


@pytest.mark.parametrize("route", BULK_ROUTES)
@pytest.mark.parametrize(
    "body", [{"items": "không phải danh sách"}, {"items": [1, 2]}, {}, {"items": [], "dry_run": "có lẽ"}]
)
def test_bulk_refuses_a_malformed_request_with_the_declared_422(client, officer_headers, route, body):
    response = client.post(route, body, content_type="application/json", **officer_headers)
    assert response.status_code == 422
    payload = response.json()
    assert isinstance(payload["detail"], str) and payload["errors"]
    for item in payload["errors"]:
        assert set(item) == {"index", "column", "message"}
        assert item["column"] in {"items", "dry_run"} or item["column"].startswith("items.")


def test_bulk_refuses_a_caller_without_the_officer_role_in_the_declared_403(client, make_user, org_tree):
    _token, key = ApiToken.issue(user=make_user(Role.UNIT_HEAD, org_tree["div_a"]), name="t")
    response = client.post(
        "/api/v1/ratings/bulk",
        {"items": []},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {key}",
    )
    assert response.status_code == 403
    assert set(response.json()) == {"detail", "errors"}


def test_anonymous_and_missing_answers_are_documented_json(client, officer_headers):
    response = client.get("/api/v1/units")
    assert response.status_code == 401 and "xác thực" in response.json()["detail"]
    response = client.get("/api/v1/units/999999", **officer_headers)
    assert response.status_code == 404 and set(response.json()) == {"detail"}
    response = client.post("/api/v1/units", "{not json", content_type="application/json", **officer_headers)
    assert response.status_code == 400 and set(response.json()) == {"detail"}


def test_eligibility_refuses_a_year_key_of_unicode_digits_with_400_naming_it(client, make_user):
    """'²²²²' passes str.isdigit() but not int(): it was a 500."""
    import json
    from pathlib import Path

    example = Path(__file__).parents[2] / "rules" / "tests" / "contract_examples" / "cstd_tinh_2024.json"
    data = json.loads(example.read_text(encoding="utf-8"))
    data["years"] = {"²²²²": {}}
    client.force_login(make_user())
    response = client.post("/api/v1/eligibility", json.dumps(data), content_type="application/json")
    assert response.status_code == 400
    assert response.json()["field"] == "years.²²²²"
