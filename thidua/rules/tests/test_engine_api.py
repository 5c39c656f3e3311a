"""POST /api/v1/eligibility: the contract over HTTP (needs the Django scaffold and the mounted router)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("pytest_django")
from django.contrib.auth import get_user_model
from django.test import Client

EXAMPLE = Path(__file__).parent / "contract_examples" / "cstd_tinh_2024.json"
URL = "/api/v1/eligibility"


@pytest.fixture
def client_logged_in(db: None) -> Client:
    user = get_user_model().objects.create_user(username="canbo", password="mat-khau-dai-123")
    client = Client()
    client.force_login(user)
    return client


def test_api_answers_the_contract_example(client_logged_in: Client) -> None:
    response = client_logged_in.post(
        URL, data=EXAMPLE.read_text(encoding="utf-8"), content_type="application/json"
    )
    assert response.status_code == 200, response.content
    ans = response.json()
    assert ans["verdict"] == "eligible"
    assert ans["rule_set"] == "luat-06-2022+nd-98-2023"
    assert ans["reasons"][0]["criterion"] == "three_consecutive_cstdcs"


def test_api_answers_the_questions_form(client_logged_in: Client) -> None:
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    data["questions"] = [data.pop("question"), {"code": "LDTT", "year": 2024}]
    response = client_logged_in.post(URL, data=json.dumps(data), content_type="application/json")
    assert response.status_code == 200
    assert [a["code"] for a in response.json()["answers"]] == ["CSTD_TINH", "LDTT"]


def test_api_refuses_bad_input_with_400_naming_the_field(client_logged_in: Client) -> None:
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    data["years"]["2024"]["leave"][0]["working_days"] = -2
    response = client_logged_in.post(URL, data=json.dumps(data), content_type="application/json")
    assert response.status_code == 400
    body = response.json()
    assert body["field"] == "years.2024.leave[0].working_days"
    assert "không được là số âm" in body["detail"]


def test_api_refuses_invalid_json(client_logged_in: Client) -> None:
    response = client_logged_in.post(URL, data="{oops", content_type="application/json")
    assert response.status_code == 400
    assert "JSON không hợp lệ" in response.json()["detail"]


@pytest.mark.django_db
def test_api_requires_authentication() -> None:
    response = Client().post(URL, data=EXAMPLE.read_text(encoding="utf-8"), content_type="application/json")
    assert response.status_code == 401


def test_api_answers_the_contract_1_1_example_as_the_command_does(client_logged_in: Client) -> None:
    example = EXAMPLE.parent / "track_1_1.json"
    response = client_logged_in.post(
        URL, data=example.read_text(encoding="utf-8"), content_type="application/json"
    )
    assert response.status_code == 200, response.content
    stored = json.loads((EXAMPLE.parent / "track_1_1.answer.json").read_text(encoding="utf-8"))
    assert response.json() == stored
