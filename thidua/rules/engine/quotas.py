"""Quotas on a proposal list, per unit and per agency (legal-rules §2.2, §11, §12 points 13 and 16).

Under NĐ 91/2017 (achievement years to 2023) CSTĐCS ≤ 15% of LĐTT; from 2024 the law sets no rate, so the
defaults are empty and a rate a province configures is reported as its own warning. The Cờ thi đua Chính phủ
is proposed within 20% of the cluster leaders (CV 5007/BNV-TĐKT; configuration, "cần xác minh")."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from . import codes
from .config import RuleConfig
from .eras import criteria_era, default_as_of

# (capped code, base code, config key): the capped count may not exceed pct % of the base count.
QUOTA_RULES = (
    ("CSTDCS", "LDTT", "cstdcs.quota_pct_of_ldtt"),
    ("CSTD_TINH", "CSTDCS", "cstd_tinh.quota_pct_of_cstdcs"),
    ("CO_CHINH_PHU", "CO_TINH", "co_chinh_phu.quota_pct"),
)
AGENCY = "*"


@dataclass(frozen=True, slots=True)
class Proposal:
    unit: str
    code: str
    subject_key: Any = None


@dataclass(frozen=True, slots=True)
class QuotaExcess:
    scope: str  # "unit" or "agency"
    unit: str | None
    code: str
    base_code: str
    pct: float
    base_count: int
    limit: int
    count: int
    excess: int
    text: str
    config_key: str
    to_verify: bool
    provincial_warning: bool = False  # from 2024 the law sets no rate: a province's own warning, not the law


def check_quotas(
    proposals: Iterable[Proposal],
    *,
    year: int,
    base_counts: Mapping[tuple[str, str], int] | None = None,
    config: RuleConfig | None = None,
) -> list[QuotaExcess]:
    """Excesses of the quotas in force for achievement `year`, per unit then for the whole agency.

    The base (e.g. LĐTT) is counted from the proposal list itself unless `base_counts[(unit, code)]` gives it
    (e.g. the LĐTT already awarded). Limits round down: 15% of 10 LĐTT allows 1 CSTĐCS.
    """
    config = config or RuleConfig.defaults()
    rule_set = criteria_era(year, default_as_of(year), config)
    era = rule_set.era if rule_set else "E1"
    counts: Counter[tuple[str, str]] = Counter((p.unit, p.code) for p in proposals)
    units = sorted({u for u, _ in counts} | {u for u, _ in (base_counts or {})})
    result: list[QuotaExcess] = []
    for code, base_code, key in QUOTA_RULES:
        pct = config.get(key, era)
        if pct is None:
            continue
        total_base = total = 0
        for unit in units:
            base = (base_counts or {}).get((unit, base_code), counts[(unit, base_code)])
            n = counts[(unit, code)]
            total_base += base
            total += n
            excess = _excess(code, base_code, key, pct, base, n, unit, config, era)
            if excess:
                result.append(excess)
        excess = _excess(code, base_code, key, pct, total_base, total, None, config, era)
        if excess:
            result.append(excess)
    return result


def _excess(
    code: str,
    base_code: str,
    key: str,
    pct: float,
    base: int,
    n: int,
    unit: str | None,
    config: RuleConfig,
    era: str,
) -> QuotaExcess | None:
    limit = int(Fraction(str(pct)) * base / 100)
    if n <= limit:
        return None
    where = f"đơn vị {unit}" if unit is not None else "toàn cơ quan"
    pct_text = f"{pct:g}".replace(".", ",")
    text = (
        f"Vượt {n - limit} so với tỷ lệ {pct_text}% số {codes.name_of(base_code)} ({where}): đề nghị {n} "
        f"{codes.name_of(code)}, tối đa {limit} trên {base} {codes.name_of(base_code)}"
    )
    # From 2024 the law sets no rate for any title or form and lets no agency set one (legal-rules §12 point
    # 13); a configured rate is the province's own warning. The Cờ Chính phủ share of cluster leaders stays.
    provincial = era != "E1" and code != "CO_CHINH_PHU"
    if provincial:
        text += "; cảnh báo theo cấu hình riêng của tỉnh, không phải quy định của Luật 06/2022/QH15"
    return QuotaExcess(
        "unit" if unit is not None else "agency",
        unit,
        code,
        base_code,
        float(pct),
        base,
        limit,
        n,
        n - limit,
        text,
        key,
        config.to_verify(key, era),
        provincial,
    )
