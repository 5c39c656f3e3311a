"""The catalogues as the pages show them, read from the rules engine (titles and forms, who decides, eras, legal
bases, award tracks) — nothing the engine knows is copied here.

What the engine does not hold is kept here, each with its source: which forms a household may receive
(legal-rules §2.2), the award track of resistance-war files (kháng chiến, recorded, never judged) and the
recipient classes of the statistical reports (Thông tư 02/2023, "cần xác minh")."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.core.codes import AwardCode as AwardChoice
from thidua.core.codes import AwardTrack
from thidua.rules.engine import codes as engine
from thidua.rules.engine.config import RuleConfig
from thidua.rules.engine.eras import RULE_SETS, procedure_era
from thidua.rules.engine.evaluate import RULE_SETS as RULE_TABLES

HOUSEHOLD = "household"
RECIPIENT_KINDS: tuple[tuple[str, Promise], ...] = (
    (engine.INDIVIDUAL, gettext_lazy("Cá nhân")),
    (engine.COLLECTIVE, gettext_lazy("Tập thể")),
    (HOUSEHOLD, gettext_lazy("Hộ gia đình")),
)
# Forms a household may receive (legal-rules §2.2: Giấy khen, Bằng khen tỉnh, Bằng khen Thủ tướng); the engine
# judges individuals and collectives only.
HOUSEHOLD_FORMS = ("GIAY_KHEN", "BANG_KHEN_TINH", "BANG_KHEN_TTG")
HOUSEHOLD_BASIS = "Luật Thi đua, khen thưởng 06/2022/QH15, Điều 73, 74, 75 (khen thưởng hộ gia đình)"

LEVELS: dict[str, Promise] = {
    "co_so": gettext_lazy("Cấp cơ sở"),
    "tinh": gettext_lazy("Cấp bộ, ban, ngành, tỉnh"),
    "chinh_phu": gettext_lazy("Cấp Chính phủ"),
    "nha_nuoc": gettext_lazy("Cấp Nhà nước"),
}
KINDS: dict[str, Promise] = {
    engine.TITLE: gettext_lazy("Danh hiệu thi đua"),
    engine.FORM: gettext_lazy("Hình thức khen thưởng"),
}

# The keys of the engine's legal bases (BASIS_E1/E2/E3) that cite each title's or form's criteria.
CRITERIA_KEYS: dict[str, tuple[str, ...]] = {
    "LDTT": ("ldtt.rating",),
    "CSTDCS": ("cstdcs.ldtt", "cstdcs.achievement"),
    "CSTD_TINH": ("cstd_tinh.chain", "cstd_tinh.initiative"),
    "CSTD_TOAN_QUOC": ("cstd_tq.chain", "cstd_tq.initiative"),
    "TTLDTT": ("ttldtt",),
    "TTLDXS": ("ttldxs.rating", "ttldxs.members", "ttldxs.cstdcs"),
    "CO_TINH": ("co_tinh",),
    "CO_CHINH_PHU": ("co_cp.leader",),
    "GIAY_KHEN": ("giay_khen",),
    "BANG_KHEN_TINH": ("bk_tinh.computed", "BANG_KHEN_TINH.other_tracks"),
    "BANG_KHEN_TTG": ("BANG_KHEN_TTG.computed", "BANG_KHEN_TTG.other_tracks"),
    "HCLD_3": ("HCLD_3.computed", "HCLD_3.other_tracks"),
    "HCLD_2": ("hcld21",),
    "HCLD_1": ("hcld21",),
}


@dataclass(frozen=True)
class Era:
    code: str
    name: str
    texts: tuple[str, ...]
    period: str
    current: bool


@dataclass(frozen=True)
class EraBasis:
    era: Era
    basis: tuple[str, ...]


@dataclass(frozen=True)
class Title:
    """A title or form of the engine's catalogue, as a page shows it."""

    code: str
    name: str
    kind: Any
    level: str
    level_name: Any
    recipient_kinds: tuple[str, ...]
    recipients: tuple[Any, ...]
    decided_by: str
    authority_basis: str
    authority_to_verify: bool
    department_decides: bool
    criteria: tuple[EraBasis, ...]

    @property
    def current_criteria(self) -> EraBasis | None:
        return next((row for row in self.criteria if row.era.current), None)


