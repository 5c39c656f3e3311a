"""Rules of the Luật Thi đua, khen thưởng 06/2022/QH15: rule sets E2 (with NĐ 98/2023, TT 01/2024) and E3 (with
NĐ 152/2025, TT 15/2025). E3 differs from E2 only in the legal basis of the decree-level exclusions (the
values themselves are configuration, legal-rules §11).

Each rule is a function ``(ctx) -> list[Reason]``; its docstring names its article. Several are reused by the
E1 rule set (`rules_e1`) where the structure is the same and only the basis differs.
"""

from __future__ import annotations

from collections.abc import Callable

from . import codes as C
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
    fmt_date,
    held,
    initiative_label,
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

L = "Luật Thi đua, khen thưởng 06/2022/QH15"
TT01 = "Thông tư 01/2024/TT-BNV"
ND152 = "Nghị định 152/2025/NĐ-CP"
CFG = "áp dụng theo cấu hình; cần xác minh"

BASIS_E2: dict[str, str] = {
    "ldtt.rating": f"{L}, Điều 24, khoản 1, điểm a",
    "ldtt.months": f"{TT01}, Điều 1, khoản 5, điểm d",
    "ldtt.leave": f"{TT01}, Điều 1, khoản 5",
    "ldtt.discipline": f"{L}, Điều 24, khoản 1 (loại trừ do kỷ luật: {CFG})",
    "discipline.period": f"{ND152} ({CFG} cho thời kỳ Nghị định 98/2023/NĐ-CP)",
    "discipline.pending": f"{ND152} ({CFG} cho thời kỳ Nghị định 98/2023/NĐ-CP)",
    "one_award": f"{L}, Điều 5, khoản 2",
    "cstdcs.ldtt": f"{L}, Điều 23, khoản 1",
    "cstdcs.achievement": f"{L}, Điều 23, khoản 2",
    "cstd_tinh.chain": f"{L}, Điều 22, khoản 1",
    "cstd_tinh.initiative": f"{L}, Điều 22, khoản 2",
    "cstd_tq.chain": f"{L}, Điều 21, khoản 1",
    "cstd_tq.initiative": f"{L}, Điều 21, khoản 2",
    "cstd_tq.timing": f"Nghị định 91/2017/NĐ-CP, Điều 48, khoản 1, điểm a ({CFG})",
    "ttldtt": f"{L}, Điều 28",
    "ttldtt.discipline": f"{L}, Điều 28 ({CFG})",
    "ttldxs.rating": f"{L}, Điều 27, khoản 1, điểm a",
    "ttldxs.members": f"{L}, Điều 27, khoản 1, điểm c",
    "ttldxs.cstdcs": f"{L}, Điều 27, khoản 1, điểm d",
    "ttldxs.discipline": f"{L}, Điều 27, khoản 1",
    "co_tinh": f"{L}, Điều 26, khoản 1",
    "co_cp.leader": f"{L}, Điều 25, khoản 1",
    "giay_khen": f"{L}, Điều 75, khoản 2",
    "bk_tinh.computed": f"{L}, Điều 74, khoản 1, điểm d",
    "bk_tinh.judgement": f"{L}, Điều 74, khoản 1, điểm a, b, c",
    "bk_tinh.collective": f"{L}, Điều 74 (tiêu chuẩn đối với tập thể cần xác minh)",
    "bk_ttg.computed": f"{L}, Điều 73, khoản 1, điểm b",
    "bk_ttg.judgement": f"{L}, Điều 73, khoản 1, điểm a, c",
    "bk_ttg.collective": f"{L}, Điều 73 (tiêu chuẩn đối với tập thể cần xác minh)",
    "hcld3.computed": f"{L}, Điều 44, khoản 1, điểm e",
    "hcld3.judgement": f"{L}, Điều 44, khoản 1, điểm g; khoản 2",
    "hcld3.collective": f"{L}, Điều 44 (tiêu chuẩn đối với tập thể cần xác minh)",
    "hcld21": f"{L}, Điều 33–47 (tiêu chuẩn Huân chương Lao động hạng Nhì, hạng Nhất cần xác minh)",
}

