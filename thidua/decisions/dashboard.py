"""The decisions' dashboard tile: what waits for the head (decisions submitted for signature) and for the office
(signed decisions to issue, drafts in progress)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from thidua.accounts.models import Role
from thidua.accounts.scope import has_role
from thidua.core.dashboard import Item, Tile

from . import selectors
from .models import DecisionStatus


def decisions_tile(request: Any) -> dict | None:
    user = request.user
    signer, officer = has_role(user, Role.SIGNER), has_role(user, Role.OFFICER)
    if not (signer or officer):
        return None
    counts = selectors.counts_for(user=user)
    url = reverse("decisions:decision_list")
    tile = Tile(_("Quyết định khen thưởng"), key="decisions")
    if signer:
        tile.items.append(
            Item(
                _("Chờ ký số"),
                f"{url}?status={DecisionStatus.SUBMITTED}",
                counts["to_sign"],
                tone="warning" if counts["to_sign"] else "",
            )
        )
    if officer:
        tile.items.append(
            Item(
                _("Đã ký, chờ ban hành"),
                f"{url}?status={DecisionStatus.SIGNED}",
                counts["to_issue"],
                tone="warning" if counts["to_issue"] else "",
            )
        )
        tile.items.append(Item(_("Dự thảo"), f"{url}?status={DecisionStatus.DRAFT}", counts["drafts"]))
    return tile.as_dict()
