"""Generated national data (issue 16): pure, deterministic row generators for `manage.py seed_scale`.

Nothing here touches the database. Every piece of work is a *chunk* (the organization tree, one slice of
`plan.chunk` people with everything about them, the collectives' years) generated from its own
`random.Random` seeded by (seed, step, chunk number), and every id is computed from the chunk's number, not
from what was loaded before. So chunk k is the same rows whichever chunks ran before it, which is what makes
an interrupted run resume exactly.

The distributions follow the ORM demo (`seed_demo`): its name lists, ethnic mix, positions and rating profiles
are imported from the demo modules, not copied. What the demo cannot give at national scale is set here: the
34 provinces and centrally-run cities after the 2025 merger (Nghị quyết 202/2025/QH15, from 1 July 2025), the
usual agencies of a province, public service units sized so that a unit has about 60 people, and an award rate
aimed at `plan.awards`.
"""

import math
import random
from bisect import bisect
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from itertools import accumulate

from thidua.appraisals.demo import RATING_WEIGHTS
from thidua.appraisals.months import months_worked_in_year
from thidua.core import vn_text
from thidua.organizations.demo import (
    ETHNICITY_WEIGHTS,
    FAMILY_BY_ETHNICITY,
    GIVEN_F,
    GIVEN_M,
    MIDDLE_F,
    MIDDLE_M,
)
from thidua.organizations.models import Organization, Person

LAST_YEAR = 2025
TREE_FROM = date(2000, 1, 1)

# The 34 provincial-level units from 1 July 2025 (Nghị quyết 202/2025/QH15): 6 centrally-run cities and 28
# provinces, with a rough weight for the size of their public sector (population-led; an estimate, not data).
PROVINCES: list[tuple[str, bool, int]] = [
    # (place name, is a centrally-run city, weight)
    ("Hà Nội", True, 9),
    ("Huế", True, 2),
    ("Hải Phòng", True, 5),
    ("Đà Nẵng", True, 3),
    ("Hồ Chí Minh", True, 14),
    ("Cần Thơ", True, 4),
    ("Lai Châu", False, 1),
    ("Điện Biên", False, 1),
    ("Sơn La", False, 2),
    ("Lạng Sơn", False, 1),
    ("Quảng Ninh", False, 2),
    ("Thanh Hóa", False, 4),
    ("Nghệ An", False, 4),
    ("Hà Tĩnh", False, 2),
    ("Cao Bằng", False, 1),
    ("Tuyên Quang", False, 2),
    ("Lào Cai", False, 2),
    ("Thái Nguyên", False, 2),
    ("Phú Thọ", False, 4),
    ("Bắc Ninh", False, 4),
    ("Hưng Yên", False, 3),
    ("Ninh Bình", False, 4),
    ("Quảng Trị", False, 2),
    ("Quảng Ngãi", False, 2),
    ("Gia Lai", False, 4),
    ("Khánh Hòa", False, 2),
    ("Lâm Đồng", False, 4),
    ("Đắk Lắk", False, 3),
    ("Đồng Nai", False, 4),
    ("Tây Ninh", False, 3),
    ("Vĩnh Long", False, 4),
    ("Đồng Tháp", False, 4),
    ("Cà Mau", False, 2),
    ("An Giang", False, 5),
]

# A province's agencies (cơ quan chuyên môn after the 2025 restructuring), with the share of its staff: schools
# and hospitals make education and health most of the public sector. Each has its public service units.
AGENCIES: list[tuple[str, str, int, str]] = [
    # (symbol, name, weight, name of its public service units)
    ("VPUBND", "Văn phòng Ủy ban nhân dân", 2, "Trung tâm Phục vụ hành chính công"),
    ("SNV", "Sở Nội vụ", 2, "Trung tâm Lưu trữ lịch sử"),
    ("STC", "Sở Tài chính", 3, "Trung tâm Xúc tiến đầu tư"),
    ("STP", "Sở Tư pháp", 2, "Trung tâm Trợ giúp pháp lý nhà nước"),
    ("SCT", "Sở Công Thương", 2, "Trung tâm Khuyến công"),
    ("SNNMT", "Sở Nông nghiệp và Môi trường", 6, "Trung tâm Dịch vụ nông nghiệp"),
    ("SXD", "Sở Xây dựng", 3, "Trung tâm Kiểm định chất lượng công trình"),
    ("SKHCN", "Sở Khoa học và Công nghệ", 2, "Trung tâm Ứng dụng khoa học và công nghệ"),
    ("SGDDT", "Sở Giáo dục và Đào tạo", 40, "Trường Trung học phổ thông"),
    ("SYT", "Sở Y tế", 25, "Trung tâm Y tế khu vực"),
    ("SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch", 4, "Trung tâm Văn hóa nghệ thuật"),
    ("SDTTG", "Sở Dân tộc và Tôn giáo", 1, "Trung tâm Hỗ trợ đồng bào dân tộc"),
    ("TTR", "Thanh tra", 2, "Trung tâm Tiếp công dân"),
]
# Every agency's own divisions (phòng chuyên môn), about a dozen people each.
DIVISIONS = [
    ("VP", "Văn phòng"),
    ("KHTC", "Phòng Kế hoạch – Tài chính"),
    ("TCCB", "Phòng Tổ chức cán bộ"),
    ("NV", "Phòng Nghiệp vụ"),
]
DIVISION_SIZE = 12
UNIT_SIZE = 60

