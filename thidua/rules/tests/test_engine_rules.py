"""Table-driven tests per rule, each case citing its article; cases across the era boundaries.

Pure Python: runs without Django (`pytest -p no:django`).
"""

from __future__ import annotations

from typing import Any

import pytest

from thidua.rules.engine import RuleConfig, answer
from thidua.rules.tests.test_engine_core import check_invariants, reason, req

E = "eligible"
N = "not_eligible"
J = "needs_council_judgement"


def co_so(ident: str, date: str, **extra: Any) -> dict[str, Any]:
    return {"id": ident, "level": "co_so", "kind": "initiative", "recognized_on": date, **extra}


def tinh(ident: str, date: str, **extra: Any) -> dict[str, Any]:
    return {"id": ident, "level": "tinh", "kind": "initiative", "recognized_on": date, **extra}


def member(
    name: str,
    rating: str | None = "HTTNV",
    awards: list[Any] | None = None,
    discipline: list[Any] | None = None,
    year: int = 2024,
    **extra: Any,
) -> dict[str, Any]:
    facts: dict[str, Any] = {"awards": awards or [], **extra}
    if rating:
        facts["rating"] = rating
    if discipline:
        facts["discipline"] = discipline
    return {"name": name, "years": {str(year): facts}}


def run(
    data: dict[str, Any], verdict: str, criterion: str | None, met: Any, config: RuleConfig | None = None
) -> dict[str, Any]:
    ans = answer(data, config=config)
    check_invariants(ans)
    assert ans["verdict"] == verdict, ans["reasons"]
    if criterion is not None:
        assert reason(ans, criterion)["met"] is met, ans["reasons"]
    return ans


# ------------------------------------------------------------------------------------------------ LĐTT