BASIS_E3: dict[str, str] = {
    **BASIS_E2,
    "ldtt.months": f"{TT01}, Điều 1, khoản 5, điểm d (Thông tư 15/2025/TT-BNV: {CFG})",
    "ldtt.leave": f"{TT01}, Điều 1, khoản 5 (Thông tư 15/2025/TT-BNV: {CFG})",
    "discipline.period": ND152,
    "discipline.pending": ND152,
}


# ------------------------------------------------------------------------------------- individuals


def ldtt(ctx: Ctx) -> list[Reason]:
    """LĐTT: rating HTTNV or better (Luật Điều 24 khoản 1), months employed, leave, discipline (legal-rules §3)."""
    return ldtt_standard(ctx)


def cstdcs_ldtt_part(ctx: Ctx) -> list[Reason]:
    details = ldtt_standard(ctx)
    met = all_met(details)
    y = ctx.year
    if met is True:
        text = f"Đạt tiêu chuẩn Lao động tiên tiến năm {y}"
    elif met is False:
        text = f"Không đạt tiêu chuẩn Lao động tiên tiến năm {y}"
    else:
        text = f"Chưa đủ dữ liệu để xác định tiêu chuẩn Lao động tiên tiến năm {y}"
    return [Reason("meets_ldtt_standard_same_year", met, text, ctx.b["cstdcs.ldtt"]), *details]


def cstdcs(ctx: Ctx) -> list[Reason]:
    """CSTĐCS (Luật Điều 23): the LĐTT standard in the same year, and one of HTXSNV, a cơ sở initiative or an
    accepted đề tài (khoản 2). A higher-level initiative satisfies the cơ sở requirement."""
    reasons = cstdcs_ldtt_part(ctx)
    y = ctx.year
    yf = ctx.yf
    b = ctx.b["cstdcs.achievement"]
    inits = usable_initiatives(ctx, ctx.subject, y - ctx.p.reserve_years, y, "co_so")
    excellent = yf.rating == "HTXSNV"
    if ctx.p.cstdcs_requires_initiative:  # watch item: 2025 draft amendment (legal-rules §1.1)
        ok = excellent and bool(inits)
        met: bool | None = ok if (yf.rating is not None or inits) else None
        text = (
            f"Xếp loại HTXSNV năm {y} và có {initiative_label(inits[0])}"
            if ok
            else f"Yêu cầu cả xếp loại HTXSNV và sáng kiến, đề tài cấp cơ sở năm {y} (cấu hình dự thảo sửa Luật)"
        )
        reasons.append(Reason("htxsnv_and_initiative_co_so", met, text, b))
        return reasons
    if excellent:
        reasons.append(
            Reason("htxsnv_or_initiative_co_so", True, f"Hoàn thành xuất sắc nhiệm vụ (HTXSNV) năm {y}", b)
        )
    elif inits:
        reasons.append(Reason("htxsnv_or_initiative_co_so", True, f"Có {initiative_label(inits[0])}", b))
    elif yf.rating is None:
        reasons.append(
            Reason(
                "htxsnv_or_initiative_co_so",
                None,
                f"Chưa có xếp loại năm {y} và không có sáng kiến, đề tài cấp cơ sở chưa sử dụng",
                b,
            )
        )
    else:
        reasons.append(
            Reason(
                "htxsnv_or_initiative_co_so",
                False,
                f"Không đạt HTXSNV năm {y} và không có sáng kiến, đề tài cấp cơ sở chưa sử dụng",
                b,
            )
        )
    return reasons


def previous_title_overlap(ctx: Ctx, code: str, span: int) -> Reason | None:
    """One achievement, one award: a window of `span` years may not overlap the window of an earlier award."""
    y = ctx.year
    used = [yy for yy in range(y - span + 1, y) if held(ctx, ctx.subject, yy, code)]
    if not used:
        return None
    return Reason(
        "chain_not_already_used",
        False,
        f"Đã được tặng {C.name_of(code)} năm {years_list(used)} cho thành tích trong giai đoạn này: "
        "mỗi thành tích chỉ khen thưởng một lần",
        ctx.b["one_award"],
    )


