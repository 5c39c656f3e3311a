"""Load the generated national data set (`manage.py seed_scale`), chunk by chunk, resumably."""

import time
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.commendations.models import AwardRecord
from thidua.organizations.demo import POSITIONS
from thidua.organizations.ethnicities import ETHNICITIES
from thidua.organizations.models import Ethnicity, Organization, Person, Position

from . import copy
from .generate import COLUMNS, Catalogues, Plan, chunk_rows, national_tree, rows_in_order
from .models import ScaleChunk, ScaleRun

PARAMETERS = ("people", "years", "awards", "seed", "chunk")


class SeedRefused(Exception):
    """The database holds other data (or a data set generated with other parameters)."""


@dataclass
class SeedReport:
    method: str  # "copy" or "executemany"
    chunks_total: int
    chunks_loaded: int
    chunks_skipped: int
    rows: int
    seconds: float
    database_bytes: int | None


Progress = Callable[[int, int, int], None]  # (chunks done, chunks in all, rows written by this call)


def _catalogues() -> Catalogues:
    """The positions and ethnicities the generated rows point at (created if missing; a handful of rows)."""
    if Ethnicity.objects.count() < len(ETHNICITIES):
        for code, name in ETHNICITIES:
            Ethnicity.objects.update_or_create(code=code, defaults={"name": name})
    existing = set(Position.objects.values_list("name", flat=True))
    Position.objects.bulk_create(
        [
            Position(name=name, is_leadership=leadership, rank=rank)
            for rank, (name, leadership) in enumerate(POSITIONS)
            if name not in existing
        ]
    )
    return Catalogues(
        ethnicity_ids=dict(Ethnicity.objects.values_list("name", "pk")),
        position_ids=dict(Position.objects.values_list("name", "pk")),
    )


def _run_for(plan: Plan) -> ScaleRun:
    run = ScaleRun.objects.first()
    wanted = {name: getattr(plan, name) for name in PARAMETERS}
    if run is None:
        if Organization.objects.exists() or Person.objects.exists() or AwardRecord.objects.exists():
            raise SeedRefused(
                _(
                    "Cơ sở dữ liệu đã có cơ quan, cán bộ hoặc khen thưởng: chỉ sinh dữ liệu quy mô toàn quốc "
                    "vào một cơ sở dữ liệu trống."
                )
            )
        return ScaleRun.objects.create(**wanted)
    have = {name: getattr(run, name) for name in PARAMETERS}
    if have != wanted:
        raise SeedRefused(
            _("Cơ sở dữ liệu đã được sinh với tham số khác (%(have)s); không trộn với %(wanted)s.")
            % {"have": have, "wanted": wanted}
        )
    return run


def scale_seed(
    *,
    plan: Plan,
    progress: Progress | None = None,
    before_commit: Callable[[str, int], None] | None = None,
) -> SeedReport:
    """Load every chunk of `plan` not loaded yet, each with its progress row in one transaction (a chunk is
    all or nothing), then move the sequences past the generated ids. `before_commit(step, number)` runs inside
    each chunk's transaction (the tests interrupt a run there)."""
    started = time.perf_counter()
    run = _run_for(plan)
    catalogues = _catalogues()
    tree = national_tree(plan)
    done = set(run.chunks.values_list("step", "number"))
    steps = plan.steps()
    written = loaded = 0
    for position, (step, number) in enumerate(steps, start=1):
        if (step, number) in done:
            continue
        chunk_started = time.perf_counter()
        with transaction.atomic():
            rows = chunk_rows(plan, tree, catalogues, step, number)
            count = sum(
                copy.rows_write(table=table, columns=COLUMNS[table], rows=table_rows)
                for table, table_rows in rows_in_order(rows)
            )
            if before_commit is not None:
                before_commit(step, number)
            ScaleChunk.objects.create(
                run=run, step=step, number=number, rows=count, seconds=time.perf_counter() - chunk_started
            )
        written += count
        loaded += 1
        if progress is not None:
            progress(position, len(steps), written)
    copy.sequences_reset(tables=COLUMNS)
    if loaded:
        copy.tables_analyze(tables=COLUMNS)
    if run.finished_at is None:
        run.finished_at = timezone.now()
        run.save(update_fields=["finished_at"])
    return SeedReport(
        method=copy.copy_method(),
        chunks_total=len(steps),
        chunks_loaded=loaded,
        chunks_skipped=len(steps) - loaded,
        rows=written,
        seconds=time.perf_counter() - started,
        database_bytes=copy.database_size(),
    )
