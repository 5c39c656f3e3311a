"""Database helpers shared by the services.

:func:`refuse_duplicate` closes the window between a service's uniqueness check (``full_clean``) and its
insert: when the same form is sent twice at once, both requests pass the check, one insert wins and the
other meets the database's unique constraint. That request must end with the same clear message a
sequential duplicate gets, not with a server error.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction

# SQLSTATE of a unique violation (PostgreSQL); SQLite's extended result codes for the same.
UNIQUE_VIOLATION = "23505"
SQLITE_UNIQUE_ERRORS = {"SQLITE_CONSTRAINT_UNIQUE", "SQLITE_CONSTRAINT_PRIMARYKEY"}


def is_unique_violation(error: IntegrityError) -> bool:
    """Whether the database refused a row because another row holds the same unique value(s)."""
    cause = error.__cause__
    sqlstate = getattr(cause, "sqlstate", None) or getattr(cause, "pgcode", None)
    if sqlstate is not None:
        return sqlstate == UNIQUE_VIOLATION
    if isinstance(cause, sqlite3.IntegrityError):
        name = getattr(cause, "sqlite_errorname", "")
        return name in SQLITE_UNIQUE_ERRORS or str(cause).startswith("UNIQUE constraint failed")
    return False


@contextmanager
def refuse_duplicate(message: Any, *, field: str | None = None) -> Iterator[None]:
    """Run the block (the insert) in a savepoint; a unique violation becomes a ``ValidationError``.

    ``message`` is what the user reads (Vietnamese, naming what already exists); ``field`` the form field or
    API column it belongs to (``None``: the record as a whole). Only unique violations are turned into a
    message: any other integrity error is a bug and is raised as it is. The savepoint keeps the enclosing
    transaction usable on PostgreSQL, so the service's transaction rolls back cleanly. Also usable as a
    decorator."""
    try:
        with transaction.atomic():
            yield
    except IntegrityError as error:
        if not is_unique_violation(error):
            raise
        duplicate = ValidationError(message, code="duplicate")
        raise ValidationError({field or NON_FIELD_ERRORS: [duplicate]}) from error


# SQLite bounds the parameters of one query (32,766); an import may name 50,000 people.
IN_CHUNK = 5000


def filter_in_chunks(qs: Any, field_name: str, values: Iterable[Any], size: int = IN_CHUNK) -> Iterator[Any]:
    """Yield the rows of ``qs`` whose ``field_name`` is in ``values``, one bounded ``IN`` list at a time."""
    ordered = sorted(set(values), key=str)
    for start in range(0, len(ordered), size):
        yield from qs.filter(**{f"{field_name}__in": ordered[start : start + size]})
