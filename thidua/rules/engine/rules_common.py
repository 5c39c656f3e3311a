"""Building blocks shared by the rule sets: the evaluation context, per-era parameters and fact checks.

Each rule set (`rules_e1`, `rules_e2`, `rules_e3`) supplies its own legal-basis strings (`Ctx.basis`); the
checks here are parameterised by them and by the era's configuration (`Ctx.params`). Everything is plain Python
over precomputed sets: no regexes, no copies, no allocation beyond the reasons themselves.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from . import codes
from .config import RuleConfig
from .eras import RuleSet
from .facts import Discipline, Initiative, SubjectFacts, YearFacts
from .result import Reason

HTXSNV, HTTNV, HTNV = 0, 1, 2  # rating ranks


@dataclass(frozen=True, slots=True)
class Params:
    """Configuration values resolved for one era (built once per config and era)."""

    min_months: float
    working_days_per_month: float
    absence_max_days: int | None
    leave_counts: Mapping[str, bool | None]
    study_long_requires_kha: bool
    discipline_min_rank: int
    discipline_min_form: str
    discipline_period_months: Mapping[str, int | None]
    block_pending: bool
    count_from_period_end: bool
    ttldtt_no_canh_cao: bool
    sector: Mapping[str, Any]
    co_tinh_flag_standards: bool
    cycle_years: int
    bk_tinh_d_min: int
    bk_tinh_d_used_up: bool
    bk_tinh_d_max_years: int
    bk_ttg_e1_min: int
    hcld3_e1_min: int
    window_from_decision: bool
    lower_award_inside_window: bool
    one_award_across_forms: bool
    pre_2024_counts: bool
    law_2022_first_year: int
    exclude_one_off: bool
    toan_quoc_next_year_only: bool
    single_use: bool
    reserve_years: int
    cstdcs_requires_initiative: bool
    outstanding_judgement: bool


def params(config: RuleConfig, era: str) -> Params:
    cache = config.params_cache()
    resolved = cache.get(era)
    if resolved is None:
        get = config.get
        form = get("ldtt.discipline_min_form", era)
        sectors = get("collective.sector_thresholds")
        sector = sectors.get(get("collective.sector")) or sectors["chung"]
        resolved = cache[era] = Params(
            min_months=float(get("ldtt.min_months_employed", era)),
            working_days_per_month=float(get("ldtt.working_days_per_month", era)),
            absence_max_days=get("ldtt.absence_max_days", era),
            leave_counts={
                "maternity": get("ldtt.maternity_counts", era),
                "sick": get("ldtt.sick_counts", era),
                "study": True,  # short and long training count (long: with the result condition below)
                "military": get("ldtt.military_counts", era),
                "unpaid": get("ldtt.unpaid_counts", era),
                "other": get("ldtt.other_counts", era),
            },
            study_long_requires_kha=bool(get("ldtt.study_long_requires_kha", era)),
            discipline_min_rank=codes.DISCIPLINE_RANK[form],
            discipline_min_form=form,
            discipline_period_months=get("discipline.default_period_months") or {},
            block_pending=bool(get("discipline.block_while_pending", era)),
            count_from_period_end=bool(get("discipline.count_from_period_end", era)),
            ttldtt_no_canh_cao=bool(get("ttldtt.no_canh_cao_member", era)),
            sector=sector,
            co_tinh_flag_standards=bool(get("co_tinh.flag_standards", era)),
            cycle_years=int(get("cstd_tinh.cycle_years", era)),
            bk_tinh_d_min=int(get("bang_khen_tinh.d_min_initiatives", era)),
            bk_tinh_d_used_up=bool(get("bang_khen_tinh.d_cstdcs_initiatives_used_up", era)),
            bk_tinh_d_max_years=max(2, int(get("bang_khen_tinh.d_max_years", era) or 2)),
            bk_ttg_e1_min=int(get("bang_khen_ttg.e1_min_initiatives", era)),
            hcld3_e1_min=int(get("hcld_3.e1_min_initiatives", era)),
            window_from_decision=get("chain.window_start", era) == "decision_year",
            lower_award_inside_window=bool(get("chain.lower_award_inside_window", era)),
            one_award_across_forms=bool(get("one_award.across_forms", era)),
            pre_2024_counts=bool(get("chain.pre_2024_counts", era)),
            law_2022_first_year=get("era.e2_start").year,
            exclude_one_off=bool(get("chain.exclude_one_off_and_thematic", era)),
            toan_quoc_next_year_only=bool(get("timing.cstd_toan_quoc_next_year_only", era)),
            single_use=bool(get("initiative.single_use", era)),
            reserve_years=int(get("initiative.reserve_years", era) or 0),
            cstdcs_requires_initiative=bool(get("law.watch.cstdcs_requires_initiative", era)),
            outstanding_judgement=bool(get("council.outstanding_as_judgement", era)),
        )
    return resolved


@dataclass(frozen=True, slots=True)
class Ctx:
    """Everything a predicate needs: the subject, the year judged, the act date, the era and its bases."""

    subject: SubjectFacts
    code: str
    year: int
    year_facts: YearFacts
    as_of: dt.date
    as_of_given: bool
    rule_set: RuleSet
    params: Params
    basis: Mapping[str, str]  # legal bases of the era, by key
    rules: Mapping[str, Callable[[Ctx], list[Reason]]]  # the era's rules (for inline evaluation)
    track: str = codes.DEFAULT_TRACK

    def for_subject(self, subject: SubjectFacts, code: str | None = None) -> Ctx:
        return Ctx(
            subject,
            code or self.code,
            self.year,
            subject.year(self.year),
            self.as_of,
            self.as_of_given,
            self.rule_set,
            self.params,
            self.basis,
            self.rules,
            codes.DEFAULT_TRACK,
        )

    def years_to_act(self) -> list[int]:
        """Complete years after the judged year and before the act ("liên tục đến thời điểm đề nghị")."""
        return list(range(self.year + 1, self.as_of.year))


# ----------------------------------------------------------------------------------------- formatting


def fmt_date(d: dt.date) -> str:
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


def fmt_count(n: int) -> str:
    """Vietnamese legal style for small counts: 03 lần, 02 năm."""
    return f"{n:02d}"


def fmt_months(m: float) -> str:
    return f"{m:.0f}" if abs(m - round(m)) < 0.05 else f"{m:.1f}".replace(".", ",")


def years_list(years: Iterable[int]) -> str:
    return ", ".join(str(y) for y in years)


def initiative_level(ctx: Ctx, initiative: Initiative) -> str:
    """The initiative's scope on the act date (a later, wider recognition counts: contract 1.1 `scopes`)."""
    return initiative.level_on(ctx.as_of) if initiative.scopes else initiative.level