LDTT_CASES = [
    pytest.param(
        req("LDTT", 2024, {2024: {"rating": "HTTNV"}}),
        E,
        "rating_httnv_or_better",
        True,
        id="Luat06-Dieu24-k1-a: HTTNV suffices",
    ),
    pytest.param(
        req("LDTT", 2024, {2024: {"rating": "HTNV"}}),
        N,
        "rating_httnv_or_better",
        False,
        id="Luat06-Dieu24-k1-a: HTNV is not enough",
    ),
    pytest.param(
        req("LDTT", 2024, {2024: {}}),
        N,
        "rating_httnv_or_better",
        None,
        id="Luat06-Dieu24-k1-a: no rating, facts say nothing",
    ),
    pytest.param(
        req("LDTT", 2023, {2023: {"rating": "HTTNV"}}, recruited_on="2023-05-01"),
        N,
        "months_employed",
        False,
        id="ND91-2017-Dieu10: 8 months in 2023 < 10",
    ),
    pytest.param(
        req("LDTT", 2024, {2024: {"rating": "HTTNV"}}, recruited_on="2024-05-01"),
        E,
        "months_employed",
        True,
        id="TT01-2024-Dieu1-k5-d: 8 months in 2024 >= 6",
    ),
    pytest.param(
        req("LDTT", 2024, {2024: {"rating": "HTTNV"}}, recruited_on="2024-07-01"),
        E,
        "months_employed",
        True,
        id="TT01-2024-Dieu1-k5-d: recruited 1 July has 6 months",
    ),
    pytest.param(
        req("LDTT", 2024, {2024: {"rating": "HTTNV"}}, recruited_on="2024-08-01"),
        N,
        "months_employed",
        False,
        id="TT01-2024-Dieu1-k5-d: 5 months < 6",
    ),
    pytest.param(
        req("LDTT", 2025, {2025: {"rating": "HTTNV"}}, recruited_on="2025-07-01", as_of="2026-01-15"),
        E,
        "months_employed",
        True,
        id="E3 config ldtt.min_months_employed: 6 months kept",
    ),
    pytest.param(
        req("LDTT", 2023, {2023: {"rating": "HTTNV", "months_worked": 8}}),
        E,
        "months_employed",
        True,
        id="ND91-2017-Dieu10-k4: months bar is for the newly recruited (8 months, not new)",
    ),
    pytest.param(
        req("LDTT", 2024, {2024: {"rating": "HTTNV", "months_worked": 8}}),
        E,
        "months_employed",
        True,
        id="TT01-2024-Dieu1-k5-d: months_worked 8 in 2024",
    ),
    pytest.param(
        req("LDTT", 2024, {2024: {"rating": "HTTNV"}}, recruited_on="2025-02-01"),
        N,
        "months_employed",
        False,
        id="TT01-2024: recruited after the year judged",
    ),
    pytest.param(
        req("LDTT", 2023, {2023: {"rating": "HTTNV", "leave": [{"kind": "maternity", "working_days": 120}]}}),
        E,
        "leave_counts_as_worked",
        True,
        id="ND91-2017: maternity counts as time worked",
    ),
    pytest.param(
        req("LDTT", 2024, {2024: {"rating": "HTTNV", "leave": [{"kind": "sick", "working_days": 70}]}}),
        E,
        "leave_counts_as_worked",
        True,
        id="ND91-2017 abolished the 40-day rule: 70 sick days",
    ),
    pytest.param(
        req("LDTT", 2024, {2024: {"rating": "HTTNV", "leave": [{"kind": "unpaid", "working_days": 90}]}}),
        E,
        "leave_counts_as_worked",
        True,
        id="legal-rules-3: no national absence rule",
    ),
    pytest.param(
        req(
            "LDTT",
            2023,
            {
                2023: {
                    "rating": "HTTNV",
                    "leave": [
                        {
                            "kind": "study",
                            "working_days": 200,
                            "duration_months": 18,
                            "study_result": "trung_binh",
                        }
                    ],
                }
            },
        ),
        N,
        "leave_counts_as_worked",
        False,
        id="ND91-2017: study >= 1 year needs kha or better",
    ),
    pytest.param(
        req(
            "LDTT",
            2023,
            {
                2023: {
                    "rating": "HTTNV",
                    "leave": [
                        {"kind": "study", "working_days": 200, "duration_months": 18, "study_result": "kha"}
                    ],
                }
            },
        ),
        E,
        "leave_counts_as_worked",
        True,
        id="ND91-2017: study >= 1 year with kha counts",
    ),
    pytest.param(
        req(
            "LDTT",
            2024,
            {
                2024: {
                    "rating": "HTTNV",
                    "leave": [{"kind": "study", "working_days": 200, "duration_months": 18}],
                }
            },
        ),
        N,
        "leave_counts_as_worked",
        None,
        id="TT01-2024: long study without a result, unknown",
    ),
    pytest.param(
        req(
            "LDTT",
            2024,
            {
                2024: {
                    "rating": "HTTNV",
                    "leave": [{"kind": "study", "working_days": 40, "duration_months": 3}],
                }
            },
        ),
        E,
        "leave_counts_as_worked",
        True,
        id="TT01-2024: training < 1 year counts",
    ),
    pytest.param(
        req("LDTT", 2024, {2024: {"rating": "HTXSNV", "discipline": [{"form": "khien_trach"}]}}),
        N,
        "no_discipline_khien_trach",
        False,
        id="ND91-2017: khien trach blocks LDTT that year",
    ),
    pytest.param(
        req("LDTT", 2023, {2023: {"rating": "HTXSNV", "discipline": [{"form": "canh_cao"}]}}),
        N,
        "no_discipline_khien_trach",
        False,
        id="ND91-2017: canh cao blocks LDTT",
    ),
    pytest.param(
        req(
            "LDTT",
            2024,
            {
                2023: {
                    "discipline": [{"form": "canh_cao", "decided_on": "2023-09-01", "ends_on": "2024-09-01"}]
                },
                2024: {"rating": "HTXSNV"},
            },
        ),
        N,
        "no_discipline_khien_trach",
        False,
        id="ND152-2025: counts only after the discipline period",
    ),
    pytest.param(
        req(
            "LDTT",
            2024,
            {
                2023: {
                    "discipline": [
                        {"form": "khien_trach", "decided_on": "2023-03-01", "ends_on": "2023-09-01"}
                    ]
                },
                2024: {"rating": "HTXSNV"},
            },
        ),
        E,
        "no_discipline_khien_trach",
        True,
        id="ND152-2025: period ended before the year",
    ),
    pytest.param(
        req("LDTT", 2024, {2024: {"rating": "HTXSNV", "discipline": [{"pending": True}]}}),
        N,
        "not_under_review",
        False,
        id="ND152-2025: no award while under disciplinary review",
    ),
    pytest.param(
        req("LDTT", 2024, {2024: {"rating": "HTXSNV"}}, under_review=True),
        N,
        "not_under_review",
        False,
        id="ND152-2025: no award while a complaint is verified",
    ),
    pytest.param(
        req("LDTT", 2024, {2024: {"rating": "HTXSNV", "awards": ["LDTT"]}}),
        N,
        "not_already_awarded",
        False,
        id="Luat06-Dieu5-k2: one achievement, one award",
    ),
    pytest.param(
        req("LDTT", 2024, {2024: {"rating": "HTXSNV"}}, kind="collective"),
        N,
        "subject_kind",
        False,
        id="Luat06-Dieu24: LDTT is for individuals",
    ),
]


@pytest.mark.parametrize(("data", "verdict", "criterion", "met"), LDTT_CASES)
def test_ldtt(data: dict[str, Any], verdict: str, criterion: str, met: Any) -> None:
    run(data, verdict, criterion, met)


