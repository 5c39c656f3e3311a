"""Dashboard tile of the award registry: the last achievement year at a glance (for leaders and the office)."""

from typing import Any

from django.db.models import Count, Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.models import Role
from thidua.accounts.scope import VIEW, has_role, restrict
from thidua.core.codes import AwardCode
from thidua.core.dashboard import Item, Tile

from .models import AwardRecord, AwardStatus


def year_tile(request: Any) -> dict | None:
    user = request.user
    if not has_role(user, Role.SIGNER, Role.OFFICER, Role.COUNCIL_MEMBER, Role.COUNCIL_SECRETARY):
        return None
    # The latest achievement year with recorded awards (the last complete year, or the one before it while the
    # year's awards are still being decided).
    active = restrict(AwardRecord.objects.filter(status=AwardStatus.ACTIVE), user, VIEW)
    year = (
        active.filter(year__lt=timezone.localdate().year).aggregate(latest=Max("year"))["latest"]
        or timezone.localdate().year - 1
    )
    counts = active.filter(year=year).values("code").annotate(n=Count("id")).order_by("-n", "code")
    tile = Tile(
        _("Khen thưởng năm %(year)s") % {"year": year},
        empty=_("Chưa ghi nhận danh hiệu, hình thức nào cho năm này."),
        key="awards-year",
    )
    url = reverse("commendations:award_list")
    for row in counts[:6]:
        tile.items.append(
            Item(AwardCode(row["code"]).label, f"{url}?year={year}&code={row['code']}", row["n"])
        )
    return tile.as_dict()