def _day(day: dt.date) -> str:
    return date_format(day, "SHORT_DATE_FORMAT")


def eras(config: RuleConfig, *, today: dt.date) -> list[Era]:
    """The engine's rule sets with the period each applies to (from the configuration) and the one in force."""
    first_year = config.get("era.first_year")
    e2_start, e3_start = config.get("era.e2_start"), config.get("era.e3_start")
    periods = {
        "E1": _("Thành tích các năm %(first)s–%(last)s") % {"first": first_year, "last": e2_start.year - 1},
        "E2": _("Từ %(start)s đến %(end)s")
        % {"start": _day(e2_start), "end": _day(e3_start - dt.timedelta(days=1))},
        "E3": _("Từ %(start)s") % {"start": _day(e3_start)},
    }
    in_force = procedure_era(today, config).era
    return [
        Era(rule_set.era, rule_set.name_vi, rule_set.texts, periods[rule_set.era], rule_set.era == in_force)
        for rule_set in RULE_SETS.values()
    ]


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def _name(code: str) -> str:
    try:
        return str(AwardChoice(code).label)
    except ValueError:  # a code of the engine the app's choices do not list yet
        return engine.name_of(code)


def titles(config: RuleConfig, *, today: dt.date) -> list[Title]:
    """Every title and form of the engine's catalogue, lowest level first, with its criteria basis by era."""
    era_list = eras(config, today=today)
    recipient_names = dict(RECIPIENT_KINDS)
    level_rank = list(LEVELS)
    rows = []
    for code, award in engine.CATALOGUE.items():
        kinds = [kind for kind, _label in RECIPIENT_KINDS if kind in award.subject_kinds]
        if code in HOUSEHOLD_FORMS:
            kinds.append(HOUSEHOLD)
        criteria = []
        for era in era_list:
            rules, basis = RULE_TABLES[era.code]
            if code in rules:
                criteria.append(
                    EraBasis(era, _unique(basis[key] for key in CRITERIA_KEYS.get(code, ()) if key in basis))
                )
        rows.append(
            Title(
                code=code,
                name=_name(code),
                kind=KINDS[award.kind],
                level=award.level,
                level_name=LEVELS.get(award.level, award.level),
                recipient_kinds=tuple(kinds),
                recipients=tuple(recipient_names[kind] for kind in kinds),
                decided_by=award.decided_by,
                authority_basis=award.authority_basis,
                authority_to_verify=award.authority_to_verify,
                department_decides=award.department_decides,
                criteria=tuple(criteria),
            )
        )
    return sorted(rows, key=lambda t: level_rank.index(t.level) if t.level in level_rank else 99)


def titles_by_recipient(config: RuleConfig, *, today: dt.date) -> list[dict[str, Any]]:
    """The catalogue grouped by recipient kind (cá nhân, tập thể, hộ gia đình), then by level."""
    every = titles(config, today=today)
    groups = []
    for kind, label in RECIPIENT_KINDS:
        rows = [t for t in every if kind in t.recipient_kinds]
        levels = []
        for level, level_name in LEVELS.items():
            at_level = [t for t in rows if t.level == level]
            if at_level:
                levels.append({"level": level, "name": level_name, "titles": at_level})
        groups.append(
            {
                "kind": kind,
                "name": label,
                "levels": levels,
                "basis": HOUSEHOLD_BASIS if kind == HOUSEHOLD else "",
            }
        )
    return groups


def title(code: str, config: RuleConfig, *, today: dt.date) -> Title | None:
    return next((t for t in titles(config, today=today) if t.code == code), None)


# ---- award tracks (loại hình khen thưởng)

