"""The Vietnamese working-day calendar: weekends, the public holidays the `holidays` package knows (Tết on its
lunar dates, Giỗ Tổ Hùng Vương, 30/4, 1/5, Quốc khánh, the days moved by the Government), the office's own days;
and the properties every deadline must have."""

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from thidua.disclosure import calendar, services
from thidua.disclosure.calendar import WorkingCalendar

PLAIN = WorkingCalendar()


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


# ---- tables: each row cites the holiday


@pytest.mark.parametrize(
    ("day", "working", "why"),
    [
        (date(2025, 1, 1), False, "Tết Dương lịch 2025 (Wednesday)"),
        (date(2025, 1, 24), True, "Friday before Tết Ất Tỵ: the last working day"),
        (date(2025, 2, 3), True, "Monday after Tết Ất Tỵ: the first working day"),
        (date(2025, 4, 7), False, "Giỗ Tổ Hùng Vương 10/3 Ất Tỵ (Monday)"),
        (date(2025, 4, 26), True, "Saturday worked in exchange for Friday 02/05/2025"),
        (date(2025, 4, 30), False, "Ngày Chiến thắng 30/4"),
        (date(2025, 5, 1), False, "Ngày Quốc tế Lao động 1/5"),
        (date(2025, 5, 2), False, "bridge day off for Saturday 26/04/2025"),
        (date(2025, 9, 1), False, "Quốc khánh 2025 (1/9, the day before 2/9)"),
        (date(2025, 9, 2), False, "Quốc khánh 2/9"),
        (date(2024, 2, 8), False, "29 Tết Giáp Thìn"),
        (date(2024, 2, 14), False, "Mùng năm Tết Giáp Thìn"),
        (date(2024, 2, 15), True, "Thursday after Tết Giáp Thìn"),
        (date(2024, 4, 18), False, "Giỗ Tổ Hùng Vương 2024 (Thursday)"),
        (date(2024, 4, 29), False, "bridge day off 29/04/2024 for Saturday 04/05/2024"),
        (date(2024, 5, 4), True, "Saturday 04/05/2024 worked"),
        (date(2026, 2, 17), False, "Tết Bính Ngọ 2026 (mùng một)"),
        (date(2025, 3, 8), False, "an ordinary Saturday"),
        (date(2025, 3, 9), False, "an ordinary Sunday"),
        (date(2025, 3, 10), True, "an ordinary Monday"),
    ],
)
def test_national_calendar(day, working, why):
    assert PLAIN.is_working_day(day) is working, why


def test_tet_2025_is_off_from_25_january_to_2_february():
    """Tết Ất Tỵ: the Government's nine days off, Saturday 25/01 to Sunday 02/02/2025."""
    assert [PLAIN.is_working_day(d) for d in _days(date(2025, 1, 25), date(2025, 2, 2))] == [False] * 9
    assert PLAIN.add_working_days(date(2025, 1, 24), 1) == date(2025, 2, 3)
    assert PLAIN.working_days_between(date(2025, 1, 24), date(2025, 2, 2)) == 0


@pytest.mark.parametrize(
    ("posted", "n", "deadline", "why"),
    [
        (date(2025, 2, 10), 10, date(2025, 2, 24), "the demo's window: two plain weeks after Tết"),
        (date(2025, 1, 20), 10, date(2025, 2, 10), "Tết Ất Tỵ (25/01–02/02) does not count"),
        (date(2025, 4, 25), 1, date(2025, 4, 26), "Saturday 26/04/2025 is a working day"),
        (date(2025, 4, 29), 1, date(2025, 5, 5), "30/4, 1/5, the bridge day 2/5 and the weekend skipped"),
        (date(2025, 8, 29), 1, date(2025, 9, 3), "Quốc khánh 1–2/9/2025 after the weekend"),
        (date(2025, 4, 4), 1, date(2025, 4, 8), "Giỗ Tổ on Monday 07/04/2025"),
        (date(2025, 3, 14), 0, date(2025, 3, 14), "no period: the day itself"),
    ],
)
def test_deadlines(posted, n, deadline, why):
    assert PLAIN.add_working_days(posted, n) == deadline, why
    assert PLAIN.working_days_between(posted, deadline) == n


def test_the_day_posted_does_not_count():
    # Posted on Monday 10/03/2025: Tuesday is the first day of the period.
    assert PLAIN.add_working_days(date(2025, 3, 10), 1) == date(2025, 3, 11)


def test_the_office_s_days_win_over_the_national_calendar(people):
    monday, saturday = date(2025, 3, 10), date(2025, 3, 15)
    assert calendar.add_working_days(date(2025, 3, 7), 1) == monday
    services.calendar_day_set(
        actor=people["officer"], date=monday, working=False, note="Nghỉ bù theo quyết định của tỉnh"
    )
    assert not calendar.is_working_day(monday)
    assert calendar.add_working_days(date(2025, 3, 7), 1) == date(2025, 3, 11)
    services.calendar_day_set(actor=people["officer"], date=saturday, working=True, note="Làm bù")
    assert calendar.is_working_day(saturday)
    assert calendar.working_days_between(date(2025, 3, 7), date(2025, 3, 16)) == 5
    assert calendar.calendar().day_off_reason(monday) == "Ngày nghỉ do cơ quan bổ sung"


def test_reasons_for_a_day_off_name_the_holiday():
    assert "Tết" in PLAIN.day_off_reason(date(2025, 1, 29))
    assert PLAIN.day_off_reason(date(2025, 3, 8)) == "Thứ Bảy"
    assert PLAIN.day_off_reason(date(2025, 3, 10)) == ""


def test_a_period_out_of_range_is_refused():
    with pytest.raises(ValueError):
        PLAIN.add_working_days(date(2025, 1, 1), -1)


# ---- properties

DATES = st.dates(min_value=date(2019, 1, 1), max_value=date(2030, 12, 31))
EXTRA = st.dictionaries(DATES, st.booleans(), max_size=8)
PERIODS = st.integers(min_value=1, max_value=40)


@settings(max_examples=200, deadline=None)
@given(start=DATES, n=PERIODS, extra=EXTRA)
def test_a_deadline_is_a_working_day_n_working_days_later(start, n, extra):
    cal = WorkingCalendar(extra)
    deadline = cal.add_working_days(start, n)
    assert deadline > start
    assert cal.is_working_day(deadline)
    assert cal.working_days_between(start, deadline) == n
    assert cal.working_days_between(start, deadline - timedelta(days=1)) == n - 1


@settings(max_examples=200, deadline=None)
@given(start=DATES, n=PERIODS, more=st.integers(min_value=1, max_value=20), extra=EXTRA)
def test_a_longer_period_ends_later(start, n, more, extra):
    cal = WorkingCalendar(extra)
    assert cal.add_working_days(start, n) < cal.add_working_days(start, n + more)


@settings(max_examples=200, deadline=None)
@given(start=DATES, n=PERIODS, extra=EXTRA, added=DATES)
def test_a_make_up_working_day_never_makes_a_deadline_later(start, n, extra, added):
    before = WorkingCalendar(extra).add_working_days(start, n)
    after = WorkingCalendar({**extra, added: True}).add_working_days(start, n)
    assert after <= before


@settings(max_examples=200, deadline=None)
@given(start=DATES, n=PERIODS, extra=EXTRA, added=DATES)
def test_a_day_off_never_makes_a_deadline_earlier(start, n, extra, added):
    before = WorkingCalendar(extra).add_working_days(start, n)
    after = WorkingCalendar({**extra, added: False}).add_working_days(start, n)
    assert after >= before
