"""Demo fund (step 94, after the decisions at 90 and the certificates at 92): the Yên Bái Department's fund book
for 2025 — the opening balance carried from 2024, the ceiling of the budget share from the salary fund (marked
"cần xác minh"), the budget's allocation at the start of the year, a printing bill for certificates and frames —
and about half of the award money of the demo decision paid, with dates and vouchers. When the decisions step
issued nothing, the book and its income are still made and the payments are skipped quietly.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from thidua.accounts.models import User
from thidua.organizations.models import Organization

from . import services
from .models import Category, CeilingBase, Direction, EntryStatus, FundEntry, Source

YEAR = 2025
DEPARTMENT_CODE = "YB-SKHCN"
OFFICER = "vanphong"


def _day(wanted: dt.date, *, not_before: dt.date) -> dt.date:
    """`wanted`, moved after `not_before` and never later than today."""
    return min(max(wanted, not_before), timezone.localdate())


def _open_year(officer: User, department: Organization, year: int) -> None:
    services.fund_year_save(
        actor=officer,
        agency=department,
        year=year,
        opening_balance=18_450_000 if year == YEAR else None,
        ceiling_base_kind=CeilingBase.SALARY_FUND,
        ceiling_base=1_236_000_000,
        ceiling_note="Tổng quỹ tiền lương theo ngạch, bậc năm được giao theo dự toán (số liệu minh họa).",
    )
    services.income_add(
        actor=officer,
        agency=department,
        year=year,
        source=Source.BUDGET,
        amount=120_000_000,
        entry_date=_day(dt.date(year, 1, 15), not_before=dt.date(year, 1, 1)),
        description=f"Kinh phí thi đua, khen thưởng năm {year} được giao trong dự toán ngân sách",
    )


def build_fund(*, rng: Any, orgs: Any, people: Any, first_year: int, last_year: int) -> str | None:
    department = (
        orgs.agencies[0] if orgs is not None else Organization.objects.filter(code=DEPARTMENT_CODE).first()
    )
    officer = User.objects.filter(username=OFFICER).first()
    if department is None or officer is None or timezone.localdate().year < YEAR:
        return "bỏ qua (không có Sở hoặc tài khoản văn phòng)"
    _open_year(officer, department, YEAR)
    services.spending_add(
        actor=officer,
        agency=department,
        year=YEAR,
        category=Category.PRINTING,
        amount=3_200_000,
        entry_date=dt.date(YEAR, 3, 25),
        description="In giấy khen, mua khung giấy khen cho đợt khen thưởng năm 2024",
        paid_on=dt.date(YEAR, 3, 28),
        voucher="PC-015/2025",
    )
    planned = list(
        FundEntry.objects.filter(
            agency=department,
            direction=Direction.SPENDING,
            category=Category.AWARD,
            status=EntryStatus.PLANNED,
        ).order_by("entry_date", "pk")
    )
    if not planned:
        return (
            f"Sổ quỹ năm {YEAR}: số dư đầu năm, kinh phí ngân sách, một khoản chi in ấn (chưa có quyết định)"
        )
    for year in sorted({e.year for e in planned} - {YEAR}):
        _open_year(officer, department, year)
    paying = planned[: (len(planned) + 1) // 2]
    for number, entry in enumerate(paying, start=1):
        services.entry_pay(
            actor=officer,
            entry=entry,
            paid_on=_day(entry.entry_date + dt.timedelta(days=7), not_before=entry.entry_date),
            voucher=f"PC-{20 + number:03d}/{entry.entry_date.year}",
            version=entry.version,
        )
    total = sum(e.amount for e in paying)
    return (
        f"Sổ quỹ năm {YEAR}; tiền thưởng: {len(paying)}/{len(planned)} dòng đã chi "
        f"({services.money(total)} đồng)"
    )
