"""Demo yearly facts for the Department (and any simulated agencies): ratings, months worked, leave,
discipline and collective appraisals, 2016–2025.

The patterns are planned here once (`FactPlan`, kept on the `orgs` object) so that the initiatives and the award
registry built by the next steps agree with them: most staff LĐTT each year, about one in eight CSTĐCS, a few
chains of three consecutive CSTĐCS with a provincial initiative (CSTĐ tỉnh candidates for the last complete
year), some chains of two without one (a step away), some maternity leave, a couple of disciplined people.
Everything is bulk-created: no per-row queries, deterministic for the seed.
"""

import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from thidua.organizations.models import Assignment, Organization, OrganizationKind, Person
from thidua.organizations.selectors import organization_members_on

from . import services
from .models import Appraisal, CollectiveAppraisal, Discipline, Leave, RegistrationStatus
from .months import months_worked_in_year

Key = tuple[int, int]  # (person id, year)

RATING_WEIGHTS = {
    "strong": (("HTXSNV", 45), ("HTTNV", 52), ("HTNV", 3)),
    "normal": (("HTXSNV", 14), ("HTTNV", 77), ("HTNV", 8), ("KHTNV", 1)),
    "weak": (("HTTNV", 55), ("HTNV", 38), ("KHTNV", 7)),
}


@dataclass
class FactPlan:
    """Who gets what in which year; shared with `initiatives.demo` and `commendations.demo`."""

    first_year: int
    last_year: int
    units_of: dict[Key, int] = field(default_factory=dict)  # appraising unit
    ratings: dict[Key, str] = field(default_factory=dict)
    months: dict[Key, int] = field(default_factory=dict)
    disciplined: set[Key] = field(default_factory=set)
    ldtt: set[Key] = field(default_factory=set)
    cstdcs: set[Key] = field(default_factory=set)
    cstd_tinh: set[Key] = field(default_factory=set)  # already awarded (older chains)
    tinh_initiatives: set[Key] = field(default_factory=set)
    spare_coso: set[Key] = field(default_factory=set)  # recognised, not (yet) used for an award
    collective: dict[tuple[int, int], str] = field(default_factory=dict)  # (unit id, year) → rating
    org_info: dict[int, tuple[int | None, str, str]] = field(
        default_factory=dict
    )  # id → (parent, kind, name)

    def agency_of(self, org_id: int) -> int:
        parent, kind, _name = self.org_info[org_id]
        if kind in (OrganizationKind.AGENCY, OrganizationKind.PROVINCE) or parent is None:
            return org_id
        return self.agency_of(parent)


