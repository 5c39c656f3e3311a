"""Predicates shared by the rule sets: each is a function ``(ctx) -> list[Reason]`` or a builder that turns a
row of a rule table into one. The rule sets (`rules_e1`, `rules_e2`, `rules_e3`) are tables of these with their
own legal bases; nothing here names an era.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from . import codes
from .facts import Initiative
from .result import Reason
from .rules_common import (
    HTNV,
    HTTNV,
    HTXSNV,
    Ctx,
    all_met,
    chain_years,
    check_discipline,
    check_rating,
    collective_discipline,
    fmt_date,
    held,
    initiative_label,
    initiative_level,
    inline_eligible,
    judgement,
    ldtt_standard,
    ldtt_standard_met,
    pct,
    roster,
    usable_initiatives,
    years_list,
)

Rule = Callable[[Ctx], list[Reason]]

TRACK_NAMES = {
    "cong_trang": "thành tích công trạng",
    "dot_xuat": "thành tích đột xuất",
    "chuyen_de": "thành tích trong phong trào thi đua theo chuyên đề",
    "nien_han": "thành tích theo niên hạn",
    "cong_hien": "quá trình cống hiến",
    "doi_ngoai": "thành tích đối ngoại",
}
OTHER_TRACKS_CRITERION = "other_tracks"


# ------------------------------------------------------------------------------------- individuals


def ldtt(ctx: Ctx) -> list[Reason]:
    """LĐTT: rating HTTNV or better (Luật Điều 24 khoản 1), months in the year of recruitment, leave,
    discipline (legal-rules §3)."""
    return ldtt_standard(ctx)


def cstdcs_ldtt_part(ctx: Ctx) -> list[Reason]:
    details = ldtt_standard(ctx)
    met = all_met(details)
    year = ctx.year
    if met is True:
        text = f"Đạt tiêu chuẩn Lao động tiên tiến năm {year}"
    elif met is False:
        text = f"Không đạt tiêu chuẩn Lao động tiên tiến năm {year}"
    else:
        text = f"Chưa đủ dữ liệu để xác định tiêu chuẩn Lao động tiên tiến năm {year}"
    return [Reason("meets_ldtt_standard_same_year", met, text, ctx.basis["cstdcs.ldtt"]), *details]


def cstdcs(ctx: Ctx) -> list[Reason]:
    """CSTĐCS (Luật Điều 23): the LĐTT standard in the same year, and one of HTXSNV, a cơ sở initiative or an
    accepted đề tài (khoản 2). A higher-level initiative satisfies the cơ sở requirement."""
    reasons = cstdcs_ldtt_part(ctx)
    year = ctx.year
    year_facts = ctx.year_facts
    basis = ctx.basis["cstdcs.achievement"]
    initiatives = usable_initiatives(ctx, ctx.subject, year - ctx.params.reserve_years, year, "co_so")
    excellent = year_facts.rating == "HTXSNV"
    if ctx.params.cstdcs_requires_initiative:  # watch item: 2025 draft amendment (legal-rules §1.1)
        ok = excellent and bool(initiatives)
        met: bool | None = ok if (year_facts.rating is not None or initiatives) else None
        text = (
            f"Xếp loại HTXSNV năm {year} và có {initiative_label(initiatives[0])}"
            if ok
            else f"Yêu cầu cả xếp loại HTXSNV và sáng kiến, đề tài cấp cơ sở năm {year} (cấu hình dự thảo sửa Luật)"
        )
        reasons.append(Reason("htxsnv_and_initiative_co_so", met, text, basis))
        return reasons
    criterion = "htxsnv_or_initiative_co_so"
    if excellent:
        reasons.append(Reason(criterion, True, f"Hoàn thành xuất sắc nhiệm vụ (HTXSNV) năm {year}", basis))
    elif initiatives:
        reasons.append(Reason(criterion, True, f"Có {initiative_label(initiatives[0])}", basis))
    elif year_facts.rating is None:
        reasons.append(
            Reason(
                criterion,
                None,
                f"Chưa có xếp loại năm {year} và không có sáng kiến, đề tài cấp cơ sở chưa sử dụng",
                basis,
            )
        )
    else:
        reasons.append(
            Reason(
                criterion,
                False,
                f"Không đạt HTXSNV năm {year} và không có sáng kiến, đề tài cấp cơ sở chưa sử dụng",
                basis,
            )
        )
    return reasons


def cstdcs_initiative_required(ctx: Ctx) -> list[Reason]:
    """CSTĐCS under NĐ 91/2017 Điều 9 khoản 3: LĐTT and a cơ sở initiative or an accepted, applied đề tài;
    HTXSNV alone is not sufficient."""
    reasons = cstdcs_ldtt_part(ctx)
    year = ctx.year
    initiatives = usable_initiatives(ctx, ctx.subject, year - ctx.params.reserve_years, year, "co_so")
    basis = ctx.basis["cstdcs.achievement"]
    if initiatives:
        reasons.append(
            Reason("initiative_level_co_so", True, f"Có {initiative_label(initiatives[0])}", basis)
        )
    else:
        extra = (
            "; xếp loại HTXSNV không thay thế sáng kiến trước năm 2024"
            if ctx.year_facts.rating == "HTXSNV"
            else ""
        )
        reasons.append(
            Reason(
                "initiative_level_co_so",
                False,
                f"Không có sáng kiến hoặc đề tài cấp cơ sở chưa sử dụng năm {year}{extra}",
                basis,
            )
        )
    return reasons


def previous_title_overlap(ctx: Ctx, code: str, span: int) -> Reason | None:
    """One achievement, one award: a window of `span` years may not overlap the window of an earlier award."""
    year = ctx.year
    used = [y for y in range(year - span + 1, year) if held(ctx, ctx.subject, y, code)]
    if not used:
        return None
    return Reason(
        "chain_not_already_used",
        False,
        f"Đã được tặng {codes.name_of(code)} năm {years_list(used)} cho thành tích trong giai đoạn này: "
        "mỗi thành tích chỉ khen thưởng một lần",
        ctx.basis["one_award"],
    )


def _initiative_reason(ctx: Ctx, level: str, first: int, criterion: str, basis: str) -> Reason:
    year = ctx.year
    initiatives = usable_initiatives(ctx, ctx.subject, first, year, level)
    scope = codes.LEVEL_NAMES[level]
    if initiatives:
        best = initiatives[0]
        return Reason(
            criterion,
            True,
            f"Có {initiative_label(best, initiative_level(ctx, best))}, yêu cầu hiệu quả, phạm vi ảnh hưởng "
            f"{scope}",
            basis,
        )
    return Reason(
        criterion,
        False,
        f"Chưa có sáng kiến hoặc đề tài {scope} chưa sử dụng trong giai đoạn {first}–{year}",
        basis,
    )


def _outstanding(ctx: Ctx, basis: str) -> list[Reason]:
    if not ctx.params.outstanding_judgement:
        return []
    return [
        judgement(
            "outstanding_council_judgement",
            "Thành tích tiêu biểu xuất sắc: Hội đồng Thi đua – Khen thưởng xem xét, bỏ phiếu kín",
            basis,
        )
    ]


def cstd_tinh(ctx: Ctx) -> list[Reason]:
    """CSTĐ cấp bộ, ngành, tỉnh (Luật Điều 22): 03 consecutive CSTĐCS up to the judged year (khoản 1 điểm a) and
    an initiative or đề tài at ministry, sector or province scope in that period (khoản 1 điểm b)."""
    year = ctx.year
    cycle = ctx.params.cycle_years
    years = list(range(year - cycle + 1, year + 1))
    missing, inline = chain_years(ctx, "CSTDCS", years, inline_last=True)
    basis = ctx.basis["cstd_tinh.chain"]
    if missing:
        chain = Reason(
            "three_consecutive_cstdcs",
            False,
            f"Chưa đạt Chiến sĩ thi đua cơ sở {cycle:02d} lần liên tục ({years_list(years)}): "
            f"thiếu năm {years_list(missing)}",
            basis,
        )
    else:
        text = f"Đạt Chiến sĩ thi đua cơ sở {cycle:02d} lần liên tục ({years_list(years)})"
        if inline:
            text += f"; năm {year} đủ tiêu chuẩn, chưa có quyết định công nhận"
        chain = Reason("three_consecutive_cstdcs", True, text, basis)
    reasons = [chain]
    overlap = previous_title_overlap(ctx, "CSTD_TINH", cycle)
    if overlap:
        reasons.append(overlap)
    reasons.append(
        _initiative_reason(ctx, "tinh", years[0], "initiative_level_tinh", ctx.basis["cstd_tinh.initiative"])
    )
    reasons.append(check_discipline(ctx, ctx.subject, year))
    reasons.extend(_outstanding(ctx, basis))
    return reasons


def cstd_toan_quoc(ctx: Ctx) -> list[Reason]:
    """CSTĐ toàn quốc (Luật Điều 21): 02 consecutive CSTĐ tỉnh (khoản 1 điểm a; each covers `cycle_years`
    years), a nationwide initiative or đề tài (khoản 1 điểm b), proposed in the year after the 2nd CSTĐ tỉnh
    decision (timing)."""
    year = ctx.year
    cycle = ctx.params.cycle_years
    previous = year - cycle
    basis = ctx.basis["cstd_tq.chain"]
    missing = [y for y in (previous, year) if not held(ctx, ctx.subject, y, "CSTD_TINH")]
    if missing:
        chain = Reason(
            "two_consecutive_cstd_tinh",
            False,
            f"Chưa đạt Chiến sĩ thi đua cấp bộ, ngành, tỉnh 02 lần liên tục ({previous}, {year}): "
            f"thiếu năm {years_list(missing)}",
            basis,
        )
    else:
        chain = Reason(
            "two_consecutive_cstd_tinh",
            True,
            f"Đạt Chiến sĩ thi đua cấp bộ, ngành, tỉnh 02 lần liên tục ({previous}, {year})",
            basis,
        )
    reasons = [
        chain,
        _initiative_reason(
            ctx,
            "toan_quoc",
            year - 2 * cycle + 1,
            "initiative_level_toan_quoc",
            ctx.basis["cstd_tq.initiative"],
        ),
    ]
    award = ctx.year_facts.award("CSTD_TINH")
    if ctx.params.toan_quoc_next_year_only and award is not None and award.decided_on and ctx.as_of_given:
        due = award.decided_on.year + 1
        ok = ctx.as_of.year == due
        text = (
            f"Đề nghị ngày {fmt_date(ctx.as_of)}; quyết định CSTĐ cấp tỉnh lần thứ hai ngày "
            f"{fmt_date(award.decided_on)}: phải đề nghị trong năm liền kề ({due})"
        )
        reasons.append(
            Reason("proposal_in_year_after_second_cstd_tinh", ok, text, ctx.basis["cstd_tq.timing"])
        )
    reasons.append(check_discipline(ctx, ctx.subject, year))
    reasons.extend(_outstanding(ctx, basis))
    return reasons


# -------------------------------------------------------------------------------------- collectives


def members_ldtt_share(ctx: Ctx, *, criterion: str, pct_needed: float, inclusive: bool, basis: str) -> Reason:
    """Share of LĐTT among every member of the year (members without facts count in the denominator)."""
    members = roster(ctx)
    year = ctx.year
    if not members:
        return Reason(
            criterion,
            None,
            f"Chưa có danh sách thành viên năm {year} để tính tỷ lệ Lao động tiên tiến",
            basis,
        )
    total = len(members)
    count = sum(1 for m in members if ldtt_standard_met(ctx, m))
    ok = count * 100 >= pct_needed * total if inclusive else count * 100 > pct_needed * total
    label = f"từ {pct_needed:g}% trở lên" if inclusive else f"trên {pct_needed:g}%"
    return Reason(
        criterion,
        ok,
        f"{count}/{total} thành viên đạt Lao động tiên tiến năm {year} ({pct(count, total)}); yêu cầu {label}",
        basis,
    )


def no_member_canh_cao(ctx: Ctx, basis: str) -> Reason:
    """No member disciplined with cảnh cáo or above in the judged year."""
    year = ctx.year
    bad = []
    for member in roster(ctx):
        for d in member.year(year).discipline:
            if (
                d.form is not None
                and not d.pending
                and codes.DISCIPLINE_RANK[d.form] >= codes.DISCIPLINE_RANK["canh_cao"]
            ):
                bad.append(member.name or "(không tên)")
                break
    if bad:
        return Reason(
            "no_member_canh_cao_or_above",
            False,
            f"Có thành viên bị kỷ luật từ cảnh cáo trở lên năm {year}: {', '.join(sorted(bad))}",
            basis,
        )
    return Reason(
        "no_member_canh_cao_or_above",
        True,
        f"Không có thành viên bị kỷ luật từ cảnh cáo trở lên năm {year}",
        basis,
    )


def ttldtt_by_law(ctx: Ctx) -> list[Reason]:
    """TTLĐTT by the law's thresholds alone (E1: Luật 2003 Điều 28): HTTNV, more than 50% of members LĐTT;
    the configurable flag: no member disciplined with cảnh cáo or above."""
    basis = ctx.basis["ttldtt"]
    reasons = [
        check_rating(
            ctx,
            ctx.year_facts,
            worst=HTTNV,
            criterion="rating_httnv_or_better",
            basis=basis,
            who=" của tập thể",
        ),
        members_ldtt_share(
            ctx, criterion="members_ldtt_over_50pct", pct_needed=50, inclusive=False, basis=basis
        ),
    ]
    if ctx.params.ttldtt_no_canh_cao:
        reasons.append(no_member_canh_cao(ctx, ctx.basis["ttldtt.discipline"]))
    reasons.extend(collective_discipline(ctx))
    return reasons


def ttldtt_by_sector(ctx: Ctx) -> list[Reason]:
    """TTLĐTT (Luật Điều 28) with the thresholds of the unit's sector (configuration `collective.sector`):
    the law's more than 50% LĐTT by default; education and the Government Office require at least 70% and no
    member disciplined cảnh cáo or above (legal-rules §12 point 14)."""
    sector = ctx.params.sector
    extra = sector.get("basis") or ""
    basis = ctx.basis["ttldtt"] + (f"; {extra}" if extra else "")
    share = float(sector.get("ttldtt_ldtt_pct", 50))
    inclusive = bool(sector.get("ttldtt_inclusive", False))
    criterion = "members_ldtt_over_50pct" if (share == 50 and not inclusive) else "members_ldtt_sector_share"
    reasons = [
        check_rating(
            ctx,
            ctx.year_facts,
            worst=HTTNV,
            criterion="rating_httnv_or_better",
            basis=basis,
            who=" của tập thể",
        ),
        members_ldtt_share(ctx, criterion=criterion, pct_needed=share, inclusive=inclusive, basis=basis),
    ]
    no_canh_cao = sector.get("ttldtt_no_canh_cao")
    if no_canh_cao is None:
        no_canh_cao = ctx.params.ttldtt_no_canh_cao
    if no_canh_cao:
        reasons.append(
            no_member_canh_cao(ctx, ctx.basis["ttldtt.discipline"] + (f"; {extra}" if extra else ""))
        )
    reasons.extend(collective_discipline(ctx))
    return reasons


def members_completed_duties(ctx: Ctx) -> Reason:
    """Every member of the year completed their duties; a member holding LĐTT did (HTTNV or better), with or
    without a recorded rating; a member without facts is unknown."""
    members = roster(ctx)
    year = ctx.year
    basis = ctx.basis["ttldxs.members"]
    if not members:
        return Reason("members_all_completed_duties", None, f"Chưa có danh sách thành viên năm {year}", basis)
    unknown: list[str] = []
    failed: list[str] = []
    for member in members:
        year_facts = member.year(year)
        if year_facts.rating is None:
            if "LDTT" not in year_facts.award_codes:
                unknown.append(member.name or "(không tên)")
        elif codes.RATING_RANK[year_facts.rating] > HTNV:
            failed.append(member.name or "(không tên)")
    total = len(members)
    if failed:
        return Reason(
            "members_all_completed_duties",
            False,
            f"{total - len(failed) - len(unknown)}/{total} thành viên hoàn thành nhiệm vụ trở lên năm {year}; "
            f"không hoàn thành: {', '.join(sorted(failed))}",
            basis,
        )
    if unknown:
        return Reason(
            "members_all_completed_duties",
            None,
            f"Chưa có xếp loại năm {year} của: {', '.join(sorted(unknown))}",
            basis,
        )
    return Reason(
        "members_all_completed_duties",
        True,
        f"100% thành viên ({total}/{total}) hoàn thành nhiệm vụ trở lên năm {year}",
        basis,
    )


def member_cstdcs(ctx: Ctx) -> Reason:
    year = ctx.year
    basis = ctx.basis["ttldxs.cstdcs"]
    members = roster(ctx)
    for member in sorted(members, key=lambda m: m.name):
        if "CSTDCS" in member.year(year).award_codes or inline_eligible(ctx, "CSTDCS", member):
            return Reason(
                "member_cstdcs_at_least_one",
                True,
                f"Có thành viên đạt Chiến sĩ thi đua cơ sở năm {year}: {member.name or '(không tên)'}",
                basis,
            )
    if not members:
        return Reason("member_cstdcs_at_least_one", None, f"Chưa có danh sách thành viên năm {year}", basis)
    return Reason(
        "member_cstdcs_at_least_one",
        False,
        f"Không có thành viên nào đạt Chiến sĩ thi đua cơ sở năm {year}",
        basis,
    )


def ttldxs(ctx: Ctx) -> list[Reason]:
    """TTLĐXS (Luật Điều 27 khoản 1): HTXSNV (a); 100% members completed duties, ≥70% LĐTT (c); at least one
    CSTĐCS (d). No cảnh cáo clause in the 2022 text."""
    return [
        check_rating(
            ctx,
            ctx.year_facts,
            worst=HTXSNV,
            criterion="rating_htxsnv",
            basis=ctx.basis["ttldxs.rating"],
            who=" của tập thể",
        ),
        members_completed_duties(ctx),
        members_ldtt_share(
            ctx,
            criterion="members_ldtt_at_least_70pct",
            pct_needed=70,
            inclusive=True,
            basis=ctx.basis["ttldxs.members"],
        ),
        member_cstdcs(ctx),
        *collective_discipline(ctx),
    ]


def ttldxs_no_canh_cao(ctx: Ctx) -> list[Reason]:
    """TTLĐXS under Luật 2003 Điều 27: as the 2022 text, plus no member disciplined with cảnh cáo or above."""
    return [*ttldxs(ctx), no_member_canh_cao(ctx, ctx.basis["ttldxs.discipline"])]


def cluster_leader(ctx: Ctx, basis: str) -> Reason:
    year = ctx.year
    rank = ctx.year_facts.cluster_rank
    if rank is None:
        return Reason(
            "cluster_leader",
            None,
            f"Chưa có kết quả bình xét, suy tôn của cụm, khối thi đua năm {year}",
            basis,
        )
    if rank == 1:
        return Reason(
            "cluster_leader", True, f"Dẫn đầu cụm, khối thi đua năm {year} (được cụm, khối suy tôn)", basis
        )
    return Reason(
        "cluster_leader",
        False,
        f"Xếp thứ {rank} trong cụm, khối thi đua năm {year}; Cờ thi đua dành cho tập thể dẫn đầu",
        basis,
    )


def co_tinh(ctx: Ctx) -> list[Reason]:
    """Cờ thi đua cấp bộ, ngành, tỉnh (Luật Điều 26 khoản 1, 2; E1 NĐ 91 Điều 12): the cluster or bloc leader
    that also meets the flag's standards — duties exceeded (rating HTXSNV) and a new factor or model (the
    council's) — and is not disciplined (legal-rules §12 point 6)."""
    reasons = [cluster_leader(ctx, ctx.basis["co_tinh"])]
    if ctx.params.co_tinh_flag_standards:
        standards = ctx.basis["co_tinh.standards"]
        reasons.append(
            check_rating(
                ctx,
                ctx.year_facts,
                worst=HTXSNV,
                criterion="rating_htxsnv",
                basis=standards,
                who=" của tập thể",
            )
        )
        reasons.append(
            judgement(
                "new_factor_or_model",
                "Có nhân tố mới, mô hình mới để các tập thể khác học tập; nội bộ đoàn kết: Hội đồng Thi đua – "
                "Khen thưởng xem xét",
                standards,
            )
        )
    reasons.extend(collective_discipline(ctx))
    return reasons


