"""The sweep fanned out over RQ (issue 16): Django's task framework with the Redis backend (django-tasks-rq), a real
Redis server and real `manage.py rqworker` processes.

Two workers take the chunks of one run side by side; the process running one chunk dies in the middle of it (its
work-horse exits as a killed process does, after taking the chunk's lease and before writing). The run then waits;
when the lease has expired, `manage.py discovery_resume` queues the chunk again on Redis, a fresh worker runs it,
and the run holds exactly the findings of one sweep over the agency, each once.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis
from django.core.management import call_command
from django.test import override_settings

from thidua.accounts.models import User
from thidua.core.tests.shared_db import database_for_subprocess
from thidua.organizations.models import Organization
from thidua.rules import services
from thidua.rules.models import DiscoveryRun, DiscoveryStatus
from thidua.rules.tests.test_discovery_chunks import YEAR, _one_sweep

ROOT = Path(__file__).resolve().parents[3]
REDIS_HOST = "127.0.0.1:6379"
LEASE_SECONDS = 3

# The work-horse that runs the first chunk it is given dies there, as a killed process would: after the chunk's
# lease is taken, before its findings are written (os._exit: no cleanup, no exception handler runs). A file marks
# that it happened, so the chunk's second run, and the other chunks, go through.
DYING_WORKER = """
import os, sys
import django
django.setup()
from thidua.rules import services
marker = sys.argv[1]
real = services._finding_rows

def dies_once(*args, **kwargs):
    if not os.path.exists(marker):
        open(marker, "w").close()
        os._exit(137)
    return real(*args, **kwargs)

services._finding_rows = dies_once
from django.core.management import call_command
call_command("rqworker", "default", "--burst", "--job-class", "django_tasks_rq.Job", "--name", sys.argv[2])
"""


def _redis_db() -> int:
    """Redis database 1–15 of this test worker (xdist's gw0 → 1 …), so parallel runs keep apart; 0 is left alone."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    return 1 + int(worker.removeprefix("gw") or 0) % 15


@pytest.fixture
def redis_url():
    url = f"redis://{REDIS_HOST}/{_redis_db()}"
    client = redis.Redis.from_url(url)
    try:
        client.ping()
    except redis.ConnectionError:  # the CI machine runs Redis; say so rather than skip
        pytest.fail(f"Redis is not running at {REDIS_HOST} (the RQ backend's tests need it)")
    client.flushdb()
    queues = {"default": {"URL": url, "DEFAULT_TIMEOUT": 600}}
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_rq.RQBackend"}}, RQ_QUEUES=queues):
        yield url
    client.flushdb()


def _manage(env: dict[str, str], *args: str, python: str | None = None) -> subprocess.Popen:
    command = [sys.executable, "-c", python, *args] if python else [sys.executable, "manage.py", *args]
    return subprocess.Popen(
        command, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )


def _finish(process: subprocess.Popen) -> str:
    output, _ = process.communicate(timeout=300)
    assert process.returncode == 0, output
    return output


@pytest.mark.django_db(transaction=True)
def test_two_rq_workers_and_a_killed_one_give_the_findings_of_one_sweep(redis_url, tmp_path):
    call_command("seed_demo", people=40, years=3, seed=2021, verbosity=0)
    agency = Organization.objects.get(code="YB-SKHCN")
    expected = _one_sweep(agency)
    assert expected, "the demo agency has candidates to find"
    run = services.discovery_start(
        actor=User.objects.get(username="vanphong"), organization=agency, year=YEAR
    )
    assert redis.Redis.from_url(redis_url).llen("rq:queue:default") == 1  # the fan-out task, on Redis

    with database_for_subprocess(tmp_path) as database_url:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "THIDUA_ENV": "development",
            "DATABASE_URL": database_url,
            "THIDUA_TASKS_BACKEND": "django_tasks_rq.RQBackend",
            "REDIS_URL": redis_url,
            "THIDUA_DISCOVERY_CHUNK_PEOPLE": "8",
            "THIDUA_DISCOVERY_LEASE_SECONDS": str(LEASE_SECONDS),
            "PYTHONPATH": str(ROOT),
        }
        marker = tmp_path / "died"
        dying = _manage(env, str(marker), "dying", python=DYING_WORKER)
        healthy = _manage(env, "rqworker", "default", "--burst", "--job-class", "django_tasks_rq.Job")
        logs = _finish(dying) + _finish(healthy)
        assert marker.exists(), logs  # one chunk's process died
        time.sleep(LEASE_SECONDS + 0.5)  # its lease runs out: nobody is working on it
        resumed = _manage(env, "discovery_resume", "-v", "2")
        resume_log = _finish(resumed)
        rerun = _finish(_manage(env, "rqworker", "default", "--burst", "--job-class", "django_tasks_rq.Job"))

    run.refresh_from_db()
    assert run.status == DiscoveryStatus.DONE, (logs, resume_log, rerun)
    chunks = list(run.chunks.order_by("index"))
    assert len(chunks) >= 3
    attempts = sorted(chunk.attempts for chunk in chunks)
    assert attempts == [1] * (len(chunks) - 1) + [2]  # the killed chunk twice, every other once
    findings = [
        (row["kind"], row["key"], row["unit_id"], row["code"], row["status"], tuple(row["missing"]))
        for row in run.findings
    ]
    assert findings == expected
    assert len(set(findings)) == len(findings)
    assert DiscoveryRun.objects.count() == 1
