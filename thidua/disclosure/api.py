"""API routes of public disclosure: the office's notices (read, create a draft, publish, close), the handling of
feedback, and the working-day calendar's deadline.

Reads go through the scoped selectors (404 outside the caller's scope); writes call the same services as the
pages, which check the caller's role in the agency (403 otherwise). The public's feedback is sent on the public
page only (CSRF and a throttle per address), not here.
"""

import datetime as dt
from typing import Annotated, Literal

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from thidua.accounts.scope import CHANGE
from thidua.api.pagination import Id, Pagination, Year
from thidua.nominations.models import Nomination
from thidua.organizations.models import Organization

from . import calendar, selectors, services, workflow
from .models import FEEDBACK_MAX_CHARS, DisclosureNotice, FeedbackOutcome, NoticeChannel

router = Router(tags=["disclosure"])

CALENDAR_FIRST, CALENDAR_LAST = dt.date(1990, 1, 1), dt.date(2100, 12, 31)


class NoticeOut(Schema):
    id: int
    agency_id: int
    year: int
    title: str
    note: str
    channel: str
    url: str
    working_days: int
    posted_at: dt.date | None
    comment_deadline: dt.date | None
    status: str
    state_today: str = Field(description="draft, open, closed: closed from the day after the deadline")

    @staticmethod
    def resolve_state_today(obj) -> str:
        return obj.state_on(timezone.localdate())


class FeedbackOut(Schema):
    id: int
    notice_id: int
    nomination_id: int | None
    text: str
    name: str
    contact: str
    received_at: dt.datetime
    outcome: str
    response: str
    handled_by_id: int | None
    handled_at: dt.datetime | None


class NoticeDetailOut(NoticeOut):
    nomination_ids: list[int]
    feedback: list[FeedbackOut] = Field(alias="feedback_items")


class NoticeIn(Schema):
    agency_id: Id
    year: Annotated[int, Field(ge=1990, le=2100)]
    title: str = Field(min_length=1, max_length=255)
    note: str = Field("", max_length=FEEDBACK_MAX_CHARS)
    nomination_ids: list[Id] = Field(min_length=1, max_length=1000)
    working_days: Annotated[int, Field(ge=1, le=services.MAX_WORKING_DAYS)]
    channel: NoticeChannel = NoticeChannel.WEBSITE
    url: str = Field("", max_length=200)


class NoticeTransitionIn(Schema):
    action: Literal["publish", "close"]
    posted_at: dt.date | None = Field(None, description="Ngày đăng (publish); mặc định hôm nay")


class HandlingIn(Schema):
    outcome: FeedbackOutcome
    response: str = Field(min_length=1, max_length=FEEDBACK_MAX_CHARS)


class DeadlineOut(Schema):
    start: dt.date
    working_days: int
    deadline: dt.date


def _detail(notice: DisclosureNotice) -> DisclosureNotice:
    """The notice with its lines' ids and its feedback, as NoticeDetailOut reads them."""
    notice.nomination_ids = sorted(notice.nominations.values_list("pk", flat=True))  # type: ignore[attr-defined]
    notice.feedback_items = selectors.notice_feedback(notice)  # type: ignore[attr-defined]
    return notice


@router.get("/disclosure/notices", response=list[NoticeOut], summary="Danh sách thông báo công khai")
@paginate(Pagination)
def notice_list(request, year: Year = None):
    return selectors.notice_list_visible_to(user=request.auth, year=year)


@router.get(
    "/disclosure/notices/{notice_id}",
    response=NoticeDetailOut,
    summary="Chi tiết thông báo công khai, các đề nghị và góp ý",
)
def notice_get(request, notice_id: int):
    return _detail(selectors.notice_get_visible(user=request.auth, pk=notice_id))


@router.post(
    "/disclosure/notices", response={201: NoticeDetailOut}, summary="Lập dự thảo thông báo công khai"
)
def notice_create(request, payload: NoticeIn):
    agency = get_object_or_404(Organization, pk=payload.agency_id)
    notice = services.notice_create(
        actor=request.auth,
        agency=agency,
        year=payload.year,
        title=payload.title,
        note=payload.note,
        nominations=list(Nomination.objects.filter(pk__in=payload.nomination_ids)),
        working_days=payload.working_days,
        channel=payload.channel,
        url=payload.url,
    )
    return Status(201, _detail(notice))


@router.post(
    "/disclosure/notices/{notice_id}/transitions",
    response=NoticeOut,
    summary="Đăng công khai hoặc kết thúc công khai",
)
def notice_transition(request, notice_id: int, payload: NoticeTransitionIn):
    notice = selectors.notice_get_visible(user=request.auth, pk=notice_id, action=CHANGE)
    if payload.action == workflow.PUBLISH:
        posted_at = payload.posted_at or timezone.localdate()
        notice = services.notice_publish(actor=request.auth, notice=notice, posted_at=posted_at)
    else:
        notice = services.notice_close(actor=request.auth, notice=notice)
    return notice


@router.post(
    "/disclosure/feedback/{feedback_id}/handling",
    response=FeedbackOut,
    summary="Ghi kết quả xử lý một góp ý",
)
def feedback_handle(request, feedback_id: int, payload: HandlingIn):
    feedback = selectors.feedback_get_visible(user=request.auth, pk=feedback_id, action=CHANGE)
    return services.feedback_handle(
        actor=request.auth, feedback=feedback, outcome=payload.outcome, response=payload.response
    )


@router.get(
    "/disclosure/deadline",
    response=DeadlineOut,
    summary="Hạn cuối sau một số ngày làm việc (trừ thứ Bảy, Chủ nhật, lễ, Tết, ngày nghỉ bù)",
)
def deadline(
    request,
    start: Annotated[dt.date, Query(description="Ngày bắt đầu (không tính); 1990–2100")],
    working_days: Annotated[int, Query(ge=0, le=calendar.MAX_WORKING_DAYS)],
):
    if not CALENDAR_FIRST <= start <= CALENDAR_LAST:
        raise ValidationError({"start": _("Ngày bắt đầu phải trong khoảng năm 1990–2100.")})
    return {
        "start": start,
        "working_days": working_days,
        "deadline": calendar.add_working_days(start, working_days),
    }
