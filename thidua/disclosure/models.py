"""Public disclosure (công khai) of the accepted nominations before the council sits (legal-rules §6), the
feedback anyone may send on it, and the office's days of the working-day calendar (`calendar.py`).

A notice (`DisclosureNotice`) is the list one agency's standing office publishes: the accepted lines of one
achievement year, posted on a channel (the agency's website, a notice board, a newspaper…) on `posted_at`,
open to comments for `working_days` working days, until `comment_deadline` (computed on the working-day
calendar when it is published, then fixed: it is what the public was told). The window closes on its own the day
after the deadline (`state_on`); the stored status moves to "closed" when the office (or the system) closes it,
but nothing depends on that step having been taken.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.core.codes import YEAR_VALIDATORS
from thidua.nominations.models import Nomination
from thidua.organizations.models import Organization

FEEDBACK_MAX_CHARS = 4000
CONTACT_MAX_CHARS = 200


class CalendarDay(models.Model):
    """A day the office adds to the national calendar: a make-up working day (a Saturday worked in exchange
    for a bridge holiday) or a day off the `holidays` package does not know. Global: one calendar for all."""

    date = models.DateField(_("Ngày"), unique=True)
    working = models.BooleanField(_("Là ngày làm việc"))
    note = models.CharField(_("Ghi chú, căn cứ"), max_length=255)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Người ghi"),
    )
    created_at = models.DateTimeField(_("Ghi lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("Ngày trong lịch làm việc")
        verbose_name_plural = _("Ngày trong lịch làm việc")
        ordering = ["date"]

    def __str__(self) -> str:
        kind = _("ngày làm việc") if self.working else _("ngày nghỉ")
        return f"{self.date:%d/%m/%Y} ({kind})"


class NoticeStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    OPEN = "open", _("Đang công khai")
    CLOSED = "closed", _("Đã hết thời hạn góp ý")


class NoticeChannel(models.TextChoices):
    WEBSITE = "website", _("Trang thông tin điện tử của cơ quan")
    PORTAL = "portal", _("Cổng thông tin điện tử")
    NOTICE_BOARD = "notice_board", _("Bảng tin tại trụ sở")
    NEWSPAPER = "newspaper", _("Báo")
    RADIO_TV = "radio_tv", _("Đài phát thanh, truyền hình")
    OTHER = "other", _("Hình thức khác")


class DisclosureNotice(models.Model):
    """The list of nominations one agency's standing office publishes for comment before the council sits."""

    agency = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="disclosure_notices",
        verbose_name=_("Cơ quan công khai"),
    )
    year = models.PositiveSmallIntegerField(_("Năm thành tích"), validators=YEAR_VALIDATORS)
    title = models.CharField(_("Tiêu đề"), max_length=255)
    note = models.TextField(_("Nội dung thông báo"), blank=True, max_length=FEEDBACK_MAX_CHARS)
    nominations = models.ManyToManyField(
        Nomination, related_name="disclosure_notices", verbose_name=_("Đề nghị được công khai")
    )
    channel = models.CharField(
        _("Hình thức công khai"), max_length=16, choices=NoticeChannel.choices, default=NoticeChannel.WEBSITE
    )
    url = models.URLField(_("Địa chỉ đăng tải"), blank=True)
    working_days = models.PositiveSmallIntegerField(_("Số ngày làm việc nhận góp ý"))
    posted_at = models.DateField(_("Ngày đăng"), null=True, blank=True)
    comment_deadline = models.DateField(_("Hạn góp ý"), null=True, blank=True)
    status = models.CharField(
        _("Trạng thái"), max_length=16, choices=NoticeStatus.choices, default=NoticeStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Người lập"),
    )
    created_at = models.DateTimeField(_("Lập lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("Thông báo công khai")
        verbose_name_plural = _("Thông báo công khai")
        ordering = ["-posted_at", "-pk"]
        indexes = [models.Index(fields=["status", "comment_deadline"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(working_days__gte=1), name="disclosure_notice_at_least_one_working_day"
            ),
            models.CheckConstraint(
                condition=Q(status=NoticeStatus.DRAFT)
                | (
                    Q(posted_at__isnull=False)
                    & Q(comment_deadline__isnull=False)
                    & Q(comment_deadline__gt=models.F("posted_at"))
                ),
                name="disclosure_notice_published_has_dates",
                violation_error_message=_("Thông báo đã đăng phải có ngày đăng và hạn góp ý sau ngày đăng."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def published(self) -> bool:
        return self.status != NoticeStatus.DRAFT

    def state_on(self, day: dt.date) -> str:
        """The notice's state on `day`: a published notice is closed from the day after its deadline, whether or
        not anybody closed it."""
        if self.status == NoticeStatus.DRAFT or self.posted_at is None:
            return NoticeStatus.DRAFT
        if self.status == NoticeStatus.CLOSED or (self.comment_deadline and day > self.comment_deadline):
            return NoticeStatus.CLOSED
        return NoticeStatus.OPEN

    def accepts_feedback_on(self, day: dt.date) -> bool:
        return (
            self.state_on(day) == NoticeStatus.OPEN and self.posted_at is not None and self.posted_at <= day
        )


class FeedbackOutcome(models.TextChoices):
    VERIFIED = "verified", _("Đã xác minh, giải trình")
    ACCEPTED = "accepted", _("Tiếp thu, điều chỉnh")
    DISMISSED = "dismissed", _("Không xem xét")


class Feedback(models.Model):
    """A comment anyone sent on a notice (about one line of it, or the whole list), and how the office handled
    it. The sender's name and contact are optional; nothing else about the sender is kept here."""

    notice = models.ForeignKey(
        DisclosureNotice, on_delete=models.PROTECT, related_name="feedback", verbose_name=_("Thông báo")
    )
    nomination = models.ForeignKey(
        Nomination,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="disclosure_feedback",
        verbose_name=_("Về đề nghị"),
    )
    text = models.TextField(_("Nội dung góp ý"), max_length=FEEDBACK_MAX_CHARS)
    name = models.CharField(_("Họ tên người góp ý"), max_length=CONTACT_MAX_CHARS, blank=True)
    contact = models.CharField(_("Địa chỉ liên hệ"), max_length=CONTACT_MAX_CHARS, blank=True)
    received_at = models.DateTimeField(_("Nhận lúc"))
    outcome = models.CharField(_("Kết quả xử lý"), max_length=16, choices=FeedbackOutcome.choices, blank=True)
    response = models.TextField(_("Nội dung xử lý, trả lời"), blank=True, max_length=FEEDBACK_MAX_CHARS)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Người xử lý"),
    )
    handled_at = models.DateTimeField(_("Xử lý lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("Góp ý về danh sách công khai")
        verbose_name_plural = _("Góp ý về danh sách công khai")
        ordering = ["received_at", "pk"]
        indexes = [models.Index(fields=["notice", "outcome"])]
        constraints = [
            models.CheckConstraint(
                condition=(Q(outcome="") & Q(handled_at__isnull=True))
                | (~Q(outcome="") & Q(handled_at__isnull=False) & ~Q(response="")),
                name="disclosure_feedback_handled_with_response",
                violation_error_message=_("Góp ý đã xử lý phải có kết quả, nội dung trả lời và thời điểm."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.notice} – {timezone.localtime(self.received_at):%d/%m/%Y %H:%M}"

    @property
    def handled(self) -> bool:
        return bool(self.outcome)