# ---------------------------------------------------------------------------------------------- CSTĐCS

CSTDCS_CASES = [
    pytest.param(
        req("CSTDCS", 2024, {2024: {"rating": "HTXSNV"}}),
        E,
        "htxsnv_or_initiative_co_so",
        True,
        id="Luat06-Dieu23-k2: HTXSNV alone suffices from 2024",
    ),
    pytest.param(
        req("CSTDCS", 2023, {2023: {"rating": "HTXSNV"}}),
        N,
        "initiative_level_co_so",
        False,
        id="ND91-2017-Dieu9-k3: HTXSNV alone is not enough in 2023",
    ),
    pytest.param(
        req("CSTDCS", 2023, {2023: {"rating": "HTTNV", "initiatives": [co_so("SK1", "2023-06-01")]}}),
        E,
        "initiative_level_co_so",
        True,
        id="ND91-2017-Dieu9-k3: LDTT and a co so initiative",
    ),
    pytest.param(
        req(
            "CSTDCS",
            2023,
            {2023: {"rating": "HTTNV", "initiatives": [{"id": "DT1", "level": "co_so", "kind": "research"}]}},
        ),
        E,
        "initiative_level_co_so",
        True,
        id="ND91-2017-Dieu9-k3: accepted research counts",
    ),
    pytest.param(
        req("CSTDCS", 2024, {2024: {"rating": "HTTNV", "initiatives": [co_so("SK1", "2024-06-01")]}}),
        E,
        "htxsnv_or_initiative_co_so",
        True,
        id="Luat06-Dieu23-k2: co so initiative",
    ),
    pytest.param(
        req("CSTDCS", 2024, {2024: {"rating": "HTTNV", "initiatives": [tinh("SK1", "2024-06-01")]}}),
        E,
        "htxsnv_or_initiative_co_so",
        True,
        id="Luat06-Dieu23-k2: a higher-level initiative satisfies",
    ),
    pytest.param(
        req(
            "CSTDCS",
            2024,
            {
                2024: {
                    "rating": "HTTNV",
                    "initiatives": [
                        co_so("SK1", "2024-06-01", used_for={"code": "BANG_KHEN_TINH", "year": 2024})
                    ],
                }
            },
        ),
        N,
        "htxsnv_or_initiative_co_so",
        False,
        id="Luat06-Dieu5-k2: an initiative supports one award",
    ),
    pytest.param(
        req(
            "CSTDCS",
            2024,
            {
                2024: {
                    "rating": "HTTNV",
                    "initiatives": [co_so("SK1", "2024-06-01", used_for={"code": "CSTDCS", "year": 2024})],
                }
            },
        ),
        E,
        "htxsnv_or_initiative_co_so",
        True,
        id="Luat06-Dieu5-k2: used for this same award counts",
    ),
    pytest.param(
        req("CSTDCS", 2024, {2024: {"rating": "HTTNV"}}),
        N,
        "htxsnv_or_initiative_co_so",
        False,
        id="Luat06-Dieu23-k2: HTTNV without initiative",
    ),
    pytest.param(
        req("CSTDCS", 2024, {2024: {"rating": "HTXSNV", "discipline": [{"form": "khien_trach"}]}}),
        N,
        "meets_ldtt_standard_same_year",
        False,
        id="Luat06-Dieu23-k1: the LDTT standard in the year",
    ),
    pytest.param(
        req("CSTDCS", 2024, {2024: {"rating": "HTXSNV"}}, recruited_on="2024-09-01"),
        N,
        "months_employed",
        False,
        id="Luat06-Dieu23-k1 + TT01-2024: months employed apply",
    ),
    pytest.param(
        req("CSTDCS", 2024, {2024: {"rating": "HTXSNV", "awards": ["LDTT"]}}),
        E,
        "meets_ldtt_standard_same_year",
        True,
        id="Luat06-Dieu23-k1: LDTT award not required, held ok",
    ),
]


@pytest.mark.parametrize(("data", "verdict", "criterion", "met"), CSTDCS_CASES)
def test_cstdcs(data: dict[str, Any], verdict: str, criterion: str, met: Any) -> None:
    run(data, verdict, criterion, met)


def test_cstdcs_watch_item_requires_both_when_configured() -> None:
    config = RuleConfig.defaults().with_overrides({"law.watch.cstdcs_requires_initiative": True})
    run(req("CSTDCS", 2024, {2024: {"rating": "HTXSNV"}}), N, "htxsnv_and_initiative_co_so", False, config)


# ---------------------------------------------------------------------------------- CSTĐ tỉnh, toàn quốc

