"""Every edge of the notice's lifecycle, every forbidden one, and who may take them."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from thidua.audit.models import AuditEvent
from thidua.core.tests.workflow_walk import allowed_edges, forbidden_edges
from thidua.core.workflow import transition_perform
from thidua.disclosure import services, workflow
from thidua.disclosure.models import DisclosureNotice, NoticeStatus

POSTED = date(2025, 2, 10)
AFTER = date(2025, 2, 25)  # the day after the 10-working-day deadline


@pytest.fixture
def make_notice(people, org_tree, lines):
    def _make(status: str) -> DisclosureNotice:
        notice = services.notice_create(
            actor=people["officer"],
            agency=org_tree["agency"],
            year=2024,
            title="Công khai",
            nominations=[lines["state"]],
            working_days=10,
            channel="website",
        )
        if status != NoticeStatus.DRAFT:
            DisclosureNotice.objects.filter(pk=notice.pk).update(
                status=status, posted_at=POSTED, comment_deadline=date(2025, 2, 24)
            )
            notice.refresh_from_db()
        return notice

    return _make


@pytest.mark.parametrize(("source", "action", "target"), allowed_edges(workflow.NOTICE))
def test_notice_edge(make_notice, people, source, action, target):
    notice = make_notice(source)
    on = POSTED if action == workflow.PUBLISH else AFTER
    result = transition_perform(
        workflow=workflow.NOTICE, record=notice, action=action, actor=people["officer"], on=on
    )
    assert result.status == target
    assert AuditEvent.objects.filter(action=f"disclosure_notice.{action}", object_id=str(notice.pk)).exists()


@pytest.mark.parametrize(("source", "action"), forbidden_edges(workflow.NOTICE, NoticeStatus.values))
def test_notice_forbidden_edge(make_notice, people, source, action):
    notice = make_notice(source)
    with pytest.raises(ValidationError):
        transition_perform(
            workflow=workflow.NOTICE, record=notice, action=action, actor=people["officer"], on=AFTER
        )
    notice.refresh_from_db()
    assert notice.status == source


@pytest.mark.parametrize("who", ["head_a", "staff_a", "other_officer", "signer", "council"])
def test_only_the_agency_s_officers_publish(make_notice, people, who):
    notice = make_notice(NoticeStatus.DRAFT)
    with pytest.raises(PermissionDenied):
        services.notice_publish(actor=people[who], notice=notice, posted_at=POSTED, today=POSTED)
    notice.refresh_from_db()
    assert notice.status == NoticeStatus.DRAFT


def test_a_notice_whose_line_was_withdrawn_is_not_published(make_notice, people, lines):
    notice = make_notice(NoticeStatus.DRAFT)
    lines["state"].status = "returned"
    lines["state"].save()
    with pytest.raises(ValidationError, match="không còn ở trạng thái đã chấp nhận"):
        services.notice_publish(actor=people["officer"], notice=notice, posted_at=POSTED, today=POSTED)


def test_closing_before_the_deadline_is_refused(make_notice, people):
    notice = make_notice(NoticeStatus.OPEN)
    with pytest.raises(ValidationError, match="24/02/2025"):
        services.notice_close(actor=people["officer"], notice=notice, on=AFTER - timedelta(days=1))
    # The system (no actor) closes it once the deadline has passed.
    assert services.notice_close(actor=None, notice=notice, on=AFTER).status == NoticeStatus.CLOSED
