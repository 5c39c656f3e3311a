"""The December 2026 review (legal-rules §12) and contract 1.1: one table-driven case per point, each citing its
article, and the property that no merit-track form is left to the council when a computable point fails.

Pure Python: runs without Django (`pytest -p no:django`).
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thidua.rules.engine import ContractError, Proposal, RuleConfig, answer, check_quotas
from thidua.rules.tests.test_engine_core import check_invariants, reason, req

E = "eligible"
N = "not_eligible"
J = "needs_council_judgement"


def co_so(ident: str, date: str, **extra: Any) -> dict[str, Any]:
    return {"id": ident, "level": "co_so", "kind": "initiative", "recognized_on": date, **extra}


def asked(data: dict[str, Any], **question: Any) -> dict[str, Any]:
    data["question"].update(question)
    return data


def members(count: int, ldtt: int, **extra_first: Any) -> list[dict[str, Any]]:
    """`count` members of 2024, the first `ldtt` holding LĐTT, the others without any fact."""
    result: list[dict[str, Any]] = []
    for n in range(count):
        facts: dict[str, Any] = {"rating": "HTTNV", "awards": ["LDTT"]} if n < ldtt else {}
        result.append({"name": f"Thành viên {n:02d}", "years": {"2024": facts} if facts else {}})
    if extra_first:
        result[0]["years"]["2024"].update(extra_first)
    return result


def unit(code: str, year: int, member_list: list[dict[str, Any]], **facts: Any) -> dict[str, Any]:
    facts.setdefault("rating", "HTXSNV")
    return req(code, year, {year: facts}, kind="collective", members=member_list)


def five_years_after(lower: str, first: int = 2020, **extra: Any) -> dict[int, Any]:
    """`lower` held the year before `first`, then five years HTTNV with CSTĐCS in three of them."""
    years: dict[int, Any] = {first - 1: {"rating": "HTXSNV", "awards": [lower]}}
    for n, y in enumerate(range(first, first + 5)):
        years[y] = {
            "rating": "HTXSNV" if n == 3 else "HTTNV",
            "awards": ["LDTT"] + (["CSTDCS"] if n % 2 == 0 else []),
        }
    for key, facts in extra.items():
        years[int(key.lstrip("y"))] = facts
    return years


def run(
    data: dict[str, Any], verdict: str, criterion: str | None, met: Any, config: RuleConfig | None = None
):
    ans = answer(data, config=config)
    check_invariants(ans)
    assert ans["verdict"] == verdict, ans["reasons"]
    if criterion is not None:
        assert reason(ans, criterion)["met"] is met, ans["reasons"]
    return ans


ORDINARY = {2023: {"rating": "HTTNV", "awards": ["LDTT"]}, 2024: {"rating": "HTTNV", "awards": ["LDTT"]}}

CASES = [
    # 1. Forms can be refused (question.track); one-off and thematic achievements on their own track.
    pytest.param(
        req("BANG_KHEN_TINH", 2024, ORDINARY),
        N,
        "htxsnv_two_years_two_initiatives",
        False,
        id="Luat06-Dieu74-k1-d: ordinary ratings, no CSTDCS -> chua du tieu chuan",
    ),
    pytest.param(
        req("BANG_KHEN_TTG", 2024, ORDINARY),
        N,
        "bang_khen_tinh_then_five_years",
        False,
        id="Luat06-Dieu73-k1-b: no Bang khen -> not eligible",
    ),
    pytest.param(
        req("HCLD_3", 2024, ORDINARY),
        N,
        "bang_khen_ttg_then_five_years",
        False,
        id="Luat06-Dieu44-k1-e: no Bang khen TTg -> not eligible",
    ),
    pytest.param(
        asked(req("BANG_KHEN_TINH", 2024, ORDINARY), track="dot_xuat"),
        J,
        "track_council_judgement",
        None,
        id="Luat06-Dieu74-k1-c / contract 1.1 track dot_xuat: the council judges",
    ),
    pytest.param(
        asked(req("BANG_KHEN_TTG", 2024, ORDINARY), track="chuyen_de"),
        J,
        "track_council_judgement",
        None,
        id="Luat06-Dieu73-k1-a / contract 1.1 track chuyen_de: the council judges",
    ),
    pytest.param(
        asked(
            req("BANG_KHEN_TINH", 2024, {2024: {"rating": "HTTNV", "discipline": [{"form": "khien_trach"}]}}),
            track="dot_xuat",
        ),
        N,
        "no_discipline_khien_trach",
        False,
        id="ND152-2025-Dieu4: a disciplined person is not proposed, even for a one-off achievement",
    ),
    pytest.param(
        asked(
            req(
                "BANG_KHEN_TINH", 2024, {2024: {"awards": [{"code": "BANG_KHEN_TINH", "track": "dot_xuat"}]}}
            ),
            track="dot_xuat",
        ),
        N,
        "not_already_awarded",
        False,
        id="Luat06-Dieu5-k2: one-off achievement already rewarded with the same form",
    ),
    # 2. Initiatives behind the CSTĐCS are used up; the window may be longer than two years.
    pytest.param(
        req(
            "BANG_KHEN_TINH",
            2025,
            {
                2024: {
                    "rating": "HTTNV",
                    "awards": ["LDTT", "CSTDCS"],
                    "initiatives": [co_so("SK-24", "2024-05-01", used_for={"code": "CSTDCS", "year": 2024})],
                },
                2025: {
                    "rating": "HTTNV",
                    "awards": ["LDTT", "CSTDCS"],
                    "initiatives": [co_so("SK-25", "2025-05-01", used_for={"code": "CSTDCS", "year": 2025})],
                },
            },
        ),
        N,
        "two_consecutive_cstdcs",
        False,
        id="Luat06-Dieu74-k1-d, CV1168/BNV: CSTDCS on initiatives need 02 more",
    ),
    pytest.param(
        req(
            "BANG_KHEN_TINH",
            2025,
            {
                2024: {
                    "rating": "HTTNV",
                    "awards": ["LDTT", "CSTDCS"],
                    "initiatives": [
                        co_so("SK-24", "2024-05-01", used_for={"code": "CSTDCS", "year": 2024}),
                        co_so("SK-24b", "2024-09-01"),
                    ],
                },
                2025: {
                    "rating": "HTTNV",
                    "awards": ["LDTT", "CSTDCS"],
                    "initiatives": [
                        co_so("SK-25", "2025-05-01", used_for={"code": "CSTDCS", "year": 2025}),
                        co_so("SK-25b", "2025-09-01"),
                    ],
                },
            },
        ),
        E,
        "two_consecutive_cstdcs",
        True,
        id="Luat06-Dieu74-k1-d, CV1168/BNV: two more initiatives in the period",
    ),
    pytest.param(
        req(
            "BANG_KHEN_TINH",
            2025,
            {
                2023: {
                    "rating": "HTXSNV",
                    "initiatives": [co_so("SK-23a", "2023-03-01"), co_so("SK-23b", "2023-04-01")],
                },
                2024: {"rating": "HTXSNV"},
                2025: {"rating": "HTXSNV"},
            },
        ),
        E,
        "htxsnv_two_years_two_initiatives",
        True,
        id="Luat06-Dieu74-k1-d: tu 02 nam tro len - a three-year HTXSNV run counts its initiatives",
    ),
    # 3. Shares count every member; a member with LĐTT but no rating completed their duties.
    pytest.param(
        unit("TTLDTT", 2024, members(10, 3), rating="HTTNV"),
        N,
        "members_ldtt_over_50pct",
        False,
        id="Luat06-Dieu28: 3 LDTT of 10 members is 30%, not 3/3",
    ),
    pytest.param(
        unit(
            "TTLDXS",
            2024,
            [
                {"name": "A", "years": {"2024": {"awards": ["LDTT", "CSTDCS"]}}},
                {"name": "B", "years": {"2024": {"awards": ["LDTT"]}}},
                {"name": "C", "years": {"2024": {"rating": "HTTNV", "awards": ["LDTT"]}}},
                {"name": "D", "years": {"2024": {"member": False}}},
            ],
        ),
        E,
        "members_all_completed_duties",
        True,
        id="Luat06-Dieu27-k1-c: LDTT without a rating completed duties; member false is out",
    ),
    # 4. The months bar is for the newly recruited; maternity counts; contract service counts.
    pytest.param(
        req("LDTT", 2024, {2024: {"rating": "HTTNV", "months_worked": 4}}, recruited_on="2010-01-01"),
        E,
        "months_employed",
        True,
        id="TT01-2024 / ND91-Dieu10-k4: no months bar for a person not newly recruited",
    ),
    pytest.param(
        req(
            "LDTT",
            2024,
            {
                2024: {
                    "rating": "HTTNV",
                    "months_worked": 4,
                    "leave": [{"kind": "maternity", "working_days": 110}],
                }
            },
            recruited_on="2024-03-01",
        ),
        E,
        "months_employed",
        True,
        id="TT01-2024-Dieu1-k5: maternity leave counts as worked for the newly recruited",
    ),
    pytest.param(
        req(
            "LDTT", 2024, {2024: {"rating": "HTTNV"}}, recruited_on="2024-09-01", employed_since="2023-06-01"
        ),
        E,
        "months_employed",
        True,
        id="Bo Noi vu (laodong 1423234): contract service before recruitment counts",
    ),
    # 5. "Liên tục đến thời điểm đề nghị"; a Bằng khen tỉnh inside the window counts.
    pytest.param(
        req(
            "BANG_KHEN_TTG",
            2024,
            five_years_after("BANG_KHEN_TINH", y2025={"rating": "HTNV"}),
            as_of="2026-03-01",
        ),
        N,
        "bang_khen_tinh_then_five_years",
        False,
        id="Luat06-Dieu73-k1-b: a weaker year before the proposal breaks the run",
    ),
    pytest.param(
        req(
            "BANG_KHEN_TTG",
            2024,
            {
                **{y: f for y, f in five_years_after("BANG_KHEN_TINH").items() if y >= 2020},
                2021: {"rating": "HTTNV", "awards": ["LDTT", "BANG_KHEN_TINH"]},
            },
        ),
        E,
        "bang_khen_tinh_then_five_years",
        True,
        id="Luat06-Dieu73-k1-b, Bo Noi vu: a 2021 Bang khen tinh inside 2020-2024 counts",
    ),
    # 6. Cluster leaders still meet the flag's standards.
    pytest.param(
        unit("CO_TINH", 2024, [], rating="HTTNV", cluster_rank=1),
        N,
        "rating_htxsnv",
        False,
        id="Luat06-Dieu26-k1-2, TT29-2023-Dieu4: leading the cluster alone is not enough",
    ),
    # 7. One achievement, one award across forms.
    pytest.param(
        req(
            "BANG_KHEN_TINH",
            2024,
            {
                2023: {"rating": "HTXSNV", "awards": ["LDTT", "CSTDCS"]},
                2024: {
                    "rating": "HTXSNV",
                    "awards": [
                        "LDTT",
                        "CSTDCS",
                        {"code": "BANG_KHEN_TTG", "period": {"from": 2020, "to": 2024}},
                    ],
                },
            },
        ),
        N,
        "not_already_awarded_for_period",
        False,
        id="Luat06-Dieu5-k2: a Bang khen TTg for 2020-2024 blocks a Bang khen tinh for 2023-2024",
    ),
    # 8. Discipline lasts its period; a collective's own discipline excludes it.
    pytest.param(
        req(
            "LDTT",
            2024,
            {
                2023: {"discipline": [{"form": "khien_trach", "decided_on": "2023-10-01"}]},
                2024: {"rating": "HTTNV"},
            },
        ),
        N,
        "no_discipline_khien_trach",
        False,
        id="ND152-2025: a discipline of late 2023 without an end date reaches into 2024",
    ),
    pytest.param(
        req(
            "BANG_KHEN_TTG",
            2024,
            five_years_after(
                "BANG_KHEN_TINH",
                y2021={
                    "rating": "HTTNV",
                    "awards": ["LDTT"],
                    "discipline": [
                        {"form": "khien_trach", "decided_on": "2021-03-01", "ends_on": "2022-03-01"}
                    ],
                },
            ),
            as_of="2025-08-01",
        ),
        N,
        "no_discipline_khien_trach",
        False,
        id="ND152-2025: achievements count only from the end of the discipline period",
    ),
    pytest.param(
        unit("TTLDTT", 2024, members(4, 4), rating="HTTNV", discipline=[{"form": "canh_cao"}]),
        N,
        "no_discipline_khien_trach",
        False,
        id="ND152-2025-Dieu4 / contract 1.1: the collective's own discipline",
    ),
    # 16. Cờ thi đua Chính phủ: a collective ranked below its cluster's lead.
    pytest.param(
        unit("CO_CHINH_PHU", 2024, [], cluster_rank=2, awards=["CO_TINH"]),
        N,
        "cluster_leader",
        False,
        id="Luat06-Dieu25-k1, CV5007/BNV: ranked below the lead is not eligible",
    ),
    # Contract 1.1: a later, wider recognition of an initiative counts by the date judged.
    pytest.param(
        req(
            "CSTD_TINH",
            2024,
            {
                2022: {"awards": ["CSTDCS"]},
                2023: {"awards": ["CSTDCS"]},
                2024: {
                    "awards": ["CSTDCS"],
                    "initiatives": [
                        co_so(
                            "SK-24", "2024-04-01", scopes=[{"level": "tinh", "recognized_on": "2025-01-10"}]
                        )
                    ],
                },
            },
            as_of="2025-02-01",
        ),
        E,
        "initiative_level_tinh",
        True,
        id="Luat06-Dieu22-k1-b / contract 1.1 scopes: recognised at province scope by the act",
    ),
]


@pytest.mark.parametrize(("data", "verdict", "criterion", "met"), CASES)
def test_review_point(data: dict[str, Any], verdict: str, criterion: str | None, met: Any) -> None:
    run(data, verdict, criterion, met)


# ------------------------------------------------------------------------- configuration-driven points


def test_sector_thresholds_raise_ttldtt_to_70pct_in_education() -> None:
    """TT 29/2023/TT-BGDĐT Điều 6: ≥ 70 % LĐTT and no member disciplined cảnh cáo or above (§12 point 14)."""
    data = unit("TTLDTT", 2024, members(10, 6), rating="HTTNV")
    run(data, E, "members_ldtt_over_50pct", True)
    education = RuleConfig.defaults().with_overrides({"collective.sector": "giao_duc"})
    ans = run(data, N, "members_ldtt_sector_share", False, education)
    assert "Thông tư 29/2023/TT-BGDĐT" in reason(ans, "members_ldtt_sector_share")["basis"]
    assert education.to_verify("collective.sector") is False
    assert RuleConfig.defaults().to_verify("collective.sector") is True


def test_era_of_the_criteria_is_configuration_and_named_in_the_answer() -> None:
    """Luật 06/2022 Điều 95; Bộ Nội vụ answers 72011, 74206 (§12 point 10): `era.criteria_date`."""
    data = req("LDTT", 2023, {2023: {"rating": "HTTNV"}}, as_of="2024-03-01")
    ans = run(data, E, "rule_set_by_achievement_year", True)
    assert ans["rule_set"] == "luat-2003+nd-91-2017"
    by_act = RuleConfig.defaults().with_overrides({"era.criteria_date": "act_date"})
    ans = run(data, E, "rule_set_by_act_date", True, by_act)
    assert ans["rule_set"] == "luat-06-2022+nd-98-2023"
    assert "cần xác minh" in reason(ans, "rule_set_by_act_date")["text"]
    assert RuleConfig.defaults().to_verify("era.criteria_date") is True


def test_e3_cites_nd_152_and_tt_15_not_tt_01() -> None:
    """From 01/07/2025 criteria cite NĐ 152/2025 and TT 15/2025 (§12 point 11)."""
    ans = run(
        req("LDTT", 2025, {2025: {"rating": "HTTNV"}}, recruited_on="2025-03-01"), E, "months_employed", True
    )
    assert ans["rule_set"] == "luat-06-2022+nd-152-2025"
    bases = " ".join(r["basis"] for r in ans["reasons"])
    assert "Thông tư 15/2025/TT-BNV" in bases and "Thông tư 01/2024" not in bases
    assert "Nghị định 152/2025/NĐ-CP, Điều 4" in reason(ans, "no_discipline_khien_trach")["basis"]


@pytest.mark.parametrize(
    ("code", "years", "criterion", "basis"),
    [
        pytest.param(
            "CSTD_TINH",
            {2024: {"initiatives": [{"level": "tinh", "recognized_on": "2024-05-01"}]}},
            "initiative_level_tinh",
            "Điều 22, khoản 1, điểm b",
            id="Luat06-Dieu22-k1-b",
        ),
        pytest.param(
            "CSTD_TOAN_QUOC",
            {2024: {"initiatives": [{"level": "toan_quoc", "recognized_on": "2024-05-01"}]}},
            "initiative_level_toan_quoc",
            "Điều 21, khoản 1, điểm b",
            id="Luat06-Dieu21-k1-b",
        ),
    ],
)
def test_initiative_criterion_of_cstd_cites_khoan_1_diem_b(
    code: str, years: dict[int, Any], criterion: str, basis: str
) -> None:
    """§12 point 9: khoản 2 says who recognises the initiative; the criterion is khoản 1 điểm b."""
    ans = answer(req(code, 2024, years))
    assert reason(ans, criterion)["basis"].endswith(basis)


def test_no_quota_from_2024_unless_the_province_sets_its_own_warning() -> None:
    """Bộ Nội vụ (Lao Động, Hồ Huy Hùng): Luật 06/2022 sets no rate and lets no agency set one (§12 point 13)."""
    proposals = [Proposal("A", "LDTT", i) for i in range(10)] + [Proposal("A", "CSTDCS", i) for i in range(5)]
    assert check_quotas(proposals, year=2024) == []
    assert check_quotas(proposals, year=2023)  # NĐ 91/2017 Điều 9 khoản 3: 15 %
    province = RuleConfig.defaults().with_overrides({"cstdcs.quota_pct_of_ldtt": {"E2": 15}})
    excess = check_quotas(proposals, year=2024, config=province)
    assert excess and all(e.provincial_warning for e in excess)
    assert "không phải quy định của Luật" in excess[0].text


@pytest.mark.parametrize(
    ("mutate", "field"),
    [
        pytest.param(
            lambda d: d["question"].update(track="thuong_xuyen"), "question.track", id="unknown track"
        ),
        pytest.param(
            lambda d: d["years"]["2024"].update(
                awards=[{"code": "BANG_KHEN_TINH", "period": {"from": 2024, "to": 2020}}]
            ),
            "years.2024.awards[0].period.to",
            id="period ends before it starts",
        ),
        pytest.param(
            lambda d: d["years"]["2024"].update(member="yes"), "years.2024.member", id="member not a boolean"
        ),
        pytest.param(
            lambda d: d["subject"].update(employed_since="2024-13-01"),
            "subject.employed_since",
            id="bad date",
        ),
        pytest.param(
            lambda d: d["years"]["2024"].update(
                initiatives=[{"level": "co_so", "scopes": [{"level": "world"}]}]
            ),
            "years.2024.initiatives[0].scopes[0].level",
            id="unknown scope",
        ),
    ],
)
def test_contract_1_1_fields_are_validated_naming_the_field(mutate: Any, field: str) -> None:
    data = req("LDTT", 2024, {2024: {"rating": "HTTNV"}})
    mutate(data)
    with pytest.raises(ContractError) as caught:
        answer(data)
    assert caught.value.field == field


def test_batch_answers_carry_the_track_of_each_question() -> None:
    data = req("BANG_KHEN_TINH", 2024, ORDINARY)
    question = data.pop("question")
    data["questions"] = [question, {**question, "track": "dot_xuat"}]
    verdicts = [a["verdict"] for a in answer(data)["answers"]]
    assert verdicts == [N, J]


# -------------------------------------------------------------------------------------------- property

RATINGS = st.sampled_from(["HTXSNV", "HTTNV", "HTNV", "KHTNV"])
FORMS = ["BANG_KHEN_TINH", "BANG_KHEN_TTG", "HCLD_3", "CO_TINH", "CO_CHINH_PHU", "TTLDTT", "TTLDXS"]


@st.composite
def merit_requests(draw: st.DrawFn) -> dict[str, Any]:
    code = draw(st.sampled_from(FORMS))
    year = draw(st.integers(2019, 2026))
    kind = "collective" if code.startswith(("CO_", "TT")) else "individual"
    years: dict[int, Any] = {}
    for y in range(year - 6, year + 1):
        facts: dict[str, Any] = {}
        if draw(st.booleans()):
            facts["rating"] = draw(RATINGS)
        awards = draw(
            st.lists(
                st.sampled_from(["LDTT", "CSTDCS", "BANG_KHEN_TINH", "BANG_KHEN_TTG", "CO_TINH"]),
                unique=True,
                max_size=3,
            )
        )
        if awards:
            facts["awards"] = awards
        if draw(st.integers(0, 3)) == 0:
            facts["initiatives"] = [co_so(f"SK{y}", f"{y}-06-01")]
        if kind == "collective" and draw(st.booleans()):
            facts["cluster_rank"] = draw(st.integers(1, 3))
        if draw(st.integers(0, 12)) == 0:
            facts["discipline"] = [{"form": "khien_trach"}]
        years[y] = facts
    data = req(code, year, years, kind=kind)
    if kind == "collective":
        data["members"] = [
            {
                "name": f"M{n}",
                "years": {
                    str(year): {
                        "rating": draw(RATINGS),
                        "awards": draw(
                            st.lists(st.sampled_from(["LDTT", "CSTDCS"]), unique=True, max_size=2)
                        ),
                    }
                },
            }
            for n in range(draw(st.integers(0, 4)))
        ]
    return data


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(merit_requests())
def test_no_merit_form_is_left_to_the_council_when_a_computable_point_fails(data: dict[str, Any]) -> None:
    """Contract 1.1 `question.track` = cong_trang: a failed computable point refuses the form; and an individual
    Bằng khen or Huân chương (every point computable) is never left to the council."""
    ans = answer(data)
    check_invariants(ans)
    computable_failed = any(r["met"] is False for r in ans["reasons"])
    if computable_failed:
        assert ans["verdict"] == N, ans["reasons"]
    if data["subject"]["kind"] == "individual":
        assert ans["verdict"] in (E, N), ans["reasons"]
