"""The JSON contract (docs/eligibility-contract.md): request dict in, answer dict out."""

from __future__ import annotations

from typing import Any

from .config import RuleConfig
from .evaluate import evaluate
from .facts import is_batch, parse_request


def answer(data: Any, *, config: RuleConfig | None = None) -> dict[str, Any]:
    """The contract's answer: one answer object for ``{"question": ...}``; ``{"answers": [...]}`` in the same
    order for ``{"questions": [...]}``. Raises `ContractError` before evaluating anything (nothing is
    half-answered)."""
    items = parse_request(data)
    answers = [evaluate(subject=i.subject, question=i.question, config=config).to_contract() for i in items]
    if is_batch(data):
        return {"answers": answers}
    return answers[0]
