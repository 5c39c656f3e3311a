"""Publishing and withdrawing: the office of the decision's agency only, issued award or external decisions only,
audited; revoking withdraws; an award revoked in the registry leaves the public pages; the demo step; the section
on the decision's page."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from thidua.audit.models import AuditEvent
from thidua.commendations.services import award_record_revoke
from thidua.decisions.models import DecisionKind
from thidua.decisions.tests import factories as f
from thidua.public import demo, selectors, services
from thidua.public.models import PublicAward, PublishedDecision

pytestmark = pytest.mark.django_db


def _board() -> list[str]:
    return list(selectors.honour_board(filters=selectors.BoardFilters()).values_list("name", flat=True))


def test_publishing_copies_the_awardees_and_is_audited(world, people):
    decision = world["unpublished"]
    publication = services.decision_publish(actor=people["officer"], decision=decision)
    assert publication.is_live and publication.published_by == people["officer"]
    assert list(publication.awards.values_list("name", "code", "year")) == [
        ("Nguyễn Văn Khôi", "BANG_KHEN_TINH", 2024)
    ]
    event = AuditEvent.objects.filter(action="public.publish", object_id=str(publication.pk)).get()
    assert event.actor == people["officer"] and event.after is not None and event.after["awards"] == 1
    assert "Nguyễn Văn Khôi" in _board()


def test_withdrawing_keeps_the_row_and_is_audited_and_publishing_again_restores(world, people):
    decision = world["d2024"]
    services.decision_withdraw(actor=people["officer"], decision=decision)
    assert "Lê Văn Anh" not in _board()
    assert PublicAward.objects.filter(publication__decision=decision).count() == 3  # kept
    assert AuditEvent.objects.filter(action="public.withdraw").count() == 3  # withdrawn, revoked, this one
    with pytest.raises(ValidationError):
        services.decision_withdraw(actor=people["officer"], decision=decision)
    services.decision_publish(actor=people["officer"], decision=decision)
    assert "Lê Văn Anh" in _board()
    assert PublicAward.objects.filter(publication__decision=decision).count() == 3


def test_only_the_office_of_the_agency_publishes(world, people):
    for who in ("signer", "head_a", "staff_a", "other_officer"):
        with pytest.raises(PermissionDenied):
            services.decision_publish(actor=people[who], decision=world["unpublished"])
        with pytest.raises(PermissionDenied):
            services.decision_withdraw(actor=people[who], decision=world["d2024"])
    assert not PublishedDecision.objects.filter(decision=world["unpublished"]).exists()


def test_only_an_issued_award_or_external_decision_is_published(world, people, org_tree):
    officer = people["officer"]
    with pytest.raises(ValidationError, match="đã được công bố"):
        services.decision_publish(actor=officer, decision=world["d2024"])
    with pytest.raises(ValidationError, match="hủy bỏ"):
        services.decision_publish(actor=officer, decision=world["revoked"])
    draft = f.external(officer, org_tree["agency"], [("BANG_KHEN_TINH", world["anh"])], number="606/QĐ-UBND")
    with pytest.raises(ValidationError, match="đã ban hành"):
        services.decision_publish(actor=officer, decision=draft)
    proposal = f.draft(
        officer, org_tree["agency"], [("BANG_KHEN_TINH", world["anh"])], kind=DecisionKind.PROPOSAL
    )
    with pytest.raises(ValidationError, match="Tờ trình"):
        services.decision_publish(actor=officer, decision=proposal)


def test_revoking_a_published_decision_withdraws_it_in_the_same_step(world, people):
    from thidua.decisions import services as decision_services

    decision_services.decision_transition(
        actor=people["officer"],
        decision=world["d2023"],
        action="revoke",
        reason="Sai đối tượng",
        revoking_number="46/QĐ-UBND",
        revoking_date=date(2025, 6, 1),
    )
    publication = PublishedDecision.objects.get(decision=world["d2023"])
    assert publication.withdrawn_at is not None and publication.withdrawn_by == people["officer"]
    assert _board() == ["Lê Văn Anh", "Trần Minh Đức", "Phòng Quản lý khoa học"]


def test_an_award_revoked_in_the_registry_leaves_the_board(world, people):
    award = PublicAward.objects.get(name="Trần Minh Đức").award
    award_record_revoke(actor=people["officer"], award=award, reason="Sai năm")
    assert "Trần Minh Đức" not in _board()
    assert selectors.awards_count(state=selectors.public_state()) == 5


def test_the_demo_step_publishes_the_issued_decisions_left(world, people):
    assert demo.publish_issued() == "1 quyết định công bố trên trang công khai"
    publication = PublishedDecision.objects.get(decision=world["unpublished"])
    assert publication.published_by == people["officer"]
    assert (
        demo.publish_issued() is None
    )  # nothing left: withdrawn and revoked ones stay as the office left them


def test_the_decision_page_shows_the_office_its_button(client, world, people):
    url = f"/quyet-dinh/{world['unpublished'].pk}/"
    client.force_login(people["officer"])
    html = client.get(url).content.decode()
    assert 'data-testid="public-publish"' in html
    response = client.post(f"/cong-bo/cong-bo-quyet-dinh/{world['unpublished'].pk}/")
    assert response.status_code == 302 and response["Location"] == url
    html = client.get(url).content.decode()
    assert 'data-testid="public-withdraw"' in html and "Đã công bố quyết định" in html
    client.force_login(people["signer"])
    assert 'data-testid="public-section"' not in client.get(url).content.decode()
    assert client.post(f"/cong-bo/go-quyet-dinh/{world['unpublished'].pk}/").status_code == 403
    client.force_login(people["other_officer"])
    assert client.post(f"/cong-bo/go-quyet-dinh/{world['unpublished'].pk}/").status_code == 404
    assert PublishedDecision.objects.get(decision=world["unpublished"]).is_live
