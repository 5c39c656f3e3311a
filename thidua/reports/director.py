"""The Director's year (năm của Giám đốc): on one page the year's statistics (compact), the fairness indicators,
each movement's targets reached, and the state of the commendation cycle (batches, disclosure notices, council
sessions, decisions) — counts by state, one grouped query per model."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from thidua.accounts.models import Role
from thidua.council.models import AgendaItem, Session, SessionStatus
from thidua.decisions.models import Decision, DecisionStatus
from thidua.disclosure.models import DisclosureNotice, NoticeStatus
from thidua.nominations.models import BatchStatus, ProposalBatch
from thidua.organizations.models import Organization

from . import fairness
from . import statistics as stats

# The Director (signer), the standing office and administrators.
DIRECTOR_ROLES = (Role.ADMIN, Role.OFFICER, Role.SIGNER)


@dataclass
class Stage:
    """One step of the commendation cycle: its counts by state (every state, in the lifecycle's order) and the
    page where the work is done."""

    key: str
    title: str
    counts: list[tuple[str, str, int]]  # (state, label, n)
    url: str

    @property
    def total(self) -> int:
        return sum(n for _s, _l, n in self.counts)


def _url(name: str) -> str:
    try:
        return reverse(name)
    except NoReverseMatch:  # the app is not installed
        return ""


def _by_state(qs: QuerySet, choices: list[tuple[str, Any]]) -> list[tuple[str, str, int]]:
    found = dict(qs.order_by().values_list("status").annotate(n=Count("id")))
    return [(state, str(label), found.get(state, 0)) for state, label in choices]


def cycle(*, agency: Organization, year: int) -> list[Stage]:
    """The commendation cycle of `agency` (and its units) for achievement `year`: four queries."""
    units = Organization.objects.filter(path__startswith=agency.path).values("pk")
    return [
        Stage(
            "batches",
            _("Tờ trình đề nghị khen thưởng"),
            _by_state(ProposalBatch.objects.filter(year=year, unit__in=units), BatchStatus.choices),
            _url("nominations:list"),
        ),
        Stage(
            "disclosure",
            _("Công khai danh sách"),
            _by_state(DisclosureNotice.objects.filter(year=year, agency__in=units), NoticeStatus.choices),
            _url("disclosure:list"),
        ),
        Stage(
            "council",
            _("Phiên họp Hội đồng"),
            _by_state(
                Session.objects.filter(council__agency__in=units).filter(
                    Q(pk__in=AgendaItem.objects.filter(nomination__year=year).values("session_id"))
                    | Q(~Exists(AgendaItem.objects.filter(session_id=OuterRef("pk"))), held_on__year=year)
                ),
                SessionStatus.choices,
            ),
            _url("council:session_list"),
        ),
        Stage(
            "decisions",
            _("Quyết định khen thưởng"),
            _by_state(Decision.objects.filter(year=year, agency__in=units), DecisionStatus.choices),
            _url("decisions:decision_list"),
        ),
    ]


def movement_targets(*, agency: Organization, year: int) -> list[dict[str, Any]]:
    """Each movement's targets for the agency's units in `year`: total and reached (one query)."""
    units = Organization.objects.filter(path__startswith=agency.path)
    return [
        {**row, "pct": round(row["reached"] * 100 / row["total"], 1) if row["total"] else None}
        for row in stats.target_counts(units=units, year_from=year, year_to=year)
    ]


def director_year(*, scope: stats.Scope, agency: Organization, year: int) -> dict[str, Any]:
    """Everything the Director's page shows for `agency` and `year`."""
    filters = stats.Filters(year_from=year, year_to=year, unit=agency)
    counts = stats.award_counts(scope=scope, filters=filters)
    rows = stats.row_units(scope, agency)
    staff = stats.staff_counts(scope=scope, filters=filters, rows=rows)
    return {
        "awards": stats.awards_by_year_level(counts, filters),
        "units": stats.awards_by_unit(counts, staff, scope=scope, filters=filters, rows=rows),
        "nominations": stats.nominations_vs_decided(scope=scope, filters=filters),
        "fairness": [
            {
                "indicator": indicator,
                "pct_awards": None if indicator.share_awards is None else indicator.share_awards * 100,
                "pct_staff": None if indicator.share_staff is None else indicator.share_staff * 100,
            }
            for indicator in fairness.indicators(agency=agency, year=year)
        ],
        "targets": movement_targets(agency=agency, year=year),
        "cycle": cycle(agency=agency, year=year),
    }
