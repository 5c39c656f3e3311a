"""Evaluate one question about one subject: select the rule set, run the code's predicates, decide the verdict."""

from __future__ import annotations

from collections.abc import Mapping

from . import codes as C
from .config import RuleConfig
from .eras import criteria_era, default_as_of, procedure_era
from .facts import Question, SubjectFacts
from .result import UNSUPPORTED, Evaluation, Reason, verdict_of
from .rules_common import Ctx, check_pending, params
from .rules_e1 import BASIS_E1, RULES_E1
from .rules_luat2022 import BASIS_E2, BASIS_E3, RULES_LUAT2022, Rule

RULE_SETS: Mapping[str, tuple[Mapping[str, Rule], Mapping[str, str]]] = {
    "E1": (RULES_E1, BASIS_E1),
    "E2": (RULES_LUAT2022, BASIS_E2),
    "E3": (RULES_LUAT2022, BASIS_E3),
}
KIND_NAMES = {C.INDIVIDUAL: "cá nhân", C.COLLECTIVE: "tập thể"}


def evaluate(*, subject: SubjectFacts, question: Question, config: RuleConfig | None = None) -> Evaluation:
    """Answer `question` for `subject` by the rule set in force (legal-rules §1.2), with reasons and bases."""
    config = config or RuleConfig.defaults()
    code, year = question.code, question.year
    as_of = question.as_of or default_as_of(year)
    proc = procedure_era(as_of, config)
    rule_set = criteria_era(year, as_of, config)
    if rule_set is None:
        first = config.get("era.first_year")
        reason = Reason(
            "supported_period",
            False,
            f"Năm {year} nằm ngoài phạm vi các bộ quy tắc của hệ thống (từ năm {first}): không suy đoán",
            "Nghị định 91/2017/NĐ-CP (hiệu lực từ 01/10/2017) là văn bản sớm nhất được áp dụng",
        )
        return Evaluation(code, year, None, UNSUPPORTED, (reason,), proc.id)
    rules, basis = RULE_SETS[rule_set.era]
    entry = C.CATALOGUE[code]
    if subject.kind not in entry.subject_kinds:
        reason = Reason(
            "subject_kind",
            False,
            f"{entry.name_vi} không xét tặng cho {KIND_NAMES[subject.kind]}",
            entry.authority_basis,
        )
        return Evaluation(code, year, rule_set.id, verdict_of((reason,)), (reason,), proc.id)
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
    )
    reasons = rules[code](ctx)
    yf = ctx.yf
    # One achievement, one award (Luật Điều 5 khoản 2): a title once per year; a form once per merit period
    # (a one-off or thematic Bằng khen of the same year rewarded another achievement).
    already = code in (yf.award_codes if entry.kind == C.TITLE else yf.merit_codes)
    if already:
        reasons.append(
            Reason(
                "not_already_awarded",
                False,
                f"Đã được tặng {entry.name_vi} cho thành tích năm {year}: mỗi thành tích chỉ khen "
                "thưởng một lần, một hình thức",
                basis["one_award"],
            )
        )
    pending = check_pending(ctx, subject, year)
    if pending is not None:
        reasons.append(pending)
    return Evaluation(code, year, rule_set.id, verdict_of(reasons), tuple(reasons), proc.id)


eligibility_evaluate = evaluate
