"""Dashboard tiles of the yearly registration: what the office must receive, what a unit must send, what a
member of staff registered."""

from datetime import timedelta
from typing import Any

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from thidua.accounts.models import Role
from thidua.accounts.scope import has_role, managed_organizations
from thidua.core.codes import AwardCode
from thidua.core.dashboard import Item, Tile

from .models import Registration, RegistrationLine, RegistrationRound, RegistrationStatus

OPEN = (RegistrationStatus.NOT_SENT, RegistrationStatus.RETURNED)


def _day(value: Any) -> str:
    return date_format(value, "SHORT_DATE_FORMAT")


def office_tile(request: Any) -> dict | None:
    """The office: per open round, registrations sent for receiving and units still to send by the deadline."""
    user = request.user
    if not has_role(user, Role.OFFICER):
        return None
    today = timezone.localdate()
    rounds = (
        RegistrationRound.objects.filter(
            organization__in=managed_organizations(user, Role.OFFICER), year__gte=today.year - 1
        )
        .annotate(
            sent=Count("registrations", filter=Q(registrations__status=RegistrationStatus.SENT)),
            pending=Count("registrations", filter=Q(registrations__status__in=OPEN)),
        )
        .filter(Q(sent__gt=0) | Q(pending__gt=0))
        .order_by("deadline")[:6]
    )
    tile = Tile(
        _("Đăng ký thi đua: việc chờ tiếp nhận"), empty=_("Không có đăng ký nào đang chờ."), key="reg-office"
    )
    for round_ in rounds:
        url = reverse("appraisals:round_detail", args=[round_.pk])
        label = _("Đăng ký thi đua năm %(year)s") % {"year": round_.year}
        if round_.sent:
            tile.items.append(Item(label, url, round_.sent, _("đã gửi, chờ tiếp nhận"), "warning"))
        if round_.pending:
            late = round_.deadline < today
            detail = (_("chưa gửi, quá hạn %(day)s") if late else _("chưa gửi, hạn %(day)s")) % {
                "day": _day(round_.deadline)
            }
            soon = round_.deadline <= today + timedelta(days=14)
            tile.items.append(
                Item(label, url, round_.pending, detail, "danger" if late else ("warning" if soon else ""))
            )
    return tile.as_dict()


def unit_tile(request: Any) -> dict | None:
    """A unit head: the unit's registrations still to send, with the deadline or the reason they came back."""
    user = request.user
    if not has_role(user, Role.UNIT_HEAD):
        return None
    today = timezone.localdate()
    registrations = (
        Registration.objects.filter(
            unit__in=managed_organizations(user, Role.UNIT_HEAD),
            status__in=OPEN,
            round__year__gte=today.year - 1,
        )
        .select_related("round", "unit")
        .order_by("round__deadline")[:6]
    )
    tile = Tile(
        _("Đăng ký thi đua của đơn vị cần gửi"), empty=_("Không có đăng ký nào phải gửi."), key="reg-unit"
    )
    for registration in registrations:
        returned = registration.status == RegistrationStatus.RETURNED
        detail = (
            _("bị trả lại: %(reason)s") % {"reason": registration.return_reason}
            if returned
            else _("hạn %(day)s") % {"day": _day(registration.round.deadline)}
        )
        tile.items.append(
            Item(
                _("Năm %(year)s – %(unit)s")
                % {"year": registration.round.year, "unit": registration.unit.name},
                reverse("appraisals:registration_detail", args=[registration.pk]),
                detail=detail,
                tone="danger" if returned or registration.round.deadline < today else "warning",
            )
        )
    return tile.as_dict()


def own_tile(request: Any) -> dict | None:
    """Anyone with a staff record: the titles registered for them, by year, and where the registration stands."""
    person_id = getattr(request.user, "person_id", None)
    if not person_id:
        return None
    lines = (
        RegistrationLine.objects.filter(person_id=person_id)
        .select_related("registration__round")
        .order_by("-registration__round__year", "code")[:6]
    )
    tile = Tile(_("Đăng ký thi đua của tôi"), empty=_("Bạn chưa được đăng ký danh hiệu nào."), key="reg-own")
    for line in lines:
        registration = line.registration
        tile.items.append(
            Item(
                _("Năm %(year)s: %(title)s")
                % {"year": registration.round.year, "title": AwardCode(line.code).label},
                detail=registration.get_status_display(),
            )
        )
    return tile.as_dict()
