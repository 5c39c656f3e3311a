"""The toolkit's charts (thidua.documents.charts): PNGs that open, at the size asked, with something drawn in
the plot area, the same bytes for the same data and other bytes for other data, Vietnamese labels drawn in the
vendored font, and the count axis rounded up to a readable top."""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageChops

from thidua.documents.charts import Series, bars_png, count_axis, hbars_height, hbars_png, radar_png

AXES = ("I. Thực hiện nhiệm vụ chuyên môn", "II. Công tác thi đua, khen thưởng", "III. Cải cách hành chính")
SERIES = (
    Series("Sở Khoa học và Công nghệ", (95.0, 90.0, 80.0)),
    Series("Sở Tài chính", (80.0, 85.0, 60.0)),
)
ALL = [radar_png, bars_png, hbars_png]


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


def pixels_of(image: Image.Image, colour: tuple[int, int, int]) -> int:
    raw = image.tobytes()
    target = bytes(colour)
    return sum(1 for i in range(0, len(raw), 3) if raw[i : i + 3] == target)


BLUE, ORANGE = (0, 114, 178), (213, 94, 0)


@pytest.mark.parametrize("draw", ALL)
def test_a_chart_is_a_png_of_the_size_asked_with_the_series_drawn(draw):
    image = opened(draw(AXES, SERIES, width=640, height=480))
    assert image.size == (640, 480)
    # The plot area (the middle of the picture) holds the series' colours.
    assert coloured_pixels(image, (100, 60, 540, 400)) > 500
    # The legend at the bottom holds the series' colours too.
    assert coloured_pixels(image, (0, 420, 640, 480)) > 20


@pytest.mark.parametrize("draw", ALL)
def test_a_chart_is_deterministic_and_follows_the_data(draw):
    first = draw(AXES, SERIES, width=500, height=400)
    assert draw(AXES, SERIES, width=500, height=400) == first
    other = draw(AXES, (SERIES[0], Series("Sở Tài chính", (20.0, 85.0, 60.0))), width=500, height=400)
    assert other != first
    assert ImageChops.difference(opened(first), opened(other)).getbbox() is not None


@pytest.mark.parametrize("draw", ALL)
def test_vietnamese_labels_render_in_the_vendored_font(draw):
    """A label with other diacritics gives other pixels: the glyphs are drawn, not replaced by boxes."""
    a = opened(draw(("Cải cách hành chính", "Thi đua"), SERIES[:1], width=400, height=300))
    b = opened(draw(("Cai cach hanh chinh", "Thi dua"), SERIES[:1], width=400, height=300))
    assert ImageChops.difference(a, b).getbbox() is not None


@pytest.mark.parametrize("draw", ALL)
def test_a_chart_refuses_a_size_too_small_to_read(draw):
    with pytest.raises(ValueError):
        draw(AXES, SERIES, width=100, height=400)


def test_values_above_the_maximum_stay_inside_the_chart():
    image = opened(radar_png(AXES, (Series("Sở Tài chính", (250.0, -30.0, 100.0)),), width=400, height=400))
    assert image.size == (400, 400)


@pytest.mark.parametrize(
    ("largest", "top", "ticks"),
    [
        (0, 5, [0, 1, 2, 3, 4, 5]),
        (3, 5, [0, 1, 2, 3, 4, 5]),
        (7, 8, [0, 2, 4, 6, 8]),
        (12, 15, [0, 5, 10, 15]),
        (40, 40, [0, 10, 20, 30, 40]),
        (137, 150, [0, 50, 100, 150]),
        (1234, 1500, [0, 500, 1000, 1500]),
    ],
)
def test_a_count_axis_ends_on_a_whole_step_at_or_above_the_largest_value(largest, top, ticks):
    assert count_axis(largest) == (top, ticks)


@pytest.mark.parametrize("draw", [bars_png, hbars_png])
def test_on_a_count_axis_bars_are_as_long_as_their_counts(draw):
    """10 and 40 on a count axis (0–40): the bar of 40 fills the plot and is four times the bar of 10; on the
    per-cent axis the same 40 is 40 %, two fifths of the count chart's bar."""

    def bar_areas(values: tuple[float, float], percent: bool) -> tuple[float, float]:
        def chart(a: float, b: float) -> Image.Image:
            series = (Series("Năm 2022", (a, 0.0)), Series("Năm 2023", (0.0, b)))
            return opened(draw(("Giấy khen", "Bằng khen"), series, width=600, height=400, percent=percent))

        drawn, legend_only = chart(*values), chart(0.0, 0.0)
        return (
            pixels_of(drawn, BLUE) - pixels_of(legend_only, BLUE),
            pixels_of(drawn, ORANGE) - pixels_of(legend_only, ORANGE),
        )

    ten, forty = bar_areas((10.0, 40.0), percent=False)
    assert ten > 100
    assert forty / ten == pytest.approx(4, rel=0.08)
    _ten, forty_percent = bar_areas((10.0, 40.0), percent=True)
    assert forty_percent / forty == pytest.approx(0.4, rel=0.08)


def test_horizontal_bars_get_a_height_for_their_rows():
    assert hbars_height(2, 1) < hbars_height(12, 1) < hbars_height(12, 3)
    image = opened(hbars_png(AXES, SERIES, width=600))
    assert image.size == (600, hbars_height(3, 2, width=600))
