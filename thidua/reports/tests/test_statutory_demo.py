"""The demo's statutory forms for 2024: the Department's office (`vanphong`) opens the page and every form that
the data can fill has figures — the movements, the six provincial and State-level awards of the demo step, the
office's own people."""

import pytest
from django.test import Client
from django.urls import reverse

from thidua.accounts.demo import DEMO_PASSWORD
from thidua.accounts.models import User
from thidua.core.tests.demo_fixtures import demo_once
from thidua.reports import statutory
from thidua.reports.setup_statutory import build_demo_awards

pytestmark = pytest.mark.django_db


demo_seeded = demo_once(people=40, years=3, seed=11)


@pytest.fixture
def demo(demo_seeded, db):
    pass


def test_the_step_skips_without_the_department():
    summary = build_demo_awards(rng=None, orgs=None, people=[], first_year=2023, last_year=2025)
    assert summary is not None and summary.startswith("bỏ qua")


def test_the_demo_fills_the_2024_forms(demo):
    office = User.objects.get(username="vanphong")
    agency = statutory.statutory_agencies(office).first()
    assert agency.code == "YB-SKHCN"
    totals = {
        number: statutory.statutory_report(
            user=office, agency=agency, form=statutory.FORMS[number], year=2024
        ).table()[0][1]
        for number in ("0601", "0602", "0603", "0605")
    }
    assert all(cells[0] for cells in totals.values()), totals
    assert totals["0602"][:2] == [1, 0] and totals["0602"][6] == 1  # the Prime Minister's Bằng khen
    assert totals["0603"][:2] == [5, 5]  # the province's Bằng khen: four people and a division


def test_the_office_opens_the_page_and_downloads_the_demo_forms(demo):
    client = Client()
    assert client.login(username="vanphong", password=DEMO_PASSWORD)
    for number in ("0601", "0602", "0603", "0604", "0605"):
        page = client.get(reverse("reports:statutory"), {"nam": 2024, "bieu": number})
        assert page.status_code == 200 and page.context["report"].form.number == number
        download = client.get(reverse("reports:statutory_xlsx"), {"nam": 2024, "bieu": number})
        assert download.status_code == 200 and download.content[:2] == b"PK"
