"""The charts of a bloc's review, as PNG drawn with Pillow in the vendored Liberation Serif (Vietnamese
diacritics render whatever fonts the server has):

- the radar: one axis per criterion group, a member's score in the group as % of the group's maximum, several
  members overlaid with a legend;
- the grouped bars: for each criterion group, one bar per member (% of the group's maximum).

The score of a member in a group is that of the round's last stage present for it: the head's verified card,
else the mean of the other members' peer cards, else its own card (`round_group_scores`). Drawing is
deterministic: the same data gives the same bytes (a fixed palette, no timestamps in the PNG).
"""

from __future__ import annotations

import io
import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from PIL import Image, ImageDraw, ImageFont

from thidua.documents.layout.metrics import FONT_DIR, FONT_FILES
from thidua.organizations.models import Organization

from .models import CriterionGroup, CriterionKind, ScoringRound, Stage
from .selectors import round_member_ids, submitted_cards

ZERO = Decimal("0")
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
    """One member's values (per cent of each axis' maximum), in the order of the axes."""

    name: str
    values: tuple[float, ...]


@cache
def _font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT_DIR / FONT_FILES[(bold, False)]), size)


def _colour(index: int) -> tuple[int, int, int]:
    return PALETTE[index % len(PALETTE)]


def _wrap(draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont, width: float) -> list[str]:
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
    return lines[:3] or [""]


def _text_block(
    draw: ImageDraw.ImageDraw,
    xy: tuple[float, float],
    lines: list[str],
    font: ImageFont.FreeTypeFont,
    anchor: str = "mm",
) -> None:
    """Lines centred on `xy` (anchor "mm"), or starting there ("lm": left, vertically centred)."""
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
    if width < 200 or height < 200:
        raise ValueError("a chart needs at least 200 × 200 pixels")
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
) -> bytes:
    """Grouped bars: for each label of `groups`, one bar per series (0–100 % of the group's maximum), the
    value written above each bar, the legend under the chart."""
    if width < 200 or height < 200:
        raise ValueError("a chart needs at least 200 × 200 pixels")
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
    for tick in range(0, 101, 20):
        y = bottom - (bottom - top) * tick / 100
        draw.line((left, y, right, y), fill=GRID, width=SCALE)
        draw.text((left - size * 0.4, y), f"{tick}%", font=small, fill=INK, anchor="rm")
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
            y = bottom - (bottom - top) * _clamp(value) / 100
            x = x0 + s * bar_w
            draw.rectangle((x + SCALE, y, x + bar_w - SCALE, bottom), fill=_colour(s))
            if bar_w > size * 1.2:
                draw.text((x + bar_w / 2, y - size * 0.2), f"{value:.0f}", font=small, fill=INK, anchor="mb")
        lines = _wrap(draw, label, label_font, slot * 0.95)
        _text_block(
            draw, (left + slot * (g + 0.5), bottom + size * 0.6 + size * 0.6 * len(lines)), lines, label_font
        )
    _legend(draw, series, size, h - legend_h - size * 0.5 + size * 0.75, w - 2 * size, size)
    return _png(image, width, height)


# ---------------------------------------------------------------- the data of a round's charts


@dataclass(frozen=True)
class GroupScores:
    """The round's criterion groups (label, maximum) and each member's points per group, members in the
    round's ranking order."""

    groups: tuple[tuple[str, Decimal], ...]
    members: tuple[Organization, ...]
    points: dict[int, tuple[Decimal | None, ...]]

    def percent(self, member: Organization) -> tuple[float, ...]:
        values = []
        for (_label, top), value in zip(self.groups, self.points.get(member.pk, ()), strict=False):
            values.append(float(value / top * 100) if value is not None and top > 0 else 0.0)
        return tuple(values)

    def series(self, members: Sequence[Organization] | None = None) -> list[Series]:
        return [Series(short_name(m), self.percent(m)) for m in (members or self.members)]

    @property
    def labels(self) -> list[str]:
        return [label for label, _top in self.groups]


def short_name(org: Organization) -> str:
    return org.short_name or org.name


def round_group_scores(round_: ScoringRound, order: Sequence[int] | None = None) -> GroupScores:
    """Each member's points per criterion group at the round's last stage present for it (head, else the
    mean of the peers' cards, else self), in a few queries. `order`: member ids in the order wanted (the
    ranking); by default the round's members by sort key."""
    groups = list(
        CriterionGroup.objects.filter(table=round_.table)
        .prefetch_related("criteria")
        .order_by("position", "pk")
    )
    group_of: dict[int, int] = {}
    sign: dict[int, int] = {}
    for index, group in enumerate(groups):
        for criterion in group.criteria.all():
            group_of[criterion.pk] = index
            sign[criterion.pk] = -1 if criterion.kind == CriterionKind.PENALTY else 1
    member_ids = list(order) if order else round_member_ids(round_)
    members = {o.pk: o for o in Organization.objects.filter(pk__in=member_ids)}
    if not order:
        member_ids.sort(key=lambda pk: (members[pk].sort_key, pk) if pk in members else ("", pk))
    by_stage: dict[tuple[int, str], list[list[Decimal]]] = defaultdict(list)
    for card in submitted_cards(round_):
        if card.stage == Stage.PEER and card.scorer == card.target:
            continue  # a member's own peer card never counts
        totals = [ZERO] * len(groups)
        for criterion_id, value in card.points.items():
            if criterion_id in group_of:
                totals[group_of[criterion_id]] += sign[criterion_id] * value
        by_stage[(card.target, card.stage)].append(totals)
    points: dict[int, tuple[Decimal | None, ...]] = {}
    for member in member_ids:
        for stage in (Stage.HEAD, Stage.PEER, Stage.SELF):
            cards = by_stage.get((member, stage))
            if cards:
                points[member] = tuple(
                    sum((c[i] for c in cards), ZERO) / len(cards) for i in range(len(groups))
                )
                break
        else:
            points[member] = (None,) * len(groups)
    return GroupScores(
        groups=tuple((f"{g.code}. {g.title}", g.max_points) for g in groups),
        members=tuple(members[pk] for pk in member_ids if pk in members),
        points=points,
    )


def round_radar(
    scores: GroupScores,
    members: Sequence[Organization] | None = None,
    *,
    width: int = 900,
    height: int = 700,
    title: str | None = None,
) -> bytes:
    return radar_png(scores.labels, scores.series(members), width=width, height=height, title=title)


def round_bars(
    scores: GroupScores, *, width: int = 900, height: int = 600, title: str | None = None
) -> bytes:
    return bars_png(scores.labels, scores.series(), width=width, height=height, title=title)
