"""Reads of the reward fund, scoped to whom the fund belongs: the agency's officers (who keep it) and its signing
leaders (who read it). Anyone else — a unit head, staff, another agency's officer — gets nothing (the pages answer
403 or 404).

The year's totals are one aggregate query (`fund_totals`); the lines of the page one query with their decision
and awardee; a decision's money table two (its lines, the fund's entries for it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from thidua.accounts.models import Role
from thidua.accounts.scope import CHANGE, VIEW, is_system_admin, managed_organizations, scope_policy
from thidua.decisions.models import Decision, DecisionKind, DecisionLine, DecisionStatus
from thidua.organizations.models import Organization, OrganizationKind

from .models import Category, DecisionFunding, Direction, EntryStatus, FundEntry, FundYear, Source
from .services import LIVE, pays_from_fund

FUND_READERS = (Role.OFFICER, Role.SIGNER)
FUND_WRITERS = (Role.OFFICER,)


def _agencies_q(user: Any, action: str, prefix: str = "") -> Q:
    if is_system_admin(user):
        return Q()
    roles = FUND_WRITERS if action == CHANGE else FUND_READERS
    return Q(**{f"{prefix}agency__in": managed_organizations(user, *roles).values("pk")})


@scope_policy(FundYear, FundEntry)
def _fund_policy(user: Any, qs: QuerySet, action: str) -> QuerySet:
    """Read: the agency's officers and signing leaders. Write: its officers."""
    return qs.filter(_agencies_q(user, action))


@scope_policy(DecisionFunding)
def _funding_policy(user: Any, qs: QuerySet, action: str) -> QuerySet:
    return qs.filter(_agencies_q(user, action, "decision__"))


def fund_agencies(user: Any, action: str = VIEW) -> QuerySet[Organization]:
    """The agencies (Sở, ban, ngành; the province) whose fund the user may read (VIEW) or keep (CHANGE)."""
    roles = FUND_WRITERS if action == CHANGE else FUND_READERS
    return (
        managed_organizations(user, *roles)
        .filter(kind__in=(OrganizationKind.AGENCY, OrganizationKind.PROVINCE))
        .order_by("path")
    )


def fund_agency(user: Any, pk: int | None, action: str = VIEW) -> Organization:
    """The agency named by the page (`?co-quan=`), or the user's first one; 404 when it is not the user's."""
    agencies = fund_agencies(user, action)
    agency = agencies.filter(pk=pk).first() if pk is not None else agencies.first()
    if agency is None:
        raise Http404
    return agency


# ---------------------------------------------------------------- the year's totals


@dataclass
class Totals:
    """A year of the fund in numbers. `balance` (số dư) is the money held: opening + income − paid;
    `balance_after` (số dư sau khi chi các khoản đã duyệt) also takes off the planned spending."""

    opening: int = 0
    income: dict[str, int] = field(default_factory=dict)  # by source
    paid: dict[str, int] = field(default_factory=dict)  # by category
    planned: dict[str, int] = field(default_factory=dict)  # by category
    planned_count: int = 0
    paid_count: int = 0

    @property
    def income_total(self) -> int:
        return sum(self.income.values())

    @property
    def paid_total(self) -> int:
        return sum(self.paid.values())

    @property
    def planned_total(self) -> int:
        return sum(self.planned.values())

    @property
    def balance(self) -> int:
        return self.opening + self.income_total - self.paid_total

    @property
    def balance_after(self) -> int:
        return self.balance - self.planned_total

    def income_rows(self) -> list[tuple[str, str, int]]:
        return [(code, str(label), self.income.get(code, 0)) for code, label in Source.choices]

    def spending_rows(self) -> list[tuple[str, str, int, int]]:
        return [
            (code, str(label), self.paid.get(code, 0), self.planned.get(code, 0))
            for code, label in Category.choices
        ]


def fund_totals(*, agency: Organization, year: int, book: FundYear | None = None) -> Totals:
    """The year's opening balance (from its book, 0 when none), income by source, paid and planned spending by
    category; cancelled entries count nowhere."""
    totals = Totals(opening=book.opening_balance if book is not None else 0)
    rows = (
        FundEntry.objects.filter(agency=agency, year=year, status__in=LIVE)
        .values("direction", "source", "category", "status")
        .annotate(total=Sum("amount"), n=Count("pk"))
        .order_by()
    )
    for row in rows:
        if row["direction"] == Direction.INCOME:
            totals.income[row["source"]] = totals.income.get(row["source"], 0) + row["total"]
        elif row["status"] == EntryStatus.PAID:
            totals.paid[row["category"]] = totals.paid.get(row["category"], 0) + row["total"]
            totals.paid_count += row["n"]
        else:
            totals.planned[row["category"]] = totals.planned.get(row["category"], 0) + row["total"]
            totals.planned_count += row["n"]
    return totals


