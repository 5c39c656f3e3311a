"""Fairness indicators (chỉ số công bằng): who receives awards against who makes up the staff (issue 15).

The seed letter asks that commendation reach small collectives and "công chức, viên chức chuyên môn". Each
indicator compares a group's share of the awards with its share of the staff (or of the collectives) and warns
when the first falls below the second by more than `fairness.margin_pct` percentage points.

Definitions shared by every figure (docs/fairness.md):

- Staff of a unit in a year (`staff_in`): the people with an assignment in the unit's subtree overlapping the year,
  except those who retired (or left) before the year began. Over several years, staff are counted in person-years.
- A person's place in a year: their last post in the subtree overlapping the year (the latest start), as the award
  registry's "unit in the award's year"; it gives the leadership post (indicator 1) and the unit (indicator 6).
- An award counts when it is active, of the years chosen, of the level or form chosen, and its person is staff of
  the unit in the award's year (a collective's award: the collective lies in the unit's subtree).

The arithmetic is pure (`shares_compare`, `unit_shares`); the reads are four grouped queries whatever the size of
the unit (`fairness_report`).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from thidua.accounts.models import Role
from thidua.commendations.models import AwardRecord, AwardStatus
from thidua.commendations.selectors import LEVEL_OF_CODE
from thidua.core.codes import AwardCode
from thidua.organizations.models import Assignment, Organization, Person
from thidua.rules.services import rule_config_for

KINH = "01"  # thidua/organizations/ethnicities.py: the statistical code of the Kinh majority
LDTT = "LDTT"  # given to everyone meeting the standard, so not counted as a repeat award

NON_LEADERSHIP, SMALL_COLLECTIVES, WOMEN, MINORITY, REPEAT, UNITS = (
    "chuyen-mon",
    "tap-the-nho",
    "nu",
    "dan-toc-thieu-so",
    "lap-lai",
    "don-vi",
)
KEYS = (NON_LEADERSHIP, SMALL_COLLECTIVES, WOMEN, MINORITY, REPEAT, UNITS)
# Who reads the indicators: the standing office, the Director (signer), administrators; unit heads their units.
FAIRNESS_ROLES = (Role.ADMIN, Role.OFFICER, Role.SIGNER, Role.UNIT_HEAD)


# ---------------------------------------------------------------- the pure arithmetic


@dataclass(frozen=True)
class Shares:
    """A group's share of the awards against its share of the staff; `gap` in percentage points (staff − awards)."""

    share_awards: float | None
    share_staff: float | None
    gap: float | None
    warning: bool

    @property
    def pct_awards(self) -> float | None:
        return None if self.share_awards is None else self.share_awards * 100

    @property
    def pct_staff(self) -> float | None:
        return None if self.share_staff is None else self.share_staff * 100


def _ratio(part: int, whole: int) -> float | None:
    if whole <= 0:
        return None
    return min(1.0, max(0.0, part / whole))


def shares_compare(
    *, group_awards: int, awards: int, group_staff: int, staff: int, margin_pct: float
) -> Shares:
    """The group's shares and whether to warn: the share of awards is below the share of staff by more than
    `margin_pct` points. No awards (or no staff) gives no share and no warning."""
    share_awards = _ratio(group_awards, awards)
    share_staff = _ratio(group_staff, staff)
    if share_awards is None or share_staff is None:
        return Shares(share_awards, share_staff, None, False)
    gap = round((share_staff - share_awards) * 100, 6)
    return Shares(share_awards, share_staff, gap, gap > margin_pct)


def unit_shares[K](staff: Mapping[K, int], awards: Mapping[K, int], *, margin_pct: float) -> dict[K, Shares]:
    """Each unit's share of the awards against its share of the staff (`shares_compare` per unit)."""
    total_staff = sum(staff.values())
    total_awards = sum(awards.values())
    return {
        key: shares_compare(
            group_awards=awards.get(key, 0),
            awards=total_awards,
            group_staff=staff.get(key, 0),
            staff=total_staff,
            margin_pct=margin_pct,
        )
        for key in sorted({*staff, *awards}, key=repr)
    }


# ---------------------------------------------------------------- staff


