"""The decisions' sections of other apps' pages (registered in core.registry by DecisionsConfig.ready): on a
nomination's page, the decisions and proposals that hold the line, as far as the reader may see them."""

from __future__ import annotations

from typing import Any

from thidua.nominations.models import Nomination

from . import selectors


def nomination_decisions(request: Any, nomination: Nomination) -> dict | None:
    lines = list(selectors.nomination_lines(nomination=nomination, user=request.user))
    if not lines:
        return None
    return {"template": "decisions/_nomination_section.html", "context": {"lines": lines}}
