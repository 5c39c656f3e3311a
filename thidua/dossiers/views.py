"""Pages of the dossiers: the catalogue, a batch's dossier (files per line, upload, download, delete), and a
line's achievement report (edit, DOCX, PDF). Every view declares its roles; batches, lines and files are fetched
through the scoped selectors (another unit's are a 404) and written through the services (which check the unit's
side and the batch's state again)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.core import uploads
from thidua.core.permissions import view_permission
from thidua.core.uploads import DOCX, PDF
from thidua.documents.layout import render_docx, render_pdf
from thidua.nominations.models import Nomination
from thidua.rules.engine.eras import procedure_era
from thidua.rules.services import rule_config_for

from . import catalogue, forms, selectors, services
from .completeness import batch_dossier, batch_era, line_label, subject_kind
from .reports import SECTION_KEYS, report_document, report_prefill


def _next(request, default: str) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return default


def _errors(error: ValidationError) -> list[str]:
    return error.messages


@view_permission(*selectors.DOSSIER_ROLES)
def catalogue_view(request):
    """The dossier catalogue per era, read-only, with each item's basis and what is to be verified."""
    in_force = procedure_era(timezone.localdate(), rule_config_for(organization=None)).era
    eras = []
    for era in catalogue.ERAS:
        rows = [row for row in catalogue.CATALOGUE if row.era == era]
        eras.append(
            {
                "era": era,
                "label": catalogue.ERA_LABELS[era],
                "in_force": era == in_force,
                "rows": [
                    {
                        "row": row,
                        "codes": [catalogue.code_label(code) for code in row.codes],
                        "tracks": [catalogue.track_label(track) for track in row.tracks],
                        "needs": [
                            {
                                "need": need,
                                "label": catalogue.DossierKind(need.kind).label,
                                "condition": catalogue.CONDITION_LABELS.get(need.when, ""),
                                "batch_wide": need.scope == catalogue.BATCH,
                                "after_council": need.stage == catalogue.COUNCIL,
                            }
                            for need in row.needs
                        ],
                    }
                    for row in rows
                ],
                "forms": catalogue.report_forms(era),
            }
        )
    return render(request, "dossiers/catalogue.html", {"eras": eras})


def _batch_page_context(request, batch, *, upload_form=None):
    dossier = batch_dossier(batch)
    can_change = selectors.can_change_dossier(request.user, batch)
    return {
        "batch": batch,
        "dossier": dossier,
        "can_change": can_change,
        "batch_form": upload_form or forms.ItemUploadForm(scope=catalogue.BATCH),
        "line_form": forms.ItemUploadForm(scope=catalogue.LINE),
        "era_label": catalogue.ERA_LABELS[dossier.era],
    }


@view_permission(*selectors.DOSSIER_ROLES)
def batch_view(request, pk: int):
    """The dossier of a batch: per line and for the batch, each item present or missing."""
    batch = selectors.batch_get_visible(user=request.user, pk=pk)
    return render(request, "dossiers/batch.html", _batch_page_context(request, batch))


@view_permission(*selectors.DOSSIER_ROLES)
@require_POST
def item_upload(request, pk: int):
    batch = selectors.batch_get_visible(user=request.user, pk=pk)
    back = _next(request, reverse("dossiers:batch", args=[batch.pk]))
    if not selectors.can_change_dossier(request.user, batch):
        if batch.status in selectors.EDITABLE_STATES:
            raise PermissionDenied
        messages.error(request, _("Tờ trình đã gửi: hồ sơ không sửa được nữa."))
        return redirect(back)
    form = forms.upload_form_for(request.POST, request.FILES)
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = str(form.fields[field].label) if field in form.fields else ""
            for error in errors:
                text = str(error)
                messages.error(request, f"{label}: {text}" if label and not text.startswith(label) else text)
        return redirect(back)
    nomination = None
    if form.cleaned_data.get("nomination"):
        nomination = Nomination.objects.filter(batch=batch, pk=form.cleaned_data["nomination"]).first()
        if nomination is None:
            raise Http404
    checked = form.cleaned_data["file"]
    try:
        services.dossier_item_upload(
            actor=request.user,
            batch=batch,
            kind=form.cleaned_data["kind"],
            name=checked.name,
            data=checked.data,
            nomination=nomination,
            note=form.cleaned_data.get("note") or "",
        )
    except ValidationError as error:
        for message in _errors(error):
            messages.error(request, message)
    else:
        messages.success(request, _("Đã thêm tệp vào hồ sơ."))
    return redirect(back)


