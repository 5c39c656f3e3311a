"""Demo organizations, people and assignments: the Department of Science and Technology of Yên Bái.

Deterministic for a given random generator. With more people than the Department has, further agencies are
added (same shape) so that benchmarks run on a province-sized tree.
"""

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from .ethnicities import ETHNICITIES
from .models import (
    Assignment,
    Ethnicity,
    Organization,
    OrganizationKind,
    Person,
    Position,
    Restructuring,
    RestructuringKind,
)

MERGER_DAY = date(2025, 7, 1)

# Positions (chức vụ), in display order, and whether each is a leadership position.
POSITIONS = [
    ("Giám đốc", True),
    ("Phó Giám đốc", True),
    ("Chánh Văn phòng", True),
    ("Phó Chánh Văn phòng", True),
    ("Chánh Thanh tra", True),
    ("Phó Chánh Thanh tra", True),
    ("Trưởng phòng", True),
    ("Phó trưởng phòng", True),
    ("Chi cục trưởng", True),
    ("Phó Chi cục trưởng", True),
    ("Giám đốc Trung tâm", True),
    ("Phó Giám đốc Trung tâm", True),
    ("Chuyên viên chính", False),
    ("Chuyên viên", False),
    ("Thanh tra viên", False),
    ("Kiểm định viên", False),
    ("Viên chức", False),
    ("Kế toán", False),
    ("Văn thư", False),
    ("Người lao động", False),
]

# The Department's divisions and units: (code suffix, name, short name, kind, head, deputy, staff positions, size)
DEPARTMENT_UNITS = [
    (
        "VP",
        "Văn phòng Sở",
        "Văn phòng",
        OrganizationKind.DIVISION,
        "Chánh Văn phòng",
        "Phó Chánh Văn phòng",
        ["Chuyên viên", "Kế toán", "Văn thư", "Người lao động"],
        16,
    ),
    (
        "TTRA",
        "Thanh tra Sở",
        "Thanh tra",
        OrganizationKind.DIVISION,
        "Chánh Thanh tra",
        "Phó Chánh Thanh tra",
        ["Thanh tra viên", "Chuyên viên"],
        8,
    ),
    (
        "KHTC",
        "Phòng Kế hoạch – Tài chính",
        "Phòng KH-TC",
        OrganizationKind.DIVISION,
        "Trưởng phòng",
        "Phó trưởng phòng",
        ["Chuyên viên", "Chuyên viên chính"],
        9,
    ),
    (
        "QLKH",
        "Phòng Quản lý khoa học",
        "Phòng QLKH",
        OrganizationKind.DIVISION,
        "Trưởng phòng",
        "Phó trưởng phòng",
        ["Chuyên viên", "Chuyên viên chính"],
        10,
    ),
    (
        "QLCN",
        "Phòng Quản lý công nghệ và chuyên ngành",
        "Phòng QLCN&CN",
        OrganizationKind.DIVISION,
        "Trưởng phòng",
        "Phó trưởng phòng",
        ["Chuyên viên", "Chuyên viên chính"],
        10,
    ),
    (
        "CCTDC",
        "Chi cục Tiêu chuẩn Đo lường Chất lượng",
        "Chi cục TĐC",
        OrganizationKind.UNIT,
        "Chi cục trưởng",
        "Phó Chi cục trưởng",
        ["Chuyên viên", "Kiểm định viên", "Kế toán", "Người lao động"],
        38,
    ),
    (
        "TTUD",
        "Trung tâm Ứng dụng và Thống kê khoa học và công nghệ",
        "Trung tâm UD&TK",
        OrganizationKind.UNIT,
        "Giám đốc Trung tâm",
        "Phó Giám đốc Trung tâm",
        ["Viên chức", "Kế toán", "Người lao động"],
        48,
    ),
]