# Positions (names of `organizations.demo.POSITIONS`) with their share of the staff of a division or unit.
POSITION_WEIGHTS = [
    ("Trưởng phòng", 3),
    ("Phó trưởng phòng", 5),
    ("Chuyên viên chính", 14),
    ("Chuyên viên", 36),
    ("Viên chức", 28),
    ("Kế toán", 4),
    ("Văn thư", 3),
    ("Người lao động", 7),
]
PROFILE_WEIGHTS = (("strong", 20), ("normal", 72), ("weak", 8))
DISCIPLINE_FORMS = (
    ("khien_trach", 60),
    ("canh_cao", 28),
    ("ha_bac_luong", 6),
    ("giang_chuc", 3),
    ("cach_chuc", 3),
)
INITIATIVE_LEVELS = (("co_so", 85), ("tinh", 13), ("toan_quoc", 2))
INITIATIVE_TOPICS = [
    "cải cách thủ tục hành chính",
    "chuyển đổi số trong công tác văn thư, lưu trữ",
    "quản lý hồ sơ cán bộ trên môi trường điện tử",
    "nâng cao chất lượng dạy và học",
    "khám, chữa bệnh và chăm sóc người bệnh",
    "tiết kiệm chi thường xuyên",
    "kiểm tra, giám sát việc thực hiện nhiệm vụ",
    "tiếp nhận và trả kết quả một cửa",
]
# Awards beyond the yearly titles: (code, track, deciding level); a person gets at most one of each a year.
EXTRA_AWARDS = [
    ("GIAY_KHEN", "cong_trang", "agency"),
    ("GIAY_KHEN", "chuyen_de", "agency"),
    ("GIAY_KHEN", "dot_xuat", "agency"),
    ("BANG_KHEN_TINH", "cong_trang", "province"),
    ("BANG_KHEN_TINH", "chuyen_de", "province"),
    ("BANG_KHEN_TINH", "dot_xuat", "province"),
    ("BANG_KHEN_TTG", "cong_trang", "government"),
    ("HCLD_3", "cong_trang", "state"),
]
EXTRA_WEIGHTS = [40, 25, 8, 12, 8, 3, 3, 1]
# Awards a person can get in one year: LĐTT, CSTĐCS, CSTĐ tỉnh and the extras; sizes each chunk's id range.
AWARDS_PER_YEAR = 3 + len(EXTRA_AWARDS)
# Measured on the generator (100,000 people, 10 years): the share of the complete years' person-years in which
# a person works (people are recruited during the period or retire), and the individual awards such a
# person-year gets before the extras (LĐTT, CSTĐCS). The extras fill the gap to `--awards`.
WORKED_SHARE = 0.78
BASE_AWARD_RATE = 0.89


