"""Rule set E2 `luat-06-2022+nd-98-2023`: Luật Thi đua, khen thưởng 06/2022/QH15 with NĐ 98/2023/NĐ-CP and
TT 01/2024/TT-BNV (acts from 01/01/2024 to 30/06/2025).

The rules are a table: each code maps to a shared predicate (`predicates`) or to a row of a parametrised
form; the legal bases below are this rule set's own.
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
    cstdcs,
    giay_khen,
    hcld_2_1,
    ldtt,
    ttldtt_by_sector,
    ttldxs,
    two_year_form,
)
from .rules_common import HTTNV

LAW = "Luật Thi đua, khen thưởng 06/2022/QH15"
TT01 = "Thông tư 01/2024/TT-BNV"
ND98 = "Nghị định 98/2023/NĐ-CP"
ND152 = "Nghị định 152/2025/NĐ-CP"
CFG = "áp dụng theo cấu hình; cần xác minh"

BASIS_E2: dict[str, str] = {
    "ldtt.rating": f"{LAW}, Điều 24, khoản 1, điểm a",
    "ldtt.months": f"{TT01}, Điều 1, khoản 5, điểm d",
    "ldtt.leave": f"{TT01}, Điều 1, khoản 5",
    "ldtt.discipline": f"{LAW}, Điều 24, khoản 1 (loại trừ do kỷ luật: {CFG})",
    "discipline.period": f"{ND152} ({CFG} cho thời kỳ {ND98})",
    "discipline.pending": f"{ND152} ({CFG} cho thời kỳ {ND98})",
    "one_award": f"{LAW}, Điều 5, khoản 2",
    "cstdcs.ldtt": f"{LAW}, Điều 23, khoản 1",
    "cstdcs.achievement": f"{LAW}, Điều 23, khoản 2",
    "cstd_tinh.chain": f"{LAW}, Điều 22, khoản 1",
    "cstd_tinh.initiative": f"{LAW}, Điều 22, khoản 1, điểm b",
    "cstd_tq.chain": f"{LAW}, Điều 21, khoản 1",
    "cstd_tq.initiative": f"{LAW}, Điều 21, khoản 1, điểm b",
    "cstd_tq.timing": f"Nghị định 91/2017/NĐ-CP, Điều 48, khoản 1, điểm a ({CFG})",
    "ttldtt": f"{LAW}, Điều 28",
    "ttldtt.discipline": f"{LAW}, Điều 28 ({CFG})",
    "ttldxs.rating": f"{LAW}, Điều 27, khoản 1, điểm a",
    "ttldxs.members": f"{LAW}, Điều 27, khoản 1, điểm c",
    "ttldxs.cstdcs": f"{LAW}, Điều 27, khoản 1, điểm d",
    "ttldxs.discipline": f"{LAW}, Điều 27, khoản 1",
    "co_tinh": f"{LAW}, Điều 26, khoản 1",
    "co_tinh.standards": f"{LAW}, Điều 26, khoản 1, 2 (Thông tư 29/2023/TT-BGDĐT, Điều 4; {CFG})",
    "co_cp.leader": f"{LAW}, Điều 25, khoản 1; Công văn 5007/BNV-TĐKT ngày 05/09/2023",
    "giay_khen": f"{LAW}, Điều 75, khoản 2",
    "bk_tinh.computed": f"{LAW}, Điều 74, khoản 1, điểm d",
    "bk_tinh.collective": f"{LAW}, Điều 74 (tiêu chuẩn đối với tập thể cần xác minh)",
    "BANG_KHEN_TTG.computed": f"{LAW}, Điều 73, khoản 1, điểm b",
    "bk_ttg.collective": f"{LAW}, Điều 73 (tiêu chuẩn đối với tập thể cần xác minh)",
    "HCLD_3.computed": f"{LAW}, Điều 44, khoản 1, điểm e",
    "hcld3.collective": f"{LAW}, Điều 44 (tiêu chuẩn đối với tập thể cần xác minh)",
    "hcld21": f"{LAW}, Điều 33–47 (tiêu chuẩn Huân chương Lao động hạng Nhì, hạng Nhất cần xác minh)",
    "track": f"{LAW}, Điều 10 (căn cứ khen thưởng: tiêu chuẩn, thành tích, điều kiện, hoàn cảnh)",
    "BANG_KHEN_TINH.other_tracks": f"{LAW}, Điều 74, khoản 1, điểm a, b, c",
    "BANG_KHEN_TTG.other_tracks": f"{LAW}, Điều 73, khoản 1, điểm a, c",
    "HCLD_3.other_tracks": f"{LAW}, Điều 44, khoản 1, điểm g; khoản 2",
    "era": f"{LAW}, Điều 94, 95",
}

BANG_KHEN_TINH = TwoYearForm(
    "BANG_KHEN_TINH",
    cstdcs_branch=True,
    collective_text="Tiêu chuẩn Bằng khen đối với tập thể chưa được xác nhận: Hội đồng xem xét",
)
BANG_KHEN_TTG = AfterAwardForm(
    "BANG_KHEN_TTG",
    lower="BANG_KHEN_TINH",
    span=5,
    worst=HTTNV,
    need_cstdcs=3,
    need_htxsnv=0,
    initiatives_param=None,
    initiative_level="co_so",
    criterion="bang_khen_tinh_then_five_years",
    collective_text="Tiêu chuẩn Bằng khen Thủ tướng đối với tập thể chưa được xác nhận: Hội đồng xem xét",
    collective_basis="bk_ttg.collective",
)
HCLD_3 = AfterAwardForm(
    "HCLD_3",
    lower="BANG_KHEN_TTG",
    span=5,
    worst=HTTNV,
    need_cstdcs=3,
    need_htxsnv=1,
    initiatives_param=None,
    initiative_level="co_so",
    criterion="bang_khen_ttg_then_five_years",
    collective_text="Tiêu chuẩn Huân chương Lao động hạng Ba đối với tập thể: Hội đồng xem xét",
    collective_basis="hcld3.collective",
)

RULES_LUAT2022: dict[str, Rule] = {
    "LDTT": ldtt,
    "CSTDCS": cstdcs,
    "CSTD_TINH": cstd_tinh,
    "CSTD_TOAN_QUOC": cstd_toan_quoc,
    "TTLDTT": ttldtt_by_sector,
    "TTLDXS": ttldxs,
    "CO_TINH": co_tinh,
    "CO_CHINH_PHU": co_chinh_phu,
    "GIAY_KHEN": giay_khen,
    "BANG_KHEN_TINH": two_year_form(BANG_KHEN_TINH),
    "BANG_KHEN_TTG": after_award_form(BANG_KHEN_TTG),
    "HCLD_3": after_award_form(HCLD_3),
    "HCLD_2": hcld_2_1,
    "HCLD_1": hcld_2_1,
}
RULES_E2 = RULES_LUAT2022
