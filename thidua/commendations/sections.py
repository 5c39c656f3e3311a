"""The person's and the unit's page sections of the registry (registered in core.registry by the app config): a
short summary of the awards by level, and the link to the person's or the unit's registry."""

from __future__ import annotations

from typing import Any

from . import selectors


def person_awards(request: Any, person: Any) -> dict | None:
    """The person's active awards the user reads, counted by level (one query); nothing when there are none."""
    awards = selectors.award_list_visible_to(user=request.user).filter(person=person)
    summary = selectors.count_by_level(awards)
    if not summary:
        return None
    return {
        "template": "commendations/_person_section.html",
        "context": {"person": person, "summary": summary, "count": sum(n for _l, _label, n in summary)},
    }


def unit_awards(request: Any, unit: Any) -> dict | None:
    """The collective's own active awards across its history, counted by level, and the links to its registry
    (with or without its people and sub-units)."""
    history = selectors.unit_history(unit)
    summary = selectors.count_by_level(selectors.unit_registry(user=request.user, units=history))
    return {"template": "commendations/_unit_section.html", "context": {"unit": unit, "summary": summary}}
