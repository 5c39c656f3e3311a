"""Deployment settings: the documented production block passes `check --deploy`, and HTTPS works behind nginx."""

import os
import re
import secrets
import shlex
import subprocess
import sys

import pytest
from django.conf import settings
from django.test import override_settings

OPERATIONS = settings.BASE_DIR / "docs" / "operations.md"


def documented_production_block() -> dict[str, str]:
    """The `export` lines of the production block in docs/operations.md, section "Web"."""
    section = OPERATIONS.read_text().split("\n## Web\n", 1)[1].split("\n## ", 1)[0]
    env = {}
    for line in section.splitlines():
        if line.strip().startswith("export "):
            for word in shlex.split(line.strip())[1:]:
                name, _, value = word.partition("=")
                env[name] = value
    return env


def check_deploy(env: dict[str, str]) -> subprocess.CompletedProcess:
    """`manage.py check --deploy` in a fresh process with the project's settings and only this environment."""
    clean = {k: v for k, v in os.environ.items() if not re.match(r"(DJANGO_|THIDUA_|DATABASE_URL)", k)}
    clean |= {"DJANGO_SETTINGS_MODULE": "config.settings", "DATABASE_URL": "sqlite://:memory:"} | env
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def production_block() -> dict[str, str]:
    env = documented_production_block()
    assert env["THIDUA_ENV"] == "production" and "THIDUA_TRUSTED_PROXIES" in env
    env["DJANGO_SECRET_KEY"] = secrets.token_urlsafe(50)  # the document says "..."
    return env


def test_check_deploy_is_clean_with_the_documented_production_block(production_block):
    result = check_deploy(production_block)
    assert result.returncode == 0, result.stderr + result.stdout
    assert "System check identified no issues" in result.stdout, result.stdout


def test_check_deploy_warns_that_ssl_redirect_without_the_proxy_header_would_loop(production_block):
    del production_block["THIDUA_TRUSTED_PROXIES"]
    result = check_deploy(production_block)
    assert result.returncode != 0 and "thidua.W001" in result.stderr + result.stdout


def test_check_deploy_warns_when_behind_a_proxy_that_is_not_trusted(production_block):
    del production_block["THIDUA_TRUSTED_PROXIES"]
    result = check_deploy(production_block | {"THIDUA_BEHIND_PROXY": "1"})
    output = result.stderr + result.stdout
    assert result.returncode != 0 and "thidua.W002" in output and "thidua.W001" not in output


@override_settings(SECURE_SSL_REDIRECT=True, SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https"))
def test_behind_the_proxy_https_requests_are_served_and_http_ones_redirected(client):
    served = client.get("/tai-khoan/dang-nhap/", HTTP_X_FORWARDED_PROTO="https")
    assert served.status_code == 200
    redirected = client.get("/tai-khoan/dang-nhap/", HTTP_X_FORWARDED_PROTO="http")
    assert redirected.status_code == 301
    assert redirected["Location"] == "https://testserver/tai-khoan/dang-nhap/"


@override_settings(
    SECURE_HSTS_SECONDS=31536000, SECURE_HSTS_INCLUDE_SUBDOMAINS=True, SECURE_HSTS_PRELOAD=True
)
def test_https_responses_carry_hsts(client):
    response = client.get("/tai-khoan/dang-nhap/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


def test_a_trusted_proxy_that_is_not_an_address_refuses_to_start(production_block):
    result = check_deploy(production_block | {"THIDUA_TRUSTED_PROXIES": "127.0.0.1,nginx"})
    assert result.returncode != 0 and "THIDUA_TRUSTED_PROXIES" in result.stderr and "'nginx'" in result.stderr
