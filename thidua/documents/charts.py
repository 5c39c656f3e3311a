"""Charts for the documents, as PNG drawn with Pillow in the vendored Liberation Serif (Vietnamese diacritics
render whatever fonts the server has), to embed with the layout's ``Image`` block:

- ``radar_png``: one axis per label, each series as a closed, lightly filled polygon (0–100 %);
- ``bars_png``: grouped vertical bars, one bar per series for each group, on a 0–100 % axis or, with
  ``percent=False``, on a count axis rounded up to a readable maximum;
- ``hbars_png``: grouped horizontal bars, for long labels (an indicator, a title of commendation).

Drawing is deterministic: the same data gives the same bytes (a fixed palette, no timestamps in the PNG). This
module is part of the documents toolkit and imports no domain app; the apps shape their data into ``Series``.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from PIL import Image, ImageDraw, ImageFont

from thidua.documents.formatting import vn_number
from thidua.documents.layout.metrics import FONT_DIR, FONT_FILES

# A palette that stays apart in print and for the common colour blindnesses (Okabe–Ito).
PALETTE = (
    (0, 114, 178),
    (213, 94, 0),
    (0, 158, 115),
    (204, 121, 167),
    (230, 159, 0),
    (86, 180, 233),
    (117, 112, 179),
    (153, 79, 0),
    (0, 0, 0),
    (120, 120, 120),
)
INK = (0, 0, 0)
GRID = (190, 190, 190)
LABEL = (110, 110, 110)
WHITE = (255, 255, 255)
SCALE = 2  # drawn at twice the size, then reduced: smooth lines without antialiasing support in ImageDraw


@dataclass(frozen=True)
class Series:
    """One series' values in the order of the axes or groups (per cent, or counts for a count axis)."""

    name: str
    values: tuple[float, ...]


@cache
def _font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT_DIR / FONT_FILES[(bold, False)]), size)


def _colour(index: int) -> tuple[int, int, int]:
    return PALETTE[index % len(PALETTE)]


def _wrap(
    draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont, width: float, lines_max: int = 3
) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if current and draw.textlength(candidate, font=font) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    if len(lines) > lines_max:
        lines = lines[:lines_max]
        lines[-1] = lines[-1].rstrip(",;.") + "…"
    return lines or [""]


def _text_block(
    draw: ImageDraw.ImageDraw,
    xy: tuple[float, float],
    lines: list[str],
    font: ImageFont.FreeTypeFont,
    anchor: str = "mm",
) -> None:
    """Lines centred on `xy` (anchor "mm"), or ending there ("rm": right-aligned, vertically centred)."""
    height = font.size * 1.2
    top = xy[1] - height * (len(lines) - 1) / 2
    for i, line in enumerate(lines):
        draw.text((xy[0], top + i * height), line, font=font, fill=INK, anchor=anchor)


def _legend(
    draw: ImageDraw.ImageDraw, series: Sequence[Series], left: float, top: float, width: float, size: int
) -> None:
    """The legend as rows of coloured squares and names, from (left, top), wrapping at `width`."""
    font = _font(size)
    x, y = left, top
    box = size * 0.8
    for index, item in enumerate(series):
        label_w = draw.textlength(item.name, font=font)
        need = box + size * 0.4 + label_w + size * 1.2
        if x > left and x + need > left + width:
            x, y = left, y + size * 1.5
        draw.rectangle((x, y - box / 2, x + box, y + box / 2), fill=_colour(index))
        draw.text((x + box + size * 0.4, y), item.name, font=font, fill=INK, anchor="lm")
        x += need


def _legend_height(draw: ImageDraw.ImageDraw, series: Sequence[Series], width: float, size: int) -> float:
    font = _font(size)
    x, rows = 0.0, 1
    for item in series:
        need = size * 0.8 + size * 0.4 + draw.textlength(item.name, font=font) + size * 1.2
        if x > 0 and x + need > width:
            x, rows = 0.0, rows + 1
        x += need
    return rows * size * 1.5


def _png(image: Image.Image, width: int, height: int) -> bytes:
    out = io.BytesIO()
    image.resize((width, height), Image.Resampling.LANCZOS).save(out, format="PNG", optimize=False)
    return out.getvalue()


def _clamp(value: float, top: float = 100.0) -> float:
    return max(0.0, min(top, value))


def _check_size(width: int, height: int) -> None:
    if width < 200 or height < 200:
        raise ValueError("a chart needs at least 200 × 200 pixels")


def count_axis(largest: float) -> tuple[float, list[float]]:
    """The top of a count axis and its ticks: whole steps of 1, 2 or 5 times a power of ten, about five of
    them, the top the first step at or above ``largest`` (12 → 0, 5, 10, 15; up to 5 → 0 to 5 by 1)."""
    if largest <= 5:
        return 5.0, [0.0, 1.0, 2.0, 3.0, 4.0, 5.0]
    raw = largest / 5
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    step = max(step, 1)
    top = step * math.ceil(largest / step)
    return float(top), [float(step * i) for i in range(round(top / step) + 1)]


