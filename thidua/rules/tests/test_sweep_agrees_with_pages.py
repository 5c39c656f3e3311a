"""The discovery sweep and the person page judge every demo person alike; the page names the track of each form
and what a proposal on another track would need (issue 10)."""

import pytest
from django.urls import reverse

from thidua.accounts.models import User
from thidua.core.tests.demo_fixtures import demo_once
from thidua.organizations.models import Organization, Person
from thidua.rules import loader, sections, services

pytestmark = pytest.mark.django_db
YEAR = 2024


demo_seeded = demo_once(people=160, years=10, seed=2021)


@pytest.fixture
def demo(demo_seeded, db):
    return Organization.objects.get(code="YB-SKHCN")


def test_discovery_sweep_and_person_page_agree_on_every_demo_person(demo, django_capture_on_commit_callbacks):
    officer = User.objects.get(username="vanphong")
    with django_capture_on_commit_callbacks(execute=True):
        run = services.discovery_start(actor=officer, organization=demo, year=YEAR)
    run.refresh_from_db()
    swept: dict[int, dict[str, str]] = {}
    for row in run.findings:
        if row["kind"] == "individual":
            swept.setdefault(row["key"], {})[row["code"]] = row["status"]
    judged = loader.judging_units(organization=demo, year=YEAR)
    people = Person.objects.in_bulk(list(judged))
    assert len(people) >= 140
    compared = 0
    for pk, person in people.items():
        page = {row["code"]: row["evaluation"].verdict for row in sections._person_rows(person, YEAR)}
        found = swept.get(pk, {})
        eligible_on_page = {code for code, verdict in page.items() if verdict == "eligible"}
        eligible_in_sweep = {code for code, status in found.items() if status == "eligible"}
        assert eligible_on_page == eligible_in_sweep, (person, page, found)
        for code, status in found.items():
            if status == "needs_council_judgement":
                assert page[code] == "needs_council_judgement", (person, code)
            elif status == "one_step_away":
                assert page[code] == "not_eligible", (person, code)
        compared += len(page)
    assert compared >= 140 * len(services.INDIVIDUAL_CODES)


def test_person_page_shows_the_track_of_each_form_and_what_another_track_needs(client, demo):
    client.force_login(User.objects.get(username="vanphong"))
    person = Person.objects.get(family_name="Nguyễn", middle_name="Văn", given_name="An")
    content = client.get(
        reverse("organizations:person_detail", args=[person.pk]), {"nam": YEAR}
    ).content.decode()
    assert 'data-testid="track-BANG_KHEN_TINH"' in content
    assert "Xét theo thành tích công trạng" in content
    assert 'data-testid="other-track-BANG_KHEN_TTG"' in content
    assert "Nếu đề nghị theo thành tích đột xuất:" in content
    assert 'data-testid="track-LDTT"' not in content  # titles are judged yearly on merit only
