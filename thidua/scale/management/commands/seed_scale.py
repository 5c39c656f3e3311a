"""`manage.py seed_scale --people 1000000 --years 10 --awards 10000000`: the generated national data set,
written through PostgreSQL's COPY, deterministic for the seed and resumable (docs/scale.md)."""

import sys
import time

from django.core.management.base import BaseCommand, CommandError

from thidua.scale.generate import Plan
from thidua.scale.services import SeedRefused, scale_seed


class Command(BaseCommand):
    help = "Sinh dữ liệu quy mô toàn quốc (COPY trên PostgreSQL), tiếp tục được khi bị ngắt."

    def add_arguments(self, parser):
        parser.add_argument("--people", type=int, default=100_000)
        parser.add_argument("--years", type=int, default=10)
        parser.add_argument(
            "--awards", type=int, default=None, help="individual awards aimed at (default 10 × people)"
        )
        parser.add_argument("--seed", type=int, default=2025)
        parser.add_argument(
            "--chunk", type=int, default=10_000, help="people per chunk (one transaction each)"
        )
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args, people, years, awards, seed, chunk, no_progress, **options):
        if people < 1 or chunk < 1 or not 2 <= years <= 30:
            raise CommandError("--people and --chunk must be positive, --years between 2 and 30")
        plan = Plan(
            people=people,
            years=years,
            awards=awards if awards is not None else 10 * people,
            seed=seed,
            chunk=chunk,
        )
        started = time.perf_counter()
        err = sys.stderr

        def progress(done: int, total: int, rows: int) -> None:
            width = 30
            filled = width * done // total
            elapsed = time.perf_counter() - started
            err.write(
                f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} chunks, {rows:,} rows, {elapsed:,.0f} s"
            )
            err.flush()

        try:
            report = scale_seed(plan=plan, progress=None if no_progress else progress)
        except SeedRefused as refused:
            raise CommandError(str(refused)) from refused
        if not no_progress and report.chunks_loaded:
            err.write("\n")
        size = (
            f", database {report.database_bytes / 2**20:,.0f} MiB"
            if report.database_bytes is not None
            else ""
        )
        self.stdout.write(
            f"{report.rows:,} rows in {report.chunks_loaded} chunks ({report.chunks_skipped} already loaded) "
            f"through {report.method} in {report.seconds:,.1f} s{size}"
        )
