"""Verdicts with reasons on the person and unit pages (registered in core.registry by RulesConfig.ready)."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.accounts.scope import has_role, person_year_spans, year_in_spans
from thidua.core.params import int_param

from .engine import codes as catalogue
from .engine.eras import RULE_SETS_BY_ID, default_as_of
from .engine.money import award_amount
from .services import OTHER_TRACK, person_evaluations_by_track, unit_evaluations

# The track a verdict was judged on, and the other track shown next to each form (contract 1.1 question.track).
TRACK_LABELS = {"cong_trang": _("thành tích công trạng"), "dot_xuat": _("thành tích đột xuất")}


def _year(request) -> int:
    default = timezone.localdate().year - 1  # the last complete achievement year
    return int_param(request, "nam", default=default, min=2010, max=default + 1) or default


def _rows(evaluations, *, subject_kind: str, other_tracks=None):
    """Each verdict, with the award money it would bring if decided on the usual date (1 January next year),
    the track it was judged on, and — for forms — what a proposal on another track would need."""
    rows = []
    for ev in evaluations:
        money = None
        if ev.verdict in ("eligible", "needs_council_judgement"):
            money = award_amount(ev.code, subject_kind, default_as_of(ev.year))
        other = (other_tracks or {}).get(ev.code)
        rows.append(
            {
                "code": ev.code,
                "name": catalogue.name_of(ev.code),
                "evaluation": ev,
                # The rule set by its name (its id stays in the tooltip and the API).
                "rule_set_name": RULE_SETS_BY_ID[ev.rule_set].name_vi
                if ev.rule_set in RULE_SETS_BY_ID
                else "",
                "money": money,
                "track": TRACK_LABELS[catalogue.DEFAULT_TRACK],
                "other": other,
                "other_track": TRACK_LABELS[OTHER_TRACK] if other is not None else "",
                "other_needs": [r for r in other.reasons if r.met is not True] if other is not None else [],
            }
        )
    return rows


def person_verdicts(request, person):
    year = _year(request)
    spans = person_year_spans(request.user, person)
    if not year_in_spans(year, spans):
        # A former unit reads the verdicts of the years it held the person, not the later ones.
        years = [y for y in range(year, 2009, -1) if year_in_spans(y, spans)]
        if not years:
            return None
        year = years[0]
    return {
        "template": "rules/_verdicts.html",
        "context": {
            "year": year,
            "rows": _person_rows(person, year),
            "subject": person,
        },
    }


def _person_rows(person, year: int):
    merit, other = person_evaluations_by_track(person=person, year=year)
    return _rows(merit, subject_kind="individual", other_tracks=other)


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
