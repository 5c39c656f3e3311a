"""Pages of the documents toolkit: downloads of issued documents and their e-office export, sending a document as
edXML packages and following them, and the office's Word templates.

Scope, checked on the server for every request:

- an issued document, its dispatches and packages: the issuer's office and its signing leader (Role.OFFICER or
  Role.SIGNER in the issuer); recording a package's fate is the office's (Role.OFFICER). Anyone else gets 404.
- Word templates: the agency's office (Role.OFFICER of the agency); an officer of another agency gets 404, a user
  who is nobody's officer 403. The kinds of template come from the domain apps through the registry.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.accounts.models import Role
from thidua.accounts.scope import has_role
from thidua.core.forms import add_service_errors
from thidua.core.permissions import view_permission
from thidua.core.registry import TemplateKind, registry
from thidua.core.uploads import DOCX, download_headers
from thidua.organizations.models import Organization

from . import forms, selectors, services
from .models import Dispatch, DispatchChannel, DocumentTemplate, IssuedDocument

EDXML_MIME = "application/xml"


def _document_for_office(request, pk: int) -> IssuedDocument:
    document = get_object_or_404(IssuedDocument.objects.select_related("issuer__parent"), pk=pk)
    if not has_role(request.user, Role.OFFICER, Role.SIGNER, organization=document.issuer):
        raise Http404
    return document


def _content_for(document: IssuedDocument):
    """Rebuild a document's content from its source (the kind its app registered), for documents whose files
    were not stored yet."""
    kind = registry.document_kinds.get(document.purpose)
    source = kind.find(str(document.source_id)) if kind is not None else None
    if kind is None or source is None:
        raise Http404
    return kind.build(source, number_symbol=document.number_symbol, issued_on=document.issued_on)


@view_permission(Role.OFFICER, Role.SIGNER)
def eoffice_export(request, pk: int):
    """The ZIP for e-office systems (PDF, metadata.json, metadata.xml, SHA256SUMS; see docs/movements.md)."""
    document = _document_for_office(request, pk)
    content = None if document.pdf else _content_for(document)
    data = services.eoffice_export(document=document, content=content)
    stem = document.number_symbol.replace("/", "-")
    return HttpResponse(data, content_type="application/zip", headers=download_headers(f"eoffice-{stem}.zip"))


# ---------------------------------------------------------------- e-office dispatch (edXML)


@view_permission(Role.OFFICER, Role.SIGNER)
def edxml_dispatch(request, pk: int):
    """Send the document to receiving organs as edXML packages, and the list of its packages with their status."""
    document = _document_for_office(request, pk)
    form = forms.EdxmlDispatchForm(request.POST or None, issuer=document.issuer)
    if request.method == "POST" and form.is_valid():
        try:
            if not document.pdf:  # a document whose files were never stored (rendered on first use)
                services.document_store_files(document=document, content=_content_for(document))
            made = services.dispatch_edxml(
                actor=request.user,
                document=document,
                receivers=form.receivers(),
                priority=form.cleaned_data["priority"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if services.eoffice_url():
                message = _("Đã lập %(n)s gói edXML và chuyển tới cổng hệ thống quản lý văn bản điện tử.")
            else:
                message = _(
                    "Đã lập %(n)s gói edXML, trạng thái “chờ gửi”: tải từng gói về và đưa vào phần mềm quản lý "
                    "văn bản điện tử, rồi ghi nhận đã gửi."
                )
            messages.success(request, message % {"n": len(made)})
            return redirect("documents:edxml_dispatch", document.pk)
    dispatches = list(selectors.dispatches_of(document))
    return render(
        request,
        "documents/edxml_dispatch.html",
        {
            "document": document,
            "form": form,
            "packages": [
                (d, forms.DispatchStatusForm(current=d.status, prefix=f"d{d.pk}"))
                for d in dispatches
                if d.channel == DispatchChannel.EOFFICE and d.package
            ],
            "others": [d for d in dispatches if not (d.channel == DispatchChannel.EOFFICE and d.package)],
            "gateway": services.eoffice_url(),
            "can_mark": has_role(request.user, Role.OFFICER, organization=document.issuer),
        },
    )


def _package_for_office(request, pk: int, *roles: str) -> Dispatch:
    dispatch = get_object_or_404(
        Dispatch.objects.select_related("document__issuer"), pk=pk, channel=DispatchChannel.EOFFICE
    )
    if not dispatch.package:
        raise Http404
    if not has_role(request.user, Role.OFFICER, Role.SIGNER, organization=dispatch.document.issuer):
        raise Http404
    if roles and not has_role(request.user, *roles, organization=dispatch.document.issuer):
        raise PermissionDenied
    return dispatch


@view_permission(Role.OFFICER, Role.SIGNER)
def edxml_package(request, pk: int):
    """One stored edXML package, as it was made (for the clerk to load into the e-office client)."""
    dispatch = _package_for_office(request, pk)
    with dispatch.package.open("rb") as handle:
        data = handle.read()
    stem = dispatch.document.number_symbol.replace("/", "-")
    return HttpResponse(
        data, content_type=EDXML_MIME, headers=download_headers(f"{stem}-{dispatch.receiver_code}.edxml")
    )


@view_permission(Role.OFFICER)
@require_POST
def edxml_status(request, pk: int):
    """The office records what became of a package (sent by hand, acknowledged, failed with the reason, queued
    again)."""
    dispatch = _package_for_office(request, pk, Role.OFFICER)
    form = forms.DispatchStatusForm(request.POST, current=dispatch.status, prefix=f"d{dispatch.pk}")
    if form.is_valid():
        try:
            services.dispatch_status_set(
                actor=request.user,
                dispatch=dispatch,
                status=form.cleaned_data["status"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(
                request,
                _("Đã ghi nhận trạng thái của gói gửi %(recipient)s.") % {"recipient": dispatch.recipient},
            )
    else:
        for field, problems in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for problem in problems:
                messages.error(request, f"{label}: {problem}" if label else str(problem))
    return redirect("documents:edxml_dispatch", dispatch.document_id)


# ---------------------------------------------------------------- Word templates


def _describe(sample: Any) -> str:
    """A field's sample as the fields table shows it: the text, or what a list holds."""
    if isinstance(sample, list) and sample and isinstance(sample[0], dict):
        parts = [
            f"{key} ({_describe(value)})" if isinstance(value, list) else key
            for key, value in sample[0].items()
        ]
        return _("danh sách, mỗi mục có: %(fields)s") % {"fields": ", ".join(parts)}
    if isinstance(sample, list):
        return _("danh sách dòng, ví dụ: “%(first)s”") % {"first": sample[0] if sample else ""}
    return str(sample)


