"""The statutory statistical forms of emulation and commendation (biểu mẫu báo cáo thống kê ngành Nội vụ, lĩnh vực
thi đua, khen thưởng) as data: the circulars and the years they govern, each form's rows and columns, the
reporting period, and the selectors that fill a form for an agency in a few grouped queries.

Sources and what is unconfirmed: docs/statistics-forms.md. The layouts are those a vendor's templates reproduce,
not the annex itself; a cell the data model cannot fill is None ("chưa có dữ liệu") and explained in the notes,
never guessed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import BooleanField, Count, Exists, ExpressionWrapper, OuterRef, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.accounts.models import Role, RoleGrant
from thidua.accounts.scope import managed_organizations
from thidua.clusters.models import Covenant
from thidua.commendations.models import AwardStatus
from thidua.commendations.selectors import AwardFilters, award_list_visible_to
from thidua.core.codes import AwardTrack
from thidua.movements.models import Movement, MovementKind, MovementLevel, MovementStatus
from thidua.organizations.models import Assignment, Organization, OrganizationKind, Person, Sex

# ---------------------------------------------------------------- circulars and the reporting period


@dataclass(frozen=True)
class Circular:
    """A statistics circular of the Ministry of Home Affairs and the reporting years it governs here."""

    key: str
    name: str
    issued: str
    first_year: int
    last_year: int | None
    tdkt_window: bool  # the TĐKT field's year runs 01/12 of the previous year to 30/11


TT_03_2018 = Circular("tt03-2018", "Thông tư số 03/2018/TT-BNV", "06/3/2018", 2018, 2021, tdkt_window=False)
TT_02_2023 = Circular("tt02-2023", "Thông tư số 02/2023/TT-BNV", "23/3/2023", 2022, None, tdkt_window=True)
CIRCULARS = (TT_03_2018, TT_02_2023)
FIRST_YEAR = TT_03_2018.first_year
# TT 18/2025/TT-BNV (08/10/2025) probably replaces TT 02/2023; its forms were not readable (docs).
PENDING_FROM_YEAR = 2025


def circular_for(year: int) -> Circular:
    """The circular whose forms report `year`: TT 02/2023 applies from the 2022 reporting year (niên độ 2022)
    on, TT 03/2018 before."""
    for circular in reversed(CIRCULARS):
        if year >= circular.first_year:
            return circular
    return TT_03_2018


@dataclass(frozen=True)
class Period:
    year: int
    start: date
    end: date
    circular: Circular

    @property
    def label(self) -> str:
        return _("Năm %(year)s (từ ngày %(start)s đến ngày %(end)s)") % {
            "year": self.year,
            "start": self.start.strftime("%d/%m/%Y"),
            "end": self.end.strftime("%d/%m/%Y"),
        }


def reporting_period(year: int) -> Period:
    """The statistical year: under TT 02/2023 the TĐKT field reports 01/12 of the previous year to 30/11 of the
    year; under TT 03/2018 (period not read) the calendar year."""
    circular = circular_for(year)
    if circular.tdkt_window:
        return Period(year, date(year - 1, 12, 1), date(year, 11, 30), circular)
    return Period(year, date(year, 1, 1), date(year, 12, 31), circular)


# ---------------------------------------------------------------- the forms as data


@dataclass(frozen=True)
class Column:
    key: str  # the number printed under the header ("1", "2", ...)
    label: Any
    group: Any = ""  # a header spanning the adjacent columns with the same group


@dataclass(frozen=True)
class Row:
    key: str  # what the row counts (the fillers' vocabulary); "" for a heading
    code: str  # the printed code (Mã số)
    label: Any
    unit: Any = ""  # Đơn vị tính
    heading: bool = False


def heading(label: Any) -> Row:
    return Row("", "", label, heading=True)


@dataclass(frozen=True)
class Form:
    number: str  # "0601"
    circular: Circular
    title: Any
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    filler: str  # "movements", "state_awards", "agency_awards", "organisations", "staff"
    unit_line: Any = ""  # "Đơn vị tính: ..." above the table
    unit_column: bool = False  # column C "Đơn vị tính"
    total_formula: str = ""  # printed under Tổng số, e.g. "1=(2+3+4)"

    @property
    def symbol(self) -> str:
        return f"{self.number}.N/BNV-TĐKT"

    @property
    def data_rows(self) -> list[Row]:
        return [row for row in self.rows if not row.heading]


_L = gettext_lazy

MOVEMENT_GROUP = _L("Số phong trào thi đua chia theo cấp chủ trì phát động thi đua")
COL_CENTRAL = _L("Cấp Trung ương (Hội đồng Thi đua - Khen thưởng Trung ương)")
COL_MINISTRY = _L("Cấp bộ, ban ngành đoàn thể trung ương, tỉnh, thành phố trực thuộc Trung ương")


def _movement_rows(*, newer: bool) -> tuple[Row, ...]:
    if newer:
        return (
            Row("total", "01", _L("Tổng số")),
            heading(_L("1. Chia theo phạm vi tổ chức thi đua")),
            Row("national", "02", _L("- Toàn quốc")),
            Row("province", "03", _L("- Bộ, ban, ngành đoàn thể, địa phương")),
            Row("bloc", "04", _L("- Cụm, khối thi đua do Hội đồng Thi đua - Khen thưởng các cấp tổ chức")),
            Row("agency", "05", _L("- Cơ quan, tổ chức, đơn vị")),
            heading(_L("2. Chia theo thời hạn thi đua")),
            Row("under_1", "06", _L("- Dưới 1 năm")),
            Row("one", "07", _L("- 1 năm")),
            Row("span_2", "08", _L("- Từ 1 năm đến dưới 3 năm")),
            Row("span_3_4", "09", _L("- Từ 3 năm đến dưới 5 năm")),
            Row("span_5", "10", _L("- Từ 5 năm trở lên")),
            heading(_L("3. Chia theo phương thức tổ chức phong trào thi đua")),
            Row("thematic", "11", _L("- Thi đua theo chuyên đề")),
            Row("regular", "12", _L("- Thi đua thường xuyên hàng năm")),
        )
    return (
        Row("total", "01", _L("Tổng số")),
        heading(_L("1. Chia theo phạm vi đối tượng thi đua")),
        Row("national", "02", _L("- Toàn quốc")),
        Row(
            "province",
            "03",
            _L("- Bộ, ban, ngành đoàn thể trung ương, tỉnh, thành phố trực thuộc Trung ương"),
        ),
        heading(_L("2. Chia theo thời hạn thi đua")),
        Row("under_1", "06", _L("- Dưới 1 năm")),
        Row("one", "07", _L("- 1 năm")),
        Row("span_2", "08", _L("- Từ 1 năm đến dưới 3 năm")),
        Row("span_3", "09", _L("- Từ 3 năm trở lên")),
        heading(_L("3. Chia theo phương thức tổ chức phong trào thi đua")),
        Row("thematic", "10", _L("- Thi đua theo chuyên đề")),
        Row("regular", "11", _L("- Thi đua thường xuyên hàng năm")),
    )


def _award_rows(*, codes: list[str], method_group: Any, state: bool) -> tuple[Row, ...]:
    """The recipient classification and the award methods of 0602/0603 (0702/0703); `codes` prints the row
    codes in order (0602 has the submitting bodies first and prints no leading zero)."""
    subject = [
        heading(_L("Chia theo đối tượng khen thưởng")),
        Row("collective", "", _L("- Tập thể"), _L("Tập thể")),
        Row("enterprise", "", _L("Trong đó: Doanh nghiệp"), _L("Doanh nghiệp")),
        Row("household", "", _L("- Hộ gia đình"), _L("Hộ")),
        Row("person", "", _L("- Cá nhân"), _L("Người")),
        Row("lead_ministry", "", _L("+ Lãnh đạo cấp bộ, cấp tỉnh và tương đương trở lên"), _L("Người")),
        Row("lead_department", "", _L("+ Lãnh đạo cấp vụ, sở, ngành và tương đương"), _L("Người")),
        Row("businessperson", "", _L("+ Doanh nhân"), _L("Người")),
        Row("lead_other", "", _L("+ Các cấp lãnh đạo khác từ phó phòng trở lên"), _L("Người")),
        Row(
            "direct",
            "",
            _L(
                "+ Người trực tiếp công tác, lao động, học tập, chiến đấu và phục vụ chiến đấu "
                "(công nhân, nông dân,...)"
            ),
            _L("Người"),
        ),
        heading(method_group),
        Row("track_regular", "", _L("- Thường xuyên")),
        Row("track_chuyen_de", "", _L("- Chuyên đề")),
        Row("track_dot_xuat", "", _L("- Đột xuất")),
        Row("track_doi_ngoai", "", _L("- Đối ngoại")),
        Row("track_cong_hien", "", _L("- Cống hiến")),
        Row("track_nien_han", "", _L("- Niên hạn")),
        Row("track_khang_chien", "", _L("- Kháng chiến")),
    ]
    rows: list[Row] = [Row("total", "", _L("Tổng số"))]
    if state:  # the State-level forms: who submitted the proposal to the Prime Minister
        rows += [
            heading(_L("1. Chia theo đơn vị ban hành tờ trình Thủ tướng Chính phủ về khen thưởng")),
            Row("submit_ministry", "", _L("- Bộ, ban, ngành, đoàn thể Trung ương"), _L("Bộ, ngành")),
            Row("submit_province", "", _L("- Tỉnh, thành phố trực thuộc Trung ương"), _L("Tỉnh, TP")),
        ]
        subject[0] = heading(_L("2. Chia theo đối tượng khen thưởng"))
    else:
        subject[0] = heading(_L("1. Chia theo đối tượng khen thưởng"))
    rows += subject
    numbered = iter(codes)
    return tuple(
        row if row.heading else Row(row.key, next(numbered), row.label, row.unit, row.heading) for row in rows
    )


STATE_COLUMNS = (
    Column("1", _L("Tổng số")),
    Column("2", _L("Các loại huân chương, huy chương"), _L("Chia ra")),
    Column("3", _L("Giải thưởng Hồ Chí Minh"), _L("Chia ra")),
    Column("4", _L("Giải thưởng Nhà nước"), _L("Chia ra")),
    Column("5", _L("Danh hiệu vinh dự nhà nước"), _L("Chia ra")),
    Column("6", _L("Cờ thi đua của Chính phủ"), _L("Chia ra")),
    Column("7", _L("Bằng khen của Thủ tướng Chính phủ"), _L("Chia ra")),
    Column("8", _L("Chiến sĩ thi đua Toàn quốc"), _L("Chia ra")),
    Column("9", _L("Các hình thức khen thưởng khác"), _L("Chia ra")),
)
AGENCY_COLUMNS = (
    Column("1", _L("Tổng số")),
    Column("2", _L("Bằng khen"), _L("Chia ra")),
    Column("3", _L("Chiến sĩ thi đua cấp bộ, cấp tỉnh"), _L("Chia ra")),
    Column(
        "4",
        _L("Cờ thi đua của bộ, ban, ngành, đoàn thể Trung ương, tỉnh, thành phố trực thuộc Trung ương"),
        _L("Chia ra"),
    ),
    Column(
        "5",
        _L(
            "Huy hiệu (kỷ niệm chương) của bộ, ban, ngành, đoàn thể Trung ương, tỉnh, thành phố trực thuộc Trung ương"
        ),
        _L("Chia ra"),
    ),
)
# The registry's codes counted in each column; a column without codes cannot be filled (None).
STATE_COLUMN_CODES: dict[str, tuple[str, ...]] = {
    "2": ("HCLD_1", "HCLD_2", "HCLD_3"),
    "6": ("CO_CHINH_PHU",),
    "7": ("BANG_KHEN_TTG",),
    "8": ("CSTD_TOAN_QUOC",),
}
AGENCY_COLUMN_CODES: dict[str, tuple[str, ...]] = {
    "2": ("BANG_KHEN_TINH",),
    "3": ("CSTD_TINH",),
    "4": ("CO_TINH",),
}
TRACK_ROWS: dict[str, str] = {
    AwardTrack.CONG_TRANG: "track_regular",
    AwardTrack.CHUYEN_DE: "track_chuyen_de",
    AwardTrack.DOT_XUAT: "track_dot_xuat",
    AwardTrack.DOI_NGOAI: "track_doi_ngoai",
    AwardTrack.CONG_HIEN: "track_cong_hien",
    AwardTrack.NIEN_HAN: "track_nien_han",
}

STATE_TITLE = _L("SỐ LƯỢNG KHEN THƯỞNG CẤP NHÀ NƯỚC")
AGENCY_TITLE = _L(
    "SỐ LƯỢNG KHEN THƯỞNG CẤP BỘ, BAN, NGÀNH, ĐOÀN THỂ TRUNG ƯƠNG VÀ TỈNH, THÀNH PHỐ TRỰC THUỘC TRUNG ƯƠNG"
)
STATE_CODES = [str(n) for n in (1, 2, 3, *range(6, 22))]
AGENCY_CODES = [f"{n:02d}" for n in range(1, 18)]

FORMS: dict[str, Form] = {
    form.number: form
    for form in (
        Form(
            "0601",
            TT_02_2023,
            _L("SỐ PHONG TRÀO THI ĐUA"),
            (
                Column("1", _L("Tổng số")),
                Column("2", COL_CENTRAL, MOVEMENT_GROUP),
                Column("3", COL_MINISTRY, MOVEMENT_GROUP),
                Column("4", _L("Cơ quan, tổ chức, đơn vị"), MOVEMENT_GROUP),
            ),
            _movement_rows(newer=True),
            "movements",
            unit_line=_L("Đơn vị tính: Phong trào"),
            total_formula="1=(2+3+4)",
        ),
        Form(
            "0602",
            TT_02_2023,
            STATE_TITLE,
            STATE_COLUMNS,
            _award_rows(
                codes=STATE_CODES, method_group=_L("3. Chia theo phương thức khen thưởng"), state=True
            ),
            "state_awards",
            unit_column=True,
        ),
        Form(
            "0603",
            TT_02_2023,
            AGENCY_TITLE,
            AGENCY_COLUMNS,
            _award_rows(
                codes=AGENCY_CODES, method_group=_L("3. Chia theo phương thức khen thưởng"), state=False
            ),
            "agency_awards",
            unit_column=True,
        ),
        Form(
            "0604",
            TT_02_2023,
            _L(
                "SỐ LƯỢNG TỔ CHỨC LÀM CÔNG TÁC THI ĐUA, KHEN THƯỞNG CỦA BỘ, BAN, NGÀNH, ĐOÀN THỂ TRUNG ƯƠNG, "
                "TỈNH, THÀNH PHỐ TRỰC THUỘC TRUNG ƯƠNG"
            ),
            (Column("1", _L("Số lượng")),),
            (
                Row("total", "01", _L("Tổng số"), _L("Tổ chức")),
                heading(_L("Chia theo cơ cấu tổ chức bộ máy")),
                Row(
                    "ministry_dept", "02", _L("- Cấp Vụ thuộc bộ, ban, ngành, đoàn thể Trung ương"), _L("Vụ")
                ),
                Row("ministry_div", "03", _L("- Cấp phòng, ban hoặc bộ phận thuộc Vụ"), _L("Phòng")),
                Row("home_board", "04", _L("- Cấp ban thuộc Sở Nội vụ"), _L("Ban")),
                Row("home_div", "05", _L("- Cấp phòng thuộc Sở Nội vụ"), _L("Phòng")),
            ),
            "organisations",
            unit_column=True,
        ),
        Form(
            "0605",
            TT_02_2023,
            _L(
                "SỐ LƯỢNG CÔNG CHỨC LÀM CÔNG TÁC THI ĐUA, KHEN THƯỞNG CỦA BỘ, BAN, NGÀNH ĐOÀN THỂ TRUNG ƯƠNG, "
                "TỈNH, THÀNH PHỐ TRỰC THUỘC TRUNG ƯƠNG"
            ),
            (
                Column("1", _L("Tổng số"), _L("Số lượng (Người)")),
                Column("2", _L("Trong đó: Nữ"), _L("Số lượng (Người)")),
            ),
            (
                Row("total", "01", _L("Tổng số")),
                heading(_L("1. Chia theo độ tuổi")),
                Row("age_30", "02", _L("- Từ 30 trở xuống")),
                Row("age_40", "03", _L("- Từ 31 đến 40")),
                Row("age_50", "04", _L("- Từ 41 đến 50")),
                Row("age_55", "05", _L("- Từ 51 đến 55")),
                Row("age_60", "06", _L("- Từ 56 đến 60")),
                Row("age_over", "07", _L("- Trên 60 tuổi")),
                heading(_L("2. Chia theo trình độ đào tạo")),
                Row("edu_1", "08", _L("- Sơ cấp")),
                Row("edu_2", "09", _L("- Trung cấp")),
                Row("edu_3", "10", _L("- Cao đẳng")),
                Row("edu_4", "11", _L("- Đại học")),
                Row("edu_5", "12", _L("- Trên đại học")),
                heading(_L("3. Chia theo thâm niên công tác trong lĩnh vực thi đua, khen thưởng")),
                Row("years_5", "13", _L("- Dưới 5 năm")),
                Row("years_10", "14", _L("- Từ 5 đến 10 năm")),
                Row("years_more", "15", _L("- Từ 10 năm trở lên")),
            ),
            "staff",
        ),
        Form(
            "0701",
            TT_03_2018,
            _L("SỐ PHONG TRÀO THI ĐUA"),
            (
                Column("1", _L("Tổng số")),
                Column("2", COL_CENTRAL, MOVEMENT_GROUP),
                Column("3", COL_MINISTRY, MOVEMENT_GROUP),
            ),
            _movement_rows(newer=False),
            "movements",
            unit_line=_L("Đơn vị tính: Phong trào"),
            total_formula="1=(2+3)",
        ),
        Form(
            "0702",
            TT_03_2018,
            STATE_TITLE,
            STATE_COLUMNS,
            _award_rows(
                codes=[f"{n:02d}" for n in (1, 2, 3, *range(6, 22))],
                method_group=_L("3. Chia theo phương thức khen thưởng"),
                state=True,
            ),
            "state_awards",
            unit_column=True,
        ),
        Form(
            "0703",
            TT_03_2018,
            AGENCY_TITLE,
            AGENCY_COLUMNS,
            _award_rows(
                codes=AGENCY_CODES, method_group=_L("2. Chia theo phương thức khen thưởng"), state=False
            ),
            "agency_awards",
            unit_column=True,
        ),
    )
}


def forms_for_year(year: int) -> list[Form]:
    circular = circular_for(year)
    return [form for form in FORMS.values() if form.circular == circular]


# ---------------------------------------------------------------- the filled report


Cell = int | None  # None: the data model cannot fill the cell (chưa có dữ liệu)


@dataclass
class Report:
    form: Form
    agency: Organization
    period: Period
    cells: dict[tuple[str, str], Cell] = field(default_factory=dict)  # (row key, column key)
    notes: list[str] = field(default_factory=list)

    def value(self, row: str, column: str) -> Cell:
        return self.cells.get((row, column))

    @property
    def receiving_unit(self) -> str:
        """Unconfirmed (Phụ lục I not read): an agency sends its figures to its province, a province to the
        Ministry of Home Affairs."""
        parent = self.agency.parent
        if self.agency.kind != OrganizationKind.PROVINCE and parent is not None:
            return parent.name
        return _("Bộ Nội vụ (Ban Thi đua - Khen thưởng Trung ương)")

    @property
    def missing(self) -> bool:
        return any(value is None for value in self.cells.values())

    def table(self) -> list[tuple[Row, list[Cell]]]:
        """Each row with its cells in column order (a heading has no cells)."""
        keys = [column.key for column in self.form.columns]
        return [
            (row, [] if row.heading else [self.value(row.key, key) for key in keys]) for row in self.form.rows
        ]


def statutory_agencies(user: Any) -> Any:
    """The agencies (Sở, ban, ngành; the province) whose forms the user may make: those of its standing office."""
    return (
        managed_organizations(user, Role.OFFICER)
        .filter(kind__in=(OrganizationKind.AGENCY, OrganizationKind.PROVINCE))
        .select_related("parent")
        .order_by("path")
    )


def statutory_report(*, user: Any, agency: Organization, form: Form, year: int) -> Report:
    """`form` filled for `agency` and the statistical `year` (period by `reporting_period`)."""
    period = reporting_period(year)
    report = Report(form=form, agency=agency, period=period)
    FILLERS[form.filler](report, user)
    return report


def _sum(values: list[Cell]) -> Cell:
    known = [value for value in values if value is not None]
    return sum(known) if known else None


# ---- 0601 / 0701: movements


def _launched_for(agency: Organization) -> Q:
    """Movements that concern the agency: national ones, those launched above it (its province) and those it or
    its units launched; drafts never."""
    above = [int(part) for part in agency.path.strip("/").split("/") if part]
    return ~Q(status=MovementStatus.DRAFT) & (
        Q(level=MovementLevel.NATIONAL)
        | Q(launching_organization_id__in=above)
        | Q(launching_organization__path__startswith=agency.path)
    )


def fill_movements(report: Report, user: Any) -> None:
    """A movement counts when the reporting year lies within its years (period_start–period_end) and it was
    launched by the period's end. Duration is the movement's span in calendar years (the model holds years)."""
    period, newer = report.period, report.form.circular == TT_02_2023
    bloc = Exists(Covenant.objects.filter(movement_id=OuterRef("pk")))
    groups = (
        Movement.objects.filter(_launched_for(report.agency))
        .filter(period_start__lte=period.year, period_end__gte=period.year)
        .filter(Q(launched_on__isnull=True) | Q(launched_on__lte=period.end))
        .annotate(bloc=bloc)
        .order_by()
        .values("level", "kind", "period_start", "period_end", "bloc")
        .annotate(n=Count("id"))
    )
    column_of: dict[str, str] = {MovementLevel.NATIONAL: "2", MovementLevel.PROVINCE: "3"}
    if newer:
        column_of |= {MovementLevel.AGENCY: "4", MovementLevel.UNIT: "4"}
    counts: Counter[tuple[str, str]] = Counter()
    one_year = phase = left_out = 0
    for group in groups:
        column = column_of.get(group["level"])
        n = group["n"]
        if column is None:
            left_out += n
            continue
        span = group["period_end"] - group["period_start"] + 1
        keys = ["total"]
        if group["level"] == MovementLevel.NATIONAL:
            keys.append("national")
        elif group["level"] == MovementLevel.PROVINCE:
            keys.append("province")
        else:
            keys.append("bloc" if group["bloc"] else "agency")
        if span == 1:
            one_year += n
        elif newer:
            keys.append("span_2" if span == 2 else "span_3_4" if span < 5 else "span_5")
        else:
            keys.append("span_2" if span == 2 else "span_3")
        if group["kind"] == MovementKind.THEMATIC:
            keys.append("thematic")
        elif group["kind"] == MovementKind.REGULAR:
            keys.append("regular")
        else:
            phase += n
        for key in keys:
            counts[(key, column)] += n
    columns = [c.key for c in report.form.columns if c.key != "1"]
    for row in report.form.data_rows:
        values: list[Cell] = [counts[(row.key, column)] for column in columns]
        if row.key in ("under_1", "one"):
            values = [None] * len(columns)
        for column, value in zip(columns, values, strict=True):
            report.cells[(row.key, column)] = value
        report.cells[(row.key, "1")] = _sum(values)
    report.notes.append(
        _(
            "Dòng 06 và 07: chưa có dữ liệu — phong trào chỉ ghi năm bắt đầu và năm kết thúc, không phân biệt được "
            "dưới 1 năm và 1 năm (%(count)s phong trào trong một năm dương lịch)."
        )
        % {"count": one_year}
    )
    if phase:
        report.notes.append(
            _("%(count)s phong trào theo đợt (trước năm 2024) không thuộc dòng phương thức nào của biểu.")
            % {"count": phase}
        )
    if left_out:
        report.notes.append(
            _(
                "%(count)s phong trào do cơ quan, đơn vị phát động không có cột trong biểu của Thông tư 03/2018."
            )
            % {"count": left_out}
        )


# ---- 0602 / 0603 / 0702 / 0703: awards


def _leader_on_decision() -> Exists:
    """The award's person held a leadership position on the decision date."""
    return Exists(
        Assignment.objects.filter(
            person_id=OuterRef("person_id"),
            position__is_leadership=True,
            start_on__lte=OuterRef("decided_on"),
        ).filter(Q(end_on__isnull=True) | Q(end_on__gte=OuterRef("decided_on")))
    )


