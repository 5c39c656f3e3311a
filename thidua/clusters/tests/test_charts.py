"""The charts of a bloc's review: PNGs that open, at the size asked, with something drawn in the plot area, the
same bytes for the same data and other bytes for other data; and the round's points by criterion group they
draw."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from PIL import Image, ImageChops

from thidua.clusters.charts import Series, bars_png, radar_png, round_group_scores

from .conftest import run_round

AXES = ("I. Thực hiện nhiệm vụ chuyên môn", "II. Công tác thi đua, khen thưởng", "III. Cải cách hành chính")
SERIES = (
    Series("Sở Khoa học và Công nghệ", (95.0, 90.0, 80.0)),
    Series("Sở Tài chính", (80.0, 85.0, 60.0)),
)
WHITE = (255, 255, 255)


def opened(data: bytes) -> Image.Image:
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    image = Image.open(io.BytesIO(data))
    image.load()
    return image.convert("RGB")


def coloured_pixels(image: Image.Image, box: tuple[int, int, int, int]) -> int:
    """Pixels in `box` that are neither white nor grey (the series' colours)."""
    raw = image.crop(box).tobytes()
    pixels = (raw[i : i + 3] for i in range(0, len(raw), 3))
    return sum(1 for pixel in pixels if max(pixel) - min(pixel) > 40)


@pytest.mark.parametrize("draw", [radar_png, bars_png])
def test_a_chart_is_a_png_of_the_size_asked_with_the_series_drawn(draw):
    image = opened(draw(AXES, SERIES, width=640, height=480))
    assert image.size == (640, 480)
    # The plot area (the middle of the picture) holds the series' colours.
    assert coloured_pixels(image, (100, 60, 540, 400)) > 500
    # The legend at the bottom holds the series' colours too.
    assert coloured_pixels(image, (0, 420, 640, 480)) > 20


@pytest.mark.parametrize("draw", [radar_png, bars_png])
def test_a_chart_is_deterministic_and_follows_the_data(draw):
    first = draw(AXES, SERIES, width=500, height=400)
    assert draw(AXES, SERIES, width=500, height=400) == first
    other = draw(AXES, (SERIES[0], Series("Sở Tài chính", (20.0, 85.0, 60.0))), width=500, height=400)
    assert other != first
    assert ImageChops.difference(opened(first), opened(other)).getbbox() is not None


@pytest.mark.parametrize("draw", [radar_png, bars_png])
def test_vietnamese_labels_render_in_the_vendored_font(draw):
    """A label with other diacritics gives other pixels: the glyphs are drawn, not replaced by boxes."""
    a = opened(draw(("Cải cách hành chính", "Thi đua"), SERIES[:1], width=400, height=300))
    b = opened(draw(("Cai cach hanh chinh", "Thi dua"), SERIES[:1], width=400, height=300))
    assert ImageChops.difference(a, b).getbbox() is not None


@pytest.mark.parametrize("draw", [radar_png, bars_png])
def test_a_chart_refuses_a_size_too_small_to_read(draw):
    with pytest.raises(ValueError):
        draw(AXES, SERIES, width=100, height=400)


def test_values_above_the_maximum_stay_inside_the_chart():
    image = opened(radar_png(AXES, (Series("Sở Tài chính", (250.0, -30.0, 100.0)),), width=400, height=400))
    assert image.size == (400, 400)


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