@view_permission(*selectors.DOSSIER_ROLES)
def item_download(request, pk: int):
    """A file of a visible batch's dossier, always as a download (core.uploads.upload_response)."""
    item = selectors.item_get_visible(user=request.user, pk=pk)
    return uploads.upload_response(item.file, filename=item.original_name)


@view_permission(*selectors.DOSSIER_ROLES)
@require_POST
def item_delete(request, pk: int):
    item = selectors.item_get_visible(user=request.user, pk=pk)
    back = _next(request, reverse("dossiers:batch", args=[item.batch_id]))
    if not selectors.can_change_dossier(request.user, item.batch):
        if item.batch.status in selectors.EDITABLE_STATES:
            raise PermissionDenied
        messages.error(request, _("Tờ trình đã gửi: hồ sơ không sửa được nữa."))
        return redirect(back)
    try:
        services.dossier_item_delete(actor=request.user, item=item)
    except ValidationError as error:
        for message in _errors(error):
            messages.error(request, message)
    else:
        messages.success(request, _("Đã xóa tệp khỏi hồ sơ."))
    return redirect(back)


@view_permission(*selectors.DOSSIER_ROLES)
def report_edit(request, pk: int):
    """The line's achievement report: its sections (prefilled from the data until saved), DOCX and PDF."""
    nomination = selectors.nomination_get_visible(user=request.user, pk=pk)
    batch = nomination.batch
    report = selectors.report_of(nomination)
    can_change = selectors.can_change_dossier(request.user, batch)
    subject = subject_kind(nomination)
    initial: dict[str, Any] = {"version": report.version if report is not None else 0}
    initial.update(report.sections if report is not None else report_prefill(nomination))
    form = forms.ReportSectionsForm(initial=initial, subject=subject)
    if request.method == "POST":
        if not can_change:
            if batch.status in selectors.EDITABLE_STATES:
                raise PermissionDenied
            messages.error(request, _("Tờ trình đã gửi: báo cáo không sửa được nữa."))
            return redirect("dossiers:report", pk=pk)
        version = request.POST.get("version", "")
        try:
            if "prefill" in request.POST:
                services.achievement_report_prefill(
                    actor=request.user,
                    nomination=nomination,
                    version=int(version) if version.isdigit() else None,
                )
                messages.success(request, _("Đã lập lại báo cáo từ dữ liệu."))
                return redirect("dossiers:report", pk=pk)
            form = forms.ReportSectionsForm(request.POST, subject=subject)
            if form.is_valid():
                services.achievement_report_save(
                    actor=request.user,
                    nomination=nomination,
                    sections={key: form.cleaned_data.get(key, "") for key in SECTION_KEYS},
                    version=form.cleaned_data["version"],
                )
                messages.success(request, _("Đã lưu báo cáo thành tích."))
                return redirect("dossiers:report", pk=pk)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.message_dict.items():
                    for message in errors:
                        form.add_error(field if field in form.fields else None, message)
            else:
                for message in _errors(error):
                    form.add_error(None, message)
    context = {
        "nomination": nomination,
        "batch": batch,
        "report": report,
        "form": form,
        "can_change": can_change,
        "line_label": line_label(nomination),
        "report_form": catalogue.report_form(era=batch_era(batch), subject=subject, track=nomination.track),
    }
    return render(request, "dossiers/report.html", context)


@view_permission(*selectors.DOSSIER_ROLES)
def report_download(request, pk: int, fmt: str):
    """The report as DOCX or PDF (the saved text, or the prefill when none is saved yet)."""
    if fmt not in ("docx", "pdf"):
        raise Http404
    nomination = selectors.nomination_get_visible(user=request.user, pk=pk)
    document = report_document(nomination)
    data, content_type = (render_pdf(document), PDF) if fmt == "pdf" else (render_docx(document), DOCX)
    filename = f"Báo cáo thành tích – {line_label(nomination)}.{fmt}"
    response = HttpResponse(data, content_type=content_type)
    for header, value in uploads.download_headers(filename).items():
        response[header] = value
    return response
