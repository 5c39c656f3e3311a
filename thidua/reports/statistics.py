"""The statistics of emulation and commendation (thống kê): the aggregates behind /thong-ke/ and the Director's year.

Every figure comes from a few grouped queries (`values().annotate()`), whatever the number of people, awards or
units: one for the awards (by year, code and the unit the award belongs to — a collective's own unit, a person's
unit in the award's year), which feeds three tables (by year and level, by unit, quota use); one for the staff of
the units; one each for registrations, nominations and movement targets. docs/statistics.md gives each figure's
meaning, formula and source tables.

Scope: the units the user holds a statistics role in (`managed_organizations`: an officer, a signer or an
administrator sees the subtree of the agency, a unit head the unit — and its sub-units when granted so). A unit
outside it is a 404; the filter's unit list is the scope.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    F,
    IntegerField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Concat, StrIndex, Substr
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.models import Role
from thidua.accounts.scope import managed_organizations
from thidua.appraisals.models import RegistrationLine, RegistrationStatus
from thidua.commendations.models import AwardRecord, AwardStatus
from thidua.commendations.selectors import LEVELS, SUBJECT_COLLECTIVE, SUBJECT_PERSON, SUBJECTS
from thidua.core.codes import AwardCode
from thidua.movements.models import Movement, ReportStatus, ReportValue, Target
from thidua.nominations.models import Nomination, NominationStatus
from thidua.organizations.models import Assignment, Organization
from thidua.rules.engine.codes import CATALOGUE
from thidua.rules.engine.eras import criteria_era, default_as_of
from thidua.rules.engine.quotas import QUOTA_RULES
from thidua.rules.services import rule_config_for

# Who reads the statistics: the standing office, the Director (signer), administrators, and unit heads (their unit).
STATISTICS_ROLES = (Role.ADMIN, Role.OFFICER, Role.SIGNER, Role.UNIT_HEAD)
# The level of each title and form: who decides it (the rules engine's catalogue).
LEVEL_OF_CODE: dict[str, str] = {code: entry.level for code, entry in CATALOGUE.items()}
RECIPIENTS = SUBJECTS  # (person, Cá nhân), (collective, Tập thể)
# Default period: the five achievement years ending with the latest one that has awards.
DEFAULT_YEARS = 5

# Nomination lines that reached the office (a draft is not yet a proposal; a withdrawn line was taken back).
SENT_STATES = tuple(
    s for s in NominationStatus.values if s not in (NominationStatus.DRAFT, NominationStatus.WITHDRAWN)
)
REFUSED_STATES = (NominationStatus.NOT_PASSED, NominationStatus.RETURNED)


@dataclass(frozen=True)
class Filters:
    """What the page narrows the figures by; `unit` None means the whole scope."""

    year_from: int
    year_to: int
    unit: Organization | None = None
    movement: Movement | None = None
    level: str = ""
    code: str = ""
    track: str = ""
    recipient: str = ""  # SUBJECT_PERSON or SUBJECT_COLLECTIVE

    @property
    def years(self) -> list[int]:
        return list(range(self.year_from, self.year_to + 1))

    def codes(self) -> list[str]:
        """The codes the level and form filters keep (every code when neither is set)."""
        return [
            code
            for code in AwardCode.values
            if (not self.code or code == self.code)
            and (not self.level or LEVEL_OF_CODE.get(code) == self.level)
        ]


@dataclass
class Table:
    """One section: a title, headers, rows of cells (numbers stay numbers for Excel) and the chart of it."""

    key: str
    title: str
    headers: list[str]
    rows: list[list[Any]] = field(default_factory=list)
    note: str = ""
    chart: dict[str, Any] | None = None
    has_total: bool = True  # the last row sums the others

    def display_rows(self) -> list[list[tuple[str, bool]]]:
        """The rows as the page shows them, each cell (text, is a number): thousands with dots, decimals with a comma,
        a dash for no value."""
        return [[(display(value), _numeric(value)) for value in row] for row in self.rows]

    def header_cells(self) -> list[tuple[str, bool]]:
        """The headers, each with whether its column holds numbers (aligned right), judged on the first row."""
        first = self.rows[0] if self.rows else []
        return [
            (header, i > 0 and (i >= len(first) or _numeric(first[i])))
            for i, header in enumerate(self.headers)
        ]


def _numeric(value: Any) -> bool:
    return value is None or (isinstance(value, int | float) and not isinstance(value, bool))


def display(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        return f"{value:,.1f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    if isinstance(value, int):
        return f"{value:,}".replace(",", ".") if abs(value) >= 10000 else str(value)
    return str(value)


@dataclass
class Scope:
    """The units the user reads statistics of, read once: all of them (ordered by path) and the roots."""

    units: list[Organization]

    @property
    def ids(self) -> set[int]:
        return {u.pk for u in self.units}

    @property
    def roots(self) -> list[Organization]:
        ids = self.ids
        return [u for u in self.units if u.parent_id not in ids]


def scope_for(user: Any, *roles: str) -> Scope:
    """The units in which `user` holds one of `roles` (the statistics roles by default), ordered by path."""
    qs = managed_organizations(user, *(roles or STATISTICS_ROLES))
    return Scope(list(qs.select_related("parent").order_by("path")))


def _units_qs(scope: Scope, unit: Organization | None) -> QuerySet[Organization]:
    """The scope's units (narrowed to `unit`'s subtree) as a subquery."""
    ids = [u.pk for u in scope.units if unit is None or u.path.startswith(unit.path)]
    return Organization.objects.filter(pk__in=ids)


def latest_year(scope: Scope, today: dt.date | None = None) -> int:
    """The latest achievement year with an active award in the scope (a collective of it, or a person who held a
    post in it), not after this year; last year when there is none. One query."""
    this_year = (today or timezone.localdate()).year
    units = _units_qs(scope, None)
    people = Assignment.objects.filter(organization__in=units).values("person_id")
    found = (
        AwardRecord.objects.filter(status=AwardStatus.ACTIVE, year__lte=this_year)
        .filter(Q(organization__in=units) | Q(person_id__in=people))
        .aggregate(latest=Max("year"))["latest"]
    )
    return found or this_year - 1


def default_period(scope: Scope, today: dt.date | None = None) -> tuple[int, int]:
    """The five achievement years ending with the latest one that has awards."""
    last = latest_year(scope, today)
    return last - DEFAULT_YEARS + 1, last


# ---------------------------------------------------------------- awards


def _unit_ids(scope: Scope, unit: Organization | None) -> list[int]:
    """The ids of the scope's units (narrowed to `unit`'s subtree), from the scope already read: no query."""
    return [u.pk for u in scope.units if unit is None or u.path.startswith(unit.path)]


def _posts_overlapping(unit_ids: list[int], first: dt.date, last: dt.date) -> QuerySet[Assignment]:
    """Posts in the units that overlap the days from `first` to `last`. Plain date comparisons (no year extracted
    from the dates), so that the (person, start_on) and (organization, start_on) indexes serve them."""
    return Assignment.objects.filter(organization_id__in=unit_ids, start_on__lte=last).filter(
        Q(end_on__isnull=True) | Q(end_on__gte=first)
    )


def award_counts(*, scope: Scope, filters: Filters) -> list[dict[str, Any]]:
    """Active awards of the scope in the period, grouped by year, code and the unit each belongs to (`unit`: the
    collective itself, or the unit that held the person in the award's year — the last post of that year inside
    the scope). The level and form filters are NOT applied here, so that the quota table sees every code; the
    callers apply them. One query.

    A person's unit is one correlated lookup per award on the (person, start_on) index, written once per year of
    the period (`CASE year WHEN …`, at most 30 branches) so that each compares dates with constants. An award
    whose person held no post of the scope in its year gets no unit, and its group is dropped here."""
    ids = _unit_ids(scope, filters.unit)
    qs = AwardRecord.objects.filter(
        status=AwardStatus.ACTIVE, year__gte=filters.year_from, year__lte=filters.year_to
    )
    if filters.track:
        qs = qs.filter(track=filters.track)
    if filters.movement is not None:
        qs = qs.filter(movement=filters.movement)
    if filters.recipient == SUBJECT_PERSON:
        qs = qs.filter(person__isnull=False)
    elif filters.recipient == SUBJECT_COLLECTIVE:
        qs = qs.filter(organization__isnull=False)
    qs = qs.filter(Q(organization_id__in=ids) | Q(person__isnull=False))
    whens = [When(organization__isnull=False, then=F("organization_id"))]
    for year in filters.years:
        last_post = (
            _posts_overlapping(ids, dt.date(year, 1, 1), dt.date(year, 12, 31))
            .filter(person_id=OuterRef("person_id"))
            .order_by("-start_on", "-id")
            .values("organization_id")[:1]
        )
        whens.append(When(year=year, then=Subquery(last_post)))
    rows = (
        qs.annotate(unit=Case(*whens, default=None, output_field=IntegerField()))
        .order_by()
        .values("year", "code", "unit")
        .annotate(n=Count("id"))
    )
    return [dict(row) for row in rows if row["unit"] is not None]


def awards_by_year_level(counts: list[dict[str, Any]], filters: Filters) -> Table:
    codes = set(filters.codes())
    grid: dict[int, dict[str, int]] = {year: defaultdict(int) for year in filters.years}
    for row in counts:
        if row["code"] in codes:
            grid[row["year"]][LEVEL_OF_CODE.get(row["code"], "")] += row["n"]
    levels = [(key, str(label)) for key, label in LEVELS.items()]
    table = Table(
        "awards",
        _("Khen thưởng theo năm và cấp khen thưởng"),
        [_("Năm"), *[label for _key, label in levels], _("Tổng")],
    )
    for year in filters.years:
        values = [grid[year][key] for key, _label in levels]
        table.rows.append([year, *values, sum(values)])
    totals = [sum(row[i] for row in table.rows) for i in range(1, len(levels) + 2)]
    table.rows.append([_("Tổng"), *totals])
    table.chart = {
        "kind": "bar",
        "stack": True,
        "categories": [str(y) for y in filters.years],
        "series": [
            {"name": label, "data": [row[i + 1] for row in table.rows[:-1]]}
            for i, (_k, label) in enumerate(levels)
        ],
    }
    return table


@dataclass(frozen=True)
class UnitRow:
    """A row of the per-unit table: a unit with its subtree, or (`direct`) what belongs to the unit itself."""

    label: str
    unit: Organization
    direct: bool = False

    @property
    def key(self) -> str:
        return f"{'d' if self.direct else 'u'}{self.unit.pk}"


def row_units(scope: Scope, unit: Organization | None) -> list[UnitRow]:
    """The rows of the per-unit table: for the chosen unit (or each root of the scope), what belongs to it directly,
    then each unit directly under it with its subtree. Under several roots (an officer of an agency and of its
    successor after a merger) the rows name their root."""
    focuses = [unit] if unit is not None else scope.roots
    several = len(focuses) > 1
    rows: list[UnitRow] = []
    for focus in focuses:
        where = focus.short_name or focus.name
        rows.append(UnitRow(_("%(unit)s (trực tiếp)") % {"unit": focus.name}, focus, direct=True))
        for child in scope.units:
            if child.parent_id == focus.pk:
                label = f"{child.name} – {where}" if several else child.name
                rows.append(UnitRow(label, child))
    return rows


def _row_key(focuses: list[Organization]) -> Case:
    """The per-unit table's row (`UnitRow.key`) of a post's unit, computed from the unit's path: "d<id>" for a
    focus itself, "u<id>" for the unit directly under a focus whose subtree holds it (a unit without a row there
    gives a key no row has). The focuses must not nest (see `staff_counts`)."""
    whens = []
    for focus in focuses:
        rest = Substr("organization__path", len(focus.path) + 1)
        child = Substr(rest, 1, StrIndex(rest, Value("/")) - 1)
        whens.append(When(organization__path=focus.path, then=Value(f"d{focus.pk}")))
        whens.append(
            When(
                organization__path__startswith=focus.path,
                then=Concat(Value("u"), child, output_field=CharField()),
            )
        )
    return Case(*whens, default=Value(""), output_field=CharField())


def staff_counts(*, scope: Scope, filters: Filters, rows: list[UnitRow]) -> dict:
    """Distinct people with a post in each row's unit (with its subtree, unless the row is `direct`) at any time in
    the period, and in the whole selection (`total`). One query: the posts grouped by their row (from the unit's
    path), distinct people counted in each group, and the total in a second branch of a UNION ALL (a person in two
    rows counts once in the total).

    When one focus lies inside another's subtree (a scope made of single units granted apart), a post may belong
    to two rows; then one conditional count per row, the slower form that allows it."""
    ids = _unit_ids(scope, filters.unit)
    posts = _posts_overlapping(
        ids, dt.date(filters.year_from, 1, 1), dt.date(filters.year_to, 12, 31)
    ).order_by()
    focuses = [filters.unit] if filters.unit is not None else scope.roots
    nested = any(a is not b and b.path.startswith(a.path) for a in focuses for b in focuses)
    if nested:
        aggregates: dict[str, Any] = {"total": Count("person_id", distinct=True)}
        for row in rows:
            members = (
                [row.unit.pk]
                if row.direct
                else [u.pk for u in scope.units if u.path.startswith(row.unit.path)]
            )
            aggregates[row.key] = Count("person_id", distinct=True, filter=Q(organization_id__in=members))
        return posts.aggregate(**aggregates)
    people = Count("person_id", distinct=True)
    per_row = posts.values(row=_row_key(focuses)).annotate(n=people).order_by()
    total = posts.values(row=Value("total", output_field=CharField())).annotate(n=people).order_by()
    found = {r["row"]: r["n"] for r in per_row.union(total, all=True).order_by()}
    return {"total": found.get("total", 0), **{row.key: found.get(row.key, 0) for row in rows}}


def per_100(awards: int, staff: int) -> float | None:
    return round(awards * 100 / staff, 1) if staff else None


def _row_of_unit(scope: Scope, rows: list[UnitRow]) -> dict[int, str]:
    """Each unit of the scope's row (`UnitRow.key`) in the per-unit table: its own direct row, else the first row
    (in the table's order) whose subtree holds it. Found through the unit's ancestors in its path, so the awards'
    groups (tens of thousands for a province) are each placed by one dictionary look-up."""
    direct = {row.unit.pk: row.key for row in rows if row.direct}
    subtree: dict[int, tuple[int, str]] = {}
    for index, row in enumerate(rows):
        if not row.direct:
            subtree.setdefault(row.unit.pk, (index, row.key))
    row_of: dict[int, str] = {}
    for unit in scope.units:
        if unit.pk in direct:
            row_of[unit.pk] = direct[unit.pk]
            continue
        holders = [
            subtree[pk] for pk in (int(part) for part in unit.path.split("/") if part) if pk in subtree
        ]
        if holders:
            row_of[unit.pk] = min(holders)[1]
    return row_of


def awards_by_unit(
    counts: list[dict[str, Any]],
    staff: dict[str, int],
    *,
    scope: Scope,
    filters: Filters,
    rows: list[UnitRow],
) -> Table:
    codes = set(filters.codes())
    row_of = _row_of_unit(scope, rows)
    by_row: dict[str, int] = defaultdict(int)
    for count in counts:
        key = row_of.get(count["unit"])
        if key is not None and count["code"] in codes:
            by_row[key] += count["n"]
    table = Table(
        "units",
        _("Khen thưởng theo đơn vị và trên 100 cán bộ"),
        [_("Đơn vị"), _("Số khen thưởng"), _("Số cán bộ"), _("Trên 100 cán bộ")],
        note=_(
            "Số cán bộ: người có quá trình công tác tại đơn vị (gồm đơn vị trực thuộc) trong giai đoạn; "
            "khen thưởng cá nhân tính cho đơn vị công tác trong năm thành tích."
        ),
    )
    entries = [
        (row.label, by_row[row.key], staff.get(row.key, 0))
        for row in rows
        if by_row[row.key] or staff.get(row.key, 0)
    ]
    for name, n, people in entries:
        table.rows.append([name, n, people, per_100(n, people)])
    total_awards = sum(n for _name, n, _p in entries)
    table.rows.append(
        [_("Tổng"), total_awards, staff.get("total", 0), per_100(total_awards, staff.get("total", 0))]
    )
    table.chart = {
        "kind": "bar",
        "horizontal": True,
        "categories": [name for name, _n, _p in entries],
        "series": [
            {"name": _("Số khen thưởng"), "data": [n for _name, n, _p in entries]},
            {"name": _("Trên 100 cán bộ"), "data": [per_100(n, p) for _name, n, p in entries]},
        ],
    }
    return table


# ---------------------------------------------------------------- registrations, nominations, targets, quotas


def registrations_vs_awards(*, scope: Scope, filters: Filters) -> Table:
    """Titles registered in the year's registration (sent to the office) against the same title achieved: an active
    award of the same code and year to the same person, or to the registering unit for a collective line. One
    query."""
    units = _units_qs(scope, filters.unit)
    awards = AwardRecord.objects.filter(
        status=AwardStatus.ACTIVE, code=OuterRef("code"), year=OuterRef("registration__round__year")
    )
    qs = RegistrationLine.objects.filter(
        registration__unit__in=units,
        registration__round__year__gte=filters.year_from,
        registration__round__year__lte=filters.year_to,
        code__in=filters.codes(),
    ).exclude(registration__status=RegistrationStatus.NOT_SENT)
    if filters.recipient == SUBJECT_PERSON:
        qs = qs.filter(person__isnull=False)
    elif filters.recipient == SUBJECT_COLLECTIVE:
        qs = qs.filter(person__isnull=True)
    achieved = Q(person__isnull=False, _by_person=True) | Q(person__isnull=True, _by_unit=True)
    rows = (
        qs.alias(
            _by_person=Exists(awards.filter(person_id=OuterRef("person_id"))),
            _by_unit=Exists(awards.filter(organization_id=OuterRef("registration__unit_id"))),
        )
        .order_by()
        .values("registration__round__year", "code")
        .annotate(registered=Count("id"), achieved=Count("id", filter=achieved))
    )
    table = Table(
        "registrations",
        _("Danh hiệu đăng ký và đạt được"),
        [_("Năm"), _("Danh hiệu"), _("Đăng ký"), _("Đạt được"), _("Tỷ lệ đạt (%)")],
    )
    data = sorted(rows, key=lambda r: (r["registration__round__year"], _code_rank(r["code"])))
    for row in data:
        table.rows.append(
            [
                row["registration__round__year"],
                _code_name(row["code"]),
                row["registered"],
                row["achieved"],
                _pct(row["achieved"], row["registered"]),
            ]
        )
    registered, achieved_n = sum(r["registered"] for r in data), sum(r["achieved"] for r in data)
    table.rows.append([_("Tổng"), "", registered, achieved_n, _pct(achieved_n, registered)])
    by_year = _sum_by_year(data, "registration__round__year", ("registered", "achieved"), filters.years)
    table.chart = {
        "kind": "bar",
        "categories": [str(y) for y in filters.years],
        "series": [
            {"name": _("Đăng ký"), "data": by_year["registered"]},
            {"name": _("Đạt được"), "data": by_year["achieved"]},
        ],
    }
    return table


def nominations_vs_decided(*, scope: Scope, filters: Filters) -> Table:
    """Nomination lines sent to the office (any state after the draft, except withdrawn) against those decided
    (a decision issued: state `awarded`) and those refused (not passed by the council, or returned), by year and
    code. A line belongs to the unit that first proposed it. One query."""
    units = _units_qs(scope, filters.unit)
    qs = Nomination.objects.filter(
        year__gte=filters.year_from,
        year__lte=filters.year_to,
        status__in=SENT_STATES,
        code__in=filters.codes(),
    ).filter(Q(origin_batch__isnull=True, batch__unit__in=units) | Q(origin_batch__unit__in=units))
    if filters.track:
        qs = qs.filter(track=filters.track)
    if filters.movement is not None:
        qs = qs.filter(movement=filters.movement)
    if filters.recipient == SUBJECT_PERSON:
        qs = qs.filter(person__isnull=False)
    elif filters.recipient == SUBJECT_COLLECTIVE:
        qs = qs.filter(organization__isnull=False)
    rows = (
        qs.order_by()
        .values("year", "code")
        .annotate(
            sent=Count("id"),
            decided=Count("id", filter=Q(status=NominationStatus.AWARDED)),
            refused=Count("id", filter=Q(status__in=REFUSED_STATES)),
        )
    )
    data = sorted(rows, key=lambda r: (r["year"], _code_rank(r["code"])))
    table = Table(
        "nominations",
        _("Đề nghị khen thưởng và đã quyết định"),
        [
            _("Năm"),
            _("Danh hiệu, hình thức"),
            _("Đề nghị"),
            _("Đã quyết định"),
            _("Không thông qua, trả lại"),
            _("Đang xử lý"),
            _("Tỷ lệ quyết định (%)"),
        ],
    )
    for row in data:
        pending = row["sent"] - row["decided"] - row["refused"]
        table.rows.append(
            [
                row["year"],
                _code_name(row["code"]),
                row["sent"],
                row["decided"],
                row["refused"],
                pending,
                _pct(row["decided"], row["sent"]),
            ]
        )
    sent, decided, refused = (sum(r[k] for r in data) for k in ("sent", "decided", "refused"))
    table.rows.append([_("Tổng"), "", sent, decided, refused, sent - decided - refused, _pct(decided, sent)])
    by_year = _sum_by_year(data, "year", ("sent", "decided"), filters.years)
    table.chart = {
        "kind": "bar",
        "categories": [str(y) for y in filters.years],
        "series": [
            {"name": _("Đề nghị"), "data": by_year["sent"]},
            {"name": _("Đã quyết định"), "data": by_year["decided"]},
        ],
    }
    return table


def target_counts(
    *, units: QuerySet[Organization], year_from: int, year_to: int, movement: Movement | None = None
):
    """Targets of `units` by movement and year: how many, and how many reached (the latest accepted report value
    at or above the target; values are cumulative within the year). One query."""
    latest = (
        ReportValue.objects.filter(target_id=OuterRef("pk"), report__status=ReportStatus.ACCEPTED)
        .order_by("-report__due_on", "-report_id")
        .values("value")[:1]
    )
    qs = Target.objects.filter(organization__in=units, year__gte=year_from, year__lte=year_to)
    if movement is not None:
        qs = qs.filter(movement=movement)
    return list(
        qs.alias(_latest=Subquery(latest))
        .order_by()
        .values("movement_id", "movement__code", "movement__title", "year")
        .annotate(total=Count("id"), reached=Count("id", filter=Q(_latest__gte=F("target_value"))))
        .order_by("movement__code", "year")
    )


def targets_reached(*, scope: Scope, filters: Filters) -> Table:
    data = target_counts(
        units=_units_qs(scope, filters.unit),
        year_from=filters.year_from,
        year_to=filters.year_to,
        movement=filters.movement,
    )
    table = Table(
        "targets",
        _("Chỉ tiêu phong trào thi đua đã đạt"),
        [_("Phong trào"), _("Năm"), _("Số chỉ tiêu"), _("Đã đạt"), _("Chưa đạt"), _("Tỷ lệ đạt (%)")],
        note=_("Đạt: giá trị của báo cáo được chấp nhận gần nhất không nhỏ hơn giá trị chỉ tiêu."),
    )
    for row in data:
        table.rows.append(
            [
                row["movement__title"],
                row["year"],
                row["total"],
                row["reached"],
                row["total"] - row["reached"],
                _pct(row["reached"], row["total"]),
            ]
        )
    total, reached = sum(r["total"] for r in data), sum(r["reached"] for r in data)
    table.rows.append([_("Tổng"), "", total, reached, total - reached, _pct(reached, total)])
    labels = [f"{r['movement__code']} {r['year']}" for r in data]
    table.chart = {
        "kind": "bar",
        "stack": True,
        "categories": labels,
        "series": [
            {"name": _("Đã đạt"), "data": [r["reached"] for r in data]},
            {"name": _("Chưa đạt"), "data": [r["total"] - r["reached"] for r in data]},
        ],
    }
    return table


def quota_use(counts: list[dict[str, Any]], *, scope: Scope, filters: Filters) -> Table:
    """For each quota the agency's rules configure in a year of the period (rules.engine.quotas.QUOTA_RULES, e.g.
    CSTĐCS ≤ 15% of LĐTT up to 2023): the capped awards against the limit the base awards allow (rounded down,
    as the nominations' quota check). From the awards' counts (no query of its own besides the configuration)."""
    anchor = filters.unit or (scope.roots[0] if scope.roots else None)
    config = rule_config_for(organization=anchor)
    by_year_code: dict[tuple[int, str], int] = defaultdict(int)
    for row in counts:
        by_year_code[(row["year"], row["code"])] += row["n"]
    table = Table(
        "quotas",
        _("Sử dụng tỷ lệ khen thưởng"),
        [
            _("Năm"),
            _("Danh hiệu, hình thức"),
            _("Tỷ lệ (%)"),
            _("Căn cứ"),
            _("Số căn cứ"),
            _("Tối đa"),
            _("Đã khen thưởng"),
            _("Mức sử dụng (%)"),
        ],
        note=_(
            "Tối đa = tỷ lệ × số danh hiệu làm căn cứ, làm tròn xuống. Từ năm 2024 pháp luật không quy định tỷ lệ; "
            "tỷ lệ do tỉnh cấu hình (nếu có) chỉ để cảnh báo."
        ),
        has_total=False,
    )
    quota_keys: list[tuple[int, str]] = []
    for year in filters.years:
        rule_set = criteria_era(year, default_as_of(year), config)
        era = rule_set.era if rule_set else "E1"
        for code, base_code, key in QUOTA_RULES:
            pct = config.get(key, era)
            if pct is None:
                continue
            base = by_year_code[(year, base_code)]
            n = by_year_code[(year, code)]
            limit = int(Fraction(str(pct)) * base / 100)
            quota_keys.append((year, code))
            table.rows.append(
                [year, _code_name(code), float(pct), _code_name(base_code), base, limit, n, _pct(n, limit)]
            )
    table.chart = {
        "kind": "bar",
        "categories": [f"{year}\n{code}" for year, code in quota_keys],  # the contract's short code
        "series": [
            {"name": _("Tối đa"), "data": [r[5] for r in table.rows]},
            {"name": _("Đã khen thưởng"), "data": [r[6] for r in table.rows]},
        ],
    }
    return table


# ---------------------------------------------------------------- the page


def statistics(*, scope: Scope, filters: Filters) -> list[Table]:
    """Every section of the statistics page. Queries: awards 1, staff 1, registrations 1, nominations 1, targets 1,
    and the agency's rule configuration for the quotas — whatever the number of rows."""
    counts = award_counts(scope=scope, filters=filters)
    rows = row_units(scope, filters.unit)
    staff = staff_counts(scope=scope, filters=filters, rows=rows)
    return [
        awards_by_year_level(counts, filters),
        awards_by_unit(counts, staff, scope=scope, filters=filters, rows=rows),
        registrations_vs_awards(scope=scope, filters=filters),
        nominations_vs_decided(scope=scope, filters=filters),
        targets_reached(scope=scope, filters=filters),
        quota_use(counts, scope=scope, filters=filters),
    ]


def _pct(part: int, whole: int) -> float | None:
    return round(part * 100 / whole, 1) if whole else None


def _code_name(code: str) -> str:
    return str(AwardCode(code).label) if code in AwardCode.values else code


def _code_rank(code: str) -> int:
    return AwardCode.values.index(code) if code in AwardCode.values else len(AwardCode.values)


def _sum_by_year(
    rows: Sequence[Mapping[str, Any]], year_key: str, keys: tuple[str, ...], years: list[int]
) -> dict[str, list[int]]:
    sums: dict[str, dict[int, int]] = {key: defaultdict(int) for key in keys}
    for row in rows:
        for key in keys:
            sums[key][row[year_key]] += row[key]
    return {key: [sums[key][y] for y in years] for key in keys}
