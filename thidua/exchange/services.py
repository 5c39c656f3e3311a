"""Import and export of facts: check a whole file (every row's errors), then write it all in ONE transaction
or nothing; the background job with its progress; the export in the template's columns."""

import hashlib
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.db import IntegrityError, OperationalError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from thidua.audit.services import audit_record

from .kinds import ABSENT, Context, Kind, Record, get_kind
from .models import LEASED_STATUSES, ImportJob, ImportStatus
from .reader import FileRefused, RowError, read_table
from .writer import write_workbook

MAX_STORED_ERRORS = 2000
# A running job records a heartbeat at least every quarter of the lease; one silent for a whole lease is dead.
DEFAULT_LEASE_SECONDS = 600

logger = logging.getLogger(__name__)


@dataclass
class Outcome:
    """The result of checking (and maybe writing) one file or one API payload."""

    kind: str
    rows: int = 0
    errors: list[RowError] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    written: bool = False
    refused: str = ""  # a file-level refusal
    error_count: int | None = None  # all the errors, when `errors` holds only the first of them (large files)

    @property
    def errors_in_all(self) -> int:
        return self.error_count if self.error_count is not None else len(self.errors)

    @property
    def clean(self) -> bool:
        return not self.errors and not self.refused

    def error_lines(self) -> list[str]:
        return [self.refused] if self.refused else [str(e) for e in self.errors]