def co_chinh_phu(ctx: Ctx) -> list[Reason]:
    """Cờ thi đua của Chính phủ (Luật Điều 25 khoản 1): an exemplary collective chosen among cluster leaders
    (within 20% of them, a quota); a collective ranked below its cluster's lead is not eligible."""
    basis = ctx.basis["co_cp.leader"]
    rank = ctx.year_facts.cluster_rank
    if rank is not None and rank > 1:
        leader = cluster_leader(ctx, basis)
    elif held(ctx, ctx.subject, ctx.year, "CO_TINH"):
        leader = Reason(
            "cluster_leader", True, f"Đã được tặng Cờ thi đua cấp bộ, ngành, tỉnh năm {ctx.year}", basis
        )
    else:
        leader = cluster_leader(ctx, basis)
    return [
        leader,
        *collective_discipline(ctx),
        judgement(
            "exemplary_among_cluster_leaders",
            "Tập thể tiêu biểu xuất sắc được lựa chọn trong số các tập thể dẫn đầu cụm, khối: "
            "Hội đồng Thi đua – Khen thưởng xem xét",
            basis,
        ),
    ]


# ------------------------------------------------------------------------------------------- forms


def _discipline_then_judgement(ctx: Ctx, criterion: str, text: str, basis: str) -> list[Reason]:
    """The subject's discipline (a person's, or the collective's and its members'), then a point the council
    judges: the skeleton of the forms whose criteria the system does not compute."""
    reasons: list[Reason] = []
    if ctx.subject.kind == codes.INDIVIDUAL:
        reasons.append(check_discipline(ctx, ctx.subject, ctx.year))
    else:
        reasons.extend(collective_discipline(ctx))
    reasons.append(judgement(criterion, text, basis))
    return reasons


