"""Award money (legal-rules §9), quotas on proposal lists, candidate discovery, configuration listing.

Pure Python: runs without Django.
"""

from __future__ import annotations

import datetime as dt
import time

import pytest

from thidua.rules.engine import (
    AwardHeld,
    Initiative,
    Proposal,
    Question,
    RuleConfig,
    SubjectFacts,
    YearFacts,
    award_amount,
    base_salary_on,
    check_quotas,
    discover,
    evaluate,
)
from thidua.rules.engine.discovery import evaluate_subjects

D = dt.date


@pytest.mark.parametrize(
    ("code", "kind", "decided", "amount", "multiple"),
    [
        pytest.param(
            "CSTDCS", "individual", D(2024, 8, 1), 2_340_000, 1.0, id="ND98-Dieu54: CSTDCS 1.0 x 2,340,000"
        ),
        pytest.param(
            "LDTT", "individual", D(2024, 3, 1), 540_000, 0.3, id="ND98-Dieu54: LDTT 0.3 x 1,800,000"
        ),
        pytest.param(
            "LDTT",
            "individual",
            D(2020, 1, 15),
            450_000,
            0.3,
            id="ND91 + ND38-2019: 0.3 x 1,490,000 = 447,000 rounded up to 450,000",
        ),
        pytest.param(
            "CSTD_TOAN_QUOC",
            "individual",
            D(2024, 1, 10),
            8_100_000,
            4.5,
            id="ND98-Dieu54: CSTD toan quoc 4.5 x 1,800,000",
        ),
        pytest.param(
            "BANG_KHEN_TTG",
            "individual",
            D(2025, 8, 8),
            8_190_000,
            3.5,
            id="ND152-Dieu54-k1: Bang khen TTg 3.5 x 2,340,000",
        ),
        pytest.param(
            "BANG_KHEN_TINH",
            "individual",
            D(2025, 8, 8),
            3_510_000,
            1.5,
            id="ND152-Dieu54-k1: Bang khen tinh 1.5 x 2,340,000",
        ),
        pytest.param(
            "BANG_KHEN_TINH",
            "collective",
            D(2025, 8, 8),
            7_020_000,
            3.0,
            id="ND152 (to verify): collective 2 x individual",
        ),
        pytest.param(
            "TTLDTT",
            "collective",
            D(2024, 8, 1),
            1_880_000,
            0.8,
            id="ND98-Dieu54: TTLDTT 0.8 x 2,340,000 = 1,872,000 rounded up",
        ),
        pytest.param("CO_TINH", "collective", D(2024, 12, 1), 18_720_000, 8.0, id="ND98-Dieu54: Co tinh 8.0"),
    ],
)
def test_award_amount(code: str, kind: str, decided: dt.date, amount: int, multiple: float) -> None:
    result = award_amount(code, kind, decided)
    assert result.amount == amount
    assert result.multiple == multiple
    assert result.amount % 10_000 == 0
    assert "lương cơ sở" in result.basis


def test_award_amount_unknown_multiple_is_not_guessed() -> None:
    """NĐ 98 Điều 58: Bằng khen Thủ tướng has no confirmed multiple (legal-rules §9.3)."""
    result = award_amount("BANG_KHEN_TTG", "individual", D(2024, 9, 1))
    assert result.amount is None and result.to_verify
    assert award_amount("HCLD_2", "individual", D(2025, 9, 1)).amount is None


def test_award_amount_flags_unconfirmed_values() -> None:
    assert award_amount("CSTDCS", "individual", D(2024, 8, 1)).to_verify is False
    assert award_amount("GIAY_KHEN", "individual", D(2024, 8, 1)).to_verify is True
    assert award_amount("CO_TINH", "collective", D(2025, 8, 1)).to_verify is True


def test_base_salary_table() -> None:
    assert base_salary_on(D(2019, 6, 30)) == (1_390_000, "Nghị định 72/2018/NĐ-CP")
    assert base_salary_on(D(2019, 7, 1)) == (1_490_000, "Nghị định 38/2019/NĐ-CP")
    assert (base_salary_on(D(2024, 7, 1)) or (0, ""))[0] == 2_340_000
    assert base_salary_on(D(2015, 1, 1)) is None


def test_base_salary_row_can_be_added_by_configuration() -> None:
    config = RuleConfig.defaults()
    table = (*config.get("money.base_salary"), (D(2026, 7, 1), 2_500_000, "Nghị định mới (ví dụ)"))
    custom = config.with_overrides({"money.base_salary": table})
    assert award_amount("CSTDCS", "individual", D(2026, 8, 1), config=custom).amount == 2_500_000
    assert custom.to_verify("money.base_salary") is False


# -------------------------------------------------------------------------------------------- quotas


