"""The documents of the awards a decision wrote, shown beside each award on the registry pages.

The award registry (thidua.commendations) sits below this app and cannot import it; it asks
`core.registry.links_for_awards(awards)` for a whole page of awards at once, and this module answers for the
awards that decisions wrote (`DecisionLine.award`): the decision's signed PDF, or the scan of a decision made
outside the system, with one query for the page. `register()` is called from `DecisionsConfig.ready()`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from thidua.core.registry import registry

from .models import Decision, DecisionLine, DecisionStatus

# The decision's file, then its page, by URL name: the first that resolves (the pages are another module's).
FILE_URLS = ("decisions:decision_pdf", "decisions:decision_detail")
PAGE_URLS = ("decisions:decision_detail",)


def _url(names: Iterable[str], pk: int) -> str:
    for name in names:
        try:
            return reverse(name, args=[pk])
        except NoReverseMatch:
            continue
    return ""


def _number(decision: Decision) -> str:
    return decision.number_symbol or _("(chưa có số)")


def decision_links(decision: Decision) -> list[tuple[str, str]]:
    """(label, url) of one decision's documents: its signed PDF, its scan, or its page; and, once revoked, the
    revoking decision (a label only: that decision may not be in the system)."""
    number = _number(decision)
    if decision.signed_pdf:
        links = [
            (_("Quyết định số %(number)s (bản ký số)") % {"number": number}, _url(FILE_URLS, decision.pk))
        ]
    elif decision.scan:
        links = [
            (_("Quyết định số %(number)s (bản chụp)") % {"number": number}, _url(FILE_URLS, decision.pk))
        ]
    else:
        links = [(_("Quyết định số %(number)s") % {"number": number}, _url(PAGE_URLS, decision.pk))]
    if decision.status == DecisionStatus.REVOKED:
        revoked = _("Bị hủy bỏ theo Quyết định số %(number)s") % {"number": decision.revoking_number or "…"}
        if decision.revoking_date:
            revoked += " " + _("ngày %(day)s") % {"day": decision.revoking_date.strftime("%d/%m/%Y")}
        links.append((revoked, ""))
    return links


def award_links(awards: Any) -> dict[int, list[tuple[str, str]]]:
    """{award id: [(label, url)]} for the awards among `awards` that a decision wrote (one query)."""
    ids = [award.pk for award in awards]
    if not ids:
        return {}
    lines = DecisionLine.objects.filter(award_id__in=ids).select_related("decision")
    found: dict[int, list[tuple[str, str]]] = {}
    for line in lines:
        assert line.award_id is not None
        found[line.award_id] = decision_links(line.decision)
    return found


def register() -> None:
    """Show the decisions' documents beside the awards of the registry (from `DecisionsConfig.ready()`)."""
    registry.award_links(award_links)
