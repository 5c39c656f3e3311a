"""Database: SQLite under var/ by default, any DATABASE_URL otherwise (PostgreSQL 15+ in production).

`DATABASE_REPLICA_URL` (optional) names a read replica: the reads marked `thidua.core.db_routing.read_only()` go
there, everything else to default (docs/operations.md, "Read replicas")."""

from typing import Any

import dj_database_url

from .env import BASE_DIR, env_str


def _database(url: str) -> dict[str, Any]:
    database: dict[str, Any] = dict(dj_database_url.parse(url, conn_max_age=60))
    if database["ENGINE"] == "django.db.backends.sqlite3":
        # WAL lets the task worker write while pages read; the timeout rides out short write locks.
        database["OPTIONS"] = {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
        database["CONN_MAX_AGE"] = 0
    return database


_default_sqlite = f"sqlite:///{BASE_DIR / 'var' / 'thidua.sqlite3'}"
DATABASE_URL = env_str("DATABASE_URL", _default_sqlite)
DATABASES = {"default": _database(DATABASE_URL)}

DATABASE_REPLICA_URL = env_str("DATABASE_REPLICA_URL")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = _database(DATABASE_REPLICA_URL)
# Whether the reads marked read_only() go to DATABASES["replica"]. The router is installed either way: without a
# replica it sends everything to default (one code path in development, tests and production).
THIDUA_READ_REPLICA = bool(DATABASE_REPLICA_URL)
DATABASE_ROUTERS = ["thidua.core.db_routing.ReplicaRouter"]