CHAIN = {
    2022: {"rating": "HTXSNV", "awards": ["LDTT", "CSTDCS"]},
    2023: {"rating": "HTXSNV", "awards": ["LDTT", "CSTDCS"]},
}


def chain(**y2024: Any) -> dict[int, dict[str, Any]]:
    return {
        **CHAIN,
        2024: {
            "rating": "HTXSNV",
            "awards": ["LDTT", "CSTDCS"],
            "initiatives": [tinh("SK-24", "2024-10-02")],
            **y2024,
        },
    }


CSTD_TINH_CASES = [
    pytest.param(
        req("CSTD_TINH", 2024, chain()),
        E,
        "three_consecutive_cstdcs",
        True,
        id="Luat06-Dieu22-k1: chain 2022-2024 crosses eras",
    ),
    pytest.param(
        req("CSTD_TINH", 2024, {**chain(), 2023: {"rating": "HTXSNV", "awards": ["LDTT"]}}),
        N,
        "three_consecutive_cstdcs",
        False,
        id="Luat06-Dieu22-k1: a gap in 2023 breaks the chain",
    ),
    pytest.param(
        req("CSTD_TINH", 2024, chain(awards=["LDTT"])),
        E,
        "three_consecutive_cstdcs",
        True,
        id="Luat06-Dieu22-k1: the judged year's CSTDCS evaluated inline (HTXSNV)",
    ),
    pytest.param(
        req("CSTD_TINH", 2024, {**chain(), 2023: {"awards": [{"code": "CSTDCS", "track": "dot_xuat"}]}}),
        N,
        "three_consecutive_cstdcs",
        False,
        id="ND152-2025: one-off awards do not feed merit chains",
    ),
    pytest.param(
        req("CSTD_TINH", 2024, chain(initiatives=[co_so("SK", "2024-10-02")])),
        N,
        "initiative_level_tinh",
        False,
        id="Luat06-Dieu22-k2: a co so initiative is not enough",
    ),
    pytest.param(
        req("CSTD_TINH", 2024, chain(initiatives=[{"id": "DT", "level": "tinh", "kind": "research"}])),
        E,
        "initiative_level_tinh",
        True,
        id="Luat06-Dieu22-k2: a province-scope research topic is equivalent",
    ),
    pytest.param(
        req("CSTD_TINH", 2024, chain(initiatives=[{"id": "SK", "level": "toan_quoc", "kind": "initiative"}])),
        E,
        "initiative_level_tinh",
        True,
        id="Luat06-Dieu22-k2: a national initiative satisfies the province requirement",
    ),
    pytest.param(
        req(
            "CSTD_TINH",
            2024,
            chain(initiatives=[tinh("SK", "2024-10-02", used_for={"code": "CSTD_TINH", "year": 2021})]),
        ),
        N,
        "initiative_level_tinh",
        False,
        id="Luat06-Dieu5-k2: the province initiative already supported another award",
    ),
    pytest.param(
        req(
            "CSTD_TINH",
            2024,
            {**chain(), 2023: {"rating": "HTXSNV", "awards": ["LDTT", "CSTDCS", "CSTD_TINH"]}},
        ),
        N,
        "chain_not_already_used",
        False,
        id="Luat06-Dieu5-k2: years already rewarded by a CSTD tinh",
    ),
    pytest.param(
        req("CSTD_TINH", 2024, chain(awards=["LDTT", "CSTDCS", "CSTD_TINH"])),
        N,
        "not_already_awarded",
        False,
        id="Luat06-Dieu5-k2: already awarded for 2024",
    ),
    pytest.param(
        req(
            "CSTD_TINH",
            2021,
            {
                2019: {"awards": ["CSTDCS"]},
                2020: {"awards": ["CSTDCS"]},
                2021: {"awards": ["CSTDCS"], "initiatives": [tinh("SK", "2021-05-05")]},
            },
        ),
        E,
        "three_consecutive_cstdcs",
        True,
        id="LuatTDKT2003-Dieu22: E1 chain 2019-2021",
    ),
]


@pytest.mark.parametrize(("data", "verdict", "criterion", "met"), CSTD_TINH_CASES)
def test_cstd_tinh(data: dict[str, Any], verdict: str, criterion: str, met: Any) -> None:
    run(data, verdict, criterion, met)


def test_cstd_tinh_e1_rule_set_named() -> None:
    case = CSTD_TINH_CASES[-1].values[0]
    assert isinstance(case, dict)
    ans = run(case, E, None, None)
    assert ans["rule_set"] == "luat-2003+nd-91-2017"
    assert reason(ans, "three_consecutive_cstdcs")["basis"] == "Luật Thi đua, khen thưởng 2003, Điều 22"