def _initiative_reason(ctx: Ctx, level: str, first: int, criterion: str, basis: str) -> Reason:
    y = ctx.year
    inits = usable_initiatives(ctx, ctx.subject, first, y, level)
    scope = C.LEVEL_NAMES[level]
    if inits:
        return Reason(
            criterion,
            True,
            f"Có {initiative_label(inits[0])}, yêu cầu hiệu quả, phạm vi ảnh hưởng {scope}",
            basis,
        )
    return Reason(
        criterion,
        False,
        f"Chưa có sáng kiến hoặc đề tài {scope} chưa sử dụng trong giai đoạn {first}–{y}",
        basis,
    )


def cstd_tinh(ctx: Ctx) -> list[Reason]:
    """CSTĐ cấp bộ, ngành, tỉnh (Luật Điều 22): 03 consecutive CSTĐCS up to the judged year (khoản 1) and an
    initiative or đề tài at ministry, sector or province scope in that period (khoản 2)."""
    y = ctx.year
    cycle = ctx.p.cycle_years
    years = list(range(y - cycle + 1, y + 1))
    missing, inline = chain_years(ctx, "CSTDCS", years, inline_last=True)
    basis = ctx.b["cstd_tinh.chain"]
    if missing:
        r = Reason(
            "three_consecutive_cstdcs",
            False,
            f"Chưa đạt Chiến sĩ thi đua cơ sở {cycle:02d} lần liên tục ({years_list(years)}): "
            f"thiếu năm {years_list(missing)}",
            basis,
        )
    else:
        text = f"Đạt Chiến sĩ thi đua cơ sở {cycle:02d} lần liên tục ({years_list(years)})"
        if inline:
            text += f"; năm {y} đủ tiêu chuẩn, chưa có quyết định công nhận"
        r = Reason("three_consecutive_cstdcs", True, text, basis)
    reasons = [r]
    overlap = previous_title_overlap(ctx, "CSTD_TINH", cycle)
    if overlap:
        reasons.append(overlap)
    reasons.append(
        _initiative_reason(ctx, "tinh", y - cycle + 1, "initiative_level_tinh", ctx.b["cstd_tinh.initiative"])
    )
    reasons.append(check_discipline(ctx, ctx.subject, y))
    if ctx.p.outstanding_judgement:
        reasons.append(
            judgement(
                "outstanding_council_judgement",
                "Thành tích tiêu biểu xuất sắc: Hội đồng Thi đua – Khen thưởng xem xét, bỏ phiếu kín",
                basis,
            )
        )
    return reasons


def cstd_toan_quoc(ctx: Ctx) -> list[Reason]:
    """CSTĐ toàn quốc (Luật Điều 21): 02 consecutive CSTĐ tỉnh (khoản 1; each covers `cycle_years` years), a
    nationwide initiative or đề tài (khoản 2), proposed in the year after the 2nd CSTĐ tỉnh decision (timing)."""
    y = ctx.year
    p = ctx.p
    prev = y - p.cycle_years
    basis = ctx.b["cstd_tq.chain"]
    missing = [yy for yy in (prev, y) if not held(ctx, ctx.subject, yy, "CSTD_TINH")]
    if missing:
        r = Reason(
            "two_consecutive_cstd_tinh",
            False,
            f"Chưa đạt Chiến sĩ thi đua cấp bộ, ngành, tỉnh 02 lần liên tục ({prev}, {y}): "
            f"thiếu năm {years_list(missing)}",
            basis,
        )
    else:
        r = Reason(
            "two_consecutive_cstd_tinh",
            True,
            f"Đạt Chiến sĩ thi đua cấp bộ, ngành, tỉnh 02 lần liên tục ({prev}, {y})",
            basis,
        )
    reasons = [r]
    reasons.append(
        _initiative_reason(
            ctx,
            "toan_quoc",
            y - 2 * p.cycle_years + 1,
            "initiative_level_toan_quoc",
            ctx.b["cstd_tq.initiative"],
        )
    )
    award = ctx.yf.award("CSTD_TINH")
    if p.toan_quoc_next_year_only and award is not None and award.decided_on and ctx.as_of_given:
        due = award.decided_on.year + 1
        ok = ctx.as_of.year == due
        text = (
            f"Đề nghị ngày {fmt_date(ctx.as_of)}; quyết định CSTĐ cấp tỉnh lần thứ hai ngày "
            f"{fmt_date(award.decided_on)}: phải đề nghị trong năm liền kề ({due})"
        )
        reasons.append(Reason("proposal_in_year_after_second_cstd_tinh", ok, text, ctx.b["cstd_tq.timing"]))
    reasons.append(check_discipline(ctx, ctx.subject, y))
    if p.outstanding_judgement:
        reasons.append(
            judgement(
                "outstanding_council_judgement",
                "Thành tích tiêu biểu xuất sắc: Hội đồng Thi đua – Khen thưởng xem xét, bỏ phiếu kín",
                basis,
            )
        )
    return reasons


