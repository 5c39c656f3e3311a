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
