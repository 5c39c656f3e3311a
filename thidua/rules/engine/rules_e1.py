"""Rule set E1 `luat-2003+nd-91-2017`: achievement years 2017–2023 (Luật Thi đua, khen thưởng 2003 as amended,
NĐ 91/2017/NĐ-CP, TT 12/2019/TT-BNV).

A table like the other rule sets, over the shared predicates; it imports nothing from the Luật 2022 rule sets.
Differences: CSTĐCS needs an initiative or an applied đề tài (HTXSNV alone is not enough, NĐ 91 Điều 9 khoản
3); newly recruited staff need 10 months (configuration); TTLĐTT and TTLĐXS exclude collectives with a member
disciplined with cảnh cáo or above; Bằng khen tỉnh, Bằng khen Thủ tướng and HCLĐ hạng Ba use the NĐ 91 /
Luật 2003 computed points (rows below).
"""

from __future__ import annotations

from .predicates import (
    AfterAwardForm,
    Rule,
    TwoYearForm,
    after_award_form,
    co_chinh_phu,
    co_tinh,
    cstd_tinh,
    cstd_toan_quoc,
    cstdcs_initiative_required,
    giay_khen,
    hcld_2_1,
    ldtt,
    ttldtt_by_law,
    ttldxs_no_canh_cao,
    two_year_form,
)
from .rules_common import HTXSNV

LAW_2003 = "Luật Thi đua, khen thưởng 2003"
ND91 = "Nghị định 91/2017/NĐ-CP"
CFG = "áp dụng theo cấu hình; cần xác minh"

BASIS_E1: dict[str, str] = {
    "ldtt.rating": f"{LAW_2003}, Điều 24",
    "ldtt.months": f"{ND91}, Điều 10",
    "ldtt.leave": ND91,
    "ldtt.discipline": ND91,
    "discipline.period": f"Nghị định 152/2025/NĐ-CP ({CFG} cho thời kỳ {ND91})",
    "discipline.pending": f"Nghị định 152/2025/NĐ-CP ({CFG} cho thời kỳ {ND91})",
    "one_award": f"{LAW_2003}, Điều 6",
    "cstdcs.ldtt": f"{LAW_2003}, Điều 23",
    "cstdcs.achievement": f"{ND91}, Điều 9, khoản 3",
    "cstd_tinh.chain": f"{LAW_2003}, Điều 22",
    "cstd_tinh.initiative": f"{LAW_2003}, Điều 22",
    "cstd_tq.chain": f"{LAW_2003}, Điều 21",
    "cstd_tq.initiative": f"{LAW_2003}, Điều 21",
    "cstd_tq.timing": f"{ND91}, Điều 48, khoản 1, điểm a",
    "ttldtt": f"{LAW_2003}, Điều 28",
    "ttldtt.discipline": f"{LAW_2003}, Điều 28",
    "ttldxs.rating": f"{LAW_2003}, Điều 27",
    "ttldxs.members": f"{LAW_2003}, Điều 27",
    "ttldxs.cstdcs": f"{LAW_2003}, Điều 27",
    "ttldxs.discipline": f"{LAW_2003}, Điều 27",
    "co_tinh": f"{ND91}, Điều 12",
    "co_tinh.standards": f"{LAW_2003}, Điều 26; {ND91}, Điều 12 ({CFG})",
    "co_cp.leader": f"{LAW_2003}, Điều 25; {ND91}, Điều 11",
    "giay_khen": f"{ND91}, Điều 40 (cần xác minh); quy chế thi đua, khen thưởng của tỉnh",
    "bk_tinh.computed": f"{ND91}, Điều 39, khoản 1 (cần xác minh)",
    "bk_tinh.collective": f"{ND91}, Điều 39 (cần xác minh)",
    "BANG_KHEN_TTG.computed": f"{ND91}, Điều 38, khoản 1, điểm c",
    "bk_ttg.collective": f"{ND91}, Điều 38 (cần xác minh)",
    "HCLD_3.computed": f"{LAW_2003} (Huân chương Lao động hạng Ba; điều, khoản cần xác minh)",
    "hcld3.collective": f"{LAW_2003} (Huân chương Lao động hạng Ba; tiêu chuẩn tập thể cần xác minh)",
    "hcld21": f"{LAW_2003} (tiêu chuẩn Huân chương Lao động hạng Nhì, hạng Nhất cần xác minh)",
    "track": f"{LAW_2003}, Điều 6; {ND91} (khen thưởng đột xuất, chuyên đề)",
    "BANG_KHEN_TINH.other_tracks": f"{ND91}, Điều 39, khoản 1 (cần xác minh)",
    "BANG_KHEN_TTG.other_tracks": f"{ND91}, Điều 38, khoản 1, điểm a, b",
    "HCLD_3.other_tracks": f"{LAW_2003} (Huân chương Lao động hạng Ba; điều, khoản cần xác minh)",
    "era": f"Luật Thi đua, khen thưởng 06/2022/QH15, Điều 95; {ND91}",
}

BANG_KHEN_TINH_E1 = TwoYearForm(
    "BANG_KHEN_TINH",
    cstdcs_branch=False,
    collective_text="Tiêu chuẩn Bằng khen đối với tập thể chưa được xác nhận: Hội đồng xem xét",
)
BANG_KHEN_TTG_E1 = AfterAwardForm(
    "BANG_KHEN_TTG",
    lower="BANG_KHEN_TINH",
    span=5,
    worst=HTXSNV,
    need_cstdcs=0,
    need_htxsnv=0,
    initiatives_param="bk_ttg_e1_min",
    initiative_level="co_so",
    criterion="bang_khen_tinh_then_five_years",
    collective_text="Tiêu chuẩn Bằng khen Thủ tướng đối với tập thể chưa được xác nhận: Hội đồng xem xét",
    collective_basis="bk_ttg.collective",
)
HCLD_3_E1 = AfterAwardForm(
    "HCLD_3",
    lower="BANG_KHEN_TTG",
    span=5,
    worst=HTXSNV,
    need_cstdcs=0,
    need_htxsnv=0,
    initiatives_param="hcld3_e1_min",
    initiative_level="tinh",
    criterion="bang_khen_ttg_then_five_years",
    collective_text="Tiêu chuẩn Huân chương Lao động hạng Ba đối với tập thể: Hội đồng xem xét",
    collective_basis="hcld3.collective",
)

RULES_E1: dict[str, Rule] = {
    "LDTT": ldtt,
    "CSTDCS": cstdcs_initiative_required,
    "CSTD_TINH": cstd_tinh,
    "CSTD_TOAN_QUOC": cstd_toan_quoc,
    "TTLDTT": ttldtt_by_law,
    "TTLDXS": ttldxs_no_canh_cao,
    "CO_TINH": co_tinh,
    "CO_CHINH_PHU": co_chinh_phu,
    "GIAY_KHEN": giay_khen,
    "BANG_KHEN_TINH": two_year_form(BANG_KHEN_TINH_E1),
    "BANG_KHEN_TTG": after_award_form(BANG_KHEN_TTG_E1),
    "HCLD_3": after_award_form(HCLD_3_E1),
    "HCLD_2": hcld_2_1,
    "HCLD_1": hcld_2_1,
}
