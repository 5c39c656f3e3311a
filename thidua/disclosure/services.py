"""Public disclosure of the accepted nominations before the council sits (legal-rules §6): notices, the
feedback on them and its handling, the office's calendar days, and the check the council waits on.

The interface the council relies on is `session_open_problems`; `disclosure_requirement` says what the agency's
rules configuration requires of one title or form.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.models import Role
from thidua.accounts.scope import has_role, is_system_admin
from thidua.audit.services import audit_record, audited_create, audited_delete, audited_update, model_snapshot
from thidua.core.workflow import Step, transition_perform
from thidua.nominations.models import Nomination
from thidua.notifications.services import notify, users_holding
from thidua.organizations.models import Organization
from thidua.rules.engine.config import RuleConfig
from thidua.rules.services import rule_config_for

from . import calendar, workflow
from .models import (
    CONTACT_MAX_CHARS,
    FEEDBACK_MAX_CHARS,
    CalendarDay,
    DisclosureNotice,
    Feedback,
    FeedbackOutcome,
    NoticeStatus,
)
from .selectors import subject_name

if TYPE_CHECKING:
    from thidua.accounts.models import User

# How many calendar days before the day it is recorded a notice may say it was posted (the office posts on its
# website first and records it here the next days); a later date or an older one is refused.
BACKDATE_DAYS = 7
MAX_WORKING_DAYS = 60


def _day(value: dt.date) -> str:
    return value.strftime("%d/%m/%Y")


# --- what the rules require ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Requirement:
    """What the agency's configuration requires of one title or form: `days` working days of posting (0: not
    required), whether it is a State-level form, and whether the value still needs a legal officer's check."""

    code: str
    days: int
    state_level: bool
    to_verify: bool

    @property
    def required(self) -> bool:
        return self.days > 0


def disclosure_requirement(*, config: RuleConfig, code: str) -> Requirement:
    """`disclosure.state_awards_days` for the forms in `disclosure.state_forms`, `disclosure.local_days[code]`
    for the others (legal-rules §6; §11 rows 34, 35)."""
    if code in tuple(config.get("disclosure.state_forms") or ()):
        return Requirement(
            code=code,
            days=int(config.get("disclosure.state_awards_days") or 0),
            state_level=True,
            to_verify=config.to_verify("disclosure.state_forms")
            or config.to_verify("disclosure.state_awards_days"),
        )
    local = config.get("disclosure.local_days") or {}
    return Requirement(
        code=code,
        days=int(local.get(code) or 0),
        state_level=False,
        to_verify=config.to_verify("disclosure.local_days"),
    )


class _Configs:
    """`rule_config_for` once per office (a list of lines from one office reads the overrides once)."""

    def __init__(self) -> None:
        self._by_office: dict[int, RuleConfig] = {}

    def requirement(self, nomination: Nomination) -> Requirement:
        office = nomination.batch.office
        if office.pk not in self._by_office:
            self._by_office[office.pk] = rule_config_for(organization=office)
        return disclosure_requirement(config=self._by_office[office.pk], code=nomination.code)


def nomination_requirement(nomination: Nomination) -> Requirement:
    return _Configs().requirement(nomination)


# --- the council's check ------------------------------------------------------------------------------


