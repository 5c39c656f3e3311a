"""The council's section of a nomination's page (registered in core.registry by CouncilConfig.ready): the
sessions that considered the line and their results."""

from __future__ import annotations

from typing import Any

from thidua.nominations.models import Nomination

from . import selectors


def nomination_council(request: Any, nomination: Nomination) -> dict | None:
    items = list(
        selectors.nomination_items(nomination=nomination, user=request.user).order_by("session__held_on")
    )
    if not items and not nomination.result_note:
        return None
    return {
        "template": "council/_nomination_section.html",
        "context": {"nomination": nomination, "items": items},
    }
