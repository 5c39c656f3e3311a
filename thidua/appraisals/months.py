"""Months worked in a year, from recruitment and retirement dates and the person's assignments.

A month counts when it is whole: from the start of a period of work to the day after its end, counted in
calendar months (1 July – 31 December is 6 months; 2 July – 31 December is 5). Adjacent or overlapping
assignments are merged first, so a transfer (one assignment ending the day before the next starts) does not
change the total. The result is between 0 and 12.
"""

from collections.abc import Iterable
from datetime import date, timedelta

Period = tuple[date, date | None]


def _whole_months(start: date, end_inclusive: date) -> int:
    after = end_inclusive + timedelta(days=1)
    months = (after.year - start.year) * 12 + (after.month - start.month)
    if after.day < start.day:
        months -= 1
    return max(0, months)


def merge_periods(periods: Iterable[tuple[date, date]]) -> list[tuple[date, date]]:
    """Merge overlapping and adjacent periods (inclusive ends)."""
    merged: list[tuple[date, date]] = []
    for start, end in sorted(periods):
        if merged and start <= merged[-1][1] + timedelta(days=1):
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def months_worked_in_year(
    *,
    year: int,
    recruited_on: date | None = None,
    retired_on: date | None = None,
    assignments: Iterable[Period] = (),
) -> int:
    """Whole months worked in `year`. Without assignments, employment runs from recruitment to retirement."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    if recruited_on is not None and recruited_on > first:
        first = recruited_on
    if retired_on is not None and retired_on < last:
        last = retired_on
    if first > last:
        return 0
    periods = list(assignments)
    if not periods:
        clipped = [(first, last)]
    else:
        clipped = []
        for start, end in periods:
            start = max(start, first)
            end = min(end or last, last)
            if start <= end:
                clipped.append((start, end))
    total = sum(_whole_months(start, end) for start, end in merge_periods(clipped))
    return min(12, total)
