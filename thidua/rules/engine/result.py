"""Reasons and evaluations: what the engine says about one (subject, code, year), and the verdict rule."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

ELIGIBLE = "eligible"
NOT_ELIGIBLE = "not_eligible"
NEEDS_COUNCIL = "needs_council_judgement"
UNSUPPORTED = "unsupported_period"


@dataclass(frozen=True, slots=True)
class Reason:
    """One criterion: `met` is True, False, or None where the facts say nothing.

    `judgement` marks a criterion the law leaves to a council: it is None by nature and turns an otherwise
    satisfied answer into `needs_council_judgement`.
    """

    criterion: str
    met: bool | None
    text: str
    basis: str
    judgement: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {"criterion": self.criterion, "met": self.met, "text": self.text, "basis": self.basis}


def verdict_of(reasons: list[Reason] | tuple[Reason, ...]) -> str:
    """eligible iff every reason is met; a False or a factual None fails; only judgements left → council."""
    judgement = False
    unknown = False
    for r in reasons:
        if r.met is True:
            continue
        if r.met is False:
            return NOT_ELIGIBLE
        if r.judgement:
            judgement = True
        else:
            unknown = True
    if unknown:
        return NOT_ELIGIBLE
    return NEEDS_COUNCIL if judgement else ELIGIBLE


@dataclass(frozen=True, slots=True)
class Evaluation:
    """The answer to one question. `rule_set` decides the criteria; `procedure_rule_set` the procedure/money."""

    code: str
    year: int
    rule_set: str | None
    verdict: str
    reasons: tuple[Reason, ...]
    procedure_rule_set: str | None = None

    def to_contract(self) -> dict[str, Any]:
        """The contract's answer object (docs/eligibility-contract.md)."""
        return {
            "code": self.code,
            "year": self.year,
            "rule_set": self.rule_set,
            "verdict": self.verdict,
            "reasons": [r.to_dict() for r in self.reasons],
        }

    @property
    def failing(self) -> tuple[Reason, ...]:
        """Reasons that are not met (False, or None for missing facts and council judgements)."""
        return tuple(r for r in self.reasons if r.met is not True)