# -------------------------------------------------------------------------------------- collectives


def _members_ldtt_share(
    ctx: Ctx, *, criterion: str, num: int, den: int, strict: bool, basis: str, label: str
) -> Reason:
    members = roster(ctx)
    y = ctx.year
    if not members:
        return Reason(
            criterion, None, f"Chưa có danh sách thành viên năm {y} để tính tỷ lệ Lao động tiên tiến", basis
        )
    n = len(members)
    k = sum(1 for m in members if ldtt_standard_met(ctx, m))
    ok = k * den > num * n if strict else k * den >= num * n
    return Reason(
        criterion,
        ok,
        f"{k}/{n} thành viên đạt Lao động tiên tiến năm {y} ({pct(k, n)}); yêu cầu {label}",
        basis,
    )


def no_member_canh_cao(ctx: Ctx, basis: str) -> Reason:
    """No member disciplined with cảnh cáo or above in the judged year."""
    y = ctx.year
    bad = []
    for m in roster(ctx):
        for d in m.year(y).discipline:
            if (
                d.form is not None
                and not d.pending
                and C.DISCIPLINE_RANK[d.form] >= C.DISCIPLINE_RANK["canh_cao"]
            ):
                bad.append(m.name or "(không tên)")
                break
    if bad:
        return Reason(
            "no_member_canh_cao_or_above",
            False,
            f"Có thành viên bị kỷ luật từ cảnh cáo trở lên năm {y}: {', '.join(sorted(bad))}",
            basis,
        )
    return Reason(
        "no_member_canh_cao_or_above",
        True,
        f"Không có thành viên bị kỷ luật từ cảnh cáo trở lên năm {y}",
        basis,
    )


def ttldtt(ctx: Ctx) -> list[Reason]:
    """TTLĐTT (Luật Điều 28; E1 Luật 2003 Điều 28): HTTNV, more than 50% of members LĐTT; E1 (and the
    configurable flag) no member disciplined with cảnh cáo or above."""
    basis = ctx.b["ttldtt"]
    reasons = [
        check_rating(
            ctx, ctx.yf, worst=HTTNV, criterion="rating_httnv_or_better", basis=basis, who=" của tập thể"
        ),
        _members_ldtt_share(
            ctx, criterion="members_ldtt_over_50pct", num=1, den=2, strict=True, basis=basis, label="trên 50%"
        ),
    ]
    if ctx.p.ttldtt_no_canh_cao:
        reasons.append(no_member_canh_cao(ctx, ctx.b["ttldtt.discipline"]))
    return reasons


def _members_completed_duties(ctx: Ctx) -> Reason:
    members = roster(ctx)
    y = ctx.year
    basis = ctx.b["ttldxs.members"]
    if not members:
        return Reason("members_all_completed_duties", None, f"Chưa có danh sách thành viên năm {y}", basis)
    unknown = [m.name or "(không tên)" for m in members if m.year(y).rating is None]
    failed = [
        m.name or "(không tên)"
        for m in members
        if m.year(y).rating is not None and C.RATING_RANK[m.year(y).rating or "KHTNV"] > HTNV
    ]
    n = len(members)
    if failed:
        return Reason(
            "members_all_completed_duties",
            False,
            f"{n - len(failed) - len(unknown)}/{n} thành viên hoàn thành nhiệm vụ trở lên năm {y}; "
            f"không hoàn thành: {', '.join(sorted(failed))}",
            basis,
        )
    if unknown:
        return Reason(
            "members_all_completed_duties",
            None,
            f"Chưa có xếp loại năm {y} của: {', '.join(sorted(unknown))}",
            basis,
        )
    return Reason(
        "members_all_completed_duties",
        True,
        f"100% thành viên ({n}/{n}) hoàn thành nhiệm vụ trở lên năm {y}",
        basis,
    )


