"""The seams through which apps plug into the product, filled by each app's `AppConfig.ready()`.

No central list names an app: an app adds its page sections, API router, menu entries, Excel kinds, document
kinds, dashboard tiles, demo steps and the facts it adds to a person's years here when Django starts, so
removing it from INSTALLED_APPS removes all of them and nothing else breaks. Readers (the person and unit
pages, the API, the menu, the exchange toolkit, the document views and commands, the dashboard, `seed_demo`)
ask the registry. A lower app that must show something of a higher one (see the layers in
docs/architecture.md) goes through here, never through an import.

    class MovementsConfig(AppConfig):
        def ready(self):
            registry.api_router("thidua.movements.api")
            registry.document_kind(DocumentKind("movement-launch", ...))
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import wraps
from importlib import import_module
from typing import Any

# (request, obj) → {"template": ..., "context": ...} or None when the section has nothing to show.
Section = Callable[[Any, Any], "dict | None"]
# (request) → {"title", "items": [{"label", "url", "count"?, "due"?, "tone"?}]} or None.
Tile = Callable[[Any], "dict | None"]
# (award) → None, or raises ValidationError: a higher app's rule on an award about to be saved (e.g. a
# movement's planned awards), called by the commendations services before they save it.
AwardCheck = Callable[[Any], None]
# (awards) → {award id: [(label, url), ...]}: the documents a higher app holds for awards of the registry (the
# decision's signed PDF, the certificate), read for a whole page of awards at once (no query per award).
AwardLinks = Callable[[Any], "dict[int, list[tuple[str, str]]]"]
# (batch, organization) → True when a higher app lets `batch` name `organization`, a collective outside the
# batch's unit (a bloc's head proposes its members to the province: `thidua.clusters`).
CollectiveProposer = Callable[[Any, Any], bool]
# (demo: DemoData) → a one-line summary for the log (or None).
DemoStep = Callable[["DemoData"], "str | None"]


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
class DemoData:
    """What the steps of `manage.py seed_demo` share: its options, and what the earlier steps built (the
    organizations step sets `orgs` and `people`, the accounts step `accounts`)."""

    rng: Any
    first_year: int
    last_year: int
    people_count: int
    extra_agencies: int
    orgs: Any = None
    people: list = field(default_factory=list)
    accounts: list[tuple[str, str]] = field(default_factory=list)
    password: str = ""


def demo_facts(build: Callable[..., str | None]) -> DemoStep:
    """A demo step from an app's `build(*, rng, orgs, people, first_year, last_year)`."""

    @wraps(build)
    def step(demo: DemoData) -> str | None:
        return build(
            rng=demo.rng,
            orgs=demo.orgs,
            people=demo.people,
            first_year=demo.first_year,
            last_year=demo.last_year,
        )

    return step


@dataclass(frozen=True)
class PersonYearFacts:
    """Facts of another app shown in the person's table of years (appraisals.selectors.person_years).

    `rows(person)` returns a queryset annotated with `y`, `a`, `b`, `c`, each cast to text (the year and three
    values), so that every contribution joins the one UNION query; the table's cell `key` gets, for each row,
    the dict `{fields[0]: a, fields[1]: b, fields[2]: c}`."""

    key: str
    rows: Callable[[Any], Any]
    fields: tuple[str, str, str]


@dataclass(frozen=True)
class TemplateKind:
    """A kind of Word template the office may replace (decision, tờ trình, certificate, award list): `spec` is a
    `documents.word_templates.TemplateSpec` (its fields, samples, required fields, paper); `default()` returns the
    bytes of the built-in .docx template the office downloads and edits."""

    key: str
    label: Any
    spec: Any
    default: Callable[[], bytes]


