"""Every page and action of the council: anonymous users go to the login page, other agencies and units get 404
(or 403 for a reader who does not manage), the right users get through; the whole ballot through the pages; the
tally code and the receipt are shown once and kept nowhere."""

import re

import pytest
from django.urls import reverse

from thidua.core.tests.route_matrix import ROLES, RouteMatrix
from thidua.council import services, urls
from thidua.council.models import BallotState, Session, SessionStatus
from thidua.council.tests.conftest import HELD_ON, voters
from thidua.nominations.models import NominationStatus


@pytest.fixture
def world(make_council, make_line, people):
    """A council of 5 (officer, secretary, member and two logins), an open session with three items (ballot
    pending, open, closed), a planned session with one item, and a member who never voted."""
    secretary = people["secretary"]
    council = make_council(5)
    session = services.session_create(actor=secretary, council=council, held_on=HELD_ON, place="Phòng họp")
    pending, opened, closed = services.agenda_add(
        actor=secretary, session=session, nominations=[make_line(), make_line("CSTD_TINH"), make_line()]
    )
    session = services.session_transition(actor=secretary, session=session, action="open")
    services.ballot_open(actor=secretary, item=opened)
    code = services.ballot_open(actor=secretary, item=closed)
    services.ballot_cast(actor=people["member"], item=closed, choice="agree")
    services.ballot_close(actor=secretary, item=closed, tally_code=code)
    planned = services.session_create(actor=secretary, council=council, held_on=HELD_ON, place="Phòng họp 2")
    (planned_item,) = services.agenda_add(actor=secretary, session=planned, nominations=[make_line()])
    idle = voters(session)[-1]
    return {
        "council": council,
        "session": session,
        "pending": pending,
        "opened": opened,
        "closed": closed,
        "planned": planned,
        "planned_item": planned_item,
        "idle": idle,
    }


def routes(world):
    c, s, p = world["council"].pk, world["session"].pk, world["planned"].pk
    opened, pending, closed = world["opened"].pk, world["pending"].pk, world["closed"].pk
    return {
        "council_list": ("get", reverse("council:council_list"), {}),
        "council_create": ("get", reverse("council:council_create"), {}),
        "council_detail": ("get", reverse("council:council_detail", args=[c]), {}),
        "council_edit": ("get", reverse("council:council_edit", args=[c]), {}),
        "member_create": ("get", reverse("council:member_create", args=[c]), {}),
        "member_edit": ("get", reverse("council:member_edit", args=[world["idle"].pk]), {}),
        "member_delete": ("post", reverse("council:member_delete", args=[world["idle"].pk]), {}),
        "session_create": ("get", reverse("council:session_create", args=[c]), {}),
        "session_list": ("get", reverse("council:session_list"), {}),
        "session_detail": ("get", reverse("council:session_detail", args=[s]), {}),
        "session_edit": ("get", reverse("council:session_edit", args=[p]), {}),
        "session_transition": (
            "post",
            reverse("council:session_transition", args=[p]),
            {"action": "cancel", "reason": "Hoãn"},
        ),
        "agenda_add": ("get", reverse("council:agenda_add", args=[p]), {}),
        "vote": ("get", reverse("council:vote", args=[s]), {}),
        "document": ("get", reverse("council:document", args=[s, "bien-ban-hop", "docx"]), {}),
        "item_detail": ("get", reverse("council:item_detail", args=[opened]), {}),
        "agenda_remove": ("post", reverse("council:agenda_remove", args=[world["planned_item"].pk]), {}),
        "ballot_open": ("post", reverse("council:ballot_open", args=[pending]), {}),
        "ballot_close": ("get", reverse("council:ballot_close", args=[opened]), {}),
        "ballot_tally": ("post", reverse("council:ballot_tally", args=[closed]), {}),
        "written_vote": ("get", reverse("council:written_vote", args=[opened]), {}),
        "ballot_cast": ("post", reverse("council:ballot_cast", args=[opened]), {"choice": "agree"}),
        "conflict_declare": (
            "post",
            reverse("council:conflict_declare", args=[opened]),
            {"note": "Người thân"},
        ),
    }


