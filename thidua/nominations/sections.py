"""The person page's section: the person's nominations (registered in core.registry by the app config)."""

from __future__ import annotations

from typing import Any

from thidua.accounts.scope import has_role, person_year_spans, year_in_spans

from . import selectors


def person_nominations(request: Any, person: Any) -> dict | None:
    lines = list(selectors.nomination_list_visible_to(user=request.user, person=person)[:50])
    spans = person_year_spans(request.user, person)
    lines = [line for line in lines if year_in_spans(line.year, spans)]
    if not lines:
        return None
    # Staff read their own lines here; the batch and line pages are for the unit, the office and the council.
    can_open = has_role(request.user, *selectors.PAGE_ROLES)
    return {
        "template": "nominations/_person_section.html",
        "context": {"lines": lines, "person": person, "can_open": can_open},
    }
