"""Thresholds and quorum, each row citing its basis (legal-rules §5, §11 rows 13, 15, 16, 45)."""

import datetime as dt
from fractions import Fraction

import pytest

from thidua.council.tally import (
    PRESENT,
    TOTAL_MEMBERS,
    Count,
    ballot_result,
    parse_threshold,
    threshold_rule,
)
from thidua.rules.engine import RuleConfig


def count(members=10, *, agree, disagree=0, abstain=0, written=0, conflicted=0):
    voted = agree + disagree + abstain
    return Count(
        members_total=members,
        conflicted=conflicted,
        present=voted - written,
        written=written,
        agree=agree,
        disagree=disagree,
        abstain=abstain,
    )


@pytest.mark.parametrize(
    ("text", "fraction", "strict"),
    [
        ("90%", Fraction(9, 10), False),
        (">50%", Fraction(1, 2), True),
        ("2/3", Fraction(2, 3), False),
        ("≥2/3", Fraction(2, 3), False),
        ("66.5%", Fraction(133, 200), False),
    ],
)
def test_threshold_strings_parse_to_exact_fractions(text, fraction, strict):
    parsed = parse_threshold(text)
    assert (parsed.fraction, parsed.strict) == (fraction, strict)
    assert isinstance(parsed.fraction, Fraction)


@pytest.mark.parametrize("text", ["", "abc", "150%", "3/0", "2/3/4", "-5%"])
def test_malformed_thresholds_are_refused(text):
    with pytest.raises(ValueError):
        parse_threshold(text)


# NĐ 91/2017 Điều 45 khoản 8 (E1, ballot.threshold "90%" on ballot.basis "total_members"): at least 90 % of ALL
# members, not of those present; absent members vote in writing.
SECRET_90_ALL = [
    # (members, agree, disagree, abstain, written, passes, why)
    (10, 9, 1, 0, 0, True, "9 of 10 is exactly 90 %"),
    (10, 10, 0, 0, 0, True, "unanimous"),
    (
        10,
        8,
        0,
        0,
        0,
        False,
        "8 of 10 with 2 absent: 8/10 < 90 % of all members, though 100 % of those present",
    ),
    (10, 8, 1, 1, 0, False, "8 of 10"),
    (10, 9, 0, 0, 3, True, "written votes of absent members count like the others"),
    (7, 6, 1, 0, 0, False, "6/7 = 85.7 %: a council of 7 needs all 7"),
    (7, 7, 0, 0, 1, True, "7/7 with one written vote"),
    (20, 18, 2, 0, 0, True, "18/20 = 90 %"),
    (20, 17, 0, 0, 0, False, "17/20 = 85 %"),
]


@pytest.mark.parametrize(
    ("members", "agree", "disagree", "abstain", "written", "passes", "why"), SECRET_90_ALL
)
def test_secret_ballot_90_percent_of_all_members(members, agree, disagree, abstain, written, passes, why):
    result = ballot_result(
        count(members, agree=agree, disagree=disagree, abstain=abstain, written=written),
        threshold="90%",
        basis=TOTAL_MEMBERS,
        quorum=">50%",
    )
    assert result.quorum_met, why
    assert result.passed is passes, why


def test_the_same_votes_pass_when_the_basis_is_those_present():
    # ballot.basis "present" (configurable, E2/E3 unconfirmed): 8 of 8 present is 100 %.
    votes = count(10, agree=8)
    assert ballot_result(votes, threshold="90%", basis=TOTAL_MEMBERS, quorum=">50%").passed is False
    assert ballot_result(votes, threshold="90%", basis=PRESENT, quorum=">50%").passed is True


# cstdcs.vote_threshold "2/3" (legal-rules §2.2: the unit sets it, e.g. two thirds), of all members.
TWO_THIRDS = [
    (9, 6, True, "6/9 is exactly two thirds"),
    (9, 5, False, "5/9 < 2/3"),
    (10, 7, True, "7/10 ≥ 2/3"),
    (10, 6, False, "6/10 < 2/3"),
    (12, 8, True, "8/12 = 2/3"),
]


@pytest.mark.parametrize(("members", "agree", "passes", "why"), TWO_THIRDS)
def test_cstdcs_two_thirds(members, agree, passes, why):
    votes = count(members, agree=agree, disagree=members - agree)
    assert ballot_result(votes, threshold="2/3", basis=TOTAL_MEMBERS, quorum=">50%").passed is passes, why


# ballot.other_forms_threshold ">50%" (common quy chế, legal-rules §5): strictly more than half of all members.
MAJORITY = [
    (10, 5, False, "5/10 is half, not more than half"),
    (10, 6, True, "6/10"),
    (7, 4, True, "4/7"),
    (7, 3, False, "3/7"),
]


