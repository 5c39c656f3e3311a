"""Read replicas (issue 16): the reads marked `read_only()` go to the replica when one is configured
(`DATABASE_REPLICA_URL`, docs/operations.md "Read replicas"); every other read, and every write, goes to default.

A read is marked only where reading a few seconds stale is fine and no write follows in the same request (the
statistics' aggregates, the public site, the registry's Excel export). Inside a transaction on default the reads
stay on default whatever the mark, so that a service reads its own writes.

The mark is a context variable, so it belongs to one thread or one asyncio task and never leaks to another.
This module imports only Django and the standard library (the lowest layer of .importlinter)."""

from __future__ import annotations

import contextvars
import inspect
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

REPLICA = "replica"

_marked: contextvars.ContextVar[bool] = contextvars.ContextVar("thidua_read_only", default=False)

F = TypeVar("F", bound=Callable[..., Any])


class read_only:  # lower case, like contextlib's context managers
    """Mark the reads inside as safe to serve from the replica (a few seconds stale).

    As a context manager: `with read_only(): tables = statistics(...)`. As a decorator on a function, a coroutine
    function or a generator function; on a generator function each step runs marked, so a streamed response's
    rows, read after the view has returned, are still read from the replica. Each use makes a fresh mark, so one
    decorated function may run in many threads at once."""

    def __init__(self) -> None:
        self._token: contextvars.Token[bool] | None = None

    def __enter__(self) -> read_only:
        self._token = _marked.set(True)
        return self

    def __exit__(self, *exc: object) -> None:
        assert self._token is not None
        _marked.reset(self._token)
        self._token = None

    def __call__(self, func: F) -> F:
        if inspect.isgeneratorfunction(func):

            @wraps(func)
            def steps(*args: Any, **kwargs: Any) -> Any:
                generator = func(*args, **kwargs)
                try:
                    while True:
                        with read_only():
                            try:
                                item = next(generator)
                            except StopIteration:
                                return
                        yield item
                finally:
                    with read_only():
                        generator.close()

            return steps  # type: ignore[return-value]

        if inspect.iscoroutinefunction(func):

            @wraps(func)
            async def awaited(*args: Any, **kwargs: Any) -> Any:
                with read_only():
                    return await func(*args, **kwargs)

            return awaited  # type: ignore[return-value]

        @wraps(func)
        def called(*args: Any, **kwargs: Any) -> Any:
            with read_only():
                return func(*args, **kwargs)

        return called  # type: ignore[return-value]


def replica_configured() -> bool:
    """A replica is configured (`THIDUA_READ_REPLICA`, set by `DATABASE_REPLICA_URL`) and named in DATABASES."""
    return bool(getattr(settings, "THIDUA_READ_REPLICA", False)) and REPLICA in connections.settings


def _in_transaction_on_default() -> bool:
    """Inside `transaction.atomic` on default: what it has written is not on the replica yet (or ever, if it rolls
    back). The blocks a test case opens around each test are not counted: they hold the test's fixtures, which a
    test that wants the replica puts there itself (the same exception Django makes for `atomic(durable=True)`)."""
    connection = connections[DEFAULT_DB_ALIAS]
    return connection.in_atomic_block and any(
        not getattr(block, "_from_testcase", False) for block in connection.atomic_blocks
    )


def _who_is_asking(model: type) -> bool:
    """The reader's session and account: always read from default, even inside `read_only()` (a public page
    checks `request.user` lazily). A login a moment old is not on the replica yet: read there, its session would
    look empty and Django would delete the reader's session cookie, signing them out."""
    label = getattr(getattr(model, "_meta", None), "label", "")
    return label in {"sessions.Session", settings.AUTH_USER_MODEL}


def reads_from_replica() -> bool:
    """Whether a read made now goes to the replica."""
    return _marked.get() and replica_configured() and not _in_transaction_on_default()


class ReplicaRouter:
    """Reads marked `read_only()` to the replica when one is configured and no transaction is open on default,
    but for the reader's session and account; everything else to default. Installed always: without a replica it sends everything to default."""

    def db_for_read(self, model: type, **hints: Any) -> str:
        # Explicitly default outside the mark (not None): an object read from the replica must not pull its
        # relations from the replica later, outside `read_only()`, through Django's instance hint.
        return REPLICA if reads_from_replica() and not _who_is_asking(model) else DEFAULT_DB_ALIAS

    def db_for_write(self, model: type, **hints: Any) -> str:
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool | None:
        databases = {DEFAULT_DB_ALIAS, REPLICA}
        if obj1._state.db in databases and obj2._state.db in databases:
            return True
        return None

    def allow_migrate(self, db: str, app_label: str, model_name: str | None = None, **hints: Any) -> bool:
        # A real replica gets its schema by replication; the tests' stand-in has nothing replicating into it, so
        # the test settings let it be built like default.
        if db == DEFAULT_DB_ALIAS:
            return True
        return db == REPLICA and bool(getattr(settings, "THIDUA_REPLICA_STAND_IN", False))
