"""Text widths from the vendored Liberation Serif files.

Liberation Serif is metric-compatible with Times New Roman, so these widths are also the widths Word gives
the DOCX: the renderer uses them to size the rules under the issuer name, the motto and the abstract.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from fontTools.ttLib import TTFont

FONT_DIR = Path(__file__).resolve().parent.parent / "fonts"
FONT_FILES = {
    (False, False): "LiberationSerif-Regular.ttf",
    (True, False): "LiberationSerif-Bold.ttf",
    (False, True): "LiberationSerif-Italic.ttf",
    (True, True): "LiberationSerif-BoldItalic.ttf",
}


@cache
def _advances(bold: bool, italic: bool) -> tuple[dict[int, int], int]:
    font = TTFont(FONT_DIR / FONT_FILES[bold, italic], lazy=True)
    hmtx = font["hmtx"]
    widths = {code: hmtx[glyph][0] for code, glyph in font.getBestCmap().items()}
    return widths, font["head"].unitsPerEm


def text_width_pt(text: str, size_pt: float, *, bold: bool = False, italic: bool = False) -> float:
    """Advance width of ``text`` on one line, in points (no kerning: Word does not kern by default)."""
    widths, units_per_em = _advances(bold, italic)
    fallback = widths.get(ord("n"), units_per_em // 2)
    return sum(widths.get(ord(c), fallback) for c in text) * size_pt / units_per_em
