"""API of the exchange: bulk upsert by natural keys for every kind (the same checks as the Excel import,
all-or-nothing), scoped lists in the template's columns, and import job status.

The apps that register kinds mount their own paths through `add_fact_routes` (`thidua.appraisals.api`, ...);
a route whose kind is not registered answers 404."""

from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext, gettext_lazy
from ninja import Field, Router, Schema, Status

from thidua.accounts.models import Role
from thidua.accounts.scope import has_role, is_system_admin
from thidua.api.errors import ErrorOut
from thidua.api.errors import ValidationErrorOut as BulkErrorOut
from thidua.api.pagination import Limit, Offset, Year

from . import services
from .kinds import find_kind
from .models import ImportJob
from .reader import FileRefused
from .services import facts_import_rows

router = Router(tags=["exchange"])


class BulkIn(Schema):
    items: list[dict[str, Any]] = Field(..., description="Các dòng, khóa là tên cột (key) của mẫu Excel.")
    dry_run: bool = False


class BulkOut(Schema):
    rows: int
    created: int
    updated: int
    written: bool


class FactPage(Schema):
    count: int
    items: list[dict[str, Any]]


class JobOut(Schema):
    id: int
    kind: str
    status: str
    progress: int
    dry_run: bool
    total_rows: int
    created_count: int
    updated_count: int
    message: str
    errors: list[dict[str, Any]]
    heartbeat_at: datetime | None = Field(
        None,
        description="Tín hiệu gần nhất của tiến trình; im lặng quá thời hạn thì lượt nhập bị coi là hỏng.",
    )
    can_retry: bool = False


def bulk_upsert(request, kind: str, payload: BulkIn):
    """All-or-nothing: every item checked, then written in one transaction. Officers (and admins) only. 409 when
    another write inserted the same new rows at the same moment (nothing written; sending again updates them)."""
    _registered(kind)
    user = request.auth
    if not has_role(user, Role.OFFICER):
        return Status(403, {"detail": gettext("Không có quyền thực hiện thao tác này."), "errors": []})
    rows = [(index + 1, item) for index, item in enumerate(payload.items)]
    outcome = facts_import_rows(
        kind_name=kind, rows=rows, user=user, dry_run=payload.dry_run, source=f"api {kind}"
    )
    if outcome.errors:
        errors = [{"index": e.row - 1, "column": e.column, "message": e.message} for e in outcome.errors]
        if any(e.code == "scope" for e in outcome.errors):
            return Status(
                403,
                {
                    "detail": gettext("Có dòng ngoài phạm vi bạn quản lý; không ghi dòng nào."),
                    "errors": errors,
                },
            )
        return Status(422, {"detail": gettext("Dữ liệu không hợp lệ; không ghi dòng nào."), "errors": errors})
    if outcome.refused:  # another writer inserted the same new rows at the same moment
        return Status(409, {"detail": outcome.refused, "errors": []})
    return Status(
        200,
        {
            "rows": outcome.rows,
            "created": outcome.created,
            "updated": outcome.updated,
            "written": outcome.written,
        },
    )


def _registered(kind: str):
    """The kind, while its app is installed; a route of a kind no app registers answers 404."""
    spec = find_kind(kind)
    if spec is None:
        raise Http404
    return spec


def fact_list(request, kind: str, year: int | None, limit: int, offset: int) -> dict[str, Any]:
    spec = _registered(kind)
    limit = max(1, min(limit, 1000))
    if spec.rows_span_records:
        items = list(spec.export_rows(user=request.auth, year=year))
        return {"count": len(items), "items": items[offset : offset + limit]}
    qs = spec.export_queryset(user=request.auth, year=year)
    return {"count": qs.count(), "items": [spec.export_row(o) for o in qs[offset : offset + limit]]}


def _kind_label(kind: str) -> str:
    """The kind's name, read when the schema is rendered (the kind registers itself after its routes)."""
    spec = find_kind(kind)
    return str(spec.label) if spec is not None else kind


def add_fact_routes(target: Router, kind: str, path: str) -> None:
    """GET {path} (scoped list) and POST {path}/bulk (upsert by natural key) for one kind of facts."""

    label = lazy(_kind_label, str)(kind)
    # Lazy texts: the kind's label and the language are read when the schema is rendered.
    list_summary: Any = format_lazy(gettext_lazy("{label}: danh sách trong phạm vi được xem"), label=label)
    bulk_summary: Any = format_lazy(gettext_lazy("{label}: ghi hàng loạt theo khóa tự nhiên"), label=label)

    @target.get(path, response=FactPage, operation_id=f"{kind}_list", summary=list_summary)
    def _list(request, year: Year = None, limit: Limit = 100, offset: Offset = 0):
        return fact_list(request, kind, year, limit, offset)

    @target.post(
        f"{path}/bulk",
        response={200: BulkOut, 403: BulkErrorOut, 409: BulkErrorOut, 422: BulkErrorOut},
        operation_id=f"{kind}_bulk_upsert",
        summary=bulk_summary,
    )
    def _bulk(request, payload: BulkIn):
        return bulk_upsert(request, kind, payload)


def _own_job(request, job_id: int) -> ImportJob:
    job = get_object_or_404(ImportJob, pk=job_id)
    if job.created_by_id != request.auth.pk and not is_system_admin(request.auth):
        raise PermissionDenied
    return job


@router.get(
    "/imports/{job_id}",
    response=JobOut,
    summary="Trạng thái một lần nhập dữ liệu",
    description="Trạng thái của lần nhập; lần nhập mà tiến trình xử lý đã dừng (im lặng quá thời hạn nhận việc) được báo là thất bại.",
)
def import_job_get(request, job_id: int):
    """The job's state; a job whose worker died (silent for a whole lease) is reported failed."""
    return services.import_job_reap(job=_own_job(request, job_id))


@router.post(
    "/imports/{job_id}/retry",
    response={200: JobOut, 409: ErrorOut},
    summary="Chạy lại một lần nhập dữ liệu thất bại",
    description="Chạy lại lần nhập thất bại từ tệp đã lưu; trả 409 khi lần nhập không ở trạng thái thất bại.",
)
def import_job_retry(request, job_id: int):
    """Run a failed job again from its stored file; 409 when the job has not failed."""
    job = _own_job(request, job_id)
    try:
        return services.import_job_retry(actor=request.auth, job=job)
    except FileRefused as refusal:
        return Status(409, {"detail": refusal.message})