def session_open_problems(*, nominations: Iterable[Nomination], on: dt.date) -> list[str]:
    """What stops a council session that considers `nominations` from opening on `on`: a disclosure window
    required for one of them that is missing, not long enough or not closed yet, or feedback received on one of
    them (or on the whole notice that lists it) that is not handled. Empty when the session may open.

    Dates only: a window is closed from the day after its deadline, whether or not anybody closed it."""
    ids = [n.pk for n in nominations]
    if not ids:
        return []
    lines = list(
        Nomination.objects.filter(pk__in=ids)
        .select_related("person", "organization", "batch__office")
        .order_by("batch__unit__path", "pk")
    )
    through = DisclosureNotice.nominations.through
    links = through.objects.filter(
        nomination_id__in=ids, disclosurenotice__status__in=(NoticeStatus.OPEN, NoticeStatus.CLOSED)
    ).select_related("disclosurenotice")
    notices_of: dict[int, list[DisclosureNotice]] = defaultdict(list)
    notices: dict[int, DisclosureNotice] = {}
    for link in links:
        notice = notices.setdefault(link.disclosurenotice_id, link.disclosurenotice)
        notices_of[link.nomination_id].append(notice)
    unhandled = list(
        Feedback.objects.filter(notice_id__in=list(notices), outcome="")
        .filter(Q(nomination_id__isnull=True) | Q(nomination_id__in=ids))
        .order_by("received_at", "pk")
    )
    configs = _Configs()
    problems: list[str] = []
    for line in lines:
        label = _("%(name)s (%(form)s)") % {"name": subject_name(line), "form": line.get_code_display()}
        posted = [n for n in notices_of.get(line.pk, []) if n.posted_at and n.posted_at <= on]
        requirement = configs.requirement(line)
        if not requirement.required:
            continue
        long_enough = [n for n in posted if n.working_days >= requirement.days]
        if any(n.state_on(on) == NoticeStatus.CLOSED for n in long_enough):
            continue
        if long_enough:
            deadline = min(n.comment_deadline for n in long_enough if n.comment_deadline)
            problems.append(
                _(
                    "%(line)s: đang công khai, hạn góp ý đến hết ngày %(deadline)s; Hội đồng chỉ họp được từ ngày "
                    "%(next)s."
                )
                % {"line": label, "deadline": _day(deadline), "next": _day(deadline + calendar.ONE_DAY)}
            )
        elif posted:
            longest = max(posted, key=lambda n: n.working_days)
            problems.append(
                _(
                    "%(line)s: chỉ công khai %(got)s ngày làm việc (hạn góp ý %(deadline)s), chưa đủ %(days)s ngày "
                    "làm việc theo quy định."
                )
                % {
                    "line": label,
                    "got": longest.working_days,
                    "deadline": _day(longest.comment_deadline) if longest.comment_deadline else "…",
                    "days": requirement.days,
                }
            )
        else:
            problems.append(
                _(
                    "%(line)s: chưa được công khai; phải công khai %(days)s ngày làm việc trước khi Hội đồng họp."
                )
                % {"line": label, "days": requirement.days}
            )
    by_line = {line.pk: line for line in lines}
    counted: dict[tuple[int, int | None], int] = defaultdict(int)
    for item in unhandled:
        counted[(item.notice_id, item.nomination_id)] += 1
    for (notice_id, nomination_id), count in counted.items():
        notice = notices[notice_id]
        until = _day(notice.comment_deadline) if notice.comment_deadline else "…"
        if nomination_id is None:
            problems.append(
                _(
                    "Thông báo công khai “%(title)s” (hạn góp ý %(deadline)s): còn %(n)s góp ý chung chưa được xử "
                    "lý."
                )
                % {"title": notice.title, "deadline": until, "n": count}
            )
        else:
            line = by_line[nomination_id]
            problems.append(
                _(
                    "%(name)s (%(form)s): còn %(n)s góp ý chưa được xử lý (thông báo “%(title)s”, hạn góp ý "
                    "%(deadline)s)."
                )
                % {
                    "name": subject_name(line),
                    "form": line.get_code_display(),
                    "n": count,
                    "title": notice.title,
                    "deadline": until,
                }
            )
    return problems


# --- notices ------------------------------------------------------------------------------------------


def _require_office(actor: User | None, agency: Organization) -> None:
    if not has_role(actor, Role.OFFICER, organization=agency):
        raise PermissionDenied


