"""Notices, their deadlines from the agency's configuration, feedback and its handling, and the council's check
(`session_open_problems`) with time moved by the dates passed."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from thidua.audit.models import AuditEvent
from thidua.core.workflow import TransitionRefused
from thidua.disclosure import services
from thidua.disclosure.models import DisclosureNotice, Feedback, FeedbackOutcome, NoticeStatus
from thidua.nominations.models import NominationStatus
from thidua.notifications.models import Notification
from thidua.rules.engine.config import RuleConfig
from thidua.rules.services import rule_config_for, rule_override_set

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
POSTED = date(2025, 2, 10)  # Monday after Tết Ất Tỵ
DEADLINE = date(2025, 2, 24)  # 10 working days later


def _at(day: date, hour: int = 9) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=TZ)


def _notice(people, org_tree, nominations, *, working_days=10, publish_on=POSTED, **extra):
    notice = services.notice_create(
        actor=people["officer"],
        agency=org_tree["agency"],
        year=2024,
        title="Công khai danh sách đề nghị khen thưởng năm 2024",
        nominations=nominations,
        working_days=working_days,
        channel="website",
        url="https://skhcn.example.vn/cong-khai",
        **extra,
    )
    if publish_on is not None:
        notice = services.notice_publish(
            actor=people["officer"], notice=notice, posted_at=publish_on, today=publish_on
        )
    return notice


# ---- what the configuration requires


def test_state_level_forms_take_the_state_period_and_are_flagged_to_verify():
    config = RuleConfig.defaults()
    state = services.disclosure_requirement(config=config, code="CSTD_TOAN_QUOC")
    assert (state.days, state.state_level, state.to_verify) == (10, True, True)
    hcld = services.disclosure_requirement(config=config, code="HCLD_3")
    assert hcld.required and hcld.days == 10
    local = services.disclosure_requirement(config=config, code="BANG_KHEN_TINH")
    assert (local.days, local.required, local.state_level) == (0, False, False)


def test_the_agency_s_configuration_sets_the_periods(org_tree):
    agency = org_tree["agency"]
    rule_override_set(
        actor=None,
        organization=agency,
        key="disclosure.local_days",
        value={"BANG_KHEN_TINH": 5},
        source="Quy chế thi đua, khen thưởng của Sở",
    )
    rule_override_set(
        actor=None, organization=agency, key="disclosure.state_awards_days", value=12, source="Quy chế"
    )
    config = rule_config_for(organization=agency)
    local = services.disclosure_requirement(config=config, code="BANG_KHEN_TINH")
    assert (local.days, local.to_verify) == (5, False)  # the agency recorded it: no longer "to verify"
    assert services.disclosure_requirement(config=config, code="CSTD_TOAN_QUOC").days == 12
    assert services.disclosure_requirement(config=config, code="GIAY_KHEN").days == 0
    # Another agency keeps the defaults.
    other = rule_config_for(organization=org_tree["other"])
    assert services.disclosure_requirement(config=other, code="BANG_KHEN_TINH").days == 0


def test_the_deadline_is_computed_on_the_working_day_calendar_when_published(people, org_tree, lines):
    notice = _notice(people, org_tree, [lines["state"]], publish_on=date(2025, 1, 20))
    assert notice.status == NoticeStatus.OPEN
    assert notice.posted_at == date(2025, 1, 20)
    assert notice.comment_deadline == date(2025, 2, 10)  # Tết Ất Tỵ 25/01–02/02 does not count
    event = AuditEvent.objects.filter(object_id=str(notice.pk), action="disclosure_notice.publish").get()
    assert (event.after or {})["comment_deadline"] == "2025-02-10"


def test_a_notice_cannot_be_shorter_than_its_lines_require(people, org_tree, lines):
    with pytest.raises(ValidationError) as refused:
        _notice(people, org_tree, [lines["state"], lines["local"]], working_days=5, publish_on=None)
    assert "ít nhất 10 ngày làm việc" in str(refused.value.message_dict["working_days"])
    rule_override_set(
        actor=None,
        organization=org_tree["agency"],
        key="disclosure.local_days",
        value={"BANG_KHEN_TINH": 15},
        source="Quy chế",
    )
    assert services.required_days(
        agency=org_tree["agency"], nominations=[lines["state"], lines["local"]]
    ) == (
        15,
        True,  # the State-level value is still to verify
    )
    assert (
        services.default_working_days(agency=org_tree["agency"], nominations=[lines["collective"]]) == 10
    )  # none required: the State-level period is proposed


def test_only_the_office_s_accepted_lines_of_the_year_can_be_listed(people, org_tree, lines, batch):
    lines["local"].status = NominationStatus.RETURNED
    lines["local"].save()
    with pytest.raises(ValidationError):
        _notice(people, org_tree, [lines["state"], lines["local"]], publish_on=None)
    with pytest.raises(PermissionDenied):
        services.notice_create(
            actor=people["other_officer"],
            agency=org_tree["agency"],
            year=2024,
            title="x",
            nominations=[lines["state"]],
            working_days=10,
            channel="website",
        )
    with pytest.raises(ValidationError):
        _notice(people, org_tree, [], publish_on=None)


def test_the_posting_date_cannot_be_in_the_future_or_long_ago(people, org_tree, lines):
    notice = _notice(people, org_tree, [lines["state"]], publish_on=None)
    for posted in (POSTED + timedelta(days=1), POSTED - timedelta(days=8)):
        with pytest.raises(ValidationError):
            services.notice_publish(actor=people["officer"], notice=notice, posted_at=posted, today=POSTED)
    notice.refresh_from_db()
    assert notice.status == NoticeStatus.DRAFT


def test_a_published_notice_is_not_edited(people, org_tree, lines):
    notice = _notice(people, org_tree, [lines["state"]])
    with pytest.raises(ValidationError):
        services.notice_update(
            actor=people["officer"],
            notice=notice,
            title="Khác",
            nominations=[lines["state"]],
            working_days=10,
            channel="website",
        )
    with pytest.raises(ValidationError):
        services.notice_delete(actor=people["officer"], notice=notice)


def test_the_window_closes_on_its_own_the_day_after_the_deadline(people, org_tree, lines):
    notice = _notice(people, org_tree, [lines["state"]])
    assert notice.comment_deadline == DEADLINE
    assert notice.state_on(DEADLINE) == NoticeStatus.OPEN
    assert notice.state_on(DEADLINE + timedelta(days=1)) == NoticeStatus.CLOSED
    with pytest.raises(TransitionRefused):
        services.notice_close(actor=people["officer"], notice=notice, on=DEADLINE)
    closed = services.notice_close(actor=people["officer"], notice=notice, on=DEADLINE + timedelta(days=1))
    assert closed.status == NoticeStatus.CLOSED


def test_publishing_tells_the_heads_of_the_units(people, org_tree, lines, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _notice(people, org_tree, [lines["state"]])
    assert Notification.objects.filter(user=people["head_a"], title__contains="công khai").exists()
    assert not Notification.objects.filter(user=people["head_b"]).exists()


# ---- feedback


def test_feedback_is_taken_in_the_window_only_and_tells_the_office(
    people, org_tree, lines, django_capture_on_commit_callbacks
):
    notice = _notice(people, org_tree, [lines["state"], lines["local"]])
    with django_capture_on_commit_callbacks(execute=True):
        item = services.feedback_submit(
            notice=notice,
            nomination=lines["state"],
            text="  Thành tích chưa đúng.  ",
            received_at=_at(DEADLINE, 16),
        )
    assert item.text == "Thành tích chưa đúng." and not item.handled
    assert Notification.objects.filter(user=people["officer"], title__contains="Góp ý mới").exists()
    assert not Notification.objects.filter(user=people["other_officer"]).exists()
    assert AuditEvent.objects.filter(object_type="disclosure.feedback", action="create").count() == 1
    with pytest.raises(ValidationError):  # the day after the deadline
        services.feedback_submit(notice=notice, text="Muộn", received_at=_at(DEADLINE + timedelta(days=1)))
    with pytest.raises(ValidationError):  # before it was posted
        services.feedback_submit(notice=notice, text="Sớm", received_at=_at(POSTED - timedelta(days=1)))
    with pytest.raises(ValidationError):  # about a line the notice does not list
        services.feedback_submit(
            notice=notice, nomination=lines["collective"], text="x", received_at=_at(POSTED)
        )
    with pytest.raises(ValidationError):
        services.feedback_submit(notice=notice, text="   ", received_at=_at(POSTED))
    assert Feedback.objects.count() == 1


def test_handling_is_recorded_with_who_and_when_and_audited(people, org_tree, lines):
    notice = _notice(people, org_tree, [lines["state"]])
    item = services.feedback_submit(notice=notice, text="Góp ý", received_at=_at(POSTED + timedelta(days=1)))
    with pytest.raises(ValidationError):
        services.feedback_handle(actor=people["officer"], feedback=item, outcome="verified", response=" ")
    with pytest.raises(PermissionDenied):
        services.feedback_handle(
            actor=people["other_officer"], feedback=item, outcome="verified", response="Đã xác minh"
        )
    handled = services.feedback_handle(
        actor=people["officer"], feedback=item, outcome=FeedbackOutcome.DISMISSED, response="Không có căn cứ."
    )
    assert handled.handled and handled.handled_by == people["officer"] and handled.handled_at is not None
    again = services.feedback_handle(
        actor=people["officer"], feedback=item, outcome=FeedbackOutcome.VERIFIED, response="Đã xác minh lại."
    )
    assert again.outcome == "verified"
    events = AuditEvent.objects.filter(object_type="disclosure.feedback", action="update").order_by("id")
    assert [(e.after or {})["outcome"] for e in events] == ["dismissed", "verified"]
    assert (events[1].before or {})["outcome"] == "dismissed"


# ---- the council's check


def test_guard_a_required_line_not_disclosed(lines):
    problems = services.session_open_problems(nominations=[lines["state"]], on=date(2025, 3, 10))
    assert len(problems) == 1
    assert "Lê Thị Hoa" in problems[0] and "chưa được công khai" in problems[0] and "10 ngày" in problems[0]


def test_guard_a_line_that_needs_no_disclosure_passes(lines):
    assert services.session_open_problems(nominations=[lines["local"], lines["collective"]], on=POSTED) == []
    assert services.session_open_problems(nominations=[], on=POSTED) == []


def test_guard_the_window_still_open_names_the_deadline(people, org_tree, lines):
    _notice(people, org_tree, [lines["state"]])
    problems = services.session_open_problems(nominations=[lines["state"]], on=DEADLINE)
    assert len(problems) == 1
    assert "Lê Thị Hoa" in problems[0] and "24/02/2025" in problems[0] and "25/02/2025" in problems[0]
    # Posted after the day asked about: not disclosed on that day.
    assert (
        "chưa được công khai"
        in services.session_open_problems(nominations=[lines["state"]], on=POSTED - timedelta(days=1))[0]
    )
    # The day after the deadline the window is closed, though nobody closed it.
    assert services.session_open_problems(nominations=[lines["state"]], on=DEADLINE + timedelta(days=1)) == []


def test_guard_a_draft_does_not_count(people, org_tree, lines):
    _notice(people, org_tree, [lines["state"]], publish_on=None)
    assert (
        "chưa được công khai"
        in services.session_open_problems(nominations=[lines["state"]], on=date(2025, 6, 1))[0]
    )


def test_guard_a_window_shorter_than_the_rules_now_require(people, org_tree, lines):
    _notice(people, org_tree, [lines["state"]])
    rule_override_set(
        actor=None,
        organization=org_tree["agency"],
        key="disclosure.state_awards_days",
        value=15,
        source="Quy chế",
    )
    problems = services.session_open_problems(nominations=[lines["state"]], on=date(2025, 6, 1))
    assert len(problems) == 1 and "chỉ công khai 10 ngày làm việc" in problems[0] and "15" in problems[0]


def test_guard_unhandled_feedback_blocks_until_handled(people, org_tree, lines):
    notice = _notice(people, org_tree, [lines["state"], lines["local"]])
    about_line = services.feedback_submit(
        notice=notice,
        nomination=lines["state"],
        text="Về bà Hoa",
        received_at=_at(POSTED + timedelta(days=2)),
    )
    general = services.feedback_submit(
        notice=notice, text="Chung", received_at=_at(POSTED + timedelta(days=3))
    )
    services.feedback_submit(
        notice=notice,
        nomination=lines["local"],
        text="Về bà Mai",
        received_at=_at(POSTED + timedelta(days=4)),
    )
    after = DEADLINE + timedelta(days=1)
    problems = services.session_open_problems(nominations=[lines["state"]], on=after)
    assert len(problems) == 2, problems
    assert any("Lê Thị Hoa" in p and "1 góp ý chưa được xử lý" in p and "24/02/2025" in p for p in problems)
    assert any("góp ý chung" in p for p in problems)
    # Feedback on a line that needs no disclosure still has to be handled before the council decides it.
    assert any(
        "Lê Thị Mai" in p for p in services.session_open_problems(nominations=[lines["local"]], on=after)
    )
    for item in (about_line, general):
        services.feedback_handle(
            actor=people["officer"], feedback=item, outcome="verified", response="Đã xác minh."
        )
    assert services.session_open_problems(nominations=[lines["state"]], on=after) == []


def test_guard_all_fine_with_the_window_closed_and_feedback_handled(
    people, org_tree, lines, django_assert_max_num_queries
):
    notice = _notice(people, org_tree, list(lines.values()))
    item = services.feedback_submit(notice=notice, text="Chung", received_at=_at(POSTED + timedelta(days=3)))
    services.feedback_handle(actor=people["officer"], feedback=item, outcome="accepted", response="Tiếp thu.")
    with django_assert_max_num_queries(8):
        assert (
            services.session_open_problems(nominations=list(lines.values()), on=DEADLINE + timedelta(days=1))
            == []
        )
    assert DisclosureNotice.objects.get().status == NoticeStatus.OPEN  # nobody closed it: it still counts