def test_cstd_tinh_outstanding_as_council_judgement_when_configured() -> None:
    config = RuleConfig.defaults().with_overrides({"council.outstanding_as_judgement": True})
    run(req("CSTD_TINH", 2024, chain()), J, "outstanding_council_judgement", None, config)


def toan_quoc(decided_on: str | None = "2025-03-01", as_of: str | None = None, **kw: Any) -> dict[str, Any]:
    award: dict[str, Any] = {"code": "CSTD_TINH"}
    if decided_on:
        award["decided_on"] = decided_on
    years: dict[int, dict[str, Any]] = {
        2021: {"awards": ["CSTDCS", "CSTD_TINH"]},
        2022: {"awards": ["CSTDCS"]},
        2023: {"awards": ["CSTDCS"], "initiatives": [{"id": "SK-TQ", "level": "toan_quoc"}]},
        2024: {"rating": "HTXSNV", "awards": ["CSTDCS", award]},
    }
    years.update(kw.pop("years", {}))
    return req("CSTD_TOAN_QUOC", 2024, years, as_of=as_of)


CSTD_TQ_CASES = [
    pytest.param(
        toan_quoc(), E, "two_consecutive_cstd_tinh", True, id="Luat06-Dieu21-k1: CSTD tinh 2021 and 2024"
    ),
    pytest.param(
        toan_quoc(years={2021: {"awards": ["CSTDCS"]}}),
        N,
        "two_consecutive_cstd_tinh",
        False,
        id="Luat06-Dieu21-k1: one CSTD tinh only",
    ),
    pytest.param(
        toan_quoc(years={2023: {"awards": ["CSTDCS"]}}),
        N,
        "initiative_level_toan_quoc",
        False,
        id="Luat06-Dieu21-k2: no national initiative",
    ),
    pytest.param(
        toan_quoc(as_of="2026-02-01"),
        E,
        "proposal_in_year_after_second_cstd_tinh",
        True,
        id="ND91-Dieu48-k1-a (config): proposed the year after the 2nd decision",
    ),
    pytest.param(
        toan_quoc(as_of="2027-01-10"),
        N,
        "proposal_in_year_after_second_cstd_tinh",
        False,
        id="ND91-Dieu48-k1-a (config): a later proposal is not accepted",
    ),
]


@pytest.mark.parametrize(("data", "verdict", "criterion", "met"), CSTD_TQ_CASES)
def test_cstd_toan_quoc(data: dict[str, Any], verdict: str, criterion: str, met: Any) -> None:
    run(data, verdict, criterion, met)


# ---------------------------------------------------------------------------------------- collectives


def unit(
    code: str, year: int, members: list[dict[str, Any]], rating: str = "HTXSNV", **facts: Any
) -> dict[str, Any]:
    return req(code, year, {year: {"rating": rating, **facts}}, kind="collective", members=members)


FOUR_THREE_LDTT = [
    member("A", awards=["LDTT"]),
    member("B"),
    member("C", awards=["LDTT"]),
    member("D", rating="HTNV"),
]
TEN_SEVEN = (
    [member(f"M{i}", awards=["LDTT"]) for i in range(6)]
    + [member("M6", rating="HTXSNV", awards=["LDTT", "CSTDCS"])]
    + [member(f"N{i}", rating="HTNV") for i in range(3)]
)