def candidate_lines(*, agency: Organization, year: int) -> QuerySet[Nomination]:
    """The lines the agency's office may disclose for `year`: accepted (or already on an agenda), sent to this
    office directly or pooled into a batch sent to it."""
    return (
        Nomination.objects.filter(Q(batch__office=agency) | Q(batch__pooled_into__office=agency))
        .filter(batch__year=year, status__in=workflow.DISCLOSABLE)
        .select_related("person", "organization", "batch__unit__parent", "batch__office")
        .order_by("batch__unit__path", "code", "pk")
    )


def required_days(*, agency: Organization, nominations: Iterable[Nomination]) -> tuple[int, bool]:
    """The longest posting the lines require under the agency's configuration, and whether a value used is to
    verify."""
    config = rule_config_for(organization=agency)
    days, to_verify = 0, False
    for line in nominations:
        requirement = disclosure_requirement(config=config, code=line.code)
        if requirement.days > days:
            days = requirement.days
        if requirement.required:
            to_verify = to_verify or requirement.to_verify
    return days, to_verify


def default_working_days(*, agency: Organization, nominations: Iterable[Nomination]) -> int:
    """The period a new notice proposes: what its lines require, or the State-level period when none requires
    posting (the office publishes anyway)."""
    days, _verify = required_days(agency=agency, nominations=nominations)
    if days:
        return days
    return int(rule_config_for(organization=agency).get("disclosure.state_awards_days") or 10)


def _check_content(
    *, agency: Organization, year: int, nominations: Sequence[Nomination], working_days: int
) -> list[Nomination]:
    chosen = {n.pk for n in nominations}
    if not chosen:
        raise ValidationError({"nominations": _("Chọn ít nhất một đề nghị để công khai.")})
    lines = list(candidate_lines(agency=agency, year=year).filter(pk__in=chosen))
    if len(lines) != len(chosen):
        raise ValidationError(
            {
                "nominations": _(
                    "Chỉ công khai được các đề nghị đã được Văn phòng chấp nhận của cơ quan, năm thành tích %(year)s."
                )
                % {"year": year}
            }
        )
    if working_days < 1 or working_days > MAX_WORKING_DAYS:
        raise ValidationError(
            {"working_days": _("Số ngày làm việc từ 1 đến %(max)s.") % {"max": MAX_WORKING_DAYS}}
        )
    days, _verify = required_days(agency=agency, nominations=lines)
    if working_days < days:
        raise ValidationError(
            {
                "working_days": _(
                    "Các đề nghị được chọn phải công khai ít nhất %(days)s ngày làm việc theo quy định."
                )
                % {"days": days}
            }
        )
    return lines


