"""Configurable values of the rules engine (legal-rules §11), with defaults, sources and "cần xác minh" flags.

A value is either one value for all eras or a mapping ``{"E1": ..., "E2": ..., "E3": ...}``. Provinces (or the
legal officer) override values with `RuleConfig.with_overrides({...})`; `describe()` lists everything for the
UI, with `to_verify` True for values the research could not confirm (UNCONFIRMED or [K] in legal-rules).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .codes import DISCIPLINE_NAMES

ERAS = ("E1", "E2", "E3")


@dataclass(frozen=True, slots=True)
class ConfigItem:
    key: str
    default: Any  # a value, or a dict era -> value when `per_era`
    label: str  # Vietnamese description for the UI
    source: str  # legal basis or the reason it is configurable (legal-rules §11 row)
    to_verify: bool | Mapping[str, bool]
    per_era: bool = False
    title: str = ""  # the setting's name on the configuration page (never its key)

    def verify_flag(self, era: str | None = None) -> bool:
        if isinstance(self.to_verify, Mapping):
            return any(self.to_verify.values()) if era is None else bool(self.to_verify.get(era, True))
        return self.to_verify


def _era(e1: Any, e2: Any, e3: Any) -> dict[str, Any]:
    return {"E1": e1, "E2": e2, "E3": e3}


# Award-money multiples (legal-rules §9.2, §9.3): (multiple or None, to_verify) per era, individual subject.
MONEY_MULTIPLES: dict[str, dict[str, tuple[float | None, bool]]] = {
    "CSTD_TOAN_QUOC": _era((4.5, True), (4.5, False), (4.5, False)),
    "CSTD_TINH": _era((3.0, True), (3.0, False), (3.0, False)),
    "CSTDCS": _era((1.0, True), (1.0, False), (1.0, False)),
    "LDTT": _era((0.3, True), (0.3, False), (0.3, False)),
    "TTLDXS": _era((1.5, True), (1.5, False), (1.5, False)),
    "TTLDTT": _era((0.8, True), (0.8, False), (0.8, False)),
    "CO_CHINH_PHU": _era((12.0, True), (12.0, False), (12.0, False)),
    "CO_TINH": _era((8.0, True), (8.0, False), (8.0, True)),
    "BANG_KHEN_TTG": _era((3.5, True), (None, True), (3.5, False)),
    "BANG_KHEN_TINH": _era((1.0, False), (1.0, True), (1.5, False)),
    "GIAY_KHEN": _era((0.3, True), (0.3, True), (0.3, True)),
    "HCLD_3": _era((None, True), (None, True), (4.5, True)),
    "HCLD_2": _era((None, True), (None, True), (None, True)),
    "HCLD_1": _era((None, True), (None, True), (None, True)),
}

# Lương cơ sở (legal-rules §9.4): (in force from, VND per month, basis). Values [K]; later changes: add rows.
BASE_SALARY: tuple[tuple[dt.date, int, str], ...] = (
    (dt.date(2016, 5, 1), 1_210_000, "Nghị định 47/2016/NĐ-CP"),
    (dt.date(2017, 7, 1), 1_300_000, "Nghị định 47/2017/NĐ-CP"),
    (dt.date(2018, 7, 1), 1_390_000, "Nghị định 72/2018/NĐ-CP"),
    (dt.date(2019, 7, 1), 1_490_000, "Nghị định 38/2019/NĐ-CP"),
    (dt.date(2023, 7, 1), 1_800_000, "Nghị định 24/2023/NĐ-CP"),
    (dt.date(2024, 7, 1), 2_340_000, "Nghị định 73/2024/NĐ-CP"),
)

# Collective thresholds per sector (legal-rules §12 point 14): the law's by default; sector circulars raise
# TTLĐTT to at least 70 % LĐTT with no member disciplined cảnh cáo or above [K: read through summaries].
SECTOR_THRESHOLDS: dict[str, dict[str, Any]] = {
    "chung": {
        "label": "Theo Luật (mặc định)",
        "ttldtt_ldtt_pct": 50,
        "ttldtt_inclusive": False,
        "ttldtt_no_canh_cao": None,  # None: the value of `ttldtt.no_canh_cao_member`
        "basis": "",
    },
    "giao_duc": {
        "label": "Ngành giáo dục",
        "ttldtt_ldtt_pct": 70,
        "ttldtt_inclusive": True,
        "ttldtt_no_canh_cao": True,
        "basis": "Thông tư 29/2023/TT-BGDĐT, Điều 6 (cần xác minh)",
    },
    "van_phong_chinh_phu": {
        "label": "Văn phòng Chính phủ",
        "ttldtt_ldtt_pct": 70,
        "ttldtt_inclusive": True,
        "ttldtt_no_canh_cao": True,
        "basis": "Thông tư 01/2024/TT-VPCP, Điều 5 (cần xác minh)",
    },
}

# Discipline period when the record gives no end date (months from the decision) [K]: thời hạn kỷ luật.
DISCIPLINE_PERIOD_MONTHS: dict[str, int | None] = {
    "khien_trach": 12,
    "canh_cao": 12,
    "ha_bac_luong": 18,
    "giang_chuc": 18,
    "cach_chuc": 18,
    "buoc_thoi_viec": None,
}

ITEMS: tuple[ConfigItem, ...] = (
    ConfigItem(
        "era.criteria_date",
        "achievement_year",
        "Bộ tiêu chuẩn áp dụng khi năm thành tích và ngày đề nghị thuộc hai thời kỳ khác nhau: theo năm thành "
        "tích hoặc theo ngày đề nghị",
        "Luật 06/2022/QH15, Điều 95 chỉ bảo lưu khen thưởng đã có; Bộ Nội vụ trả lời các đề nghị năm 2024 theo "
        "lời văn Luật 2022 (chinhsachonline 72011, 74206) (legal-rules §12 mục 10)",
        True,
        title="Bộ tiêu chuẩn khi năm thành tích và ngày đề nghị khác thời kỳ",
    ),
    ConfigItem(
        "era.e2_start",
        dt.date(2024, 1, 1),
        "Ngày Luật Thi đua, khen thưởng 2022 và Nghị định 98/2023 có hiệu lực",
        "Luật 06/2022/QH15, Điều 94",
        False,
        title="Ngày Luật Thi đua, khen thưởng 2022 có hiệu lực",
    ),
    ConfigItem(
        "era.e3_start",
        dt.date(2025, 7, 1),
        "Ngày Nghị định 152/2025/NĐ-CP có hiệu lực (thay Nghị định 98/2023)",
        "Ngày hiệu lực chỉ xác nhận qua báo chí; việc thay thế Nghị định 98 là suy luận (§11 dòng 1)",
        True,
        title="Ngày Nghị định 152/2025/NĐ-CP có hiệu lực",
    ),
    ConfigItem(
        "era.first_year",
        2017,
        "Năm thành tích sớm nhất được hệ thống xét (Nghị định 91/2017 có hiệu lực 01/10/2017)",
        "legal-rules §1.2 mục 4: năm trước 2017 không thuộc thời kỳ nào hệ thống xét",
        False,
        title="Năm thành tích sớm nhất được xét",
    ),
    ConfigItem(
        "ldtt.min_months_employed",
        _era(10, 6, 6),
        "Số tháng công tác tối thiểu của người mới tuyển dụng để xét Lao động tiên tiến",
        "E1: Nghị định 91/2017/NĐ-CP; E2: Thông tư 01/2024/TT-BNV, Điều 1, khoản 5, điểm d; E3: Thông tư 15/2025 chưa kiểm tra",
        _era(False, False, True),
        per_era=True,
        title="Số tháng công tác tối thiểu của người mới tuyển dụng (Lao động tiên tiến)",
    ),
    ConfigItem(
        "ldtt.working_days_per_month",
        22,
        "Số ngày làm việc tính là một tháng khi cộng thời gian nghỉ được tính là thời gian công tác",
        "Quy ước tính toán của hệ thống (legal-rules §12 mục 4)",
        True,
        title="Số ngày làm việc tính là một tháng",
    ),
    ConfigItem(
        "ldtt.absence_max_days",
        None,
        "Số ngày nghỉ tối đa (không tính thời gian được coi là công tác); trống = không áp dụng",
        "Quy định 40 ngày đã bãi bỏ từ 2017; tỉnh có thể quy định riêng (§11 dòng 5)",
        True,
        title="Số ngày nghỉ tối đa trong năm (Lao động tiên tiến)",
    ),
    ConfigItem(
        "ldtt.maternity_counts",
        True,
        "Thời gian nghỉ thai sản được tính là thời gian công tác",
        "Xác nhận cho E1; E2/E3 chưa xác nhận (§11 dòng 6)",
        _era(False, True, True),
        title="Nghỉ thai sản được tính là thời gian công tác",
    ),
    ConfigItem(
        "ldtt.study_long_requires_kha",
        True,
        "Đi học từ 01 năm trở lên phải chấp hành quy chế và đạt loại khá trở lên",
        "Xác nhận cho E1; lời văn Thông tư 01/2024 và 15/2025 chưa rõ (§11 dòng 7)",
        _era(False, True, True),
        title="Đi học từ 01 năm trở lên phải đạt loại khá",
    ),
    ConfigItem(
        "ldtt.sick_counts",
        True,
        "Thời gian nghỉ ốm đau, điều trị được tính là thời gian công tác",
        "Chỉ xác nhận cho điều trị do thương tích khi chiến đấu, cứu hộ (E2); không có quy định chung (§11 dòng 8)",
        True,
        title="Nghỉ ốm đau, điều trị được tính là thời gian công tác",
    ),
    ConfigItem(
        "ldtt.military_counts",
        None,
        "Thời gian nghĩa vụ quân sự được tính là thời gian công tác (trống = không quy định)",
        "Không tìm thấy quy định toàn quốc (§11 dòng 8)",
        True,
        title="Nghĩa vụ quân sự được tính là thời gian công tác",
    ),
    ConfigItem(
        "ldtt.unpaid_counts",
        None,
        "Thời gian nghỉ không lương được tính là thời gian công tác (trống = không quy định)",
        "Không tìm thấy quy định toàn quốc (§11 dòng 8)",
        True,
        title="Nghỉ không lương được tính là thời gian công tác",
    ),
    ConfigItem(
        "ldtt.other_counts",
        None,
        "Thời gian nghỉ khác được tính là thời gian công tác (trống = không quy định)",
        "Không tìm thấy quy định toàn quốc (§11 dòng 8)",
        True,
        title="Nghỉ khác được tính là thời gian công tác",
    ),
    ConfigItem(
        "ldtt.discipline_min_form",
        "khien_trach",
        "Hình thức kỷ luật nhẹ nhất loại trừ Lao động tiên tiến trong năm",
        "Xác nhận cho Nghị định 91/2017 (§11 dòng 9)",
        _era(False, True, True),
        title="Hình thức kỷ luật nhẹ nhất loại trừ Lao động tiên tiến",
    ),
    ConfigItem(
        "discipline.block_while_pending",
        True,
        "Không khen thưởng khi đang bị xem xét kỷ luật, điều tra, thanh tra, giải quyết khiếu nại, tố cáo",
        "Xác nhận cho Nghị định 152/2025 (E3) (§11 dòng 10)",
        _era(True, True, False),
        title="Không khen thưởng khi đang bị xem xét kỷ luật, điều tra",
    ),
    ConfigItem(
        "discipline.count_from_period_end",
        True,
        "Sau kỷ luật, thành tích chỉ được tính từ khi hết thời hạn kỷ luật",
        "Xác nhận cho Nghị định 152/2025 (E3) (§11 dòng 10)",
        _era(True, True, False),
        title="Tính thành tích từ khi hết thời hạn kỷ luật",
    ),
    ConfigItem(
        "discipline.default_period_months",
        DISCIPLINE_PERIOD_MONTHS,
        "Thời hạn kỷ luật (tháng kể từ ngày quyết định) khi hồ sơ không ghi ngày hết thời hạn",
        "Theo hiểu biết về Luật Cán bộ, công chức và Luật Viên chức sửa đổi 2019 [K] (legal-rules §12 mục 8)",
        True,
        title="Thời hạn kỷ luật mặc định (tháng)",
    ),
    ConfigItem(
        "cstdcs.quota_pct_of_ldtt",
        _era(15, None, None),
        "Tỷ lệ tối đa Chiến sĩ thi đua cơ sở so với số Lao động tiên tiến (%); từ 2024 chỉ là cảnh báo riêng "
        "của tỉnh nếu tỉnh tự cấu hình",
        "E1: Nghị định 91/2017/NĐ-CP, Điều 9, khoản 3; từ 2024 Luật 06/2022 và các nghị định không quy định tỷ lệ "
        "và không giao cơ quan nào quy định (Bộ Nội vụ trả lời) (legal-rules §12 mục 13)",
        _era(False, True, True),
        per_era=True,
        title="Tỷ lệ Chiến sĩ thi đua cơ sở trên số Lao động tiên tiến (%)",
    ),
    ConfigItem(
        "cstd_tinh.quota_pct_of_cstdcs",
        None,
        "Tỷ lệ tối đa Chiến sĩ thi đua cấp tỉnh so với số Chiến sĩ thi đua cơ sở (%)",
        "Chỉ có thực tiễn cũ 10% của một số tỉnh (§11 dòng 14)",
        True,
        title="Tỷ lệ Chiến sĩ thi đua cấp tỉnh trên số Chiến sĩ thi đua cơ sở (%)",
    ),
    ConfigItem(
        "cstd_tinh.cycle_years",
        3,
        "Số năm giữa hai lần Chiến sĩ thi đua cấp tỉnh liên tục (mỗi lần = 03 năm CSTĐCS)",
        "Suy ra từ Luật 06/2022, Điều 21–22 (03 lần CSTĐCS cho mỗi lần CSTĐ tỉnh)",
        True,
        title="Chu kỳ Chiến sĩ thi đua cấp tỉnh (năm)",
    ),
    ConfigItem(
        "ttldtt.no_canh_cao_member",
        _era(True, False, False),
        "Tập thể lao động tiên tiến: không có thành viên bị kỷ luật từ cảnh cáo trở lên",
        "E1: Luật 2003, Điều 28; lời văn 2022 của Điều 28 chưa xác nhận (§11 dòng 17)",
        _era(False, True, True),
        per_era=True,
        title="Tập thể lao động tiên tiến: không có thành viên bị kỷ luật từ cảnh cáo",
    ),
    ConfigItem(
        "collective.sector",
        "chung",
        "Ngành của đơn vị, quyết định ngưỡng tiêu chuẩn danh hiệu tập thể (chung, giáo dục, Văn phòng Chính phủ)",
        "Thông tư 29/2023/TT-BGDĐT, Điều 6; Thông tư 01/2024/TT-VPCP, Điều 5 [K] (legal-rules §12 mục 14)",
        True,
        title="Ngành của đơn vị",
    ),
    ConfigItem(
        "collective.sector_thresholds",
        SECTOR_THRESHOLDS,
        "Ngưỡng tiêu chuẩn Tập thể lao động tiên tiến theo ngành (tỷ lệ Lao động tiên tiến, kỷ luật thành viên)",
        "Mặc định theo Luật 06/2022/QH15, Điều 28; thông tư ngành nâng lên từ 70% (legal-rules §12 mục 14)",
        True,
        title="Tiêu chuẩn Tập thể lao động tiên tiến theo ngành",
    ),
    ConfigItem(
        "co_tinh.flag_standards",
        True,
        "Cờ thi đua cấp tỉnh: tập thể dẫn đầu cụm, khối vẫn phải đạt tiêu chuẩn Cờ (hoàn thành vượt mức nhiệm vụ, "
        "nhân tố mới, mô hình mới)",
        "Luật 06/2022/QH15, Điều 26, khoản 1, 2; Thông tư 29/2023/TT-BGDĐT, Điều 4 [K] (legal-rules §12 mục 6)",
        True,
        title="Cờ thi đua cấp tỉnh phải đạt tiêu chuẩn Cờ",
    ),
    ConfigItem(
        "co_tinh.quota_per_cluster",
        1,
        "Số Cờ thi đua cấp tỉnh tối đa mỗi cụm, khối",
        "Quy chế của tỉnh (§11 dòng 19)",
        True,
        title="Số Cờ thi đua cấp tỉnh mỗi cụm, khối",
    ),
    ConfigItem(
        "co_chinh_phu.quota_pct",
        _era(20, 20, 20),
        "Tỷ lệ tối đa đề nghị Cờ thi đua Chính phủ trong số các tập thể dẫn đầu cụm, khối (%)",
        "E1: Nghị định 91/2017/NĐ-CP, Điều 11, khoản 1; E2/E3: Công văn 5007/BNV-TĐKT ngày 05/09/2023 "
        "(legal-rules §12 mục 16)",
        _era(False, True, True),
        per_era=True,
        title="Tỷ lệ đề nghị Cờ thi đua của Chính phủ (%)",
    ),
    ConfigItem(
        "giay_khen.criteria",
        "provincial",
        "Tiêu chuẩn Giấy khen do tỉnh quy định (Hội đồng xem xét)",
        "Luật 06/2022/QH15, Điều 75, khoản 2 (§11 dòng 22)",
        False,
        title="Tiêu chuẩn Giấy khen",
    ),
    ConfigItem(
        "bang_khen_tinh.points_a_c",
        "council_judgement",
        "Bằng khen cấp tỉnh điểm a–c và tập thể: do Hội đồng xem xét",
        "Lời văn điểm a–c chưa xác nhận (§11 dòng 23)",
        True,
        title="Bằng khen cấp tỉnh điểm a–c và tập thể",
    ),
    ConfigItem(
        "bang_khen_tinh.d_min_initiatives",
        2,
        "Bằng khen cấp tỉnh điểm d: số sáng kiến (hoặc đề tài) cấp cơ sở trong 02 năm",
        "Luật 06/2022/QH15, Điều 74, khoản 1, điểm d",
        _era(True, False, False),
        title="Bằng khen cấp tỉnh điểm d: số sáng kiến",
    ),
    ConfigItem(
        "bang_khen_tinh.d_cstdcs_initiatives_used_up",
        True,
        "Bằng khen cấp tỉnh điểm d: khi 02 lần CSTĐCS dựa trên sáng kiến, giai đoạn đó cần thêm 02 sáng kiến "
        "(hoặc 02 đề tài) ngoài các sáng kiến đã dùng",
        "Luật 06/2022/QH15, Điều 74, khoản 1, điểm d; Công văn 1168/BNV-BTĐKT ngày 06/02/2026 [K] "
        "(legal-rules §12 mục 2)",
        True,
        title="Bằng khen cấp tỉnh điểm d: sáng kiến đã dùng cho CSTĐCS",
    ),
    ConfigItem(
        "bang_khen_tinh.d_max_years",
        10,
        "Bằng khen cấp tỉnh điểm d: số năm tối đa của giai đoạn “từ 02 năm trở lên” được tính",
        "Luật 06/2022/QH15, Điều 74, khoản 1, điểm d (“từ 02 năm trở lên … trong thời gian đó”); giới hạn là quy "
        "ước của hệ thống",
        True,
        title="Bằng khen cấp tỉnh điểm d: số năm tối đa được tính",
    ),
    ConfigItem(
        "bang_khen_ttg.points_c_plus",
        "council_judgement",
        "Bằng khen Thủ tướng điểm a, c trở đi và tập thể: do Hội đồng xem xét",
        "Chỉ thấy một phần lời văn (§11 dòng 24)",
        True,
        title="Bằng khen của Thủ tướng Chính phủ điểm a, c trở đi và tập thể",
    ),
    ConfigItem(
        "bang_khen_ttg.e1_min_initiatives",
        5,
        "Bằng khen Thủ tướng (đến năm 2023): số sáng kiến cấp cơ sở trong 05 năm",
        "Nghị định 91/2017/NĐ-CP, Điều 38, khoản 1, điểm c",
        False,
        title="Bằng khen của Thủ tướng Chính phủ (trước 2024): số sáng kiến",
    ),
    ConfigItem(
        "hcld_3.e1_min_initiatives",
        2,
        "Huân chương Lao động hạng Ba (đến năm 2023): số sáng kiến cấp tỉnh trong 05 năm",
        "Theo hiểu biết về Luật 2003 [K] (legal-rules §2.5)",
        True,
        title="Huân chương Lao động hạng Ba (trước 2024): số sáng kiến",
    ),
    ConfigItem(
        "hcld_2_1.criteria",
        "council_judgement",
        "Huân chương Lao động hạng Nhì, hạng Nhất: không bao giờ tự kết luận đủ điều kiện",
        "Tiêu chuẩn chưa xác nhận (§11 dòng 25)",
        True,
        title="Huân chương Lao động hạng Nhì, hạng Nhất",
    ),
    ConfigItem(
        "chain.window_start",
        "achievement_year",
        "Mốc bắt đầu “05 năm tiếp theo”: năm thành tích hoặc năm quyết định khen thưởng",
        "Cách tính của Thông tư 15/2025 chưa rõ (§11 dòng 26)",
        True,
        title="Mốc bắt đầu giai đoạn “05 năm tiếp theo”",
    ),
    ConfigItem(
        "chain.lower_award_inside_window",
        True,
        "Hình thức mức thấp (Bằng khen tỉnh) nằm trong giai đoạn 05 năm của hình thức cao hơn vẫn được tính",
        "Bộ Nội vụ chấp nhận Bằng khen năm 2021 cho giai đoạn 2020–2024 (legal-rules §12 mục 5)",
        True,
        title="Tính hình thức mức thấp trong giai đoạn của hình thức cao hơn",
    ),
    ConfigItem(
        "one_award.across_forms",
        True,
        "Một thành tích, một hình thức: khen thưởng cho một giai đoạn chặn hình thức khác cho giai đoạn trùng lặp",
        "Luật 06/2022/QH15, Điều 5, khoản 2 (legal-rules §12 mục 7)",
        False,
        title="Một thành tích, một hình thức khen thưởng",
    ),
    ConfigItem(
        "chain.pre_2024_counts",
        True,
        "Danh hiệu, năm trước 2024 được tính trong chuỗi liên tục",
        "Luật 06/2022/QH15, Điều 95; thực tiễn Bộ Nội vụ (§11 dòng 27)",
        False,
        title="Tính danh hiệu trước năm 2024 trong chuỗi liên tục",
    ),
    ConfigItem(
        "chain.exclude_one_off_and_thematic",
        True,
        "Khen thưởng đột xuất, chuyên đề không làm căn cứ đề nghị khen thưởng công trạng",
        "Xác nhận cho Nghị định 152/2025 (E3); E1/E2 chưa xác nhận (legal-rules §2.1)",
        _era(True, True, False),
        title="Không dùng khen thưởng đột xuất, chuyên đề làm căn cứ",
    ),
    ConfigItem(
        "timing.cstd_toan_quoc_next_year_only",
        True,
        "CSTĐ toàn quốc chỉ đề nghị trong năm liền kề năm quyết định CSTĐ tỉnh lần thứ hai",
        "E1: Nghị định 91/2017/NĐ-CP, Điều 48, khoản 1, điểm a; E2/E3 chưa xác nhận (§11 dòng 28)",
        _era(False, True, True),
        title="Chỉ đề nghị Chiến sĩ thi đua toàn quốc trong năm liền kề",
    ),
    ConfigItem(
        "timing.cstd_tinh_in_year_of_third_cstdcs",
        True,
        "CSTĐ tỉnh xét trong năm đạt CSTĐCS lần thứ ba",
        "Chỉ có hướng dẫn nội bộ của một bộ (§11 dòng 29)",
        True,
        title="Xét Chiến sĩ thi đua cấp tỉnh trong năm đạt CSTĐCS lần thứ ba",
    ),
    ConfigItem(
        "initiative.single_use",
        True,
        "Một sáng kiến chỉ làm căn cứ cho một danh hiệu, hình thức",
        "Suy ra từ Luật 06/2022/QH15, Điều 5, khoản 2 (§11 dòng 30)",
        True,
        title="Mỗi sáng kiến chỉ làm căn cứ một lần",
    ),
    ConfigItem(
        "initiative.reserve_years",
        0,
        "Số năm được bảo lưu sáng kiến để xét CSTĐCS năm sau (0 = không bảo lưu)",
        "Quy định cũ của tỉnh 03 năm; quy định hiện hành chưa rõ (§11 dòng 31)",
        True,
        title="Số năm bảo lưu sáng kiến",
    ),
    ConfigItem(
        "law.watch.cstdcs_requires_initiative",
        False,
        "Dự thảo sửa Luật 2025: CSTĐCS phải có HTXSNV và sáng kiến",
        "Chưa được thông qua (§11 dòng 49)",
        True,
        title="Dự thảo sửa Luật 2025: CSTĐCS phải có sáng kiến",
    ),
    ConfigItem(
        "council.outstanding_as_judgement",
        False,
        "Coi “tiêu biểu xuất sắc” (CSTĐ tỉnh, toàn quốc) là nhận định của Hội đồng",
        "Luật 06/2022/QH15, Điều 21–22; mặc định tắt: Hội đồng lựa chọn bằng bỏ phiếu kín",
        True,
        title="“Tiêu biểu xuất sắc” do Hội đồng nhận định",
    ),
    ConfigItem(
        "money.rounding",
        10_000,
        "Làm tròn tiền thưởng lên bội số gần nhất (đồng)",
        "Nghị định 98/2023/NĐ-CP (E2) đã xác nhận; E3 theo hiểu biết (§11 dòng 40)",
        _era(True, False, True),
        title="Làm tròn tiền thưởng (đồng)",
    ),
    ConfigItem(
        "money.multiples",
        MONEY_MULTIPLES,
        "Hệ số tiền thưởng theo lương cơ sở, theo thời kỳ",
        "Quy định về mức tiền thưởng của Nghị định 91/2017/NĐ-CP, 98/2023/NĐ-CP, 152/2025/NĐ-CP (legal-rules §9.2–9.3, §11 dòng 39)",
        True,
        title="Hệ số tiền thưởng theo mức lương cơ sở",
    ),
    ConfigItem(
        "money.collective_factor",
        2.0,
        "Hệ số tập thể so với cá nhân đối với hình thức khen thưởng",
        "E1 xác nhận; E2/E3 chưa xác nhận (§9.3)",
        _era(False, True, True),
        title="Hệ số tiền thưởng tập thể so với cá nhân",
    ),
    ConfigItem(
        "money.base_salary",
        BASE_SALARY,
        "Bảng mức lương cơ sở theo ngày hiệu lực",
        "legal-rules §9.4, theo hiểu biết về các nghị định; thay đổi sau 01/07/2024 cần bổ sung (§11 dòng 42)",
        True,
        title="Mức lương cơ sở",
    ),
    # --- the council's vote (legal-rules §5; §11 rows 13, 15, 16, 45) -------------------------------------
    ConfigItem(
        "ballot.secret_forms",
        ("CSTD_TINH", "CSTD_TOAN_QUOC"),
        "Danh hiệu, hình thức Hội đồng phải bỏ phiếu kín (ngoài ra: Anh hùng, chưa quản lý trong hệ thống)",
        "E1: Nghị định 91/2017/NĐ-CP, Điều 45, khoản 8; E2/E3 chưa xác nhận (§5, §11 dòng 15)",
        True,
        title="Danh hiệu, hình thức bỏ phiếu kín",
    ),
    ConfigItem(
        "ballot.threshold",
        _era("90%", "90%", "90%"),
        "Tỷ lệ đồng ý tối thiểu khi bỏ phiếu kín danh hiệu Chiến sĩ thi đua cấp tỉnh, toàn quốc (“90%”: từ 90% "
        "trở lên; “>50%”: trên 50%; “2/3”: từ hai phần ba trở lên)",
        "E1: Nghị định 91/2017/NĐ-CP, Điều 45, khoản 8 (từ 90% tổng số thành viên Hội đồng); E2/E3 chưa xác nhận "
        "(§5, §11 dòng 15)",
        _era(False, True, True),
        per_era=True,
        title="Ngưỡng bỏ phiếu kín",
    ),
    ConfigItem(
        "ballot.basis",
        _era("total_members", "total_members", "total_members"),
        "Cơ sở tính tỷ lệ: tổng số thành viên Hội đồng (total_members) hay số thành viên có mặt (present)",
        "E1: Nghị định 91/2017/NĐ-CP, Điều 45, khoản 8 (tổng số thành viên); E2/E3 chưa xác nhận (§5)",
        _era(False, True, True),
        per_era=True,
        title="Cơ sở tính tỷ lệ bỏ phiếu",
    ),
    ConfigItem(
        "ballot.other_forms_threshold",
        ">50%",
        "Tỷ lệ đồng ý tối thiểu với các danh hiệu, hình thức khác (trên tổng số thành viên Hội đồng)",
        "Thực tiễn quy chế thường gặp (quá bán); không có quy định quốc gia (§5, §11 dòng 16)",
        True,
        title="Ngưỡng biểu quyết các danh hiệu, hình thức khác",
    ),
    ConfigItem(
        "cstdcs.vote_threshold",
        "2/3",
        "Tỷ lệ đồng ý tối thiểu xét Chiến sĩ thi đua cơ sở (đơn vị tự quy định)",
        "Hướng dẫn thời kỳ E1: đơn vị quy định, ví dụ 2/3 (§2.2, §11 dòng 13)",
        True,
        title="Ngưỡng biểu quyết Chiến sĩ thi đua cơ sở",
    ),
    ConfigItem(
        "ballot.quorum",
        ">50%",
        "Số thành viên Hội đồng tối thiểu phải dự họp (kể cả phiếu gửi bằng văn bản) để phiên họp có giá trị",
        "Không có quy định quốc gia; quy chế Hội đồng của cơ quan (§11 dòng 45)",
        True,
        title="Số thành viên tối thiểu dự họp",
    ),
    # --- public disclosure (legal-rules §6; §11 rows 34, 35, 37) -------------------------------------------
    ConfigItem(
        "disclosure.state_forms",
        ("HCLD_3", "HCLD_2", "HCLD_1", "CSTD_TOAN_QUOC"),
        "Hình thức khen thưởng cấp Nhà nước phải công khai trước khi Hội đồng họp",
        "Nghị định 98/2023/NĐ-CP, Điều 46, khoản 2; Nghị định 152/2025/NĐ-CP, Điều 60, khoản 3; Chiến sĩ thi đua "
        "toàn quốc theo thực tiễn [K] (§6, §11 dòng 34)",
        True,
        title="Hình thức phải công khai (cấp Nhà nước)",
    ),
    ConfigItem(
        "disclosure.state_awards_days",
        10,
        "Số ngày làm việc công khai danh sách đề nghị khen thưởng cấp Nhà nước trước phiên họp Hội đồng",
        "Nghị định 98/2023/NĐ-CP, Điều 46, khoản 2; Nghị định 152/2025/NĐ-CP, Điều 60, khoản 3 (§6)",
        False,
        title="Thời gian công khai khen thưởng cấp Nhà nước (ngày làm việc)",
    ),
    ConfigItem(
        "disclosure.local_days",
        {},
        "Số ngày làm việc công khai theo từng danh hiệu, hình thức cấp tỉnh, cấp Sở (0 hoặc không ghi: không "
        "bắt buộc)",
        "Không có thời hạn tối thiểu quốc gia; quy chế của cơ quan (§6, §11 dòng 35)",
        True,
        title="Thời gian công khai khen thưởng cấp tỉnh, cấp Sở (ngày làm việc)",
    ),
    ConfigItem(
        "cluster.vote_method",
        "secret",
        "Hình thức cụm, khối suy tôn đơn vị dẫn đầu: bỏ phiếu kín hoặc biểu quyết giơ tay",
        "Hướng dẫn 1479/HD-BTĐKT (bình xét, suy tôn bằng bỏ phiếu hoặc biểu quyết); quy chế của tỉnh (§7)",
        True,
        title="Hình thức suy tôn đơn vị dẫn đầu cụm, khối",
    ),
    ConfigItem(
        "cluster.vote_threshold_pct",
        50,
        "Tỷ lệ phiếu đồng ý trên tổng số thành viên cụm, khối để được suy tôn (phải vượt tỷ lệ này, %)",
        "Quy chế hoạt động của cụm, khối và của tỉnh (§7); không có tỷ lệ quốc gia",
        True,
        title="Tỷ lệ đồng ý để suy tôn đơn vị dẫn đầu cụm, khối",
    ),
    ConfigItem(
        "cluster.weights",
        {"self": 0, "peer": 50, "head": 50},
        "Trọng số xếp hạng cụm, khối (%): điểm tự chấm, điểm chấm chéo bình quân, điểm thẩm định của Trưởng khối",
        "Phương pháp do cụm, khối thống nhất theo hướng dẫn của tỉnh (§7); không có quy định quốc gia",
        True,
        title="Trọng số tính điểm xếp hạng cụm, khối",
    ),
    ConfigItem(
        "cluster.disagreement_gap_pct",
        20,
        "Chênh lệch điểm một tiêu chí giữa các phiếu chấm về cùng một đơn vị (% điểm tối đa của tiêu chí) từ đó "
        "đưa ra họp cụm, khối",
        "Quy chế chấm điểm của cụm, khối (§7)",
        True,
        title="Mức chênh lệch điểm cần đưa ra họp cụm, khối",
    ),
    ConfigItem(
        "cluster.runners_up",
        2,
        "Số đơn vị xếp sau đơn vị dẫn đầu được cụm, khối đề nghị Bằng khen cấp tỉnh",
        "Quy chế của tỉnh (§7: số lượng Cờ, Bằng khen mỗi cụm, khối chưa xác nhận)",
        True,
        title="Số đơn vị đề nghị Bằng khen sau đơn vị dẫn đầu cụm, khối",
    ),
    # --- fairness indicators (issue 15; the seed letter asks that awards reach small collectives and specialists)
    ConfigItem(
        "fairness.margin_pct",
        10,
        "Mức (điểm phần trăm) tỷ lệ khen thưởng của một nhóm thấp hơn tỷ lệ của nhóm đó trong tổng số cán bộ "
        "(hoặc tập thể) từ đó chỉ số công bằng được cảnh báo",
        "Chưa có quy định; do cơ quan quyết định",
        True,
        title="Mức chênh lệch cảnh báo chỉ số công bằng",
    ),
    ConfigItem(
        "fairness.small_collective_size",
        10,
        "Số người tối đa của một tập thể nhỏ (tập thể có số cán bộ không quá mức này) trong chỉ số công bằng",
        "Chưa có quy định; do cơ quan quyết định",
        True,
        title="Quy mô tập thể nhỏ (số người)",
    ),
    ConfigItem(
        "fairness.repeat_years",
        2,
        "Số năm liền trước năm thành tích được xét khi tính khen thưởng lặp lại cho cùng một người",
        "Chưa có quy định; do cơ quan quyết định",
        True,
        title="Số năm xét khen thưởng lặp lại",
    ),
)
_BY_KEY = {item.key: item for item in ITEMS}

# Names of the eras and of the coded values, for people (the configuration page shows no key or code).
ERA_NAMES = {
    "E1": "Đến năm 2023 (Luật 2003, Nghị định 91/2017/NĐ-CP)",
    "E2": "Từ năm 2024 (Luật 06/2022/QH15, Nghị định 98/2023/NĐ-CP)",
    "E3": "Từ 01/07/2025 (Nghị định 152/2025/NĐ-CP)",
}
VALUE_NAMES = {
    "achievement_year": "Theo năm thành tích",
    "act_date": "Theo ngày đề nghị",
    "decision_year": "Theo năm quyết định khen thưởng",
    "council_judgement": "Do Hội đồng xem xét",
    "provincial": "Theo quy định của tỉnh",
    "total_members": "Tổng số thành viên Hội đồng",
    "present": "Số thành viên có mặt",
    "secret": "Bỏ phiếu kín",
    "hands": "Biểu quyết giơ tay",
    "self": "Tự chấm",
    "peer": "Chấm chéo",
    "head": "Thẩm định của Trưởng khối",
    **{code: sector["label"] for code, sector in SECTOR_THRESHOLDS.items()},
    **{code: name.capitalize() for code, name in DISCIPLINE_NAMES.items()},
}


class RuleConfig:
    """Effective configuration: defaults plus a province's overrides. Immutable; cache-friendly."""

    __slots__ = ("_overrides", "_values", "_params")

    def __init__(self, overrides: Mapping[str, Any] | None = None) -> None:
        overrides = dict(overrides or {})
        unknown = sorted(set(overrides) - set(_BY_KEY))
        if unknown:
            raise KeyError(f"Khóa cấu hình không tồn tại: {', '.join(unknown)}")
        values: dict[str, Any] = {}
        for item in ITEMS:
            value = overrides.get(item.key, item.default)
            if isinstance(item.default, dt.date) and isinstance(value, str):
                value = dt.date.fromisoformat(value)  # a date recorded as an override (JSON keeps it as text)
            if (
                item.per_era
                and isinstance(value, Mapping)
                and set(value) <= set(ERAS)
                and item.key in overrides
            ):
                value = {**item.default, **value} if isinstance(item.default, Mapping) else dict(value)
            values[item.key] = value
        self._overrides = overrides
        self._values = values
        self._params: dict[str, Any] = {}

    @classmethod
    def defaults(cls) -> RuleConfig:
        return _DEFAULT

    def with_overrides(self, overrides: Mapping[str, Any]) -> RuleConfig:
        return RuleConfig({**self._overrides, **overrides})

    def get(self, key: str, era: str | None = None) -> Any:
        """The value of `key`; for per-era values, the value of `era` (or the mapping when era is None)."""
        value = self._values[key]
        if era is not None and _is_era_map(value):
            return value.get(era)
        return value

    def to_verify(self, key: str, era: str | None = None) -> bool:
        """True when the value is a default the research could not confirm and nobody has overridden it."""
        if key in self._overrides:
            return False
        return _BY_KEY[key].verify_flag(era)

    def params_cache(self) -> dict[str, Any]:
        """Per-config cache for derived objects (rule parameters per era); see rules_common.params."""
        return self._params

    def describe(self) -> list[dict[str, Any]]:
        """Every value for the UI: key, label, value, default, source, to_verify ("cần xác minh"), overridden."""
        rows = []
        for item in ITEMS:
            value = self._values[item.key]
            rows.append(
                {
                    "key": item.key,
                    "title": item.title,
                    "label": item.label,
                    "value": _jsonable(value),
                    "default": _jsonable(item.default),
                    "source": item.source,
                    "to_verify": (
                        False
                        if item.key in self._overrides
                        else dict(item.to_verify)
                        if isinstance(item.to_verify, Mapping)
                        else item.to_verify
                    ),
                    "overridden": item.key in self._overrides,
                }
            )
        return rows


def _is_era_map(value: Any) -> bool:
    return isinstance(value, Mapping) and bool(value) and set(value) <= set(ERAS)


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, tuple | list):
        return [_jsonable(v) for v in value]
    return value


_DEFAULT = RuleConfig()