def _member_cstdcs(ctx: Ctx) -> Reason:
    y = ctx.year
    basis = ctx.b["ttldxs.cstdcs"]
    members = roster(ctx)
    for m in sorted(members, key=lambda m: m.name):
        if "CSTDCS" in m.year(y).award_codes or inline_eligible(ctx, "CSTDCS", m):
            return Reason(
                "member_cstdcs_at_least_one",
                True,
                f"Có thành viên đạt Chiến sĩ thi đua cơ sở năm {y}: {m.name or '(không tên)'}",
                basis,
            )
    if not members:
        return Reason("member_cstdcs_at_least_one", None, f"Chưa có danh sách thành viên năm {y}", basis)
    return Reason(
        "member_cstdcs_at_least_one",
        False,
        f"Không có thành viên nào đạt Chiến sĩ thi đua cơ sở năm {y}",
        basis,
    )


def ttldxs(ctx: Ctx) -> list[Reason]:
    """TTLĐXS (Luật Điều 27 khoản 1): HTXSNV (a); 100% members completed duties, ≥70% LĐTT (c); at least one
    CSTĐCS (d). No cảnh cáo clause in the 2022 text."""
    return [
        check_rating(
            ctx,
            ctx.yf,
            worst=HTXSNV,
            criterion="rating_htxsnv",
            basis=ctx.b["ttldxs.rating"],
            who=" của tập thể",
        ),
        _members_completed_duties(ctx),
        _members_ldtt_share(
            ctx,
            criterion="members_ldtt_at_least_70pct",
            num=7,
            den=10,
            strict=False,
            basis=ctx.b["ttldxs.members"],
            label="từ 70% trở lên",
        ),
        _member_cstdcs(ctx),
    ]


def _cluster_leader(ctx: Ctx, basis: str) -> Reason:
    y = ctx.year
    rank = ctx.yf.cluster_rank
    if rank is None:
        return Reason(
            "cluster_leader", None, f"Chưa có kết quả bình xét, suy tôn của cụm, khối thi đua năm {y}", basis
        )
    if rank == 1:
        return Reason(
            "cluster_leader", True, f"Dẫn đầu cụm, khối thi đua năm {y} (được cụm, khối suy tôn)", basis
        )
    return Reason(
        "cluster_leader",
        False,
        f"Xếp thứ {rank} trong cụm, khối thi đua năm {y}; Cờ thi đua dành cho tập thể dẫn đầu",
        basis,
    )


def co_tinh(ctx: Ctx) -> list[Reason]:
    """Cờ thi đua cấp bộ, ngành, tỉnh (Luật Điều 26 khoản 1; E1 NĐ 91 Điều 12): the cluster or bloc leader."""
    return [_cluster_leader(ctx, ctx.b["co_tinh"])]


def co_chinh_phu(ctx: Ctx) -> list[Reason]:
    """Cờ thi đua của Chính phủ (Luật Điều 25 khoản 1): an exemplary collective chosen among cluster leaders;
    the leadership is computed, the choice among leaders is the council's."""
    basis = ctx.b["co_cp.leader"]
    if held(ctx, ctx.subject, ctx.year, "CO_TINH"):
        leader = Reason(
            "cluster_leader", True, f"Đã được tặng Cờ thi đua cấp bộ, ngành, tỉnh năm {ctx.year}", basis
        )
    else:
        leader = _cluster_leader(ctx, basis)
    return [
        leader,
        judgement(
            "exemplary_among_cluster_leaders",
            "Tập thể tiêu biểu xuất sắc được lựa chọn trong số các tập thể dẫn đầu cụm, khối: "
            "Hội đồng Thi đua – Khen thưởng xem xét",
            basis,
        ),
    ]


# ------------------------------------------------------------------------------------------- forms


