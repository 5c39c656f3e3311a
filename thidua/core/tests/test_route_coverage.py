"""Every page of the site is in some app's route × role matrix (core/tests/route_matrix.py), so a new route
cannot ship without saying who may call it.

Not walked: Django admin (/quan-tri/, system administrators only, tested in test_admin_pages), the API (/api/v1/,
checked against its OpenAPI document in thidua/api/tests) and the language switch (/i18n/)."""

from collections.abc import Iterator
from importlib import import_module
from pathlib import Path

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver

import thidua
from thidua.core.tests.route_matrix import RouteMatrix, changed_tables, database_state

NOT_WALKED = ("quan-tri/", "api/v1/", "i18n/", "static/", "media/")


def site_routes(resolver=None, prefix: str = "", namespace: str = "") -> Iterator[tuple[str, str | None]]:
    """(path, "namespace:name") of every page of the site outside `NOT_WALKED`."""
    for entry in (resolver or get_resolver()).url_patterns:
        path = prefix + str(entry.pattern)
        if path.startswith(NOT_WALKED):
            continue
        if isinstance(entry, URLResolver):
            inner = ":".join(filter(None, [namespace, entry.namespace]))
            yield from site_routes(entry, path, inner)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            yield "/" + path, name


def route_matrices() -> list[RouteMatrix]:
    """The matrices the installed apps' test modules declare (modules that build a `RouteMatrix`)."""
    root = Path(thidua.__file__).parent
    matrices = []
    for path in sorted(root.glob("*/tests/test_*.py")):
        app = path.relative_to(root).parts[0]
        if not apps.is_installed(f"thidua.{app}") or "RouteMatrix(" not in path.read_text(encoding="utf-8"):
            continue
        module = import_module(".".join(("thidua", *path.relative_to(root).with_suffix("").parts)))
        matrices += [value for value in vars(module).values() if isinstance(value, RouteMatrix)]
    return matrices


def test_every_page_is_in_a_route_matrix():
    covered = set().union(*(matrix.route_names for matrix in route_matrices()))
    missing = [f"{path} ({name or 'no name'})" for path, name in site_routes() if name not in covered]
    assert missing == [], "routes in no app's route × role matrix:\n" + "\n".join(missing)


def test_the_walk_sees_the_pages_and_skips_admin_api_and_i18n():
    routes = dict(site_routes())
    assert routes["/phong-trao/"] == "movements:list"
    assert routes["/"] == "core:home"
    assert not any(path.startswith(("/quan-tri/", "/api/", "/i18n/")) for path in routes)


def test_every_urls_module_has_one_matrix():
    """One matrix per urls module: an app whose pages come in parts (reports: statistics, fairness, statutory
    forms, the Director's year) has a matrix per part, under the app's one namespace."""
    modules = [matrix.urls.__name__ for matrix in route_matrices()]
    assert len(modules) == len(set(modules)), modules
    namespaces = {matrix.urls.app_name for matrix in route_matrices()}
    assert {name.partition(":")[0] for _, name in site_routes() if name} <= namespaces


@pytest.mark.django_db
def test_the_database_state_sees_a_write(org_tree):
    before = database_state()
    org_tree["div_a"].name = "Văn phòng"
    org_tree["div_a"].save()
    assert changed_tables(before, database_state()) == ["organizations.Organization"]
