"""Login: works, is throttled after repeated failures, and speaks Vietnamese (or English)."""

import pytest
from django.test import override_settings

from thidua.accounts.models import Role

pytestmark = pytest.mark.django_db
LOGIN = "/tai-khoan/dang-nhap/"


@pytest.fixture
def lan(make_user, org_tree):
    return make_user(Role.STAFF, org_tree["div_a"], username="lan")


def test_login_succeeds_and_lands_on_home(client, lan):
    response = client.post(LOGIN, {"username": "lan", "password": "x-Password-123"})
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get("/").status_code == 200


def test_wrong_password_says_so_in_vietnamese(client, lan):
    response = client.post(LOGIN, {"username": "lan", "password": "wrong"})
    assert response.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in response.content.decode()


@override_settings(LOGIN_MAX_FAILURES=3)
def test_login_is_throttled_after_repeated_failures_even_with_the_right_password(client, lan):
    for _ in range(3):
        client.post(LOGIN, {"username": "lan", "password": "wrong"})
    response = client.post(LOGIN, {"username": "lan", "password": "x-Password-123"})
    assert response.status_code == 429
    assert "Đăng nhập sai quá nhiều lần" in response.content.decode()
    assert "_auth_user_id" not in client.session


@override_settings(LOGIN_MAX_FAILURES=3)
def test_throttle_is_per_username(client, lan, make_user, org_tree):
    make_user(Role.STAFF, org_tree["div_a"], username="hoa")
    for _ in range(3):
        client.post(LOGIN, {"username": "lan", "password": "wrong"}, REMOTE_ADDR="10.0.0.1")
    response = client.post(LOGIN, {"username": "hoa", "password": "x-Password-123"}, REMOTE_ADDR="10.0.0.2")
    assert response.status_code == 302


def test_english_is_available(client, lan):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    response = client.get(LOGIN)
    assert response.status_code == 200
    assert 'lang="en"' in response.content.decode()


def test_security_headers(client):
    response = client.get(LOGIN)
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "object-src 'none'" in csp and "'unsafe-inline'" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_vietnamese_is_the_default_whatever_the_browser_asks(client):
    response = client.get(LOGIN, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert 'lang="vi"' in response.content.decode()
    assert "Tên đăng nhập" in response.content.decode()


@override_settings(LOGIN_MAX_FAILURES=2, LOGIN_FAILURE_WINDOW=30 * 60)
def test_lockout_message_names_the_configured_wait(client, lan):
    for _ in range(2):
        client.post(LOGIN, {"username": "lan", "password": "wrong"})
    response = client.post(LOGIN, {"username": "lan", "password": "x-Password-123"})
    assert response.status_code == 429
    assert "thử lại sau 30 phút" in response.content.decode()
