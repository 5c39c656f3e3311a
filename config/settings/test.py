"""Test settings: the project's settings with fast hashing and tasks run in-process."""

import os
import tempfile
from pathlib import Path

from config.settings import *  # noqa: F403

ENVIRONMENT = "test"
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
LOGIN_MAX_FAILURES = 5

if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    # Tests need no durability: commits do not wait for the disk (the flushes of transactional and live-server
    # tests commit thousands of times; a crash loses only a test database).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c synchronous_commit=off"  # noqa: F405

# One demo signer per test process (pytest-xdist workers make their own, never half of another's).
THIDUA_DEMO_SIGNING_DIR = str(Path(tempfile.gettempdir()) / f"thidua-test-signing-{os.getpid()}")

# A stand-in read replica for thidua/core/tests/test_db_routing.py: a second database on the same server (SQLite: a
# second in-memory database), built from the models since nothing replicates into it (0.8 s on SQLite, 4 s on
# PostgreSQL, against 37 s for default's migrations on SQLite). Only a test that names it (`databases={"default",
# "replica"}`) has it created, and reads go there only when a test turns THIDUA_READ_REPLICA on, so the rest of
# the suite neither builds nor reads it.
if "replica" not in DATABASES:  # noqa: F405
    _default = DATABASES["default"]  # noqa: F405
    _replica_name = f"{_default['NAME']}_replica"
    _postgres = _default["ENGINE"] == "django.db.backends.postgresql"
    DATABASES["replica"] = {  # noqa: F405
        **_default,
        "OPTIONS": dict(_default.get("OPTIONS", {})),
        "NAME": _replica_name,
        "TEST": {"NAME": f"test_{_replica_name}" if _postgres else None, "MIGRATE": False},
    }
THIDUA_READ_REPLICA = False
THIDUA_REPLICA_STAND_IN = True
