"""Building blocks shared by the rule sets: the evaluation context, per-era parameters and fact checks.

Each era module (`rules_e1`, `rules_luat2022`) supplies its own legal-basis strings (`Ctx.b`) and its own
predicates where the texts differ; the checks here are parameterised by them. Everything is plain Python
over precomputed sets: no regexes, no copies, no allocation beyond the reasons themselves.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from . import codes as C
from .config import RuleConfig
from .eras import RuleSet
from .facts import Initiative, SubjectFacts, YearFacts
from .result import Reason

HTXSNV, HTTNV, HTNV = 0, 1, 2  # rating ranks


@dataclass(frozen=True, slots=True)
class Params:
    """Configuration values resolved for one era (built once per config and era)."""

    min_months: float
    absence_max_days: int | None
    leave_counts: Mapping[str, bool | None]
    study_long_requires_kha: bool
    discipline_min_rank: int
    discipline_min_form: str
    block_pending: bool
    count_from_period_end: bool
    ttldtt_no_canh_cao: bool
    cycle_years: int
    bk_tinh_d_min: int
    bk_ttg_e1_min: int
    hcld3_e1_min: int
    window_from_decision: bool
    pre_2024_counts: bool
    exclude_one_off: bool
    toan_quoc_next_year_only: bool
    single_use: bool
    reserve_years: int
    cstdcs_requires_initiative: bool
    outstanding_judgement: bool


def params(config: RuleConfig, era: str) -> Params:
    cache = config.params_cache()
    p = cache.get(era)
    if p is None:
        g = config.get
        form = g("ldtt.discipline_min_form", era)
        p = cache[era] = Params(
            min_months=float(g("ldtt.min_months_employed", era)),
            absence_max_days=g("ldtt.absence_max_days", era),
            leave_counts={
                "maternity": g("ldtt.maternity_counts", era),
                "sick": g("ldtt.sick_counts", era),
                "study": True,  # short and long training count (long: with the result condition below)
                "military": g("ldtt.military_counts", era),
                "unpaid": g("ldtt.unpaid_counts", era),
                "other": g("ldtt.other_counts", era),
            },
            study_long_requires_kha=bool(g("ldtt.study_long_requires_kha", era)),
            discipline_min_rank=C.DISCIPLINE_RANK[form],
            discipline_min_form=form,
            block_pending=bool(g("discipline.block_while_pending", era)),
            count_from_period_end=bool(g("discipline.count_from_period_end", era)),
            ttldtt_no_canh_cao=bool(g("ttldtt.no_canh_cao_member", era)),
            cycle_years=int(g("cstd_tinh.cycle_years", era)),
            bk_tinh_d_min=int(g("bang_khen_tinh.d_min_initiatives", era)),
            bk_ttg_e1_min=int(g("bang_khen_ttg.e1_min_initiatives", era)),
            hcld3_e1_min=int(g("hcld_3.e1_min_initiatives", era)),
            window_from_decision=g("chain.window_start", era) == "decision_year",
            pre_2024_counts=bool(g("chain.pre_2024_counts", era)),
            exclude_one_off=bool(g("chain.exclude_one_off_and_thematic", era)),
            toan_quoc_next_year_only=bool(g("timing.cstd_toan_quoc_next_year_only", era)),
            single_use=bool(g("initiative.single_use", era)),
            reserve_years=int(g("initiative.reserve_years", era) or 0),
            cstdcs_requires_initiative=bool(g("law.watch.cstdcs_requires_initiative", era)),
            outstanding_judgement=bool(g("council.outstanding_as_judgement", era)),
        )
    return p


@dataclass(frozen=True, slots=True)
class Ctx:
    """Everything a predicate needs: the subject, the year judged, the act date, the era and its bases."""

    subject: SubjectFacts
    code: str
    year: int
    yf: YearFacts
    as_of: dt.date
    as_of_given: bool
    rule_set: RuleSet
    p: Params
    b: Mapping[str, str]  # legal bases of the era, by key
    rules: Mapping[str, Callable[[Ctx], list[Reason]]]  # the era's rules (for inline evaluation)

    def for_subject(self, subject: SubjectFacts, code: str | None = None) -> Ctx:
        return Ctx(
            subject,
            code or self.code,
            self.year,
            subject.year(self.year),
            self.as_of,
            self.as_of_given,
            self.rule_set,
            self.p,
            self.b,
            self.rules,
        )


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


def initiative_label(i: Initiative) -> str:
    what = "đề tài" if i.kind == "research" else "sáng kiến"
    ident = f" {i.id}" if i.id else ""
    when = f"công nhận ngày {fmt_date(i.recognized_on)}" if i.recognized_on else f"năm {i.year}"
    return f"{what}{ident} {C.LEVEL_NAMES[i.level]} ({when})"


# -------------------------------------------------------------------------------------------- facts


def rating_rank(yf: YearFacts) -> int | None:
    return None if yf.rating is None else C.RATING_RANK[yf.rating]


def held(ctx: Ctx, subject: SubjectFacts, year: int, code: str) -> bool:
    """Whether `subject` holds `code` for `year` in a way that feeds merit chains (legal-rules §4.1)."""
    yf = subject.years.get(year)
    if yf is None:
        return False
    if not ctx.p.pre_2024_counts and year < 2024 <= ctx.year:
        return False
    return code in (yf.chain_codes if ctx.p.exclude_one_off else yf.award_codes)


def usable_initiatives(
    ctx: Ctx,
    subject: SubjectFacts,
    first_year: int,
    last_year: int,
    min_level: str,
    kind: str | None = None,
) -> list[Initiative]:
    """Initiatives recognised in [first_year, last_year] at `min_level` or above, not used for another award.

    Deterministic order (highest level first, then date, then id) so texts do not depend on input order.
    """
    need = C.LEVEL_RANK[min_level]
    target = (ctx.code, ctx.year)
    found: list[Initiative] = []
    years = subject.years
    for y in range(first_year, last_year + 1):
        yf = years.get(y)
        if yf is None or not yf.initiatives:
            continue
        for i in yf.initiatives:
            if C.LEVEL_RANK[i.level] < need or (kind is not None and i.kind != kind):
                continue
            if ctx.p.single_use and i.used_for is not None and i.used_for != target:
                continue
            found.append(i)
    if len(found) > 1:
        found.sort(
            key=lambda i: (-C.LEVEL_RANK[i.level], i.recognized_on or dt.date(i.year, 12, 31), i.id or "")
        )
    return found


def months_employed(subject: SubjectFacts, yf: YearFacts, year: int) -> float:
    """Months employed in `year`: `months_worked`, capped by the time since recruitment when recruited that year."""
    months = yf.months_worked
    r = subject.recruited_on
    if r is not None:
        if r.year > year:
            return 0.0
        if r.year == year:
            days_in_year = 366 if (year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)) else 365
            since = (dt.date(year + 1, 1, 1) - r).days * 12 / days_in_year
            months = min(months, since)
    return months


# ------------------------------------------------------------------------------ LĐTT standard checks


def check_rating(ctx: Ctx, yf: YearFacts, *, worst: int, criterion: str, basis: str, who: str = "") -> Reason:
    year = yf.year
    if yf.rating is None:
        return Reason(criterion, None, f"Chưa có kết quả xếp loại{who} năm {year}", basis)
    want = {
        HTXSNV: "hoàn thành xuất sắc nhiệm vụ",
        HTTNV: "hoàn thành tốt nhiệm vụ trở lên",
        HTNV: "hoàn thành nhiệm vụ trở lên",
    }[worst]
    ok = C.RATING_RANK[yf.rating] <= worst
    text = f"Xếp loại{who} năm {year}: {C.RATING_NAMES[yf.rating]} ({yf.rating})"
    return Reason(criterion, ok, text + ("" if ok else f"; yêu cầu {want}"), basis)


def check_months(ctx: Ctx, subject: SubjectFacts, yf: YearFacts) -> Reason:
    months = months_employed(subject, yf, yf.year)
    need = ctx.p.min_months
    ok = months >= need - 1e-9
    text = (
        f"Thời gian công tác năm {yf.year}: {fmt_months(months)} tháng "
        f"(tối thiểu {fmt_months(need)} tháng đối với người mới tuyển dụng)"
    )
    if subject.recruited_on is not None and subject.recruited_on.year == yf.year:
        text += f"; tuyển dụng ngày {fmt_date(subject.recruited_on)}"
    return Reason("months_employed", ok, text, ctx.b["ldtt.months"])


def check_leave(ctx: Ctx, yf: YearFacts) -> Reason | None:
    """Leave counted as time worked (maternity, study, ...); None when the year lists no leave."""
    if not yf.leave:
        return None
    p = ctx.p
    met: bool | None = True
    parts: list[str] = []
    absent_days = 0
    for lv in yf.leave:
        counts = p.leave_counts.get(lv.kind)
        days = f" {lv.working_days} ngày làm việc" if lv.working_days is not None else ""
        label = f"{C.LEAVE_NAMES[lv.kind].capitalize()}{days}"
        if (
            lv.kind == "study"
            and lv.duration_months is not None
            and lv.duration_months >= 12
            and p.study_long_requires_kha
        ):
            if lv.study_result is None:
                met = None if met is not False else met
                parts.append(
                    f"{label}: khóa học từ 01 năm trở lên, chưa có kết quả học tập (yêu cầu khá trở lên)"
                )
            elif C.STUDY_RESULT_RANK[lv.study_result] > C.STUDY_RESULT_RANK["kha"]:
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
            absent_days += lv.working_days or 0
            parts.append(
                f"{label}: không được tính là thời gian công tác"
                if counts is False
                else f"{label}: không có quy định loại trừ"
            )
    if p.absence_max_days is not None and absent_days > p.absence_max_days:
        met = False
        parts.append(
            f"tổng số ngày nghỉ không được tính {absent_days} vượt mức {p.absence_max_days} ngày của tỉnh"
        )
    return Reason("leave_counts_as_worked", met, "; ".join(parts), ctx.b["ldtt.leave"])


def discipline_blocks(ctx: Ctx, subject: SubjectFacts, year: int) -> tuple[bool, str]:
    """(blocked, explanation): discipline in `year` at or above the era's minimum form, or a period still running."""
    p = ctx.p
    yf = subject.years.get(year)
    if yf is not None:
        for d in yf.discipline:
            if d.form is not None and not d.pending and C.DISCIPLINE_RANK[d.form] >= p.discipline_min_rank:
                return True, f"Bị kỷ luật {C.DISCIPLINE_NAMES[d.form]} trong năm {year}"
    if p.count_from_period_end:
        start = dt.date(year, 1, 1)
        for y, other in subject.years.items():
            if y >= year or not other.discipline:
                continue
            for d in other.discipline:
                if d.form is not None and not d.pending and d.ends_on is not None and d.ends_on > start:
                    return True, (
                        f"Kỷ luật {C.DISCIPLINE_NAMES[d.form]} năm {y} còn thời hạn đến "
                        f"{fmt_date(d.ends_on)}: thành tích chỉ được tính từ khi hết thời hạn kỷ luật"
                    )
    return False, ""