FAMILY_BY_ETHNICITY = {
    "Kinh": [
        "Nguyễn",
        "Trần",
        "Lê",
        "Phạm",
        "Hoàng",
        "Vũ",
        "Đỗ",
        "Bùi",
        "Đặng",
        "Ngô",
        "Dương",
        "Đinh",
        "Phan",
        "Đào",
        "Lương",
        "Tạ",
        "Trịnh",
        "Lại",
        "Cao",
        "Mai",
        "Nguyễn",
        "Trần",
        "Nguyễn",
    ],
    "Tày": ["Hoàng", "Nông", "Hà", "Ma", "Lương", "Hoàng", "La"],
    "Dao": ["Triệu", "Bàn", "Đặng", "Lý", "Chu"],
    "Mông": ["Giàng", "Sùng", "Vàng", "Thào", "Lý", "Hờ"],
    "Thái": ["Lò", "Cầm", "Lường", "Hà", "Điêu"],
    "Nùng": ["Hoàng", "Nông", "Lương", "Vi", "Triệu"],
    "Mường": ["Đinh", "Bùi", "Quách", "Hà"],
    "Giáy": ["Hoàng", "Lục", "Vương"],
}
ETHNICITY_WEIGHTS = [
    ("Kinh", 70),
    ("Tày", 10),
    ("Dao", 6),
    ("Mông", 4),
    ("Thái", 5),
    ("Nùng", 3),
    ("Mường", 1),
    ("Giáy", 1),
]
MIDDLE_M = ["Văn", "Đức", "Minh", "Quang", "Xuân", "Mạnh", "Hữu", "Tiến", "Thanh", "Văn", "Công", "Ngọc"]
MIDDLE_F = ["Thị", "Thu", "Thanh", "Hồng", "Ngọc", "Minh", "Thị", "Kim", "Phương", "Thùy", "Hải", "Thị"]
GIVEN_M = [
    "An",
    "Anh",
    "Bình",
    "Cường",
    "Dũng",
    "Đức",
    "Giang",
    "Hải",
    "Hiếu",
    "Hoàng",
    "Hùng",
    "Huy",
    "Khánh",
    "Long",
    "Minh",
    "Nam",
    "Nghĩa",
    "Phong",
    "Phúc",
    "Quân",
    "Sơn",
    "Thắng",
    "Thành",
    "Toàn",
    "Trung",
    "Tú",
    "Tuấn",
    "Việt",
    "Vinh",
    "Ân",
    "Ánh",
    "Đạt",
    "Hưng",
    "Lâm",
    "Lợi",
    "Tài",
    "Thịnh",
    "Tùng",
]
GIVEN_F = [
    "An",
    "Anh",
    "Ánh",
    "Châu",
    "Chi",
    "Dung",
    "Duyên",
    "Giang",
    "Hà",
    "Hạnh",
    "Hằng",
    "Hiền",
    "Hoa",
    "Hồng",
    "Huyền",
    "Hương",
    "Lan",
    "Liên",
    "Linh",
    "Loan",
    "Mai",
    "Ngân",
    "Nga",
    "Ngọc",
    "Nhung",
    "Oanh",
    "Phương",
    "Quyên",
    "Quỳnh",
    "Tâm",
    "Thảo",
    "Thủy",
    "Trang",
    "Uyên",
    "Vân",
    "Yến",
    "Ăn",
    "Ân",
]

# Fixed people that the demo and the tests can rely on.
FIXED_PEOPLE = [
    # family, middle, given, sex, ethnicity, unit suffix ("" = Department leadership), position
    ("Vũ", "Xuân", "Hội", "M", "Kinh", "", "Giám đốc"),
    ("Nguyễn", "Văn", "An", "M", "Kinh", "VP", "Chuyên viên"),
    ("Trần", "Minh", "Đức", "M", "Kinh", "QLKH", "Trưởng phòng"),
    ("Hoàng", "Thị", "Ánh", "F", "Tày", "VP", "Chánh Văn phòng"),
]


@dataclass
class DemoOrganizations:
    province_old: Organization
    province_new: Organization
    agencies: list[Organization]  # the Department first
    successor_agency: Organization
    units: dict[str, Organization]  # code -> unit (the Department's units by their suffix, e.g. "VP")
    successor_units: dict[str, Organization]
    positions: dict[str, Position]
    people: list[Person] = field(default_factory=list)