def giay_khen(ctx: Ctx) -> list[Reason]:
    """Giấy khen (Luật Điều 75 khoản 2): criteria set by the province; the council judges them."""
    reasons = []
    if ctx.subject.kind == C.INDIVIDUAL:
        reasons.append(check_discipline(ctx, ctx.subject, ctx.year))
    reasons.append(
        judgement(
            "provincial_criteria",
            "Tiêu chuẩn Giấy khen do Bộ, ngành, tỉnh quy định chi tiết: Hội đồng Thi đua – Khen "
            "thưởng xem xét theo quy chế của tỉnh",
            ctx.b["giay_khen"],
        )
    )
    return reasons


def htxsnv_window(ctx: Ctx, years: list[int], n_min: int, level: str, criterion: str, basis: str) -> Reason:
    """HTXSNV every year of `years`, with `n_min` initiatives or `n_min` đề tài (same kind) at `level` or above."""
    subject = ctx.subject
    ratings = [subject.year(y).rating for y in years]
    span = f"{years[0]}–{years[-1]}"
    inits = usable_initiatives(ctx, subject, years[0], years[-1], level)
    n_init = sum(1 for i in inits if i.kind == "initiative")
    n_research = len(inits) - n_init
    enough = n_init >= n_min or n_research >= n_min
    bad = [y for y, r in zip(years, ratings, strict=True) if r is not None and r != "HTXSNV"]
    unknown = [y for y, r in zip(years, ratings, strict=True) if r is None]
    scope = C.LEVEL_NAMES[level]
    count = f"{n_min:02d} sáng kiến hoặc {n_min:02d} đề tài {scope}"
    if bad or (not unknown and not enough):
        what = (
            f"không đạt HTXSNV năm {years_list(bad)}"
            if bad
            else f"có {n_init} sáng kiến, {n_research} đề tài {scope} chưa sử dụng"
        )
        return Reason(
            criterion, False, f"{len(years):02d} năm liên tục HTXSNV ({span}) với {count}: {what}", basis
        )
    if unknown:
        return Reason(
            criterion,
            None,
            f"Chưa có xếp loại năm {years_list(unknown)} để xét {len(years):02d} năm "
            f"liên tục HTXSNV ({span})",
            basis,
        )
    return Reason(
        criterion,
        True,
        f"Hoàn thành xuất sắc nhiệm vụ {len(years):02d} năm liên tục ({span}), có "
        f"{max(n_init, n_research)} {'sáng kiến' if n_init >= n_min else 'đề tài'} {scope}",
        basis,
    )


def after_award_window(
    ctx: Ctx,
    *,
    lower: str,
    span: int,
    worst: int,
    need_cstdcs: int,
    need_htxsnv: int,
    need_initiatives: int = 0,
    initiative_level: str = "co_so",
    criterion: str,
    basis: str,
) -> Reason:
    """Holds `lower`, then `span` consecutive years up to the judged year rated `worst` or better, with the
    required counts of CSTĐCS, HTXSNV years and initiatives in that window (Luật Điều 73 b, Điều 44 e)."""
    y = ctx.year
    subject = ctx.subject
    first = y - span + 1
    window = list(range(first, y + 1))
    anchors = []
    for yy, yf in subject.years.items():
        a = yf.award(lower, chain_only=ctx.p.exclude_one_off)
        if a is None:
            continue
        if ctx.p.window_from_decision:
            if a.decided_on is not None:
                anchors.append((a.decided_on.year, yy))
        else:
            anchors.append((yy, yy))
    before = sorted(a for a in anchors if a[0] < first)
    name = C.name_of(lower)
    period = f"{span:02d} năm liên tục {first}–{y}"
    if not before:
        return Reason(criterion, False, f"Chưa được tặng {name} trước giai đoạn {period}", basis)
    anchor_year = before[-1][1]
    ratings = [subject.year(yy).rating for yy in window]
    bad = [yy for yy, r in zip(window, ratings, strict=True) if r is not None and C.RATING_RANK[r] > worst]
    unknown = [yy for yy, r in zip(window, ratings, strict=True) if r is None]
    excellent = sum(1 for r in ratings if r == "HTXSNV")
    missing, _ = chain_years(ctx, "CSTDCS", window, inline_last=True)
    n_cstdcs = span - len(missing)
    want = "hoàn thành xuất sắc nhiệm vụ" if worst == HTXSNV else "hoàn thành tốt nhiệm vụ trở lên"
    head = f"Đã được tặng {name} năm {anchor_year}; {period}"
    problems = []
    if bad:
        problems.append(f"năm {years_list(bad)} không {want}")
    if n_cstdcs < need_cstdcs:
        problems.append(f"mới có {n_cstdcs} lần Chiến sĩ thi đua cơ sở (cần {need_cstdcs:02d})")
    if excellent < need_htxsnv and not unknown:
        problems.append(f"chưa có năm hoàn thành xuất sắc nhiệm vụ (cần {need_htxsnv:02d})")
    if need_initiatives:
        inits = usable_initiatives(ctx, subject, first, y, initiative_level)
        if len(inits) < need_initiatives:
            problems.append(
                f"có {len(inits)} sáng kiến, đề tài {C.LEVEL_NAMES[initiative_level]} "
                f"(cần {need_initiatives:02d})"
            )
    if problems:
        return Reason(criterion, False, f"{head}: {'; '.join(problems)}", basis)
    if unknown:
        return Reason(criterion, None, f"{head}: chưa có xếp loại năm {years_list(unknown)}", basis)
    parts = [f"{want}"]
    if need_cstdcs:
        parts.append(f"{n_cstdcs:02d} lần Chiến sĩ thi đua cơ sở")
    if need_htxsnv:
        parts.append(f"{excellent:02d} năm hoàn thành xuất sắc nhiệm vụ")
    if need_initiatives:
        parts.append(f"từ {need_initiatives:02d} sáng kiến, đề tài {C.LEVEL_NAMES[initiative_level]}")
    return Reason(criterion, True, f"{head}: {', '.join(parts)}", basis)