def pending_review(ctx: Ctx, subject: SubjectFacts, year: int) -> bool:
    if subject.under_review:
        return True
    yf = subject.years.get(year)
    return yf is not None and any(d.pending for d in yf.discipline)


def check_discipline(ctx: Ctx, subject: SubjectFacts, year: int) -> Reason:
    blocked, why = discipline_blocks(ctx, subject, year)
    criterion = f"no_discipline_{ctx.p.discipline_min_form}"
    if blocked:
        basis = ctx.b["discipline.period"] if "thời hạn" in why else ctx.b["ldtt.discipline"]
        return Reason(criterion, False, why, basis)
    form = C.DISCIPLINE_NAMES[ctx.p.discipline_min_form]
    return Reason(
        criterion,
        True,
        f"Không bị kỷ luật từ hình thức {form} trở lên trong năm {year}",
        ctx.b["ldtt.discipline"],
    )


def check_pending(ctx: Ctx, subject: SubjectFacts, year: int) -> Reason | None:
    if not ctx.p.block_pending:
        return None
    if pending_review(ctx, subject, year):
        return Reason(
            "not_under_review",
            False,
            "Đang bị xem xét kỷ luật, điều tra, thanh tra hoặc đang xác minh khiếu nại, tố cáo: "
            "chưa khen thưởng, đề nghị khen thưởng",
            ctx.b["discipline.pending"],
        )
    if subject.under_review is False:
        return Reason(
            "not_under_review",
            True,
            "Không đang bị xem xét kỷ luật, điều tra, thanh tra, khiếu nại",
            ctx.b["discipline.pending"],
        )
    return None