def _weighted(rng: random.Random, table: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([v for v, _w in table], [w for _v, w in table])[0]


def plan_facts(*, rng: random.Random, people: list[Person], first_year: int, last_year: int) -> FactPlan:
    plan = FactPlan(first_year=first_year, last_year=last_year)
    plan.org_info = {
        pk: (parent, kind, name)
        for pk, parent, kind, name in Organization.objects.values_list("pk", "parent_id", "kind", "name")
    }
    periods: dict[int, list[tuple[date, date | None, int]]] = defaultdict(list)
    for pid, org_id, start, end in Assignment.objects.order_by("person_id", "start_on").values_list(
        "person_id", "organization_id", "start_on", "end_on"
    ):
        periods[pid].append((start, end, org_id))
    years = range(first_year, last_year + 1)
    complete = last_year - 1  # the last year whose awards are decided
    people = sorted(people, key=lambda p: p.staff_code)
    for person in people:
        spans = periods.get(person.pk, [])
        for year in years:
            months = months_worked_in_year(
                year=year,
                recruited_on=person.recruited_on,
                retired_on=person.retired_on,
                assignments=[(s, e) for s, e, _o in spans],
            )
            if months == 0:
                continue
            in_year = [
                o for s, e, o in spans if s <= date(year, 12, 31) and (e is None or e >= date(year, 1, 1))
            ]
            if not in_year:
                continue
            plan.units_of[(person.pk, year)] = in_year[-1]
            plan.months[(person.pk, year)] = months

    full = [
        p
        for p in people
        if all(plan.months.get((p.pk, y), 0) >= 10 for y in range(complete - 2, complete + 1))
    ]
    rng.shuffle(full)
    n = len(people)
    n_chain3 = max(3, n * 3 // 100)
    n_chain2 = max(3, n * 3 // 100)
    n_disc = max(2, n // 400)
    chain3, chain2 = full[:n_chain3], full[n_chain3 : n_chain3 + n_chain2]
    disciplined = full[n_chain3 + n_chain2 : n_chain3 + n_chain2 + n_disc]
    special = {p.pk for p in chain3 + chain2 + disciplined}
    old_chain = [
        p
        for p in full[n_chain3 + n_chain2 + n_disc :][: max(2, n // 100)]
        if first_year <= complete - 7
        and all(plan.months.get((p.pk, y), 0) >= 10 for y in range(complete - 7, complete - 4))
    ]
    special |= {p.pk for p in old_chain}

    for person in people:
        profile = (
            "strong"
            if person.pk in special
            else _weighted(rng, (("strong", 20), ("normal", 72), ("weak", 8)))
        )
        for year in years:
            key = (person.pk, year)
            if key not in plan.months:
                continue
            plan.ratings[key] = _weighted(rng, RATING_WEIGHTS[profile])
    for person in chain3:
        for year in range(complete - 2, complete + 1):
            plan.ratings[(person.pk, year)] = "HTXSNV"
            plan.cstdcs.add((person.pk, year))
        plan.tinh_initiatives.add((person.pk, rng.choice(range(complete - 2, complete + 1))))
    for person in chain2:
        for year in range(complete - 1, complete + 1):
            plan.ratings[(person.pk, year)] = "HTXSNV"
            plan.cstdcs.add((person.pk, year))
    for person in old_chain:
        for year in range(complete - 7, complete - 4):
            plan.ratings[(person.pk, year)] = "HTXSNV"
            plan.cstdcs.add((person.pk, year))
        plan.tinh_initiatives.add((person.pk, complete - 5))
        plan.cstd_tinh.add((person.pk, complete - 5))
    for person in disciplined:
        year = rng.choice([y for y in years if (person.pk, y) in plan.months])
        plan.disciplined.add((person.pk, year))
        plan.ratings[(person.pk, year)] = "HTNV"

    for key, rating in plan.ratings.items():
        pid, year = key
        if year > complete or key in plan.disciplined or rating not in ("HTXSNV", "HTTNV"):
            continue
        if plan.months[key] < (10 if year <= 2023 else 6):
            continue
        plan.ldtt.add(key)
        if rating == "HTXSNV" and pid not in special and rng.random() < 0.5:
            plan.cstdcs.add(key)
        elif rating == "HTXSNV" and rng.random() < 0.08:
            plan.spare_coso.add(key)
    plan.cstdcs &= plan.ldtt
    for key, rating in plan.ratings.items():
        if key[1] == last_year and rating == "HTXSNV" and rng.random() < 0.6:
            plan.spare_coso.add(key)  # candidates for the current year's CSTĐCS

    units = [
        pk
        for pk, (_parent, kind, _name) in plan.org_info.items()
        if kind in (OrganizationKind.DIVISION, OrganizationKind.UNIT)
    ]
    validity = dict(Organization.objects.filter(pk__in=units).values_list("pk", "valid_to"))
    starts = dict(Organization.objects.filter(pk__in=units).values_list("pk", "valid_from"))
    for unit in sorted(units):
        for year in years:
            end, valid_to = date(year, 12, 31), validity[unit]
            if starts[unit] > end or (valid_to is not None and valid_to < end):
                continue
            plan.collective[(unit, year)] = _weighted(rng, (("HTXSNV", 30), ("HTTNV", 64), ("HTNV", 6)))
    return plan


def get_plan(
    *, rng: random.Random, orgs: Any, people: list[Person], first_year: int, last_year: int
) -> FactPlan:
    plan = getattr(orgs, "fact_plan", None)
    if plan is None:
        plan = plan_facts(rng=rng, people=people, first_year=first_year, last_year=last_year)
        orgs.fact_plan = plan
    return plan


def build_facts(
    *, rng: random.Random, orgs: Any, people: list[Person], first_year: int, last_year: int
) -> str:
    plan = get_plan(rng=rng, orgs=orgs, people=people, first_year=first_year, last_year=last_year)
    sex = {p.pk: (p.sex, p.date_of_birth) for p in people}
    appraisals = [
        Appraisal(
            person_id=pid,
            year=year,
            organization_id=plan.units_of[(pid, year)],
            rating=rating,
            months_worked=plan.months[(pid, year)],
        )
        for (pid, year), rating in sorted(plan.ratings.items())
    ]
    Appraisal.objects.bulk_create(appraisals, batch_size=5000)

    leaves: list[Leave] = []
    for pid, year in sorted(plan.ratings):
        person_sex, born = sex[pid]
        roll = rng.random()
        if person_sex == "F" and born and 23 <= year - born.year <= 40 and roll < 0.05:
            start = date(year, rng.randint(1, 6), rng.randint(1, 28))
            leaves.append(
                Leave(
                    person_id=pid,
                    year=year,
                    kind="maternity",
                    start_on=start,
                    end_on=start + timedelta(days=182),
                    working_days=rng.randint(120, 130),
                )
            )
        elif roll < 0.07:
            start = date(year, rng.randint(1, 11), rng.randint(1, 20))
            days = rng.randint(3, 25)
            leaves.append(
                Leave(
                    person_id=pid,
                    year=year,
                    kind="sick",
                    start_on=start,
                    end_on=start + timedelta(days=days + days // 5 * 2),
                    working_days=days,
                )
            )
        elif roll < 0.075:
            start = date(year, 9, 1)
            leaves.append(
                Leave(
                    person_id=pid,
                    year=year,
                    kind="study",
                    start_on=start,
                    end_on=date(year, 12, 31),
                    working_days=85,
                    duration_months=4,
                    study_result="kha",
                )
            )
    Leave.objects.bulk_create(leaves, batch_size=5000)

    disciplines = []
    for number, (pid, year) in enumerate(sorted(plan.disciplined), start=1):
        decided = date(year, rng.randint(3, 9), rng.randint(1, 28))
        form = rng.choice(["khien_trach", "canh_cao"])
        disciplines.append(
            Discipline(
                person_id=pid,
                form=form,
                decision_number=f"{number:02d}/QĐ-KL",
                decided_on=decided,
                effective_from=decided,
                effective_to=decided + timedelta(days=365 if form == "khien_trach" else 730),
                reason="Vi phạm quy chế làm việc của cơ quan (dữ liệu mẫu).",
            )
        )
    Discipline.objects.bulk_create(disciplines)

    collectives = [
        CollectiveAppraisal(
            organization_id=unit,
            year=year,
            rating=rating,
            results="Hoàn thành các chỉ tiêu, nhiệm vụ được giao (dữ liệu mẫu).",
        )
        for (unit, year), rating in sorted(plan.collective.items())
    ]
    CollectiveAppraisal.objects.bulk_create(collectives, batch_size=5000)
    return (
        f"{len(appraisals)} xếp loại, {len(leaves)} lượt nghỉ, {len(disciplines)} kỷ luật, "
        f"{len(collectives)} đánh giá tập thể"
    )


def build_registration_round(
    *, rng: random.Random, orgs: Any, people: list[Person], first_year: int, last_year: int
) -> str:
    """The coming year's registration, opened by the successor Department, in the states an office sees in a
    real round: one unit sent, one returned with a reason, the others still to send (the dashboards show them).

    The round is dated from today (the demo shows pending work): late in the year, the next year's round with
    its deadline at the end of January; otherwise this year's with three weeks to go."""
    today = timezone.localdate()
    year = today.year + 1 if today.month >= 10 else today.year
    deadline = date(year, 1, 31) if year > today.year else today + timedelta(days=21)
    round_ = services.registration_round_open(
        actor=None,
        organization=orgs.successor_agency,
        year=year,
        deadline=deadline,
        note="Các phòng, đơn vị đăng ký danh hiệu thi đua cá nhân, tập thể và gửi cam kết thi đua.",
    )
    by_unit = {r.unit_id: r for r in round_.registrations.all()}

    def register(suffix: str, *, send: bool, return_reason: str = "") -> None:
        unit = orgs.successor_units[suffix]
        registration = by_unit[unit.pk]
        members = [a.person for a in organization_members_on(organization=unit, day=today)]
        codes = {p.pk: ("CSTDCS" if i == 0 else "LDTT") for i, p in enumerate(members[:6])}
        services.registration_save(
            actor=None,
            registration=registration,
            commitments="Hoàn thành xuất sắc nhiệm vụ được giao; có ít nhất một sáng kiến được công nhận.",
            collective_codes=["TTLDTT"],
            person_codes=codes,
        )
        if send:
            services.registration_transition(actor=None, registration=registration, action="send")
        if return_reason:
            services.registration_transition(
                actor=None, registration=registration, action="return", reason=return_reason
            )

    register("VP", send=True)
    register("QLKH", send=True, return_reason="Bổ sung bản cam kết thi đua có chữ ký của Trưởng phòng.")
    sent = round_.registrations.filter(status=RegistrationStatus.SENT).count()
    return f"đăng ký thi đua năm {year}: {sent} đã gửi, 1 trả lại, hạn {deadline:%d/%m/%Y}"
