"""Background work through Django's tasks API.

Default: the database backend (django-tasks-db) with a worker started by `make run`; tests use the
immediate backend so a task runs inside the test's transaction.

With ``THIDUA_TASKS_BACKEND=django_tasks_rq.RQBackend`` the tasks go to Redis through RQ (django-tasks-rq) and run on
``manage.py rqworker --job-class django_tasks_rq.Job`` (docs/operations.md "Task workers"); ``REDIS_URL`` names the
server.
"""

from .base import INSTALLED_APPS
from .env import env_int, env_str

DATABASE_TASKS_BACKEND = "django_tasks_db.DatabaseBackend"
RQ_TASKS_BACKEND = "django_tasks_rq.RQBackend"

TASKS_BACKEND = env_str("THIDUA_TASKS_BACKEND", DATABASE_TASKS_BACKEND)
TASKS = {"default": {"BACKEND": TASKS_BACKEND}}
REDIS_URL = env_str("REDIS_URL", "redis://127.0.0.1:6379/0")
# RQ's queue: what a job may take before RQ stops it (a province's sweep chunk takes seconds; an import of a
# million rows minutes).
RQ_QUEUES = {
    "default": {
        "URL": REDIS_URL,
        "DEFAULT_TIMEOUT": env_int("THIDUA_RQ_JOB_TIMEOUT", 3600),
    }
}
if TASKS_BACKEND == RQ_TASKS_BACKEND:
    INSTALLED_APPS = [*INSTALLED_APPS, "django_rq", "django_tasks_rq"]

# A running import job that has not reported for this long is taken for dead (its worker was killed), marked
# failed and may be run again; nothing it was writing is kept (the write is one transaction).
THIDUA_IMPORT_LEASE_SECONDS = env_int("THIDUA_IMPORT_LEASE_SECONDS", 600)
# Candidate discovery fanned out: people per chunk, and how long a chunk's silent worker is trusted before the
# chunk is queued again (docs/rules.md).
THIDUA_DISCOVERY_CHUNK_PEOPLE = env_int("THIDUA_DISCOVERY_CHUNK_PEOPLE", 5_000)
THIDUA_DISCOVERY_LEASE_SECONDS = env_int("THIDUA_DISCOVERY_LEASE_SECONDS", 600)