def ldtt_standard(ctx: Ctx, subject: SubjectFacts | None = None) -> list[Reason]:
    """The LĐTT standard of the judged year, criterion by criterion (used by LDTT, CSTDCS and collectives)."""
    subject = subject or ctx.subject
    yf = subject.year(ctx.year)
    reasons = [
        check_rating(ctx, yf, worst=HTTNV, criterion="rating_httnv_or_better", basis=ctx.b["ldtt.rating"]),
        check_months(ctx, subject, yf),
    ]
    leave = check_leave(ctx, yf)
    if leave is not None:
        reasons.append(leave)
    reasons.append(check_discipline(ctx, subject, ctx.year))
    return reasons


def ldtt_standard_met(ctx: Ctx, subject: SubjectFacts) -> bool:
    """Fast boolean: `subject` holds or meets the LĐTT standard in the judged year (for member shares)."""
    yf = subject.years.get(ctx.year)
    if yf is None:
        return False
    if "LDTT" in yf.award_codes:
        return True
    if yf.rating is None or C.RATING_RANK[yf.rating] > HTTNV:
        return False
    if months_employed(subject, yf, ctx.year) < ctx.p.min_months - 1e-9:
        return False
    if yf.leave:
        leave = check_leave(ctx, yf)
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
    for y in years:
        if held(ctx, ctx.subject, y, code):
            continue
        if inline_last and y == ctx.year and inline_eligible(ctx, code):
            inline = True
            continue
        missing.append(y)
    return missing, inline


def inline_eligible(ctx: Ctx, code: str, subject: SubjectFacts | None = None) -> bool:
    """Whether `subject` meets `code` in the judged year by the era's own criteria (no award needed)."""
    from .result import ELIGIBLE, verdict_of

    sub = ctx.for_subject(subject or ctx.subject, code)
    return verdict_of(ctx.rules[code](sub)) == ELIGIBLE


def roster(ctx: Ctx) -> list[SubjectFacts]:
    """Members of the collective in the judged year: those with facts for that year."""
    y = ctx.year
    return [m for m in ctx.subject.members if y in m.years]


def pct(part: int, whole: int) -> str:
    return f"{part * 100 / whole:.1f}".rstrip("0").rstrip(".").replace(".", ",") + "%"