def _org(**fields) -> Organization:
    organization = Organization(**fields)
    organization.save()
    return organization


def build_organizations(*, extra_agencies: int = 0) -> DemoOrganizations:
    positions = {}
    for rank, (name, leadership) in enumerate(POSITIONS):
        positions[name], _ = Position.objects.get_or_create(
            name=name, defaults={"is_leadership": leadership, "rank": rank}
        )
    end_old = MERGER_DAY - timedelta(days=1)
    province_old = _org(
        kind=OrganizationKind.PROVINCE,
        code="UBND-YB",
        name="Ủy ban nhân dân tỉnh Yên Bái",
        short_name="UBND tỉnh Yên Bái",
        symbol="UBND",
        place_name="Yên Bái",
        valid_from=date(1991, 10, 1),
        valid_to=end_old,
    )
    province_new = _org(
        kind=OrganizationKind.PROVINCE,
        code="UBND-LC",
        name="Ủy ban nhân dân tỉnh Lào Cai",
        short_name="UBND tỉnh Lào Cai",
        symbol="UBND",
        place_name="Lào Cai",
        valid_from=MERGER_DAY,
    )
    department = _org(
        kind=OrganizationKind.AGENCY,
        parent=province_old,
        code="YB-SKHCN",
        name="Sở Khoa học và Công nghệ tỉnh Yên Bái",
        short_name="Sở KH&CN Yên Bái",
        symbol="SKHCN",
        place_name="Yên Bái",
        valid_from=date(1992, 1, 1),
        valid_to=end_old,
    )
    successor = _org(
        kind=OrganizationKind.AGENCY,
        parent=province_new,
        code="LC-SKHCN",
        name="Sở Khoa học và Công nghệ tỉnh Lào Cai",
        short_name="Sở KH&CN Lào Cai",
        symbol="SKHCN",
        place_name="Lào Cai",
        valid_from=MERGER_DAY,
    )
    units: dict[str, Organization] = {}
    successor_units: dict[str, Organization] = {}
    for suffix, name, short, kind, *_rest in DEPARTMENT_UNITS:
        units[suffix] = _org(
            kind=kind,
            parent=department,
            code=f"YB-SKHCN-{suffix}",
            name=name,
            short_name=short,
            symbol=suffix,
            valid_from=date(2008, 1, 1),
            valid_to=end_old,
        )
        successor_units[suffix] = _org(
            kind=kind,
            parent=successor,
            code=f"LC-SKHCN-{suffix}",
            name=name,
            short_name=short,
            symbol=suffix,
            valid_from=MERGER_DAY,
        )
    for code, name in (
        ("CD", "Công đoàn cơ sở Sở Khoa học và Công nghệ"),
        ("DTN", "Chi đoàn thanh niên Sở Khoa học và Công nghệ"),
    ):
        units[code] = _org(
            kind=OrganizationKind.UNION,
            parent=department,
            code=f"YB-SKHCN-{code}",
            name=name,
            short_name=name.split(" Sở")[0],
            valid_from=date(2008, 1, 1),
            valid_to=end_old,
        )
        successor_units[code] = _org(
            kind=OrganizationKind.UNION,
            parent=successor,
            code=f"LC-SKHCN-{code}",
            name=name,
            short_name=name.split(" Sở")[0],
            valid_from=MERGER_DAY,
        )

    merger = Restructuring.objects.create(
        kind=RestructuringKind.MERGER,
        effective_on=MERGER_DAY,
        successor=province_new,
        decision="Nghị quyết số 202/2025/QH15 ngày 12/6/2025 của Quốc hội về việc sắp xếp đơn vị hành chính cấp tỉnh",
        note="Tỉnh Yên Bái hợp nhất vào tỉnh Lào Cai.",
    )
    merger.predecessors.add(province_old)
    dept_merger = Restructuring.objects.create(
        kind=RestructuringKind.MERGER,
        effective_on=MERGER_DAY,
        successor=successor,
        decision="Quyết định của UBND tỉnh Lào Cai về việc thành lập Sở Khoa học và Công nghệ tỉnh Lào Cai",
        note="Sở Khoa học và Công nghệ tỉnh Yên Bái hợp nhất vào Sở Khoa học và Công nghệ tỉnh Lào Cai.",
    )
    dept_merger.predecessors.add(department)
    for suffix, unit in units.items():
        r = Restructuring.objects.create(
            kind=RestructuringKind.MERGER, effective_on=MERGER_DAY, successor=successor_units[suffix]
        )
        r.predecessors.add(unit)

    agencies = [department]
    for index in range(extra_agencies):
        agency = _org(
            kind=OrganizationKind.AGENCY,
            parent=province_old,
            code=f"YB-AG{index + 1:03d}",
            name=f"Cơ quan mô phỏng số {index + 1}",
            short_name=f"CQ {index + 1}",
            symbol=f"CQ{index + 1}",
            valid_from=date(2000, 1, 1),
        )
        agencies.append(agency)
        for suffix, name, short, kind, *_rest in DEPARTMENT_UNITS:
            units[f"{agency.code}-{suffix}"] = _org(
                kind=kind,
                parent=agency,
                code=f"{agency.code}-{suffix}",
                name=name,
                short_name=short,
                symbol=suffix,
                valid_from=date(2000, 1, 1),
            )
    return DemoOrganizations(
        province_old, province_new, agencies, successor, units, successor_units, positions
    )


