"""Rule set E1 `luat-2003+nd-91-2017`: achievement years 2017–2023 (Luật Thi đua, khen thưởng 2003 as amended,
NĐ 91/2017/NĐ-CP, TT 12/2019/TT-BNV).

Differences from the Luật 06/2022 rules: CSTĐCS needs an initiative or an applied đề tài (HTXSNV alone is not
enough, NĐ 91 Điều 9 khoản 3); newly recruited staff need 10 months (configuration); TTLĐTT and TTLĐXS exclude
collectives with a member disciplined with cảnh cáo or above; Bằng khen tỉnh, Bằng khen Thủ tướng and HCLĐ
hạng Ba use the NĐ 91 / Luật 2003 computed points.
"""

from __future__ import annotations

from .result import Reason
from .rules_common import HTXSNV, Ctx, initiative_label, usable_initiatives
from .rules_luat2022 import (
    RULES_LUAT2022,
    Rule,
    after_award_window,
    cstdcs_ldtt_part,
    htxsnv_window,
    individual_form,
    judgement,
    no_member_canh_cao,
    previous_title_overlap,
    ttldxs,
)

L3 = "Luật Thi đua, khen thưởng 2003"
ND91 = "Nghị định 91/2017/NĐ-CP"
CFG = "áp dụng theo cấu hình; cần xác minh"

BASIS_E1: dict[str, str] = {
    "ldtt.rating": f"{L3}, Điều 24",
    "ldtt.months": f"{ND91}, Điều 10",
    "ldtt.leave": ND91,
    "ldtt.discipline": ND91,
    "discipline.period": f"Nghị định 152/2025/NĐ-CP ({CFG} cho thời kỳ Nghị định 91/2017/NĐ-CP)",
    "discipline.pending": f"Nghị định 152/2025/NĐ-CP ({CFG} cho thời kỳ Nghị định 91/2017/NĐ-CP)",
    "one_award": f"{L3}, Điều 6",
    "cstdcs.ldtt": f"{L3}, Điều 23",
    "cstdcs.achievement": f"{ND91}, Điều 9, khoản 3",
    "cstd_tinh.chain": f"{L3}, Điều 22",
    "cstd_tinh.initiative": f"{L3}, Điều 22",
    "cstd_tq.chain": f"{L3}, Điều 21",
    "cstd_tq.initiative": f"{L3}, Điều 21",
    "cstd_tq.timing": f"{ND91}, Điều 48, khoản 1, điểm a",
    "ttldtt": f"{L3}, Điều 28",
    "ttldtt.discipline": f"{L3}, Điều 28",
    "ttldxs.rating": f"{L3}, Điều 27",
    "ttldxs.members": f"{L3}, Điều 27",
    "ttldxs.cstdcs": f"{L3}, Điều 27",
    "ttldxs.discipline": f"{L3}, Điều 27",
    "co_tinh": f"{ND91}, Điều 12",
    "co_cp.leader": f"{L3}, Điều 25; {ND91}, Điều 11",
    "giay_khen": f"{ND91}, Điều 40 (cần xác minh); quy chế thi đua, khen thưởng của tỉnh",
    "bk_tinh.computed": f"{ND91}, Điều 39, khoản 1 (cần xác minh)",
    "bk_tinh.judgement": f"{ND91}, Điều 39, khoản 1 (cần xác minh)",
    "bk_tinh.collective": f"{ND91}, Điều 39 (cần xác minh)",
    "bk_ttg.computed": f"{ND91}, Điều 38, khoản 1, điểm c",
    "bk_ttg.judgement": f"{ND91}, Điều 38, khoản 1, điểm a, b",
    "bk_ttg.collective": f"{ND91}, Điều 38 (cần xác minh)",
    "hcld3.computed": f"{L3} (Huân chương Lao động hạng Ba; điều, khoản cần xác minh)",
    "hcld3.judgement": f"{L3} (Huân chương Lao động hạng Ba; điều, khoản cần xác minh)",
    "hcld3.collective": f"{L3} (Huân chương Lao động hạng Ba; tiêu chuẩn tập thể cần xác minh)",
    "hcld21": f"{L3} (tiêu chuẩn Huân chương Lao động hạng Nhì, hạng Nhất cần xác minh)",
}