def test_cstdcs_quota_names_the_excess_per_unit_and_agency() -> None:
    """NĐ 91/2017 Điều 9 khoản 3: CSTĐCS ≤ 15% of LĐTT (achievement years to 2023)."""
    proposals = [Proposal("Phòng A", "LDTT", i) for i in range(20)] + [
        Proposal("Phòng A", "CSTDCS", i) for i in range(5)
    ]
    proposals += [Proposal("Phòng B", "LDTT", i) for i in range(10)] + [Proposal("Phòng B", "CSTDCS", 1)]
    result = check_quotas(proposals, year=2023)
    unit_a = [q for q in result if q.unit == "Phòng A"]
    assert len(unit_a) == 1
    assert (unit_a[0].limit, unit_a[0].count, unit_a[0].excess) == (3, 5, 2)
    assert unit_a[0].text.startswith("Vượt 2 so với tỷ lệ 15% số Lao động tiên tiến")
    assert unit_a[0].to_verify is False and unit_a[0].provincial_warning is False
    assert not [q for q in result if q.unit == "Phòng B"]
    agency = [q for q in result if q.scope == "agency"]
    assert agency and (agency[0].limit, agency[0].count) == (4, 6)


def test_quota_uses_given_base_counts_and_configured_pct() -> None:
    proposals = [Proposal("P", "CSTDCS", i) for i in range(3)]
    assert check_quotas(proposals, year=2023, base_counts={("P", "LDTT"): 20}) == []
    config = RuleConfig.defaults().with_overrides({"cstdcs.quota_pct_of_ldtt": 10})
    result = check_quotas(proposals, year=2023, base_counts={("P", "LDTT"): 20}, config=config)
    assert result[0].excess == 1 and result[0].to_verify is False


# ----------------------------------------------------------------------------------------- discovery


def person(key: int, years: dict[int, YearFacts]) -> SubjectFacts:
    return SubjectFacts(kind="individual", name=f"Cán bộ {key}", years=years, key=key)


def yf(
    year: int, rating: str | None = "HTXSNV", awards: tuple[str, ...] = (), inits: tuple[str, ...] = ()
) -> YearFacts:
    return YearFacts.build(
        year=year,
        rating=rating,
        awards=[AwardHeld(a) for a in awards],
        initiatives=[Initiative(f"SK{year}{i}", lvl, year=year) for i, lvl in enumerate(inits)],
    )


def test_discovery_finds_new_and_one_step_away() -> None:
    two_cstdcs = person(1, {2023: yf(2023, awards=("LDTT", "CSTDCS")), 2024: yf(2024)})
    ready = person(
        2,
        {
            2022: yf(2022, awards=("CSTDCS",)),
            2023: yf(2023, awards=("CSTDCS",)),
            2024: yf(2024, inits=("tinh",)),
        },
    )
    plain = person(3, {2024: yf(2024, rating="HTTNV")})
    findings = discover([two_cstdcs, ready, plain], year=2024)
    by = {(f.subject_key, f.code): f for f in findings}
    assert by[(2, "CSTD_TINH")].status == "eligible"
    assert by[(3, "LDTT")].status == "eligible"
    assert (3, "CSTDCS") in by and by[(3, "CSTDCS")].status == "one_step_away"
    step = by[(1, "CSTD_TINH")]
    assert step.status == "one_step_away"
    assert any("02 năm liên tục (2023, 2024)" in m for m in step.missing)
    assert any("cấp bộ, ngành, tỉnh" in m for m in step.missing)
    assert by[(1, "BANG_KHEN_TINH")].status == "eligible"


def test_sweep_is_fast_enough() -> None:
    """A rough guard of the design goal (issue 5): thousands of evaluations per second on one core."""
    people = [
        person(
            i,
            {
                y: yf(
                    y,
                    awards=("LDTT", "CSTDCS") if (i + y) % 3 else ("LDTT",),
                    inits=("co_so",) if (i + y) % 5 == 0 else (),
                )
                for y in range(2015, 2025)
            },
        )
        for i in range(500)
    ]
    start = time.perf_counter()
    n = sum(1 for _ in evaluate_subjects(people, year=2024))
    elapsed = time.perf_counter() - start
    assert n == 500 * 10
    assert n / elapsed > 2_000, f"{n / elapsed:.0f} evaluations per second"


def test_evaluate_python_api_returns_procedure_era() -> None:
    subject = person(1, {2023: yf(2023, rating="HTTNV")})
    ev = evaluate(subject=subject, question=Question("LDTT", 2023, D(2024, 3, 1)))
    assert ev.rule_set == "luat-2003+nd-91-2017"
    assert ev.procedure_rule_set == "luat-06-2022+nd-98-2023"


def test_config_describe_lists_values_with_verify_flags() -> None:
    rows = {r["key"]: r for r in RuleConfig.defaults().describe()}
    assert rows["ldtt.min_months_employed"]["value"] == {"E1": 10, "E2": 6, "E3": 6}
    assert rows["ldtt.min_months_employed"]["to_verify"] == {"E1": False, "E2": False, "E3": True}
    assert rows["cstdcs.quota_pct_of_ldtt"]["value"] == {"E1": 15, "E2": None, "E3": None}
    assert rows["era.e3_start"]["value"] == "2025-07-01"
    overridden = RuleConfig.defaults().with_overrides({"ldtt.absence_max_days": 60}).describe()
    row = next(r for r in overridden if r["key"] == "ldtt.absence_max_days")
    assert row["overridden"] and row["to_verify"] is False and row["value"] == 60
    with pytest.raises(KeyError):
        RuleConfig.defaults().with_overrides({"no.such.key": 1})
