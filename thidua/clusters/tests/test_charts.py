"""The charts of a bloc's review: the round's points by criterion group they draw, and the radar and bars of
a round (drawn by the documents toolkit, whose own tests are thidua/documents/tests/test_charts.py)."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from PIL import Image

from thidua.clusters.charts import round_bars, round_group_scores, round_radar

from .conftest import run_round


def opened(data: bytes) -> Image.Image:
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    image = Image.open(io.BytesIO(data))
    image.load()
    return image.convert("RGB")


def test_the_round_scores_by_group_are_the_heads_verified_points_as_percent_of_the_group_maximum(bloc):
    round_ = run_round(bloc, fast=True)
    scores = round_group_scores(round_)
    assert [label for label, _top in scores.groups] == [
        "I. Thực hiện nhiệm vụ chuyên môn",
        "II. Công tác thi đua, khen thưởng",
    ]
    a, b, c, d = bloc.members
    # A scored at 95 % of every standard criterion: group I (40 + 20) → 57, group II (40) → 38.
    assert scores.points[a.pk] == (Decimal("57"), Decimal("38"))
    assert scores.percent(a) == pytest.approx((95.0, 95.0))
    assert scores.percent(d) == pytest.approx((70.0, 70.0))
    assert {m.pk for m in scores.members} == {a.pk, b.pk, c.pk, d.pk}
    ordered = round_group_scores(round_, order=[d.pk, a.pk, b.pk, c.pk])
    assert [m.pk for m in ordered.members] == [d.pk, a.pk, b.pk, c.pk]


def test_the_round_charts_draw_the_groups_for_every_member(bloc):
    round_ = run_round(bloc, fast=True)
    scores = round_group_scores(round_)
    radar = opened(round_radar(scores, width=640, height=480))
    bars = round_bars(scores, width=640, height=480)
    assert radar.size == opened(bars).size == (640, 480)
    assert round_bars(scores, width=640, height=480) == bars
    assert [s.name for s in scores.series()] == [m.short_name or m.name for m in scores.members]
