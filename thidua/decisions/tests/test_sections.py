"""The decisions' section of a council session's page: the officer drafts the decision and the proposal from a
closed session's result there, and the page then lists them; the head sees them without the button."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from thidua.accounts.models import Role
from thidua.council.models import AgendaItem, BallotType, Council, Session, SessionStatus
from thidua.decisions.models import Decision, DecisionKind
from thidua.nominations.models import BatchStatus, Nomination, NominationStatus, ProposalBatch
from thidua.organizations.models import Assignment, Person, Position

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed_session(org_tree, make_user):
    org_tree["province"].place_name = "Yên Bái"
    org_tree["province"].save()
    users = {
        "officer": make_user(Role.OFFICER, org_tree["agency"], include_subunits=True, username="officer"),
        "director": make_user(Role.SIGNER, org_tree["agency"], username="director"),
    }
    position = Position.objects.create(name="Chuyên viên")
    person = Person.objects.create(
        family_name="Lê", middle_name="Văn", given_name="Bình", sex="M", staff_code="P1"
    )
    Assignment.objects.create(
        person=person, organization=org_tree["div_a"], position=position, start_on=date(2015, 1, 1)
    )
    batch = ProposalBatch.objects.create(
        unit=org_tree["div_a"],
        office=org_tree["agency"],
        year=2024,
        title="Đề nghị",
        status=BatchStatus.ACCEPTED,
    )
    council = Council.objects.create(agency=org_tree["agency"], name="Hội đồng", term_from=date(2024, 1, 1))
    session = Session.objects.create(
        council=council, held_on=date(2025, 3, 12), place="Phòng họp", status=SessionStatus.CLOSED
    )
    for position_, code in enumerate(("CSTDCS", "CSTD_TINH"), start=1):
        line = Nomination.objects.create(
            batch=batch, person=person, code=code, year=2024, status=NominationStatus.PASSED
        )
        AgendaItem.objects.create(
            session=session, nomination=line, position=position_, ballot_type=BallotType.SECRET
        )
    return session, users


def test_the_officer_drafts_the_decisions_from_the_session_page(client, closed_session):
    session, users = closed_session
    url = reverse("council:session_detail", args=[session.pk])
    client.force_login(users["officer"])
    html = client.get(url).content.decode()
    assert 'data-testid="draft-decisions"' in html and "2 đề nghị" in html
    response = client.post(reverse("decisions:decision_from_session", args=[session.pk]))
    assert response.status_code == 302
    kinds = sorted(Decision.objects.filter(council_session=session).values_list("kind", flat=True))
    assert kinds == sorted([DecisionKind.AWARD, DecisionKind.PROPOSAL])
    html = client.get(url).content.decode()
    assert 'data-testid="draft-decisions"' not in html  # nothing left to draft
    for decision in Decision.objects.filter(council_session=session):
        assert reverse("decisions:decision_detail", args=[decision.pk]) in html


def test_the_head_sees_the_decisions_without_the_button(client, closed_session):
    session, users = closed_session
    client.force_login(users["officer"])
    client.post(reverse("decisions:decision_from_session", args=[session.pk]))
    client.force_login(users["director"])
    response = client.get(reverse("council:session_detail", args=[session.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="session-decisions"' in html and 'data-testid="draft-decisions"' not in html


def test_an_open_session_offers_no_draft(client, closed_session):
    session, users = closed_session
    Session.objects.filter(pk=session.pk).update(status=SessionStatus.OPEN)
    client.force_login(users["officer"])
    html = client.get(reverse("council:session_detail", args=[session.pk])).content.decode()
    assert 'data-testid="session-decisions"' not in html


def test_a_line_of_another_agencys_proposals_is_refused(closed_session, org_tree):
    from django.core.exceptions import ValidationError

    from thidua.decisions import services

    session, users = closed_session
    decision = services.decision_create(actor=users["officer"], agency=org_tree["agency"], year=2024)
    other_batch = ProposalBatch.objects.create(
        unit=org_tree["other"],
        office=org_tree["other"],
        year=2024,
        title="Đề nghị",
        status=BatchStatus.ACCEPTED,
    )
    stranger = Nomination.objects.create(
        batch=other_batch,
        organization=org_tree["other"],
        code="TTLDTT",
        year=2024,
        status=NominationStatus.PASSED,
    )
    with pytest.raises(ValidationError, match="không gửi cơ quan ra quyết định"):
        services.line_add(actor=users["officer"], decision=decision, code="TTLDTT", nomination=stranger)
    own = Nomination.objects.filter(council_items__session=session).first()
    assert own is not None
    assert services.line_add(actor=users["officer"], decision=decision, code=own.code, nomination=own).pk


def test_an_issued_decision_links_to_its_edxml_dispatch(client, closed_session):
    from thidua.decisions import services

    session, users = closed_session
    award = next(
        d
        for d in services.decisions_from_session(actor=users["officer"], session=session)
        if d.kind == DecisionKind.AWARD
    )
    award = services.decision_transition(actor=users["officer"], decision=award, action="submit")
    award = services.decision_transition(actor=users["director"], decision=award, action="sign")
    detail = reverse("decisions:decision_detail", args=[award.pk])
    client.force_login(users["officer"])
    assert 'data-testid="edxml"' not in client.get(detail).content.decode()  # signed, not issued yet
    services.decision_transition(actor=users["officer"], decision=award, action="issue")
    html = client.get(detail).content.decode()
    link = reverse("documents:edxml_dispatch", args=[award.issued_document_id])
    assert 'data-testid="edxml"' in html and link in html
    assert client.get(link).status_code == 200


def test_the_templates_are_in_the_officers_menu(client, closed_session):
    _session, users = closed_session
    client.force_login(users["officer"])
    assert reverse("documents:template_list") in client.get("/").content.decode()
    client.force_login(users["director"])
    assert reverse("documents:template_list") not in client.get("/").content.decode()


def test_the_award_list_alone_downloads_for_an_issued_decision(client, closed_session):
    import io

    import docx

    from thidua.decisions import services

    session, users = closed_session
    award = next(
        d
        for d in services.decisions_from_session(actor=users["officer"], session=session)
        if d.kind == DecisionKind.AWARD
    )
    url = reverse("decisions:award_list", args=[award.pk])
    client.force_login(users["officer"])
    assert client.get(url).status_code == 404  # a draft has no list to hand out
    for actor, action in (
        (users["officer"], "submit"),
        (users["director"], "sign"),
        (users["officer"], "issue"),
    ):
        award = services.decision_transition(actor=actor, decision=award, action=action)
    assert (
        'data-testid="award-list"'
        in client.get(reverse("decisions:decision_detail", args=[award.pk])).content.decode()
    )
    response = client.get(url)
    assert response.status_code == 200
    text = "\n".join(
        cell.text
        for table in docx.Document(io.BytesIO(response.content)).tables
        for row in table.rows
        for cell in row.cells
    )
    assert "Lê Văn Bình" in text and "2.340.000" in text
