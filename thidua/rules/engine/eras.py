"""Rule sets by legal era and their selection (legal-rules §1.2).

- Criteria follow the achievement year: years ≤ 2023 use E1 (Luật 2003, NĐ 91/2017); years ≥ 2024 use the
  Luật 06/2022 criteria, with the decree and circular in force on the date of the act (`as_of`): E2 (NĐ 98/2023)
  before `era.e3_start`, E3 (NĐ 152/2025) from it.
- The answer's `rule_set` names the set whose criteria decide the verdict: for a year ≤ 2023 always E1, even
  when the act is dated 2024 or later; the procedure era (council, money) is returned separately as
  `procedure_rule_set` by `evaluate`.
- Without `as_of`, the act is assumed on 1 January of the year after the achievement year (proposals follow
  the year's review), so answers never depend on the day they are computed.
- Years before `era.first_year` (2017) are outside every rule set: `unsupported_period`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .config import RuleConfig


@dataclass(frozen=True, slots=True)
class RuleSet:
    era: str
    id: str
    name_vi: str
    texts: tuple[str, ...]


E1 = RuleSet(
    "E1",
    "luat-2003+nd-91-2017",
    "Luật Thi đua, khen thưởng 2003 và Nghị định 91/2017/NĐ-CP",
    (
        "Luật Thi đua, khen thưởng 2003 (sửa đổi, bổ sung 2005, 2009, 2013)",
        "Nghị định 91/2017/NĐ-CP",
        "Thông tư 12/2019/TT-BNV",
    ),
)
E2 = RuleSet(
    "E2",
    "luat-06-2022+nd-98-2023",
    "Luật Thi đua, khen thưởng 06/2022/QH15 và Nghị định 98/2023/NĐ-CP",
    ("Luật Thi đua, khen thưởng 06/2022/QH15", "Nghị định 98/2023/NĐ-CP", "Thông tư 01/2024/TT-BNV"),
)
E3 = RuleSet(
    "E3",
    "luat-06-2022+nd-152-2025",
    "Luật Thi đua, khen thưởng 06/2022/QH15 và Nghị định 152/2025/NĐ-CP",
    ("Luật Thi đua, khen thưởng 06/2022/QH15", "Nghị định 152/2025/NĐ-CP", "Thông tư 15/2025/TT-BNV"),
)
RULE_SETS = {rs.era: rs for rs in (E1, E2, E3)}
RULE_SETS_BY_ID = {rs.id: rs for rs in (E1, E2, E3)}


def default_as_of(year: int) -> dt.date:
    """The assumed date of the act when the question gives none."""
    return dt.date(year + 1, 1, 1)


def procedure_era(as_of: dt.date, config: RuleConfig) -> RuleSet:
    """Decree and circular in force on the date of the act (council, money, dossier)."""
    if as_of < config.get("era.e2_start"):
        return E1
    if as_of < config.get("era.e3_start"):
        return E2
    return E3


def criteria_era(year: int, as_of: dt.date, config: RuleConfig) -> RuleSet | None:
    """The rule set whose criteria judge `year`, or None for an unsupported period.

    `era.criteria_date` (configuration, "cần xác minh"): `achievement_year` (default) — years before the
    Luật 06/2022 keep the E1 criteria even when proposed later; `act_date` — the criteria in force on the date
    of the act judge the whole chain (Bộ Nội vụ answered 2024 proposals for 2021–2023 chains with the 2022
    law's wording; legal-rules §12 point 10)."""
    if year < config.get("era.first_year"):
        return None
    if year < config.get("era.e2_start").year:
        if config.get("era.criteria_date") == "act_date":
            act = procedure_era(as_of, config)
            return act
        return E1
    # Luật 06/2022 criteria; the detailing decree and circular follow the act (E1 acts cannot judge 2024+).
    return E3 if as_of >= config.get("era.e3_start") else E2


def achievement_era(year: int, config: RuleConfig) -> RuleSet:
    """The era in force at the end of the achievement year (to say when the act falls in another one)."""
    return procedure_era(dt.date(year, 12, 31), config)
