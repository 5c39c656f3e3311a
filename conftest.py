"""Project-wide pytest fixtures: users with roles in units, for permission tests across the apps."""

import os

import pytest


@pytest.fixture
def make_user(db):
    """Create a user holding `role` in `organization` (optionally with sub-units)."""
    from thidua.accounts.models import RoleGrant, User

    counter = {"n": 0}

    def _make(role=None, organization=None, *, include_subunits=False, person=None, username=None, **extra):
        counter["n"] += 1
        user = User.objects.create_user(
            username=username or f"user{counter['n']}", password="x-Password-123", person=person, **extra
        )
        if role is not None:
            RoleGrant.objects.create(
                user=user, role=role, organization=organization, include_subunits=include_subunits
            )
        return user

    return _make


@pytest.fixture
def org_tree(db):
    """A small tree: province → agency → two divisions, and a second agency (another unit's world)."""
    from thidua.organizations.models import Organization, OrganizationKind

    province = Organization.objects.create(
        kind=OrganizationKind.PROVINCE, code="P", name="Ủy ban nhân dân tỉnh"
    )
    agency = Organization.objects.create(
        kind=OrganizationKind.AGENCY,
        code="A",
        name="Sở Khoa học và Công nghệ",
        parent=province,
        symbol="SKHCN",
    )
    div_a = Organization.objects.create(
        kind=OrganizationKind.DIVISION, code="A-VP", name="Văn phòng Sở", parent=agency
    )
    div_b = Organization.objects.create(
        kind=OrganizationKind.DIVISION, code="A-QLKH", name="Phòng Quản lý khoa học", parent=agency
    )
    other = Organization.objects.create(
        kind=OrganizationKind.AGENCY, code="B", name="Sở Tài chính", parent=province
    )
    return {"province": province, "agency": agency, "div_a": div_a, "div_b": div_b, "other": other}


BROWSER_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (no browser download: /usr/bin/chromium)."""
    import os

    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=BROWSER_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, request):
    """A fresh browser page; a screenshot lands in test-artifacts/ when the test fails."""
    from pathlib import Path

    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        artifacts = Path("test-artifacts")
        artifacts.mkdir(exist_ok=True)
        page.screenshot(path=str(artifacts / f"{request.node.name}.png"), full_page=True)
    context.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


# The fixtures through which a test reaches the database (pytest-django's, and the live server of browser tests).
DATABASE_FIXTURES = frozenset(
    {
        "db",
        "transactional_db",
        "django_db_reset_sequences",
        "django_db_serialized_rollback",
        "live_server",
    }
)


DEMO_ONLY = (
    "thidua/core/tests/test_walk_roles.py",
    "thidua/core/tests/test_seed_demo.py",
    "thidua/appraisals/tests/test_demo.py",
    "thidua/certificates/tests/test_demo.py",
    "thidua/decisions/tests/test_demo.py",
    "thidua/initiatives/tests/test_demo_titles.py",
)


def pytest_collection_modifyitems(config, items):
    """`THIDUA_ONLY_DATABASE_TESTS=1` (the PostgreSQL pass of .ci/run): keep the tests that reach the database, and
    leave out the pure ones (the rules engine's tables and properties, the document renderer, signing, QR codes),
    and the layout checks (`@pytest.mark.layout`), which the SQLite pass of the same run has already passed on
    the same code. A local `make test` runs them all.

    The browser tests (`@pytest.mark.browser`, Chromium through Playwright) are left out too: they check what a
    page does in a browser (its scripts, forms, htmx swaps, charts), and the server code under them is the code
    the view, service and route × role tests run on PostgreSQL in this pass. They cost about five minutes of the
    pass, which keeps .ci/run under its 30 minutes."""
    if os.environ.get("THIDUA_ONLY_DATABASE_TESTS") != "1":
        return
    keep, pure = [], []
    for item in items:
        uses_db = item.get_closest_marker("django_db") is not None or DATABASE_FIXTURES & set(
            getattr(item, "fixturenames", ())
        )
        # A layout check (page widths on a phone or a desktop) measures CSS, not the database.
        layout = item.get_closest_marker("layout") is not None
        browser = item.get_closest_marker("browser") is not None
        # The demo's seeding, its walk as every role and the checks of what each app's demo step built are about
        # the SQLite demo of `make run`; the services they call are tested on PostgreSQL by each app's own tests.
        demo = item.nodeid.startswith(DEMO_ONLY)
        (keep if uses_db and not layout and not browser and not demo else pure).append(item)
    if pure:
        config.hook.pytest_deselected(items=pure)
        items[:] = keep


@pytest.fixture(autouse=True)
def _vietnamese_outside_requests():
    """Each test starts in Vietnamese, the site's language: a request in English (LocaleMiddleware activates the
    reader's language for the thread) must not leave a later test's service messages in English."""
    from django.utils import translation

    translation.activate("vi")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: the process-local cache outlives a test's rolled-back rows, and a value
    keyed on data (the public site's publication state) must not reach a later test that rebuilt the same key."""
    from django.core.cache import cache

    cache.clear()
    yield