def initiative_label(initiative: Initiative, level: str | None = None) -> str:
    what = "đề tài" if initiative.kind == "research" else "sáng kiến"
    ident = f" {initiative.id}" if initiative.id else ""
    recognized = initiative.recognized_on
    when = f"công nhận ngày {fmt_date(recognized)}" if recognized else f"năm {initiative.year}"
    shown = level or initiative.level
    wider = f", sau đó được công nhận {codes.LEVEL_NAMES[shown]}" if shown != initiative.level else ""
    return f"{what}{ident} {codes.LEVEL_NAMES[initiative.level]} ({when}{wider})"


# -------------------------------------------------------------------------------------------- facts


def rating_rank(year_facts: YearFacts) -> int | None:
    return None if year_facts.rating is None else codes.RATING_RANK[year_facts.rating]


def held(ctx: Ctx, subject: SubjectFacts, year: int, code: str) -> bool:
    """Whether `subject` holds `code` for `year` in a way that feeds merit chains (legal-rules §4.1)."""
    year_facts = subject.years.get(year)
    if year_facts is None:
        return False
    if not ctx.params.pre_2024_counts and year < ctx.params.law_2022_first_year <= ctx.year:
        return False
    return code in (year_facts.chain_codes if ctx.params.exclude_one_off else year_facts.award_codes)


