"""Every page of clusters and blocs: the route × role matrix (its three parts are written beside the views they
cover: matrix_setup, matrix_scoring, matrix_documents), run over the world of tests/world.py."""

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction

from thidua.accounts.models import RoleGrant, User
from thidua.clusters import urls
from thidua.core.tests.route_matrix import Route, RouteMatrix

from . import matrix_documents, matrix_scoring, matrix_setup
from .conftest import build_bloc
from .world import ROLES, build_people, build_world

PARTS = (matrix_setup, matrix_scoring, matrix_documents)


def routes(world: dict[str, Any]) -> dict[str, Route]:
    merged: dict[str, Route] = {}
    for part in PARTS:
        merged.update(part.routes(world))
    return merged


def _make_user(role: Any = None, organization: Any = None, *, username: str, **extra: Any) -> User:
    user = User.objects.create_user(username=username, password="x-Password-123", **extra)
    if role is not None:
        RoleGrant.objects.create(user=user, role=role, organization=organization)
    return user


@pytest.fixture(scope="module")
def _shared(django_db_setup: Any, django_db_blocker: Any) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    """The world built once for the module's ~400 requests, inside a transaction rolled back at its end; each
    test runs in a savepoint of it (pytest-django's `db`), so what a request writes is undone after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        bloc = build_bloc(_make_user)
        yield build_world(bloc), build_people(bloc, _make_user)
        transaction.set_rollback(True)


@pytest.fixture
def world(_shared: Any, db: Any) -> dict[str, Any]:
    return _shared[0]


@pytest.fixture
def people(_shared: Any, db: Any) -> dict[str, Any]:
    return _shared[1]


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
