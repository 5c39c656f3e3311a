"""The login throttle: per normalised username and per real client address, on every password form, with an
administrator's audited unlock."""

import pytest
from django.core.management import CommandError, call_command
from django.test import RequestFactory, override_settings

from thidua.accounts.client_address import client_address
from thidua.accounts.models import LoginFailure, Role
from thidua.audit.models import AuditEvent

pytestmark = pytest.mark.django_db
LOGIN = "/tai-khoan/dang-nhap/"
ADMIN_LOGIN = "/quan-tri/login/"
PASSWORD = "x-Password-123"
NGINX = {"THIDUA_TRUSTED_PROXIES": ["127.0.0.1"]}


@pytest.fixture
def hoidong(make_user, org_tree):
    return make_user(Role.STAFF, org_tree["div_a"], username="hoidong")


@pytest.fixture
def admin(make_user, org_tree):
    return make_user(Role.ADMIN, org_tree["province"], username="quantri", is_staff=True, is_superuser=True)


def fail(client, username="hoidong", times=1, **extra):
    for _ in range(times):
        client.post(LOGIN, {"username": username, "password": "wrong"}, **extra)


def logged_in(client) -> bool:
    return "_auth_user_id" in client.session


# --- one counter per normalised username -------------------------------------------------------------------


@override_settings(LOGIN_MAX_FAILURES=3)
@pytest.mark.parametrize("spelling", ["hoidong ", " hoidong", "HoiDong", "HOIDONG  ", "ｈｏｉｄｏｎｇ"])
def test_another_spelling_of_the_username_is_refused_during_a_lockout(client, hoidong, spelling):
    fail(client, times=3)
    response = client.post(LOGIN, {"username": spelling, "password": PASSWORD})
    assert response.status_code == 429
    assert "Đăng nhập sai quá nhiều lần" in response.content.decode()
    assert not logged_in(client)


@override_settings(LOGIN_MAX_FAILURES=3)
def test_a_refused_login_with_the_right_password_does_not_clear_the_counter(client, hoidong):
    fail(client, times=3)
    client.post(LOGIN, {"username": "hoidong ", "password": PASSWORD})
    assert LoginFailure.objects.filter(username="hoidong").count() == 3
    response = client.post(LOGIN, {"username": "hoidong", "password": PASSWORD})
    assert response.status_code == 429 and not logged_in(client)


@override_settings(LOGIN_MAX_FAILURES=3)
def test_failures_under_different_spellings_share_one_counter(client, hoidong):
    for spelling in ("hoidong ", "HoiDong", "HOIDONG"):
        fail(client, username=spelling)
    assert set(LoginFailure.objects.values_list("username", flat=True)) == {"hoidong"}
    assert client.post(LOGIN, {"username": "hoidong", "password": PASSWORD}).status_code == 429


@override_settings(LOGIN_MAX_FAILURES=3)
def test_a_login_below_the_limit_clears_the_usernames_failures_but_not_the_addresses(client, hoidong):
    fail(client, times=2, REMOTE_ADDR="10.0.0.9")
    fail(client, username="someone-else", REMOTE_ADDR="10.0.0.9")
    response = client.post(LOGIN, {"username": "hoidong ", "password": PASSWORD}, REMOTE_ADDR="10.0.0.9")
    assert response.status_code == 302 and logged_in(client)
    assert not LoginFailure.objects.filter(username="hoidong").exists()
    assert LoginFailure.objects.filter(ip_address="10.0.0.9").count() == 1


@override_settings(LOGIN_MAX_FAILURES=3)
def test_the_admin_login_is_throttled_too(client, admin):
    for _ in range(3):
        client.post(ADMIN_LOGIN, {"username": "quantri", "password": "wrong", "next": "/quan-tri/"})
    assert LoginFailure.objects.filter(username="quantri").count() == 3
    client.post(ADMIN_LOGIN, {"username": "QuanTri ", "password": PASSWORD, "next": "/quan-tri/"})
    assert not logged_in(client)
    assert LoginFailure.objects.filter(username="quantri").count() == 3


# --- per client address: blocks that address only ---------------------------------------------------------