# The columns written for each table, in the order the generators yield them (a generated column such as
# AwardRecord.recency is left to the database).
COLUMNS: dict[str, tuple[str, ...]] = {
    "organizations_organization": (
        "id", "parent_id", "kind", "code", "name", "short_name", "symbol", "place_name", "valid_from",
        "valid_to", "budget_code", "sector", "signer_title", "signer_name", "bank_account", "bank_name",
        "sort_key", "search_text", "path",
    ),
    "organizations_person": (
        "id", "family_name", "middle_name", "given_name", "sex", "date_of_birth", "ethnicity_id", "staff_code",
        "recruited_on", "employed_since", "retired_on", "sort_key", "search_text",
    ),
    "organizations_assignment": ("id", "person_id", "organization_id", "position_id", "start_on", "end_on", "decision"),
    "appraisals_appraisal": ("id", "person_id", "year", "organization_id", "rating", "months_worked", "note"),
    "appraisals_leave": (
        "id", "person_id", "year", "kind", "start_on", "end_on", "working_days", "duration_months",
        "study_result", "note",
    ),
    "appraisals_discipline": (
        "id", "person_id", "form", "decision_number", "decided_on", "effective_from", "effective_to", "reason",
        "pending",
    ),
    "commendations_awardrecord": (
        "id", "code", "person_id", "organization_id", "year", "track", "period_from", "period_to",
        "decision_number", "decided_on", "deciding_body", "status", "movement_id", "note",
    ),
    "initiatives_initiative": (
        "id", "code", "title", "kind", "level", "organization_id", "recognized_by", "decision_number",
        "recognized_on", "wider_level", "wider_recognized_on", "applied", "summary",
    ),
    "initiatives_initiativeauthor": ("id", "initiative_id", "person_id", "share_pct", "used_for_id"),
    "appraisals_collectiveappraisal": (
        "id", "organization_id", "year", "rating", "cluster_rank", "discipline_form", "results",
    ),
}  # fmt: skip
# The order in which a chunk's tables are written (foreign keys point backwards).
TABLE_ORDER = list(COLUMNS)

Rows = dict[str, list[tuple]]


@dataclass(frozen=True)
class Plan:
    """The parameters of a run; everything generated is a function of these."""

    people: int
    years: int
    awards: int
    seed: int
    chunk: int

    @property
    def first_year(self) -> int:
        return LAST_YEAR - self.years + 1

    @property
    def last_year(self) -> int:
        return LAST_YEAR

    @property
    def people_chunks(self) -> int:
        return max(1, math.ceil(self.people / self.chunk))

    @property
    def award_rate(self) -> float:
        """Individual awards aimed at per complete person-year (the last year is still being judged)."""
        complete_years = max(1, self.years - 1)
        return self.awards / max(1.0, self.people * complete_years * WORKED_SHARE)

    def steps(self) -> list[tuple[str, int]]:
        """Every chunk of the run, in the order they are loaded."""
        return (
            [("organizations", 0)] + [("people", k) for k in range(self.people_chunks)] + [("collectives", 0)]
        )


@dataclass(frozen=True)
class Catalogues:
    """Ids of the catalogue rows the generated data points at (read from the database by the command)."""

    ethnicity_ids: dict[str, int]
    position_ids: dict[str, int]


@dataclass
class Leaf:
    """A division or unit that people work in."""

    id: int
    agency_id: int
    province_index: int


@dataclass
class Tree:
    """The national organization tree: its rows, and what the people generator needs to place people in it."""

    rows: list[tuple] = field(default_factory=list)
    leaves: list[Leaf] = field(default_factory=list)
    cumulative: list[float] = field(default_factory=list)  # cumulative headcount weight of `leaves`
    leaves_of_agency: dict[int, list[int]] = field(default_factory=dict)  # agency id → indexes into `leaves`
    names: dict[int, str] = field(default_factory=dict)  # id → name (deciding bodies)
    symbols: dict[int, str] = field(default_factory=dict)
    provinces: list[int] = field(default_factory=list)
    collective_ids: list[int] = field(default_factory=list)  # agencies, divisions and units


def _rng(plan: Plan, step: str, number: int) -> random.Random:
    return random.Random(f"{plan.seed}:{step}:{number}")


def _weighted(rng: random.Random, table: tuple[tuple[str, int], ...] | list[tuple[str, int]]) -> str:
    return rng.choices([v for v, _w in table], [w for _v, w in table])[0]


def _province_title(place: str, city: bool) -> str:
    return f"{'thành phố' if city else 'tỉnh'} {place}"


def _org_row(
    *,
    pk: int,
    parent: tuple | None,
    kind: str,
    code: str,
    name: str,
    short_name: str,
    symbol: str,
    place: str,
) -> tuple:
    organization = Organization(kind=kind, code=code, name=name, short_name=short_name)
    organization.refresh_derived()  # the model's own sort key and search text
    path = f"{parent[-1] if parent else '/'}{pk}/"
    return (
        pk, parent[0] if parent else None, kind, code, name, short_name, symbol, place, TREE_FROM, None,
        "", "", "", "", "", "", organization.sort_key, organization.search_text, path,
    )  # fmt: skip