def _staff_assignments(unit: Organization, first: int, last: int) -> QuerySet[Assignment]:
    """Assignments in `unit`'s subtree overlapping the years `first`–`last`."""
    return Assignment.objects.filter(
        unit.subtree_q("organization__"), start_on__lte=dt.date(last, 12, 31)
    ).filter(Q(end_on__isnull=True) | Q(end_on__gte=dt.date(first, 1, 1)))


def staff_in(unit: Organization, year: int) -> QuerySet[Person]:
    """The staff of `unit` (its subtree) in `year`: people with an assignment there overlapping the year, except
    those retired before the year began. The one definition of staff of the fairness indicators."""
    people = _staff_assignments(unit, year, year).values("person_id")
    return Person.objects.filter(pk__in=people).filter(
        Q(retired_on__isnull=True) | Q(retired_on__gte=dt.date(year, 1, 1))
    )


@dataclass(frozen=True)
class Place:
    """A person's place in a year: their last post in the subtree overlapping the year."""

    person_id: int
    year: int
    organization_id: int
    path: str
    leadership: bool
    woman: bool
    ethnicity: str | None  # the statistical code, None when not recorded
    sort_key: str


def staff_places(unit: Organization, first: int, last: int) -> dict[tuple[int, int], Place]:
    """(person id, year) → place, for every staff person-year of `unit` in `first`–`last` (one query)."""
    rows = _staff_assignments(unit, first, last).values_list(
        "id",
        "person_id",
        "organization_id",
        "organization__path",
        "position__is_leadership",
        "start_on",
        "end_on",
        "person__sex",
        "person__ethnicity__code",
        "person__retired_on",
        "person__sort_key",
    )
    best: dict[tuple[int, int], tuple[tuple[dt.date, int], Place]] = {}
    for pk, person_id, org_id, path, lead, start, end, sex, eth, retired, sort_key in rows:
        for year in range(max(first, start.year), min(last, end.year if end else last) + 1):
            if retired is not None and retired < dt.date(year, 1, 1):
                continue
            order = (start, pk)
            key = (person_id, year)
            if key not in best or best[key][0] < order:
                best[key] = (
                    order,
                    Place(person_id, year, org_id, path, bool(lead), sex == "F", eth, sort_key),
                )
    return {key: place for key, (_order, place) in best.items()}


# ---------------------------------------------------------------- the report


@dataclass(frozen=True)
class Filters:
    year_from: int
    year_to: int
    level: str = ""
    code: str = ""

    def codes_allowed(self, code: str) -> bool:
        return (not self.code or code == self.code) and (
            not self.level or LEVEL_OF_CODE.get(code) == self.level
        )

    def query(self, unit: Organization | None) -> dict[str, Any]:
        params: dict[str, Any] = {"year_from": self.year_from, "year_to": self.year_to}
        if unit is not None:
            params["unit"] = unit.pk
        if self.level:
            params["level"] = self.level
        if self.code:
            params["code"] = self.code
        return params


@dataclass(frozen=True)
class UnitRow:
    """A row of indicator 6: a unit (or the root's own staff) with its counts and shares."""

    organization: Organization
    direct: bool  # the root's own staff, not those of a sub-unit
    staff: int
    awards: int
    shares: Shares


@dataclass(frozen=True)
class Indicator:
    key: str
    label: str
    share_awards: float | None
    share_staff: float | None
    warning: bool
    definition: str
    drilldown_url: str
    formula: str = ""
    group_awards: int = 0
    awards: int = 0
    group_staff: int = 0
    staff: int = 0
    gap: float | None = None
    margin: float = 0
    to_verify: bool = False
    note: str = ""
    rows: tuple[UnitRow, ...] = ()
    group: str = ""  # the group the shares are of, in words

    @property
    def pct_awards(self) -> float | None:
        return None if self.share_awards is None else self.share_awards * 100

    @property
    def pct_staff(self) -> float | None:
        return None if self.share_staff is None else self.share_staff * 100


