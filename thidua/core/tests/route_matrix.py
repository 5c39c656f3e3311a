"""The route × role matrix every app's page tests use.

An app's test module says, for each of its routes, how to call it (`routes(world)`) and which roles get through
(`allowed`); `RouteMatrix.tests()` returns the three tests of the matrix:

- every route of the app's urls module is in the matrix and declares its permission (`@view_permission`);
- an anonymous user is sent to the login page (public routes answer instead);
- each role × route: a role in `allowed` gets through (200, or a redirect that is not to the login page); any
  other logged-in role gets 403 or 404, and a refused POST leaves the database as it was.

One test per role (and one for anonymous users) walks every route, each call in a savepoint rolled back after it:
every call meets the world as the fixture built it, and the world is built once per role instead of once per call
(2,000 calls across the apps; a world costs from a tenth of a second to three seconds). A failing test lists every
wrong answer of its role.

The module must provide two fixtures: `world` (the records the routes name) and `people` (role → user, see
`make_people`)::

    MATRIX = RouteMatrix(urls=urls, routes=routes, allowed=ALLOWED)
    (
        test_every_route_is_covered_and_declares_its_permission,
        test_anonymous_is_sent_to_login,
        test_route_permissions,
    ) = MATRIX.tests()

A case where the code answers otherwise than it should stays written as it should be and is listed in `xfail`
(strict: it fails the suite once the code is fixed, so the mark is then removed).

`thidua/core/tests/test_route_coverage.py` fails when a route of the site is in no app's matrix.
"""

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

import pytest
from django.apps import apps

Route = tuple[str, str, dict[str, Any]]  # (method, url, data)

LOGIN_PATH = "/tai-khoan/dang-nhap/"
ANONYMOUS = "anonymous"

# The users of a matrix: the standing office's officer of the agency, the heads of its two divisions, a member of
# staff of division A (linked to a person of division A), the officer of another agency; and, where a route
# concerns them, the agency's signing leader, a council member, a system administrator (granted at the root of
# the tree) and an administrator granted in another agency (a wide role: that agency's subtree only).
ROLES = ("officer", "head_a", "head_b", "staff_a", "other_officer")


def make_people(make_user, org_tree, **known: Any) -> dict[str, Any]:
    """Every role of a matrix as a user in `org_tree`; users the app's fixtures already made are passed in
    `known` (role → user) and kept — pass a `staff_a` linked to a person of division A where the routes show
    a person's own records."""
    from thidua.accounts.models import Role

    wanted = {
        "officer": (Role.OFFICER, "agency", True),
        "head_a": (Role.UNIT_HEAD, "div_a", False),
        "head_b": (Role.UNIT_HEAD, "div_b", False),
        "staff_a": (Role.STAFF, "div_a", False),
        "other_officer": (Role.OFFICER, "other", True),
        "signer": (Role.SIGNER, "agency", True),
        "council": (Role.COUNCIL_MEMBER, "agency", True),
        "admin": (Role.ADMIN, "province", True),
        "other_admin": (Role.ADMIN, "other", True),  # an administrator granted in another agency only
    }
    people = dict(known)
    for who, (role, unit, subunits) in wanted.items():
        if who not in people:
            people[who] = make_user(role, org_tree[unit], include_subunits=subunits, username=f"m_{who}")
    return people


def people_of_facts_world(make_user, org_tree, facts_world) -> dict[str, Any]:
    """`make_people` on top of the users `facts_world` (thidua/exchange/tests/conftest.py) already made."""
    return make_people(
        make_user,
        org_tree,
        officer=facts_world["officer"],
        head_a=facts_world["head_a"],
        staff_a=facts_world["staff"],
        other_officer=facts_world["other_officer"],
    )


def database_state() -> dict[str, list[tuple]]:
    """Every row of every table of the project's apps, to compare before and after a refused request."""
    state = {}
    for model in apps.get_models():
        meta = model._meta
        if not meta.app_config.name.startswith("thidua.") or meta.proxy or not meta.managed:
            continue
        state[meta.label] = list(model._base_manager.order_by("pk").values_list())
    return state


def changed_tables(before: dict[str, list[tuple]], after: dict[str, list[tuple]]) -> list[str]:
    return sorted(label for label in before.keys() | after.keys() if before.get(label) != after.get(label))


def _call(client, route: Route):
    method, url, data = route
    return getattr(client, method)(url, data)


