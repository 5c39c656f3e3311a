"""Thresholds, quorum and the result of a ballot, in exact arithmetic (fractions.Fraction, never floats).

Threshold strings (the rules configuration, legal-rules §11 rows 13, 15, 16, 45): "90%" means at least 90 %,
">50%" strictly more than 50 %, "2/3" at least two thirds; "≥" may be written before any of them.

Which rule applies to an item (`threshold_rule`):

- a title or form in `ballot.secret_forms` (CSTĐ tỉnh and toàn quốc by default): secret ballot, `ballot.threshold`
  on `ballot.basis` of the era in force on the session's date (E1: at least 90 % of ALL members, NĐ 91/2017
  Điều 45 khoản 8);
- CSTĐCS: `cstdcs.vote_threshold` (the unit's rule, e.g. 2/3) of all members;
- anything else: `ballot.other_forms_threshold` (">50%") of all members.

The quorum (`ballot.quorum`) counts the members who took part in the item's vote — electronically or by a written
vote — over the total number of members. No result without a quorum.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from fractions import Fraction

from thidua.rules.engine import RuleConfig, procedure_era

TOTAL_MEMBERS, PRESENT = "total_members", "present"
SECRET, OPEN = "secret", "open"


@dataclass(frozen=True)
class Threshold:
    """A parsed threshold: the fraction and whether it must be exceeded (">") or reached."""

    text: str
    fraction: Fraction
    strict: bool

    def met(self, count: int, base: int) -> bool:
        if base <= 0:
            return False
        share = Fraction(count, base)
        return share > self.fraction if self.strict else share >= self.fraction

    def minimum(self, base: int) -> int | None:
        """The smallest count that meets the threshold on `base` (None when none does)."""
        return next((n for n in range(base + 1) if self.met(n, base)), None)


def parse_threshold(text: str) -> Threshold:
    """ "90%", ">50%", "≥2/3", "2/3" → Threshold; ValueError for anything else."""
    raw = str(text).strip().replace(" ", "")
    strict = raw.startswith(">") and not raw.startswith(">=")
    body = raw.removeprefix(">=").removeprefix("≥").removeprefix(">")
    try:
        if body.endswith("%"):
            fraction = Fraction(body[:-1]) / 100
        elif "/" in body:
            numerator, denominator = body.split("/", 1)
            fraction = Fraction(int(numerator), int(denominator))
        else:
            raise ValueError(text)
    except (ValueError, ZeroDivisionError) as error:
        raise ValueError(f"not a threshold: {text!r}") from error
    if not 0 <= fraction <= 1:
        raise ValueError(f"not a threshold: {text!r}")
    return Threshold(str(text), fraction, strict)


@dataclass(frozen=True)
class ThresholdRule:
    """What the rules configuration says for one item: the ballot type, threshold and basis, the quorum, the
    configuration keys and sources they come from, and whether any is still "cần xác minh"."""

    ballot_type: str
    threshold: str
    basis: str
    quorum: str
    era: str
    keys: tuple[str, ...]
    source: str
    to_verify: bool


def _sources(config: RuleConfig) -> dict[str, str]:
    return {row["key"]: row["source"] for row in config.describe()}


def threshold_rule(*, code: str, config: RuleConfig, on: dt.date) -> ThresholdRule:
    """The rule for an item of title or form `code` voted on `on` (the era of the procedure is the session's)."""
    era = procedure_era(on, config).era
    sources = _sources(config)
    if code in tuple(config.get("ballot.secret_forms")):
        keys: tuple[str, ...] = ("ballot.secret_forms", "ballot.threshold", "ballot.basis")
        threshold, basis, ballot_type = (
            config.get("ballot.threshold", era),
            config.get("ballot.basis", era),
            SECRET,
        )
    elif code == "CSTDCS":
        keys = ("cstdcs.vote_threshold",)
        threshold, basis, ballot_type = config.get("cstdcs.vote_threshold"), TOTAL_MEMBERS, OPEN
    else:
        keys = ("ballot.other_forms_threshold",)
        threshold, basis, ballot_type = config.get("ballot.other_forms_threshold"), TOTAL_MEMBERS, OPEN
    parse_threshold(threshold)  # refuse a malformed configured value before anyone votes
    every = (*keys, "ballot.quorum")
    source = "; ".join(dict.fromkeys(sources[key] for key in keys))
    return ThresholdRule(
        ballot_type=ballot_type,
        threshold=str(threshold),
        basis=basis if basis in (TOTAL_MEMBERS, PRESENT) else TOTAL_MEMBERS,
        quorum=str(config.get("ballot.quorum")),
        era=era,
        keys=every,
        source=source,
        to_verify=any(config.to_verify(key, era) for key in every),
    )


@dataclass(frozen=True)
class Count:
    """The counts of one item's ballot (legal-rules §5)."""

    members_total: int
    conflicted: int
    present: int  # voted electronically
    written: int  # written votes of absent members
    agree: int
    disagree: int
    abstain: int  # abstentions and invalid ballots


@dataclass(frozen=True)
class Result:
    base: int  # the members the quorum and a "total_members" threshold count
    voted: int
    quorum_met: bool
    passed: bool | None  # None: no result (no quorum)
    needed: int | None  # "agree" votes needed on the threshold's base


def ballot_result(
    count: Count, *, threshold: str, basis: str, quorum: str, conflicted_in_base: bool = True
) -> Result:
    """The result of a ballot: the quorum first (no result without it), then the threshold on its basis."""
    voted = count.present + count.written
    if count.agree + count.disagree + count.abstain != voted:
        raise ValueError("the choices do not add up to the votes on the roll")
    base = count.members_total - (0 if conflicted_in_base else count.conflicted)
    quorum_met = parse_threshold(quorum).met(voted, base)
    rule = parse_threshold(threshold)
    threshold_base = base if basis == TOTAL_MEMBERS else voted
    needed = rule.minimum(threshold_base)
    if not quorum_met:
        return Result(base, voted, False, None, needed)
    return Result(base, voted, True, rule.met(count.agree, threshold_base), needed)