@dataclass
class Report:
    """Everything the page and the drill-downs read, computed once."""

    root: Organization
    filters: Filters
    margin: float
    small_size: int
    repeat_years: int
    to_verify: dict[str, bool]
    places: dict[tuple[int, int], Place]
    # (person id, year, code) of the counted individual awards
    person_awards: list[tuple[int, int, str]]
    repeat_awards: set[tuple[int, int, str]]
    previously_awarded: set[tuple[int, int]]  # staff person-years with a non-LĐTT award in the years before
    collectives: dict[int, Organization]  # the units of the subtree that existed during the period
    units: dict[int, Organization]  # every unit of the subtree
    sizes: dict[tuple[int, int], int]  # (organization id, year) → staff in its subtree
    collective_awards: list[tuple[int, int, str]]  # (organization id, year, code)
    indicators: list[Indicator] = field(default_factory=list)

    def small(self, org_id: int, year: int) -> bool:
        return 0 < self.sizes.get((org_id, year), 0) <= self.small_size

    def group_of(self, key: str):
        """The person-year predicate of a person indicator."""
        return {
            NON_LEADERSHIP: lambda p: not p.leadership,
            WOMEN: lambda p: p.woman,
            MINORITY: lambda p: p.ethnicity is not None and p.ethnicity != KINH,
            REPEAT: lambda p: (p.person_id, p.year) not in self.previously_awarded,
        }[key]

    def child_of(self, path: str) -> int:
        """The id of the root's child whose subtree holds `path` (the root's own id for its direct staff)."""
        rest = path[len(self.root.path) :].strip("/")
        return int(rest.split("/")[0]) if rest else self.root.pk


def fairness_report(*, root: Organization, filters: Filters, agency: Organization | None = None) -> Report:
    """The figures of `root`'s subtree for the filters, in four grouped queries (plus the configuration's)."""
    config = rule_config_for(organization=agency or root)
    margin = float(config.get("fairness.margin_pct") or 0)
    small_size = int(config.get("fairness.small_collective_size") or 0)
    repeat_years = int(config.get("fairness.repeat_years") or 0)
    to_verify = {
        key: config.to_verify(f"fairness.{key}")
        for key in ("margin_pct", "small_collective_size", "repeat_years")
    }
    first, last = filters.year_from, filters.year_to
    places = staff_places(root, first, last)

    # Individual awards of the period (and the years before, for repeats) of anyone who held a post there.
    people = _staff_assignments(root, first, last).values("person_id")
    person_awards: list[tuple[int, int, str]] = []
    earlier: dict[int, set[int]] = defaultdict(set)  # person → years with a non-LĐTT individual award
    for person_id, year, code in AwardRecord.objects.filter(
        status=AwardStatus.ACTIVE,
        person_id__in=people,
        year__gte=first - repeat_years,
        year__lte=last,
    ).values_list("person_id", "year", "code"):
        if code != LDTT:
            earlier[person_id].add(year)
        if year >= first and (person_id, year) in places and filters.codes_allowed(code):
            person_awards.append((person_id, year, code))

    def had_before(person_id: int, year: int) -> bool:
        return any(year - repeat_years <= y < year for y in earlier.get(person_id, ()))

    previously_awarded = {key for key in places if had_before(*key)}
    repeat_awards = {a for a in person_awards if a[2] != LDTT and had_before(a[0], a[1])}

    units = {org.pk: org for org in Organization.objects.filter(root.subtree_q()).select_related("parent")}
    collectives = {
        pk: org
        for pk, org in units.items()
        if org.valid_from <= dt.date(last, 12, 31)
        and (org.valid_to is None or org.valid_to >= dt.date(first, 1, 1))
    }
    sizes: Counter[tuple[int, int]] = Counter()
    for place in places.values():
        for pk in place.path.strip("/").split("/"):
            if int(pk) in collectives:
                sizes[(int(pk), place.year)] += 1
    collective_awards = [
        (org_id, year, code)
        for org_id, year, code in AwardRecord.objects.filter(
            root.subtree_q("organization__"),
            status=AwardStatus.ACTIVE,
            year__gte=first,
            year__lte=last,
        ).values_list("organization_id", "year", "code")
        if filters.codes_allowed(code) and org_id in collectives
    ]
    report = Report(
        root=root,
        filters=filters,
        margin=margin,
        small_size=small_size,
        repeat_years=repeat_years,
        to_verify=to_verify,
        places=places,
        person_awards=person_awards,
        repeat_awards=repeat_awards,
        previously_awarded=previously_awarded,
        collectives=collectives,
        units=units,
        sizes=dict(sizes),
        collective_awards=collective_awards,
    )
    report.indicators = _indicators(report, agency=agency)
    return report


def _url(key: str, report: Report, agency: Organization | None) -> str:
    return f"{reverse('reports:fairness_detail', args=[key])}?{urlencode(report.filters.query(report.root))}"