def national_tree(plan: Plan) -> Tree:
    """The 34 provinces, their agencies, each agency's divisions and enough public service units for
    `plan.people` (about 60 people a unit). Ids are 1, 2, ... in generation order; a function of the plan only."""
    rng = _rng(plan, "organizations", 0)
    tree = Tree()
    province_total = sum(w for _p, _c, w in PROVINCES)
    agency_total = sum(w for _s, _n, w, _u in AGENCIES)
    pk = 0
    for p_index, (place, city, p_weight) in enumerate(PROVINCES):
        pk += 1
        code = vn_text.fold(place).replace(" ", "").upper()
        title = _province_title(place, city)
        province = _org_row(
            pk=pk, parent=None, kind="province", code=f"UBND-{code}", name=f"Ủy ban nhân dân {title}",
            short_name=f"UBND {title}", symbol="UBND", place=place,
        )  # fmt: skip
        tree.rows.append(province)
        tree.provinces.append(pk)
        tree.names[pk] = f"Chủ tịch Ủy ban nhân dân {title}"
        tree.symbols[pk] = "UBND"
        for symbol, name, a_weight, unit_name in AGENCIES:
            pk += 1
            agency_name = f"{name} {title}"
            agency = _org_row(
                pk=pk, parent=province, kind="agency", code=f"{code}-{symbol}", name=agency_name,
                short_name=f"{name} {place}", symbol=symbol, place=place,
            )  # fmt: skip
            tree.rows.append(agency)
            tree.names[pk] = (
                f"Giám đốc {agency_name}" if name.startswith("Sở") else f"Thủ trưởng {agency_name}"
            )
            tree.symbols[pk] = symbol
            tree.collective_ids.append(pk)
            agency_id = pk
            expected = plan.people * p_weight / province_total * a_weight / agency_total
            units = max(0, round((expected - len(DIVISIONS) * DIVISION_SIZE) / UNIT_SIZE))
            unit_size = (expected - len(DIVISIONS) * DIVISION_SIZE) / units if units else 0.0
            leaves: list[int] = []
            for d_symbol, d_name in DIVISIONS:
                pk += 1
                tree.rows.append(
                    _org_row(
                        pk=pk,
                        parent=agency,
                        kind="division",
                        code=f"{code}-{symbol}-{d_symbol}",
                        name=d_name,
                        short_name=d_name,
                        symbol=d_symbol,
                        place=place,
                    )  # fmt: skip
                )
                leaves.append(len(tree.leaves))
                tree.leaves.append(Leaf(pk, agency_id, p_index))
                tree.cumulative.append(DIVISION_SIZE * (0.5 + rng.random()))
                tree.collective_ids.append(pk)
            for number in range(1, units + 1):
                pk += 1
                u_name = f"{unit_name} số {number}"
                tree.rows.append(
                    _org_row(
                        pk=pk,
                        parent=agency,
                        kind="unit",
                        code=f"{code}-{symbol}-DV{number:03d}",
                        name=u_name,
                        short_name=u_name,
                        symbol=f"DV{number}",
                        place=place,
                    )  # fmt: skip
                )
                leaves.append(len(tree.leaves))
                tree.leaves.append(Leaf(pk, agency_id, p_index))
                tree.cumulative.append(unit_size * (0.5 + rng.random()))
                tree.collective_ids.append(pk)
            tree.leaves_of_agency[agency_id] = leaves
    tree.cumulative = list(accumulate(tree.cumulative))
    return tree


def organization_rows(plan: Plan, tree: Tree) -> Rows:
    return {"organizations_organization": list(tree.rows)}


def _poisson(rng: random.Random, mean: float) -> int:
    # Knuth's method: means here are below 10.
    limit, k, product = math.exp(-mean), 0, rng.random()
    while product > limit:
        k += 1
        product *= rng.random()
    return k


def _random_day(rng: random.Random, year: int, first_month: int = 1, last_month: int = 12) -> date:
    return date(year, rng.randint(first_month, last_month), rng.randint(1, 28))