def individual_form(
    ctx: Ctx,
    computed: Reason,
    judgement_criterion: str,
    judgement_text: str,
    judgement_basis: str,
    overlap: Reason | None = None,
) -> list[Reason]:
    """A form with one computed point and other points left to the council: met point → computed reason;
    otherwise the council judges the other points (the unmet point is named in the judgement text)."""
    reasons = [check_discipline(ctx, ctx.subject, ctx.year)]
    if computed.met is True:
        reasons.append(computed)
        if overlap is not None:
            reasons.append(overlap)
    else:
        reasons.append(
            judgement(judgement_criterion, f"{judgement_text} (chưa đạt: {computed.text})", judgement_basis)
        )
    return reasons


def bang_khen_tinh(ctx: Ctx) -> list[Reason]:
    """Bằng khen cấp bộ, ngành, tỉnh (Luật Điều 74 khoản 1): point d computed — 02 consecutive CSTĐCS, or ≥02
    consecutive years HTXSNV with 02 cơ sở initiatives (or 02 đề tài); points a–c are the council's."""
    if ctx.subject.kind == C.COLLECTIVE:
        return [
            judgement(
                "collective_criteria_council",
                "Tiêu chuẩn Bằng khen đối với tập thể chưa được xác nhận: Hội đồng xem xét",
                ctx.b["bk_tinh.collective"],
            )
        ]
    y = ctx.year
    basis = ctx.b["bk_tinh.computed"]
    missing, inline = chain_years(ctx, "CSTDCS", [y - 1, y], inline_last=True)
    if not missing:
        text = f"Đạt Chiến sĩ thi đua cơ sở 02 lần liên tục ({y - 1}, {y})"
        if inline:
            text += f"; năm {y} đủ tiêu chuẩn, chưa có quyết định công nhận"
        computed = Reason("two_consecutive_cstdcs", True, text, basis)
    else:
        computed = htxsnv_window(
            ctx, [y - 1, y], ctx.p.bk_tinh_d_min, "co_so", "htxsnv_two_years_two_initiatives", basis
        )
        if computed.met is not True:
            computed = Reason(
                computed.criterion,
                computed.met,
                f"chưa có 02 lần Chiến sĩ thi đua cơ sở liên tục ({y - 1}, {y}); {computed.text}",
                basis,
            )
    return individual_form(
        ctx,
        computed,
        "points_a_c_council_judgement",
        "Điểm a–c (thành tích xuất sắc được bình xét trong phong trào thi đua, thành tích có phạm vi ảnh hưởng, "
        "thành tích đột xuất): Hội đồng xem xét",
        ctx.b["bk_tinh.judgement"],
        previous_title_overlap(ctx, "BANG_KHEN_TINH", 2),
    )