def usable_initiatives(
    ctx: Ctx,
    subject: SubjectFacts,
    first_year: int,
    last_year: int,
    min_level: str,
    kind: str | None = None,
) -> list[Initiative]:
    """Initiatives recognised in [first_year, last_year] at `min_level` or above by the act date (a later,
    wider recognition counts), not used for another award.

    Deterministic order (highest level first, then date, then id) so texts do not depend on input order.
    """
    need = codes.LEVEL_RANK[min_level]
    target = (ctx.code, ctx.year)
    found: list[Initiative] = []
    years = subject.years
    single_use = ctx.params.single_use
    for year in range(first_year, last_year + 1):
        year_facts = years.get(year)
        if year_facts is None or not year_facts.initiatives:
            continue
        for initiative in year_facts.initiatives:
            if codes.LEVEL_RANK[initiative_level(ctx, initiative)] < need:
                continue
            if kind is not None and initiative.kind != kind:
                continue
            if single_use and initiative.used_for is not None and initiative.used_for != target:
                continue
            found.append(initiative)
    if len(found) > 1:
        found.sort(
            key=lambda i: (
                -codes.LEVEL_RANK[initiative_level(ctx, i)],
                i.recognized_on or dt.date(i.year, 12, 31),
                i.id or "",
            )
        )
    return found


def months_at_work(ctx: Ctx, subject: SubjectFacts, year_facts: YearFacts) -> float:
    """Months at work in the year: `months_worked` (leave excluded) plus the leave the law counts as worked,
    capped, in the year work started, by the months since the first day at the agency (contract included)."""
    year = year_facts.year
    months = year_facts.months_worked
    if year_facts.months_worked_given and year_facts.leave:
        per_month = ctx.params.working_days_per_month
        for leave in year_facts.leave:
            if leave.working_days and _leave_counts(ctx, leave) is True:
                months += leave.working_days / per_month
        months = min(months, 12.0)
    start = subject.started_on
    if start is not None:
        if start.year > year:
            return 0.0
        if start.year == year:
            days_in_year = 366 if (year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)) else 365
            since = (dt.date(year + 1, 1, 1) - start).days * 12 / days_in_year
            months = min(months, since)
    return months


def months_employed(subject: SubjectFacts, year_facts: YearFacts, year: int) -> float:
    """Months employed without leave added back (kept for callers that only know the subject)."""
    months = year_facts.months_worked
    start = subject.started_on
    if start is not None and start.year >= year:
        if start.year > year:
            return 0.0
        days_in_year = 366 if (year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)) else 365
        months = min(months, (dt.date(year + 1, 1, 1) - start).days * 12 / days_in_year)
    return months


def newly_started(subject: SubjectFacts, year: int) -> bool:
    """Whether `year` is the year the subject started work at the agency (the months bar applies)."""
    start = subject.started_on
    return start is not None and start.year >= year


def _leave_counts(ctx: Ctx, leave: Any) -> bool | None:
    if leave.kind == "study" and leave.duration_months is not None and leave.duration_months >= 12:
        if not ctx.params.study_long_requires_kha:
            return True
        if leave.study_result is None:
            return None
        return codes.STUDY_RESULT_RANK[leave.study_result] <= codes.STUDY_RESULT_RANK["kha"]
    return ctx.params.leave_counts.get(leave.kind)


# ------------------------------------------------------------------------------ LĐTT standard checks


def check_rating(
    ctx: Ctx, year_facts: YearFacts, *, worst: int, criterion: str, basis: str, who: str = ""
) -> Reason:
    year = year_facts.year
    if year_facts.rating is None:
        return Reason(criterion, None, f"Chưa có kết quả xếp loại{who} năm {year}", basis)
    want = {
        HTXSNV: "hoàn thành xuất sắc nhiệm vụ",
        HTTNV: "hoàn thành tốt nhiệm vụ trở lên",
        HTNV: "hoàn thành nhiệm vụ trở lên",
    }[worst]
    ok = codes.RATING_RANK[year_facts.rating] <= worst
    text = f"Xếp loại{who} năm {year}: {codes.RATING_NAMES[year_facts.rating]} ({year_facts.rating})"
    return Reason(criterion, ok, text + ("" if ok else f"; yêu cầu {want}"), basis)