def giay_khen(ctx: Ctx) -> list[Reason]:
    """Giấy khen (Luật Điều 75 khoản 2): criteria set by the province; the council judges them."""
    return _discipline_then_judgement(
        ctx,
        "provincial_criteria",
        "Tiêu chuẩn Giấy khen do Bộ, ngành, tỉnh quy định chi tiết: Hội đồng Thi đua – Khen "
        "thưởng xem xét theo quy chế của tỉnh",
        ctx.basis["giay_khen"],
    )


def hcld_2_1(ctx: Ctx) -> list[Reason]:
    """Huân chương Lao động hạng Nhì, hạng Nhất: criteria unconfirmed; never `eligible` from computation."""
    return _discipline_then_judgement(
        ctx,
        "criteria_unconfirmed",
        f"Tiêu chuẩn {codes.name_of(ctx.code)} chưa được xác nhận; hệ thống không tự kết luận đủ "
        "điều kiện: Hội đồng Thi đua – Khen thưởng xem xét",
        ctx.basis["hcld21"],
    )


def other_track(ctx: Ctx) -> list[Reason]:
    """A proposal on a track other than `cong_trang` (đột xuất, chuyên đề, ...): the council judges the
    achievement; only computable exclusions refuse it (discipline, pending review, already rewarded —
    checked by `evaluate`). Bases for commendation: Luật Điều 10."""
    return _discipline_then_judgement(
        ctx,
        "track_council_judgement",
        f"Đề nghị {codes.name_of(ctx.code)} cho {TRACK_NAMES[ctx.track]} năm {ctx.year}: Hội đồng Thi đua – "
        "Khen thưởng xem xét thành tích, điều kiện, hoàn cảnh đạt được",
        ctx.basis.get(f"{ctx.code}.other_tracks", ctx.basis["track"]),
    )