def fund_year_get(*, agency: Organization, year: int) -> FundYear | None:
    return FundYear.objects.filter(agency=agency, year=year).first()


def fund_years(*, agency: Organization) -> list[int]:
    """The years the agency's fund has a book or an entry in, newest first."""
    years = set(FundYear.objects.filter(agency=agency).values_list("year", flat=True))
    years |= set(FundEntry.objects.filter(agency=agency).values_list("year", flat=True).distinct())
    return sorted(years, reverse=True)


# ---------------------------------------------------------------- the lines


@dataclass(frozen=True)
class EntryFilter:
    direction: str = ""
    source: str = ""
    category: str = ""
    status: str = ""
    decision: int | None = None
    text: str = ""


def entry_list(*, agency: Organization, year: int, filters: EntryFilter | None = None) -> QuerySet[FundEntry]:
    qs = FundEntry.objects.filter(agency=agency, year=year).select_related("decision", "decision_line")
    f = filters or EntryFilter()
    if f.direction:
        qs = qs.filter(direction=f.direction)
    if f.source:
        qs = qs.filter(source=f.source)
    if f.category:
        qs = qs.filter(category=f.category)
    if f.status:
        qs = qs.filter(status=f.status)
    if f.decision:
        qs = qs.filter(decision_id=f.decision)
    if f.text:
        qs = qs.filter(
            Q(description__icontains=f.text) | Q(voucher__icontains=f.text) | Q(note__icontains=f.text)
        )
    return qs.order_by("entry_date", "pk")


def _paying_decisions(agency: Organization) -> QuerySet[Decision]:
    """The agency's decisions whose award money the fund pays (award decisions; external ones the office chose)."""
    chosen = DecisionFunding.objects.filter(decision=OuterRef("pk"), pays_from_fund=True)
    return Decision.objects.filter(agency=agency).filter(
        Q(kind=DecisionKind.AWARD) | (Q(kind=DecisionKind.EXTERNAL) & Exists(chosen))
    )


def unpriced_lines(*, agency: Organization, year: int) -> list[DecisionLine]:
    """Awardees of the year's issued decisions paid by the fund whose amount is unknown (no entry was written):
    "chưa xác định số tiền"."""
    decisions = _paying_decisions(agency).filter(status=DecisionStatus.ISSUED, decided_on__year=year)
    return list(
        DecisionLine.objects.filter(decision__in=decisions, amount__isnull=True)
        .select_related("decision")
        .order_by("decision_id", "position", "pk")
    )


def decision_checks(*, agency: Organization, year: int) -> list[Decision]:
    """The year's decisions the fund pays (dated in `year`, issued or revoked), each annotated with its total
    (`line_total`), what the fund holds for it (`fund_live`), paid (`fund_paid`) and planned (`fund_planned`), and
    `matches` (one query)."""
    live = FundEntry.objects.filter(decision=OuterRef("pk"), status__in=LIVE)
    decisions: list[Decision] = list(
        _paying_decisions(agency)
        .filter(status__in=(DecisionStatus.ISSUED, DecisionStatus.REVOKED), decided_on__year=year)
        .annotate(
            line_total=Coalesce(
                Subquery(
                    DecisionLine.objects.filter(decision=OuterRef("pk"))
                    .order_by()
                    .values("decision")
                    .annotate(t=Sum("amount"))
                    .values("t")[:1]
                ),
                0,
            ),
            fund_live=_entry_sum(live),
            fund_paid=_entry_sum(live.filter(status=EntryStatus.PAID)),
            fund_planned=_entry_sum(live.filter(status=EntryStatus.PLANNED)),
        )
        .order_by("decided_on", "pk")
    )
    for decision in decisions:
        d: Any = decision
        if decision.status == DecisionStatus.REVOKED:
            d.matches = d.fund_planned == 0
        else:
            d.matches = d.line_total == d.fund_live
        d.difference = d.line_total - d.fund_live
    return decisions


def _entry_sum(entries: QuerySet[FundEntry]) -> Coalesce:
    return Coalesce(
        Subquery(entries.order_by().values("decision").annotate(t=Sum("amount")).values("t")[:1]),
        0,
    )


# ---------------------------------------------------------------- a decision's money


@dataclass
class MoneyRow:
    line: DecisionLine
    entries: list[FundEntry]

    @property
    def live(self) -> FundEntry | None:
        return next((e for e in self.entries if e.status in LIVE), None)

    @property
    def fund_amount(self) -> int:
        return sum(e.amount for e in self.entries if e.status in LIVE)

    @property
    def matches(self) -> bool:
        return (self.line.amount or 0) == self.fund_amount


