"""The Vietnamese working-day calendar: which days count when a period is given in working days (legal-rules §6,
§11 row 37).

A day is a working day unless it is a Saturday or a Sunday or a public holiday, with two kinds of exception:

- the `holidays` package (country VN) knows the public holidays — Tết Dương lịch, Tết Nguyên đán on its lunar
  dates, Giỗ Tổ Hùng Vương (10/3 âm lịch), 30/4, 1/5, Quốc khánh — the days off moved by the Government's
  decisions it has recorded (e.g. 02/05/2025, in exchange for Saturday 26/04/2025) and those make-up working
  Saturdays (`weekend_workdays`);
- the office adds the days the package does not know (`CalendarDay`: a make-up working Saturday or a bridge
  holiday decided by the Government later, a local day off), and those win over everything else.

`WorkingCalendar` is the pure arithmetic over a mapping of the office's days; the module functions load that
mapping from the database (one small query) when none is given.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache

import holidays
from django.utils.translation import gettext as _

from .models import CalendarDay

ONE_DAY = dt.timedelta(days=1)
WEEKEND = (5, 6)  # Saturday, Sunday (date.weekday())
# A period longer than this many working days is a typing error, not a disclosure window.
MAX_WORKING_DAYS = 366


@lru_cache(maxsize=64)
def _national(year: int) -> tuple[dict[dt.date, str], frozenset[dt.date]]:
    """The public holidays of `year` with their Vietnamese names, and the make-up working weekend days the
    package knows for that year."""
    known = holidays.country_holidays("VN", years=year, language="vi")
    days = {day: str(name) for day, name in known.items() if day.year == year}
    workdays = frozenset(d for d in getattr(known, "weekend_workdays", ()) if d.year == year)
    return days, workdays


def public_holidays(year: int) -> dict[dt.date, str]:
    """Vietnam's public holidays of `year` as the `holidays` package knows them (date → Vietnamese name)."""
    return dict(_national(year)[0])


def package_workdays(year: int) -> frozenset[dt.date]:
    """Weekend days of `year` the Government made working days (make-up days) that the package knows."""
    return _national(year)[1]


@dataclass(frozen=True)
class WorkingCalendar:
    """Working-day arithmetic with the office's own days (`office_days`: date → True for a working day, False
    for a day off), which win over the weekend and the national holidays."""

    office_days: Mapping[dt.date, bool] = field(default_factory=dict)

    def is_working_day(self, day: dt.date) -> bool:
        if day in self.office_days:
            return bool(self.office_days[day])
        holidays_of_year, workdays = _national(day.year)
        if day in holidays_of_year:
            return False
        if day in workdays:
            return True
        return day.weekday() not in WEEKEND

    def day_off_reason(self, day: dt.date) -> str:
        """Why `day` is not a working day (empty for a working day)."""
        if self.is_working_day(day):
            return ""
        if day in self.office_days:
            return _("Ngày nghỉ do cơ quan bổ sung")
        name = _national(day.year)[0].get(day)
        if name:
            return name
        return _("Thứ Bảy") if day.weekday() == 5 else _("Chủ nhật")

    def add_working_days(self, start: dt.date, n: int) -> dt.date:
        """The n-th working day after `start` (the day after posting is the first that may count): the deadline
        of a period of `n` working days that starts on `start`. `n` = 0 gives `start` itself."""
        if n < 0 or n > MAX_WORKING_DAYS:
            raise ValueError(f"working days out of range: {n}")
        day, counted = start, 0
        while counted < n:
            day += ONE_DAY
            if self.is_working_day(day):
                counted += 1
        return day

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """How many working days fall after `start` up to and including `end` (0 when `end` <= `start`), so that
        `working_days_between(s, add_working_days(s, n)) == n`."""
        count, day = 0, start
        while day < end:
            day += ONE_DAY
            if self.is_working_day(day):
                count += 1
        return count


def office_days() -> dict[dt.date, bool]:
    """The days the office added to the calendar (date → working day)."""
    return dict(CalendarDay.objects.values_list("date", "working"))


def calendar(extra: Mapping[dt.date, bool] | None = None) -> WorkingCalendar:
    """The working calendar with the office's days (read from the database unless `extra` is given)."""
    return WorkingCalendar(office_days() if extra is None else extra)


def is_working_day(day: dt.date, *, extra: Mapping[dt.date, bool] | None = None) -> bool:
    return calendar(extra).is_working_day(day)


def add_working_days(start: dt.date, n: int, *, extra: Mapping[dt.date, bool] | None = None) -> dt.date:
    """The deadline of `n` working days counted from the day after `start` (see WorkingCalendar)."""
    return calendar(extra).add_working_days(start, n)


def working_days_between(start: dt.date, end: dt.date, *, extra: Mapping[dt.date, bool] | None = None) -> int:
    return calendar(extra).working_days_between(start, end)