def bang_khen_ttg(ctx: Ctx) -> list[Reason]:
    """Bằng khen Thủ tướng (Luật Điều 73 khoản 1): point b computed — holds a Bằng khen tỉnh, then ≥05
    consecutive years HTTNV or better with 03 CSTĐCS; points a, c are the council's."""
    if ctx.subject.kind == C.COLLECTIVE:
        return [
            judgement(
                "collective_criteria_council",
                "Tiêu chuẩn Bằng khen Thủ tướng đối với tập thể chưa được xác nhận: Hội đồng xem xét",
                ctx.b["bk_ttg.collective"],
            )
        ]
    computed = after_award_window(
        ctx,
        lower="BANG_KHEN_TINH",
        span=5,
        worst=HTTNV,
        need_cstdcs=3,
        need_htxsnv=0,
        criterion="bang_khen_tinh_then_five_years",
        basis=ctx.b["bk_ttg.computed"],
    )
    return individual_form(
        ctx,
        computed,
        "points_a_c_council_judgement",
        "Điểm a, c (thành tích tiêu biểu xuất sắc, thành tích có phạm vi ảnh hưởng, thành tích đột xuất): "
        "Hội đồng xem xét",
        ctx.b["bk_ttg.judgement"],
        previous_title_overlap(ctx, "BANG_KHEN_TTG", 5),
    )


def hcld_3(ctx: Ctx) -> list[Reason]:
    """Huân chương Lao động hạng Ba (Luật Điều 44 khoản 1 điểm e): holds the Bằng khen Thủ tướng, then ≥05
    consecutive years HTTNV or better with ≥01 HTXSNV year and 03 CSTĐCS; other points are the council's."""
    if ctx.subject.kind == C.COLLECTIVE:
        return [
            judgement(
                "collective_criteria_council",
                "Tiêu chuẩn Huân chương Lao động hạng Ba đối với tập thể: Hội đồng xem xét",
                ctx.b["hcld3.collective"],
            )
        ]
    computed = after_award_window(
        ctx,
        lower="BANG_KHEN_TTG",
        span=5,
        worst=HTTNV,
        need_cstdcs=3,
        need_htxsnv=1,
        criterion="bang_khen_ttg_then_five_years",
        basis=ctx.b["hcld3.computed"],
    )
    return individual_form(
        ctx,
        computed,
        "other_points_council_judgement",
        "Các điểm khác (quá trình cống hiến, thành tích đặc biệt xuất sắc): Hội đồng xem xét",
        ctx.b["hcld3.judgement"],
        previous_title_overlap(ctx, "HCLD_3", 5),
    )


def hcld_2_1(ctx: Ctx) -> list[Reason]:
    """Huân chương Lao động hạng Nhì, hạng Nhất: criteria unconfirmed; never `eligible` from computation."""
    reasons = []
    if ctx.subject.kind == C.INDIVIDUAL:
        reasons.append(check_discipline(ctx, ctx.subject, ctx.year))
    reasons.append(
        judgement(
            "criteria_unconfirmed",
            f"Tiêu chuẩn {C.name_of(ctx.code)} chưa được xác nhận; hệ thống không tự kết luận đủ "
            "điều kiện: Hội đồng Thi đua – Khen thưởng xem xét",
            ctx.b["hcld21"],
        )
    )
    return reasons


RULES_LUAT2022: dict[str, Rule] = {
    "LDTT": ldtt,
    "CSTDCS": cstdcs,
    "CSTD_TINH": cstd_tinh,
    "CSTD_TOAN_QUOC": cstd_toan_quoc,
    "TTLDTT": ttldtt,
    "TTLDXS": ttldxs,
    "CO_TINH": co_tinh,
    "CO_CHINH_PHU": co_chinh_phu,
    "GIAY_KHEN": giay_khen,
    "BANG_KHEN_TINH": bang_khen_tinh,
    "BANG_KHEN_TTG": bang_khen_ttg,
    "HCLD_3": hcld_3,
    "HCLD_2": hcld_2_1,
    "HCLD_1": hcld_2_1,
}