def _kind(key: str) -> TemplateKind:
    try:
        return services.template_kind_get(key)
    except LookupError as exc:
        raise Http404 from exc


def _agency_for_templates(request, pk: int) -> Organization:
    agency = get_object_or_404(Organization, pk=pk)
    if not selectors.can_manage_templates(request.user, agency):
        raise Http404
    return agency


def _template_for_office(request, pk: int) -> DocumentTemplate:
    template = get_object_or_404(DocumentTemplate.objects.select_related("agency"), pk=pk)
    if not selectors.can_manage_templates(request.user, template.agency):
        raise Http404
    return template


@view_permission(Role.OFFICER)
def template_list(request):
    """The kinds of template with the agency's active version of each ("Mẫu mặc định" when none)."""
    agencies = selectors.template_agencies(request.user)
    chosen = request.GET.get("co-quan")
    if chosen:
        if not chosen.isdigit():
            raise Http404
        agency = _agency_for_templates(request, int(chosen))
    elif agencies:
        agency = agencies[0]
    else:
        raise PermissionDenied
    active = selectors.active_templates(agency)
    return render(
        request,
        "documents/template_list.html",
        {
            "agency": agency,
            "agencies": agencies,
            "rows": [(kind, active.get(kind.key)) for kind in registry.template_kinds()],
        },
    )


@view_permission(Role.OFFICER)
def template_kind(request, agency: int, kind: str):
    """One kind of template of an agency: its fields, its versions (download, use again, back to the default)
    and the upload of a new version, which becomes the active one."""
    organization = _agency_for_templates(request, agency)
    template_kind = _kind(kind)
    form = forms.TemplateUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data, name = form.cleaned_data["file"]
        try:
            made = services.template_upload(
                actor=request.user,
                agency=organization,
                kind=template_kind.key,
                data=data,
                name=name,
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Đã tải lên mẫu %(kind)s phiên bản %(version)s; từ nay văn bản dùng mẫu này.")
                % {"kind": template_kind.label, "version": made.version},
            )
            return redirect("documents:template_kind", organization.pk, template_kind.key)
    spec = template_kind.spec
    return render(
        request,
        "documents/template_kind.html",
        {
            "agency": organization,
            "kind": template_kind,
            "form": form,
            "versions": list(selectors.template_versions(agency=organization, kind=template_kind.key)),
            "fields": [
                {"name": name, "required": name in spec.required, "sample": _describe(spec.sample[name])}
                for name in spec.sample
            ],
            "page_mm": spec.page_mm,
        },
    )


@view_permission(Role.OFFICER)
def template_default(request, kind: str):
    """The built-in template of a kind (the Decree 30 layout with its placeholders), to edit in Word."""
    template_kind = _kind(kind)
    return HttpResponse(
        template_kind.default(), content_type=DOCX, headers=download_headers(f"mau-mac-dinh-{kind}.docx")
    )


@view_permission(Role.OFFICER)
def template_download(request, pk: int):
    """An uploaded version, as it was uploaded."""
    template = _template_for_office(request, pk)
    data = services.template_bytes(template)
    return HttpResponse(
        data,
        content_type=DOCX,
        headers=download_headers(f"mau-{template.kind}-phien-ban-{template.version}.docx"),
    )


@view_permission(Role.OFFICER)
@require_POST
def template_activate(request, pk: int):
    template = _template_for_office(request, pk)
    services.template_activate(actor=request.user, template=template)
    messages.success(
        request, _("Từ nay văn bản dùng mẫu phiên bản %(version)s.") % {"version": template.version}
    )
    return redirect("documents:template_kind", template.agency_id, template.kind)


@view_permission(Role.OFFICER)
@require_POST
def template_reset(request, agency: int, kind: str):
    organization = _agency_for_templates(request, agency)
    template_kind = _kind(kind)
    try:
        services.template_use_default(actor=request.user, agency=organization, kind=template_kind.key)
    except ValidationError as error:
        for message in error.messages:
            messages.info(request, message)
    else:
        messages.success(request, _("Từ nay văn bản dùng mẫu mặc định."))
    return redirect("documents:template_kind", organization.pk, template_kind.key)
