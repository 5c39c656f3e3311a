"""The rules engine of thi đua – khen thưởng: pure Python, no Django import.

Public API:
    answer(data, *, config=None) -> dict                     the JSON contract
    parse_request(data) -> list[Item]                         strict validation (raises ContractError)
    evaluate(*, subject, question, config=None) -> Evaluation one question, with reasons and bases
    discover(subjects, *, year, ...) -> list[Finding]         candidate discovery (rà soát)
    check_quotas(proposals, ...) -> list[QuotaExcess]          quotas on a proposal list
    award_amount(code, subject_kind, decision_date) -> AwardAmount
"""

from .codes import CATALOGUE, CODES, AwardCode
from .config import RuleConfig
from .contract import answer
from .discovery import Finding, discover
from .eras import E1, E2, E3, RULE_SETS_BY_ID, RuleSet, criteria_era, procedure_era
from .evaluate import eligibility_evaluate, evaluate
from .facts import (
    AwardHeld,
    ContractError,
    Discipline,
    Initiative,
    Item,
    Leave,
    Question,
    SubjectFacts,
    YearFacts,
    parse_request,
)
from .money import AwardAmount, award_amount, base_salary_on
from .quotas import Proposal, QuotaExcess, check_quotas
from .result import ELIGIBLE, NEEDS_COUNCIL, NOT_ELIGIBLE, UNSUPPORTED, Evaluation, Reason

__all__ = [
    "CATALOGUE",
    "CODES",
    "E1",
    "E2",
    "E3",
    "ELIGIBLE",
    "NEEDS_COUNCIL",
    "NOT_ELIGIBLE",
    "RULE_SETS_BY_ID",
    "UNSUPPORTED",
    "AwardAmount",
    "AwardCode",
    "AwardHeld",
    "ContractError",
    "Discipline",
    "Evaluation",
    "Finding",
    "Initiative",
    "Item",
    "Leave",
    "Proposal",
    "Question",
    "QuotaExcess",
    "Reason",
    "RuleConfig",
    "RuleSet",
    "SubjectFacts",
    "YearFacts",
    "answer",
    "award_amount",
    "base_salary_on",
    "check_quotas",
    "criteria_era",
    "discover",
    "eligibility_evaluate",
    "evaluate",
    "parse_request",
    "procedure_era",
]
