"""Dashboard tile of candidate discovery: who the latest sweep found eligible or one step away."""

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from thidua.accounts.scope import has_role
from thidua.core.dashboard import Item, Tile

from .models import DiscoveryStatus
from .selectors import DISCOVERY_ROLES, discovery_runs_visible_to


def discovery_tile(request: Any) -> dict | None:
    user = request.user
    if not has_role(user, *DISCOVERY_ROLES):
        return None
    run = (
        discovery_runs_visible_to(user=user)
        .filter(status=DiscoveryStatus.DONE)
        .order_by("-finished_at", "-id")
        .first()
    )
    tile = Tile(
        _("Rà soát khen thưởng"),
        empty=_("Chưa có lượt rà soát nào; chạy rà soát để tìm người đủ tiêu chuẩn."),
        key="discovery",
    )
    if run is None:
        tile.items.append(Item(_("Chạy rà soát"), reverse("rules:discovery")))
        return tile.as_dict()
    url = reverse("rules:discovery_run", args=[run.pk])
    counts = {"eligible": 0, "one_step_away": 0}
    for row in run.findings:
        if row.get("status") in counts:
            counts[row["status"]] += 1
    title = _("Năm %(year)s – %(unit)s") % {"year": run.year, "unit": run.organization.name}
    tile.items.append(
        Item(title, url, counts["eligible"], _("đủ tiêu chuẩn"), "warning" if counts["eligible"] else "")
    )
    tile.items.append(
        Item(title, f"{url}?status=one_step_away", counts["one_step_away"], _("còn thiếu điều kiện"))
    )
    return tile.as_dict()
