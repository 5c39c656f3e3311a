"""Demo initiatives: a cơ sở initiative behind each CSTĐCS, provincial ones for the chains, a few research
topics; planned by `thidua.appraisals.demo` so that they agree with the ratings and awards."""

import random
from decimal import Decimal
from typing import Any

from thidua.appraisals.demo import get_plan
from thidua.commendations.models import AwardRecord
from thidua.organizations.models import OrganizationKind, Person

from .models import Initiative, InitiativeAuthor

TOPICS = [
    "Ứng dụng phần mềm quản lý hồ sơ điện tử tại {unit}",
    "Cải tiến quy trình kiểm định phương tiện đo tại {unit}",
    "Số hóa cơ sở dữ liệu nhiệm vụ khoa học và công nghệ của {unit}",
    "Giải pháp rút ngắn thời gian giải quyết thủ tục hành chính tại {unit}",
    "Xây dựng bộ tiêu chí đánh giá hiệu quả ứng dụng tiến bộ kỹ thuật tại {unit}",
    "Nâng cao chất lượng thông tin thống kê khoa học và công nghệ tại {unit}",
    "Ứng dụng mã QR truy xuất nguồn gốc sản phẩm chủ lực của {province}",
    "Tổ chức lưu trữ, tra cứu văn bản điện tử dùng chung tại {unit}",
]


def _province(org_info: dict[int, tuple[int | None, str, str]], unit: int) -> str:
    """The unit's province as written in a sentence: "tỉnh Yên Bái" (from "Ủy ban nhân dân tỉnh Yên Bái")."""
    parent, kind, name = org_info[unit]
    while kind != OrganizationKind.PROVINCE and parent is not None:
        parent, kind, name = org_info[parent]
    return name.removeprefix("Ủy ban nhân dân ") if kind == OrganizationKind.PROVINCE else "tỉnh"


def build_initiatives(
    *, rng: random.Random, orgs: Any, people: list[Person], first_year: int, last_year: int
) -> str:
    plan = get_plan(rng=rng, orgs=orgs, people=people, first_year=first_year, last_year=last_year)
    wanted: list[tuple[tuple[int, int], str]] = [(k, "co_so") for k in sorted(plan.cstdcs | plan.spare_coso)]
    wanted += [(k, "tinh") for k in sorted(plan.tinh_initiatives)]
    initiatives: list[Initiative] = []
    author_plan: list[tuple[int, int]] = []
    for number, ((pid, year), level) in enumerate(wanted, start=1):
        unit = plan.units_of[(pid, year)]
        unit_name = plan.org_info[unit][2]
        agency = plan.org_info[plan.agency_of(unit)][2]
        kind = "research" if rng.random() < 0.1 else "initiative"
        recognized = f"{year}-{rng.randint(9, 12):02d}-{rng.randint(1, 28):02d}"
        initiatives.append(
            Initiative(
                code=f"{'SK' if kind == 'initiative' else 'DT'}-{year}-{number:05d}",
                # names of units and places keep their capitals ("Sở Khoa học và Công nghệ", "tỉnh Yên Bái")
                title=rng.choice(TOPICS).format(unit=unit_name, province=_province(plan.org_info, unit)),
                kind=kind,
                level=level,
                organization_id=unit,
                recognized_by=("Chủ tịch Ủy ban nhân dân tỉnh" if level == "tinh" else f"Giám đốc {agency}"),
                decision_number=f"{number}/QĐ-{'UBND' if level == 'tinh' else 'HĐSK'}",
                recognized_on=recognized,
                applied=True,
            )
        )
        author_plan.append((pid, 0))
    Initiative.objects.bulk_create(initiatives, batch_size=5000)
    ids = dict(Initiative.objects.filter(code__in=[i.code for i in initiatives]).values_list("code", "pk"))
    authors: list[InitiativeAuthor] = []
    people_ids = [p.pk for p in people]
    for initiative, (pid, _unused) in zip(initiatives, author_plan, strict=True):
        initiative_id = ids[initiative.code]
        if rng.random() < 0.25:  # a co-author with a smaller share
            other = rng.choice(people_ids)
            if other != pid:
                authors.append(
                    InitiativeAuthor(initiative_id=initiative_id, person_id=pid, share_pct=Decimal(70))
                )
                authors.append(
                    InitiativeAuthor(initiative_id=initiative_id, person_id=other, share_pct=Decimal(30))
                )
                continue
        authors.append(InitiativeAuthor(initiative_id=initiative_id, person_id=pid, share_pct=Decimal(100)))
    InitiativeAuthor.objects.bulk_create(authors, batch_size=5000)
    provincial = sum(1 for i in initiatives if i.level == "tinh")
    return f"{len(initiatives)} sáng kiến, đề tài ({provincial} cấp tỉnh), {len(authors)} tác giả"


def link_awards(
    *, rng: random.Random, orgs: Any, people: list[Person], first_year: int, last_year: int
) -> str:
    """After the awards (commendations' step): the award each main author's initiative supported."""
    # Each CSTĐCS used the person's cơ sở initiative of that year; each CSTĐ tỉnh the provincial one.
    award_ids = {
        (pid, year, code): pk
        for pk, pid, year, code in AwardRecord.objects.filter(code__in=["CSTDCS", "CSTD_TINH"]).values_list(
            "pk", "person_id", "year", "code"
        )
    }
    authors: list[InitiativeAuthor] = []
    for author in InitiativeAuthor.objects.filter(share_pct__gte=50).values_list(
        "pk", "person_id", "initiative__recognized_on", "initiative__level"
    ):
        pk, pid, recognized, level = author
        code = "CSTD_TINH" if level == "tinh" else "CSTDCS"
        award_id = award_ids.get((pid, recognized.year, code))
        if award_id is not None:
            authors.append(InitiativeAuthor(pk=pk, used_for_id=award_id))
    InitiativeAuthor.objects.bulk_update(authors, ["used_for"], batch_size=5000)
    return f"{len(authors)} sáng kiến gắn với danh hiệu"