def check_months(ctx: Ctx, subject: SubjectFacts, year_facts: YearFacts) -> Reason:
    """The minimum months apply in the year work started (the newly recruited), not to everyone; contract
    service at the agency before recruitment counts (`employed_since`); leave counted as worked is added."""
    year = year_facts.year
    need = ctx.params.min_months
    basis = ctx.basis["ldtt.months"]
    if not newly_started(subject, year):
        text = f"Không phải người mới tuyển dụng trong năm {year}: không áp dụng số tháng công tác tối thiểu"
        if year_facts.months_worked_given:
            text += f" (thời gian có mặt làm việc {fmt_months(year_facts.months_worked)} tháng)"
        if subject.employed_since is not None and subject.started_on == subject.employed_since:
            text += f"; làm việc tại cơ quan từ ngày {fmt_date(subject.employed_since)}"
        return Reason("months_employed", True, text, basis)
    months = months_at_work(ctx, subject, year_facts)
    ok = months >= need - 1e-9
    text = (
        f"Thời gian công tác năm {year}: {fmt_months(months)} tháng "
        f"(tối thiểu {fmt_months(need)} tháng đối với người mới tuyển dụng)"
    )
    start = subject.started_on
    if start is not None and start.year == year:
        if subject.employed_since is not None and start == subject.employed_since:
            text += f"; làm việc tại cơ quan (kể cả hợp đồng) từ ngày {fmt_date(start)}"
        else:
            text += f"; tuyển dụng ngày {fmt_date(start)}"
    return Reason("months_employed", ok, text, basis)


def check_leave(ctx: Ctx, year_facts: YearFacts) -> Reason | None:
    """Leave counted as time worked (maternity, study, ...); None when the year lists no leave."""
    if not year_facts.leave:
        return None
    params_ = ctx.params
    met: bool | None = True
    parts: list[str] = []
    absent_days = 0
    for leave in year_facts.leave:
        counts = params_.leave_counts.get(leave.kind)
        days = f" {leave.working_days} ngày làm việc" if leave.working_days is not None else ""
        label = f"{codes.LEAVE_NAMES[leave.kind].capitalize()}{days}"
        if (
            leave.kind == "study"
            and leave.duration_months is not None
            and leave.duration_months >= 12
            and params_.study_long_requires_kha
        ):
            if leave.study_result is None:
                met = None if met is not False else met
                parts.append(
                    f"{label}: khóa học từ 01 năm trở lên, chưa có kết quả học tập (yêu cầu khá trở lên)"
                )
            elif codes.STUDY_RESULT_RANK[leave.study_result] > codes.STUDY_RESULT_RANK["kha"]:
                met = False
                parts.append(f"{label}: khóa học từ 01 năm trở lên, kết quả dưới loại khá")
            else:
                parts.append(
                    f"{label}: khóa học từ 01 năm trở lên, kết quả từ khá trở lên, được tính là thời gian công tác"
                )
            continue
        if counts is True:
            parts.append(f"{label}: được tính là thời gian công tác")
        else:
            absent_days += leave.working_days or 0
            parts.append(
                f"{label}: không được tính là thời gian công tác"
                if counts is False
                else f"{label}: không có quy định loại trừ"
            )
    if params_.absence_max_days is not None and absent_days > params_.absence_max_days:
        met = False
        parts.append(
            f"tổng số ngày nghỉ không được tính {absent_days} vượt mức {params_.absence_max_days} ngày của tỉnh"
        )
    return Reason("leave_counts_as_worked", met, "; ".join(parts), ctx.basis["ldtt.leave"])


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    last = [31, 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28, 31, 30, 31, 30, 31, 31, 30,
            31, 30, 31][month - 1]  # fmt: skip
    return dt.date(year, month, min(day.day, last))


def discipline_end(ctx: Ctx, discipline: Discipline, listed_year: int) -> tuple[dt.date | None, bool]:
    """(end of the discipline period, whether it comes from the configured default). A record without an end
    date lasts the configured period from its decision (thời hạn kỷ luật; legal-rules §12 point 8)."""
    if discipline.ends_on is not None:
        return discipline.ends_on, False
    if discipline.form is None:
        return None, False
    months = ctx.params.discipline_period_months.get(discipline.form)
    if not months:
        return None, False
    decided = discipline.decided_on or dt.date(listed_year, 1, 1)  # only the year known: its first day
    return _add_months(decided, int(months)), True


