"""The notifications API: the caller's own notifications (optionally unread only), marking one or all read;
another user's notification is a 404; anonymous callers get 401."""

import pytest

from thidua.accounts.models import ApiToken, Role
from thidua.notifications import services
from thidua.notifications.models import Notification

API = "/api/v1"
pytestmark = pytest.mark.django_db


@pytest.fixture
def me(make_user, org_tree):
    return make_user(Role.UNIT_HEAD, org_tree["div_a"], username="me")


@pytest.fixture
def other(make_user, org_tree):
    return make_user(Role.OFFICER, org_tree["agency"], include_subunits=True, username="other")


def _auth(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(user=user, name='test')[1]}"}


@pytest.fixture
def mine(me, other):
    for title in ("Một", "Hai", "Ba"):
        services.notify(users=[me], title=title, body="Nội dung", url="/phong-trao/", email=False)
    services.notify(users=[other], title="Của người khác", email=False)
    return {n.title: n for n in Notification.objects.filter(user=me)}


def test_the_list_is_ones_own_newest_first_with_an_unread_filter(client, me, mine):
    services.notification_mark_read(user=me, notification=mine["Một"])
    body = client.get(f"{API}/notifications", **_auth(me)).json()
    assert body["count"] == 3
    assert [n["title"] for n in body["items"]] == ["Ba", "Hai", "Một"]
    assert body["items"][0]["url"] == "/phong-trao/" and body["items"][0]["read_at"] is None
    assert body["items"][2]["read_at"] is not None
    unread = client.get(f"{API}/notifications", {"unread": "true"}, **_auth(me)).json()
    assert [n["title"] for n in unread["items"]] == ["Ba", "Hai"]
    assert client.get(f"{API}/notifications", {"unread": "maybe"}, **_auth(me)).status_code == 422


def test_mark_one_read_and_all_read(client, me, other, mine):
    response = client.post(f"{API}/notifications/{mine['Hai'].pk}/read", **_auth(me))
    assert response.status_code == 200 and response.json()["read_at"] is not None
    assert Notification.objects.get(pk=mine["Hai"].pk).read_at is not None
    response = client.post(f"{API}/notifications/read", **_auth(me))
    assert response.status_code == 200 and response.json() == {"marked": 2}
    assert not Notification.objects.filter(user=me, read_at__isnull=True).exists()
    assert Notification.objects.filter(user=other, read_at__isnull=True).count() == 1


def test_another_users_notification_is_a_404(client, me, other, mine):
    theirs = Notification.objects.get(user=other)
    assert client.get(f"{API}/notifications/{theirs.pk}", **_auth(me)).status_code == 404
    assert client.post(f"{API}/notifications/{theirs.pk}/read", **_auth(me)).status_code == 404
    assert Notification.objects.get(pk=theirs.pk).read_at is None
    assert client.get(f"{API}/notifications/{mine['Ba'].pk}", **_auth(me)).json()["title"] == "Ba"
    assert client.get(f"{API}/notifications/{2**63 - 1}", **_auth(me)).status_code == 404
    assert client.get(f"{API}/notifications/{2**70}", **_auth(me)).status_code in (404, 422)


def test_anonymous_gets_401(client, mine):
    assert client.get(f"{API}/notifications").status_code == 401
    assert client.post(f"{API}/notifications/read").status_code == 401
    assert Notification.objects.filter(read_at__isnull=False).count() == 0


def test_the_session_needs_csrf_to_mark_read(me, mine):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(me)
    assert browser.get(f"{API}/notifications").status_code == 200
    assert browser.post(f"{API}/notifications/read").status_code in (401, 403)
    assert not Notification.objects.filter(read_at__isnull=False).exists()


def test_the_operations_are_in_the_openapi_document_with_security(client, me):
    client.force_login(me)
    paths = client.get(f"{API}/openapi.json").json()["paths"]
    for path, method in [
        ("/api/v1/notifications", "get"),
        ("/api/v1/notifications/{notification_id}", "get"),
        ("/api/v1/notifications/{notification_id}/read", "post"),
        ("/api/v1/notifications/read", "post"),
    ]:
        operation = paths[path][method]
        assert operation["security"], path
        assert "404" in operation["responses"], path