def _axis(series: Sequence[Series], percent: bool) -> tuple[float, list[float]]:
    if percent:
        return 100.0, [float(t) for t in range(0, 101, 20)]
    return count_axis(max((v for s in series for v in s.values), default=0.0))


def _tick_label(tick: float, percent: bool) -> str:
    return f"{tick:.0f}%" if percent else vn_number(round(tick))


def _value_label(value: float, percent: bool) -> str:
    if percent:
        return f"{value:.0f}"
    whole = round(value)
    return vn_number(whole) if abs(value - whole) < 1e-9 else vn_number(Decimal(f"{value:.1f}"))


def radar_png(
    axes: Sequence[str],
    series: Sequence[Series],
    *,
    width: int = 900,
    height: int = 700,
    title: str | None = None,
) -> bytes:
    """A radar (spider) chart: one axis per label of `axes` (0–100 % from the centre), one closed, lightly
    filled polygon per series, the legend under it."""
    _check_size(width, height)
    w, h = width * SCALE, height * SCALE
    base = Image.new("RGB", (w, h), WHITE)
    draw = ImageDraw.Draw(base)
    size = max(12, round(min(w, h) / 42))
    top = size * 2.5 if title else size
    if title:
        _text_block(draw, (w / 2, size * 1.4), [title], _font(round(size * 1.15), bold=True))
    legend_h = _legend_height(draw, series, w - 2 * size, size)
    label_room = size * 7
    cx = w / 2
    radius = max(10.0, min((w - 2 * label_room) / 2, (h - top - legend_h - 2 * size - 2 * size * 3) / 2))
    cy = top + (h - top - legend_h - size) / 2
    n = max(len(axes), 1)

    def point(i: int, fraction: float) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * i / n
        return cx + radius * fraction * math.cos(angle), cy + radius * fraction * math.sin(angle)

    small = _font(round(size * 0.8))
    for ring in (0.2, 0.4, 0.6, 0.8, 1.0):
        ring_points = [point(i, ring) for i in range(n)]
        if n >= 3:
            draw.polygon(ring_points, outline=GRID, width=SCALE)
        else:
            draw.ellipse(
                (cx - radius * ring, cy - radius * ring, cx + radius * ring, cy + radius * ring),
                outline=GRID,
                width=SCALE,
            )
        draw.text(
            (cx + size * 0.3, cy - radius * ring),
            f"{round(ring * 100)}%",
            font=small,
            fill=LABEL,
            anchor="lb",
        )
    label_font = _font(size)
    for i, label in enumerate(axes):
        draw.line((cx, cy, *point(i, 1.0)), fill=GRID, width=SCALE)
        lx, ly = point(i, 1.0 + (size * 1.2) / radius)
        anchor_x = lx + (label_room / 2 if lx > cx + 1 else -label_room / 2 if lx < cx - 1 else 0)
        lines = _wrap(draw, label, label_font, label_room * 1.6)
        offset = size * 0.6 * len(lines) * (1 if ly > cy + 1 else -1 if ly < cy - 1 else 0)
        _text_block(draw, (anchor_x, ly + offset), lines, label_font)
    overlay = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    shade = ImageDraw.Draw(overlay)
    for index, item in enumerate(series):
        points = [point(i, _clamp(v) / 100) for i, v in enumerate(item.values[:n])]
        if len(points) >= 3:
            shade.polygon(points, fill=(*_colour(index), 40))
    base = Image.alpha_composite(base.convert("RGBA"), overlay).convert("RGB")
    draw = ImageDraw.Draw(base)
    for index, item in enumerate(series):
        points = [point(i, _clamp(v) / 100) for i, v in enumerate(item.values[:n])]
        if not points:
            continue
        colour = _colour(index)
        draw.line([*points, points[0]], fill=colour, width=3 * SCALE, joint="curve")
        for x, y in points:
            r = size * 0.3
            draw.ellipse((x - r, y - r, x + r, y + r), fill=colour)
    _legend(draw, series, size, h - legend_h - size * 0.5 + size * 0.75, w - 2 * size, size)
    return _png(base, width, height)