EVERYONE = {*ROLES, "secretary", "member"}
READERS = {
    "officer",
    "secretary",
    "member",
}  # the agency's council roles; all three are members of the council
MANAGERS = {"officer", "secretary"}
ALLOWED = {
    "council_list": EVERYONE,
    "session_list": EVERYONE,
    "council_create": {"officer", "other_officer"},  # in their own agency
    "council_detail": READERS,
    "session_detail": READERS,
    "vote": READERS,
    "document": READERS,
    "item_detail": READERS,
    "ballot_cast": READERS,
    "conflict_declare": READERS,
    "session_create": MANAGERS,
    "session_edit": MANAGERS,
    "session_transition": MANAGERS,
    "agenda_add": MANAGERS,
    "agenda_remove": MANAGERS,
    "ballot_open": MANAGERS,
    "ballot_close": MANAGERS,
    "ballot_tally": MANAGERS,
    "written_vote": MANAGERS,
    # council and member management: the standing office only (default)
}

MATRIX = RouteMatrix(urls=urls, routes=routes, allowed=ALLOWED, roles=(*ROLES, "secretary", "member"))
(
    test_every_route_is_covered_and_declares_its_permission,
    test_anonymous_is_sent_to_login,
    test_route_permissions,
) = MATRIX.tests()


pytestmark = pytest.mark.django_db


def test_another_agency_sees_nothing(client, world, people):
    client.force_login(people["other_officer"])
    assert client.get(reverse("council:council_detail", args=[world["council"].pk])).status_code == 404
    assert client.get(reverse("council:session_detail", args=[world["session"].pk])).status_code == 404
    page = client.get(reverse("council:council_list")).content.decode()
    assert world["council"].name not in page


def test_a_reader_who_does_not_manage_gets_403(client, world, people):
    client.force_login(people["member"])
    assert client.get(reverse("council:session_edit", args=[world["planned"].pk])).status_code == 403
    assert client.post(reverse("council:ballot_open", args=[world["pending"].pk])).status_code == 403


def test_a_member_without_any_council_role_votes(client, world, people):
    """A member whose login holds no council role (e.g. the trade union's representative) reads the session and
    votes; the menu and the dashboard lead there."""
    idle = world["idle"]
    client.force_login(idle.user)
    assert client.get(reverse("council:session_detail", args=[world["session"].pk])).status_code == 200
    response = client.get(reverse("council:vote", args=[world["session"].pk]))
    assert f'data-testid="cast-{world["opened"].pk}"' in response.content.decode()
    home = client.get("/").content.decode()
    assert reverse("council:vote", args=[world["session"].pk]) in home


def _shown(response, testid: str) -> str:
    found = re.search(rf'data-testid="{testid}">([0-9A-Z-]+)<', response.content.decode())
    assert found, testid
    return found.group(1)


def test_the_whole_ballot_through_the_pages(client, world, people):
    item = world["pending"]
    client.force_login(people["secretary"])
    response = client.post(reverse("council:ballot_open", args=[item.pk]))
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    code = _shown(response, "tally-code")
    assert code not in str(dict(client.session))
    receipts = {}
    for who in ("officer", "member"):
        client.force_login(people[who])
        answer = client.post(reverse("council:ballot_cast", args=[item.pk]), {"choice": "agree"})
        assert answer.status_code == 200 and "no-store" in answer["Cache-Control"]
        receipts[who] = _shown(answer, "receipt")
        assert receipts[who] not in str(dict(client.session))
        again = client.post(
            reverse("council:ballot_cast", args=[item.pk]), {"choice": "disagree"}, follow=True
        )
        assert "đã bỏ phiếu" in again.content.decode()
    client.force_login(people["secretary"])
    absent = voters(world["session"])[3]
    written = client.post(
        reverse("council:written_vote", args=[item.pk]), {"member": absent.pk, "choice": "agree"}
    )
    assert written.status_code == 200 and 'data-testid="receipt"' in written.content.decode()
    wrong = client.post(reverse("council:ballot_close", args=[item.pk]), {"tally_code": "nope"})
    assert "Mã kiểm phiếu không đúng" in wrong.content.decode()
    client.post(reverse("council:ballot_close", args=[item.pk]), {"tally_code": code})
    client.post(reverse("council:ballot_tally", args=[item.pk]))
    item.refresh_from_db()
    assert item.ballot_state == BallotState.TALLIED and item.passed is False  # 3 of 5 < 2/3 (CSTĐCS)
    assert item.nomination.status == NominationStatus.NOT_PASSED
    detail = client.get(reverse("council:item_detail", args=[item.pk])).content.decode()
    assert receipts["officer"] in detail and receipts["member"] in detail
    page = client.get(reverse("council:session_detail", args=[world["session"].pk])).content.decode()
    assert f'data-testid="result-{item.pk}"' in page
    assert "cần xác minh" in page and "Căn cứ:" in page
    assert "§11" not in page and "legal-rules" not in page  # the basis without the research notes' references