def _person_indicator(report: Report, key: str, *, repeat: bool = False) -> tuple[Shares, dict[str, int]]:
    member = report.group_of(key)
    awards = [a for a in report.person_awards if not repeat or a[2] != LDTT]
    if repeat:
        group_awards = sum(1 for a in awards if a not in report.repeat_awards)
    else:
        group_awards = sum(1 for a in awards if member(report.places[(a[0], a[1])]))
    places: list[Place] = list(report.places.values())
    if key == MINORITY:  # people whose ethnicity is not recorded are left out of this indicator
        places = [p for p in places if p.ethnicity is not None]
        awards = [a for a in awards if report.places[(a[0], a[1])].ethnicity is not None]
    group_staff = sum(1 for p in places if member(p))
    counts = {
        "group_awards": group_awards,
        "awards": len(awards),
        "group_staff": group_staff,
        "staff": len(places),
    }
    return shares_compare(**counts, margin_pct=report.margin), counts


def collective_counts(report: Report) -> dict[str, int]:
    """Indicator 2's counts: collective-years of known size (someone on the staff) and their awards."""
    known = [key for key, size in report.sizes.items() if size > 0]
    awards = [a for a in report.collective_awards if report.sizes.get((a[0], a[1]), 0) > 0]
    return {
        "group_awards": sum(1 for a in awards if report.small(a[0], a[1])),
        "awards": len(awards),
        "group_staff": sum(1 for org_id, year in known if report.small(org_id, year)),
        "staff": len(known),
    }


def unit_rows(report: Report) -> list[UnitRow]:
    """Indicator 6: each child unit of the root (and the root's own staff) with its share of the individual
    awards against its share of the staff, person-years over the period."""
    staff = Counter(report.child_of(p.path) for p in report.places.values())
    awards = Counter(report.child_of(report.places[(a[0], a[1])].path) for a in report.person_awards)
    shares = unit_shares(staff, awards, margin_pct=report.margin)
    rows = [
        UnitRow(report.units.get(pk, report.root), pk == report.root.pk, staff[pk], awards[pk], s)
        for pk, s in shares.items()
    ]
    return sorted(rows, key=lambda r: (not r.direct, r.organization.sort_key, r.organization.pk))