@transaction.atomic
def notice_create(
    *,
    actor: User | None,
    agency: Organization,
    year: int,
    title: str,
    nominations: Sequence[Nomination],
    working_days: int,
    channel: str,
    url: str = "",
    note: str = "",
) -> DisclosureNotice:
    """A draft notice of the agency's office listing accepted lines of `year`."""
    _require_office(actor, agency)
    lines = _check_content(agency=agency, year=year, nominations=nominations, working_days=working_days)
    notice = DisclosureNotice(
        agency=agency,
        year=year,
        title=title.strip(),
        note=note.strip(),
        channel=channel,
        url=url.strip(),
        working_days=working_days,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    notice.full_clean(exclude=["nominations"])
    notice.save()
    notice.nominations.set(lines)
    audit_record(
        action="create",
        instance=notice,
        after={**model_snapshot(notice), "nominations": sorted(n.pk for n in lines)},
        actor=actor,
    )
    return notice


def _locked_draft(notice: DisclosureNotice) -> DisclosureNotice:
    notice = DisclosureNotice.objects.select_for_update().select_related("agency").get(pk=notice.pk)
    if notice.status != NoticeStatus.DRAFT:
        raise ValidationError(_("Thông báo đã đăng: không sửa, không xóa được."))
    return notice


@transaction.atomic
def notice_update(
    *,
    actor: User | None,
    notice: DisclosureNotice,
    title: str,
    nominations: Sequence[Nomination],
    working_days: int,
    channel: str,
    url: str = "",
    note: str = "",
) -> DisclosureNotice:
    """Change a draft notice (once posted, what the public read stays as it was)."""
    notice = _locked_draft(notice)
    _require_office(actor, notice.agency)
    lines = _check_content(
        agency=notice.agency, year=notice.year, nominations=nominations, working_days=working_days
    )
    before = {
        **model_snapshot(notice),
        "nominations": sorted(notice.nominations.values_list("pk", flat=True)),
    }
    notice.title, notice.note, notice.channel = title.strip(), note.strip(), channel
    notice.url, notice.working_days = url.strip(), working_days
    notice.full_clean(exclude=["nominations"])
    notice.save()
    notice.nominations.set(lines)
    audit_record(
        action="update",
        instance=notice,
        before=before,
        after={**model_snapshot(notice), "nominations": sorted(n.pk for n in lines)},
        actor=actor,
    )
    return notice


@transaction.atomic
def notice_delete(*, actor: User | None, notice: DisclosureNotice) -> None:
    notice = _locked_draft(notice)
    _require_office(actor, notice.agency)
    notice.nominations.clear()
    audited_delete(notice, actor=actor)


@workflow.NOTICE.on(workflow.PUBLISH)
def _notice_published(notice: DisclosureNotice, step: Step) -> None:
    posted = step.on or timezone.localdate()
    notice.posted_at = posted
    notice.comment_deadline = calendar.add_working_days(posted, notice.working_days)


@workflow.NOTICE.after_commit(workflow.PUBLISH)
def _notify_units(notice: DisclosureNotice, step: Step) -> None:
    """The heads of the units whose lines are published learn the deadline (they answer feedback first)."""
    units = Organization.objects.filter(proposal_batches__nominations__disclosure_notices=notice).distinct()
    heads = [user for unit in units for user in users_holding(Role.UNIT_HEAD, organization=unit)]
    assert notice.comment_deadline is not None
    notify(
        users=heads,
        title=_("Danh sách đề nghị khen thưởng được công khai: %(title)s") % {"title": notice.title},
        body=_("Thời hạn góp ý đến hết ngày %(day)s.") % {"day": _day(notice.comment_deadline)},
        url=reverse("disclosure:public_detail", args=[notice.pk]),
    )


def notice_publish(
    *, actor: User | None, notice: DisclosureNotice, posted_at: dt.date, today: dt.date | None = None
) -> DisclosureNotice:
    """Publish a draft: it was posted on `posted_at` (not after `today`, at most BACKDATE_DAYS before); the
    comment deadline is `working_days` working days after, on the working-day calendar."""
    today = today or timezone.localdate()
    if posted_at > today:
        raise ValidationError({"posted_at": _("Ngày đăng không được sau ngày hôm nay.")})
    if posted_at < today - dt.timedelta(days=BACKDATE_DAYS):
        raise ValidationError(
            {"posted_at": _("Ngày đăng không được trước ngày hôm nay quá %(n)s ngày.") % {"n": BACKDATE_DAYS}}
        )
    return transition_perform(
        workflow=workflow.NOTICE, record=notice, action=workflow.PUBLISH, actor=actor, on=posted_at
    )


def notice_close(
    *, actor: User | None, notice: DisclosureNotice, on: dt.date | None = None
) -> DisclosureNotice:
    """Record that the window has ended (refused before the deadline has passed)."""
    return transition_perform(
        workflow=workflow.NOTICE,
        record=notice,
        action=workflow.CLOSE,
        actor=actor,
        on=on,
        check_permission=actor is not None,
    )


# --- feedback -----------------------------------------------------------------------------------------


@transaction.atomic
def feedback_submit(
    *,
    notice: DisclosureNotice,
    text: str,
    nomination: Nomination | None = None,
    name: str = "",
    contact: str = "",
    received_at: dt.datetime | None = None,
) -> Feedback:
    """Anyone's comment on a published notice, while its window is open; the office's officers are told."""
    notice = DisclosureNotice.objects.select_for_update().select_related("agency").get(pk=notice.pk)
    received_at = received_at or timezone.now()
    if not notice.accepts_feedback_on(timezone.localdate(received_at)):
        raise ValidationError(_("Đã hết thời hạn góp ý cho thông báo này."))
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Hãy nhập nội dung góp ý.")})
    if len(text) > FEEDBACK_MAX_CHARS or len(name) > CONTACT_MAX_CHARS or len(contact) > CONTACT_MAX_CHARS:
        raise ValidationError(_("Nội dung góp ý quá dài."))
    if nomination is not None and not notice.nominations.filter(pk=nomination.pk).exists():
        raise ValidationError({"nomination": _("Đề nghị này không có trong thông báo.")})
    feedback = audited_create(
        Feedback(
            notice=notice,
            nomination=nomination,
            text=text,
            name=name.strip(),
            contact=contact.strip(),
            received_at=received_at,
        ),
        actor=None,
    )
    transaction.on_commit(partial(_notify_office, feedback))
    return feedback


def _notify_office(feedback: Feedback) -> None:
    notice = feedback.notice
    officers = users_holding(Role.OFFICER, organization=notice.agency)
    notify(
        users=officers,
        title=_("Góp ý mới về danh sách công khai: %(title)s") % {"title": notice.title},
        body=feedback.text[:500],
        url=reverse("disclosure:detail", args=[notice.pk]),
    )


@transaction.atomic
def feedback_handle(
    *,
    actor: User | None,
    feedback: Feedback,
    outcome: str,
    response: str,
    handled_at: dt.datetime | None = None,
) -> Feedback:
    """Record how the office handled a comment (verified and explained, accepted, or dismissed) and its answer.
    Handling may be corrected later; each change is in the audit trail."""
    feedback = Feedback.objects.select_for_update().select_related("notice__agency").get(pk=feedback.pk)
    _require_office(actor, feedback.notice.agency)
    if outcome not in FeedbackOutcome.values:
        raise ValidationError({"outcome": _("Chọn kết quả xử lý.")})
    response = response.strip()
    if not response:
        raise ValidationError({"response": _("Hãy ghi nội dung xử lý, trả lời.")})
    changes = {
        "outcome": outcome,
        "response": response,
        "handled_by": actor if getattr(actor, "is_authenticated", False) else None,
        "handled_at": handled_at or timezone.now(),
    }
    return audited_update(feedback, actor=actor, changes=changes, locked=True)


# --- the office's calendar days -----------------------------------------------------------------------


def _require_calendar_manager(actor: User | None) -> None:
    if not (is_system_admin(actor) or has_role(actor, Role.OFFICER)):
        raise PermissionDenied


@transaction.atomic
def calendar_day_set(*, actor: User | None, date: dt.date, working: bool, note: str) -> CalendarDay:
    """Add a make-up working day or a day off to the calendar (one entry per date: a second one replaces it)."""
    _require_calendar_manager(actor)
    note = note.strip()
    if not note:
        raise ValidationError({"note": _("Ghi căn cứ (văn bản của Chính phủ, của tỉnh) hoặc lý do.")})
    existing = CalendarDay.objects.select_for_update().filter(date=date).first()
    if existing is not None:
        return audited_update(existing, actor=actor, changes={"working": working, "note": note}, locked=True)
    return audited_create(
        CalendarDay(
            date=date,
            working=working,
            note=note,
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        ),
        actor=actor,
        duplicate=_("Ngày này đã có trong lịch."),
        duplicate_field="date",
    )


@transaction.atomic
def calendar_day_delete(*, actor: User | None, day: CalendarDay) -> None:
    _require_calendar_manager(actor)
    audited_delete(day, actor=actor)
