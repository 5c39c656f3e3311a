"""Demo nominations: the Department's (Sở KH&CN Yên Bái) 2024 proposals, made in January 2025.

Three units send a tờ trình each to the Department's standing office (the head of the Phòng Quản lý khoa học,
the Văn phòng Sở, and a third unit — the one holding a CSTĐ tỉnh candidate when there is one): CSTĐCS for people
rated HTXSNV in 2024 who have no CSTĐCS yet, Giấy khen, a collective TTLĐXS, one CSTĐ tỉnh (a person with three
CSTĐCS in a row), and an LĐTT line for someone the registry did not award. Every line goes through the services,
so it carries the engine's verdict of that moment. The office returns one Giấy khen line for a fuller
achievement summary (the unit corrects it and proposes it again), returns the LĐTT line that does not meet the
standard (the unit withdraws it), accepts the other lines and then the batches — ready for disclosure
(thidua.disclosure, step 80) and the council (thidua.council, step 85).

The award registry of the demo already holds the Department's 2024 LĐTT, CSTĐCS and collective titles decided on
15/01/2025 (thidua.commendations.demo): the lines here are chosen among the achievements not yet rewarded, as
one achievement – one award requires. Two steps: the batches and lines are written (70), the dossier step (75)
records the 2024 paper dossiers, then the units send the batches with every check (78) and the office checks them.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError

from thidua.accounts.models import User
from thidua.appraisals.models import Appraisal
from thidua.commendations.models import AwardRecord, AwardStatus
from thidua.organizations.models import Organization, Person
from thidua.organizations.selectors import judging_units_for
from thidua.rules.services import unit_evaluations

from . import services
from .models import BatchStatus, Nomination, NominationStatus, ProposalBatch

YEAR = 2024
TZ = ZoneInfo("Asia/Ho_Chi_Minh")

ACHIEVEMENTS = {
    "CSTDCS": (
        "Hoàn thành xuất sắc nhiệm vụ năm 2024; chủ trì thẩm định 12 nhiệm vụ khoa học và công nghệ cấp tỉnh đúng "
        "tiến độ; sáng kiến cải tiến quy trình tiếp nhận hồ sơ được Hội đồng sáng kiến cơ sở công nhận."
    ),
    "GIAY_KHEN": (
        "Hoàn thành tốt nhiệm vụ được giao năm 2024; tích cực tham gia phong trào thi đua chuyển đổi số của Sở."
    ),
    "GIAY_KHEN_FULL": (
        "Hoàn thành tốt nhiệm vụ được giao năm 2024: số hóa 1.250 hồ sơ lưu trữ, hướng dẫn 6 phòng, đơn vị sử "
        "dụng hệ thống quản lý văn bản; được Sở đánh giá hoàn thành tốt nhiệm vụ, không có sai sót."
    ),
    "LDTT": "Hoàn thành nhiệm vụ được giao năm 2024.",
    "TTLDXS": (
        "Tập thể hoàn thành xuất sắc nhiệm vụ năm 2024: 100% nhiệm vụ đúng tiến độ, có cá nhân đạt Chiến sĩ thi đua "
        "cơ sở; nội bộ đoàn kết, không có cá nhân vi phạm kỷ luật."
    ),
    "CSTD_TINH": (
        "Ba năm liên tục (2022–2024) đạt Chiến sĩ thi đua cơ sở; sáng kiến được công nhận có phạm vi ảnh hưởng "
        "cấp tỉnh; hoàn thành xuất sắc nhiệm vụ."
    ),
}
RETURN_SUMMARY = "Tóm tắt thành tích chưa nêu rõ kết quả công tác năm 2024; đề nghị bổ sung số liệu cụ thể."
RETURN_LDTT = "Xếp loại năm 2024 chưa đạt hoàn thành tốt nhiệm vụ: không đủ tiêu chuẩn Lao động tiên tiến."


def present() -> bool:
    return ProposalBatch.objects.exists()


def _user(username: str) -> User | None:
    return User.objects.filter(username=username).first()


def _at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour, 0), tzinfo=TZ)


def _members(unit: Organization) -> list[Person]:
    ids = [pk for pk, judged in judging_units_for(year=YEAR, organization=unit).items() if judged == unit.pk]
    return list(Person.objects.filter(pk__in=ids).order_by("sort_key"))


def _awarded(code: str) -> set[int]:
    return set(
        AwardRecord.objects.filter(code=code, year=YEAR, status=AwardStatus.ACTIVE).values_list(
            "person_id", flat=True
        )
    )


def _cstd_tinh_candidates(department: Organization) -> list[tuple[int, int]]:
    """(person, unit) of the Department's people with CSTĐCS in 2022, 2023 and 2024 and no CSTĐ tỉnh for 2024."""
    runs: dict[int, set[int]] = {}
    for person_id, year in AwardRecord.objects.filter(
        code="CSTDCS", year__in=(2022, 2023, 2024), status=AwardStatus.ACTIVE, person__isnull=False
    ).values_list("person_id", "year"):
        runs.setdefault(person_id, set()).add(year)
    chained = sorted(pk for pk, years in runs.items() if len(years) == 3) if runs else []
    chained = [pk for pk in chained if pk not in _awarded("CSTD_TINH")]
    judged = judging_units_for(year=YEAR, person_ids=chained)
    inside = set(
        Organization.objects.filter(
            pk__in=set(judged.values()), path__startswith=department.path
        ).values_list("pk", flat=True)
    )
    return [(pk, judged[pk]) for pk in chained if judged.get(pk) in inside]