def discipline_blocks(
    ctx: Ctx, subject: SubjectFacts, year: int, first_year: int | None = None
) -> tuple[bool, str, bool]:
    """(blocked, explanation, by period): a discipline decided in `year` at or above the era's minimum form
    (NĐ 152/2025 Điều 4: not proposed in the year of the discipline), or — achievements counting only from the
    end of the discipline period — a period reaching into [first_year, year] (default: `year` alone)."""
    params_ = ctx.params
    first = year if first_year is None else first_year
    start = dt.date(first, 1, 1)
    latest: tuple[dt.date, bool, str, int] | None = None  # (end, assumed, form, decided year)
    in_year: str | None = None
    for listed, year_facts in subject.years.items():  # order-free: the choice below is by maximum
        if listed > year or not year_facts.discipline:
            continue
        for d in year_facts.discipline:
            if d.form is None or d.pending:
                continue
            decided_year = d.decided_on.year if d.decided_on is not None else listed
            if decided_year > year:
                continue
            if decided_year == year and codes.DISCIPLINE_RANK[d.form] >= params_.discipline_min_rank:
                if in_year is None or codes.DISCIPLINE_RANK[d.form] > codes.DISCIPLINE_RANK[in_year]:
                    in_year = d.form
                continue
            if not params_.count_from_period_end:
                continue
            end, assumed = discipline_end(ctx, d, listed)
            if end is not None and end > start and (latest is None or (end, d.form) > (latest[0], latest[2])):
                latest = (end, assumed, d.form, decided_year)
    if in_year is not None:
        return True, f"Bị kỷ luật {codes.DISCIPLINE_NAMES[in_year]} trong năm {year}", False
    period_hit = ""
    if latest is not None:
        end, assumed, form, decided_year = latest
        how = " (thời hạn mặc định theo cấu hình, cần xác minh)" if assumed else ""
        since = f"giai đoạn xét từ năm {first}" if first != year else f"năm {year}"
        period_hit = (
            f"Kỷ luật {codes.DISCIPLINE_NAMES[form]} năm {decided_year} còn thời hạn đến "
            f"{fmt_date(end)}{how}: thành tích chỉ được tính từ khi hết thời hạn kỷ luật ({since})"
        )
    if period_hit:
        return True, period_hit, True
    return False, "", False


def has_discipline(subject: SubjectFacts, year: int) -> bool:
    """Whether any discipline (decided, not pending) is listed up to `year` (collectives: a guard reason)."""
    return any(
        d.form is not None and not d.pending
        for listed, year_facts in subject.years.items()
        if listed <= year
        for d in year_facts.discipline
    )


def pending_review(ctx: Ctx, subject: SubjectFacts, year: int) -> bool:
    if subject.under_review:
        return True
    year_facts = subject.years.get(year)
    return year_facts is not None and any(d.pending for d in year_facts.discipline)


def check_discipline(ctx: Ctx, subject: SubjectFacts, year: int, first_year: int | None = None) -> Reason:
    blocked, why, by_period = discipline_blocks(ctx, subject, year, first_year)
    criterion = f"no_discipline_{ctx.params.discipline_min_form}"
    if blocked:
        basis = ctx.basis["discipline.period"] if by_period else ctx.basis["ldtt.discipline"]
        return Reason(criterion, False, why, basis)
    form = codes.DISCIPLINE_NAMES[ctx.params.discipline_min_form]
    who = " (tập thể)" if subject.kind == codes.COLLECTIVE else ""
    text = f"Không bị kỷ luật{who} từ hình thức {form} trở lên trong năm {year}"
    if first_year is not None and first_year != year:
        text += f"; không còn thời hạn kỷ luật trong giai đoạn {first_year}–{year}"
    return Reason(criterion, True, text, ctx.basis["ldtt.discipline"])


def collective_discipline(ctx: Ctx, first_year: int | None = None) -> list[Reason]:
    """A collective's own discipline excludes it as a person's does (contract 1.1); shown only when listed."""
    if not has_discipline(ctx.subject, ctx.year):
        return []
    return [check_discipline(ctx, ctx.subject, ctx.year, first_year)]