def _other_tracks_note(ctx: Ctx) -> Reason:
    """Said with a refused merit form: a one-off or thematic achievement is proposed on its own track."""
    return Reason(
        OTHER_TRACKS_CRITERION,
        None,
        "Chưa đủ tiêu chuẩn theo thành tích công trạng; thành tích đột xuất hoặc thành tích trong phong trào thi "
        "đua theo chuyên đề (nếu có) được đề nghị theo loại riêng để Hội đồng Thi đua – Khen thưởng xem xét",
        ctx.basis["track"],
    )


def merit_form(ctx: Ctx, computed: Reason, first_year: int, overlap: Reason | None) -> list[Reason]:
    """A merit form (track cong_trang): the computed point decides — met → the computed reason; failed or
    unknown → not eligible (the ministry answers "chưa đủ tiêu chuẩn"), noting the other tracks."""
    reasons = [check_discipline(ctx, ctx.subject, ctx.year, first_year), computed]
    if overlap is not None:
        reasons.append(overlap)
    if computed.met is not True:
        reasons.append(_other_tracks_note(ctx))
    return reasons


def collective_form(ctx: Ctx, text: str, basis_key: str) -> list[Reason]:
    return [*collective_discipline(ctx), judgement("collective_criteria_council", text, ctx.basis[basis_key])]


