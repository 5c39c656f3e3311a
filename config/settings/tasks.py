"""Background work through Django's tasks API.

Default: the database backend (django-tasks-db) with a worker started by `make run`; tests use the
immediate backend so a task runs inside the test's transaction.
"""

from .env import env_str

TASKS_BACKEND = env_str("THIDUA_TASKS_BACKEND", "django_tasks_db.DatabaseBackend")
TASKS = {"default": {"BACKEND": TASKS_BACKEND}}