def _fill_awards(report: Report, user: Any, column_codes: dict[str, tuple[str, ...]], state: bool) -> None:
    """Awards count once each (a collective once, a person once per award), placed in the period by their
    decision date, of the agency's people (by the post held in the award's year) and units."""
    period = report.period
    code_column = {code: column for column, codes in column_codes.items() for code in codes}
    awards = award_list_visible_to(
        user=user, filters=AwardFilters(unit=report.agency, status=AwardStatus.ACTIVE)
    ).filter(code__in=list(code_column))
    dated = Q(decided_on__gte=period.start, decided_on__lte=period.end)
    undated = Q(decided_on__isnull=True, year__in=(period.year - 1, period.year))
    groups = (
        awards.filter(dated | undated)
        .annotate(
            leader=_leader_on_decision(),
            individual=ExpressionWrapper(Q(person__isnull=False), output_field=BooleanField()),
            dated=ExpressionWrapper(Q(decided_on__isnull=False), output_field=BooleanField()),
        )
        .order_by()
        .values("code", "track", "individual", "dated", "leader")
        .annotate(n=Count("id"))
    )
    counts: Counter[tuple[str, str]] = Counter()
    no_date = 0
    for group in groups:
        n = group["n"]
        if not group["dated"]:
            no_date += n
            continue
        column = code_column[group["code"]]
        keys = ["total", TRACK_ROWS[group["track"]]]
        if state:
            keys.append("submit_province")
        if not group["individual"]:
            keys.append("collective")
        else:
            keys.append("person")
            if not group["leader"]:
                keys.append("direct")
        for key in keys:
            counts[(key, column)] += n
    known_rows = {"total", "collective", "person", "direct", *TRACK_ROWS.values()}
    if state:
        known_rows |= {"submit_ministry", "submit_province"}
    columns = [c.key for c in report.form.columns if c.key != "1"]
    for row in report.form.data_rows:
        values: list[Cell] = [
            counts[(row.key, column)] if column in column_codes and row.key in known_rows else None
            for column in columns
        ]
        for column, value in zip(columns, values, strict=True):
            report.cells[(row.key, column)] = value
        report.cells[(row.key, "1")] = _sum(values)
    empty = [c.key for c in report.form.columns if c.key != "1" and c.key not in column_codes]
    report.notes.append(
        _(
            "Cột %(columns)s: chưa có dữ liệu — sổ khen thưởng chưa có các hình thức này; cột 1 chỉ cộng các cột "
            "có dữ liệu."
        )
        % {"columns": ", ".join(empty)}
    )
    codes = {row.key: row.code for row in report.form.data_rows}
    report.notes.append(
        _(
            "Dòng %(enterprise)s, %(household)s, %(businessperson)s: chưa có dữ liệu — sổ khen thưởng chỉ ghi cán "
            "bộ và tập thể trong cơ quan (không có doanh nghiệp, hộ gia đình, doanh nhân)."
        )
        % {k: codes[k] for k in ("enterprise", "household", "businessperson")}
    )
    report.notes.append(
        _(
            "Dòng %(a)s, %(b)s, %(c)s: chưa có dữ liệu — chức vụ chỉ ghi có hay không là lãnh đạo, chưa ghi cấp; "
            "dòng %(direct)s là cá nhân không giữ chức vụ lãnh đạo vào ngày quyết định."
        )
        % {
            "a": codes["lead_ministry"],
            "b": codes["lead_department"],
            "c": codes["lead_other"],
            "direct": codes["direct"],
        }
    )
    report.notes.append(
        _("Dòng %(row)s: chưa có dữ liệu — sổ khen thưởng không có loại khen thưởng kháng chiến.")
        % {"row": codes["track_khang_chien"]}
    )
    if state:
        report.notes.append(
            _(
                "Dòng %(ministry)s, %(province)s: khen thưởng của cán bộ, tập thể thuộc tỉnh do tỉnh trình Thủ "
                "tướng Chính phủ."
            )
            % {"ministry": codes["submit_ministry"], "province": codes["submit_province"]}
        )
    if no_date:
        report.notes.append(
            _("%(count)s khen thưởng chưa ghi ngày quyết định, không tính vào biểu.") % {"count": no_date}
        )