@override_settings(LOGIN_MAX_FAILURES_PER_ADDRESS=4)
def test_an_address_lockout_refuses_that_address_only(client, hoidong):
    for n in range(4):
        fail(client, username=f"guess{n}", REMOTE_ADDR="203.0.113.5")
    refused = client.post(LOGIN, {"username": "hoidong", "password": PASSWORD}, REMOTE_ADDR="203.0.113.5")
    assert refused.status_code == 429 and not logged_in(client)
    allowed = client.post(LOGIN, {"username": "hoidong", "password": PASSWORD}, REMOTE_ADDR="198.51.100.7")
    assert allowed.status_code == 302 and logged_in(client)


@override_settings(LOGIN_MAX_FAILURES_PER_ADDRESS=4, **NGINX)
def test_behind_the_trusted_proxy_one_clients_lockout_does_not_lock_out_the_site(client, hoidong):
    for n in range(4):
        fail(client, username=f"guess{n}", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.5")
    assert set(LoginFailure.objects.values_list("ip_address", flat=True)) == {"203.0.113.5"}
    refused = client.post(
        LOGIN,
        {"username": "hoidong", "password": PASSWORD},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="203.0.113.5",
    )
    assert refused.status_code == 429
    allowed = client.post(
        LOGIN,
        {"username": "hoidong", "password": PASSWORD},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="198.51.100.7",
    )
    assert allowed.status_code == 302 and logged_in(client)


@override_settings(LOGIN_MAX_FAILURES_PER_ADDRESS=4, **NGINX)
def test_a_forged_forwarded_for_from_an_untrusted_peer_does_not_escape_its_lockout(client, hoidong):
    for n in range(4):
        fail(client, username=f"guess{n}", REMOTE_ADDR="203.0.113.5", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
    assert set(LoginFailure.objects.values_list("ip_address", flat=True)) == {"203.0.113.5"}
    response = client.post(
        LOGIN,
        {"username": "hoidong", "password": PASSWORD},
        REMOTE_ADDR="203.0.113.5",
        HTTP_X_FORWARDED_FOR="198.51.100.7",
    )
    assert response.status_code == 429 and not logged_in(client)


def address_of(remote_addr, forwarded_for=None):
    extra = {"REMOTE_ADDR": remote_addr}
    if forwarded_for is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded_for
    return client_address(RequestFactory().get("/", **extra))


@pytest.mark.parametrize(
    ("trusted", "remote_addr", "forwarded_for", "expected"),
    [
        ([], "127.0.0.1", "203.0.113.5", "127.0.0.1"),  # no proxy trusted: the header is ignored
        (["127.0.0.1"], "198.51.100.7", "203.0.113.5", "198.51.100.7"),  # the peer is not our proxy
        (["127.0.0.1"], "127.0.0.1", "203.0.113.5", "203.0.113.5"),
        # what the client itself put before the hop nginx appended is ignored
        (["127.0.0.1"], "127.0.0.1", "1.2.3.4, 203.0.113.5", "203.0.113.5"),
        (["127.0.0.1", "10.0.0.0/8"], "127.0.0.1", "1.2.3.4, 203.0.113.5, 10.1.2.3", "203.0.113.5"),
        (["127.0.0.1"], "127.0.0.1", "not-an-address", "127.0.0.1"),
        (["127.0.0.1"], "127.0.0.1", None, "127.0.0.1"),
        (["::1"], "::1", "2001:db8::5", "2001:db8::5"),
        (["127.0.0.1"], "::ffff:127.0.0.1", "203.0.113.5", "203.0.113.5"),
        ([], "", None, None),
    ],
)
def test_client_address_believes_forwarded_for_only_from_trusted_proxies(
    trusted, remote_addr, forwarded_for, expected
):
    with override_settings(THIDUA_TRUSTED_PROXIES=trusted):
        assert address_of(remote_addr, forwarded_for) == expected


# --- an administrator's unlock, audited --------------------------------------------------------------------


@override_settings(LOGIN_MAX_FAILURES=3)
def test_admin_unlocks_a_username_from_the_failures_list_and_it_is_audited(client, hoidong, admin):
    fail(client, times=3)
    client.force_login(admin)
    response = client.post(
        "/quan-tri/accounts/loginfailure/",
        {
            "action": "unlock_usernames",
            "_selected_action": [LoginFailure.objects.earliest("pk").pk],
            "index": 0,
        },
    )
    assert response.status_code == 302
    assert not LoginFailure.objects.filter(username="hoidong").exists()
    event = AuditEvent.objects.get(action="login_unlock")
    assert event.actor_id == admin.pk and event.object_type == "accounts.loginfailure"
    assert event.after == {"username": "hoidong", "ip_address": None, "failures_cleared": 3}
    client.logout()
    assert client.post(LOGIN, {"username": "hoidong", "password": PASSWORD}).status_code == 302


@override_settings(LOGIN_MAX_FAILURES_PER_ADDRESS=4)
def test_admin_unlocks_an_address_from_the_failures_list_and_it_is_audited(client, hoidong, admin):
    for n in range(4):
        fail(client, username=f"guess{n}", REMOTE_ADDR="203.0.113.5")
    client.force_login(admin)
    client.post(
        "/quan-tri/accounts/loginfailure/",
        {
            "action": "unlock_addresses",
            "_selected_action": [LoginFailure.objects.earliest("pk").pk],
            "index": 0,
        },
    )
    assert not LoginFailure.objects.filter(ip_address="203.0.113.5").exists()
    event = AuditEvent.objects.get(action="login_unlock")
    assert event.after is not None
    assert event.actor_id == admin.pk and event.after["ip_address"] == "203.0.113.5"
    assert event.after["failures_cleared"] == 4
    client.logout()
    response = client.post(LOGIN, {"username": "hoidong", "password": PASSWORD}, REMOTE_ADDR="203.0.113.5")
    assert response.status_code == 302


@override_settings(LOGIN_MAX_FAILURES=3)
def test_admin_unlocks_a_user_from_the_accounts_list(client, hoidong, admin):
    fail(client, username="HoiDong ", times=3)
    client.force_login(admin)
    client.post(
        "/quan-tri/accounts/user/", {"action": "unlock_login", "_selected_action": [hoidong.pk], "index": 0}
    )
    assert not LoginFailure.objects.exists()
    assert AuditEvent.objects.get(action="login_unlock").actor_id == admin.pk


def test_the_failures_list_cannot_be_edited_or_deleted_without_the_audited_unlock(client, hoidong, admin):
    fail(client)
    failure = LoginFailure.objects.get()
    client.force_login(admin)
    assert client.get("/quan-tri/accounts/loginfailure/").status_code == 200
    assert client.post(f"/quan-tri/accounts/loginfailure/{failure.pk}/delete/").status_code == 403
    assert LoginFailure.objects.filter(pk=failure.pk).exists()


@override_settings(LOGIN_MAX_FAILURES=3)
def test_the_unlock_command_clears_a_username_and_an_address_and_is_audited(client, hoidong):
    fail(client, times=3, REMOTE_ADDR="203.0.113.5")
    fail(client, username="other", REMOTE_ADDR="198.51.100.7")
    call_command("login_unlock", "--username", "HOIDONG ")
    assert list(LoginFailure.objects.values_list("username", flat=True)) == ["other"]
    call_command("login_unlock", "--address", "198.51.100.7")
    assert not LoginFailure.objects.exists()
    events = AuditEvent.objects.filter(action="login_unlock").order_by("id")
    assert [(e.object_id, e.actor_repr) for e in events] == [
        ("hoidong", "system"),
        ("198.51.100.7", "system"),
    ]


def test_the_unlock_command_refuses_a_bad_address_or_nothing_to_unlock():
    with pytest.raises(CommandError, match="Địa chỉ IP không hợp lệ"):
        call_command("login_unlock", "--address", "nowhere")
    with pytest.raises(CommandError, match="Cần tên đăng nhập hoặc địa chỉ IP"):
        call_command("login_unlock")
    assert not AuditEvent.objects.filter(action="login_unlock").exists()


@override_settings(**NGINX)
def test_the_audit_trail_records_the_clients_address_behind_the_proxy(client, hoidong):
    client.post(
        LOGIN,
        {"username": "hoidong", "password": PASSWORD},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="203.0.113.5",
    )
    assert AuditEvent.objects.get(action="login").ip_address == "203.0.113.5"
