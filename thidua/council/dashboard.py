"""The council's dashboard tile: the open ballots a member has not voted on yet."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from thidua.core.dashboard import Item, Tile

from . import selectors


def member_tile(request: Any) -> dict | None:
    items = list(selectors.ballots_to_vote(user=request.user)[:10])
    if not items:
        return None
    tile = Tile(_("Hội đồng Thi đua – Khen thưởng: chờ bạn bỏ phiếu"), key="council-vote")
    for item in items:
        tile.items.append(
            Item(str(item.nomination), reverse("council:vote", args=[item.session_id]), tone="warning")
        )
    return tile.as_dict()
