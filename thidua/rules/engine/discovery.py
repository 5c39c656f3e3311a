"""Candidate discovery (rà soát, phát hiện): who newly meets each title or form, and who is one step away.

Pure and in memory: the caller loads the facts of an agency once (a few queries) and passes the subjects here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from . import codes as catalogue
from .config import RuleConfig
from .eras import criteria_era, default_as_of
from .evaluate import evaluate
from .facts import Question, SubjectFacts
from .predicates import OTHER_TRACKS_CRITERION
from .result import ELIGIBLE, NEEDS_COUNCIL, NOT_ELIGIBLE, Evaluation
from .rules_common import chain_years, usable_initiatives

ELIGIBLE_STATUS = "eligible"
COUNCIL_STATUS = "needs_council_judgement"
ONE_STEP = "one_step_away"

# Criteria that are guards, not achievements: failing them is not "one step away", meeting them is not news.
GUARDS = frozenset(
    {
        "not_already_awarded",
        "not_under_review",
        "chain_not_already_used",
        "subject_kind",
        "supported_period",
        "no_discipline_khien_trach",
        "no_discipline_canh_cao",
        "no_discipline_ha_bac_luong",
        "no_discipline_giang_chuc",
        "no_discipline_cach_chuc",
        "no_discipline_buoc_thoi_viec",
        "months_employed",
        "leave_counts_as_worked",
        "not_already_awarded_for_period",
    }
)
# Notes that are not criteria of the track judged: neither a missing step nor news.
NOTES = frozenset({OTHER_TRACKS_CRITERION, "rule_set_by_act_date", "rule_set_by_achievement_year"})


@dataclass(frozen=True, slots=True)
class Finding:
    subject_key: Any
    subject_name: str
    code: str
    year: int
    status: str  # eligible, needs_council_judgement, one_step_away
    missing: tuple[str, ...]  # Vietnamese: what is missing (one_step_away) or what the council judges
    evaluation: Evaluation | None = None


def evaluate_subjects(
    subjects: Iterable[SubjectFacts],
    *,
    year: int,
    codes: Iterable[str] | None = None,
    as_of: dt.date | None = None,
    config: RuleConfig | None = None,
) -> Iterator[tuple[SubjectFacts, Evaluation]]:
    """Sweep: every applicable code for every subject, one year. The same code path as a single question."""
    config = config or RuleConfig.defaults()
    wanted = tuple(codes) if codes is not None else tuple(catalogue.CATALOGUE)
    by_kind = {
        k: tuple(c for c in wanted if k in catalogue.CATALOGUE[c].subject_kinds)
        for k in catalogue.SUBJECT_KINDS
    }
    questions = {c: Question(c, year, as_of) for c in wanted}
    for subject in subjects:
        for code in by_kind[subject.kind]:
            yield subject, evaluate(subject=subject, question=questions[code], config=config)


def discover(
    subjects: Iterable[SubjectFacts],
    *,
    year: int,
    codes: Iterable[str] | None = None,
    as_of: dt.date | None = None,
    config: RuleConfig | None = None,
) -> list[Finding]:
    """Findings for `year`: newly eligible (not yet awarded), council cases with a computed basis, and
    candidates one step away (one achievement criterion missing, or a chain one year short)."""
    config = config or RuleConfig.defaults()
    findings: list[Finding] = []
    for subject, ev in evaluate_subjects(subjects, year=year, codes=codes, as_of=as_of, config=config):
        if ev.verdict == ELIGIBLE:
            findings.append(Finding(subject.key, subject.name, ev.code, year, ELIGIBLE_STATUS, (), ev))
            continue
        if ev.verdict == NEEDS_COUNCIL:
            if any(r.met is True and r.criterion not in GUARDS for r in ev.reasons):
                texts = tuple(r.text for r in ev.reasons if r.judgement)
                findings.append(Finding(subject.key, subject.name, ev.code, year, COUNCIL_STATUS, texts, ev))
            continue
        if ev.verdict != NOT_ELIGIBLE:
            continue
        failing = tuple(r for r in ev.failing if r.criterion not in NOTES)
        if any(r.criterion in GUARDS for r in failing):
            continue
        if len(failing) == 1:
            findings.append(
                Finding(subject.key, subject.name, ev.code, year, ONE_STEP, (failing[0].text,), ev)
            )
        elif ev.code == "CSTD_TINH":
            prospect = _cstd_tinh_prospect(subject, year, config)
            if prospect:
                findings.append(Finding(subject.key, subject.name, ev.code, year, ONE_STEP, prospect, ev))
    return findings


def _cstd_tinh_prospect(subject: SubjectFacts, year: int, config: RuleConfig) -> tuple[str, ...]:
    """CSTĐ tỉnh next year: the chain is one CSTĐCS short; say also whether a province-scope initiative is
    still needed (e.g. two consecutive CSTĐCS and no provincial initiative yet)."""
    from .evaluate import RULE_SETS
    from .rules_common import Ctx, params

    as_of = default_as_of(year + 1)
    rule_set = criteria_era(year + 1, as_of, config)
    if rule_set is None:
        return ()
    rules, basis = RULE_SETS[rule_set.era]
    rule_params = params(config, rule_set.era)
    ctx = Ctx(
        subject, "CSTD_TINH", year, subject.year(year), as_of, False, rule_set, rule_params, basis, rules
    )
    span = list(range(year - rule_params.cycle_years + 2, year + 1))
    missing, _ = chain_years(ctx, "CSTDCS", span, inline_last=True)
    if missing:
        return ()
    texts = [
        f"Đã đạt Chiến sĩ thi đua cơ sở {len(span):02d} năm liên tục ({', '.join(map(str, span))}); "
        f"cần đạt Chiến sĩ thi đua cơ sở năm {year + 1}"
    ]
    if not usable_initiatives(ctx, subject, span[0], year, "tinh"):
        texts.append("Cần sáng kiến hoặc đề tài cấp bộ, ngành, tỉnh được công nhận")
    return tuple(texts)