COLLECTIVE_CASES = [
    pytest.param(
        unit("TTLDTT", 2024, FOUR_THREE_LDTT, "HTTNV"),
        E,
        "members_ldtt_over_50pct",
        True,
        id="Luat06-Dieu28: 3/4 members LDTT (one computed from facts)",
    ),
    pytest.param(
        unit("TTLDTT", 2024, FOUR_THREE_LDTT[:2] + [member("C", rating="HTNV"), member("D", "HTNV")]),
        N,
        "members_ldtt_over_50pct",
        False,
        id="Luat06-Dieu28: exactly 50% is not more than 50%",
    ),
    pytest.param(
        unit("TTLDTT", 2024, []),
        N,
        "members_ldtt_over_50pct",
        None,
        id="Luat06-Dieu28: no roster, facts say nothing",
    ),
    pytest.param(
        unit("TTLDTT", 2024, FOUR_THREE_LDTT, "HTNV"),
        N,
        "rating_httnv_or_better",
        False,
        id="Luat06-Dieu28: the collective's own rating",
    ),
    pytest.param(
        unit(
            "TTLDTT",
            2023,
            [
                member("A", awards=["LDTT"], year=2023),
                member("B", year=2023),
                member("C", rating="HTNV", discipline=[{"form": "canh_cao"}], year=2023),
            ],
        ),
        N,
        "no_member_canh_cao_or_above",
        False,
        id="LuatTDKT2003-Dieu28: E1 no member with canh cao",
    ),
    pytest.param(
        unit(
            "TTLDTT",
            2024,
            [
                member("A", awards=["LDTT"]),
                member("B"),
                member("C", rating="HTNV", discipline=[{"form": "canh_cao"}]),
            ],
        ),
        E,
        "members_ldtt_over_50pct",
        True,
        id="Luat06-Dieu28 (config off): canh cao clause not in E2",
    ),
    pytest.param(
        unit("TTLDXS", 2024, TEN_SEVEN),
        E,
        "members_ldtt_at_least_70pct",
        True,
        id="Luat06-Dieu27-k1-c: 7/10 LDTT and 100% completed duties",
    ),
    pytest.param(
        unit("TTLDXS", 2024, TEN_SEVEN[1:] + [member("X", rating="HTNV")]),
        N,
        "members_ldtt_at_least_70pct",
        False,
        id="Luat06-Dieu27-k1-c: 6/10 LDTT",
    ),
    pytest.param(
        unit("TTLDXS", 2024, TEN_SEVEN[:-1] + [member("X", rating="KHTNV")]),
        N,
        "members_all_completed_duties",
        False,
        id="Luat06-Dieu27-k1-c: a member did not complete duties",
    ),
    pytest.param(
        unit("TTLDXS", 2024, [m for m in TEN_SEVEN if m["name"] != "M6"] + [member("M6", "HTTNV", ["LDTT"])]),
        N,
        "member_cstdcs_at_least_one",
        False,
        id="Luat06-Dieu27-k1-d: no CSTDCS member",
    ),
    pytest.param(
        unit("TTLDXS", 2024, TEN_SEVEN, "HTTNV"),
        N,
        "rating_htxsnv",
        False,
        id="Luat06-Dieu27-k1-a: HTXSNV required",
    ),
    pytest.param(
        unit(
            "TTLDXS",
            2023,
            [
                member("A", "HTXSNV", ["LDTT", "CSTDCS"], year=2023),
                member("B", "HTTNV", ["LDTT"], year=2023, discipline=[{"form": "canh_cao"}]),
            ],
        ),
        N,
        "no_member_canh_cao_or_above",
        False,
        id="LuatTDKT2003-Dieu27: E1 no member with canh cao",
    ),
    pytest.param(
        unit(
            "TTLDXS",
            2024,
            [
                member("A", "HTXSNV", ["LDTT", "CSTDCS"]),
                member("B", "HTTNV", ["LDTT"], discipline=[{"form": "canh_cao"}]),
            ],
        ),
        E,
        "member_cstdcs_at_least_one",
        True,
        id="Luat06-Dieu27: no canh cao clause in 2022",
    ),
    pytest.param(
        unit("CO_TINH", 2024, [], cluster_rank=1),
        J,
        "cluster_leader",
        True,
        id="Luat06-Dieu26-k1-2: the cluster leader meeting HTXSNV; new model judged by the council",
    ),
    pytest.param(
        unit("CO_TINH", 2024, [], cluster_rank=2),
        N,
        "cluster_leader",
        False,
        id="Luat06-Dieu26-k1: second in the cluster",
    ),
    pytest.param(
        unit("CO_TINH", 2024, []), N, "cluster_leader", None, id="Luat06-Dieu26-k1: no cluster result"
    ),
    pytest.param(
        unit("CO_TINH", 2021, [], cluster_rank=1),
        J,
        "cluster_leader",
        True,
        id="ND91-2017-Dieu12: E1 cluster leader, flag standards judged by the council",
    ),
    pytest.param(
        unit("CO_CHINH_PHU", 2024, [], cluster_rank=1),
        J,
        "exemplary_among_cluster_leaders",
        None,
        id="Luat06-Dieu25-k1: chosen among cluster leaders by the council",
    ),
    pytest.param(
        unit("CO_CHINH_PHU", 2024, [], cluster_rank=3),
        N,
        "cluster_leader",
        False,
        id="Luat06-Dieu25-k1: not a cluster leader",
    ),
]


@pytest.mark.parametrize(("data", "verdict", "criterion", "met"), COLLECTIVE_CASES)
def test_collectives(data: dict[str, Any], verdict: str, criterion: str, met: Any) -> None:
    run(data, verdict, criterion, met)


def test_ttldtt_canh_cao_flag_can_be_switched_on_for_e2() -> None:
    config = RuleConfig.defaults().with_overrides({"ttldtt.no_canh_cao_member": {"E2": True}})
    data = unit(
        "TTLDTT",
        2024,
        [
            member("A", awards=["LDTT"]),
            member("B"),
            member("C", rating="HTNV", discipline=[{"form": "canh_cao"}]),
        ],
    )
    run(data, N, "no_member_canh_cao_or_above", False, config)
    assert config.get("ttldtt.no_canh_cao_member", "E1") is True


