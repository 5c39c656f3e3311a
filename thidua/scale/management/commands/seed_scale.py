"""`manage.py seed_scale --people 1000000 --years 10 --awards 10000000`: the generated national data set,
written through PostgreSQL's COPY, deterministic for the seed and resumable (docs/scale.md)."""

import sys
import time

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from thidua.scale.generate import Plan
from thidua.scale.services import SeedRefused, scale_seed


class Command(BaseCommand):
    help = "Sinh dữ liệu quy mô toàn quốc (COPY trên PostgreSQL), tiếp tục được khi bị ngắt."

    def add_arguments(self, parser):
        parser.add_argument("--people", type=int, default=100_000)
        parser.add_argument("--years", type=int, default=10)
        parser.add_argument(
            "--awards",
            type=int,
            default=None,
            help="Số khen thưởng cá nhân cần sinh (mặc định 10 × số cán bộ).",
        )
        parser.add_argument("--seed", type=int, default=2025)
        parser.add_argument(
            "--chunk", type=int, default=10_000, help="Số cán bộ mỗi phần (mỗi phần một giao dịch)."
        )
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args, people, years, awards, seed, chunk, no_progress, **options):
        if people < 1 or chunk < 1 or not 2 <= years <= 30:
            raise CommandError(_("--people và --chunk phải là số dương, --years từ 2 đến 30."))
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
            line = _("%(done)s/%(total)s phần, %(rows)s dòng, %(seconds)s giây") % {
                "done": done,
                "total": total,
                "rows": f"{rows:,}",
                "seconds": f"{elapsed:,.0f}",
            }
            err.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {line}")
            err.flush()

        try:
            report = scale_seed(plan=plan, progress=None if no_progress else progress)
        except SeedRefused as refused:
            raise CommandError(str(refused)) from refused
        if not no_progress and report.chunks_loaded:
            err.write("\n")
        summary = _(
            "%(rows)s dòng trong %(chunks)s phần (%(skipped)s phần đã có từ trước), ghi bằng %(method)s trong "
            "%(seconds)s giây"
        ) % {
            "rows": f"{report.rows:,}",
            "chunks": report.chunks_loaded,
            "skipped": report.chunks_skipped,
            "method": report.method,
            "seconds": f"{report.seconds:,.1f}",
        }
        if report.database_bytes is not None:
            summary += _("; cơ sở dữ liệu %(size)s MiB") % {"size": f"{report.database_bytes / 2**20:,.0f}"}
        self.stdout.write(summary)
