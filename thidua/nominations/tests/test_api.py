"""The nominations API: scoped reads, writes through the services, 401 for anonymous callers, 403/404 outside
the caller's scope, 422 on a refusal and 409 on a stale version."""

import pytest

from thidua.accounts.models import ApiToken
from thidua.nominations import services
from thidua.nominations.models import Nomination

from .conftest import YEAR

API = "/api/v1"


@pytest.fixture
def token(nom):
    def _token(who):
        _t, key = ApiToken.issue(user=nom["users"][who], name="test")
        return {"HTTP_AUTHORIZATION": f"Bearer {key}"}

    return _token


@pytest.fixture
def api_world(nom, batch_a):
    line = services.nomination_add(
        actor=nom["users"]["head_a"], batch=batch_a, code="LDTT", person=nom["people"]["A1"]
    )
    batch_a.refresh_from_db()
    return {"batch": batch_a, "line": line}


def routes(w, nom):
    b, n = w["batch"].pk, w["line"].pk
    return [
        ("get", f"{API}/nomination-batches", None),
        ("get", f"{API}/nomination-batches/{b}", None),
        ("get", f"{API}/nominations", None),
        ("get", f"{API}/nominations/{n}", None),
        ("post", f"{API}/nomination-batches", {"unit_id": nom["orgs"]["div_a"].pk, "year": YEAR}),
        (
            "post",
            f"{API}/nomination-batches/{b}/nominations",
            {"code": "CSTDCS", "person_id": nom["people"]["A1"].pk},
        ),
        ("post", f"{API}/nomination-batches/{b}/transitions", {"action": "submit"}),
        ("post", f"{API}/nominations/{n}/transitions", {"action": "withdraw"}),
    ]


LISTS = (f"{API}/nomination-batches", f"{API}/nominations")


def _call(client, method, url, body, headers):
    if body is None:
        return getattr(client, method)(url, **headers)
    return getattr(client, method)(url, body, content_type="application/json", **headers)


def test_anonymous_gets_401_everywhere(client, api_world, nom):
    for method, url, body in routes(api_world, nom):
        assert _call(client, method, url, body, {}).status_code == 401, url


@pytest.mark.parametrize("who", ["head_b", "other_officer", "staff_a"])
def test_outside_the_unit_nothing_is_read_or_written(client, api_world, nom, token, who):
    headers = token(who)
    before = (Nomination.objects.count(), services.ProposalBatch.objects.count())
    for method, url, body in routes(api_world, nom):
        status = _call(client, method, url, body, headers).status_code
        if method == "get" and url in LISTS:
            assert status == 200
            assert _call(client, method, url, body, headers).json()["items"] == [] or who == "staff_a"
        elif who == "staff_a" and url == f"{API}/nominations/{api_world['line'].pk}":
            assert status == 200  # the line names the staff member: their own record
        else:
            assert status in (403, 404), (who, url, status)
    assert (Nomination.objects.count(), services.ProposalBatch.objects.count()) == before


def test_the_staff_member_reads_their_own_line_only(client, api_world, token):
    items = client.get(f"{API}/nominations", **token("staff_a")).json()["items"]
    assert [item["id"] for item in items] == [api_world["line"].pk]


def test_the_unit_proposes_and_the_office_decides_through_the_api(client, api_world, nom, token):
    head, officer = token("head_a"), token("officer")
    batch = api_world["batch"]
    detail = client.get(f"{API}/nomination-batches/{batch.pk}", **head).json()
    assert detail["nominations"][0]["verdict"] == "eligible"
    assert detail["nominations"][0]["reasons"][0]["basis"].startswith("Luật Thi đua")
    version = detail["version"]
    added = client.post(
        f"{API}/nomination-batches/{batch.pk}/nominations",
        {"code": "TTLDXS", "organization_id": nom["orgs"]["div_a"].pk, "version": version},
        content_type="application/json",
        **head,
    )
    assert added.status_code == 201, added.content
    assert added.json()["subject"] == "Văn phòng Sở"
    duplicate = client.post(
        f"{API}/nomination-batches/{batch.pk}/nominations",
        {"code": "LDTT", "person_id": nom["people"]["A1"].pk},
        content_type="application/json",
        **head,
    )
    assert (
        duplicate.status_code == 422
        and "một thành tích chỉ được khen thưởng một lần" in duplicate.json()["errors"][0]["message"]
    )
    stale = client.post(
        f"{API}/nomination-batches/{batch.pk}/transitions",
        {"action": "submit", "version": version},
        content_type="application/json",
        **head,
    )
    assert stale.status_code == 409 and "Tờ trình vừa được người khác thay đổi" in stale.json()["detail"]
    sent = client.post(
        f"{API}/nomination-batches/{batch.pk}/transitions",
        {"action": "submit"},
        content_type="application/json",
        **head,
    )
    assert sent.status_code == 200 and sent.json()["status"] == "submitted"
    assert (
        client.post(
            f"{API}/nomination-batches/{batch.pk}/transitions",
            {"action": "accept"},
            content_type="application/json",
            **head,
        ).status_code
        == 403
    )
    lines = client.get(f"{API}/nominations?year={YEAR}", **officer).json()["items"]
    first, second = sorted(lines, key=lambda item: item["id"])
    refused = client.post(
        f"{API}/nominations/{first['id']}/transitions",
        {"action": "return"},
        content_type="application/json",
        **officer,
    )
    assert refused.status_code == 422
    returned = client.post(
        f"{API}/nominations/{first['id']}/transitions",
        {"action": "return", "reason": "Thiếu tóm tắt"},
        content_type="application/json",
        **officer,
    )
    assert returned.json()["status"] == "returned" and returned.json()["return_reason"] == "Thiếu tóm tắt"
    client.post(
        f"{API}/nominations/{second['id']}/transitions",
        {"action": "accept"},
        content_type="application/json",
        **officer,
    )
    accepted = client.post(
        f"{API}/nomination-batches/{batch.pk}/transitions",
        {"action": "accept"},
        content_type="application/json",
        **officer,
    )
    assert accepted.status_code == 200 and accepted.json()["status"] == "accepted"


def test_the_office_creates_a_batch_and_a_head_cannot_for_another_unit(client, nom, token):
    created = client.post(
        f"{API}/nomination-batches",
        {"unit_id": nom["orgs"]["div_b"].pk, "year": YEAR},
        content_type="application/json",
        **token("officer"),
    )
    assert created.status_code == 201 and created.json()["office_id"] == nom["orgs"]["agency"].pk
    assert client.post(
        f"{API}/nomination-batches",
        {"unit_id": nom["orgs"]["div_b"].pk, "year": YEAR},
        content_type="application/json",
        **token("head_a"),
    ).status_code in (403, 404)


def test_openapi_lists_the_nomination_routes(client, nom):
    client.force_login(nom["users"]["officer"])
    paths = client.get(f"{API}/openapi.json").json()["paths"]
    for path in (
        "/api/v1/nomination-batches",
        "/api/v1/nomination-batches/{batch_id}",
        "/api/v1/nomination-batches/{batch_id}/nominations",
        "/api/v1/nomination-batches/{batch_id}/transitions",
        "/api/v1/nominations",
        "/api/v1/nominations/{nomination_id}",
        "/api/v1/nominations/{nomination_id}/transitions",
    ):
        assert path in paths
    assert "409" in paths["/api/v1/nomination-batches/{batch_id}/transitions"]["post"]["responses"]