def _ethnicities() -> dict[str, Ethnicity]:
    # The migration loads the list; a flushed database (seed_demo --reset) needs it again.
    if Ethnicity.objects.count() < len(ETHNICITIES):
        for code, name in ETHNICITIES:
            Ethnicity.objects.update_or_create(code=code, defaults={"name": name})
    return {e.name: e for e in Ethnicity.objects.all()}


def _random_name(rng: random.Random, sex: str, ethnicity: str) -> tuple[str, str, str]:
    family = rng.choice(FAMILY_BY_ETHNICITY.get(ethnicity, FAMILY_BY_ETHNICITY["Kinh"]))
    middle = rng.choice(MIDDLE_M if sex == "M" else MIDDLE_F)
    given = rng.choice(GIVEN_M if sex == "M" else GIVEN_F)
    return family, middle, given


def build_people(
    *, rng: random.Random, orgs: DemoOrganizations, people: int, first_year: int, last_year: int
) -> list[Person]:
    """People with assignments from `first_year` on; a few transfers; the merger moves everyone on 2025-07-01."""
    ethnicities = _ethnicities()
    names = [n for n, _ in ETHNICITY_WEIGHTS]
    weights = [w for _, w in ETHNICITY_WEIGHTS]
    department = orgs.agencies[0]
    unit_specs = {spec[0]: spec for spec in DEPARTMENT_UNITS}

    # Slots: (unit code key, unit suffix, position name), the Department's first, then other agencies'.
    slots: list[tuple[str, str, str]] = [
        ("", "", "Giám đốc"),
        ("", "", "Phó Giám đốc"),
        ("", "", "Phó Giám đốc"),
    ]
    for suffix, _name, _short, _kind, head, deputy, staff, size in DEPARTMENT_UNITS:
        slots.append((suffix, suffix, head))
        slots.append((suffix, suffix, deputy))
        slots.extend((suffix, suffix, staff[i % len(staff)]) for i in range(size - 2))
    agency_codes = [a.code for a in orgs.agencies[1:]]
    index = 0
    while len(slots) < people:
        code = agency_codes[index % len(agency_codes)] if agency_codes else ""
        spec = DEPARTMENT_UNITS[index % len(DEPARTMENT_UNITS)]
        slots.append((f"{code}-{spec[0]}" if code else spec[0], spec[0], spec[6][index % len(spec[6])]))
        index += 1
    slots = slots[:people]

    fixed = {(unit, position): entry for entry in FIXED_PEOPLE for unit, position in [(entry[5], entry[6])]}
    persons: list[Person] = []
    plans: list[tuple[Person, str, str, date]] = []
    first_day = date(first_year, 1, 1)
    for number, (unit_key, _suffix, position) in enumerate(slots, start=1):
        entry = fixed.pop((unit_key, position), None)
        if entry:
            family, middle, given, sex, ethnicity = entry[:5]
        else:
            sex = "F" if rng.random() < 0.48 else "M"
            ethnicity = rng.choices(names, weights)[0]
            family, middle, given = _random_name(rng, sex, ethnicity)
        born = date(rng.randint(1965, 1998), rng.randint(1, 12), rng.randint(1, 28))
        # About one in eight joined during the period: newly recruited people are judged differently.
        if rng.random() < 0.12 and last_year > first_year:
            recruited = date(rng.randint(first_year + 1, last_year), rng.randint(1, 12), 1)
        else:
            recruited = date(
                rng.randint(min(born.year + 22, first_year - 1), first_year - 1), rng.randint(1, 12), 1
            )
        start = max(recruited, first_day)
        person = Person(
            family_name=family,
            middle_name=middle,
            given_name=given,
            sex=sex,
            date_of_birth=born,
            ethnicity=ethnicities.get(ethnicity),
            staff_code=f"CB{number:06d}",
            recruited_on=recruited,
        )
        person.refresh_derived()
        persons.append(person)
        plans.append((person, unit_key, position, start))
    Person.objects.bulk_create(persons, batch_size=2000)
    saved = {p.staff_code: p for p in Person.objects.filter(staff_code__in=[p.staff_code for p in persons])}

    assignments: list[Assignment] = []
    division_keys = [k for k in orgs.units if "-" not in k and k not in ("CD", "DTN")]
    for person, unit_key, position, start in plans:
        person = saved[person.staff_code]
        organization = department if unit_key == "" else orgs.units[unit_key]
        is_department_unit = organization.path.startswith(department.path)
        last_day = date(last_year, 12, 31)
        end = None
        if is_department_unit and last_year >= MERGER_DAY.year and organization.valid_to:
            end = organization.valid_to
        # A few mid-year transfers between the Department's divisions (two assignments in one year).
        if (
            is_department_unit
            and unit_key
            and position in unit_specs.get(unit_key, ("",) * 7)[6]
            and rng.random() < 0.05
            and last_year - first_year >= 2
        ):
            transfer_day = date(rng.randint(first_year + 1, min(last_year, 2024)), rng.choice([4, 7, 10]), 1)
            if transfer_day > start:
                target = orgs.units[rng.choice([k for k in division_keys if k != unit_key])]
                assignments.append(
                    Assignment(
                        person=person,
                        organization=organization,
                        position=orgs.positions[position],
                        start_on=start,
                        end_on=transfer_day - timedelta(days=1),
                        decision="Quyết định điều động",
                    )
                )
                organization, start = target, transfer_day
        successor = None
        if end is not None:
            successor = (
                orgs.successor_agency
                if organization.pk == department.pk
                else orgs.successor_units[next(k for k, u in orgs.units.items() if u.pk == organization.pk)]
            )
        if end is None or start <= end:
            assignments.append(
                Assignment(
                    person=person,
                    organization=organization,
                    position=orgs.positions[position],
                    start_on=start,
                    end_on=end,
                )
            )
        if successor is not None and end is not None and end < last_day:
            assignments.append(
                Assignment(
                    person=person,
                    organization=successor,
                    position=orgs.positions[position],
                    start_on=max(MERGER_DAY, start),
                    decision="Sắp xếp tổ chức từ 01/7/2025",
                )
            )
    Assignment.objects.bulk_create(assignments, batch_size=5000)
    orgs.people = list(saved.values())
    return orgs.people


def seed(demo: Any) -> str:
    """The demo step of this app (`registry.demo_step`): the tree, then the people; later steps read both."""
    demo.orgs = build_organizations(extra_agencies=demo.extra_agencies)
    demo.people = build_people(
        rng=demo.rng,
        orgs=demo.orgs,
        people=demo.people_count,
        first_year=demo.first_year,
        last_year=demo.last_year,
    )
    return f"{len(demo.people)} người"
