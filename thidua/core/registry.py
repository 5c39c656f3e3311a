"""The seams through which apps plug into the product, filled by each app's `AppConfig.ready()`.

No central list names an app: an app adds its page sections, API router, menu entries, Excel kinds, document
kinds and dashboard tiles here when Django starts, so removing it from INSTALLED_APPS removes all of them and
nothing else breaks. Readers (the person and unit pages, the API, the menu, the exchange toolkit, the document
views and commands, the dashboard) ask the registry.

    class MovementsConfig(AppConfig):
        def ready(self):
            registry.api_router("thidua.movements.api")
            registry.document_kind(DocumentKind("movement-launch", ...))
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import import_module
from typing import Any

# (request, obj) → {"template": ..., "context": ...} or None when the section has nothing to show.
Section = Callable[[Any, Any], "dict | None"]
# (request) → {"title", "items": [{"label", "url", "count"?, "due"?, "tone"?}]} or None.
Tile = Callable[[Any], "dict | None"]


@dataclass(frozen=True)
class NavEntry:
    """A menu item: the roles that see it (empty: everyone), its group (a dropdown), its place."""

    url_name: str
    label: Any
    roles: tuple[str, ...] = ()
    admin_only: bool = False
    group: Any = ""
    order: int = 100


@dataclass(frozen=True)
class DocumentKind:
    """A kind of official document an app renders in the Decree 30/2020 layout.

    `find(key)` returns the source record for a code or id (None when there is none); `build(source,
    number_symbol, issued_on)` returns the layout's document (`thidua.documents.layout.Document`)."""

    purpose: str
    label: Any
    find: Callable[[str], Any]
    build: Callable[..., Any]


@dataclass
class Registry:
    person_sections: list[tuple[int, Section]] = field(default_factory=list)
    unit_sections: list[tuple[int, Section]] = field(default_factory=list)
    api_routers: list[tuple[str, str]] = field(default_factory=list)
    nav_entries: list[NavEntry] = field(default_factory=list)
    excel_kinds: dict[str, Any] = field(default_factory=dict)
    document_kinds: dict[str, DocumentKind] = field(default_factory=dict)
    dashboard_tiles: list[tuple[int, Tile]] = field(default_factory=list)

    # ---- writing (from AppConfig.ready)

    def person_section(self, section: Section, *, order: int = 100) -> None:
        self.person_sections.append((order, section))

    def unit_section(self, section: Section, *, order: int = 100) -> None:
        self.unit_sections.append((order, section))

    def api_router(self, module_path: str, *, prefix: str = "/") -> None:
        """A module whose `router` (a django-ninja Router) is mounted under /api/v1/ at `prefix`."""
        self.api_routers.append((prefix, module_path))

    def nav(self, *entries: NavEntry) -> None:
        self.nav_entries.extend(entries)

    def excel_kind(self, kind: Any) -> None:
        if kind.name in self.excel_kinds:
            raise ValueError(f"two Excel kinds named {kind.name!r}")
        self.excel_kinds[kind.name] = kind

    def document_kind(self, kind: DocumentKind) -> None:
        if kind.purpose in self.document_kinds:
            raise ValueError(f"two document kinds for {kind.purpose!r}")
        self.document_kinds[kind.purpose] = kind

    def dashboard_tile(self, tile: Tile, *, order: int = 100) -> None:
        self.dashboard_tiles.append((order, tile))

    # ---- reading

    def sections_for(self, kind: str) -> list[Section]:
        entries = self.person_sections if kind == "person" else self.unit_sections
        return [section for _order, section in sorted(entries, key=lambda e: e[0])]

    def routers(self) -> list[tuple[str, Any]]:
        return [(prefix, import_module(path).router) for prefix, path in self.api_routers]

    def menu(self) -> list[NavEntry]:
        return sorted(self.nav_entries, key=lambda e: e.order)

    def tiles(self) -> list[Tile]:
        return [tile for _order, tile in sorted(self.dashboard_tiles, key=lambda e: e[0])]


registry = Registry()


def render_sections(kind: str, request: Any, obj: Any) -> list[dict]:
    """The sections the installed apps add to the person or unit page, in their order."""
    sections = []
    for section in registry.sections_for(kind):
        rendered = section(request, obj)
        if rendered:
            sections.append(rendered)
    return sections
