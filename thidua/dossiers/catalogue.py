"""The dossier catalogue (hồ sơ đề nghị khen thưởng) as data, per legal era (legal-rules §2.6, §10, §11 row 38).

One row per era and group of codes (or per track, for the simplified procedure of one-off achievements): the
items a line of that code needs, each citing its basis and marked "cần xác minh" (`to_verify`) where
legal-rules tags it UNCONFIRMED or [K]. Items are either the batch's (the tờ trình with its list, the minutes of
the proposing level, the council's ballot result) or the line's (the achievement report, the short summary,
the initiative's recognition, the certification of its effect, the cluster's scoring minutes).

The era of a proposal follows the date of the act (legal-rules §1.2 point 2): `rules.engine.eras.procedure_era`
on the batch's date, with the era boundaries of the agency's configuration.

The achievement report's official form (`REPORT_FORMS`) depends on the era, the subject (individual or
collective) and the kind of achievement (merit, thematic movement, one-off, career contribution). The forms of
NĐ 91/2017 are numbered (Mẫu 01, 02, 06, 07); the numbers of the forms of TT 01/2024 and TT 15/2025 are
UNCONFIRMED and shown "cần xác minh".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.core.codes import AwardCode, AwardTrack

ERAS = ("E1", "E2", "E3")


class DossierKind(models.TextChoices):
    PROPOSAL = "proposal", _("Tờ trình kèm danh sách đề nghị khen thưởng")
    MINUTES = (
        "minutes",
        _("Biên bản họp xét của cấp đề nghị (Hội đồng Thi đua – Khen thưởng hoặc họp bình xét)"),
    )
    BALLOT = "ballot", _("Biên bản kiểm phiếu bỏ phiếu kín của Hội đồng Thi đua – Khen thưởng")
    REPORT = "report", _("Báo cáo thành tích")
    SUMMARY = "summary", _("Tóm tắt thành tích (thủ tục đơn giản)")
    INITIATIVE = "initiative", _("Quyết định công nhận sáng kiến hoặc biên bản nghiệm thu đề tài, đề án")
    EFFECT = "effect", _("Xác nhận hiệu quả áp dụng, phạm vi ảnh hưởng của sáng kiến, đề tài")
    CLUSTER = "cluster", _("Biên bản chấm điểm, suy tôn của cụm, khối thi đua")
    OTHER = "other", _("Tài liệu khác")


# Whose item: one for the whole batch, or one per line.
BATCH, LINE = "batch", "line"
KIND_SCOPE: dict[str, str] = {
    DossierKind.PROPOSAL: BATCH,
    DossierKind.MINUTES: BATCH,
    DossierKind.BALLOT: BATCH,
    DossierKind.REPORT: LINE,
    DossierKind.SUMMARY: LINE,
    DossierKind.INITIATIVE: LINE,
    DossierKind.EFFECT: LINE,
    DossierKind.CLUSTER: LINE,
    DossierKind.OTHER: LINE,
}
# When the item exists: before the unit sends its batch, or after the council's session (its tally, written by
# the council); the check before sending looks at the first only.
SUBMIT, COUNCIL = "submit", "council"
KIND_STAGE: dict[str, str] = {
    kind: (COUNCIL if kind == DossierKind.BALLOT else SUBMIT) for kind in DossierKind
}

# Conditions on an item (`Need.when`):
ALWAYS = ""
# CSTĐCS under the Luật 06/2022: the recognition is needed only when the initiative or đề tài is the basis, i.e.
# the person was not rated HTXSNV in the year (Luật Điều 23 khoản 2).
INITIATIVE_BASIS = "initiative_basis"
# The ballot result, for the forms the council votes on by secret ballot (configuration `ballot.secret_forms`).
SECRET_BALLOT = "secret_ballot"

CONDITION_LABELS = {
    INITIATIVE_BASIS: _(
        "khi đề nghị trên cơ sở sáng kiến, đề tài (không xếp loại Hoàn thành xuất sắc nhiệm vụ)"
    ),
    SECRET_BALLOT: _("khi Hội đồng phải bỏ phiếu kín (cấu hình “Danh hiệu, hình thức bỏ phiếu kín”)"),
}


@dataclass(frozen=True)
class Need:
    """One item a line (or its batch) needs: its kind, why (`basis`), whether the law is confirmed."""

    kind: str
    basis: str
    to_verify: bool = False
    when: str = ALWAYS
    note: Any = ""

    @property
    def scope(self) -> str:
        return KIND_SCOPE[self.kind]

    @property
    def stage(self) -> str:
        return KIND_STAGE[self.kind]


@dataclass(frozen=True)
class CatalogueRow:
    """The dossier of `codes` (on `tracks`; empty: any track not named by another row of the era) in `era`."""

    era: str
    codes: tuple[str, ...]
    tracks: tuple[str, ...]
    needs: tuple[Need, ...]
    basis: str
    to_verify: bool
    label: Any = ""
    copies: Any = ""

    def kinds(self) -> tuple[str, ...]:
        return tuple(need.kind for need in self.needs)


@dataclass(frozen=True)
class ReportForm:
    """The official form of an achievement report in an era."""

    code: str
    name: str
    title: str  # the line printed above the report's title, e.g. "Mẫu số 02 – Nghị định 91/2017/NĐ-CP"
    basis: str
    to_verify: bool


# ---- the texts of each era (legal-rules §1.1, §1.2)

LAW_2003 = "Luật Thi đua, khen thưởng 2003 (sửa đổi, bổ sung 2005, 2009, 2013)"
LAW = "Luật Thi đua, khen thưởng 06/2022/QH15"
ND91 = "Nghị định 91/2017/NĐ-CP"
ND98 = "Nghị định 98/2023/NĐ-CP"
ND152 = "Nghị định 152/2025/NĐ-CP"
TT01 = "Thông tư 01/2024/TT-BNV"
TT15 = "Thông tư 15/2025/TT-BNV"
VERIFY = "cần xác minh"

ERA_TEXTS = {
    "E1": f"{LAW_2003}; {ND91}",
    "E2": f"{LAW}; {ND98}; {TT01}",
    "E3": f"{LAW}; {ND152}; {TT15}",
}
ERA_DECREE = {"E1": ND91, "E2": ND98, "E3": ND152}
ERA_CIRCULAR = {"E1": ND91, "E2": TT01, "E3": TT15}
ERA_LABELS = {
    "E1": _("Trước 01/01/2024: Luật Thi đua, khen thưởng 2003, Nghị định 91/2017/NĐ-CP"),
    "E2": _("01/01/2024 – 30/06/2025: Luật 06/2022/QH15, Nghị định 98/2023/NĐ-CP, Thông tư 01/2024/TT-BNV"),
    "E3": _("Từ 01/07/2025: Luật 06/2022/QH15, Nghị định 152/2025/NĐ-CP, Thông tư 15/2025/TT-BNV"),
}


def _proposal(era: str) -> Need:
    return Need(
        DossierKind.PROPOSAL,
        f"{ERA_TEXTS[era]} (hồ sơ đề nghị khen thưởng: tờ trình kèm danh sách); thực tiễn hồ sơ khen thưởng cấp "
        "Nhà nước [C] (legal-rules §2.6 mục 1)",
        to_verify=True,
    )


def _minutes(era: str) -> Need:
    return Need(
        DossierKind.MINUTES,
        f"{ERA_TEXTS[era]} (biên bản họp Hội đồng Thi đua – Khen thưởng của cấp trình) (legal-rules §2.6 mục 2)",
        to_verify=True,
    )


def _ballot(era: str) -> Need:
    confirmed = era == "E1"
    basis = (
        f"{ND91}, Điều 45, khoản 8 (bỏ phiếu kín, từ 90% tổng số thành viên Hội đồng) (legal-rules §5)"
        if confirmed
        else f"{ERA_DECREE[era]} (bỏ phiếu kín: quy định {VERIFY}; mặc định theo {ND91}, Điều 45, khoản 8) "
        "(legal-rules §5)"
    )
    return Need(DossierKind.BALLOT, basis, to_verify=not confirmed, when=SECRET_BALLOT)


def _report(era: str, note: Any = "") -> Need:
    return Need(
        DossierKind.REPORT,
        f"{ERA_CIRCULAR[era]} (báo cáo thành tích theo mẫu, có xác nhận của cấp trình; số mẫu "
        f"{'theo Phụ lục Nghị định 91/2017/NĐ-CP' if era == 'E1' else VERIFY}) (legal-rules §2.6 mục 3)",
        to_verify=era != "E1",
        note=note,
    )


def _initiative(era: str) -> Need:
    if era == "E1":
        return Need(
            DossierKind.INITIATIVE,
            f"{ND91}, Điều 9, khoản 3 (Chiến sĩ thi đua cơ sở phải có sáng kiến hoặc đề tài được công nhận, "
            "nghiệm thu) (legal-rules §2.3)",
        )
    return Need(
        DossierKind.INITIATIVE,
        f"{LAW}, Điều 23, khoản 2 (sáng kiến hoặc đề tài là một trong các căn cứ); hồ sơ kèm quyết định công "
        "nhận hoặc biên bản nghiệm thu khi dùng căn cứ đó (legal-rules §2.3)",
        to_verify=True,
        when=INITIATIVE_BASIS,
    )


def _effect(era: str, scope: str) -> Need:
    mau13 = f"; Mẫu số 13 {ND152} ({VERIFY})" if era == "E3" else ""
    article = "Điều 21" if scope == "toan_quoc" else "Điều 22"
    law = f"{LAW}, {article}, khoản 1, điểm b" if era != "E1" else f"{LAW_2003} ({VERIFY})"
    return Need(
        DossierKind.EFFECT,
        f"{law} (hiệu quả và phạm vi ảnh hưởng do người đứng đầu bộ, tỉnh công nhận){mau13} (legal-rules §2.3, "
        "§2.6 mục 4)",
        to_verify=era != "E2",
    )


def _cluster(era: str) -> Need:
    basis = (
        f"{ND91}, Điều 12 (bình xét, suy tôn trong cụm, khối) (legal-rules §2.4)"
        if era == "E1"
        else f"{LAW}, Điều 26, khoản 1–2 (tập thể dẫn đầu cụm, khối) (legal-rules §2.4, §7)"
    )
    return Need(DossierKind.CLUSTER, basis, to_verify=era != "E1")


def _summary(era: str) -> Need:
    law = f"{LAW_2003}, thủ tục đơn giản [K]" if era == "E1" else f"{LAW}, Điều 85 (thủ tục đơn giản) [K]"
    form = f"{ND91}, Mẫu số 06 (báo cáo thành tích đột xuất)" if era == "E1" else ERA_DECREE[era]
    return Need(
        DossierKind.SUMMARY,
        f"{law}; {form}: tờ trình và bản tóm tắt thành tích, không cần báo cáo thành tích đầy đủ "
        "(legal-rules §2.6)",
        to_verify=True,
        note=_("Có thể dùng ô “Tóm tắt thành tích” của dòng đề nghị hoặc tải lên tệp tóm tắt."),
    )


def _rows(era: str) -> tuple[CatalogueRow, ...]:
    e1 = era == "E1"
    texts = ERA_TEXTS[era]
    return (
        CatalogueRow(
            era,
            (),
            (AwardTrack.DOT_XUAT,),
            (_proposal(era), _summary(era)),
            f"{texts}; thủ tục đơn giản đối với thành tích đột xuất (legal-rules §2.5, §2.6) [K]",
            True,
            label=_("Khen thưởng thành tích đột xuất (thủ tục đơn giản), mọi hình thức"),
        ),
        CatalogueRow(
            era,
            ("LDTT", "TTLDTT"),
            (),
            (_proposal(era), _minutes(era)),
            f"{texts}; danh sách kèm biên bản, không bắt buộc báo cáo thành tích cá nhân (legal-rules §2.3 "
            "LDTT, §2.4 TTLDTT: UNCONFIRMED)",
            True,
        ),
        CatalogueRow(
            era,
            ("CSTDCS",),
            (),
            (_proposal(era), _minutes(era), _initiative(era)),
            f"{texts}; danh sách kèm biên bản và quyết định công nhận sáng kiến hoặc biên bản nghiệm thu đề tài "
            "(legal-rules §2.3 CSTDCS) [K]",
            True,
        ),
        CatalogueRow(
            era,
            ("CSTD_TINH",),
            (),
            (_proposal(era), _minutes(era), _ballot(era), _report(era), _effect(era, "tinh")),
            f"{texts}; tờ trình, biên bản và kết quả bỏ phiếu kín, báo cáo thành tích, xác nhận hiệu quả sáng "
            "kiến (legal-rules §2.3 CSTD_TINH) [K]",
            True,
        ),
        CatalogueRow(
            era,
            ("CSTD_TOAN_QUOC",),
            (),
            (_proposal(era), _minutes(era), _ballot(era), _report(era), _effect(era, "toan_quoc")),
            (
                f"{ND91}, Điều 49 (02 bộ bản chính gửi Thủ tướng Chính phủ gồm tờ trình, báo cáo thành tích, "
                "biên bản và kết quả bỏ phiếu kín, xác nhận phạm vi ảnh hưởng toàn quốc) (legal-rules §2.3) [C]"
                if e1
                else f"{texts}; như thời kỳ trước, số bộ hồ sơ {VERIFY} (legal-rules §2.3 CSTD_TOAN_QUOC, §11 "
                "dòng 38)"
            ),
            not e1,
            copies=_("02 bộ bản chính") if e1 else _("Số bộ hồ sơ: cần xác minh"),
        ),
        CatalogueRow(
            era,
            ("TTLDXS",),
            (),
            (_proposal(era), _minutes(era), _report(era, note=_("Mẫu báo cáo của tập thể."))),
            f"{texts}; tờ trình, biên bản, báo cáo thành tích của tập thể (legal-rules §2.4 TTLDXS) [K]",
            True,
        ),
        CatalogueRow(
            era,
            ("CO_TINH", "CO_CHINH_PHU"),
            (),
            (_proposal(era), _minutes(era), _cluster(era), _report(era, note=_("Mẫu báo cáo của tập thể."))),
            f"{texts}; tờ trình, biên bản, biên bản chấm điểm và suy tôn của cụm, khối, báo cáo thành tích của "
            "tập thể (legal-rules §2.4 CO_TINH; Cờ thi đua của Chính phủ: UNCONFIRMED)",
            True,
        ),
        CatalogueRow(
            era,
            ("GIAY_KHEN",),
            (),
            (_proposal(era), _minutes(era)),
            f"{texts}; {LAW if not e1 else LAW_2003} (Giấy khen: Điều 75, khoản 2 – tiêu chuẩn do tỉnh quy định); "
            "danh sách kèm biên bản (legal-rules §2.5 GIAY_KHEN) [K]",
            True,
        ),
        CatalogueRow(
            era,
            ("BANG_KHEN_TINH", "BANG_KHEN_TTG"),
            (),
            (_proposal(era), _minutes(era), _report(era)),
            f"{texts}; tờ trình, biên bản, báo cáo thành tích (legal-rules §2.5 BANG_KHEN_TINH; Bằng khen của "
            "Thủ tướng Chính phủ: UNCONFIRMED)",
            True,
        ),
        CatalogueRow(
            era,
            ("HCLD_3", "HCLD_2", "HCLD_1"),
            (),
            (_proposal(era), _minutes(era), _report(era)),
            f"{texts}; hồ sơ khen thưởng cấp Nhà nước: tờ trình, biên bản, báo cáo thành tích có xác nhận của cấp "
            "trình, tài liệu liên quan [C, thực tiễn] (legal-rules §2.6); công khai trước khi Hội đồng họp (§6)",
            False,
        ),
    )


CATALOGUE: tuple[CatalogueRow, ...] = tuple(row for era in ERAS for row in _rows(era))


def code_label(code: str) -> Any:
    return AwardCode(code).label


def track_label(track: str) -> Any:
    return AwardTrack(track).label


def catalogue_row(*, era: str, code: str, track: str) -> CatalogueRow | None:
    """The row for a line of `code` on `track` in `era`: a row naming the track (the simplified procedure)
    first, then the row of the code."""
    rows = [row for row in CATALOGUE if row.era == era]
    for row in rows:
        if track in row.tracks and (not row.codes or code in row.codes):
            return row
    for row in rows:
        if not row.tracks and code in row.codes:
            return row
    return None


# ---- the achievement report's official form

INDIVIDUAL, COLLECTIVE = "individual", "collective"
MERIT, THEMATIC, ONE_OFF, CAREER = "merit", "thematic", "one_off", "career"


def report_variant(track: str) -> str:
    """The kind of report a track asks for."""
    if track == AwardTrack.CHUYEN_DE:
        return THEMATIC
    if track == AwardTrack.DOT_XUAT:
        return ONE_OFF
    if track in (AwardTrack.CONG_HIEN, AwardTrack.NIEN_HAN):
        return CAREER
    return MERIT


_E1_URL = "legal-rules §2.6 (Nghị định 91/2017/NĐ-CP có 9 mẫu)"


def _current_form(era: str, subject: str, variant: str) -> ReportForm:
    circular = ERA_CIRCULAR[era]
    who = _("cá nhân") if subject == INDIVIDUAL else _("tập thể")
    what = {
        MERIT: _("Báo cáo thành tích đề nghị khen thưởng của %(who)s"),
        THEMATIC: _("Báo cáo thành tích của %(who)s trong phong trào thi đua theo chuyên đề"),
        ONE_OFF: _("Báo cáo thành tích đột xuất của %(who)s"),
        CAREER: _("Báo cáo tóm tắt quá trình công tác, cống hiến của %(who)s"),
    }[variant] % {"who": who}
    return ReportForm(
        code=f"{era}-{subject}-{variant}",
        name=f"{what} ({circular}; số mẫu {VERIFY})",
        title=f"Mẫu báo cáo thành tích – {circular}",
        basis=f"{circular} (mẫu báo cáo thành tích; số mẫu và bố cục UNCONFIRMED) (legal-rules §2.6, §11 dòng 38)",
        to_verify=True,
    )


def _e1_form(subject: str, variant: str) -> ReportForm:
    number, what, verify = {
        (INDIVIDUAL, MERIT): ("02", _("Báo cáo thành tích đề nghị khen thưởng của cá nhân"), False),
        (COLLECTIVE, MERIT): ("01", _("Báo cáo thành tích đề nghị khen thưởng của tập thể"), False),
        (INDIVIDUAL, ONE_OFF): ("06", _("Báo cáo thành tích đột xuất"), False),
        (COLLECTIVE, ONE_OFF): ("06", _("Báo cáo thành tích đột xuất"), False),
        (INDIVIDUAL, THEMATIC): ("07", _("Báo cáo thành tích thi đua theo đợt hoặc chuyên đề"), False),
        (COLLECTIVE, THEMATIC): ("07", _("Báo cáo thành tích thi đua theo đợt hoặc chuyên đề"), False),
        (INDIVIDUAL, CAREER): ("", _("Báo cáo tóm tắt quá trình công tác, cống hiến"), True),
        (COLLECTIVE, CAREER): ("", _("Báo cáo tóm tắt quá trình xây dựng, phát triển"), True),
    }[(subject, variant)]
    if verify:
        return ReportForm(
            code=f"E1-{subject}-{variant}",
            name=f"{what} ({ND91}; số mẫu {VERIFY})",
            title=f"Mẫu báo cáo – {ND91}",
            basis=f"{ND91} (số mẫu UNCONFIRMED) ({_E1_URL})",
            to_verify=True,
        )
    return ReportForm(
        code=f"E1-{subject}-{variant}",
        name=f"{what} (Mẫu số {number}, {ND91})",
        title=f"Mẫu số {number} – {ND91}",
        basis=f"{ND91}, Phụ lục, Mẫu số {number} ({_E1_URL})",
        to_verify=False,
    )


def report_form(*, era: str, subject: str, track: str) -> ReportForm:
    """The official form of the achievement report of a `subject` ("individual" | "collective") on `track`."""
    variant = report_variant(track)
    if era == "E1":
        return _e1_form(subject, variant)
    return _current_form(era, subject, variant)


def report_forms(era: str) -> list[ReportForm]:
    """Every form of the era, for the catalogue page."""
    return [
        report_form(era=era, subject=subject, track=track)
        for subject in (INDIVIDUAL, COLLECTIVE)
        for track in (AwardTrack.CONG_TRANG, AwardTrack.CHUYEN_DE, AwardTrack.DOT_XUAT, AwardTrack.CONG_HIEN)
    ]
