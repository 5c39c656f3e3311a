"""The light emphasis markup of movement texts: ``**bold**`` and ``*italic*``, as in the letters.

Stored in the movement's text fields so that the regenerated letter carries the same emphasis as the original
(the theme in bold, the names of other movements in italics).
"""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from thidua.documents.layout import Run

_EMPHASIS = re.compile(r"\*\*(?P<bold>.+?)\*\*|\*(?P<italic>[^*]+?)\*", re.DOTALL)


def runs(text: str) -> tuple[str | Run, ...]:
    """Split marked-up text into plain strings and emphasised runs."""
    parts: list[str | Run] = []
    position = 0
    for match in _EMPHASIS.finditer(text):
        if match.start() > position:
            parts.append(text[position : match.start()])
        if match["bold"] is not None:
            parts.append(Run(match["bold"], bold=True))
        else:
            parts.append(Run(match["italic"], italic=True))
        position = match.end()
    if position < len(text):
        parts.append(text[position:])
    return tuple(parts)


def plain(text: str) -> str:
    """The text without the markup."""
    return "".join(part if isinstance(part, str) else part.text for part in runs(text))


def to_html(text: str) -> SafeString:
    """HTML with <strong> and <em>; everything else escaped."""
    out: list[str] = []
    for part in runs(text):
        if isinstance(part, str):
            out.append(escape(part))
        elif part.bold:
            out.append(f"<strong>{escape(part.text)}</strong>")
        else:
            out.append(f"<em>{escape(part.text)}</em>")
    return mark_safe("".join(out))