def check_pending(ctx: Ctx, subject: SubjectFacts, year: int) -> Reason | None:
    if not ctx.params.block_pending:
        return None
    if pending_review(ctx, subject, year):
        return Reason(
            "not_under_review",
            False,
            "Đang bị xem xét kỷ luật, điều tra, thanh tra hoặc đang xác minh khiếu nại, tố cáo: "
            "chưa khen thưởng, đề nghị khen thưởng",
            ctx.basis["discipline.pending"],
        )
    if subject.under_review is False:
        return Reason(
            "not_under_review",
            True,
            "Không đang bị xem xét kỷ luật, điều tra, thanh tra, khiếu nại",
            ctx.basis["discipline.pending"],
        )
    return None


def ldtt_standard(ctx: Ctx, subject: SubjectFacts | None = None) -> list[Reason]:
    """The LĐTT standard of the judged year, criterion by criterion (used by LDTT, CSTDCS and collectives)."""
    subject = subject or ctx.subject
    year_facts = subject.year(ctx.year)
    reasons = [
        check_rating(
            ctx, year_facts, worst=HTTNV, criterion="rating_httnv_or_better", basis=ctx.basis["ldtt.rating"]
        ),
        check_months(ctx, subject, year_facts),
    ]
    leave = check_leave(ctx, year_facts)
    if leave is not None:
        reasons.append(leave)
    reasons.append(check_discipline(ctx, subject, ctx.year))
    return reasons


def ldtt_standard_met(ctx: Ctx, subject: SubjectFacts) -> bool:
    """Fast boolean: `subject` holds or meets the LĐTT standard in the judged year (for member shares).
    A member without facts for the year does not (it still counts in the denominator)."""
    year_facts = subject.years.get(ctx.year)
    if year_facts is None:
        return False
    if "LDTT" in year_facts.award_codes:
        return True
    if year_facts.rating is None or codes.RATING_RANK[year_facts.rating] > HTTNV:
        return False
    if newly_started(subject, ctx.year) and (
        months_at_work(ctx, subject, year_facts) < ctx.params.min_months - 1e-9
    ):
        return False
    if year_facts.leave:
        leave = check_leave(ctx, year_facts)
        if leave is not None and leave.met is not True:
            return False
    return not discipline_blocks(ctx, subject, ctx.year)[0]


def all_met(reasons: Iterable[Reason]) -> bool | None:
    result: bool | None = True
    for r in reasons:
        if r.met is False:
            return False
        if r.met is None:
            result = None
    return result


def judgement(criterion: str, text: str, basis: str) -> Reason:
    return Reason(criterion, None, text, basis, judgement=True)


# ------------------------------------------------------------------------------------------- chains


def chain_years(
    ctx: Ctx, code: str, years: Iterable[int], *, inline_last: bool = False
) -> tuple[list[int], bool]:
    """(missing years, last year met inline): `code` must be held for each year; the judged year may be
    met by evaluating the title's criteria inline (it is usually decided together with the higher one)."""
    missing: list[int] = []
    inline = False
    for year in years:
        if held(ctx, ctx.subject, year, code):
            continue
        if inline_last and year == ctx.year and inline_eligible(ctx, code):
            inline = True
            continue
        missing.append(year)
    return missing, inline


def inline_eligible(ctx: Ctx, code: str, subject: SubjectFacts | None = None) -> bool:
    """Whether `subject` meets `code` in the judged year by the era's own criteria (no award needed)."""
    from .result import ELIGIBLE, verdict_of

    sub = ctx.for_subject(subject or ctx.subject, code)
    return verdict_of(ctx.rules[code](sub)) == ELIGIBLE


def roster(ctx: Ctx) -> list[SubjectFacts]:
    """Members of the collective in the judged year: every listed member, with or without facts, except
    those marked `member: false` for that year (contract 1.1)."""
    year = ctx.year
    result = []
    for member in ctx.subject.members:
        year_facts = member.years.get(year)
        if year_facts is None or year_facts.member:
            result.append(member)
    return result


def pct(part: int, whole: int) -> str:
    return f"{part * 100 / whole:.1f}".rstrip("0").rstrip(".").replace(".", ",") + "%"
