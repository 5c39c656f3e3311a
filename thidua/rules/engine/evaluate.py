"""Evaluate one question about one subject: select the rule set, run the code's predicates, decide the verdict."""

from __future__ import annotations

from collections.abc import Mapping

from . import codes
from .config import RuleConfig
from .eras import RuleSet, achievement_era, criteria_era, default_as_of, procedure_era
from .facts import Question, SubjectFacts
from .predicates import CHAIN_BASES, Rule, other_track, proposal_period
from .result import UNSUPPORTED, Evaluation, Reason, verdict_of
from .rules_common import Ctx, check_pending, fmt_date, params, years_list
from .rules_e1 import BASIS_E1, RULES_E1
from .rules_e2 import BASIS_E2, RULES_E2
from .rules_e3 import BASIS_E3, RULES_E3

RULE_SETS: Mapping[str, tuple[Mapping[str, Rule], Mapping[str, str]]] = {
    "E1": (RULES_E1, BASIS_E1),
    "E2": (RULES_E2, BASIS_E2),
    "E3": (RULES_E3, BASIS_E3),
}
KIND_NAMES = {codes.INDIVIDUAL: "cá nhân", codes.COLLECTIVE: "tập thể"}
ERA_CRITERIA = frozenset({"rule_set_by_act_date", "rule_set_by_achievement_year"})


def evaluate(*, subject: SubjectFacts, question: Question, config: RuleConfig | None = None) -> Evaluation:
    """Answer `question` for `subject` by the rule set in force (legal-rules §1.2), with reasons and bases."""
    config = config or RuleConfig.defaults()
    code, year = question.code, question.year
    as_of = question.as_of or default_as_of(year)
    procedure = procedure_era(as_of, config)
    rule_set = criteria_era(year, as_of, config)
    if rule_set is None:
        first = config.get("era.first_year")
        reason = Reason(
            "supported_period",
            False,
            f"Năm {year} nằm ngoài phạm vi các bộ quy tắc của hệ thống (từ năm {first}): không suy đoán",
            "Nghị định 91/2017/NĐ-CP (hiệu lực từ 01/10/2017) là văn bản sớm nhất được áp dụng",
        )
        return Evaluation(code, year, None, UNSUPPORTED, (reason,), procedure.id)
    rules, basis = RULE_SETS[rule_set.era]
    entry = codes.CATALOGUE[code]
    if subject.kind not in entry.subject_kinds:
        reason = Reason(
            "subject_kind",
            False,
            f"{entry.name_vi} không xét tặng cho {KIND_NAMES[subject.kind]}",
            entry.authority_basis,
        )
        return Evaluation(code, year, rule_set.id, verdict_of((reason,)), (reason,), procedure.id)
    ctx = Ctx(
        subject,
        code,
        year,
        subject.year(year),
        as_of,
        question.as_of is not None,
        rule_set,
        params(config, rule_set.era),
        basis,
        rules,
        question.track,
    )
    merit = question.track == codes.DEFAULT_TRACK
    reasons = rules[code](ctx) if merit else other_track(ctx)
    already = _already_awarded(ctx, entry)
    if already is not None:
        reasons.append(already)
    overlap = _overlapping_award(ctx, entry)
    if overlap is not None:
        reasons.append(overlap)
    pending = check_pending(ctx, subject, year)
    if pending is not None:
        reasons.append(pending)
    era_reason = _era_reason(ctx, config, procedure)
    if era_reason is not None:
        reasons.append(era_reason)
    return Evaluation(code, year, rule_set.id, verdict_of(reasons), tuple(reasons), procedure.id)


def _already_awarded(ctx: Ctx, entry: codes.AwardCode) -> Reason | None:
    """One achievement, one award (Luật Điều 5 khoản 2): a title once per year; a form once per track and year
    (a one-off or thematic Bằng khen of the same year rewarded another achievement)."""
    year_facts = ctx.year_facts
    if ctx.track == codes.DEFAULT_TRACK:
        held = ctx.code in (year_facts.award_codes if entry.kind == codes.TITLE else year_facts.merit_codes)
    else:
        held = any(a.code == ctx.code and a.track == ctx.track for a in year_facts.awards)
    if not held:
        return None
    return Reason(
        "not_already_awarded",
        False,
        f"Đã được tặng {entry.name_vi} cho thành tích năm {ctx.year}: mỗi thành tích chỉ khen "
        "thưởng một lần, một hình thức",
        ctx.basis["one_award"],
    )


def _overlapping_award(ctx: Ctx, entry: codes.AwardCode) -> Reason | None:
    """One achievement, one award across forms: another form on the same track whose period of achievement
    overlaps the proposal's (an award's `period`; a bare award covers its own year) — except the lower forms a
    chain form rests on (legal-rules §12 points 5 and 7)."""
    if entry.kind != codes.FORM or not ctx.params.one_award_across_forms:
        return None
    first, last = proposal_period(ctx)
    bases = CHAIN_BASES.get(ctx.code, frozenset()) if ctx.track == codes.DEFAULT_TRACK else frozenset()
    years = ctx.subject.years
    relevant = [y for y, facts in years.items() if facts.has_periods or (y == ctx.year and facts.awards)]
    for listed in sorted(relevant):
        for award in sorted(years[listed].awards, key=lambda a: (a.code, a.track, a.period or (0, 0))):
            if award.track != ctx.track or award.code in bases:
                continue
            if codes.CATALOGUE[award.code].kind != codes.FORM:
                continue
            if award.period is not None:
                a_first, a_last = award.period
            elif award.code != ctx.code and listed == ctx.year:
                a_first = a_last = listed
            else:
                continue  # the same form in the same year: `not_already_awarded`; earlier years: chains
            if award.code == ctx.code and award.period is None:
                continue
            if a_first <= last and first <= a_last:
                span = f"{a_first}–{a_last}" if a_first != a_last else str(a_first)
                return Reason(
                    "not_already_awarded_for_period",
                    False,
                    f"Đã được tặng {codes.name_of(award.code)} cho thành tích giai đoạn {span}, trùng với giai đoạn "
                    f"{years_list(range(first, last + 1)) if first != last else first} của đề nghị: mỗi thành tích "
                    "chỉ khen thưởng một lần, một hình thức",
                    ctx.basis["one_award"],
                )
    return None


def _era_reason(ctx: Ctx, config: RuleConfig, procedure: RuleSet) -> Reason | None:
    """Say which rule set was applied, and why, when the achievement year and the act fall in different eras."""
    achieved = achievement_era(ctx.year, config)
    if achieved.era == procedure.era:
        return None
    by_act = ctx.rule_set.era == procedure.era
    setting = config.get("era.criteria_date")
    when = fmt_date(ctx.as_of) + ("" if ctx.as_of_given else " (ngày giả định)")
    if by_act:
        text = (
            f"Áp dụng {ctx.rule_set.name_vi} theo ngày đề nghị {when}; năm thành tích {ctx.year} thuộc thời kỳ "
            f"{achieved.name_vi}"
        )
    else:
        text = (
            f"Áp dụng tiêu chuẩn của {ctx.rule_set.name_vi} theo năm thành tích {ctx.year}; ngày đề nghị {when} "
            f"thuộc thời kỳ {procedure.name_vi}"
        )
    text += f" (cấu hình era.criteria_date = {setting}; cần xác minh)"
    criterion = "rule_set_by_act_date" if by_act else "rule_set_by_achievement_year"
    return Reason(criterion, True, text, ctx.basis["era"])


eligibility_evaluate = evaluate
