"""The bloc's dashboard tile (being written)."""

from __future__ import annotations

from typing import Any


def bloc_tile(request: Any) -> dict | None:
    return None