@dataclass
class DecisionMoney:
    """A decision's money table: each awardee, their amount, the fund's entry and its status, and the check that
    the decision's total equals what the fund holds for it."""

    decision: Decision
    pays: bool
    rows: list[MoneyRow]
    decision_total: int
    fund_total: int
    paid_total: int
    planned_total: int
    unpriced: int

    @property
    def expects_entries(self) -> bool:
        """Entries exist for an issued decision the fund pays (a revoked one keeps only its paid ones)."""
        return self.pays and self.decision.status == DecisionStatus.ISSUED

    @property
    def matches(self) -> bool:
        if self.decision.status == DecisionStatus.REVOKED:
            return self.planned_total == 0
        if not self.expects_entries:
            return self.fund_total == 0
        return self.decision_total == self.fund_total and all(r.matches for r in self.rows)

    @property
    def difference(self) -> int:
        return self.decision_total - self.fund_total

    @property
    def mismatched(self) -> list[MoneyRow]:
        return [r for r in self.rows if not r.matches]


def decision_money(*, decision: Decision) -> DecisionMoney:
    lines = list(decision.lines.order_by("position", "pk"))
    entries: dict[int, list[FundEntry]] = {}
    for entry in FundEntry.objects.filter(decision=decision).order_by("pk"):
        entries.setdefault(entry.decision_line_id or 0, []).append(entry)
    rows = [MoneyRow(line=line, entries=entries.get(line.pk, [])) for line in lines]
    all_entries = [e for group in entries.values() for e in group]
    return DecisionMoney(
        decision=decision,
        pays=pays_from_fund(decision),
        rows=rows,
        decision_total=sum(line.amount or 0 for line in lines),
        fund_total=sum(e.amount for e in all_entries if e.status in LIVE),
        paid_total=sum(e.amount for e in all_entries if e.status == EntryStatus.PAID),
        planned_total=sum(e.amount for e in all_entries if e.status == EntryStatus.PLANNED),
        unpriced=sum(1 for line in lines if line.amount is None),
    )


def decision_get_for_fund(*, user: Any, pk: int) -> Decision:
    """A decision of an agency whose fund the user reads; 404 otherwise."""
    decision = (
        Decision.objects.select_related("agency")
        .filter(agency__in=fund_agencies(user, VIEW).values("pk"))
        .filter(pk=pk)
        .first()
    )
    if decision is None:
        raise Http404
    return decision


# ---------------------------------------------------------------- the report over the years


@dataclass
class YearRow:
    year: int
    opening: int
    income: dict[str, int]
    paid: int
    planned: int

    @property
    def income_total(self) -> int:
        return sum(self.income.values())

    @property
    def balance(self) -> int:
        return self.opening + self.income_total - self.paid

    @property
    def balance_after(self) -> int:
        return self.balance - self.planned

    def income_of(self, source: str) -> int:
        return self.income.get(source, 0)


def report_by_year(*, agency: Organization) -> list[YearRow]:
    """Every year of the agency's fund: opening balance, income by source, paid and planned spending (two
    queries for all the years)."""
    openings = dict(FundYear.objects.filter(agency=agency).values_list("year", "opening_balance"))
    rows: dict[int, YearRow] = {
        year: YearRow(year=year, opening=opening, income={}, paid=0, planned=0)
        for year, opening in openings.items()
    }
    sums = (
        FundEntry.objects.filter(agency=agency, status__in=LIVE)
        .values("year", "direction", "source", "status")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    for item in sums:
        row = rows.setdefault(
            item["year"], YearRow(year=item["year"], opening=0, income={}, paid=0, planned=0)
        )
        if item["direction"] == Direction.INCOME:
            row.income[item["source"]] = row.income.get(item["source"], 0) + item["total"]
        elif item["status"] == EntryStatus.PAID:
            row.paid += item["total"]
        else:
            row.planned += item["total"]
    return [rows[year] for year in sorted(rows)]


# ---------------------------------------------------------------- the officer's tile


@dataclass(frozen=True)
class Unpaid:
    agency: Organization
    year: int
    count: int
    total: int


def unpaid_awards(*, user: Any) -> list[Unpaid]:
    """Award money not yet paid in the funds the user keeps, by agency and year (one query)."""
    agencies = {a.pk: a for a in fund_agencies(user, CHANGE)}
    if not agencies:
        return []
    rows = (
        FundEntry.objects.filter(
            agency_id__in=list(agencies),
            direction=Direction.SPENDING,
            category=Category.AWARD,
            status=EntryStatus.PLANNED,
        )
        .values("agency_id", "year")
        .annotate(n=Count("pk"), total=Sum("amount"))
        .order_by("agency_id", "-year")
    )
    return [Unpaid(agencies[r["agency_id"]], r["year"], r["n"], r["total"]) for r in rows]


def today_year() -> int:
    return timezone.localdate().year
