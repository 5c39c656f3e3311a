"""National scale on PostgreSQL (`make bench-scale`; issue 16), against floors measured in the same run.

The database is `BENCH_SCALE_DATABASE_URL` (PostgreSQL), seeded by `manage.py seed_scale` (`make seed-scale`): the
benchmark refuses an empty one rather than seed it behind your back (100,000 people take about 3.5 minutes, a
million about 22).

Import of historical awards (`--rows`, default 1,000,000): a CSV file in the template's columns, every row a new
award of a seeded person in the twenty years before the seeded ones, written once under var/bench/.

- floor: PostgreSQL's COPY of the same file, as it is, into a temporary table of text columns (what taking the
  bytes costs the database, with no check and no index);
- check: the import's dry run (staging, the checks by sets, the counts);
- import: check and merge into the registry (every row inserted, with the registry's indexes), in a transaction
  rolled back afterwards so the database stays as seeded;
- peak memory of this process (ru_maxrss), which runs the import as a task worker would.

Ratios are printed, not asserted.
"""

from __future__ import annotations

import argparse
import csv
import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

HEADER = [
    "Mã cán bộ",
    "Mã đơn vị (tập thể)",
    "Cá nhân, tập thể",
    "Danh hiệu, hình thức",
    "Năm",
    "Loại khen thưởng",
    "Giai đoạn thành tích từ năm",
    "Giai đoạn thành tích đến năm",
    "Số quyết định",
    "Ngày quyết định",
    "Cơ quan quyết định",
    "Trạng thái",
    "Ghi chú",
]
CODES = ["LDTT", "CSTDCS", "GIAY_KHEN", "BANG_KHEN_TINH", "CSTD_TINH"]
YEARS = 20


def _setup(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def _history_file(rows: int, first_year: int) -> Path:
    """Rows of awards for the seeded people (QG00000001 …), each (person, year, form) once, before `first_year`."""
    from thidua.organizations.models import Person

    people = list(Person.objects.order_by("id").values_list("staff_code", flat=True))
    path = ROOT / "var" / "bench" / f"history-{rows}-{len(people)}.csv"
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    if rows > len(people) * YEARS * len(CODES):
        raise SystemExit(f"{rows} rows need more people than the {len(people)} seeded")
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for n in range(rows):
            person = people[n % len(people)]
            year = first_year - YEARS + (n // len(people)) % YEARS
            code = CODES[(n // (len(people) * YEARS)) % len(CODES)]
            writer.writerow(
                [
                    person,
                    "",
                    "",
                    code,
                    year,
                    "",
                    "",
                    "",
                    f"{n % 997 + 1}/QĐ-UBND",
                    f"15/12/{year}",
                    "",
                    "",
                    "",
                ]
            )
    return path


def _floor(path: Path) -> float:
    """COPY of the file's bytes (after its header) into a temporary table of text columns."""
    from django.db import connection, transaction

    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(
                "CREATE TEMPORARY TABLE bench_floor ("
                + ", ".join(f"c{n} text" for n in range(len(HEADER)))
                + ") ON COMMIT DROP"
            )
            started = time.perf_counter()
            with (
                path.open("rb") as handle,
                cursor.copy("COPY bench_floor FROM STDIN WITH (FORMAT csv)") as copy,
            ):
                handle.readline()
                while chunk := handle.read(1 << 20):
                    copy.write(chunk)
            elapsed = time.perf_counter() - started
        transaction.set_rollback(True)
    return elapsed


def _import(path: Path, *, dry_run: bool) -> tuple[float, object]:
    from django.db import transaction

    from thidua.exchange.services import facts_import_csv

    with transaction.atomic():
        started = time.perf_counter()
        with path.open("rb") as handle:
            outcome = facts_import_csv(
                kind_name="awards",
                handle=handle,
                size=path.stat().st_size,
                user=None,
                dry_run=dry_run,
                source=f"bench {path.name}",
            )
        elapsed = time.perf_counter() - started
        transaction.set_rollback(True)
    return elapsed, outcome


def import_bench(rows: int) -> None:
    from django.db import connection

    from thidua.commendations.models import AwardRecord

    first = AwardRecord.objects.order_by("year").values_list("year", flat=True).first() or 2016
    path = _history_file(rows, first)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
        size = cursor.fetchone()[0]
    awards = AwardRecord.objects.count()
    floor = min(_floor(path) for _ in range(2))
    check, checked = _import(path, dry_run=True)
    full, outcome = _import(path, dry_run=False)
    assert getattr(checked, "clean", False) and getattr(outcome, "written", False), (checked, outcome)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"\nimport of historical awards, CSV ({rows:,} rows, {path.stat().st_size / 1e6:.0f} MB) into a registry of "
        f"{awards:,} awards ({size}), {os.cpu_count()} cores:"
    )
    print(f"  floor: COPY of the file into a table of text columns   {floor:7.2f} s")
    print(
        f"  check (dry run: staging, checks by sets, counts)       {check:7.2f} s  → {check / floor:5.2f}× the floor"
    )
    print(
        f"  import (check and merge, {outcome.created:,} awards inserted)  {full:7.2f} s  → "  # type: ignore[attr-defined]
        f"{full / floor:5.2f}× the floor"
    )
    print(f"  peak memory of the process                             {peak:7.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    url = os.environ.get("BENCH_SCALE_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/thidua_scale")
    if not url.startswith("postgres"):
        raise SystemExit("bench-scale measures PostgreSQL: set BENCH_SCALE_DATABASE_URL to a seeded database")
    _setup(url)
    from thidua.organizations.models import Person

    if not Person.objects.exists():
        raise SystemExit(f"{url} holds no people: seed it first (make seed-scale DATABASE_URL={url})")
    import_bench(args.rows)


if __name__ == "__main__":
    main()
