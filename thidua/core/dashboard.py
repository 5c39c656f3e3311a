"""The dashboard's building blocks: a tile is a titled list of pending things, each linking to where it is done.

Apps register tiles in their `AppConfig.ready()` (`core.registry.dashboard_tile`); a tile answers None for a user
it says nothing to. Items carry a tone: "danger" (overdue), "warning" (waiting for the user), "" (information).
"""

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Item:
    label: Any
    url: str | None = None
    count: int | None = None
    detail: Any = ""
    tone: str = ""


@dataclass
class Tile:
    title: Any
    items: list[Item] = field(default_factory=list)
    empty: Any = ""
    key: str = ""

    def as_dict(self) -> dict:
        return {"title": self.title, "items": self.items, "empty": self.empty, "key": self.key}