# ---------------------------------------------------------------------------------------------- forms

FORM_CASES = [
    pytest.param(
        req("BANG_KHEN_TINH", 2024, {2023: {"awards": ["CSTDCS"]}, 2024: {"awards": ["CSTDCS"]}}),
        E,
        "two_consecutive_cstdcs",
        True,
        id="Luat06-Dieu74-k1-d: 02 consecutive CSTDCS 2023-2024",
    ),
    pytest.param(
        req(
            "BANG_KHEN_TINH",
            2024,
            {
                2023: {"rating": "HTXSNV", "initiatives": [co_so("A", "2023-04-01")]},
                2024: {"rating": "HTXSNV", "awards": ["LDTT"], "initiatives": [co_so("B", "2024-04-01")]},
            },
        ),
        E,
        None,
        None,
        id="Luat06-Dieu74-k1-d: 2 years HTXSNV and 2 initiatives (2023 counts)",
    ),
    pytest.param(
        req("BANG_KHEN_TINH", 2024, {2023: {"rating": "HTTNV"}, 2024: {"rating": "HTTNV"}}),
        N,
        "htxsnv_two_years_two_initiatives",
        False,
        id="Luat06-Dieu74-k1-d: computed point fails, chua du tieu chuan (a-c on their own track)",
    ),
    pytest.param(
        req(
            "BANG_KHEN_TINH",
            2024,
            {2023: {"awards": ["CSTDCS", "BANG_KHEN_TINH"]}, 2024: {"awards": ["CSTDCS"]}},
        ),
        N,
        "chain_not_already_used",
        False,
        id="Luat06-Dieu5-k2: 2023 already rewarded by a Bang khen",
    ),
    pytest.param(
        req(
            "BANG_KHEN_TINH",
            2024,
            {
                2023: {"awards": ["CSTDCS"]},
                2024: {
                    "awards": [
                        "CSTDCS",
                        {"code": "BANG_KHEN_TINH", "track": "dot_xuat", "decided_on": "2024-05-10"},
                    ]
                },
            },
        ),
        E,
        "two_consecutive_cstdcs",
        True,
        id="Luat06-Dieu5-k2: a one-off Bang khen is another achievement",
    ),
    pytest.param(
        req(
            "BANG_KHEN_TINH",
            2024,
            {2023: {"awards": ["CSTDCS"]}, 2024: {"awards": ["CSTDCS", "BANG_KHEN_TINH"]}},
        ),
        N,
        "not_already_awarded",
        False,
        id="Luat06-Dieu5-k2: the same merit Bang khen twice",
    ),
    pytest.param(
        req(
            "BANG_KHEN_TINH",
            2024,
            {
                2023: {"awards": ["CSTDCS"]},
                2024: {"awards": ["CSTDCS"], "discipline": [{"form": "khien_trach"}]},
            },
        ),
        N,
        "no_discipline_khien_trach",
        False,
        id="ND152-2025: discipline in the year",
    ),
    pytest.param(
        req("BANG_KHEN_TINH", 2023, {2022: {"awards": ["CSTDCS"]}, 2023: {"awards": ["CSTDCS"]}}),
        N,
        "htxsnv_two_years_two_initiatives",
        None,
        id="ND91-2017-Dieu39 [K]: E1 has no CSTDCS chain point",
    ),
    pytest.param(
        req("BANG_KHEN_TINH", 2024, {2024: {"rating": "HTXSNV"}}, kind="collective"),
        J,
        "collective_criteria_council",
        None,
        id="Luat06-Dieu74: collective criteria unconfirmed",
    ),
    pytest.param(
        req("GIAY_KHEN", 2024, {2024: {"rating": "HTXSNV"}}),
        J,
        "provincial_criteria",
        None,
        id="Luat06-Dieu75-k2: criteria set by the province",
    ),
    pytest.param(
        req("GIAY_KHEN", 2024, {2024: {"rating": "HTXSNV"}}, kind="collective"),
        J,
        "provincial_criteria",
        None,
        id="Luat06-Dieu75-k2: collectives too",
    ),
]


@pytest.mark.parametrize(("data", "verdict", "criterion", "met"), FORM_CASES)
def test_forms(data: dict[str, Any], verdict: str, criterion: str | None, met: Any) -> None:
    run(data, verdict, criterion, met)


def five_years(lower: str, cstdcs: tuple[int, ...], ratings: dict[int, str] | None = None) -> dict[int, Any]:
    years: dict[int, Any] = {2019: {"rating": "HTXSNV", "awards": [lower]}}
    for y in range(2020, 2025):
        years[y] = {
            "rating": (ratings or {}).get(y, "HTTNV"),
            "awards": ["LDTT"] + (["CSTDCS"] if y in cstdcs else []),
        }
    return years


