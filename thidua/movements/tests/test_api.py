"""The movements API: scoped reads, writes through the services, 401 for anonymous callers."""

from datetime import date

import pytest

from thidua.accounts.models import ApiToken

API = "/api/v1"


@pytest.fixture
def token(people):
    def _token(who):
        _t, key = ApiToken.issue(user=people[who], name="test")
        return {"HTTP_AUTHORIZATION": f"Bearer {key}"}

    return _token


@pytest.fixture
def api_world(report_cycle, launched, org_tree, people):
    from thidua.movements import services

    services.exemplary_model_create(
        actor=people["officer"],
        movement=launched,
        kind="model",
        title="Mô hình",
        organization=org_tree["div_a"],
        story="Câu chuyện",
        published=True,
    )
    services.review_schedule(
        actor=people["officer"], movement=launched, kind="final", scheduled_on=date(2025, 12, 1)
    )
    return {
        "movement": launched,
        "report": report_cycle["reports"][org_tree["div_a"].pk],
        "target": report_cycle["targets"][0],
    }


def routes(w):
    m, r = w["movement"].pk, w["report"].pk
    return [
        ("get", f"{API}/movements", None),
        ("get", f"{API}/movements/{m}", None),
        ("get", f"{API}/movements/{m}/progress", None),
        ("get", f"{API}/movements/{m}/targets", None),
        ("get", f"{API}/movements/{m}/reports", None),
        ("get", f"{API}/movements/{m}/reviews", None),
        ("get", f"{API}/reports", None),
        ("get", f"{API}/reports/{r}", None),
        ("get", f"{API}/exemplary-models", None),
        ("post", f"{API}/movements/{m}/transitions", {"action": "hold_midterm_review"}),
        (
            "post",
            f"{API}/movements/{m}/targets",
            {
                "organization_id": w["target"].organization_id,
                "year": 2022,
                "indicator": "Mới",
                "unit_of_measure": "cái",
                "target_value": "3",
            },
        ),
        ("put", f"{API}/reports/{r}/values", {"values": [{"target_id": w["target"].pk, "value": "2"}]}),
        ("post", f"{API}/reports/{r}/transitions", {"action": "submit"}),
    ]


def _call(client, method, url, body, headers):
    if body is None:
        return getattr(client, method)(url, **headers)
    return getattr(client, method)(url, body, content_type="application/json", **headers)


def test_anonymous_gets_401_everywhere(client, api_world):
    for method, url, body in routes(api_world):
        assert _call(client, method, url, body, {}).status_code == 401, url


def test_other_agency_cannot_read_or_write(client, api_world, token):
    headers = token("other_officer")
    for method, url, body in routes(api_world):
        status = _call(client, method, url, body, headers).status_code
        if url in (f"{API}/movements", f"{API}/reports", f"{API}/exemplary-models"):
            assert status == 200
        else:
            assert status in (403, 404), (url, status)
    assert client.get(f"{API}/movements", **headers).json()["items"] == []


def test_unit_head_reports_through_the_api_and_officer_accepts(client, api_world, token):
    report, target = api_world["report"], api_world["target"]
    head = token("head_a")
    response = client.put(
        f"{API}/reports/{report.pk}/values",
        {"values": [{"target_id": target.pk, "value": "4"}], "narrative": "Đạt"},
        content_type="application/json",
        **head,
    )
    assert response.status_code == 200, response.content
    assert (
        client.post(
            f"{API}/reports/{report.pk}/transitions",
            {"action": "submit"},
            content_type="application/json",
            **head,
        ).json()["status"]
        == "sent"
    )
    officer = token("officer")
    assert (
        client.post(
            f"{API}/reports/{report.pk}/transitions",
            {"action": "return"},
            content_type="application/json",
            **officer,
        ).status_code
        == 422
    )
    assert (
        client.post(
            f"{API}/reports/{report.pk}/transitions",
            {"action": "accept"},
            content_type="application/json",
            **officer,
        ).json()["status"]
        == "accepted"
    )
    progress = client.get(f"{API}/movements/{api_world['movement'].pk}/progress", **officer).json()
    assert progress["overall"] == pytest.approx(50.0)
    assert (
        client.post(
            f"{API}/reports/{report.pk}/transitions",
            {"action": "submit"},
            content_type="application/json",
            **token("head_b"),
        ).status_code
        == 404
    )


def test_officer_creates_and_launches_through_the_api(client, org_tree, token, signer):
    officer = token("officer")
    payload = {
        "code": "API-1",
        "title": "Phong trào qua API",
        "period_start": 2025,
        "period_end": 2025,
        "launching_organization_id": org_tree["agency"].pk,
        "objectives": ["Mục tiêu"],
        "solutions": [{"number": "2.1", "text": "Giải pháp"}],
        "recipients": [{"label": "Các phòng (qua Voffice)", "channel": "eoffice"}],
    }
    response = client.post(f"{API}/movements", payload, content_type="application/json", **officer)
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["status"] == "draft" and created["solutions"] == [{"number": "2.1", "text": "Giải pháp"}]
    response = client.post(
        f"{API}/movements/{created['id']}/transitions",
        {"action": "launch"},
        content_type="application/json",
        **officer,
    )
    assert response.status_code == 422  # no signer yet
    payload["code"] = "API-2"
    assert (
        client.post(
            f"{API}/movements", payload, content_type="application/json", **token("head_a")
        ).status_code
        == 403
    )


def test_openapi_lists_the_movement_routes(client, token, people):
    client.force_login(people["officer"])
    schema = client.get(f"{API}/openapi.json").json()
    for path in ("/api/v1/movements", "/api/v1/reports/{report_id}/transitions", "/api/v1/exemplary-models"):
        assert path in schema["paths"]
