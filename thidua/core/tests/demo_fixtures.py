"""The demo, seeded once for a test module (see `demo_once`)."""

import pytest


def demo_once(**options):
    """A module-scoped fixture: `seed_demo` with `options`, run once for the module's tests (once per test worker),
    inside a transaction rolled back when the module ends. Each test that asks for it (with `db`) runs in a
    savepoint inside that transaction, as Django's `TestCase.setUpTestData` does, so a test's writes are undone
    before the next and every test sees the demo as seeded. Seeding costs 20–45 s; a module of nine tests on it
    pays once instead of nine times. Not for transactional tests (the live server's browser tests), which need
    the rows committed.

        demo_seeded = demo_once(people=160, years=10, seed=2021)

        @pytest.fixture
        def demo(demo_seeded, db): ...
    """

    @pytest.fixture(scope="module")
    def _seeded(django_db_setup, django_db_blocker):
        from django.core.management import call_command
        from django.db import transaction

        with django_db_blocker.unblock():
            atomic = transaction.atomic()
            atomic.__enter__()
            try:
                call_command("seed_demo", verbosity=0, **options)
            except BaseException:
                transaction.set_rollback(True)
                atomic.__exit__(None, None, None)
                raise
        yield
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)

    return _seeded
