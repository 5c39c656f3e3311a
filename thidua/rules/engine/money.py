"""Award money (legal-rules §9): multiple × lương cơ sở in force on the decision date, rounded up to 10,000 VND.

Multiples are a dated table by decree (E1 NĐ 91, E2 NĐ 98 Điều 54/58, E3 NĐ 152), chosen by decision date;
collectives receive `money.collective_factor` (2) × the individual multiple for forms (Bằng khen, Giấy khen,
Huân chương); collective titles have their own multiples. `to_verify` is True when a value used is unconfirmed.

The base-salary table stops at 2,340,000 VND from 01/07/2024 (NĐ 73/2024/NĐ-CP): no later change could be
confirmed from the sources searched; add a row to `money.base_salary` when a decree changes it.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_CEILING, Decimal
from typing import NamedTuple

from . import codes
from .config import RuleConfig
from .eras import procedure_era


class AwardAmount(NamedTuple):
    amount: int | None  # VND, rounded up; None when no multiple or base salary is known
    multiple: float | None
    base_salary: int | None
    basis: str
    to_verify: bool


_MULTIPLE_BASIS = {
    ("E1", codes.TITLE): "Nghị định 91/2017/NĐ-CP",
    ("E1", codes.FORM): "Nghị định 91/2017/NĐ-CP",
    ("E2", codes.TITLE): "Nghị định 98/2023/NĐ-CP, Điều 54",
    ("E2", codes.FORM): "Nghị định 98/2023/NĐ-CP, Điều 58",
    ("E3", codes.TITLE): "Nghị định 152/2025/NĐ-CP",
    ("E3", codes.FORM): "Nghị định 152/2025/NĐ-CP, Điều 54, khoản 1",
}


def base_salary_on(decision_date: dt.date, *, config: RuleConfig | None = None) -> tuple[int, str] | None:
    """(VND per month, decree) of the lương cơ sở in force on `decision_date`, or None before the table."""
    config = config or RuleConfig.defaults()
    found = None
    for start, amount, basis in config.get("money.base_salary"):
        if start <= decision_date:
            found = (amount, basis)
        else:
            break
    return found


def round_up(value: Decimal, step: int) -> int:
    return int((value / step).to_integral_value(rounding=ROUND_CEILING)) * step


def award_amount(
    code: str, subject_kind: str, decision_date: dt.date, *, config: RuleConfig | None = None
) -> AwardAmount:
    """Money for `code` awarded to an `individual` or `collective` by a decision dated `decision_date`."""
    config = config or RuleConfig.defaults()
    entry = codes.CATALOGUE[code]
    era = procedure_era(decision_date, config).era
    if subject_kind not in entry.subject_kinds:
        return AwardAmount(None, None, None, f"{entry.name_vi} không xét tặng cho đối tượng này", False)
    multiple, to_verify = config.get("money.multiples")[code][era]
    basis = _MULTIPLE_BASIS[(era, entry.kind)]
    if code == "HCLD_3" and era == "E3":
        basis = "Nghị định 152/2025/NĐ-CP, Điều 51"
    salary = base_salary_on(decision_date, config=config)
    if multiple is None or salary is None:
        why = "chưa xác định hệ số" if multiple is None else "chưa có mức lương cơ sở cho ngày quyết định"
        return AwardAmount(None, multiple, salary[0] if salary else None, f"{basis} ({why})", True)
    factor = Decimal(str(multiple))
    if subject_kind == codes.COLLECTIVE and entry.kind == codes.FORM:
        factor *= Decimal(str(config.get("money.collective_factor")))
        to_verify = to_verify or config.to_verify("money.collective_factor", era)
    step = int(config.get("money.rounding"))
    amount = round_up(factor * salary[0], step)
    to_verify = to_verify or config.to_verify("money.rounding", era)
    return AwardAmount(amount, float(factor), salary[0], f"{basis}; lương cơ sở: {salary[1]}", to_verify)
