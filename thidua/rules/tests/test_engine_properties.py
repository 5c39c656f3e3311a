"""Hypothesis properties of the engine: monotonic in initiatives, chains break without a year, and verdicts
independent of the order of facts. Pure Python: runs without Django."""

from __future__ import annotations

import json
import random
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thidua.rules.engine import answer
from thidua.rules.tests.test_engine_core import req

RATINGS = st.sampled_from(["HTXSNV", "HTTNV", "HTNV", "KHTNV"])
INDIVIDUAL_CODES = [
    "LDTT",
    "CSTDCS",
    "CSTD_TINH",
    "CSTD_TOAN_QUOC",
    "GIAY_KHEN",
    "BANG_KHEN_TINH",
    "BANG_KHEN_TTG",
    "HCLD_3",
]
LEVELS = st.sampled_from(["co_so", "tinh", "toan_quoc"])


@st.composite
def year_facts(draw: st.DrawFn, year: int) -> dict[str, Any]:
    facts: dict[str, Any] = {}
    if draw(st.booleans()):
        facts["rating"] = draw(RATINGS)
    awards = draw(
        st.lists(
            st.sampled_from(["LDTT", "CSTDCS", "CSTD_TINH", "BANG_KHEN_TINH", "BANG_KHEN_TTG"]),
            unique=True,
            max_size=3,
        )
    )
    if awards:
        facts["awards"] = awards
    n_init = draw(st.integers(0, 2))
    if n_init:
        facts["initiatives"] = [
            {
                "id": f"SK-{year}-{i}",
                "level": draw(LEVELS),
                "kind": draw(st.sampled_from(["initiative", "research"])),
                "recognized_on": f"{year}-0{i + 1}-15",
            }
            for i in range(n_init)
        ]
    if draw(st.integers(0, 9)) == 0:
        facts["discipline"] = [{"form": draw(st.sampled_from(["khien_trach", "canh_cao"]))}]
    if draw(st.integers(0, 4)) == 0:
        facts["leave"] = [
            {
                "kind": draw(st.sampled_from(["maternity", "sick", "study", "unpaid"])),
                "working_days": draw(st.integers(0, 200)),
            }
        ]
    return facts


@st.composite
def person(draw: st.DrawFn) -> dict[int, dict[str, Any]]:
    years = draw(st.lists(st.integers(2017, 2025), unique=True, min_size=1, max_size=8))
    return {y: draw(year_facts(y)) for y in years}


def _rank(verdict: str) -> int:
    return {"eligible": 2, "needs_council_judgement": 1, "not_eligible": 0}[verdict]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(person(), st.sampled_from(INDIVIDUAL_CODES), st.integers(2019, 2025), st.data())
def test_adding_an_initiative_never_makes_an_eligible_person_ineligible(
    years: dict[int, dict[str, Any]], code: str, year: int, data: st.DataObject
) -> None:
    before = answer(req(code, year, years))["verdict"]
    target = data.draw(st.integers(2017, 2025))
    extra = {
        "id": "SK-NEW",
        "level": data.draw(LEVELS),
        "kind": data.draw(st.sampled_from(["initiative", "research"])),
    }
    added = {y: dict(v) for y, v in years.items()}
    added.setdefault(target, {})
    added[target] = {**added[target], "initiatives": [*added[target].get("initiatives", []), extra]}
    after = answer(req(code, year, added))["verdict"]
    if before == "eligible":
        assert after == "eligible"
    assert _rank(after) >= _rank(before) or before == "needs_council_judgement"


@settings(max_examples=100, deadline=None)
@given(st.sampled_from([2022, 2023]), RATINGS, st.booleans())
def test_removing_a_year_from_a_chain_breaks_it(gap: int, rating: str, drop_whole_year: bool) -> None:
    years: dict[int, dict[str, Any]] = {
        2022: {"rating": "HTXSNV", "awards": ["LDTT", "CSTDCS"]},
        2023: {"rating": "HTXSNV", "awards": ["LDTT", "CSTDCS"]},
        2024: {
            "rating": "HTXSNV",
            "awards": ["LDTT", "CSTDCS"],
            "initiatives": [{"id": "SK", "level": "tinh", "recognized_on": "2024-03-01"}],
        },
    }
    assert answer(req("CSTD_TINH", 2024, years))["verdict"] == "eligible"
    if drop_whole_year:
        del years[gap]
    else:
        years[gap] = {"rating": rating, "awards": ["LDTT"]}
    ans = answer(req("CSTD_TINH", 2024, years))
    assert ans["verdict"] == "not_eligible"
    chain = next(r for r in ans["reasons"] if r["criterion"] == "three_consecutive_cstdcs")
    assert chain["met"] is False and str(gap) in chain["text"]


def _shuffled(data: dict[str, Any], rnd: random.Random) -> dict[str, Any]:
    def years(ys: dict[str, Any]) -> dict[str, Any]:
        keys = list(ys)
        rnd.shuffle(keys)
        out = {}
        for k in keys:
            facts = dict(ys[k])
            for field in ("awards", "initiatives", "leave", "discipline"):
                if field in facts:
                    items = list(facts[field])
                    rnd.shuffle(items)
                    facts[field] = items
            out[k] = facts
        return out

    result = {**data, "years": years(data["years"])}
    if "members" in data:
        members = [{**m, "years": years(m["years"])} for m in data["members"]]
        rnd.shuffle(members)
        result["members"] = members
    return result


@settings(max_examples=200, deadline=None)
@given(
    person(), st.sampled_from(INDIVIDUAL_CODES), st.integers(2019, 2025), st.randoms(use_true_random=False)
)
def test_answers_do_not_depend_on_the_order_of_facts(
    years: dict[int, dict[str, Any]], code: str, year: int, rnd: random.Random
) -> None:
    data = req(code, year, years)
    expected = json.dumps(answer(data), sort_keys=True)
    assert json.dumps(answer(_shuffled(data, rnd)), sort_keys=True) == expected


@settings(max_examples=100, deadline=None)
@given(
    st.lists(person(), min_size=1, max_size=8),
    st.sampled_from(["TTLDTT", "TTLDXS"]),
    RATINGS,
    st.randoms(use_true_random=False),
)
def test_collective_answers_do_not_depend_on_member_order(
    members: list[dict[int, dict[str, Any]]], code: str, rating: str, rnd: random.Random
) -> None:
    roster = [
        {"name": f"Thành viên {i}", "years": {str(y): v for y, v in m.items()}} for i, m in enumerate(members)
    ]
    data = req(code, 2024, {2024: {"rating": rating}}, kind="collective", members=roster)
    expected = json.dumps(answer(data), sort_keys=True)
    assert json.dumps(answer(_shuffled(data, rnd)), sort_keys=True) == expected