def _indicators(report: Report, *, agency: Organization | None) -> list[Indicator]:
    margin, verify = report.margin, report.to_verify
    people_formula = _(
        "Tỷ lệ khen thưởng = số lượt khen thưởng cá nhân cho nhóm ÷ tổng số lượt khen thưởng cá nhân; tỷ lệ cán "
        "bộ = số cán bộ thuộc nhóm ÷ tổng số cán bộ (tính theo người-năm); cảnh báo khi tỷ lệ khen thưởng thấp hơn "
        "tỷ lệ cán bộ quá %(margin)s điểm phần trăm."
    ) % {"margin": _number(margin)}
    specs: list[tuple[str, str, str, str]] = [
        (
            NON_LEADERSHIP,
            _("Công chức, viên chức chuyên môn (không giữ chức vụ lãnh đạo, quản lý)"),
            _(
                "Người không giữ chức vụ lãnh đạo, quản lý ở vị trí công tác cuối cùng của họ trong năm thành tích "
                "(chức vụ không phải là chức vụ lãnh đạo, quản lý)."
            ),
            people_formula,
        ),
        (
            WOMEN,
            _("Nữ"),
            _("Cán bộ có giới tính nữ."),
            people_formula,
        ),
        (
            MINORITY,
            _("Người dân tộc thiểu số"),
            _(
                "Cán bộ có dân tộc khác dân tộc Kinh (danh mục 54 dân tộc của Tổng cục Thống kê); người chưa ghi "
                "dân tộc không được tính ở cả tử số và mẫu số."
            ),
            people_formula,
        ),
    ]
    result: list[Indicator] = []
    groups = {
        NON_LEADERSHIP: _("Người không giữ chức vụ lãnh đạo, quản lý"),
        WOMEN: _("Nữ"),
        MINORITY: _("Người dân tộc thiểu số"),
    }
    for key, label, definition, formula in specs:
        shares, counts = _person_indicator(report, key)
        result.append(
            _make(
                report,
                agency,
                key,
                label,
                definition,
                formula,
                shares,
                counts,
                verify["margin_pct"],
                group=groups[key],
            )
        )

    counts = collective_counts(report)
    shares = shares_compare(**counts, margin_pct=margin)
    unknown = sum(1 for org, y in _collective_years(report) if (org.pk, y) not in report.sizes)
    result.insert(
        1,
        _make(
            report,
            agency,
            SMALL_COLLECTIVES,
            _("Tập thể nhỏ"),
            _(
                "Tập thể (đơn vị trong phạm vi, kể cả chính đơn vị được chọn) có số cán bộ trong năm không quá "
                "%(size)s người; đơn vị chưa có cán bộ nào trong năm không được tính."
            )
            % {"size": report.small_size},
            _(
                "Tỷ lệ khen thưởng = số lượt khen thưởng tập thể cho tập thể nhỏ ÷ tổng số lượt khen thưởng tập thể; "
                "tỷ lệ tập thể = số tập thể nhỏ ÷ tổng số tập thể (tính theo tập thể-năm); cảnh báo khi tỷ lệ khen "
                "thưởng thấp hơn tỷ lệ tập thể quá %(margin)s điểm phần trăm."
            )
            % {"margin": _number(margin)},
            shares,
            counts,
            verify["margin_pct"] or verify["small_collective_size"],
            note=_("%(n)s đơn vị-năm chưa có cán bộ, không tính.") % {"n": unknown} if unknown else "",
            group=_("Tập thể có không quá %(size)s người") % {"size": report.small_size},
        ),
    )

    shares, counts = _person_indicator(report, REPEAT, repeat=True)
    awarded = Counter(a[0] for a in report.person_awards if a[2] != LDTT)
    result.append(
        _make(
            report,
            agency,
            REPEAT,
            _("Khen thưởng lặp lại cho cùng người"),
            _(
                "Một lượt khen thưởng cá nhân (trừ Lao động tiên tiến) là lặp lại khi người đó đã được khen thưởng "
                "cá nhân (trừ Lao động tiên tiến) trong %(n)s năm liền trước năm thành tích. Nhóm so sánh: người "
                "chưa được khen thưởng trong %(n)s năm trước."
            )
            % {"n": report.repeat_years},
            _(
                "Tỷ lệ khen thưởng = số lượt khen thưởng không lặp lại ÷ tổng số lượt (trừ Lao động tiên tiến); tỷ lệ "
                "cán bộ = số cán bộ chưa được khen thưởng trong %(n)s năm trước ÷ tổng số cán bộ (người-năm); cảnh "
                "báo khi tỷ lệ khen thưởng thấp hơn tỷ lệ cán bộ quá %(margin)s điểm phần trăm."
            )
            % {"n": report.repeat_years, "margin": _number(margin)},
            shares,
            counts,
            verify["margin_pct"] or verify["repeat_years"],
            group=_("Người chưa được khen thưởng trong %(n)s năm trước") % {"n": report.repeat_years},
            note=_("%(repeat)s lượt lặp lại; %(many)s trong %(people)s người được khen có từ 2 lượt trở lên.")
            % {
                "repeat": len(report.repeat_awards),
                "many": sum(1 for n in awarded.values() if n >= 2),
                "people": len(awarded),
            },
        ),
    )

    rows = unit_rows(report)
    flagged = [r for r in rows if r.shares.warning]
    result.append(
        Indicator(
            key=UNITS,
            label=_("Khen thưởng theo đơn vị so với số cán bộ"),
            share_awards=None,
            share_staff=None,
            warning=bool(flagged),
            definition=_(
                "Mỗi đơn vị trực thuộc (và cán bộ trực tiếp của đơn vị được chọn): tỷ lệ số lượt khen thưởng cá "
                "nhân của đơn vị trên tổng số, so với tỷ lệ số cán bộ của đơn vị trên tổng số."
            ),
            drilldown_url=_url(UNITS, report, agency),
            formula=_(
                "Tỷ lệ khen thưởng của đơn vị = số lượt khen thưởng cá nhân của cán bộ đơn vị ÷ tổng số lượt; tỷ lệ "
                "cán bộ = số cán bộ của đơn vị ÷ tổng số cán bộ (người-năm); đơn vị bị đánh dấu khi tỷ lệ khen "
                "thưởng thấp hơn tỷ lệ cán bộ quá %(margin)s điểm phần trăm."
            )
            % {"margin": _number(margin)},
            awards=len(report.person_awards),
            staff=len(report.places),
            margin=margin,
            to_verify=verify["margin_pct"],
            note=_("%(n)s trong %(total)s đơn vị thấp hơn tỷ lệ cán bộ.")
            % {"n": len(flagged), "total": len(rows)},
            rows=tuple(rows),
            group=_("Từng đơn vị trực thuộc"),
        )
    )
    return result