@dataclass
class Registry:
    # Sections other apps add to a page, by the page's kind ("person", "unit", "batch", "nomination", ...).
    page_sections: dict[str, list[tuple[int, Section]]] = field(default_factory=dict)
    api_routers: list[tuple[str, str]] = field(default_factory=list)
    nav_entries: list[NavEntry] = field(default_factory=list)
    public_links: list[NavEntry] = field(default_factory=list)
    excel_kinds: dict[str, Any] = field(default_factory=dict)
    document_kinds: dict[str, DocumentKind] = field(default_factory=dict)
    dashboard_tiles: list[tuple[int, Tile]] = field(default_factory=list)
    demo_steps: list[tuple[int, DemoStep]] = field(default_factory=list)
    demo_checks: list[Callable[[], bool]] = field(default_factory=list)
    person_year_facts: dict[str, PersonYearFacts] = field(default_factory=dict)
    award_check_list: list[AwardCheck] = field(default_factory=list)
    award_link_list: list[AwardLinks] = field(default_factory=list)
    template_kind_map: dict[str, TemplateKind] = field(default_factory=dict)
    collective_proposers: list[CollectiveProposer] = field(default_factory=list)

    # ---- writing (from AppConfig.ready)

    def section(self, kind: str, section: Section, *, order: int = 100) -> None:
        """A section of another app's page of `kind`: `section(request, obj)` returns a dict for the page's
        section template (or None to show nothing)."""
        self.page_sections.setdefault(kind, []).append((order, section))

    def person_section(self, section: Section, *, order: int = 100) -> None:
        self.section("person", section, order=order)

    def unit_section(self, section: Section, *, order: int = 100) -> None:
        self.section("unit", section, order=order)

    def api_router(self, module_path: str, *, prefix: str = "/") -> None:
        """A module whose `router` (a django-ninja Router) is mounted under /api/v1/ at `prefix`."""
        self.api_routers.append((prefix, module_path))

    def nav(self, *entries: NavEntry) -> None:
        self.nav_entries.extend(entries)

    def public_link(self, *entries: NavEntry) -> None:
        """Links shown to everyone, signed in or not, in the page footer (e.g. the public legal library)."""
        self.public_links.extend(entries)

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

    def demo_step(self, step: DemoStep, *, order: int, present: Callable[[], bool] | None = None) -> None:
        """A step of `manage.py seed_demo`, run in `order` (lower first) in its own transaction: the tree and
        people 10, accounts 20, then the yearly facts; a step that reads another's data takes a higher order.
        `present()` says the step's data is already in the database (seed_demo then refuses or skips)."""
        self.demo_steps.append((order, step))
        if present is not None:
            self.demo_checks.append(present)

    def person_year(self, facts: PersonYearFacts) -> None:
        if facts.key in self.person_year_facts:
            raise ValueError(f"two sources of the person's {facts.key!r} by year")
        self.person_year_facts[facts.key] = facts

    def award_check(self, check: AwardCheck) -> None:
        """A rule of a higher app on an award the commendations services are about to save (create or
        update): it raises ValidationError to refuse it."""
        self.award_check_list.append(check)

    def award_links(self, links: AwardLinks) -> None:
        """Documents of awards held by a higher app (a decision's signed file, a certificate), shown beside each
        award of the registry pages."""
        self.award_link_list.append(links)

    def template_kind(self, kind: TemplateKind) -> None:
        if kind.key in self.template_kind_map:
            raise ValueError(f"two template kinds named {kind.key!r}")
        self.template_kind_map[kind.key] = kind

    def collective_proposer(self, proposer: CollectiveProposer) -> None:
        """A higher app's rule letting a batch name collectives outside its unit (see `CollectiveProposer`)."""
        self.collective_proposers.append(proposer)

    # ---- reading

    def may_propose_collective(self, batch: Any, organization: Any) -> bool:
        return any(proposer(batch, organization) for proposer in self.collective_proposers)

    def links_for_awards(self, awards: Any) -> dict[int, list[tuple[str, str]]]:
        awards = list(awards)
        merged: dict[int, list[tuple[str, str]]] = {}
        for links in self.award_link_list:
            for award_id, items in links(awards).items():
                merged.setdefault(award_id, []).extend(items)
        return merged

    def template_kinds(self) -> list[TemplateKind]:
        return list(self.template_kind_map.values())

    def award_checks(self) -> list[AwardCheck]:
        return list(self.award_check_list)

    def sections_for(self, kind: str) -> list[Section]:
        entries = self.page_sections.get(kind, [])
        return [section for _order, section in sorted(entries, key=lambda e: e[0])]

    def routers(self) -> list[tuple[str, Any]]:
        return [(prefix, import_module(path).router) for prefix, path in self.api_routers]

    def menu(self) -> list[NavEntry]:
        return sorted(self.nav_entries, key=lambda e: e.order)

    def tiles(self) -> list[Tile]:
        return [tile for _order, tile in sorted(self.dashboard_tiles, key=lambda e: e[0])]

    def demo(self) -> list[DemoStep]:
        return [step for _order, step in sorted(self.demo_steps, key=lambda e: e[0])]

    def demo_present(self) -> bool:
        return any(check() for check in self.demo_checks)


registry = Registry()


def render_sections(kind: str, request: Any, obj: Any) -> list[dict]:
    """The sections the installed apps add to a page of `kind` (person, unit, batch, ...), in their order."""
    sections = []
    for section in registry.sections_for(kind):
        rendered = section(request, obj)
        if rendered:
            sections.append(rendered)
    return sections