def _try_add(lines: list, **kwargs: Any) -> Nomination | None:
    try:
        line = services.nomination_add(check_permission=False, **kwargs)
    except ValidationError:
        return None
    lines.append(line)
    return line


def build_nominations(
    *, rng: random.Random, orgs: Any, people: Any, first_year: int, last_year: int
) -> str | None:
    if not first_year <= YEAR <= last_year:
        return "bỏ qua: dữ liệu mẫu không có năm 2024"
    department = orgs.agencies[0]
    units = orgs.units
    officer, head = _user("vanphong"), _user("truongphong")
    cstd_tinh = _cstd_tinh_candidates(department)
    third = next((units_id for _pk, units_id in cstd_tinh), None)
    chosen: list[tuple[Organization, User | None, date]] = [
        (units["QLKH"], head, date(2025, 1, 8)),
        (units["VP"], officer, date(2025, 1, 9)),
    ]
    extra = Organization.objects.filter(pk=third).first() if third else None
    if extra is None or extra.pk in (units["QLKH"].pk, units["VP"].pk):
        extra = units["CCTDC"]
    chosen.append((extra, None, date(2025, 1, 10)))

    cstdcs_done, ldtt_done = _awarded("CSTDCS"), _awarded("LDTT")
    ratings = dict(Appraisal.objects.filter(year=YEAR).values_list("person_id", "rating"))
    collective_done = set(
        AwardRecord.objects.filter(code="TTLDXS", year=YEAR, status=AwardStatus.ACTIVE).values_list(
            "organization_id", flat=True
        )
    )
    # The collective proposed for TTLĐXS: the first of the units that meets the standard, else the first not
    # yet awarded (the council will judge it).
    candidates = [unit for unit, _actor, _day in chosen if unit.pk not in collective_done]
    collective = next(
        (
            unit
            for unit in candidates
            if unit_evaluations(organization=unit, year=YEAR, codes=("TTLDXS",))[0].verdict
            in ("eligible", "needs_council_judgement")
        ),
        candidates[0] if candidates else None,
    )
    batches: list[tuple[ProposalBatch, list[Nomination], User | None, date]] = []
    ldtt_line = summary_line = None
    for index, (unit, actor, dated) in enumerate(chosen, start=1):
        batch = services.batch_create(
            actor=actor,
            unit=unit,
            year=YEAR,
            dated=dated,
            number=f"{index:02d}/TTr-{unit.symbol or 'DV'}",
            title=f"Tờ trình đề nghị khen thưởng thành tích năm 2024 của {unit.name}",
            check_permission=False,
        )
        members = _members(unit)
        lines: list[Nomination] = []
        common = {"actor": actor, "batch": batch}
        for person in [p for p in members if ratings.get(p.pk) == "HTXSNV" and p.pk not in cstdcs_done][:2]:
            _try_add(lines, **common, code="CSTDCS", person=person, achievement=ACHIEVEMENTS["CSTDCS"])
        proposed = {line.person_id for line in lines}
        for person in [
            p for p in members if p.pk not in proposed and ratings.get(p.pk) in ("HTXSNV", "HTTNV")
        ][:2]:
            line = _try_add(
                lines, **common, code="GIAY_KHEN", person=person, achievement=ACHIEVEMENTS["GIAY_KHEN"]
            )
            if line is not None and summary_line is None:
                summary_line = line
        if ldtt_line is None:
            for person in [p for p in members if p.pk not in ldtt_done and p.pk in ratings]:
                ldtt_line = _try_add(
                    lines, **common, code="LDTT", person=person, achievement=ACHIEVEMENTS["LDTT"]
                )
                if ldtt_line is not None:
                    break
        if unit == collective:
            _try_add(lines, **common, code="TTLDXS", organization=unit, achievement=ACHIEVEMENTS["TTLDXS"])
        for person_id, unit_id in cstd_tinh[:1]:
            if unit_id == unit.pk:
                _try_add(
                    lines,
                    **common,
                    code="CSTD_TINH",
                    person=Person.objects.get(pk=person_id),
                    achievement=ACHIEVEMENTS["CSTD_TINH"],
                )
        if not lines:
            services.batch_transition(actor=actor, batch=batch, action="withdraw", check_permission=False)
            continue
        batches.append((batch, lines, actor, dated))

    count = sum(len(lines) for _batch, lines, _actor, _dated in batches)
    return f"{len(batches)} tờ trình, {count} đề nghị (bản nháp; hồ sơ ở bước sau)"


