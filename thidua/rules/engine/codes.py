"""Catalogue of the contract's codes: titles, forms, ratings, leave, discipline, initiatives, award tracks.

Everything here is a constant of the shared JSON contract (docs/eligibility-contract.md) or of
legal-rules §2.2 (who decides each title or form). Pure Python: no Django import.
"""

from __future__ import annotations

from dataclasses import dataclass

INDIVIDUAL = "individual"
COLLECTIVE = "collective"
SUBJECT_KINDS = frozenset({INDIVIDUAL, COLLECTIVE})

TITLE = "title"  # danh hiệu thi đua
FORM = "form"  # hình thức khen thưởng

LUAT = "Luật Thi đua, khen thưởng 06/2022/QH15"


@dataclass(frozen=True, slots=True)
class AwardCode:
    """One title or form of the contract, with who decides it (legal-rules §2.2)."""

    code: str
    name_vi: str
    subject_kinds: frozenset[str]
    kind: str  # TITLE or FORM
    level: str  # co_so, tinh, chinh_phu, nha_nuoc
    decided_by: str
    authority_basis: str
    department_decides: bool  # the Sở issues the decision itself; otherwise it only proposes (đề nghị)
    authority_to_verify: bool


def _code(
    code: str,
    name_vi: str,
    kinds: tuple[str, ...],
    kind: str,
    level: str,
    decided_by: str,
    basis: str,
    *,
    department: bool = False,
    to_verify: bool = False,
) -> AwardCode:
    return AwardCode(code, name_vi, frozenset(kinds), kind, level, decided_by, basis, department, to_verify)


_BOTH = (INDIVIDUAL, COLLECTIVE)
_GD = "Giám đốc Sở (Thủ trưởng cơ quan chuyên môn thuộc UBND tỉnh)"
_CT = "Chủ tịch Ủy ban nhân dân tỉnh"

CATALOGUE: dict[str, AwardCode] = {
    c.code: c
    for c in (
        _code(
            "LDTT",
            "Lao động tiên tiến",
            (INDIVIDUAL,),
            TITLE,
            "co_so",
            _GD,
            f"{LUAT}, Điều 80, khoản 1",
            department=True,
        ),
        _code(
            "CSTDCS",
            "Chiến sĩ thi đua cơ sở",
            (INDIVIDUAL,),
            TITLE,
            "co_so",
            _GD,
            f"{LUAT}, Điều 80, khoản 1",
            department=True,
        ),
        _code(
            "CSTD_TINH",
            "Chiến sĩ thi đua cấp bộ, ban, ngành, tỉnh",
            (INDIVIDUAL,),
            TITLE,
            "tinh",
            _CT,
            f"{LUAT}, Điều 79",
            to_verify=True,
        ),
        _code(
            "CSTD_TOAN_QUOC",
            "Chiến sĩ thi đua toàn quốc",
            (INDIVIDUAL,),
            TITLE,
            "chinh_phu",
            "Thủ tướng Chính phủ",
            f"{LUAT}, Điều 78, khoản 2",
        ),
        _code(
            "TTLDTT",
            "Tập thể lao động tiên tiến",
            (COLLECTIVE,),
            TITLE,
            "co_so",
            _GD,
            f"{LUAT}, Điều 80, khoản 1",
            department=True,
        ),
        _code(
            "TTLDXS",
            "Tập thể lao động xuất sắc",
            (COLLECTIVE,),
            TITLE,
            "tinh",
            _CT,
            f"{LUAT}, Điều 79",
            to_verify=True,
        ),
        _code(
            "CO_TINH",
            "Cờ thi đua cấp bộ, ban, ngành, tỉnh",
            (COLLECTIVE,),
            TITLE,
            "tinh",
            _CT,
            f"{LUAT}, Điều 79",
            to_verify=True,
        ),
        _code(
            "CO_CHINH_PHU",
            "Cờ thi đua của Chính phủ",
            (COLLECTIVE,),
            TITLE,
            "chinh_phu",
            "Chính phủ",
            f"{LUAT}, Điều 78, khoản 1",
        ),
        _code(
            "GIAY_KHEN", "Giấy khen", _BOTH, FORM, "co_so", _GD, f"{LUAT}, Điều 80, khoản 1", department=True
        ),
        _code(
            "BANG_KHEN_TINH",
            "Bằng khen cấp bộ, ban, ngành, tỉnh",
            _BOTH,
            FORM,
            "tinh",
            _CT,
            f"{LUAT}, Điều 79",
            to_verify=True,
        ),
        _code(
            "BANG_KHEN_TTG",
            "Bằng khen của Thủ tướng Chính phủ",
            _BOTH,
            FORM,
            "chinh_phu",
            "Thủ tướng Chính phủ",
            f"{LUAT}, Điều 78, khoản 2",
        ),
        _code(
            "HCLD_3",
            "Huân chương Lao động hạng Ba",
            _BOTH,
            FORM,
            "nha_nuoc",
            "Chủ tịch nước (theo đề nghị của Thủ tướng Chính phủ)",
            f"{LUAT}, Điều 78",
            to_verify=True,
        ),
        _code(
            "HCLD_2",
            "Huân chương Lao động hạng Nhì",
            _BOTH,
            FORM,
            "nha_nuoc",
            "Chủ tịch nước",
            f"{LUAT}, Điều 78",
            to_verify=True,
        ),
        _code(
            "HCLD_1",
            "Huân chương Lao động hạng Nhất",
            _BOTH,
            FORM,
            "nha_nuoc",
            "Chủ tịch nước",
            f"{LUAT}, Điều 78",
            to_verify=True,
        ),
    )
}
CODES = frozenset(CATALOGUE)

