"""The discovery sweep fanned out over task workers (`make bench`, `run.py --only fanout`; issue 16).

On the seeded demo (the province, 50,000 people by default), the same sweep is queued through Django's tasks API
with the database backend and run by 1, then 2, real `manage.py db_worker` processes; the time is from the queueing
to the run's `done`. The floor, in the same run: the agency's facts read through a bare cursor — the rows the
sweep reads, without ORM objects — timed as the issue asks. Printed: each time, its ratio to the floor, the speed-up
of two workers over one, and that the findings are the same list both times.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _floor(root) -> float:
    """The sweep's people-facts reads (assignments, ratings, awards of the lookback years, of the unit's people and
    units only) on a bare cursor: what a hand-written loader could not avoid reading."""
    from django.db import connection

    from thidua.rules.loader import LOOKBACK_YEARS

    path = root.path
    year = 2024
    # The people of the swept unit's subtree: on the national data set the other provinces' rows are not read.
    people = (
        "SELECT a.person_id FROM organizations_assignment a JOIN organizations_organization o "
        "ON o.id = a.organization_id WHERE o.path LIKE %s"
    )
    statements = [
        (
            "SELECT a.person_id, a.organization_id, a.start_on, a.end_on FROM organizations_assignment a "
            "JOIN organizations_organization o ON o.id = a.organization_id WHERE o.path LIKE %s",
            [path + "%"],
        ),
        (
            "SELECT r.person_id, r.year, r.rating FROM appraisals_appraisal r WHERE r.year BETWEEN %s AND %s "
            f"AND r.person_id IN ({people})",
            [year - LOOKBACK_YEARS, year, path + "%"],
        ),
        (
            "SELECT w.person_id, w.organization_id, w.year, w.code, w.track FROM commendations_awardrecord w "
            f"WHERE w.year BETWEEN %s AND %s AND w.status = 'active' AND (w.person_id IN ({people}) "
            "OR w.organization_id IN (SELECT id FROM organizations_organization WHERE path LIKE %s))",
            [year - LOOKBACK_YEARS, year, path + "%", path + "%"],
        ),
    ]
    started = time.perf_counter()
    with connection.cursor() as cursor:
        for sql, params in statements:
            cursor.execute(sql, params)
            cursor.fetchall()
    return time.perf_counter() - started


def _sweep_with_workers(root, workers: int, database_url: str, chunk_people: int) -> tuple[float, list]:
    from django.db import transaction

    from thidua.rules import services
    from thidua.rules.models import DiscoveryRun, DiscoveryStatus

    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "THIDUA_TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        "THIDUA_DISCOVERY_CHUNK_PEOPLE": str(chunk_people),
    }
    procs = [
        subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--interval", "0.05"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(workers)
    ]
    try:
        time.sleep(3)  # the workers start (Django set up, polling)
        started = time.perf_counter()
        with transaction.atomic():
            run = services.discovery_start(actor=None, organization=root, year=2024)
        while True:
            run.refresh_from_db()
            if run.status in (DiscoveryStatus.DONE, DiscoveryStatus.FAILED):
                break
            time.sleep(0.05)
        elapsed = time.perf_counter() - started
        assert run.status == DiscoveryStatus.DONE, run.error
        return elapsed, DiscoveryRun.objects.get(pk=run.pk).findings
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            proc.wait(timeout=30)


def run(*, database_url: str, chunk_people: int = 5_000, root_code: str = "UBND-YB") -> None:
    """The sweep of the unit `root_code` (the demo's province by default; bench-scale passes the largest province
    of the national data set)."""
    from django.conf import settings

    from thidua.organizations.models import Organization

    settings.THIDUA_DISCOVERY_CHUNK_PEOPLE = chunk_people
    root = Organization.objects.get(code=root_code)
    floor = min(_floor(root) for _ in range(3))
    one, findings_one = _sweep_with_workers(root, 1, database_url, chunk_people)
    two, findings_two = _sweep_with_workers(root, 2, database_url, chunk_people)
    print(
        f"\ndiscovery of {root.name} fanned out ({chunk_people:,} people per chunk; db_worker processes, database "
        "backend):"
    )
    print(f"  floor: the sweep's fact rows on a bare cursor        {floor:7.2f} s")
    print(
        f"  1 worker:  queued → done                           {one:7.2f} s  → {one / floor:5.2f}× the floor"
    )
    print(
        f"  2 workers: queued → done                           {two:7.2f} s  → {one / two:5.2f}× faster than one"
    )
    print(
        f"  findings: {len(findings_one):,}; the same list with 1 and 2 workers: {findings_one == findings_two}"
    )
