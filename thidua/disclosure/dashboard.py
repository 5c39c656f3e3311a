"""Dashboard tile of disclosure: the office's open windows (until when) and the feedback still to handle."""

from typing import Any

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.models import Role
from thidua.accounts.scope import CHANGE, has_role, restrict
from thidua.core.dashboard import Item, Tile

from .models import DisclosureNotice, NoticeStatus


def office_tile(request: Any) -> dict | None:
    user = request.user
    if not has_role(user, Role.OFFICER):
        return None
    today = timezone.localdate()
    notices = (
        restrict(DisclosureNotice.objects.exclude(status=NoticeStatus.DRAFT), user, CHANGE)
        .annotate(unhandled=Count("feedback", filter=Q(feedback__outcome="")))
        .filter(Q(comment_deadline__gte=today) | Q(unhandled__gt=0))
        .order_by("comment_deadline", "pk")[:6]
    )
    tile = Tile(
        _("Công khai: danh sách đang lấy ý kiến"),
        empty=_("Không có danh sách nào đang công khai hoặc còn góp ý chưa xử lý."),
        key="disclosure-office",
    )
    for notice in notices:
        assert notice.comment_deadline is not None
        tile.items.append(
            Item(
                notice.title,
                reverse("disclosure:detail", args=[notice.pk]),
                count=notice.unhandled or None,  # type: ignore[attr-defined]
                detail=_("hạn góp ý %(day)s") % {"day": notice.comment_deadline.strftime("%d/%m/%Y")},
                tone="danger" if notice.unhandled else "warning",  # type: ignore[attr-defined]
            )
        )
    return tile.as_dict()