def cstdcs_e1(ctx: Ctx) -> list[Reason]:
    """CSTĐCS E1 (NĐ 91 Điều 9 khoản 3): LĐTT and a cơ sở initiative or an accepted, applied đề tài; HTXSNV
    alone is not sufficient."""
    reasons = cstdcs_ldtt_part(ctx)
    y = ctx.year
    inits = usable_initiatives(ctx, ctx.subject, y - ctx.p.reserve_years, y, "co_so")
    basis = ctx.b["cstdcs.achievement"]
    if inits:
        reasons.append(Reason("initiative_level_co_so", True, f"Có {initiative_label(inits[0])}", basis))
    else:
        extra = (
            "; xếp loại HTXSNV không thay thế sáng kiến trước năm 2024" if ctx.yf.rating == "HTXSNV" else ""
        )
        reasons.append(
            Reason(
                "initiative_level_co_so",
                False,
                f"Không có sáng kiến hoặc đề tài cấp cơ sở chưa sử dụng năm {y}{extra}",
                basis,
            )
        )
    return reasons


def ttldxs_e1(ctx: Ctx) -> list[Reason]:
    """TTLĐXS E1 (Luật 2003 Điều 27): as the 2022 text, plus no member disciplined with cảnh cáo or above."""
    return [*ttldxs(ctx), no_member_canh_cao(ctx, ctx.b["ttldxs.discipline"])]


def bang_khen_tinh_e1(ctx: Ctx) -> list[Reason]:
    """Bằng khen tỉnh E1 (NĐ 91 Điều 39 [K]): HTXSNV 02 consecutive years with 02 cơ sở initiatives; other
    points (outstanding or one-off achievements) are the council's."""
    rules = RULES_LUAT2022["BANG_KHEN_TINH"]
    if ctx.subject.kind != "individual":
        return rules(ctx)
    y = ctx.year
    computed = htxsnv_window(
        ctx,
        [y - 1, y],
        ctx.p.bk_tinh_d_min,
        "co_so",
        "htxsnv_two_years_two_initiatives",
        ctx.b["bk_tinh.computed"],
    )
    return individual_form(
        ctx,
        computed,
        "other_points_council_judgement",
        "Thành tích xuất sắc trong phong trào thi đua hoặc thành tích đột xuất: Hội đồng xem xét",
        ctx.b["bk_tinh.judgement"],
        previous_title_overlap(ctx, "BANG_KHEN_TINH", 2),
    )


def bang_khen_ttg_e1(ctx: Ctx) -> list[Reason]:
    """Bằng khen Thủ tướng E1 (NĐ 91 Điều 38 khoản 1 điểm c): Bằng khen tỉnh, then 05 years HTXSNV with 05 cơ sở
    initiatives."""
    if ctx.subject.kind != "individual":
        return RULES_LUAT2022["BANG_KHEN_TTG"](ctx)
    computed = after_award_window(
        ctx,
        lower="BANG_KHEN_TINH",
        span=5,
        worst=HTXSNV,
        need_cstdcs=0,
        need_htxsnv=0,
        need_initiatives=ctx.p.bk_ttg_e1_min,
        initiative_level="co_so",
        criterion="bang_khen_tinh_then_five_years",
        basis=ctx.b["bk_ttg.computed"],
    )
    return individual_form(
        ctx,
        computed,
        "points_a_b_council_judgement",
        "Điểm a, b (thành tích xuất sắc đột xuất, thành tích tiêu biểu): Hội đồng xem xét",
        ctx.b["bk_ttg.judgement"],
        previous_title_overlap(ctx, "BANG_KHEN_TTG", 5),
    )


def hcld_3_e1(ctx: Ctx) -> list[Reason]:
    """HCLĐ hạng Ba E1 [K]: Bằng khen Thủ tướng, then 05 years HTXSNV with initiatives (count and scope are
    configuration `hcld_3.e1_min_initiatives`, default 2 at province scope)."""
    if ctx.subject.kind != "individual":
        return RULES_LUAT2022["HCLD_3"](ctx)
    computed = after_award_window(
        ctx,
        lower="BANG_KHEN_TTG",
        span=5,
        worst=HTXSNV,
        need_cstdcs=0,
        need_htxsnv=0,
        need_initiatives=ctx.p.hcld3_e1_min,
        initiative_level="tinh",
        criterion="bang_khen_ttg_then_five_years",
        basis=ctx.b["hcld3.computed"],
    )
    return individual_form(
        ctx,
        computed,
        "other_points_council_judgement",
        "Các điểm khác (thành tích đặc biệt xuất sắc, quá trình cống hiến): Hội đồng xem xét",
        ctx.b["hcld3.judgement"],
        previous_title_overlap(ctx, "HCLD_3", 5),
    )


RULES_E1: dict[str, Rule] = {
    **RULES_LUAT2022,
    "CSTDCS": cstdcs_e1,
    "TTLDXS": ttldxs_e1,
    "BANG_KHEN_TINH": bang_khen_tinh_e1,
    "BANG_KHEN_TTG": bang_khen_ttg_e1,
    "HCLD_3": hcld_3_e1,
}

__all__ = ["BASIS_E1", "RULES_E1", "judgement"]
