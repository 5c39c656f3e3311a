"""Every page of clusters and blocs: the route × role matrix (its three parts are written beside the views they
cover: matrix_setup, matrix_scoring, matrix_documents), run over the world of tests/world.py."""

from typing import Any

from thidua.clusters import urls
from thidua.core.tests.route_matrix import Route, RouteMatrix

from . import matrix_documents, matrix_scoring, matrix_setup
from .world import ROLES

PARTS = (matrix_setup, matrix_scoring, matrix_documents)


def routes(world: dict[str, Any]) -> dict[str, Route]:
    merged: dict[str, Route] = {}
    for part in PARTS:
        merged.update(part.routes(world))
    return merged


MATRIX = RouteMatrix(
    urls=urls,
    routes=routes,
    allowed={name: roles for part in PARTS for name, roles in part.ALLOWED.items()},
    roles=ROLES,
    default=frozenset({"province_officer", "head_officer"}),
)
(
    test_every_route_is_covered_and_declares_its_permission,
    test_anonymous_is_sent_to_login,
    test_route_permissions,
) = MATRIX.tests()
