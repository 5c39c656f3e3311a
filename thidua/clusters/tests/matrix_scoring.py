"""The scoring part of the clusters' route × role matrix (combined in test_views.py): how to call each route of
views_scoring.py with the world of tests/world.py, and which roles get through."""

from typing import Any

from thidua.core.tests.route_matrix import Route


def routes(world: dict[str, Any]) -> dict[str, Route]:
    return {}


ALLOWED: dict[str, set[str]] = {}
