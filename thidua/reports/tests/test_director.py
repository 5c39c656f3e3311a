"""The Director's year on the agency of test_statistics.py (`world`, `cycle_facts`): the year's figures, the
commendation cycle's counts by state, each movement's targets, the fairness indicators as H2's module returns
them, who may open the page, its fixed number of queries, and the dashboard's tile."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from thidua.accounts.models import Role
from thidua.council.models import AgendaItem, BallotType, Council, Session, SessionStatus
from thidua.decisions.models import Decision, DecisionStatus
from thidua.disclosure.models import DisclosureNotice, NoticeStatus
from thidua.nominations.models import Nomination
from thidua.reports import fairness

from .test_statistics import cycle_facts, world  # noqa: F401 (fixtures)

URL = "/thong-ke/giam-doc/2024/"


@pytest.fixture
def signer(make_user, org_tree):
    return make_user(Role.SIGNER, org_tree["agency"])


@pytest.fixture
def no_fairness(monkeypatch):
    monkeypatch.setattr(fairness, "indicators", lambda **kwargs: [])


@pytest.fixture
def cycle_rows(world, cycle_facts):  # noqa: F811
    a, other = world["agency"], world["other"]
    for status in (DecisionStatus.ISSUED, DecisionStatus.ISSUED, DecisionStatus.DRAFT):
        Decision.objects.create(agency=a, year=2024, status=status, title="Quyết định khen thưởng")
    Decision.objects.create(agency=a, year=2023, status=DecisionStatus.ISSUED, title="Năm khác")
    Decision.objects.create(agency=other, year=2024, status=DecisionStatus.SIGNED, title="Cơ quan khác")
    posted = {"working_days": 5, "posted_at": date(2025, 2, 3), "comment_deadline": date(2025, 2, 10)}
    DisclosureNotice.objects.create(
        agency=a, year=2024, title="Công khai", status=NoticeStatus.OPEN, **posted
    )
    DisclosureNotice.objects.create(agency=other, year=2024, title="Khác", status=NoticeStatus.OPEN, **posted)
    council = Council.objects.create(
        agency=a, name="Hội đồng Thi đua – Khen thưởng Sở", term_from=date(2021, 1, 1)
    )
    # Held in 2025 on the 2024 nominations: the 2024 cycle's session.
    held = Session.objects.create(
        council=council, held_on=date(2025, 3, 12), place="Sở", status=SessionStatus.CLOSED
    )
    for n, line in enumerate(Nomination.objects.filter(batch__unit__parent=a), start=1):
        AgendaItem.objects.create(session=held, nomination=line, position=n, ballot_type=BallotType.SECRET)
    Session.objects.create(
        council=council, held_on=date(2024, 6, 1), place="Sở", status=SessionStatus.PLANNED
    )
    Session.objects.create(council=council, held_on=date(2023, 6, 1), place="Sở", status=SessionStatus.CLOSED)


def _counts(response, key):
    stage = next(s for s in response.context["cycle"] if s.key == key)
    return {state: n for state, _label, n in stage.counts if n}


def test_the_directors_year_shows_the_cycle_by_state(client, world, signer, cycle_rows, no_fairness):  # noqa: F811
    client.force_login(signer)
    response = client.get(URL)
    assert response.status_code == 200
    assert _counts(response, "batches") == {"submitted": 2}  # Văn phòng's and QLKH's; agency B's not
    assert _counts(response, "decisions") == {"issued": 2, "draft": 1}
    assert _counts(response, "disclosure") == {"open": 1}
    assert _counts(response, "council") == {"closed": 1, "planned": 1}
    html = response.content.decode()
    assert 'data-testid="count-decisions-issued">2<' in html
    for name in ("nominations:list", "decisions:decision_list", "council:session_list", "disclosure:list"):
        assert f'href="{reverse(name)}"' in html  # each stage links to its work page


def test_the_directors_year_shows_the_figures_and_targets(client, world, signer, cycle_rows, no_fairness):  # noqa: F811
    client.force_login(signer)
    response = client.get(URL)
    assert [list(r) for r in response.context["awards"].rows] == [
        [2024, 2, 2, 1, 0, 5],
        ["Tổng", 2, 2, 1, 0, 5],
    ]
    assert [list(r) for r in response.context["nominations"].rows][-1] == ["Tổng", "", 3, 1, 1, 1, 33.3]
    assert [(t["movement__title"], t["reached"], t["total"]) for t in response.context["targets"]] == [
        ("Thi đua chuyển đổi số", 2, 3)
    ]
    assert 'data-testid="fairness-empty"' in response.content.decode()


def test_the_fairness_indicators_are_rendered_as_returned(client, world, signer, monkeypatch):  # noqa: F811
    calls = []

    def indicators(*, agency, year, unit=None):
        calls.append((agency.pk, year))
        return [
            fairness.Indicator("women", "Nữ", 0.4, 0.55, True, "Cán bộ có giới tính nữ.", "/chi-so/nu/"),
            fairness.Indicator("minority", "Dân tộc thiểu số", None, 0.2, False, "Dân tộc khác Kinh.", ""),
        ]

    monkeypatch.setattr(fairness, "indicators", indicators)
    client.force_login(signer)
    html = client.get(URL).content.decode()
    assert calls == [(world["agency"].pk, 2024)]
    row = html[html.index('data-testid="fairness-women"') :].split("</tr>")[0]
    assert 'href="/chi-so/nu/"' in row and "Cần xem xét" in row
    assert "40,0" in row and "55,0" in row and "Cán bộ có giới tính nữ." in row
    row = html[html.index('data-testid="fairness-minority"') :].split("</tr>")[0]
    assert "–" in row and "20,0" in row and "Cần xem xét" not in row


def test_officer_of_another_agency_sees_its_own_agency(client, world, make_user, cycle_rows, no_fairness):  # noqa: F811
    client.force_login(make_user(Role.OFFICER, world["other"]))
    response = client.get(URL)
    assert response.context["agency"] == world["other"]
    assert _counts(response, "decisions") == {"signed": 1}
    assert client.get(URL, {"unit": world["agency"].pk}).status_code == 404


@pytest.mark.parametrize("role", [Role.UNIT_HEAD, Role.STAFF, Role.COUNCIL_MEMBER])
def test_others_may_not_open_the_directors_year(client, world, make_user, role):  # noqa: F811
    client.force_login(make_user(role, world["agency"]))
    assert client.get(URL).status_code == 403


def test_the_current_year_is_the_latest_with_awards(client, world, signer):  # noqa: F811
    client.force_login(signer)
    response = client.get("/thong-ke/giam-doc/")
    assert response.status_code == 302 and response["Location"] == URL


def test_a_year_out_of_range_is_refused(client, world, signer):  # noqa: F811
    client.force_login(signer)
    response = client.get("/thong-ke/giam-doc/3000/")
    assert response.status_code == 400
    assert "Năm phải nằm trong khoảng" in response.content.decode()


def test_the_page_takes_the_same_queries_with_more_rows(client, world, signer, cycle_rows, no_fairness):  # noqa: F811
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(signer)
    client.get(URL)

    def count():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(URL).status_code == 200
        return len(captured.captured_queries)

    before = count()
    for n in range(10):
        Decision.objects.create(
            agency=world["div_a"], year=2024, status=DecisionStatus.SIGNED, title=f"QĐ {n}"
        )
    assert count() == before
    assert before <= 18


def test_the_dashboard_links_the_directors_year_for_the_director_only(client, world, signer, make_user):  # noqa: F811
    client.force_login(signer)
    assert "/thong-ke/giam-doc/" in client.get("/").content.decode()
    client.force_login(make_user(Role.UNIT_HEAD, world["div_a"]))
    assert "/thong-ke/giam-doc/" not in client.get("/").content.decode()
