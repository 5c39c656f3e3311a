"""Import and export of facts: check a whole file (every row's errors), then write it all in ONE transaction
or nothing; the background job with its progress; the export in the template's columns."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from thidua.audit.services import audit_record

from .kinds import Context, Kind, Record, get_kind
from .models import ImportJob, ImportStatus
from .reader import FileRefused, RowError, read_table
from .writer import write_workbook

MAX_STORED_ERRORS = 2000


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
    names = {
        "ratings": ("staff_code", "year"),
        "leave": ("staff_code", "year", "kind", "start_on"),
        "discipline": ("staff_code", "decided_on", "form"),
        "initiatives": ("code", "staff_code"),
        "awards": ("staff_code", "unit_code", "code", "year"),
        "people": ("staff_code",),
    }
    parts = []
    for key in names.get(kind.name, ()):
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
) -> Outcome:
    """Check rows; when clean and not a dry run, write them all in one transaction (or nothing)."""
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
    with transaction.atomic():
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
    return outcome


def facts_import_file(
    *,
    kind_name: str,
    data: bytes,
    user: Any,
    dry_run: bool,
    source: str = "",
    progress: Callable[[float], None] | None = None,
    before_write: Callable[[], None] | None = None,
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
    )


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
    *, actor: Any, kind_name: str, name: str, data: bytes, dry_run: bool = True
) -> ImportJob:
    get_kind(kind_name)
    job = ImportJob(kind=kind_name, original_name=name[:255], created_by=actor, dry_run=dry_run)
    job.file.save(name or "tep.xlsx", ContentFile(data), save=False)
    job.save()
    audit_record(
        action="upload", instance=job, after={"kind": kind_name, "file": job.original_name}, actor=actor
    )
    return job


def import_job_enqueue(*, job: ImportJob) -> None:
    from .tasks import run_import

    run_import.enqueue(job.pk)


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


def _set_progress(job_id: int, value: int) -> None:
    ImportJob.objects.filter(pk=job_id).update(progress=value)


def import_job_run(*, job_id: int) -> ImportJob:
    """The background task's body: check the job's file and write it when asked; progress in steps of 5%."""
    job = ImportJob.objects.select_related("created_by").get(pk=job_id)
    ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.RUNNING, progress=1)
    last = [1]

    def progress(fraction: float) -> None:
        value = max(1, min(99, int(fraction * 100)))
        if value >= last[0] + 5:
            last[0] = value
            _set_progress(job.pk, value)

    def before_write() -> None:
        ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.WRITING, progress=max(last[0], 90))

    try:
        with job.file.open("rb") as handle:
            data = handle.read()
        outcome = facts_import_file(
            kind_name=job.kind,
            data=data,
            user=job.created_by,
            dry_run=job.dry_run,
            source=f"job {job.pk}: {job.original_name}",
            progress=progress,
            before_write=before_write,
        )
    except Exception as exc:  # a bug must not leave the job spinning forever
        ImportJob.objects.filter(pk=job.pk).update(
            status=ImportStatus.FAILED,
            progress=100,
            finished_at=timezone.now(),
            message=_("Lỗi hệ thống khi xử lý tệp: %(error)s") % {"error": type(exc).__name__},
        )
        raise
    if outcome.refused:
        status, message = ImportStatus.FAILED, outcome.refused
    elif outcome.errors:
        status = ImportStatus.INVALID
        message = ngettext(
            "Tệp có %(n)s lỗi; chưa ghi dòng nào. Sửa các dòng dưới đây rồi tải lên lại.",
            "Tệp có %(n)s lỗi; chưa ghi dòng nào. Sửa các dòng dưới đây rồi tải lên lại.",
            len(outcome.errors),
        ) % {"n": len(outcome.errors)}
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
    ImportJob.objects.filter(pk=job.pk).update(
        status=status,
        progress=100,
        finished_at=timezone.now(),
        message=message,
        total_rows=outcome.rows,
        created_count=outcome.created,
        updated_count=outcome.updated,
        errors=[e.as_dict() for e in outcome.errors[:MAX_STORED_ERRORS]],
    )
    job.refresh_from_db()
    return job