# Ratings (mức độ hoàn thành nhiệm vụ), best first; a lower rank is a better rating.
RATING_RANK = {"HTXSNV": 0, "HTTNV": 1, "HTNV": 2, "KHTNV": 3}
RATING_NAMES = {
    "HTXSNV": "Hoàn thành xuất sắc nhiệm vụ",
    "HTTNV": "Hoàn thành tốt nhiệm vụ",
    "HTNV": "Hoàn thành nhiệm vụ",
    "KHTNV": "Không hoàn thành nhiệm vụ",
}

LEAVE_NAMES = {
    "maternity": "nghỉ thai sản",
    "sick": "nghỉ ốm đau, điều trị",
    "study": "đi học",
    "military": "nghĩa vụ quân sự",
    "unpaid": "nghỉ không lương",
    "other": "nghỉ khác",
}
LEAVE_KINDS = frozenset(LEAVE_NAMES)

# Study results accepted on `leave[].study_result` (an extension of the contract, legal-rules §3 "khá or better").
STUDY_RESULT_RANK = {"xuat_sac": 0, "gioi": 1, "kha": 2, "trung_binh": 3, "yeu": 4}

# Discipline forms, lightest first (Luật Cán bộ, công chức; Luật Viên chức).
DISCIPLINE_RANK = {
    "khien_trach": 0,
    "canh_cao": 1,
    "ha_bac_luong": 2,
    "giang_chuc": 3,
    "cach_chuc": 4,
    "buoc_thoi_viec": 5,
}
DISCIPLINE_NAMES = {
    "khien_trach": "khiển trách",
    "canh_cao": "cảnh cáo",
    "ha_bac_luong": "hạ bậc lương",
    "giang_chuc": "giáng chức",
    "cach_chuc": "cách chức",
    "buoc_thoi_viec": "buộc thôi việc",
}

# Initiative scope; a higher scope satisfies a lower requirement (documented choice).
LEVEL_RANK = {"co_so": 0, "tinh": 1, "toan_quoc": 2}
LEVEL_NAMES = {"co_so": "cấp cơ sở", "tinh": "cấp bộ, ngành, tỉnh", "toan_quoc": "toàn quốc"}
INITIATIVE_KINDS = frozenset({"initiative", "research"})
INITIATIVE_KIND_NAMES = {
    "initiative": "sáng kiến",
    "research": "đề tài, đề án, công trình khoa học và công nghệ",
}

TRACKS = frozenset({"cong_trang", "chuyen_de", "dot_xuat", "nien_han", "cong_hien", "doi_ngoai"})
DEFAULT_TRACK = "cong_trang"

VERDICTS = ("eligible", "not_eligible", "needs_council_judgement", "unsupported_period")


def name_of(code: str) -> str:
    """Vietnamese name of a title or form."""
    return CATALOGUE[code].name_vi
