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
- a second floor: COPY of the same awards, already resolved to ids and typed, straight into the registry table
  (what the database's indexes and constraints cost for a million inserted rows, whoever inserts them);
- peak memory of this process (ru_maxrss), which runs the import as a task worker would.

Pages (`--requests`, default 200 of each kind): a person's history, the registry filtered, the people search, each
through Django against the same statements run again on a bare cursor; p50 and p95.

Sweep: candidate discovery of the province with the most people, on one then two `db_worker` processes, against
its fact rows read on a bare cursor (`fanout_bench.py`; `--chunk-people`, default 1,000).

`--only import|pages|sweep` runs one part. Ratios are printed, not asserted.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CODES = ["LDTT", "CSTDCS", "GIAY_KHEN", "BANG_KHEN_TINH", "CSTD_TINH"]
YEARS = 20


def _setup(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def _history_file(rows: int, first_year: int) -> Path:
    """Rows of awards for the seeded people (QG00000001 …), each (person, year, form) once, before `first_year`,
    under the template's headers."""
    from thidua.commendations.exchange import AwardsKind
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
        writer.writerow([column.header for column in AwardsKind.columns])
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

    from thidua.commendations.exchange import AwardsKind

    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(
                "CREATE TEMPORARY TABLE bench_floor ("
                + ", ".join(f"c{n} text" for n in range(len(AwardsKind.columns)))
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


def _registry_floor(path: Path) -> float:
    """COPY of the same awards, resolved beforehand (people's ids, typed values), straight into the registry table
    with its indexes and constraints: what inserting a million awards costs the database at the least."""
    from django.db import connection, transaction

    from thidua.commendations.models import AwardRecord
    from thidua.organizations.models import Person

    ids = dict(Person.objects.values_list("staff_code", "id"))
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        next(reader)
        for row in reader:
            day, month, year = row[9].split("/")
            writer.writerow(
                [
                    row[3],
                    ids[row[0]],
                    int(row[4]),
                    "cong_trang",
                    "active",
                    "",
                    "",
                    row[8],
                    f"{year}-{month}-{day}",
                    "",
                    "",
                ]
            )
    data = buffer.getvalue().encode()
    columns = "code, person_id, year, track, status, period_from, period_to, decision_number, decided_on, "
    columns += "deciding_body, note"
    with transaction.atomic():
        with connection.cursor() as cursor:
            started = time.perf_counter()
            statement = (
                f"COPY {AwardRecord._meta.db_table} ({columns}) FROM STDIN "
                "WITH (FORMAT csv, FORCE_NOT_NULL (decision_number, deciding_body, note))"
            )
            with cursor.copy(statement) as copy:
                for start in range(0, len(data), 1 << 20):
                    copy.write(data[start : start + (1 << 20)])
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
    registry_floor = _registry_floor(path)
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
    print(
        f"  second floor: COPY of the same awards, resolved, into the registry table (its indexes) "
        f"{registry_floor:7.2f} s; the import → {full / registry_floor:5.2f}× that"
    )
    print(f"  peak memory of the process                             {peak:7.0f} MB")


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def _requests(seed: int, count: int) -> dict[str, list[str]]:
    """`count` random addresses of each kind: a person's history, the registry by year, form, track or unit, the
    people search without diacritics."""
    import random

    from django.urls import reverse

    from thidua.commendations.models import AwardRecord
    from thidua.core.codes import AwardCode, AwardTrack
    from thidua.organizations.models import Organization, Person

    rng = random.Random(seed)
    person_ids = list(Person.objects.values_list("id", flat=True)[:200_000])
    units = list(Organization.objects.filter(parent__isnull=False).values_list("id", flat=True)[:5000])
    years = sorted(set(AwardRecord.objects.values_list("year", flat=True).distinct()))
    given = list(Person.objects.values_list("given_name", flat=True)[:5000])
    registry = reverse("commendations:award_list")
    filters = [
        lambda: f"year={rng.choice(years)}",
        lambda: f"code={rng.choice(AwardCode.values)}",
        lambda: f"track={rng.choice(AwardTrack.values)}",
        lambda: f"unit={rng.choice(units)}",
        lambda: f"year={rng.choice(years)}&code={rng.choice(['LDTT', 'GIAY_KHEN', 'CSTDCS'])}",
    ]
    from thidua.core.vn_text import fold

    return {
        "person's history": [
            reverse("organizations:person_detail", args=[rng.choice(person_ids)]) for _ in range(count)
        ],
        "registry, filtered": [f"{registry}?{rng.choice(filters)()}" for _ in range(count)],
        "people search": [
            f"{reverse('organizations:person_list')}?q={fold(rng.choice(given))}" for _ in range(count)
        ],
    }


def pages_bench(count: int) -> None:
    """Each request through Django (an administrator of the whole system, the widest scope) against its own SQL
    run again on a bare cursor (the floor: the indexed queries without the ORM, the view and the template)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from thidua.accounts.models import User

    admin, _created = User.objects.get_or_create(
        username="bench_scale_admin", defaults={"is_superuser": True}
    )
    client = Client()
    client.force_login(admin)
    print(
        f"\npages at scale ({count} random requests each; p50 / p95; the floor is the same SQL on a bare cursor):"
    )
    for name, urls in _requests(2026, count).items():
        client.get(urls[0])  # warm the caches of the process (templates, the catalogues)
        spent, floors, queries = [], [], []
        for url in urls:
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                response = client.get(url)
                spent.append(time.perf_counter() - started)
            assert response.status_code == 200, (url, response.status_code)
            statements = [q["sql"] for q in captured.captured_queries]
            queries.append(len(statements))
            with connection.cursor() as cursor:
                started = time.perf_counter()
                for sql in statements:
                    cursor.execute(sql)
                    if cursor.description:
                        cursor.fetchall()
                floors.append(time.perf_counter() - started)
        p50, p95 = _percentile(spent, 0.5) * 1000, _percentile(spent, 0.95) * 1000
        f50, f95 = _percentile(floors, 0.5) * 1000, _percentile(floors, 0.95) * 1000
        slowest = max(range(len(urls)), key=spent.__getitem__)
        print(
            f"  {name:18} {p50:8.1f} / {p95:8.1f} ms; SQL {f50:7.1f} / {f95:7.1f} ms → {p50 / f50:5.2f}× / "
            f"{p95 / f95:5.2f}×; {min(queries)}–{max(queries)} queries; slowest {spent[slowest] * 1000:.0f} ms "
            f"(SQL {floors[slowest] * 1000:.0f} ms): {urls[slowest]}"
        )


def sweep_bench(url: str, chunk_people: int) -> None:
    """Candidate discovery of the province with the most people, on one then two `db_worker` processes
    (`fanout_bench.py`), against its fact rows read on a bare cursor."""

    from thidua.organizations.models import Assignment, Organization

    sys.path.insert(0, str(ROOT / "benchmarks"))
    import fanout_bench

    provinces = Organization.objects.filter(parent__isnull=True)
    sizes = {
        p.code: Assignment.objects.filter(organization__path__startswith=p.path, end_on__isnull=True).count()
        for p in provinces
    }
    code = max(sizes, key=sizes.__getitem__)
    print(f"\nsweep: the largest province, {code}, {sizes[code]:,} people at work")
    fanout_bench.run(database_url=url, chunk_people=chunk_people, root_code=code)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--only", choices=["import", "pages", "sweep"])
    parser.add_argument("--chunk-people", type=int, default=1_000)
    args = parser.parse_args()
    url = os.environ.get("BENCH_SCALE_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/thidua_scale")
    if not url.startswith("postgres"):
        raise SystemExit("bench-scale measures PostgreSQL: set BENCH_SCALE_DATABASE_URL to a seeded database")
    _setup(url)
    from thidua.organizations.models import Person

    if not Person.objects.exists():
        raise SystemExit(f"{url} holds no people: seed it first (make seed-scale DATABASE_URL={url})")
    if args.only in (None, "import"):
        import_bench(args.rows)
    if args.only in (None, "pages"):
        pages_bench(args.requests)
    if args.only in (None, "sweep"):
        sweep_bench(url, args.chunk_people)


if __name__ == "__main__":
    main()
