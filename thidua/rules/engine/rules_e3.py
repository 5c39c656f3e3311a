"""Rule set E3 `luat-06-2022+nd-152-2025`: Luật Thi đua, khen thưởng 06/2022/QH15 with NĐ 152/2025/NĐ-CP and
TT 15/2025/TT-BNV (acts from 01/07/2025).

Its own bases: the decree-level exclusions cite NĐ 152/2025 (Điều 4 principles: a disciplined individual or
collective is not proposed in the year of the discipline; achievements count from the end of the discipline
period; no award while under review) and TT 15/2025 (how periods are counted, the newly recruited). The values
TT 15/2025 may have changed — months of the newly recruited, long study rated "khá" — are configuration
(`ldtt.min_months_employed`, `ldtt.study_long_requires_kha`, era E3), shown "cần xác minh" until confirmed.
The criteria of titles and forms are the law's, shared with E2 through the same predicates and rows.
"""

from __future__ import annotations

from .predicates import (
    Rule,
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
from .rules_e2 import BANG_KHEN_TINH, BANG_KHEN_TTG, HCLD_3

LAW = "Luật Thi đua, khen thưởng 06/2022/QH15"
ND152 = "Nghị định 152/2025/NĐ-CP"
TT15 = "Thông tư 15/2025/TT-BNV"
CFG = "áp dụng theo cấu hình; cần xác minh"

BASIS_E3: dict[str, str] = {
    "ldtt.rating": f"{LAW}, Điều 24, khoản 1, điểm a",
    "ldtt.months": f"{TT15} (số tháng tối thiểu đối với người mới tuyển dụng: {CFG})",
    "ldtt.leave": f"{TT15} (thời gian nghỉ được tính là thời gian công tác: {CFG})",
    "ldtt.discipline": f"{ND152}, Điều 4 (không đề nghị khen thưởng trong năm bị kỷ luật); {LAW}, Điều 24, khoản 1",
    "discipline.period": f"{ND152} (thành tích tính từ khi hết thời hạn kỷ luật)",
    "discipline.pending": f"{ND152} (không khen thưởng khi đang bị xem xét kỷ luật, điều tra, thanh tra)",
    "one_award": f"{LAW}, Điều 5, khoản 2; {ND152}, Điều 4",
    "cstdcs.ldtt": f"{LAW}, Điều 23, khoản 1",
    "cstdcs.achievement": f"{LAW}, Điều 23, khoản 2",
    "cstd_tinh.chain": f"{LAW}, Điều 22, khoản 1",
    "cstd_tinh.initiative": f"{LAW}, Điều 22, khoản 1, điểm b",
    "cstd_tq.chain": f"{LAW}, Điều 21, khoản 1",
    "cstd_tq.initiative": f"{LAW}, Điều 21, khoản 1, điểm b",
    "cstd_tq.timing": f"{TT15} (thời điểm đề nghị: quy định năm liền kề của Nghị định 91/2017/NĐ-CP, {CFG})",
    "ttldtt": f"{LAW}, Điều 28",
    "ttldtt.discipline": f"{LAW}, Điều 28 ({CFG})",
    "ttldxs.rating": f"{LAW}, Điều 27, khoản 1, điểm a",
    "ttldxs.members": f"{LAW}, Điều 27, khoản 1, điểm c",
    "ttldxs.cstdcs": f"{LAW}, Điều 27, khoản 1, điểm d",
    "ttldxs.discipline": f"{LAW}, Điều 27, khoản 1",
    "co_tinh": f"{LAW}, Điều 26, khoản 1",
    "co_tinh.standards": f"{LAW}, Điều 26, khoản 1, 2 ({CFG})",
    "co_cp.leader": f"{LAW}, Điều 25, khoản 1; {ND152}; Công văn 5007/BNV-TĐKT ngày 05/09/2023",
    "giay_khen": f"{LAW}, Điều 75, khoản 2",
    "bk_tinh.computed": f"{LAW}, Điều 74, khoản 1, điểm d; {TT15} (cách tính giai đoạn thành tích)",
    "bk_tinh.collective": f"{LAW}, Điều 74 (tiêu chuẩn đối với tập thể cần xác minh)",
    "BANG_KHEN_TTG.computed": f"{LAW}, Điều 73, khoản 1, điểm b; {TT15} (cách tính giai đoạn thành tích)",
    "bk_ttg.collective": f"{LAW}, Điều 73 (tiêu chuẩn đối với tập thể cần xác minh)",
    "HCLD_3.computed": f"{LAW}, Điều 44, khoản 1, điểm e; {TT15} (cách tính giai đoạn thành tích)",
    "hcld3.collective": f"{LAW}, Điều 44 (tiêu chuẩn đối với tập thể cần xác minh)",
    "hcld21": f"{LAW}, Điều 33–47 (tiêu chuẩn Huân chương Lao động hạng Nhì, hạng Nhất cần xác minh)",
    "track": f"{LAW}, Điều 10; {ND152} (khen thưởng đột xuất, chuyên đề không làm căn cứ khen thưởng công trạng)",
    "BANG_KHEN_TINH.other_tracks": f"{LAW}, Điều 74, khoản 1, điểm a, b, c",
    "BANG_KHEN_TTG.other_tracks": f"{LAW}, Điều 73, khoản 1, điểm a, c",
    "HCLD_3.other_tracks": f"{LAW}, Điều 44, khoản 1, điểm g ({ND152}, Điều 21: quá trình cống hiến); khoản 2",
    "era": f"{LAW}, Điều 94, 95; {ND152}",
}

RULES_E3: dict[str, Rule] = {
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
