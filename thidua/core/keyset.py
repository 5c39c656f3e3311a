"""Keyset pagination: a page is the rows after (or before) the last row seen, in a total order of a few columns —
one indexed range read whatever the page's depth, where OFFSET reads and throws away every row before it and a
page count needs COUNT over all of them.

The cursor is the ordering's values of the boundary row, in the URL as opaque text (`?sau=…` / `?truoc=…`). A
cursor that does not decode is the first page (a reader's edited URL is not an error worth a 400).

    page = keyset_page(qs, order=("sort_key", "pk"), after=request.GET.get("sau"), size=50)
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet


@dataclass
class KeysetPage:
    """One page: its rows, the cursors of the pages after and before it (None at either end), and whether it is
    the first page."""

    object_list: list[Any]
    next_cursor: str | None = None
    previous_cursor: str | None = None
    is_first: bool = True
    order: tuple[str, ...] = field(default=())

    @property
    def has_other_pages(self) -> bool:
        return bool(self.next_cursor or self.previous_cursor or not self.is_first)

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self) -> int:
        return len(self.object_list)


def encode_cursor(values: list[Any]) -> str:
    raw = json.dumps(values, ensure_ascii=False, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str | None, width: int, types: tuple[type, ...] | None = None) -> list[Any] | None:
    """The values of a cursor, or None when there is none or it is not one of ours (nor, given `types`, of this
    list: another list's cursor has other types)."""
    if not cursor:
        return None
    try:
        values = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (ValueError, binascii.Error, UnicodeDecodeError):
        return None
    if not isinstance(values, list) or len(values) != width:
        return None
    if not all(isinstance(v, (str, int)) and not isinstance(v, bool) for v in values):
        return None
    if types is not None and [type(v) for v in values] != list(types):
        return None
    return values


def _beyond(order: tuple[str, ...], values: list[Any], *, forward: bool) -> Q:
    """Rows strictly after (`forward`) or before the boundary in the lexicographic order of `order`:
    (a > x) OR (a = x AND b > y) OR …"""
    lookup = "gt" if forward else "lt"
    condition = Q(pk__in=[])
    for depth, name in enumerate(order):
        step = Q(**{f"{name}__{lookup}": values[depth]})
        for prior in range(depth):
            step &= Q(**{order[prior]: values[prior]})
        condition |= step
    return condition


def _values(row: Any, order: tuple[str, ...]) -> list[Any]:
    return [getattr(row, "pk" if name == "pk" else name) for name in order]


def keyset_page(
    qs: QuerySet,
    *,
    order: tuple[str, ...],
    size: int,
    after: str | None = None,
    before: str | None = None,
    types: tuple[type, ...] | None = None,
) -> KeysetPage:
    """The page after the cursor `after` (or before `before`; the first page when neither decodes, or when its
    values are not of `types`), ascending on every column of `order` (the last one unique, e.g. "pk"). One query:
    it asks for one row more than the page to know whether another page follows.

    The condition names the first column as a plain range too (`a >= x` beside the OR of columns), so that the
    planner reads the index from the cursor on rather than filtering it from its start."""
    after_values = decode_cursor(after, len(order), types)
    before_values = None if after_values is not None else decode_cursor(before, len(order), types)
    lead = order[0]
    if before_values is not None:
        rows = list(
            qs.filter(**{f"{lead}__lte": before_values[0]})
            .filter(_beyond(order, before_values, forward=False))
            .order_by(*[f"-{n}" for n in order])[: size + 1]
        )
        more = len(rows) > size
        rows = rows[:size][::-1]
        return KeysetPage(
            rows,
            next_cursor=encode_cursor(_values(rows[-1], order)) if rows else None,
            previous_cursor=encode_cursor(_values(rows[0], order)) if rows and more else None,
            is_first=not more,
            order=order,
        )
    if after_values is not None:
        qs = qs.filter(**{f"{lead}__gte": after_values[0]}).filter(_beyond(order, after_values, forward=True))
    rows = list(qs.order_by(*order)[: size + 1])
    more = len(rows) > size
    rows = rows[:size]
    is_first = after_values is None
    return KeysetPage(
        rows,
        next_cursor=encode_cursor(_values(rows[-1], order)) if rows and more else None,
        previous_cursor=encode_cursor(_values(rows[0], order)) if rows and not is_first else None,
        is_first=is_first,
        order=order,
    )