def test_the_session_page_shows_what_stops_it_from_opening(client, world, people, monkeypatch):
    from thidua.council import workflow

    monkeypatch.setattr(
        workflow, "session_open_problems", lambda *, nominations, on: ["Phản ánh chưa được xử lý."]
    )
    client.force_login(people["secretary"])
    page = client.get(reverse("council:session_detail", args=[world["planned"].pk])).content.decode()
    assert 'data-testid="open-problems"' in page and "Phản ánh chưa được xử lý." in page
    client.post(reverse("council:session_transition", args=[world["planned"].pk]), {"action": "open"})
    assert Session.objects.get(pk=world["planned"].pk).status == SessionStatus.PLANNED


def test_declaring_a_conflict_through_the_page(client, world, people):
    client.force_login(people["member"])
    client.post(reverse("council:conflict_declare", args=[world["opened"].pk]), {"note": "Người thân"})
    page = client.get(reverse("council:vote", args=[world["session"].pk])).content.decode()
    assert f'data-testid="conflict-{world["opened"].pk}"' in page
    assert f'data-testid="cast-{world["opened"].pk}"' not in page


def test_the_office_builds_a_council_and_plans_a_session(client, people, org_tree, make_line):
    client.force_login(people["officer"])
    response = client.post(
        reverse("council:council_create"),
        {
            "agency": org_tree["agency"].pk,
            "name": "Hội đồng mới",
            "term_from": "01/01/2025",
            "conflicted_in_base": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    council_pk = int(response["Location"].rstrip("/").split("/")[-1])
    response = client.post(
        reverse("council:member_create", args=[council_pk]),
        {"user": people["secretary"].pk, "role": "secretary", "valid_from": "01/01/2025"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    response = client.post(
        reverse("council:session_create", args=[council_pk]), {"held_on": "12/03/2025", "place": "Phòng họp"}
    )
    assert response.status_code == 302
    session_pk = int(response["Location"].rstrip("/").split("/")[-1])
    line = make_line()
    client.post(reverse("council:agenda_add", args=[session_pk]), {"nominations": [line.pk]})
    line.refresh_from_db()
    assert line.status == NominationStatus.ON_AGENDA


def test_the_session_page_has_a_fixed_number_of_queries(
    client, world, people, make_line, django_assert_max_num_queries
):
    secretary = people["secretary"]
    services.agenda_add(
        actor=secretary, session=world["planned"], nominations=[make_line(), make_line(), make_line()]
    )
    client.force_login(secretary)
    url = reverse("council:session_detail", args=[world["planned"].pk])
    with django_assert_max_num_queries(30):
        assert client.get(url).status_code == 200


def test_the_nomination_page_section_shows_the_result(rf, world, people):
    from django.template.loader import render_to_string

    from thidua.core.registry import registry
    from thidua.council.sections import nomination_council

    assert nomination_council in registry.sections_for("nomination")
    item = world["closed"]
    services.ballot_tally(actor=people["secretary"], item=item)
    item.refresh_from_db()
    request = rf.get("/")
    request.user = people["officer"]
    section = nomination_council(request, item.nomination)
    assert section is not None
    # As the nomination page includes it: `{% include section.template with ctx=section.context %}`.
    html = render_to_string(section["template"], {"ctx": section["context"]}, request=request)
    assert 'data-testid="council-section"' in html and "12/03/2025" in html
    assert f'data-testid="result-{item.pk}"' in html
    assert "không đủ số thành viên tham gia biểu quyết (1/5, yêu cầu &gt;50%)" in html
    request.user = people["other_officer"]  # another agency: the result note only (it is on the line itself)
    other = nomination_council(request, item.nomination)
    assert other is not None and list(other["context"]["items"]) == []
    request.user = people["officer"]
    planned = nomination_council(request, world["planned_item"].nomination)
    assert planned is not None and planned["context"]["items"]