KHANG_CHIEN = "khang_chien"
TRACK_DESCRIPTIONS: dict[str, Promise] = {
    "cong_trang": gettext_lazy(
        "Khen thưởng theo công trạng và thành tích đạt được trong năm hoặc giai đoạn; hệ thống xét điều kiện "
        "theo tiêu chuẩn của từng danh hiệu, hình thức."
    ),
    "chuyen_de": gettext_lazy(
        "Khen thưởng khi tổng kết phong trào thi đua theo chuyên đề; không làm căn cứ đề nghị khen thưởng "
        "theo công trạng."
    ),
    "dot_xuat": gettext_lazy(
        "Khen thưởng thành tích đột xuất; không làm căn cứ đề nghị khen thưởng theo công trạng."
    ),
    "nien_han": gettext_lazy("Khen thưởng theo thời gian công tác (niên hạn)."),
    "cong_hien": gettext_lazy(
        "Khen thưởng quá trình cống hiến: chức vụ đã giữ và số năm giữ chức vụ (Huân chương Lao động hạng Ba)."
    ),
    "doi_ngoai": gettext_lazy(
        "Khen thưởng tập thể, cá nhân người nước ngoài và người Việt Nam ở nước ngoài có đóng góp."
    ),
    KHANG_CHIEN: gettext_lazy(
        "Khen thưởng thành tích trong kháng chiến chống Pháp, chống Mỹ (cá nhân, gia đình): hồ sơ được ghi "
        "nhận, hệ thống không xét điều kiện."
    ),
}
TRACK_NAMES: dict[str, Any] = {**dict(AwardTrack.choices), KHANG_CHIEN: gettext_lazy("Kháng chiến")}


@dataclass(frozen=True)
class Track:
    code: str
    name: Any
    description: Any
    judged: bool  # the engine answers questions on this track


def tracks() -> list[Track]:
    """The award tracks: the engine's, in the order of the app's choices, then kháng chiến (recorded only)."""
    order = [value for value in AwardTrack.values if value in engine.TRACKS]
    order += sorted(engine.TRACKS - set(order)) + [KHANG_CHIEN]
    return [
        Track(code, TRACK_NAMES.get(code, code), TRACK_DESCRIPTIONS.get(code, ""), code in engine.TRACKS)
        for code in order
    ]


def track_basis(config: RuleConfig, *, today: dt.date) -> list[EraBasis]:
    """The engine's basis for judging a proposal by its track, in each era (one for every track)."""
    return [
        EraBasis(era, (RULE_TABLES[era.code][1]["track"],))
        for era in eras(config, today=today)
        if "track" in RULE_TABLES[era.code][1]
    ]


# ---- recipient classes of the statistical reports

STATISTICS_BASIS = gettext_lazy(
    "Biểu mẫu báo cáo thống kê thi đua, khen thưởng 0601–0605 theo Thông tư 02/2023 (thay các biểu 0701–0703 "
    "của Thông tư 03/2018)"
)


@dataclass(frozen=True)
class RecipientClass:
    code: str
    name: Any
    recipient_kind: str


RECIPIENT_CLASSES: tuple[RecipientClass, ...] = (
    RecipientClass("lanh_dao_quan_ly", gettext_lazy("Cán bộ lãnh đạo, quản lý"), engine.INDIVIDUAL),
    RecipientClass(
        "cong_chuc_vien_chuc",
        gettext_lazy("Cán bộ, công chức, viên chức không giữ chức vụ lãnh đạo, quản lý"),
        engine.INDIVIDUAL,
    ),
    RecipientClass(
        "lao_dong_truc_tiep",
        gettext_lazy("Công nhân, nông dân, người lao động trực tiếp"),
        engine.INDIVIDUAL,
    ),
    RecipientClass("doanh_nhan", gettext_lazy("Doanh nhân"), engine.INDIVIDUAL),
    RecipientClass("ca_nhan_nuoc_ngoai", gettext_lazy("Cá nhân người nước ngoài"), engine.INDIVIDUAL),
    RecipientClass("co_quan_don_vi", gettext_lazy("Cơ quan, tổ chức, đơn vị"), engine.COLLECTIVE),
    RecipientClass("doanh_nghiep", gettext_lazy("Doanh nghiệp, hợp tác xã"), engine.COLLECTIVE),
    RecipientClass("tap_the_nuoc_ngoai", gettext_lazy("Tập thể nước ngoài"), engine.COLLECTIVE),
    RecipientClass("ho_gia_dinh", gettext_lazy("Hộ gia đình"), HOUSEHOLD),
)


def recipient_classes() -> list[dict[str, Any]]:
    names = dict(RECIPIENT_KINDS)
    return [
        {
            "kind": kind,
            "name": names[kind],
            "classes": [c for c in RECIPIENT_CLASSES if c.recipient_kind == kind],
        }
        for kind, _label in RECIPIENT_KINDS
    ]