# --------------------------------------------------------------------- Bằng khen tỉnh: point d and E1


def cstdcs_rested_on_initiative(ctx: Ctx, year: int) -> bool | None:
    """Whether the CSTĐCS of `year` rested on an initiative or đề tài (not on HTXSNV): an initiative marked
    `used_for` it; before 2024 an initiative listed that year (NĐ 91 Điều 9 khoản 3 required one); from 2024 a
    rating below HTXSNV. None when the facts do not say (then it is not taken as resting on initiatives)."""
    for year_facts in ctx.subject.years.values():
        for initiative in year_facts.initiatives:
            if initiative.used_for == ("CSTDCS", year):
                return True
    year_facts = ctx.subject.year(year)
    if year < ctx.params.law_2022_first_year:
        return True if year_facts.initiatives else None
    if year_facts.rating is None:
        return None
    return year_facts.rating != "HTXSNV"


def _run_back(ctx: Ctx, ok: Callable[[int], bool], max_years: int) -> list[int]:
    """The run of consecutive years ending at the judged year for which `ok` holds, not reaching back past the
    previous award of the same form (one achievement, one award), at most `max_years` long."""
    year = ctx.year
    run: list[int] = []
    for y in range(year, year - max_years, -1):
        if y != year and held(ctx, ctx.subject, y, ctx.code):
            break
        if not ok(y):
            break
        run.append(y)
    return sorted(run)