@dataclass(frozen=True)
class RouteMatrix:
    """Who may call each route of one app.

    `allowed` maps a route name to the roles that get through; a route not named there lets `default` through.
    `public` routes are open to everyone, logged in or not. `xfail` maps (route, role) — the role may be
    `ANONYMOUS` — to the reason the code answers wrongly today.

    A route called two ways (a page read with GET and written with POST) has its second call as a variant,
    `"detail+upload"`: listed in `variants`, given by `routes` under that key, with its own `allowed` entry.
    """

    urls: ModuleType
    routes: Callable[[Any], Mapping[str, Route]]
    allowed: Mapping[str, Collection[str]]
    roles: Collection[str] = ROLES
    default: Collection[str] = frozenset({"officer"})
    public: Collection[str] = frozenset()
    xfail: Mapping[tuple[str, str], str] = field(default_factory=dict)
    variants: Collection[str] = ()

    @property
    def names(self) -> list[str]:
        return [pattern.name for pattern in self.urls.urlpatterns]

    @property
    def route_names(self) -> set[str]:
        """The routes covered, as `namespace:name` (what `reverse` takes)."""
        return {f"{self.urls.app_name}:{name}" for name in self.names}

    @property
    def keys(self) -> list[str]:
        """The calls of the matrix: each route, then each variant."""
        return [*self.names, *self.variants]

    def allows(self, name: str, role: str) -> bool:
        return name in self.public or role in self.allowed.get(name, self.default)

    def _check(self, client, world, people, name: str, role: str) -> None:
        """One call of the matrix, asserted: the role gets through or is refused, a refused POST changes nothing."""
        route = self.routes(world)[name]
        if role == ANONYMOUS:
            before = database_state() if route[0] == "post" and name not in self.public else None
            response = _call(client, route)
            if name in self.public:
                assert response.status_code in (200, 302), (name, response.status_code)
                return
            assert response.status_code == 302, (name, response.status_code)
            assert response["Location"].startswith(LOGIN_PATH), (name, response["Location"])
            if before is not None:
                assert changed_tables(before, database_state()) == [], name
            return
        client.force_login(people[role])
        before = database_state() if route[0] == "post" else None
        response = _call(client, route)
        answer = (name, role, response.status_code)
        if self.allows(name, role):
            assert response.status_code in (200, 302), answer
            if response.status_code == 302 and name not in self.public:  # logging out leads to login
                assert not response["Location"].startswith(LOGIN_PATH), answer
        else:
            assert response.status_code in (403, 404), answer
            if before is not None:
                assert changed_tables(before, database_state()) == [], answer

    def check_role(self, client, world, people, role: str) -> None:
        """Every route for one role (or ANONYMOUS), each call in a savepoint rolled back after it, so every call
        meets the world as the fixture built it — the world is built once per role, not once per call. Fails
        with every wrong answer at once; a case in `xfail` must fail (strict)."""
        from django.core.cache import cache
        from django.db import transaction

        problems = []
        for name in self.keys:
            reason = self.xfail.get((name, role))
            with transaction.atomic():
                cache.clear()
                client.logout()
                try:
                    self._check(client, world, people, name, role)
                except AssertionError as failure:
                    if reason is None:
                        problems.append(f"{name}-{role}: {failure}")
                else:
                    if reason is not None:
                        problems.append(
                            f"{name}-{role}: passes but is marked xfail ({reason}); remove the mark"
                        )
                transaction.set_rollback(True)
        assert not problems, "\n".join(problems)

    def tests(self) -> tuple[Callable, Callable, Callable]:
        """The matrix's three tests, to bind to module-level names starting with `test_`."""
        matrix = self
        named = set(self.allowed) | set(self.public) | {route for route, _ in self.xfail}
        unknown = named - set(self.keys)
        assert not unknown, f"the matrix names routes the app does not have: {sorted(unknown)}"
        orphans = {v for v in self.variants if v.partition("+")[0] not in self.names}
        assert not orphans, f"variants of routes the app does not have: {sorted(orphans)}"

        def test_every_route_is_covered_and_declares_its_permission(world):
            assert set(matrix.routes(world)) == set(matrix.keys)
            for pattern in matrix.urls.urlpatterns:
                view = getattr(pattern.callback, "view_class", pattern.callback)
                assert getattr(view, "thidua_permission", None), pattern.name
                if pattern.name in matrix.public:
                    assert view.thidua_permission == "public", pattern.name

        def test_anonymous_is_sent_to_login(client, world):
            matrix.check_role(client, world, None, ANONYMOUS)

        @pytest.mark.parametrize("role", list(self.roles))
        def test_route_permissions(client, world, people, role):
            matrix.check_role(client, world, people, role)

        return (
            test_every_route_is_covered_and_declares_its_permission,
            test_anonymous_is_sent_to_login,
            test_route_permissions,
        )