@pytest.mark.parametrize(("members", "agree", "passes", "why"), MAJORITY)
def test_other_forms_strict_majority_of_all_members(members, agree, passes, why):
    votes = count(members, agree=agree, disagree=members - agree)
    assert ballot_result(votes, threshold=">50%", basis=TOTAL_MEMBERS, quorum=">50%").passed is passes, why


# ballot.quorum ">50%" (quy chế, legal-rules §11 row 45): members who took part electronically or in writing.
QUORUM = [
    (10, 5, 0, False, "5 of 10 is not more than half"),
    (10, 6, 0, True, "6 of 10"),
    (10, 4, 2, True, "4 present and 2 written votes"),
    (10, 0, 0, False, "nobody voted"),
]


@pytest.mark.parametrize(("members", "present", "written", "met", "why"), QUORUM)
def test_quorum_counts_present_and_written_votes(members, present, written, met, why):
    votes = count(members, agree=present + written, written=written)
    result = ballot_result(votes, threshold=">50%", basis=PRESENT, quorum=">50%")
    assert result.quorum_met is met, why
    if not met:
        assert result.passed is None  # no result without a quorum, even with every vote in favour


def test_a_conflicted_member_counts_in_the_base_unless_the_council_says_otherwise():
    # 10 members, one may not vote (conflict), the 9 others agree.
    votes = count(10, agree=9, conflicted=1)
    in_base = ballot_result(votes, threshold="90%", basis=TOTAL_MEMBERS, quorum=">50%")
    assert (in_base.base, in_base.passed) == (10, True)  # 9/10
    votes = count(10, agree=8, disagree=1, conflicted=1)
    assert ballot_result(votes, threshold="90%", basis=TOTAL_MEMBERS, quorum=">50%").passed is False  # 8/10
    excluded = ballot_result(
        votes, threshold="90%", basis=TOTAL_MEMBERS, quorum=">50%", conflicted_in_base=False
    )
    assert (excluded.base, excluded.passed) == (9, False)  # 8/9 = 88.9 %
    votes = count(10, agree=9, conflicted=1)
    assert ballot_result(
        votes, threshold="90%", basis=TOTAL_MEMBERS, quorum=">50%", conflicted_in_base=False
    ).passed


def test_choices_must_add_up_to_the_roll():
    with pytest.raises(ValueError):
        ballot_result(
            Count(members_total=10, conflicted=0, present=5, written=0, agree=3, disagree=1, abstain=0),
            threshold=">50%",
            basis=TOTAL_MEMBERS,
            quorum=">50%",
        )


def test_needed_votes_are_exact():
    assert parse_threshold("90%").minimum(10) == 9
    assert parse_threshold("90%").minimum(7) == 7
    assert parse_threshold(">50%").minimum(10) == 6
    assert parse_threshold("2/3").minimum(9) == 6


# ---- which rule applies (the rules configuration of the agency)


def test_cstd_tinh_uses_the_secret_ballot_rule_of_the_era_with_its_article():
    rule = threshold_rule(code="CSTD_TINH", config=RuleConfig.defaults(), on=dt.date(2023, 6, 1))
    assert (rule.ballot_type, rule.threshold, rule.basis, rule.era) == ("secret", "90%", TOTAL_MEMBERS, "E1")
    assert "Nghị định 91/2017/NĐ-CP, Điều 45, khoản 8" in rule.source
    assert rule.to_verify  # the forms covered and the quorum are unconfirmed


def test_the_2025_session_marks_the_threshold_to_verify():
    rule = threshold_rule(code="CSTD_TOAN_QUOC", config=RuleConfig.defaults(), on=dt.date(2025, 3, 12))
    assert (rule.era, rule.threshold, rule.ballot_type) == ("E2", "90%", "secret")
    assert rule.to_verify


def test_cstdcs_and_other_forms():
    config = RuleConfig.defaults()
    cstdcs = threshold_rule(code="CSTDCS", config=config, on=dt.date(2025, 3, 12))
    assert (cstdcs.threshold, cstdcs.basis, cstdcs.ballot_type) == ("2/3", TOTAL_MEMBERS, "open")
    assert "cstdcs.vote_threshold" in cstdcs.keys
    other = threshold_rule(code="BANG_KHEN_TINH", config=config, on=dt.date(2025, 3, 12))
    assert (other.threshold, other.basis) == (">50%", TOTAL_MEMBERS)


def test_an_agency_override_applies_and_is_no_longer_to_verify():
    config = RuleConfig.defaults().with_overrides(
        {"ballot.secret_forms": ["CSTD_TINH", "CSTD_TOAN_QUOC", "BANG_KHEN_TINH"], "ballot.quorum": "2/3"}
    )
    rule = threshold_rule(code="BANG_KHEN_TINH", config=config, on=dt.date(2023, 6, 1))
    assert (rule.ballot_type, rule.threshold, rule.quorum) == ("secret", "90%", "2/3")
