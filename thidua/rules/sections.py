"""Verdicts with reasons on the person and unit pages (registered in core/sections.py)."""

from __future__ import annotations

from django.utils import timezone

from thidua.accounts.scope import has_role

from .engine import codes as C
from .engine.eras import default_as_of
from .engine.money import award_amount
from .services import person_evaluations, unit_evaluations


def _year(request) -> int:
    raw = request.GET.get("nam", "")
    default = timezone.localdate().year - 1  # the last complete achievement year
    return int(raw) if raw.isdigit() and 2010 <= int(raw) <= default + 1 else default


def _rows(evaluations, *, subject_kind: str):
    """Each verdict, with the award money it would bring if decided on the usual date (1 January next year)."""
    rows = []
    for ev in evaluations:
        money = None
        if ev.verdict in ("eligible", "needs_council_judgement"):
            money = award_amount(ev.code, subject_kind, default_as_of(ev.year))
        rows.append({"code": ev.code, "name": C.name_of(ev.code), "evaluation": ev, "money": money})
    return rows


def person_verdicts(request, person):
    year = _year(request)
    return {
        "template": "rules/_verdicts.html",
        "context": {
            "year": year,
            "rows": _rows(person_evaluations(person=person, year=year), subject_kind="individual"),
            "subject": person,
        },
    }


def unit_verdicts(request, unit):
    if not has_role(request.user, organization=unit) and not request.user.is_superuser:
        return None
    year = _year(request)
    return {
        "template": "rules/_verdicts.html",
        "context": {
            "year": year,
            "rows": _rows(unit_evaluations(organization=unit, year=year), subject_kind="collective"),
            "subject": unit,
        },
    }
