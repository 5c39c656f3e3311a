"""Pages of the Excel exchange: templates, exports (scoped lists), uploads and the import job page with its
progress bar (htmx polls the job every second while it runs)."""

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.accounts.models import Role
from thidua.accounts.scope import is_system_admin
from thidua.core.params import year_param
from thidua.core.permissions import view_permission
from thidua.core.uploads import download_headers

from . import services
from .forms import UploadForm
from .kinds import find_kind, kinds
from .models import ImportJob
from .reader import DEFAULT_MAX_BYTES, FileRefused

# The largest CSV file of history (`THIDUA_IMPORT_CSV_MAX_BYTES`): a million award rows are 50–120 MB, by their notes.
CSV_MAX_BYTES = 1024 * 1024 * 1024

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _kind(name: str):
    kind = find_kind(name)
    if kind is None:
        raise Http404
    return kind


def _xlsx(data: bytes, filename: str) -> HttpResponse:
    return HttpResponse(data, content_type=XLSX, headers=download_headers(filename))


@view_permission(Role.OFFICER)
def home(request):
    services.import_jobs_reap(jobs=ImportJob.objects.filter(created_by=request.user))
    jobs = ImportJob.objects.filter(created_by=request.user).order_by("-created_at")[:20]
    return render(request, "exchange/home.html", {"kinds": kinds(), "jobs": jobs})


@view_permission()
def template_download(request, kind: str):
    _kind(kind)
    return _xlsx(services.facts_template(kind_name=kind), f"mau-{kind}.xlsx")


@view_permission()
def export(request, kind: str):
    _kind(kind)
    year = year_param(request)
    data = services.facts_export(kind_name=kind, user=request.user, year=year)
    assert data is not None
    return _xlsx(data, f"{kind}{'-' + str(year) if year else ''}.xlsx")


@view_permission(Role.OFFICER)
def upload(request, kind: str):
    spec = _kind(kind)
    # A large CSV file of history (the award registry's), checked by sets: for an administrator of the whole
    # system (the rows name people of any unit).
    takes_csv = spec.imports_csv and is_system_admin(request.user)
    form = UploadForm(request.POST or None, request.FILES or None, takes_csv=takes_csv)
    max_bytes = int(getattr(settings, "THIDUA_IMPORT_MAX_BYTES", DEFAULT_MAX_BYTES))
    csv_max_bytes = int(getattr(settings, "THIDUA_IMPORT_CSV_MAX_BYTES", CSV_MAX_BYTES))
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        csv_file = services.is_csv(upload.name)
        limit = csv_max_bytes if csv_file else max_bytes
        if csv_file and not takes_csv:
            form.add_error(
                "file",
                _(
                    "Tệp CSV chỉ dùng để quản trị hệ thống nhập dữ liệu lịch sử khen thưởng; hãy dùng tệp Excel (.xlsx)."
                ),
            )
        elif upload.size > limit:
            form.add_error("file", _("Tệp quá lớn; giới hạn là %(max)s MB.") % {"max": limit // 1024 // 1024})
        else:
            job = services.import_job_create(
                actor=request.user,
                kind_name=kind,
                name=upload.name,
                data=upload if csv_file else upload.read(),
                dry_run=form.cleaned_data["dry_run"],
            )
            services.import_job_enqueue(job=job)
            return redirect("exchange:job", pk=job.pk)
    services.import_jobs_reap(jobs=ImportJob.objects.filter(created_by=request.user, kind=kind))
    jobs = ImportJob.objects.filter(created_by=request.user, kind=kind).order_by("-created_at")[:10]
    return render(
        request,
        "exchange/upload.html",
        {
            "kind": spec,
            "form": form,
            "jobs": jobs,
            "max_mb": max_bytes // 1024 // 1024,
            "takes_csv": takes_csv,
            "csv_max_mb": csv_max_bytes // 1024 // 1024,
        },
    )


def _job(request, pk: int) -> ImportJob:
    job = get_object_or_404(ImportJob, pk=pk)
    if job.created_by_id != request.user.pk and not is_system_admin(request.user):
        raise Http404
    return job


@view_permission(Role.OFFICER)
def job_detail(request, pk: int):
    job = services.import_job_reap(job=_job(request, pk))
    return render(request, "exchange/job.html", {"job": job, "kind": find_kind(job.kind)})


@view_permission(Role.OFFICER)
def job_status(request, pk: int):
    job = services.import_job_reap(job=_job(request, pk))
    return render(request, "exchange/_job_status.html", {"job": job, "kind": find_kind(job.kind)})


@require_POST
@view_permission(Role.OFFICER)
def job_commit(request, pk: int):
    job = _job(request, pk)
    try:
        services.import_job_commit(actor=request.user, job=job)
    except FileRefused as refusal:
        messages.error(request, refusal.message)
    return redirect("exchange:job", pk=pk)


@require_POST
@view_permission(Role.OFFICER)
def job_retry(request, pk: int):
    """Run a failed job again (a job whose worker died is detected and marked failed first)."""
    job = _job(request, pk)
    try:
        services.import_job_retry(actor=request.user, job=job)
    except FileRefused as refusal:
        messages.error(request, refusal.message)
    return redirect("exchange:job", pk=pk)
