"""Historical awards at scale (issue 16): a CSV file of up to millions of award rows — decades of a province's
registry from the old spreadsheets — checked by sets and merged into the registry by one INSERT and one UPDATE.

The file is staged as it is (`thidua.exchange.sql`: COPY on PostgreSQL) and checked with the messages of the
Excel import, row by row in the error list, but computed on sets: each cell of a closed type is parsed once per
distinct value; codes of people and units are found by one join each; duplicates in the file by a window over
the award's key. A clean file is merged in one transaction: the awards already in the registry (the same key among
the active ones, as the Excel import matches them) take the file's period, decision and note; the others are
inserted. All or nothing; one audit event for the import, naming the file by its SHA-256, its rows and its counts
(the file itself stays with the import job as evidence). The Excel path's one event per changed row is for
spreadsheets an officer edits; a history of a million rows is one act of migration.

Only an administrator of the whole system (or the command line) imports history this way: the rows name people of
any unit, and the per-row scope of an officer's Excel import is not repeated here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import IO, Any

from django.db import transaction
from django.utils.translation import gettext as _

from thidua.accounts.scope import is_system_admin
from thidua.audit.services import audit_record
from thidua.exchange.columns import Column
from thidua.exchange.reader import FileRefused
from thidua.exchange.services import Outcome
from thidua.exchange.sql import cell_error_queries, check_cells, collect_errors, stage_csv

from . import sql
from .sql import STAGE


def award_history_import(
    *,
    handle: IO[bytes],
    size: int,
    columns: list[Column],
    outcome: Outcome,
    user: Any,
    dry_run: bool,
    source: str = "",
    digest: str = "",
    progress: Callable[[float], None] | None = None,
    before_write: Callable[[], None] | None = None,
    in_write: Callable[[], None] | None = None,
    after_write: Callable[[Outcome], None] | None = None,
) -> Outcome:
    """Check (and unless ``dry_run``, merge) the CSV file into ``outcome``: its rows, its first errors and their
    number, the awards created and updated. Raises FileRefused for a file it cannot read; writes nothing unless
    every row is clean. ``in_write`` runs first and ``after_write`` last inside the merge's transaction."""
    if user is not None and not is_system_admin(user):
        raise FileRefused(
            _(
                "Tệp CSV dữ liệu lịch sử chỉ quản trị hệ thống nhập được; cán bộ nhập khen thưởng bằng tệp Excel "
                "theo mẫu."
            )
        )
    by_key = {c.key: c for c in columns}

    def step(start: float, width: float) -> Callable[[float], None]:
        return lambda fraction: progress(start + width * fraction) if progress else None

    stage = stage_csv(handle, name=STAGE, columns=columns, size=size, progress=step(0, 0.6))
    try:
        outcome.rows = stage.rows
        check_cells(stage)
        step(0.6, 0.1)(1)
        # Every error of every row at once, as the Excel import reports them; a row is a duplicate of the first
        # row with its key among the rows without other errors.
        row_errors = cell_error_queries(stage) + sql.row_queries(stage, by_key)
        duplicates = [sql.duplicate_query(stage, row_errors)] if sql.has_repeated_keys(stage) else []
        errors, total = collect_errors([*row_errors, *duplicates])
        step(0.7, 0.1)(1)
        if total:
            outcome.errors, outcome.error_count = errors, total
            return outcome
        sql.resolve(stage)
        outcome.created, outcome.updated = sql.counts(stage)
        step(0.8, 0.1)(1)
        if dry_run:
            return outcome
        if before_write:
            before_write()
        with transaction.atomic():
            if in_write:
                in_write()
            sql.merge(stage)
            audit_record(
                action="import",
                object_type="exchange.awards",
                object_id=source[:64],
                after={
                    "kind": "awards",
                    "path": "csv-history",
                    "rows": stage.rows,
                    "created": outcome.created,
                    "updated": outcome.updated,
                    "sha256": digest,
                    "source": source,
                },
                actor=user,
            )
            outcome.written = True
            if after_write:
                after_write(outcome)
        return outcome
    finally:
        stage.drop()
        sql.drop_resolved()
