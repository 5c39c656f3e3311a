"""The test database shared with a child process (a task worker, `manage.py`), for tests of what crosses a
process boundary: a real worker taking queued tasks, a command's exit status."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from django.db import connection


@contextmanager
def database_for_subprocess(directory: Path) -> Iterator[str]:
    """Yield a ``DATABASE_URL`` under which a child process sees the test database, and after the block the test
    sees what the child wrote.

    PostgreSQL: the test database itself (the child sees committed rows: use ``transactional_db``). SQLite keeps
    the test database in memory, out of a child's reach: it is copied to a file in ``directory`` with SQLite's
    backup API, and the file is copied back over it when the block ends, so the test reads the child's writes
    through its usual connection."""
    if connection.vendor == "postgresql":
        s = connection.settings_dict
        auth = quote(s["USER"] or "postgres") + (f":{quote(s['PASSWORD'])}" if s["PASSWORD"] else "")
        yield f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{quote(s['NAME'])}"
        return
    path = directory / "shared.sqlite3"
    connection.ensure_connection()
    raw = connection.connection
    with sqlite3.connect(path) as target:
        raw.backup(target)
    target.close()
    try:
        yield f"sqlite:///{path}"
    finally:
        source = sqlite3.connect(path)
        try:
            source.backup(raw)
        finally:
            source.close()