def bars_png(
    groups: Sequence[str],
    series: Sequence[Series],
    *,
    width: int = 900,
    height: int = 600,
    title: str | None = None,
    percent: bool = True,
) -> bytes:
    """Grouped bars: for each label of `groups`, one bar per series, the value written above each bar, the
    legend under the chart. The axis runs 0–100 % or, with ``percent=False``, from 0 to a round count at or
    above the largest value (``count_axis``)."""
    _check_size(width, height)
    w, h = width * SCALE, height * SCALE
    image = Image.new("RGB", (w, h), WHITE)
    draw = ImageDraw.Draw(image)
    size = max(12, round(min(w, h) / 40))
    top = size * 3 if title else size * 1.5
    if title:
        _text_block(draw, (w / 2, size * 1.4), [title], _font(round(size * 1.15), bold=True))
    legend_h = _legend_height(draw, series, w - 2 * size, size)
    left, right = size * 4, w - size
    label_h = size * 1.2 * 3 + size
    bottom = h - legend_h - label_h - size
    small = _font(round(size * 0.8))
    axis_top, ticks = _axis(series, percent)
    for tick in ticks:
        y = bottom - (bottom - top) * tick / axis_top
        draw.line((left, y, right, y), fill=GRID, width=SCALE)
        draw.text((left - size * 0.4, y), _tick_label(tick, percent), font=small, fill=INK, anchor="rm")
    draw.line((left, top, left, bottom), fill=INK, width=SCALE)
    draw.line((left, bottom, right, bottom), fill=INK, width=SCALE)
    count = max(len(groups), 1)
    slot = (right - left) / count
    bars = max(len(series), 1)
    bar_w = slot * 0.8 / bars
    label_font = _font(size)
    for g, label in enumerate(groups):
        x0 = left + slot * g + slot * 0.1
        for s, item in enumerate(series):
            value = item.values[g] if g < len(item.values) else 0.0
            y = bottom - (bottom - top) * _clamp(value, axis_top) / axis_top
            x = x0 + s * bar_w
            draw.rectangle((x + SCALE, y, x + bar_w - SCALE, bottom), fill=_colour(s))
            if bar_w > size * 1.2:
                draw.text(
                    (x + bar_w / 2, y - size * 0.2),
                    _value_label(value, percent),
                    font=small,
                    fill=INK,
                    anchor="mb",
                )
        lines = _wrap(draw, label, label_font, slot * 0.95)
        _text_block(
            draw, (left + slot * (g + 0.5), bottom + size * 0.6 + size * 0.6 * len(lines)), lines, label_font
        )
    _legend(draw, series, size, h - legend_h - size * 0.5 + size * 0.75, w - 2 * size, size)
    return _png(image, width, height)


def hbars_height(groups: int, series: int, *, width: int = 900) -> int:
    """A height that gives each bar of ``hbars_png`` room for its label: about 1.1 lines of text per bar,
    at least 2.6 lines per group (a label wrapped on two lines), plus the axis and the legend."""
    size = max(12, round(width * SCALE / 40)) / SCALE
    per_group = max(2.6, 1.1 * max(series, 1) + 0.6) * size * 1.2
    return max(200, round(per_group * max(groups, 1) + size * 9))


def hbars_png(
    groups: Sequence[str],
    series: Sequence[Series],
    *,
    width: int = 900,
    height: int | None = None,
    title: str | None = None,
    percent: bool = True,
) -> bytes:
    """Grouped horizontal bars: the labels of `groups` on the left (wrapped on up to three lines), one bar
    per series for each, the value written after each bar, the axis (0–100 %, or counts with
    ``percent=False``) under them and the legend at the bottom. Without ``height``, ``hbars_height``."""
    if height is None:
        height = hbars_height(len(groups), len(series), width=width)
    _check_size(width, height)
    w, h = width * SCALE, height * SCALE
    image = Image.new("RGB", (w, h), WHITE)
    draw = ImageDraw.Draw(image)
    size = max(12, round(w / 40))
    top = size * 3 if title else size * 1.5
    if title:
        _text_block(draw, (w / 2, size * 1.4), [title], _font(round(size * 1.15), bold=True))
    legend_h = _legend_height(draw, series, w - 2 * size, size)
    label_w = w * 0.36
    left, right = size + label_w + size * 0.6, w - size * 3.5
    bottom = h - legend_h - size * 2.8
    small = _font(round(size * 0.8))
    axis_top, ticks = _axis(series, percent)
    for tick in ticks:
        x = left + (right - left) * tick / axis_top
        draw.line((x, top, x, bottom), fill=GRID, width=SCALE)
        draw.text((x, bottom + size * 0.4), _tick_label(tick, percent), font=small, fill=INK, anchor="mt")
    draw.line((left, top, left, bottom), fill=INK, width=SCALE)
    draw.line((left, bottom, right, bottom), fill=INK, width=SCALE)
    count = max(len(groups), 1)
    slot = (bottom - top) / count
    bars = max(len(series), 1)
    bar_h = slot * 0.8 / bars
    label_font = _font(size)
    for g, label in enumerate(groups):
        y0 = top + slot * g + slot * 0.1
        for s, item in enumerate(series):
            value = item.values[g] if g < len(item.values) else 0.0
            x = left + (right - left) * _clamp(value, axis_top) / axis_top
            y = y0 + s * bar_h
            draw.rectangle((left, y + SCALE, max(x, left + SCALE), y + bar_h - SCALE), fill=_colour(s))
            if bar_h > size * 0.7:
                draw.text(
                    (x + size * 0.3, y + bar_h / 2),
                    _value_label(value, percent),
                    font=small,
                    fill=INK,
                    anchor="lm",
                )
        lines = _wrap(draw, label, label_font, label_w, lines_max=max(1, min(3, int(slot / (size * 1.2)))))
        _text_block(draw, (left - size * 0.6, top + slot * (g + 0.5)), lines, label_font, anchor="rm")
    _legend(draw, series, size, h - legend_h - size * 0.5 + size * 0.75, w - 2 * size, size)
    return _png(image, width, height)