def _pool(ctx: Ctx, years: list[int], consumed_years: list[int]) -> tuple[int, int, list[Initiative]]:
    """Unused cơ sở initiatives and đề tài in `years`, less one per year whose CSTĐCS rested on an initiative
    not marked as used (that initiative is used up)."""
    found = usable_initiatives(ctx, ctx.subject, years[0], years[-1], "co_so")
    marked = {
        init.used_for[1]
        for year_facts in ctx.subject.years.values()
        for init in year_facts.initiatives
        if init.used_for is not None and init.used_for[0] == "CSTDCS"
    }
    remaining = list(found)
    for y in consumed_years:
        if y in marked:
            continue
        for candidate in sorted(remaining, key=lambda i: codes.LEVEL_RANK[i.level]):
            if candidate.year == y:
                remaining.remove(candidate)
                break
    n_initiative = sum(1 for i in remaining if i.kind == "initiative")
    return n_initiative, len(remaining) - n_initiative, remaining


def htxsnv_window(ctx: Ctx, n_min: int, criterion: str, basis: str) -> Reason:
    """≥02 consecutive years HTXSNV up to the judged year ("từ 02 năm trở lên", so a longer run counts), with
    `n_min` initiatives or `n_min` đề tài (same kind) at cơ sở scope or above, unused, in that period."""
    year = ctx.year
    subject = ctx.subject
    run = _run_back(ctx, lambda y: subject.year(y).rating == "HTXSNV", ctx.params.bk_tinh_d_max_years)
    count = f"{n_min:02d} sáng kiến hoặc {n_min:02d} đề tài {codes.LEVEL_NAMES['co_so']}"
    if len(run) < 2:
        years = [year - 1, year]
        ratings = [subject.year(y).rating for y in years]
        bad = [y for y, r in zip(years, ratings, strict=True) if r is not None and r != "HTXSNV"]
        unknown = [y for y, r in zip(years, ratings, strict=True) if r is None]
        if bad or not unknown:
            why = (
                f"không đạt HTXSNV năm {years_list(bad)}"
                if bad
                else "giai đoạn đã được tính cho lần khen thưởng trước"
            )
            return Reason(
                criterion, False, f"02 năm liên tục HTXSNV ({year - 1}–{year}) với {count}: {why}", basis
            )
        return Reason(
            criterion,
            None,
            f"Chưa có xếp loại năm {years_list(unknown)} để xét 02 năm liên tục HTXSNV ({year - 1}–{year})",
            basis,
        )
    n_initiative, n_research, _ = _pool(ctx, run, [])
    span = f"{run[0]}–{run[-1]}"
    enough = n_initiative >= n_min or n_research >= n_min
    if not enough:
        return Reason(
            criterion,
            False,
            f"{len(run):02d} năm liên tục HTXSNV ({span}) với {count}: có {n_initiative} sáng kiến, {n_research} "
            f"đề tài {codes.LEVEL_NAMES['co_so']} chưa sử dụng",
            basis,
        )
    what = "sáng kiến" if n_initiative >= n_min else "đề tài"
    return Reason(
        criterion,
        True,
        f"Hoàn thành xuất sắc nhiệm vụ {len(run):02d} năm liên tục ({span}), có "
        f"{max(n_initiative, n_research)} {what} {codes.LEVEL_NAMES['co_so']}",
        basis,
    )