def person_rows(plan: Plan, tree: Tree, catalogues: Catalogues, number: int) -> Rows:
    """Chunk `number` of the people: people `number * plan.chunk + 1` on, with their assignments, yearly ratings,
    leave, discipline, initiatives and awards. Ids of each table come from the chunk's own range."""
    rng = _rng(plan, "people", number)
    rows: Rows = {table: [] for table in TABLE_ORDER if table != "organizations_organization"}
    first = number * plan.chunk
    last = min(plan.people, first + plan.chunk)
    years = range(plan.first_year, plan.last_year + 1)
    per_year_base = first * plan.years  # ids of tables with at most one row a person-year
    ids = {
        "assignment": first * 2,
        "appraisal": per_year_base,
        "leave": per_year_base,
        "discipline": per_year_base,
        "initiative": per_year_base,
        "award": per_year_base * AWARDS_PER_YEAR,
    }

    def next_id(kind: str) -> int:
        ids[kind] += 1
        return ids[kind]

    ethnic_names = [n for n, _w in ETHNICITY_WEIGHTS]
    ethnic_cumulative = list(accumulate(w for _n, w in ETHNICITY_WEIGHTS))
    position_names = [n for n, _w in POSITION_WEIGHTS]
    position_cumulative = list(accumulate(w for _n, w in POSITION_WEIGHTS))
    extra_cumulative = list(accumulate(EXTRA_WEIGHTS))
    keep_ldtt = min(1.0, plan.award_rate / BASE_AWARD_RATE)
    extra_mean = max(0.0, plan.award_rate - BASE_AWARD_RATE)
    total_weight = tree.cumulative[-1]
    decision_day = {"agency": (1, 15), "province": (3, 20), "government": (6, 10), "state": (8, 30)}

    for index in range(first, last):
        pk = index + 1
        sex = "F" if rng.random() < 0.52 else "M"
        ethnicity = ethnic_names[bisect(ethnic_cumulative, rng.random() * ethnic_cumulative[-1])]
        family = rng.choice(FAMILY_BY_ETHNICITY.get(ethnicity, FAMILY_BY_ETHNICITY["Kinh"]))
        middle = rng.choice(MIDDLE_M if sex == "M" else MIDDLE_F)
        given = rng.choice(GIVEN_M if sex == "M" else GIVEN_F)
        # Aged 24 to 60 or so over the period; nobody has retired before it starts.
        born = date(rng.randint(plan.first_year - 59, 2001), rng.randint(1, 12), rng.randint(1, 28))
        earliest = min(born.year + 22, plan.last_year)
        if earliest >= plan.first_year or rng.random() < 0.12:
            recruited = _random_day(rng, rng.randint(max(earliest, plan.first_year), plan.last_year))
        else:
            recruited = _random_day(rng, rng.randint(earliest, plan.first_year - 1))
        retirement_age = 60 if sex == "F" else 62
        retired: date | None = date(born.year + retirement_age, born.month, 1)
        if retired is not None and (retired > date(plan.last_year, 12, 31) or retired <= recruited):
            retired = None
        staff_code = f"QG{pk:08d}"
        person = Person(family_name=family, middle_name=middle, given_name=given, staff_code=staff_code)
        person.refresh_derived()  # the model's own sort key and search text
        rows["organizations_person"].append(
            (pk, family, middle, given, sex, born, catalogues.ethnicity_ids.get(ethnicity), staff_code, recruited,
             None, retired, person.sort_key, person.search_text)
        )  # fmt: skip

        leaf = tree.leaves[bisect(tree.cumulative, rng.random() * total_weight)]
        position = catalogues.position_ids[
            position_names[bisect(position_cumulative, rng.random() * position_cumulative[-1])]
        ]
        start = max(recruited, date(plan.first_year, 1, 1))
        periods: list[tuple[date, date | None, int]] = []
        transfer_to = None
        if rng.random() < 0.05 and plan.last_year - start.year >= 2:
            transfer_day = date(rng.randint(start.year + 1, plan.last_year), rng.choice((4, 7, 10)), 1)
            siblings = tree.leaves_of_agency[leaf.agency_id]
            if len(siblings) > 1 and (retired is None or transfer_day <= retired):
                transfer_to = tree.leaves[rng.choice([i for i in siblings if tree.leaves[i].id != leaf.id])]
                periods.append((start, transfer_day - timedelta(days=1), leaf.id))
                periods.append((transfer_day, retired, transfer_to.id))
        if transfer_to is None:
            periods.append((start, retired, leaf.id))
        for p_start, p_end, org_id in periods:
            rows["organizations_assignment"].append(
                (next_id("assignment"), pk, org_id, position, p_start, p_end,
                 "Quyết định điều động" if p_start != start else "")
            )  # fmt: skip

        profile = _weighted(rng, PROFILE_WEIGHTS)
        cstdcs_years: set[int] = set()
        tinh_initiative_years: set[int] = set()
        for year in years:
            months = months_worked_in_year(
                year=year,
                recruited_on=recruited,
                retired_on=retired,
                assignments=[(s, e) for s, e, _o in periods],
            )
            if months == 0:
                continue
            year_end, year_start = date(year, 12, 31), date(year, 1, 1)
            unit = [o for s, e, o in periods if s <= year_end and (e is None or e >= year_start)][-1]
            rating = _weighted(rng, RATING_WEIGHTS[profile])
            disciplined = rng.random() < 0.003
            if disciplined:
                rating = "KHTNV" if rng.random() < 0.3 else "HTNV"
                decided = _random_day(rng, year)
                rows["appraisals_discipline"].append(
                    (next_id("discipline"), pk, _weighted(rng, DISCIPLINE_FORMS), f"{rng.randint(1, 999)}/QĐ-KL",
                     decided, decided, decided + timedelta(days=365), "Vi phạm quy chế làm việc của cơ quan", False)
                )  # fmt: skip
            rows["appraisals_appraisal"].append((next_id("appraisal"), pk, year, unit, rating, months, ""))

            age = year - born.year
            draw = rng.random()
            if sex == "F" and 23 <= age <= 42 and draw < 0.07:
                begin = _random_day(rng, year, 1, 6)
                rows["appraisals_leave"].append(
                    (next_id("leave"), pk, year, "maternity", begin, begin + timedelta(days=181),
                     rng.randint(120, 130), None, "", "")
                )  # fmt: skip
            elif draw > 0.96:
                days = rng.randint(5, 45)
                begin = _random_day(rng, year, 1, 10)
                end = min(begin + timedelta(days=days * 7 // 5), year_end)
                rows["appraisals_leave"].append(
                    (next_id("leave"), pk, year, "sick", begin, end, days, None, "", "")
                )
            elif draw > 0.95:
                duration = rng.randint(3, 9)
                begin = _random_day(rng, year, 1, 3)
                rows["appraisals_leave"].append(
                    (next_id("leave"), pk, year, "study", begin, begin + timedelta(days=30 * duration),
                     duration * 22, Decimal(duration), rng.choice(("xuat_sac", "gioi", "kha")), "")
                )  # fmt: skip

            initiative_author: int | None = None
            chance = 0.25 if rating == "HTXSNV" else 0.03 if rating == "HTTNV" else 0.0
            if chance and rng.random() < chance:
                level = _weighted(rng, INITIATIVE_LEVELS)
                initiative = next_id("initiative")
                recognized = _random_day(rng, year, 3, 12)
                kind = "research" if rng.random() < 0.15 else "initiative"
                title = f"Giải pháp {rng.choice(INITIATIVE_TOPICS)} tại đơn vị"
                rows["initiatives_initiative"].append(
                    (initiative, f"SK-{pk:08d}-{year}", title, kind, level, unit, "Hội đồng sáng kiến",
                     f"{rng.randint(1, 999)}/QĐ-HĐSK", recognized, "", None, True, "")
                )  # fmt: skip
                initiative_author = initiative
                if level != "co_so":
                    tinh_initiative_years.add(year)

            used_for = None
            if year < plan.last_year and not disciplined:
                agency_id = _agency_of(tree, unit)
                province_id = tree.provinces[_province_of(tree, unit)]

                def award(
                    code: str,
                    track: str,
                    level: str,
                    period: tuple[int, int] | None = None,
                    *,
                    pk: int = pk,
                    year: int = year,
                    agency_id: int = agency_id,
                    province_id: int = province_id,
                ) -> int:
                    award_id = next_id("award")
                    month, day = decision_day[level]
                    if level == "agency":
                        number_, body = (
                            f"{(agency_id * 31 + year) % 900 + 100}/QĐ-{tree.symbols[agency_id]}",
                            tree.names[agency_id],
                        )
                    elif level == "province":
                        number_, body = (
                            f"{(province_id * 37 + year) % 3000 + 100}/QĐ-UBND",
                            tree.names[province_id],
                        )
                    elif level == "government":
                        number_, body = f"{(year * 13) % 2000 + 100}/QĐ-TTg", "Thủ tướng Chính phủ"
                    else:
                        number_, body = f"{(year * 7) % 1500 + 100}/QĐ-CTN", "Chủ tịch nước"
                    rows["commendations_awardrecord"].append(
                        (award_id, code, pk, None, year, track, period[0] if period else None,
                         period[1] if period else None, number_, date(year + 1, month, day), body, "active", None, "")
                    )  # fmt: skip
                    return award_id

                if rating in ("HTXSNV", "HTTNV") and months >= 10 and rng.random() < keep_ldtt:
                    award("LDTT", "cong_trang", "agency")
                    if rating == "HTXSNV" and initiative_author is not None and rng.random() < 0.8:
                        used_for = award("CSTDCS", "cong_trang", "agency")
                        cstdcs_years.add(year)
                        if (
                            {year - 1, year - 2} <= cstdcs_years
                            and tinh_initiative_years & {year, year - 1, year - 2}
                            and rng.random() < 0.7
                        ):
                            award("CSTD_TINH", "cong_trang", "province", (year - 2, year))
                extras = min(_poisson(rng, extra_mean), 4) if extra_mean else 0
                chosen: set[int] = set()
                while len(chosen) < extras:
                    chosen.add(bisect(extra_cumulative, rng.random() * extra_cumulative[-1]))
                for choice in sorted(chosen):
                    code, track, level = EXTRA_AWARDS[choice]
                    period = (year - 4, year) if code in ("BANG_KHEN_TTG", "HCLD_3") else None
                    award(code, track, level, period)
            if initiative_author is not None:
                rows["initiatives_initiativeauthor"].append(
                    (initiative_author, initiative_author, pk, Decimal(100), used_for)
                )
    return rows


def _agency_of(tree: Tree, org_id: int) -> int:
    return tree.leaves[_leaf_index(tree, org_id)].agency_id


def _province_of(tree: Tree, org_id: int) -> int:
    return tree.leaves[_leaf_index(tree, org_id)].province_index


def _leaf_index(tree: Tree, org_id: int) -> int:
    index = tree.__dict__.get("_leaf_index")
    if index is None:
        index = tree.__dict__["_leaf_index"] = {leaf.id: i for i, leaf in enumerate(tree.leaves)}
    return index[org_id]


def collective_rows(plan: Plan, tree: Tree) -> Rows:
    """The collectives' yearly ratings (agencies, divisions, units) and their titles for the complete years.
    Award ids follow every people chunk's range."""
    rng = _rng(plan, "collectives", 0)
    appraisals: list[tuple] = []
    awards: list[tuple] = []
    award_id = plan.people_chunks * plan.chunk * plan.years * AWARDS_PER_YEAR
    collective_weights = (("HTXSNV", 30), ("HTTNV", 60), ("HTNV", 9), ("KHTNV", 1))
    pk = 0
    for org_id in tree.collective_ids:
        agency_id = org_id if org_id in tree.leaves_of_agency else _agency_of(tree, org_id)
        province_id = tree.rows[agency_id - 1][1]
        for year in range(plan.first_year, plan.last_year + 1):
            pk += 1
            rating = _weighted(rng, collective_weights)
            appraisals.append((pk, org_id, year, rating, None, "", ""))
            if year >= plan.last_year or rating not in ("HTXSNV", "HTTNV") or rng.random() > 0.7:
                continue
            if rating == "HTXSNV" and rng.random() < 0.5:
                code, body, symbol = "TTLDXS", tree.names[province_id], "UBND"
            else:
                code, body, symbol = "TTLDTT", tree.names[agency_id], tree.symbols[agency_id]
            award_id += 1
            awards.append(
                (award_id, code, None, org_id, year, "cong_trang", None, None,
                 f"{(org_id * 17 + year) % 900 + 100}/QĐ-{symbol}", date(year + 1, 2, 15), body, "active", None, "")
            )  # fmt: skip
    return {"appraisals_collectiveappraisal": appraisals, "commendations_awardrecord": awards}


def chunk_rows(plan: Plan, tree: Tree, catalogues: Catalogues, step: str, number: int) -> Rows:
    if step == "organizations":
        return organization_rows(plan, tree)
    if step == "people":
        return person_rows(plan, tree, catalogues, number)
    if step == "collectives":
        return collective_rows(plan, tree)
    raise ValueError(step)


def rows_in_order(rows: Rows) -> Iterator[tuple[str, list[tuple]]]:
    for table in TABLE_ORDER:
        if rows.get(table):
            yield table, rows[table]
