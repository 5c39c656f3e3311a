"""Properties of the fairness arithmetic (`shares_compare`, `unit_shares`): no database."""

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from thidua.reports.fairness import shares_compare, unit_shares

counts = st.integers(min_value=0, max_value=10_000)
margins = st.floats(min_value=0, max_value=100, allow_nan=False)


@st.composite
def group_counts(draw):
    awards = draw(counts)
    staff = draw(counts)
    return {
        "group_awards": draw(st.integers(0, awards)),
        "awards": awards,
        "group_staff": draw(st.integers(0, staff)),
        "staff": staff,
    }


@settings(max_examples=300)
@given(group_counts(), margins)
def test_shares_lie_in_zero_one_and_warning_iff_gap_above_margin(c, margin):
    s = shares_compare(**c, margin_pct=margin)
    for share in (s.share_awards, s.share_staff):
        assert share is None or 0.0 <= share <= 1.0
    if c["awards"] == 0 or c["staff"] == 0:
        assert s.gap is None and s.warning is False
        return
    assert s.share_awards is not None and s.share_staff is not None
    assert s.share_awards == pytest.approx(c["group_awards"] / c["awards"])
    assert s.share_staff == pytest.approx(c["group_staff"] / c["staff"])
    assert s.gap == pytest.approx((s.share_staff - s.share_awards) * 100, abs=1e-5)
    assert s.warning == (s.gap > margin)


@settings(max_examples=200)
@given(group_counts(), margins, st.floats(min_value=0, max_value=100, allow_nan=False))
def test_a_wider_margin_never_adds_a_warning(c, margin, extra):
    narrow = shares_compare(**c, margin_pct=margin)
    wide = shares_compare(**c, margin_pct=margin + extra)
    assert wide.warning <= narrow.warning


@settings(max_examples=200)
@given(
    st.dictionaries(st.integers(1, 50), st.tuples(counts, counts), min_size=1, max_size=12),
    margins,
    st.randoms(),
)
def test_unit_shares_do_not_depend_on_the_order_of_the_units(units, margin, rnd: random.Random):
    staff = {k: v[0] for k, v in units.items()}
    awards = {k: v[1] for k, v in units.items()}
    keys = list(units)
    rnd.shuffle(keys)
    shuffled = unit_shares(
        {k: staff[k] for k in keys}, {k: awards[k] for k in reversed(keys)}, margin_pct=margin
    )
    assert shuffled == unit_shares(staff, awards, margin_pct=margin)
    if sum(staff.values()) and sum(awards.values()):
        assert sum(s.share_staff or 0 for s in shuffled.values()) == pytest.approx(1.0)
        assert sum(s.share_awards or 0 for s in shuffled.values()) == pytest.approx(1.0)
        total_staff, total_awards = sum(staff.values()), sum(awards.values())
        for key, s in shuffled.items():
            assert s.gap == pytest.approx(
                (staff[key] / total_staff - awards[key] / total_awards) * 100, abs=1e-5
            )
            assert s.warning == (s.gap > margin)


def test_hand_computed_shares():
    s = shares_compare(group_awards=3, awards=6, group_staff=7, staff=10, margin_pct=10)
    assert (s.share_awards, s.share_staff, s.gap, s.warning) == (0.5, 0.7, pytest.approx(20.0), True)
    s = shares_compare(group_awards=3, awards=6, group_staff=4, staff=10, margin_pct=10)
    assert s.warning is False and s.gap == pytest.approx(-10.0)
    exactly = shares_compare(group_awards=2, awards=5, group_staff=5, staff=10, margin_pct=10)
    assert exactly.gap == pytest.approx(10.0) and exactly.warning is False  # "more than" the margin
    assert shares_compare(group_awards=0, awards=0, group_staff=3, staff=10, margin_pct=10).warning is False
