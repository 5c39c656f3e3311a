"""Demo award registry, planned by `thidua.appraisals.demo`: LĐTT, CSTĐCS, older CSTĐ tỉnh chains, and the
units' TTLĐTT / TTLĐXS; each CSTĐCS (and CSTĐ tỉnh) is marked as supported by its initiative."""

import random
from datetime import date
from typing import Any

from thidua.appraisals.demo import get_plan
from thidua.organizations.models import Person

from .models import AwardRecord


def build_awards(
    *, rng: random.Random, orgs: Any, people: list[Person], first_year: int, last_year: int
) -> str:
    plan = get_plan(rng=rng, orgs=orgs, people=people, first_year=first_year, last_year=last_year)
    decisions: dict[tuple[int, int, str], str] = {}

    def decision(agency: int, year: int, code: str, provincial: bool) -> tuple[str, date, str]:
        key = (agency, year, code)
        if key not in decisions:
            decisions[key] = f"{len(decisions) + 1:03d}/QĐ-{'UBND' if provincial else 'SKHCN'}"
        body = "Chủ tịch Ủy ban nhân dân tỉnh" if provincial else f"Giám đốc {plan.org_info[agency][2]}"
        return decisions[key], date(year + 1, 3 if provincial else 1, 20 if provincial else 15), body

    awards: list[AwardRecord] = []
    for code, keys, provincial in (
        ("LDTT", plan.ldtt, False),
        ("CSTDCS", plan.cstdcs, False),
        ("CSTD_TINH", plan.cstd_tinh, True),
    ):
        for pid, year in sorted(keys):
            agency = plan.agency_of(plan.units_of[(pid, year)])
            number, decided, body = decision(agency, year, code, provincial)
            awards.append(
                AwardRecord(
                    code=code,
                    person_id=pid,
                    year=year,
                    decision_number=number,
                    decided_on=decided,
                    deciding_body=body,
                )
            )
    collective = 0
    for (unit, year), rating in sorted(plan.collective.items()):
        if year >= last_year or rating == "HTNV":
            continue
        agency = plan.agency_of(unit)
        code = "TTLDXS" if rating == "HTXSNV" and rng.random() < 0.5 else "TTLDTT"
        number, decided, body = decision(agency, year, code, code == "TTLDXS")
        awards.append(
            AwardRecord(
                code=code,
                organization_id=unit,
                year=year,
                decision_number=number,
                decided_on=decided,
                deciding_body=body,
            )
        )
        collective += 1
    AwardRecord.objects.bulk_create(awards, batch_size=5000)

    return f"{len(awards) - collective} khen thưởng cá nhân, {collective} khen thưởng tập thể"
