"""Dashboard tiles of movements: progress reports to check or send, reviews due, letters waiting for a signer."""

from datetime import timedelta
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from thidua.accounts.models import Role
from thidua.accounts.scope import has_role, managed_organizations
from thidua.core.dashboard import Item, Tile

from .models import Movement, MovementStatus, ProgressReport, ReportStatus, Review

OPEN = (ReportStatus.NOT_SENT, ReportStatus.RETURNED)


def _day(value: Any) -> str:
    return date_format(value, "SHORT_DATE_FORMAT")


def office_tile(request: Any) -> dict | None:
    """The standing office: reports sent for checking, reports overdue, reviews coming or late."""
    user = request.user
    if not has_role(user, Role.OFFICER):
        return None
    today = timezone.localdate()
    office = managed_organizations(user, Role.OFFICER)
    reports = ProgressReport.objects.filter(movement__launching_organization__in=office)
    sent = reports.filter(status=ReportStatus.SENT).count()
    overdue = reports.filter(status__in=OPEN, due_on__lt=today).count()
    tile = Tile(_("Phong trào: việc chờ cơ quan thường trực"), key="movements-office")
    url = reverse("movements:reports")
    tile.items.append(
        Item(_("Báo cáo tiến độ chờ kiểm tra"), f"{url}?status=sent", sent, tone="warning" if sent else "")
    )
    tile.items.append(
        Item(
            _("Báo cáo quá hạn chưa gửi"), f"{url}?status=overdue", overdue, tone="danger" if overdue else ""
        )
    )
    reviews = (
        Review.objects.filter(
            movement__launching_organization__in=office,
            held_on__isnull=True,
            scheduled_on__lte=today + timedelta(days=30),
        )
        .select_related("movement")
        .order_by("scheduled_on")[:5]
    )
    for review in reviews:
        late = review.scheduled_on < today
        tile.items.append(
            Item(
                _("%(kind)s: %(movement)s")
                % {"kind": review.get_kind_display(), "movement": review.movement.title},
                reverse("movements:detail", args=[review.movement_id]),
                detail=(_("quá hạn từ %(day)s") if late else _("dự kiến %(day)s"))
                % {"day": _day(review.scheduled_on)},
                tone="danger" if late else "warning",
            )
        )
    return tile.as_dict()


def unit_tile(request: Any) -> dict | None:
    """A unit head: the unit's reports still to send, with their due dates and the reasons they came back."""
    user = request.user
    if not has_role(user, Role.UNIT_HEAD):
        return None
    today = timezone.localdate()
    own = managed_organizations(user, Role.UNIT_HEAD)
    reports = (
        ProgressReport.objects.filter(organization__in=own, status__in=OPEN)
        .select_related("movement", "organization")
        .order_by("due_on")[:8]
    )
    tile = Tile(
        _("Báo cáo tiến độ của đơn vị cần gửi"),
        empty=_("Không có báo cáo nào phải gửi."),
        key="movements-unit",
    )
    for report in reports:
        returned = report.status == ReportStatus.RETURNED
        detail = _("hạn %(day)s") % {"day": _day(report.due_on)}
        if returned:
            detail = _("bị trả lại: %(reason)s") % {"reason": report.return_reason}
        tile.items.append(
            Item(
                report.movement.title,
                reverse("movements:report_detail", args=[report.pk]),
                detail=detail,
                tone="danger" if returned or report.due_on < today else "warning",
            )
        )
    return tile.as_dict()


def signer_tile(request: Any) -> dict | None:
    """The leader who signs: draft launch letters naming them as signer."""
    user = request.user
    if not has_role(user, Role.SIGNER) or not getattr(user, "person_id", None):
        return None
    drafts = Movement.objects.filter(status=MovementStatus.DRAFT, signer_id=user.person_id).order_by("-id")[
        :8
    ]
    tile = Tile(
        _("Văn bản phát động chờ ký"), empty=_("Không có văn bản nào chờ ký."), key="movements-signer"
    )
    for movement in drafts:
        tile.items.append(
            Item(movement.title, reverse("movements:detail", args=[movement.pk]), tone="warning")
        )
    return tile.as_dict()