def two_cstdcs_point(ctx: Ctx, basis: str) -> Reason | None:
    """Point d, first branch: 02 consecutive CSTĐCS; where they rested on initiatives, the period needs 02 more
    initiatives or đề tài beyond those used (CV 1168/BNV-BTĐKT [K]). None when the chain is not there."""
    year = ctx.year
    missing, inline = chain_years(ctx, "CSTDCS", [year - 1, year], inline_last=True)
    if missing:
        return None
    text = f"Đạt Chiến sĩ thi đua cơ sở 02 lần liên tục ({year - 1}, {year})"
    if inline:
        text += f"; năm {year} đủ tiêu chuẩn, chưa có quyết định công nhận"
    if not ctx.params.bk_tinh_d_used_up:
        return Reason("two_consecutive_cstdcs", True, text, basis)
    rested = {y: cstdcs_rested_on_initiative(ctx, y) for y in (year - 1, year)}
    if inline and ctx.year_facts.rating == "HTXSNV":
        rested[year] = False
    on_initiatives = [y for y, r in rested.items() if r is True]
    if not on_initiatives:
        return Reason("two_consecutive_cstdcs", True, text, basis)
    run = _run_back(
        ctx,
        lambda y: held(ctx, ctx.subject, y, "CSTDCS") or (y == year and inline),
        ctx.params.bk_tinh_d_max_years,
    )
    n_min = ctx.params.bk_tinh_d_min
    n_initiative, n_research, _ = _pool(ctx, run, on_initiatives)
    span = f"{run[0]}–{run[-1]}"
    if n_initiative >= n_min or n_research >= n_min:
        what = "sáng kiến" if n_initiative >= n_min else "đề tài"
        return Reason(
            "two_consecutive_cstdcs",
            True,
            f"{text}; Chiến sĩ thi đua cơ sở năm {years_list(on_initiatives)} dựa trên sáng kiến, "
            f"giai đoạn {span} có thêm {max(n_initiative, n_research)} {what} cấp cơ sở chưa sử dụng",
            basis,
        )
    return Reason(
        "two_consecutive_cstdcs",
        False,
        f"{text}, nhưng Chiến sĩ thi đua cơ sở năm {years_list(on_initiatives)} dựa trên sáng kiến: giai đoạn "
        f"{span} cần thêm {n_min:02d} sáng kiến hoặc {n_min:02d} đề tài cấp cơ sở ngoài các sáng kiến đã dùng "
        f"(có {n_initiative} sáng kiến, {n_research} đề tài)",
        basis,
    )


@dataclass(frozen=True, slots=True)
class TwoYearForm:
    """A row of the Bằng khen tỉnh table: whether the two-CSTĐCS branch exists (Luật 2022 điểm d), the
    criterion name of the HTXSNV branch, and the text for collectives."""

    code: str
    cstdcs_branch: bool
    collective_text: str


def two_year_form(row: TwoYearForm) -> Rule:
    def rule(ctx: Ctx) -> list[Reason]:
        if ctx.subject.kind == codes.COLLECTIVE:
            return collective_form(ctx, row.collective_text, "bk_tinh.collective")
        year = ctx.year
        basis = ctx.basis["bk_tinh.computed"]
        first = year - 1
        computed = two_cstdcs_point(ctx, basis) if row.cstdcs_branch else None
        if computed is None or computed.met is not True:
            window = htxsnv_window(ctx, ctx.params.bk_tinh_d_min, "htxsnv_two_years_two_initiatives", basis)
            if window.met is True or computed is None:
                if window.met is not True and row.cstdcs_branch:
                    window = Reason(
                        window.criterion,
                        window.met,
                        f"chưa có 02 lần Chiến sĩ thi đua cơ sở liên tục ({year - 1}, {year}); {window.text}",
                        basis,
                    )
                computed = window
        return merit_form(ctx, computed, first, previous_title_overlap(ctx, row.code, 2))

    rule.__doc__ = f"{row.code}: the two-year computed point (table row {row})."
    return rule


# ------------------------------------------------------------ Bằng khen Thủ tướng, HCLĐ hạng Ba


@dataclass(frozen=True, slots=True)
class AfterAwardForm:
    """A row of the "holds `lower`, then `span` consecutive years up to the proposal" table (Luật Điều 73 b,
    Điều 44 e; NĐ 91 Điều 38 c): the worst rating allowed, and the counts needed in the window."""

    code: str
    lower: str
    span: int
    worst: int
    need_cstdcs: int
    need_htxsnv: int
    initiatives_param: str | None  # a `Params` field holding the number of initiatives needed
    initiative_level: str
    criterion: str
    collective_text: str
    collective_basis: str


