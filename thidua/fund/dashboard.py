"""The office's dashboard tile: award money approved by issued decisions and not yet paid, per fund and year."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from thidua.accounts.models import Role
from thidua.accounts.scope import has_role
from thidua.core.dashboard import Item, Tile

from . import selectors
from .models import Category, EntryStatus
from .services import money


def unpaid_tile(request: Any) -> dict | None:
    if not has_role(request.user, Role.OFFICER):
        return None
    rows = selectors.unpaid_awards(user=request.user)
    if not rows:
        return None
    tile = Tile(_("Quỹ thi đua, khen thưởng"), key="fund-unpaid")
    several = len({row.agency.pk for row in rows}) > 1
    for row in rows[:10]:
        url = (
            f"{reverse('fund:year', args=[row.year])}?co-quan={row.agency.pk}"
            f"&noi_dung={Category.AWARD}&trang_thai={EntryStatus.PLANNED}"
        )
        where = _("năm %(year)s") % {"year": row.year}
        if several:
            where = f"{row.agency.name}, {where}"
        tile.items.append(
            Item(
                _("Tiền thưởng chưa chi: %(n)s dòng, %(total)s đồng")
                % {"n": row.count, "total": money(row.total)},
                url,
                detail=where,
                tone="warning",
            )
        )
    return tile.as_dict()