HIGH_CASES = [
    pytest.param(
        req("BANG_KHEN_TTG", 2024, five_years("BANG_KHEN_TINH", (2021, 2022, 2024))),
        E,
        "bang_khen_tinh_then_five_years",
        True,
        id="Luat06-Dieu73-k1-b: Bang khen tinh then 5 years, 3 CSTDCS",
    ),
    pytest.param(
        req("BANG_KHEN_TTG", 2024, five_years("BANG_KHEN_TINH", (2021, 2024))),
        N,
        "bang_khen_tinh_then_five_years",
        False,
        id="Luat06-Dieu73-k1-b: only 2 CSTDCS, not eligible",
    ),
    pytest.param(
        req("BANG_KHEN_TTG", 2024, five_years("BANG_KHEN_TINH", (2021, 2022, 2024), {2022: "HTNV"})),
        N,
        "bang_khen_tinh_then_five_years",
        False,
        id="Luat06-Dieu73-k1-b: a year below HTTNV",
    ),
    pytest.param(
        req("HCLD_3", 2024, five_years("BANG_KHEN_TTG", (2021, 2022, 2024), {2023: "HTXSNV"})),
        E,
        "bang_khen_ttg_then_five_years",
        True,
        id="Luat06-Dieu44-k1-e: BK TTg, 5 years, 1 HTXSNV, 3 CSTDCS",
    ),
    pytest.param(
        req("HCLD_3", 2024, five_years("BANG_KHEN_TTG", (2021, 2022, 2024))),
        N,
        "bang_khen_ttg_then_five_years",
        False,
        id="Luat06-Dieu44-k1-e: no HTXSNV year in the window",
    ),
    pytest.param(
        req("HCLD_2", 2024, five_years("HCLD_3", (2020, 2021, 2022, 2023, 2024))),
        J,
        "criteria_unconfirmed",
        None,
        id="legal-rules-2.5: HCLD_2 never eligible from computation",
    ),
    pytest.param(
        req("HCLD_1", 2024, five_years("HCLD_2", (2020, 2021, 2022, 2023, 2024))),
        J,
        "criteria_unconfirmed",
        None,
        id="legal-rules-2.5: HCLD_1 never eligible from computation",
    ),
    pytest.param(
        req("HCLD_3", 2024, {2024: {"rating": "HTXSNV"}}, kind="collective"),
        J,
        "collective_criteria_council",
        None,
        id="Luat06-Dieu44: collective criteria to the council",
    ),
]


@pytest.mark.parametrize(("data", "verdict", "criterion", "met"), HIGH_CASES)
def test_higher_forms(data: dict[str, Any], verdict: str, criterion: str, met: Any) -> None:
    run(data, verdict, criterion, met)


def test_bang_khen_ttg_e1_needs_five_years_htxsnv_and_five_initiatives() -> None:
    """NĐ 91/2017 Điều 38 khoản 1 điểm c."""
    years: dict[int, Any] = {2017: {"awards": ["BANG_KHEN_TINH"]}}
    for y in range(2018, 2023):
        years[y] = {"rating": "HTXSNV", "initiatives": [co_so(f"SK{y}", f"{y}-05-05")]}
    run(req("BANG_KHEN_TTG", 2022, years), E, "bang_khen_tinh_then_five_years", True)
    years[2020] = {"rating": "HTXSNV"}
    run(req("BANG_KHEN_TTG", 2022, years), N, "bang_khen_tinh_then_five_years", False)


@pytest.mark.parametrize(
    "code",
    [
        "LDTT",
        "CSTDCS",
        "CSTD_TINH",
        "CSTD_TOAN_QUOC",
        "TTLDTT",
        "TTLDXS",
        "CO_TINH",
        "CO_CHINH_PHU",
        "GIAY_KHEN",
        "BANG_KHEN_TINH",
        "BANG_KHEN_TTG",
        "HCLD_3",
        "HCLD_2",
        "HCLD_1",
    ],
)
@pytest.mark.parametrize("year", [2019, 2023, 2024, 2025])
def test_every_code_answers_with_valid_reasons_in_every_era(code: str, year: int) -> None:
    from thidua.rules.engine import CATALOGUE

    kind = sorted(CATALOGUE[code].subject_kinds)[0]
    ans = answer(
        req(
            code,
            year,
            {year: {"rating": "HTXSNV"}},
            kind=kind,
            members=[member("A", year=year)] if kind == "collective" else None,
        )
    )
    check_invariants(ans)
    assert ans["verdict"] in ("eligible", "not_eligible", "needs_council_judgement")
    if code in ("HCLD_2", "HCLD_1"):
        assert ans["verdict"] != "eligible"