def facts_check(
    *,
    kind: Kind,
    rows: list[tuple[int, dict[str, Any]]],
    user: Any,
    progress: Callable[[float], None] | None = None,
    preset_errors: list[RowError] | None = None,
) -> tuple[list[Record], list[RowError], Context]:
    """Parse every cell, resolve persons and units in bulk, check each row and duplicates in the file."""
    ctx = Context(user=user)
    errors: list[RowError] = list(preset_errors or [])
    records: list[Record] = []
    columns = [c for c in kind.columns if not c.informational]
    for index, (row_number, raw) in enumerate(rows):
        record = Record(row=row_number, values={})
        for column in columns:
            try:
                record.values[column.key] = column.parse(raw.get(column.key))
            except ValueError as exc:
                record.error(column, str(exc))
        # A column the file (or the API item) does not carry keeps what is stored: importing a file of ratings
        # alone does not clear the notes, nor an old template the fields added since.
        record.values[ABSENT] = frozenset(c.key for c in columns if c.key not in raw)
        records.append(record)
        if progress and index % max(1, len(rows) // 20) == 0:
            progress(index / max(len(rows), 1) * 0.5)
    kind.resolve(records, ctx)  # all rows, so that each row reports all its errors at once
    if progress:
        progress(0.8)
    seen: dict[tuple, int] = {}
    for record in records:
        if record.errors:
            continue
        key = kind.key(record)
        if key in seen:
            record.error(
                None,
                _("Trùng với dòng %(row)s trong tệp (cùng khóa: %(key)s).")
                % {"row": seen[key], "key": _key_text(record, kind)},
            )
        else:
            seen[key] = record.row
    for record in records:
        errors.extend(record.errors)
    errors.sort(key=lambda e: e.row)
    return records, errors, ctx


def _key_text(record: Record, kind: Kind) -> str:
    parts = []
    for key in kind.key_columns:
        value = record.values.get(key)
        if value:
            parts.append(value.strftime("%d/%m/%Y") if hasattr(value, "strftime") else str(value))
    return " – ".join(parts)


def facts_import_rows(
    *,
    kind_name: str,
    rows: list[tuple[int, dict[str, Any]]],
    user: Any,
    dry_run: bool,
    progress: Callable[[float], None] | None = None,
    preset_errors: list[RowError] | None = None,
    source: str = "",
    before_write: Callable[[], None] | None = None,
    in_write: Callable[[], None] | None = None,
    after_write: Callable[[Outcome], None] | None = None,
) -> Outcome:
    """Check rows; when clean and not a dry run, write them all in one transaction (or nothing).

    ``before_write`` runs before that transaction; ``in_write`` first inside it and ``after_write`` last inside
    it, so what they record commits (or not) with the rows."""
    kind = get_kind(kind_name)
    outcome = Outcome(kind=kind.name, rows=len(rows))
    records, errors, ctx = facts_check(
        kind=kind, rows=rows, user=user, progress=progress, preset_errors=preset_errors
    )
    outcome.errors = errors
    if errors:
        return outcome
    if dry_run:
        outcome.created, outcome.updated = kind.count(records, ctx)
        return outcome
    if before_write:
        before_write()
    try:
        _write(
            kind, records, ctx, outcome, user=user, source=source, in_write=in_write, after_write=after_write
        )
    except ValidationError as refusal:  # another writer inserted the same new rows first: nothing written
        outcome.refused = " ".join(refusal.messages)
    return outcome


def _write(
    kind: Kind,
    records: list[Record],
    ctx: Context,
    outcome: Outcome,
    *,
    user: Any,
    source: str,
    in_write: Callable[[], None] | None,
    after_write: Callable[[Outcome], None] | None,
) -> None:
    """The write: the kind's bulk service (one audit event per changed row) and a summary event, in one
    transaction."""
    with transaction.atomic():
        if in_write:
            in_write()
        outcome.created, outcome.updated = kind.write(records, ctx)
        audit_record(
            action="import",
            object_type=f"exchange.{kind.name}",
            object_id=source[:64],
            after={
                "kind": kind.name,
                "rows": len(records),
                "created": outcome.created,
                "updated": outcome.updated,
                "source": source,
            },
            actor=user,
        )
        outcome.written = True
        if after_write:
            after_write(outcome)


def facts_import_file(
    *,
    kind_name: str,
    data: bytes,
    user: Any,
    dry_run: bool,
    source: str = "",
    progress: Callable[[float], None] | None = None,
    before_write: Callable[[], None] | None = None,
    in_write: Callable[[], None] | None = None,
    after_write: Callable[[Outcome], None] | None = None,
) -> Outcome:
    """The whole pipeline for an uploaded or command-line file; never raises for a bad file."""
    kind = get_kind(kind_name)

    def read_progress(fraction: float) -> None:
        if progress:
            progress(fraction * 0.4)

    def check_progress(fraction: float) -> None:
        if progress:
            progress(0.4 + fraction * 0.5)

    try:
        table = read_table(data, kind.columns, progress=read_progress)
    except FileRefused as refusal:
        return Outcome(kind=kind.name, refused=refusal.message)
    return facts_import_rows(
        kind_name=kind_name,
        rows=table.rows,
        user=user,
        dry_run=dry_run,
        progress=check_progress,
        preset_errors=table.errors,
        source=source,
        before_write=before_write,
        in_write=in_write,
        after_write=after_write,
    )


def facts_import_csv(
    *,
    kind_name: str,
    handle: IO[bytes],
    size: int,
    user: Any,
    dry_run: bool,
    source: str = "",
    digest: str = "",
    progress: Callable[[float], None] | None = None,
    before_write: Callable[[], None] | None = None,
    in_write: Callable[[], None] | None = None,
    after_write: Callable[[Outcome], None] | None = None,
) -> Outcome:
    """A large CSV file (UTF-8, the template's headers) of a kind that takes one — the award registry's history —
    checked by sets and, when clean and not a dry run, merged in one transaction (`exchange.sql`); never raises for a
    bad file."""
    kind = get_kind(kind_name)
    outcome = Outcome(kind=kind.name)
    if not kind.imports_csv:
        outcome.refused = _("Loại dữ liệu “%(kind)s” nhập bằng tệp Excel (.xlsx) theo mẫu.") % {
            "kind": kind.label
        }
        return outcome
    try:
        return kind.import_csv(
            handle,
            size=size,
            outcome=outcome,
            user=user,
            dry_run=dry_run,
            source=source,
            digest=digest,
            progress=progress,
            before_write=before_write,
            in_write=in_write,
            after_write=after_write,
        )
    except FileRefused as refusal:
        outcome.refused = refusal.message
    except IntegrityError:  # another writer added one of the same awards meanwhile: nothing was written
        outcome.refused = _(
            "Trong lúc ghi, sổ đã có thêm khen thưởng trùng với tệp; chưa ghi dòng nào. Chạy lại."
        )
    outcome.written = False
    return outcome


def is_csv(name: str) -> bool:
    return name.lower().endswith(".csv")


def file_digest(handle: IO[bytes]) -> str:
    """SHA-256 of a stored file, read in blocks; the handle is left at its start."""
    sha = hashlib.sha256()
    while block := handle.read(1 << 20):
        sha.update(block)
    handle.seek(0)
    return sha.hexdigest()


def facts_export(*, kind_name: str, user: Any, year: int | None = None, output: Any = None) -> bytes | None:
    """The list in the template's columns (user None: everything, for the command line)."""
    kind = get_kind(kind_name)
    return write_workbook(kind.columns, kind.export_rows(user=user, year=year), output)


def facts_template(*, kind_name: str) -> bytes:
    data = write_workbook(get_kind(kind_name).columns, [])
    assert data is not None
    return data


# ---------------------------------------------------------------------------------------------------- jobs


@transaction.atomic
def import_job_create(
    *, actor: Any, kind_name: str, name: str, data: bytes | File, dry_run: bool = True
) -> ImportJob:
    """A job for an uploaded file (the bytes, or an uploaded file streamed to storage as it is)."""
    get_kind(kind_name)
    job = ImportJob(kind=kind_name, original_name=name[:255], created_by=actor, dry_run=dry_run)
    job.file.save(name or "tep.xlsx", ContentFile(data) if isinstance(data, bytes) else data, save=False)
    job.save()
    audit_record(
        action="upload", instance=job, after={"kind": kind_name, "file": job.original_name}, actor=actor
    )
    return job


def import_job_enqueue(*, job: ImportJob) -> None:
    from .tasks import run_import

    # Recorded before enqueueing: the immediate backend (tests) runs the task inside enqueue.
    ImportJob.objects.filter(pk=job.pk).update(task_id="")
    result = run_import.enqueue(job.pk)
    ImportJob.objects.filter(pk=job.pk).update(task_id=str(result.id)[:64])


def import_job_commit(*, actor: Any, job: ImportJob) -> ImportJob:
    """After a clean dry run: run the same file again, this time writing."""
    updated = ImportJob.objects.filter(pk=job.pk, status=ImportStatus.CLEAN).update(
        dry_run=False, status=ImportStatus.PENDING, progress=0, finished_at=None
    )
    if not updated:
        raise FileRefused(_("Chỉ ghi được tệp đã kiểm tra hợp lệ."))
    job.refresh_from_db()
    audit_record(action="commit", instance=job, after={"kind": job.kind}, actor=actor)
    import_job_enqueue(job=job)
    return job


# ---------------------------------------------------------------------------------------- lease of a job


def import_lease() -> timedelta:
    """How long a running job may stay silent before it is taken for dead (``THIDUA_IMPORT_LEASE_SECONDS``)."""
    return timedelta(seconds=int(getattr(settings, "THIDUA_IMPORT_LEASE_SECONDS", DEFAULT_LEASE_SECONDS)))


def _stale(now: datetime) -> Q:
    cutoff = now - import_lease()
    return Q(heartbeat_at__lt=cutoff) | Q(heartbeat_at__isnull=True, created_at__lt=cutoff)


def _task_mark_failed(task_id: str, now: datetime) -> None:
    """The dead worker's task row stays RUNNING in django-tasks-db; say it failed, as the job did."""
    if not task_id:
        return
    try:
        from django.tasks import TaskResultStatus
        from django_tasks_db.models import DBTaskResult
    except ImportError:  # another task backend keeps its own books
        return
    try:
        DBTaskResult.objects.filter(id=task_id, status=TaskResultStatus.RUNNING).update(
            status=TaskResultStatus.FAILED, finished_at=now
        )
    except Exception:  # not that backend's id: nothing to correct
        logger.info("import job task %s: not a database task", task_id)


def import_job_reap(*, job: ImportJob) -> ImportJob:
    """Mark ``job`` failed when its worker is gone: it is running or writing and has been silent for a whole
    lease. Nothing was half-written (the write is one transaction), so it can be run again.

    A live write holds its job row (``select_for_update`` in the write transaction): PostgreSQL skips that
    row (``skip_locked``), and on SQLite the live write holds the database, so the attempt waits or gives up;
    either way a live job is never marked failed."""
    now = timezone.now()
    if job.status not in LEASED_STATUSES:
        return job
    if job.heartbeat_at is not None and job.heartbeat_at >= now - import_lease():
        return job
    try:
        with transaction.atomic():
            dead = (
                ImportJob.objects.select_for_update(skip_locked=True)
                .filter(_stale(now), pk=job.pk, status__in=LEASED_STATUSES)
                .first()
            )
            if dead is not None:
                minutes = max(1, round(import_lease().total_seconds() / 60))
                before = {"status": dead.status, "progress": dead.progress}
                dead.status = ImportStatus.FAILED
                dead.finished_at = now
                dead.message = _(
                    "Tiến trình xử lý đã dừng giữa chừng (không có tín hiệu trong %(minutes)s phút); chưa ghi "
                    "dòng nào. Bấm “Chạy lại” để xử lý lại tệp."
                ) % {"minutes": minutes}
                dead.save(update_fields=["status", "finished_at", "message"])
                audit_record(
                    action="lost",
                    instance=dead,
                    before=before,
                    after={"status": dead.status, "heartbeat_at": str(dead.heartbeat_at)},
                    actor=None,
                )
                _task_mark_failed(dead.task_id, now)
    except OperationalError:  # SQLite: a live write holds the database, so the job is not dead
        return job
    job.refresh_from_db()
    return job


def import_jobs_reap(*, jobs: Any) -> None:
    """Reap the dead among ``jobs`` (a queryset): the pages listing jobs call this before reading them."""
    for job in jobs.filter(_stale(timezone.now()), status__in=LEASED_STATUSES):
        import_job_reap(job=job)


def import_job_retry(*, actor: Any, job: ImportJob) -> ImportJob:
    """Run a failed job again from its stored file (a dead job is detected first)."""
    job = import_job_reap(job=job)
    updated = ImportJob.objects.filter(pk=job.pk, status=ImportStatus.FAILED).update(
        status=ImportStatus.PENDING,
        progress=0,
        finished_at=None,
        heartbeat_at=None,
        message="",
        errors=[],
    )
    if not updated or not job.file:
        raise FileRefused(_("Chỉ chạy lại được lượt nhập không thành công."))
    job.refresh_from_db()
    audit_record(action="retry", instance=job, after={"kind": job.kind, "dry_run": job.dry_run}, actor=actor)
    import_job_enqueue(job=job)
    job.refresh_from_db()
    return job


def _finish_fields(outcome: Outcome) -> dict[str, Any]:
    """The job's final state after ``outcome``."""
    if outcome.refused:
        status, message = ImportStatus.FAILED, outcome.refused
    elif outcome.errors:
        status = ImportStatus.INVALID
        message = ngettext(
            "Tệp có %(n)s lỗi; chưa ghi dòng nào. Sửa các dòng dưới đây rồi tải lên lại.",
            "Tệp có %(n)s lỗi; chưa ghi dòng nào. Sửa các dòng dưới đây rồi tải lên lại.",
            outcome.errors_in_all,
        ) % {"n": outcome.errors_in_all}
    elif outcome.written:
        status = ImportStatus.DONE
        message = ngettext(
            "Đã ghi %(rows)s dòng: %(created)s thêm mới, %(updated)s cập nhật.",
            "Đã ghi %(rows)s dòng: %(created)s thêm mới, %(updated)s cập nhật.",
            outcome.rows,
        ) % {
            "rows": outcome.rows,
            "created": outcome.created,
            "updated": outcome.updated,
        }
    else:
        status = ImportStatus.CLEAN
        message = ngettext(
            "Tệp hợp lệ: %(rows)s dòng (%(created)s thêm mới, %(updated)s cập nhật). Chưa ghi.",
            "Tệp hợp lệ: %(rows)s dòng (%(created)s thêm mới, %(updated)s cập nhật). Chưa ghi.",
            outcome.rows,
        ) % {
            "rows": outcome.rows,
            "created": outcome.created,
            "updated": outcome.updated,
        }
    return {
        "status": status,
        "progress": 100,
        "finished_at": timezone.now(),
        "heartbeat_at": timezone.now(),
        "message": message,
        "total_rows": outcome.rows,
        "created_count": outcome.created,
        "updated_count": outcome.updated,
        "errors": [e.as_dict() for e in outcome.errors[:MAX_STORED_ERRORS]],
    }


def _set_progress(job_id: int, value: int) -> None:
    """Progress, with a heartbeat: the job is alive."""
    ImportJob.objects.filter(pk=job_id).update(progress=value, heartbeat_at=timezone.now())


class WriteLost(RuntimeError):
    """The job was taken for dead before its write began: this worker must not write it."""


def import_job_run(*, job_id: int) -> ImportJob:
    """The background task's body: check the job's file and write it when asked; progress in steps of 5%.

    The job records a heartbeat as it goes (at least every quarter of the lease); the write transaction
    locks the job row and sets the final state itself, so the rows and "done" commit together."""
    job = ImportJob.objects.select_related("created_by").get(pk=job_id)
    claimed = ImportJob.objects.filter(pk=job.pk, status=ImportStatus.PENDING).update(
        status=ImportStatus.RUNNING, progress=1, heartbeat_at=timezone.now()
    )
    if not claimed:  # already run (a duplicate task) or taken back: leave it as it is
        job.refresh_from_db()
        return job
    last = [1]
    beat_every = import_lease().total_seconds() / 4
    last_beat = [time.monotonic()]

    def progress(fraction: float) -> None:
        value = max(1, min(99, int(fraction * 100)))
        if value >= last[0] + 5:
            last[0] = value
        elif time.monotonic() - last_beat[0] < beat_every:
            return
        last_beat[0] = time.monotonic()
        _set_progress(job.pk, last[0])

    def before_write() -> None:
        ImportJob.objects.filter(pk=job.pk).update(
            status=ImportStatus.WRITING, progress=max(last[0], 90), heartbeat_at=timezone.now()
        )

    def in_write() -> None:
        locked = ImportJob.objects.select_for_update().filter(pk=job.pk, status=ImportStatus.WRITING)
        if not list(locked.only("pk")):
            raise WriteLost(job.pk)

    def after_write(outcome: Outcome) -> None:
        ImportJob.objects.filter(pk=job.pk).update(**_finish_fields(outcome))

    callbacks: dict[str, Any] = {
        "user": job.created_by,
        "dry_run": job.dry_run,
        "source": f"job {job.pk}: {job.original_name}",
        "progress": progress,
        "before_write": before_write,
        "in_write": in_write,
        "after_write": after_write,
    }
    try:
        with job.file.open("rb") as handle:
            if is_csv(job.original_name):  # a large history file, checked by sets (exchange.sql)
                outcome = facts_import_csv(
                    kind_name=job.kind,
                    handle=handle,
                    size=job.file.size,
                    digest=file_digest(handle),
                    **callbacks,
                )
            else:
                outcome = facts_import_file(kind_name=job.kind, data=handle.read(), **callbacks)
    except WriteLost:  # marked failed meanwhile; nothing written, the job says so already
        job.refresh_from_db()
        return job
    except Exception as exc:  # a bug must not leave the job spinning forever
        ImportJob.objects.filter(pk=job.pk).update(
            status=ImportStatus.FAILED,
            progress=100,
            finished_at=timezone.now(),
            message=_("Lỗi hệ thống khi xử lý tệp: %(error)s") % {"error": type(exc).__name__},
        )
        raise
    if not outcome.written:  # a written outcome recorded its state inside the write transaction
        ImportJob.objects.filter(pk=job.pk).update(**_finish_fields(outcome))
    job.refresh_from_db()
    return job