def _collective_years(report: Report) -> list[tuple[Organization, int]]:
    """Each unit of the subtree with each year of the period in which it existed for at least a day."""
    return [
        (org, year)
        for org in report.collectives.values()
        for year in range(report.filters.year_from, report.filters.year_to + 1)
        if org.valid_from <= dt.date(year, 12, 31)
        and (org.valid_to is None or org.valid_to >= dt.date(year, 1, 1))
    ]


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value).replace(".", ",")


def _make(
    report: Report,
    agency: Organization | None,
    key: str,
    label: str,
    definition: str,
    formula: str,
    shares: Shares,
    counts: Mapping[str, int],
    to_verify: bool,
    note: str = "",
    group: str = "",
) -> Indicator:
    return Indicator(
        key=key,
        label=label,
        share_awards=shares.share_awards,
        share_staff=shares.share_staff,
        warning=shares.warning,
        definition=definition,
        drilldown_url=_url(key, report, agency),
        formula=formula,
        gap=shares.gap,
        margin=report.margin,
        to_verify=to_verify,
        note=note,
        group=group,
        group_awards=counts["group_awards"],
        awards=counts["awards"],
        group_staff=counts["group_staff"],
        staff=counts["staff"],
    )


def indicators(*, agency: Organization, year: int, unit: Organization | None = None) -> list[Indicator]:
    """The fairness indicators of `agency` (or one `unit` of it) for `year`, every level and form."""
    root = unit or agency
    return fairness_report(root=root, filters=Filters(year, year), agency=agency).indicators


def person_rows(report: Report, key: str) -> list[dict[str, Any]]:
    """The people behind a person indicator: the group's staff in the period, by given name (Vietnamese
    collation), each with the counted awards (for the repeat indicator: everyone with a counted award, each award
    marked when it repeats)."""
    by_person: dict[int, list[Place]] = defaultdict(list)
    awards: dict[int, list[tuple[int, str, bool]]] = defaultdict(list)
    if key == REPEAT:
        for a in report.person_awards:
            if a[2] != LDTT:
                awards[a[0]].append((a[1], a[2], a in report.repeat_awards))
        for (person_id, _year), place in report.places.items():
            if person_id in awards:
                by_person[person_id].append(place)
    else:
        member = report.group_of(key)
        for place in report.places.values():
            if member(place):
                by_person[place.person_id].append(place)
        for a in report.person_awards:
            if (a[0], a[1]) in report.places and member(report.places[(a[0], a[1])]):
                awards[a[0]].append((a[1], a[2], False))
    rows = []
    for person_id, places in by_person.items():
        last = max(places, key=lambda p: p.year)
        rows.append(
            {
                "person_id": person_id,
                "sort_key": last.sort_key,
                "organization_id": last.organization_id,
                "years": len(places),
                "awards": sorted(awards.get(person_id, []), reverse=True),
            }
        )
    return sorted(rows, key=lambda r: (r["sort_key"], r["person_id"]))


def collective_rows(report: Report) -> list[dict[str, Any]]:
    """The collectives behind indicator 2: each unit and year with its staff, whether small, and its awards."""
    awards: dict[tuple[int, int], list[str]] = defaultdict(list)
    for org_id, year, code in report.collective_awards:
        awards[(org_id, year)].append(code)
    rows = [
        {
            "organization": org,
            "year": year,
            "size": report.sizes.get((org.pk, year), 0),
            "small": report.small(org.pk, year),
            "awards": award_labels(sorted(awards.get((org.pk, year), []))),
        }
        for org, year in _collective_years(report)
    ]
    return sorted(rows, key=lambda r: (r["organization"].sort_key, r["organization"].pk, r["year"]))


def award_labels(codes: Iterable[str]) -> list[str]:
    names = dict(AwardCode.choices)
    return [str(names.get(code, code)) for code in codes]
