"""The registrations (menu entries, tiles, sections) of the reports' director part."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.accounts.scope import has_role
from thidua.core.dashboard import Item, Tile
from thidua.core.registry import NavEntry, registry

from .director import DIRECTOR_ROLES


def director_tile(request: Any) -> dict | None:
    """The dashboard's link to the Director's year, for the Director, the office and administrators."""
    if not has_role(request.user, *DIRECTOR_ROLES):
        return None
    tile = Tile(_("Năm của Giám đốc"), key="director-year")
    tile.items.append(
        Item(
            _("Thống kê, chỉ số công bằng, chỉ tiêu và tiến độ khen thưởng của năm"),
            reverse("reports:director_current"),
        )
    )
    tile.items.append(Item(_("Thống kê thi đua, khen thưởng"), reverse("reports:statistics")))
    return tile.as_dict()


def register() -> None:
    """Called once from ReportsConfig.ready(): the dashboard's tile, and the page first in the reports' menu."""
    registry.dashboard_tile(director_tile, order=5)
    registry.nav(
        NavEntry(
            "reports:director_current",
            gettext_lazy("Năm của Giám đốc"),
            roles=DIRECTOR_ROLES,
            group=gettext_lazy("Khen thưởng"),
            order=470,
        )
    )