def after_award_window(ctx: Ctx, row: AfterAwardForm, basis: str) -> Reason:
    """Holds `row.lower` (before the window, or inside it where configured: the ministry accepted a 2021 Bằng
    khen tỉnh for a 2020–2024 window), then `row.span` consecutive years up to the judged year rated
    `row.worst` or better — and on to the proposal: complete years between the judged year and the act are
    read too — with the counts of CSTĐCS, HTXSNV years and initiatives in the window."""
    year = ctx.year
    subject = ctx.subject
    params_ = ctx.params
    first = year - row.span + 1
    window = list(range(first, year + 1))
    anchors = []
    for listed, year_facts in subject.years.items():
        award = year_facts.award(row.lower, chain_only=params_.exclude_one_off)
        if award is None:
            continue
        if params_.window_from_decision:
            if award.decided_on is not None:
                anchors.append((award.decided_on.year, listed))
        else:
            anchors.append((listed, listed))
    limit = year if params_.lower_award_inside_window else first
    before = sorted(a for a in anchors if a[0] < limit)
    name = codes.name_of(row.lower)
    period = f"{row.span:02d} năm liên tục {first}–{year}"
    if not before:
        where = (
            f"trước hoặc trong giai đoạn {period}"
            if params_.lower_award_inside_window
            else f"trước giai đoạn {period}"
        )
        return Reason(row.criterion, False, f"Chưa được tặng {name} {where}", basis)
    anchor_year = before[-1][1]
    to_act = ctx.years_to_act()
    judged = window + to_act
    ratings = {y: subject.year(y).rating for y in judged}
    bad = [
        y for y in judged if ratings[y] is not None and codes.RATING_RANK[ratings[y] or "KHTNV"] > row.worst
    ]
    unknown = [y for y in window if ratings[y] is None]
    unknown_after = [y for y in to_act if ratings[y] is None]
    excellent = sum(1 for y in window if ratings[y] == "HTXSNV")
    missing, _ = chain_years(ctx, "CSTDCS", window, inline_last=True)
    n_cstdcs = row.span - len(missing)
    want = "hoàn thành xuất sắc nhiệm vụ" if row.worst == HTXSNV else "hoàn thành tốt nhiệm vụ trở lên"
    inside = " (trong giai đoạn)" if anchor_year >= first else ""
    head = f"Đã được tặng {name} năm {anchor_year}{inside}; {period}"
    if to_act:
        head += f", liên tục đến thời điểm đề nghị ({fmt_date(ctx.as_of)})"
    problems = []
    if bad:
        problems.append(f"năm {years_list(bad)} không {want}")
    if n_cstdcs < row.need_cstdcs:
        problems.append(f"mới có {n_cstdcs} lần Chiến sĩ thi đua cơ sở (cần {row.need_cstdcs:02d})")
    if excellent < row.need_htxsnv and not unknown:
        problems.append(f"chưa có năm hoàn thành xuất sắc nhiệm vụ (cần {row.need_htxsnv:02d})")
    need_initiatives = int(getattr(params_, row.initiatives_param)) if row.initiatives_param else 0
    if need_initiatives:
        found = usable_initiatives(ctx, subject, first, year, row.initiative_level)
        if len(found) < need_initiatives:
            problems.append(
                f"có {len(found)} sáng kiến, đề tài {codes.LEVEL_NAMES[row.initiative_level]} "
                f"(cần {need_initiatives:02d})"
            )
    if problems:
        return Reason(row.criterion, False, f"{head}: {'; '.join(problems)}", basis)
    if unknown:
        return Reason(row.criterion, None, f"{head}: chưa có xếp loại năm {years_list(unknown)}", basis)
    parts = [want]
    if row.need_cstdcs:
        parts.append(f"{n_cstdcs:02d} lần Chiến sĩ thi đua cơ sở")
    if row.need_htxsnv:
        parts.append(f"{excellent:02d} năm hoàn thành xuất sắc nhiệm vụ")
    if need_initiatives:
        parts.append(f"từ {need_initiatives:02d} sáng kiến, đề tài {codes.LEVEL_NAMES[row.initiative_level]}")
    text = f"{head}: {', '.join(parts)}"
    if unknown_after:
        text += f" (năm {years_list(unknown_after)} chưa có xếp loại)"
    return Reason(row.criterion, True, text, basis)


def after_award_form(row: AfterAwardForm) -> Rule:
    def rule(ctx: Ctx) -> list[Reason]:
        if ctx.subject.kind == codes.COLLECTIVE:
            return collective_form(ctx, row.collective_text, row.collective_basis)
        computed = after_award_window(ctx, row, ctx.basis[f"{row.code}.computed"])
        first = ctx.year - row.span + 1
        return merit_form(ctx, computed, first, previous_title_overlap(ctx, row.code, row.span))

    rule.__doc__ = f"{row.code}: holds {row.lower}, then {row.span} years (table row)."
    return rule


# Proposal periods for "one achievement, one award" across forms (years of achievement a proposal covers).
def proposal_period(ctx: Ctx) -> tuple[int, int]:
    span = {"BANG_KHEN_TINH": 2, "BANG_KHEN_TTG": 5, "HCLD_3": 5}.get(ctx.code, 1)
    if ctx.track != codes.DEFAULT_TRACK:
        span = 1
    return ctx.year - span + 1, ctx.year


# Lower forms a chain form rests on: held inside the window they are its basis, not the same achievement.
CHAIN_BASES = {
    "BANG_KHEN_TTG": frozenset({"BANG_KHEN_TINH"}),
    "HCLD_3": frozenset({"BANG_KHEN_TTG", "BANG_KHEN_TINH"}),
}
