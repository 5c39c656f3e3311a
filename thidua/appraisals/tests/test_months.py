from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from thidua.appraisals.months import months_worked_in_year


def test_full_year_without_assignments_is_12():
    assert months_worked_in_year(year=2024) == 12


def test_recruited_on_first_of_july_works_six_months():
    assert months_worked_in_year(year=2024, recruited_on=date(2024, 7, 1)) == 6
    assert months_worked_in_year(year=2024, recruited_on=date(2024, 7, 2)) == 5


def test_retired_in_march_works_three_months():
    assert months_worked_in_year(year=2024, recruited_on=date(2000, 1, 1), retired_on=date(2024, 3, 31)) == 3


def test_recruited_after_the_year_works_zero():
    assert months_worked_in_year(year=2023, recruited_on=date(2024, 1, 1)) == 0


def test_a_gap_between_assignments_is_not_counted():
    periods = [(date(2024, 1, 1), date(2024, 3, 31)), (date(2024, 7, 1), None)]
    assert months_worked_in_year(year=2024, assignments=periods) == 9


def test_transfer_mid_year_keeps_twelve_months():
    periods = [(date(2020, 1, 1), date(2024, 4, 14)), (date(2024, 4, 15), None)]
    assert months_worked_in_year(year=2024, assignments=periods) == 12


days = st.integers(min_value=0, max_value=365 * 3)
base = date(2023, 1, 1)


@settings(max_examples=300, deadline=None)
@given(
    start=days,
    length=days,
    split=st.integers(min_value=1, max_value=1000),
    year=st.sampled_from([2023, 2024, 2025]),
    recruited=st.one_of(st.none(), days),
    retired=st.one_of(st.none(), days),
)
def test_months_are_bounded_and_transfers_do_not_change_them(start, length, split, year, recruited, retired):
    first = base + timedelta(days=start)
    last = first + timedelta(days=length)
    kwargs = {
        "year": year,
        "recruited_on": base + timedelta(days=recruited) if recruited is not None else None,
        "retired_on": base + timedelta(days=retired) if retired is not None else None,
    }
    whole = months_worked_in_year(assignments=[(first, last)], **kwargs)
    assert 0 <= whole <= 12
    # A transfer: the same period as two adjacent assignments, split anywhere inside it.
    cut = first + timedelta(days=min(split, length))
    if cut > first:
        parts = [(first, cut - timedelta(days=1)), (cut, last)]
        assert months_worked_in_year(assignments=parts, **kwargs) == whole
