"""Without the initiatives app in INSTALLED_APPS the product boots and serves its other pages: no app imports it
(docs/architecture.md, "Layers"); its menu entry, routes, API, Excel kind, demo steps and the person's
initiatives by year all come from its `AppConfig.ready()`, so they go with it."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
SETTINGS = "config.settings.test_without_initiatives"

# Runs in a fresh interpreter (INSTALLED_APPS is read once per process): migrate an in-memory SQLite database,
# make a unit, a person with a rating and an award, an officer; request the pages as that officer.
PAGES_SCRIPT = r"""
import json
from datetime import date

import django

django.setup()

from django.apps import apps
from django.core.management import call_command
from django.test import Client
from django.test.utils import setup_test_environment

setup_test_environment()
call_command("migrate", verbosity=0, interactive=False)
assert not apps.is_installed("thidua.initiatives")

from thidua.accounts.models import Role, RoleGrant, User
from thidua.appraisals.models import Appraisal
from thidua.commendations.models import AwardRecord
from thidua.organizations.models import Assignment, Organization, OrganizationKind, Person, Position

agency = Organization.objects.create(kind=OrganizationKind.AGENCY, code="A", name="Sở Khoa học và Công nghệ")
division = Organization.objects.create(
    kind=OrganizationKind.DIVISION, code="D", name="Phòng Quản lý khoa học", parent=agency
)
person = Person.objects.create(family_name="Trần", middle_name="Minh", given_name="Đức", sex="M", staff_code="CB1")
Assignment.objects.create(
    person=person, organization=division, position=Position.objects.create(name="Chuyên viên"),
    start_on=date(2020, 1, 1),
)
Appraisal.objects.create(person=person, year=2024, organization=division, rating="HTXSNV")
AwardRecord.objects.create(
    code="LDTT", person=person, year=2024, decision_number="01/QĐ-SKHCN", decided_on=date(2025, 1, 15),
    deciding_body="Giám đốc Sở",
)
officer = User.objects.create_user(username="vanphong", password="x-Password-123")
RoleGrant.objects.create(user=officer, role=Role.OFFICER, organization=agency, include_subunits=True)

client = Client()
client.force_login(officer)
pages = {
    "dashboard": "/",
    "people": "/can-bo/",
    "person": f"/can-bo/{person.pk}/",
    "movements": "/phong-trao/",
    "ratings": "/danh-gia/xep-loai/",
}
result = {}
for name, url in pages.items():
    response = client.get(url)
    html = response.content.decode()
    result[name] = {"status": response.status_code, "initiatives_link": "/sang-kien/" in html}
result["person_page_shows_the_rating"] = "HTXSNV" in client.get(pages["person"]).content.decode()
result["person_page_shows_the_award"] = "LDTT" in client.get(pages["person"]).content.decode()
schema = client.get("/api/v1/openapi.json")
result["openapi"] = {
    "status": schema.status_code,
    "initiative_paths": [path for path in schema.json()["paths"] if "initiative" in path],
}
result["initiatives_page"] = client.get("/sang-kien/").status_code
print(json.dumps(result))
"""


def _run(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": SETTINGS}
    env.pop("DATABASE_URL", None)  # the settings module pins an in-memory SQLite database anyway
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False
    )


def test_the_project_checks_clean_without_initiatives():
    result = _run("manage.py", "check")
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_the_other_pages_answer_without_initiatives_and_none_links_to_them():
    import json

    result = _run("-c", PAGES_SCRIPT)
    assert result.returncode == 0, result.stderr
    pages = json.loads(result.stdout.strip().splitlines()[-1])
    for name in ("dashboard", "people", "person", "movements", "ratings"):
        assert pages[name] == {"status": 200, "initiatives_link": False}, (name, pages[name])
    assert pages["person_page_shows_the_rating"]
    assert pages["person_page_shows_the_award"]  # commendations' facts still join the person's years
    assert pages["openapi"] == {"status": 200, "initiative_paths": []}
    assert pages["initiatives_page"] == 404
