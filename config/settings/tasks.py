"""Background work through Django's tasks API.

Default: the database backend (django-tasks-db) with a worker started by `make run`; tests use the
immediate backend so a task runs inside the test's transaction.
"""

from .env import env_int, env_str

TASKS_BACKEND = env_str("THIDUA_TASKS_BACKEND", "django_tasks_db.DatabaseBackend")
TASKS = {"default": {"BACKEND": TASKS_BACKEND}}
# A running import job that has not reported for this long is taken for dead (its worker was killed), marked
# failed and may be run again; nothing it was writing is kept (the write is one transaction).
THIDUA_IMPORT_LEASE_SECONDS = env_int("THIDUA_IMPORT_LEASE_SECONDS", 600)
# Candidate discovery fanned out: people per chunk, and how long a chunk's silent worker is trusted before the
# chunk is queued again (docs/rules.md).
THIDUA_DISCOVERY_CHUNK_PEOPLE = env_int("THIDUA_DISCOVERY_CHUNK_PEOPLE", 5_000)
THIDUA_DISCOVERY_LEASE_SECONDS = env_int("THIDUA_DISCOVERY_LEASE_SECONDS", 600)
