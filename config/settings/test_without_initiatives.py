"""Test settings without the initiatives app: the other apps must boot and serve their pages without it
(thidua/core/tests/test_without_initiatives.py; docs/architecture.md, "Layers")."""

from config.settings.test import *  # noqa: F403

INSTALLED_APPS = [app for app in INSTALLED_APPS if app != "thidua.initiatives"]  # noqa: F405
# One process, one connection: an in-memory database that the test's script migrates.
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