def fill_state_awards(report: Report, user: Any) -> None:
    _fill_awards(report, user, STATE_COLUMN_CODES, state=True)


def fill_agency_awards(report: Report, user: Any) -> None:
    _fill_awards(report, user, AGENCY_COLUMN_CODES, state=False)


# ---- 0604: TĐKT organisations


def fill_organisations(report: Report, user: Any) -> None:
    for row in report.form.data_rows:
        report.cells[(row.key, "1")] = None
    report.notes.append(
        _(
            "Biểu chưa có dữ liệu: chưa ghi cơ quan, đơn vị nào làm công tác thi đua, khen thưởng; các dòng là "
            "Vụ của bộ, ngành và Ban, phòng của Sở Nội vụ."
        )
    )


# ---- 0605: TĐKT staff

AGE_BANDS = (("age_30", 30), ("age_40", 40), ("age_50", 50), ("age_55", 55), ("age_60", 60))


def _age(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def fill_staff(report: Report, user: Any) -> None:
    """The agency's TĐKT civil servants are taken as the people whose login holds the office role (cán bộ thi
    đua) in the agency on the period's last day; age on that day."""
    end = report.period.end
    grants = RoleGrant.objects.filter(
        role=Role.OFFICER,
        organization__path__startswith=report.agency.path,
        valid_from__lte=end,
        user__person__isnull=False,
    ).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=end))
    people = list(
        Person.objects.filter(pk__in=grants.values("user__person")).values_list("sex", "date_of_birth")
    )
    counts: Counter[tuple[str, str]] = Counter()
    no_birth = 0
    for sex, born in people:
        keys = ["total"]
        if born is None:
            no_birth += 1
        else:
            age = _age(born, end)
            keys.append(next((key for key, top in AGE_BANDS if age <= top), "age_over"))
        for key in keys:
            counts[(key, "1")] += 1
            if sex == Sex.FEMALE:
                counts[(key, "2")] += 1
    for row in report.form.data_rows:
        known = row.key == "total" or row.key.startswith("age_")
        for column in ("1", "2"):
            report.cells[(row.key, column)] = counts[(row.key, column)] if known else None
    report.notes.append(
        _(
            "Công chức làm công tác thi đua, khen thưởng: người có tài khoản giữ vai trò cán bộ thi đua của cơ "
            "quan vào ngày %(end)s; tuổi tính đến ngày đó."
        )
        % {"end": end.strftime("%d/%m/%Y")}
    )
    report.notes.append(
        _(
            "Dòng 08–15: chưa có dữ liệu — hồ sơ cán bộ chưa ghi trình độ đào tạo và thời gian làm công tác thi "
            "đua, khen thưởng."
        )
    )
    if no_birth:
        report.notes.append(
            _("%(count)s người chưa ghi ngày sinh, không tính vào các dòng độ tuổi.") % {"count": no_birth}
        )


FILLERS: dict[str, Callable[[Report, Any], None]] = {
    "movements": fill_movements,
    "state_awards": fill_state_awards,
    "agency_awards": fill_agency_awards,
    "organisations": fill_organisations,
    "staff": fill_staff,
}
