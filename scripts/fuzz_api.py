"""A long schemathesis run against the API (`make fuzz-api`): every operation of /api/v1/openapi.json, valid and
invalid requests, with the bearer tokens of an officer and a unit head of the demo data, in process (WSGI).

Runs on a throw-away SQLite database under var/fuzz/ (seeded with `seed_demo`), prints the number of calls,
server errors and schema violations, and exits non-zero if there is any error or violation.

    .venv/bin/python scripts/fuzz_api.py [--examples 40] [--seed 2026]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ROLES = {"officer": "vanphong", "unit_head": "truongphong"}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--examples", type=int, default=40, help="examples per operation and mode (default 40)"
    )
    parser.add_argument("--seed", type=int, default=None, help="hypothesis seed (default: random)")
    args = parser.parse_args()

    workdir = ROOT / "var" / "fuzz"
    workdir.mkdir(parents=True, exist_ok=True)
    database = Path(tempfile.mkstemp(suffix=".sqlite3", dir=workdir)[1])
    os.environ.pop("DATABASE_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"

    import logging

    import django

    django.setup()
    logging.getLogger("django.request").setLevel(logging.ERROR)  # 4xx are expected; a 5xx is still logged
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connections

    settings.DATABASES["default"] = {**settings.DATABASES["default"], "NAME": str(database)}
    connections["default"].close()
    connections["default"].settings_dict["NAME"] = str(database)
    try:
        call_command("migrate", verbosity=0)
        call_command("seed_demo", people=40, years=3, seed=11, verbosity=0)

        from thidua.accounts.models import ApiToken, User
        from thidua.api import fuzz

        tokens = {
            role: ApiToken.issue(user=User.objects.get(username=name), name="fuzz")[1]
            for role, name in ROLES.items()
        }
        started = time.perf_counter()
        schema = fuzz.load_schema(User.objects.get(username=ROLES["officer"]))
        report = fuzz.run(schema, tokens, max_examples=args.examples, seed=args.seed)
        elapsed = time.perf_counter() - started
    finally:
        connections.close_all()
        database.unlink(missing_ok=True)
    print(f"schemathesis: {report.summary()} ({elapsed:.0f} s)")
    for example in report.examples:
        print("  -", example)
    return 1 if report.server_errors or report.schema_violations else 0


if __name__ == "__main__":
    raise SystemExit(main())
