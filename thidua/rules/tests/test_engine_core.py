"""The JSON contract: parsing, bad input, the contract's example, rule-set naming, the `questions` form.

Pure Python: runs without Django (`pytest -p no:django`).
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from thidua.rules.engine import ContractError, RuleConfig, answer, parse_request

EXAMPLES = Path(__file__).parent / "contract_examples"


def req(
    code: str,
    year: int,
    years: dict[int, dict[str, Any]] | None = None,
    *,
    kind: str = "individual",
    as_of: str | None = None,
    members: list[dict[str, Any]] | None = None,
    recruited_on: str | None = None,
    **subject: Any,
) -> dict[str, Any]:
    """A contract request; `years` keyed by int for brevity."""
    question: dict[str, Any] = {"code": code, "year": year}
    if as_of:
        question["as_of"] = as_of
    subj: dict[str, Any] = {"kind": kind, "name": "Nguyễn Văn An", **subject}
    if recruited_on:
        subj["recruited_on"] = recruited_on
    data: dict[str, Any] = {
        "question": question,
        "subject": subj,
        "years": {str(y): v for y, v in (years or {}).items()},
    }
    if members is not None:
        data["members"] = members
    return data


def reason(ans: dict[str, Any], criterion: str) -> dict[str, Any]:
    found = [r for r in ans["reasons"] if r["criterion"] == criterion]
    assert found, f"no reason {criterion} in {[r['criterion'] for r in ans['reasons']]}"
    return found[0]


def check_invariants(ans: dict[str, Any]) -> None:
    """Verdict semantics of the contract, checked on every answer the tests produce."""
    assert set(ans) >= {"code", "year", "rule_set", "verdict", "reasons"}
    mets = [r["met"] for r in ans["reasons"]]
    for r in ans["reasons"]:
        assert set(r) == {"criterion", "met", "text", "basis"}
        assert r["text"] and r["basis"]
    if ans["verdict"] == "eligible":
        assert all(m is True for m in mets)
    elif ans["verdict"] == "needs_council_judgement":
        assert False not in mets and None in mets
    elif ans["verdict"] == "not_eligible":
        assert any(m is not True for m in mets)


# ----------------------------------------------------------------------------- the contract's example


def test_contract_example_is_eligible_under_e2_with_three_consecutive_cstdcs() -> None:
    data = json.loads((EXAMPLES / "cstd_tinh_2024.json").read_text(encoding="utf-8"))
    ans = answer(data)
    check_invariants(ans)
    assert ans["code"] == "CSTD_TINH"
    assert ans["year"] == 2024
    assert ans["rule_set"] == "luat-06-2022+nd-98-2023"
    assert ans["verdict"] == "eligible"
    first = ans["reasons"][0]
    assert first == {
        "criterion": "three_consecutive_cstdcs",
        "met": True,
        "text": "Đạt Chiến sĩ thi đua cơ sở 03 lần liên tục (2022, 2023, 2024)",
        "basis": "Luật Thi đua, khen thưởng 06/2022/QH15, Điều 22, khoản 1",
    }


def test_contract_example_answer_matches_stored_answer() -> None:
    data = json.loads((EXAMPLES / "cstd_tinh_2024.json").read_text(encoding="utf-8"))
    expected = json.loads((EXAMPLES / "cstd_tinh_2024.answer.json").read_text(encoding="utf-8"))
    assert answer(data) == expected


def test_parsing_does_not_mutate_the_request() -> None:
    data = json.loads((EXAMPLES / "cstd_tinh_2024.json").read_text(encoding="utf-8"))
    before = copy.deepcopy(data)
    answer(data)
    assert data == before


# ------------------------------------------------------------------------------------ rule-set naming


@pytest.mark.parametrize(
    ("year", "as_of", "rule_set"),
    [
        pytest.param(
            2023, None, "luat-2003+nd-91-2017", id="LuatTDKT-Dieu94-95: year 2023 judged by E1 criteria"
        ),
        pytest.param(
            2023,
            "2024-03-01",
            "luat-2003+nd-91-2017",
            id="legal-rules-1.2: criteria follow the achievement year even for a 2024 act",
        ),
        pytest.param(2017, "2018-01-10", "luat-2003+nd-91-2017", id="ND91-2017: first supported year"),
        pytest.param(2024, None, "luat-06-2022+nd-98-2023", id="ND98-2023: 2024 proposed in early 2025"),
        pytest.param(2024, "2025-06-30", "luat-06-2022+nd-98-2023", id="ND98-2023: last day of E2"),
        pytest.param(2024, "2025-07-01", "luat-06-2022+nd-152-2025", id="ND152-2025: in force 01/07/2025"),
        pytest.param(2025, None, "luat-06-2022+nd-152-2025", id="ND152-2025: 2025 proposed in 2026"),
    ],
)
def test_rule_set_is_named_by_criteria_era(year: int, as_of: str | None, rule_set: str) -> None:
    ans = answer(req("LDTT", year, {year: {"rating": "HTTNV"}}, as_of=as_of))
    assert ans["rule_set"] == rule_set
    assert ans["verdict"] == "eligible"


@pytest.mark.parametrize("year", [2016, 2010, 2000])
def test_years_before_2017_are_unsupported(year: int) -> None:
    ans = answer(req("LDTT", year, {year: {"rating": "HTXSNV"}}))
    check_invariants(ans)
    assert ans["verdict"] == "unsupported_period"
    assert ans["rule_set"] is None
    assert ans["reasons"][0]["criterion"] == "supported_period"


def test_era_boundary_is_configurable() -> None:
    config = RuleConfig.defaults().with_overrides({"era.e3_start": dt.date(2025, 8, 5)})
    data = req("LDTT", 2024, {2024: {"rating": "HTTNV"}}, as_of="2025-07-15")
    assert answer(data)["rule_set"] == "luat-06-2022+nd-152-2025"
    assert answer(data, config=config)["rule_set"] == "luat-06-2022+nd-98-2023"


# ---------------------------------------------------------------------------------- the questions form


def test_questions_share_the_facts_and_are_answered_in_order() -> None:
    data = req(
        "LDTT", 2024, {2023: {"rating": "HTXSNV", "awards": ["LDTT", "CSTDCS"]}, 2024: {"rating": "HTXSNV"}}
    )
    question = data.pop("question")
    data["questions"] = [
        question,
        {"code": "CSTDCS", "year": 2024},
        {"code": "BANG_KHEN_TINH", "year": 2024},
        {"code": "LDTT", "year": 2015},
    ]
    result = answer(data)
    assert list(result) == ["answers"]
    assert [(a["code"], a["year"]) for a in result["answers"]] == [
        ("LDTT", 2024),
        ("CSTDCS", 2024),
        ("BANG_KHEN_TINH", 2024),
        ("LDTT", 2015),
    ]
    assert [a["verdict"] for a in result["answers"]] == [
        "eligible",
        "eligible",
        "eligible",
        "unsupported_period",
    ]


def test_questions_may_carry_their_own_facts() -> None:
    one = req("LDTT", 2024, {2024: {"rating": "HTTNV"}})
    two = req("LDTT", 2024, {2024: {"rating": "KHTNV"}})
    result = answer({"questions": [one, two]})
    assert [a["verdict"] for a in result["answers"]] == ["eligible", "not_eligible"]


def test_an_error_in_any_question_refuses_the_whole_batch() -> None:
    good = req("LDTT", 2024, {2024: {"rating": "HTTNV"}})
    bad = req("LDTT", 2024, {2024: {"rating": "EXCELLENT"}})
    with pytest.raises(ContractError) as err:
        answer({"questions": [good, bad]})
    assert err.value.field == "questions[1].years.2024.rating"


# ------------------------------------------------------------------------------------------ bad input


def _with(path: str, value: Any) -> dict[str, Any]:
    data = json.loads((EXAMPLES / "cstd_tinh_2024.json").read_text(encoding="utf-8"))
    node = data
    keys = path.split(".")
    for key in keys[:-1]:
        node = node[int(key)] if isinstance(node, list) else node[key]
    last = keys[-1]
    if isinstance(node, list):
        node[int(last)] = value
    else:
        node[last] = value
    return data


@pytest.mark.parametrize(
    ("data", "field", "words"),
    [
        pytest.param(_with("question.code", "CSTD_XA"), "question.code", "mã danh hiệu", id="unknown code"),
        pytest.param(
            _with("question.year", "2024"), "question.year", "năm không hợp lệ", id="year as a string"
        ),
        pytest.param(
            _with("question.year", 2024.5), "question.year", "năm không hợp lệ", id="fractional year"
        ),
        pytest.param(
            _with("question.as_of", "20-01-2025"), "question.as_of", "YYYY-MM-DD", id="bad date format"
        ),
        pytest.param(
            _with("question.as_of", "2025-02-30"), "question.as_of", "không có ngày", id="impossible date"
        ),
        pytest.param(
            _with("years.2024.leave.0.working_days", -3),
            "years.2024.leave[0].working_days",
            "không được là số âm",
            id="negative days",
        ),
        pytest.param(
            _with("years.2024.leave.0.working_days", "120"),
            "years.2024.leave[0].working_days",
            "số nguyên",
            id="days as a string",
        ),
        pytest.param(
            _with("years.2024.leave.0.kind", "vacation"),
            "years.2024.leave[0].kind",
            "loại nghỉ",
            id="unknown leave kind",
        ),
        pytest.param(
            _with("years.2024.rating", "XUAT_SAC"), "years.2024.rating", "xếp loại", id="unknown rating"
        ),
        pytest.param(
            _with("years.2024.discipline", [{"form": "phe_binh"}]),
            "years.2024.discipline[0].form",
            "hình thức kỷ luật",
            id="unknown discipline form",
        ),
        pytest.param(
            _with("years.2024.initiatives.0.level", "huyen"),
            "years.2024.initiatives[0].level",
            "cấp sáng kiến",
            id="unknown initiative level",
        ),
        pytest.param(
            _with("years.2024.initiatives.0.recognized_on", "2023-10-02"),
            "years.2024.initiatives[0].recognized_on",
            "năm 2023",
            id="initiative listed under another year",
        ),
        pytest.param(
            _with("years.2024.awards", "LDTT"), "years.2024.awards", "danh sách", id="awards not a list"
        ),
        pytest.param(
            _with("years.2024.awards", ["LDTT", "CSTD_HUYEN"]),
            "years.2024.awards[1]",
            "mã danh hiệu",
            id="unknown award code",
        ),
        pytest.param(
            _with("years.2024.awards", [{"code": "BANG_KHEN_TINH", "track": "special"}]),
            "years.2024.awards[0].track",
            "track",
            id="unknown award track",
        ),
        pytest.param(_with("years.2024.months_worked", 13), "years.2024.months_worked", "12", id="13 months"),
        pytest.param(
            _with("subject.kind", "household"), "subject.kind", "loại đối tượng", id="unknown subject kind"
        ),
        pytest.param(
            _with("subject.recruited_on", "2015/09/01"),
            "subject.recruited_on",
            "YYYY-MM-DD",
            id="recruited_on with slashes",
        ),
        pytest.param(_with("years", []), "years", "đối tượng JSON", id="years not an object"),
        pytest.param(
            {"question": {"code": "LDTT", "year": 2024}}, "subject", "subject", id="missing subject"
        ),
        pytest.param({"subject": {"kind": "individual"}}, "question", "question", id="missing question"),
        pytest.param([1, 2], "", "đối tượng JSON", id="request not an object"),
    ],
)
def test_bad_input_is_refused_naming_the_field(data: Any, field: str, words: str) -> None:
    with pytest.raises(ContractError) as err:
        answer(data)
    assert err.value.field == field
    assert words in err.value.message


def test_malformed_year_key_is_refused() -> None:
    data = req("LDTT", 2024, {2024: {"rating": "HTTNV"}})
    data["years"]["20x4"] = {}
    with pytest.raises(ContractError) as err:
        parse_request(data)
    assert err.value.field == "years.20x4"
    assert "năm không hợp lệ" in err.value.message


def test_member_errors_name_the_member_path() -> None:
    data = req(
        "TTLDTT",
        2024,
        {2024: {"rating": "HTTNV"}},
        kind="collective",
        members=[
            {"name": "A", "years": {"2024": {"rating": "HTTNV"}}},
            {"name": "B", "years": {"2024": {"leave": [{"kind": "sick", "working_days": -1}]}}},
        ],
    )
    with pytest.raises(ContractError) as err:
        answer(data)
    assert err.value.field == "members[1].years.2024.leave[0].working_days"


def test_unknown_extra_fields_are_ignored_for_forward_compatibility() -> None:
    data = req("LDTT", 2024, {2024: {"rating": "HTTNV", "note": "x"}}, unit="Phòng Kế hoạch")
    data["client"] = "test"
    assert answer(data)["verdict"] == "eligible"