def send_nominations(
    *, rng: random.Random, orgs: Any, people: Any, first_year: int, last_year: int
) -> str | None:
    """The units send their batches once the dossier step has recorded the paper dossiers (every check of
    `SUBMIT_CHECKS` applies), then the office checks the lines."""
    if not first_year <= YEAR <= last_year:
        return "bỏ qua: dữ liệu mẫu không có năm 2024"
    officer = _user("vanphong")
    batches: list[tuple[ProposalBatch, list[Nomination], User | None, date]] = []
    drafts = ProposalBatch.objects.filter(year=YEAR, status=BatchStatus.DRAFT).select_related("created_by")
    for batch in drafts.order_by("dated", "pk"):
        actor, dated = batch.created_by, batch.dated or date(2025, 1, 10)
        services.batch_transition(actor=actor, batch=batch, action="submit", on=dated, check_permission=False)
        batches.append((batch, list(batch.nominations.order_by("pk")), actor, dated))
    lines_all = [line for _b, lines, _a, _d in batches for line in lines]
    ldtt_line = next((line for line in lines_all if line.code == "LDTT"), None)
    summary_line = next((line for line in lines_all if line.code == "GIAY_KHEN"), None)

    # The office checks every line in the days after: one Giấy khen line back for a fuller summary, the LĐTT
    # line back as not meeting the standard; the unit corrects the first and withdraws the second.
    for batch, lines, actor, dated in batches:
        for line in lines:
            line.refresh_from_db()
            if line.status != NominationStatus.PROPOSED:
                continue
            if line in (summary_line, ldtt_line):
                reason = RETURN_SUMMARY if line == summary_line else RETURN_LDTT
                services.nomination_transition(
                    actor=officer, nomination=line, action="return", reason=reason, check_permission=False
                )
                if line == summary_line:
                    services.nomination_update(
                        actor=actor,
                        nomination=line,
                        achievement=ACHIEVEMENTS["GIAY_KHEN_FULL"],
                        check_permission=False,
                    )
                    services.nomination_transition(
                        actor=actor, nomination=line, action="propose", check_permission=False
                    )
                else:
                    services.nomination_transition(
                        actor=actor, nomination=line, action="withdraw", check_permission=False
                    )
                    continue
            services.nomination_transition(
                actor=officer, nomination=line, action="accept", check_permission=False
            )
        services.batch_transition(actor=officer, batch=batch, action="accept", check_permission=False)
        accepted_on = date(2025, 1, dated.day + 6)
        ProposalBatch.objects.filter(pk=batch.pk).update(
            submitted_at=_at(dated, 15), accepted_at=_at(accepted_on, 10)
        )
    count = Nomination.objects.filter(batch__in=[b for b, *_rest in batches]).count()
    accepted = Nomination.objects.filter(
        batch__in=[b for b, *_rest in batches], status=NominationStatus.ACCEPTED
    ).count()
    return f"{len(batches)} tờ trình, {count} đề nghị ({accepted} được chấp nhận)"
