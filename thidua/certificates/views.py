"""Pages of certificates: the public verification (no login), the office's certificates of each issued decision
(print-ready downloads, print runs on the agency's blanks, the printed lists), and the templates' calibration.

The verification page answers a code with what the printed certificate shows (`selectors.PublicCertificate`),
cacheable by anyone for `THIDUA_CERTIFICATES_VERIFY_MAX_AGE` seconds (300 by default; only in the visitor's
browser when they are logged in, as the page then carries their menu). Every miss — an unknown
code, a draft's, a proposal's — is the same 404 page, and misses are counted per client address: past
`THIDUA_CERTIFICATES_VERIFY_MISSES_PER_HOUR` (20 by default) the address gets 429 for every code, found or not,
until the hour has passed, so the page cannot be used to try codes (they are unguessable besides: ~80 bits).

Office records are fetched through the scoped selectors (another agency's decision or template is a 404) and
written through the services (which check the role again: the signer reads, and gets 403 on a write).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from thidua.accounts.client_address import client_address
from thidua.accounts.models import Role
from thidua.accounts.scope import CHANGE, managed_organizations
from thidua.core.forms import add_service_errors, perform_service
from thidua.core.params import int_param
from thidua.core.permissions import view_permission
from thidua.core.uploads import download_headers, upload_response
from thidua.documents.certificates import SAMPLE_BLANK_LAYOUT, CertificateLayout, render_calibration_sheet
from thidua.documents.selectors import issuer_header, issuer_place
from thidua.organizations.models import OrganizationKind

from . import documents, forms, selectors, services
from .models import CertificateTemplate

THROTTLE_WINDOW = 3600  # seconds


def _pdf(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf", headers=download_headers(filename))
    patch_cache_control(response, private=True, no_store=True)
    return response


# ---------------------------------------------------------------- the public verification


def _misses_limit() -> int:
    return int(getattr(settings, "THIDUA_CERTIFICATES_VERIFY_MISSES_PER_HOUR", 20))


def _max_age() -> int:
    return int(getattr(settings, "THIDUA_CERTIFICATES_VERIFY_MAX_AGE", 300))


def _throttle_key(request: HttpRequest) -> str:
    return f"certificates:verify-miss:{client_address(request) or 'unknown'}"


def _throttled(request: HttpRequest) -> bool:
    return int(cache.get(_throttle_key(request), 0)) >= _misses_limit()


def _count_miss(request: HttpRequest) -> None:
    key = _throttle_key(request)
    if cache.add(key, 1, timeout=THROTTLE_WINDOW):
        return
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=THROTTLE_WINDOW)


def _too_many(request: HttpRequest) -> HttpResponse:
    response = render(
        request,
        "certificates/verify_throttled.html",
        {"limit": _misses_limit(), "form": forms.VerifyForm()},
        status=429,
    )
    response["Retry-After"] = str(THROTTLE_WINDOW)
    patch_cache_control(response, private=True, no_store=True)
    return response


@view_permission(public=True)
@require_GET
def verify_form(request):
    """The form where someone types the code printed beside the QR code."""
    form = forms.VerifyForm(request.GET if "ma" in request.GET else None)
    if form.is_bound and form.is_valid():
        return redirect("certificates:verify", code=form.cleaned_data["ma"])
    return render(request, "certificates/verify_form.html", {"form": form})


@view_permission(public=True)
@require_GET
def verify(request, code: str):
    """What the certificate of `code` shows and whether it still holds; every miss answers the same 404."""
    if _throttled(request):
        return _too_many(request)
    found = selectors.verification_get(code)
    if found is None:
        _count_miss(request)
        response = render(
            request, "certificates/verify_missing.html", {"form": forms.VerifyForm()}, status=404
        )
        patch_cache_control(response, private=True, no_store=True)
        return response
    response = render(request, "certificates/verify.html", {"certificate": found, "form": forms.VerifyForm()})
    # Anyone's cache may keep the page of a visitor who is not logged in (the QR code's readers); a logged-in
    # user's page carries their menu and stays in their own browser.
    if request.user.is_authenticated:
        patch_cache_control(response, private=True, max_age=_max_age())
    else:
        patch_cache_control(response, public=True, max_age=_max_age())
    return response


# ---------------------------------------------------------------- the office's certificates of a decision


@view_permission(*selectors.READERS)
def decision_list(request):
    year = int_param(request, "nam", min=2000, max=2100)
    decisions = list(selectors.decision_list_visible_to(user=request.user, year=year))
    return render(request, "certificates/decision_list.html", {"decisions": decisions, "year": year})


def _line_rows(decision, lines) -> list[dict[str, Any]]:
    rows = []
    for line in lines:
        certificates = list(line.certificates.all())
        rows.append(
            {
                "line": line,
                "revoked": selectors.line_is_revoked(line, decision),
                "current": [c for c in certificates if c.replaced_by_id is None],
                "replaced": [c for c in certificates if c.replaced_by_id is not None],
                "verify_path": documents.verify_path(line.verify_code),
            }
        )
    return rows


@view_permission(*selectors.READERS)
def decision_certificates(request, pk: int):
    """The decision's lines with their certificates (current and replaced numbers), the downloads, the print form
    and the runs with their printed lists."""
    decision = selectors.decision_get_visible(user=request.user, pk=pk)
    lines = selectors.lines_of(decision)
    manage = selectors.can_manage(request.user, decision.agency)
    templates = selectors.templates_for(decision.agency)
    rows = _line_rows(decision, lines)
    form = forms.PrintForm(
        templates=templates,
        lines=lines,
        initial={"lines": [r["line"].pk for r in rows if not r["revoked"] and not r["current"]]},
    )
    context = {
        "decision": decision,
        "rows": rows,
        "runs": list(selectors.runs_of(decision)),
        "manage": manage,
        "form": form,
        "printable": decision.status == "issued",
    }
    return render(request, "certificates/decision.html", context)


@view_permission(*selectors.MANAGERS)
@require_POST
def print_run_create(request, pk: int):
    decision = selectors.decision_get_visible(user=request.user, pk=pk, action=CHANGE)
    lines = selectors.lines_of(decision)
    form = forms.PrintForm(request.POST, templates=selectors.templates_for(decision.agency), lines=lines)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, str(message))
        return redirect("certificates:decision", pk=pk)
    chosen = [line for line in lines if line.pk in set(form.cleaned_data["lines"])]
    done, run = perform_service(
        request,
        lambda: services.print_run_create(
            actor=request.user, decision=decision, lines=chosen, template=form.cleaned_data["template"]
        ),
        success=None,
    )
    if done:
        messages.success(
            request,
            _(
                "Đã in {count} giấy khen, số từ {first} đến {last}. Tải tệp in và danh sách đã in ở bảng dưới."
            ).format(count=run.count, first=run.first_serial, last=run.last_serial),
        )
    return redirect(f"{reverse('certificates:decision', args=[pk])}#lan-in")


def _template_param(request, agency) -> CertificateTemplate | None:
    pk = int_param(request, "mau", min=1)
    return selectors.print_ready_template(agency, pk=pk)


@view_permission(*selectors.READERS)
def decision_pdf(request, pk: int):
    """Every awardee's certificate, print-ready, in one PDF (not numbered: copies, not entries of the book)."""
    decision = selectors.decision_get_visible(user=request.user, pk=pk)
    template = _template_param(request, decision.agency)
    lines = [line for line in selectors.lines_of(decision) if not selectors.line_is_revoked(line, decision)]
    if not lines:
        messages.error(request, _("Không có giấy khen nào để in."))
        return redirect("certificates:decision", pk=pk)
    done, pdf = perform_service(
        request,
        lambda: services.certificates_pdf(decision=decision, lines=lines, template=template),
        success=None,
    )
    if not done:
        return redirect("certificates:decision", pk=pk)
    stem = decision.number_symbol.replace("/", "-") or str(decision.pk)
    return _pdf(pdf, f"giay-khen-{stem}.pdf")


@view_permission(*selectors.READERS)
def line_pdf(request, pk: int):
    """One awardee's certificate, print-ready."""
    line = selectors.line_get_visible(user=request.user, pk=pk)
    decision = line.decision
    template = _template_param(request, decision.agency)
    done, pdf = perform_service(
        request,
        lambda: services.certificates_pdf(decision=decision, lines=[line], template=template),
        success=None,
    )
    if not done:
        return redirect("certificates:decision", pk=decision.pk)
    return _pdf(pdf, f"giay-khen-{line.subject_name}.pdf")


RUN_FILES = {"giay-khen": ("pdf", "giay-khen"), "danh-sach": ("list_pdf", "danh-sach-giay-khen-da-in")}


@view_permission(*selectors.READERS)
def run_file(request, pk: int, kind: str):
    """A print run's stored files: the PDF sent to the printer, or the printed list."""
    if kind not in RUN_FILES:
        raise Http404
    run = selectors.run_get_visible(user=request.user, pk=pk)
    attribute, stem = RUN_FILES[kind]
    first, last = f"{run.first_number:04d}", f"{run.last_number:04d}"
    return upload_response(getattr(run, attribute), filename=f"{stem}-{run.year}-{first}-{last}.pdf")


# ---------------------------------------------------------------- templates and their calibration


def _office_agencies(user):
    return (
        managed_organizations(user, Role.OFFICER)
        .filter(kind__in=(OrganizationKind.AGENCY, OrganizationKind.PROVINCE))
        .order_by("path")
    )


@view_permission(*selectors.MANAGERS)
def template_list(request):
    templates = list(selectors.template_list_visible_to(user=request.user))
    return render(request, "certificates/template_list.html", {"templates": templates})


@view_permission(*selectors.MANAGERS)
def template_create(request):
    agencies = _office_agencies(request.user)
    form = forms.TemplateCreateForm(
        request.POST or None,
        agencies=agencies,
        initial={"agency": agencies.first(), "name": _("Phôi Giấy khen")},
    )
    if request.method == "POST" and form.is_valid():
        done, template = perform_service(
            request,
            lambda: services.template_create(actor=request.user, **form.cleaned_data),
            success=_(
                "Đã lập mẫu giấy khen. Hãy in trang in thử trên một tờ phôi và căn chỉnh vị trí các trường."
            ),
            form=form,
        )
        if done:
            return redirect("certificates:template_edit", pk=template.pk)
    return render(request, "certificates/template_create.html", {"form": form})


def _sample(template: CertificateTemplate, layout: CertificateLayout) -> Any:
    """Sample text for the test sheet: how a real certificate of the agency fills the boxes."""
    today = timezone.localdate()
    _parent, issuer = issuer_header(template.agency)
    return documents.LineCertificateData(
        awardee_name="Nguyễn Thị Hằng",
        awardee_detail=_("Chuyên viên Phòng Quản lý khoa học"),
        reason=_("Đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm {year}").format(year=today.year - 1),
        decision_number="123/QĐ-" + (template.agency.symbol or "SKHCN"),
        decision_date=today,
        issuer_head=f"GIÁM ĐỐC {issuer}",
        place=issuer_place(template.agency) or documents.NO_PLACE,
        signer_position="GIÁM ĐỐC",
        signer_name="Trần Văn Bình",
        verify_url=documents.verify_url("MauThu-0000000"),
        grant_text=_("TẶNG"),
        form_title=_("GIẤY KHEN"),
        serial=documents.serial_text(15, today.year),
        verify_code="MauThu-0000000",
    )


@view_permission(*selectors.MANAGERS)
def template_edit(request, pk: int):
    """The calibration page: the template's use, and its layout row by row. "Tải trang in thử" answers the test
    sheet of the values on the form (not saved); "Lưu bố cục" stores them and marks the template calibrated."""
    template = selectors.template_get_managed(user=request.user, pk=pk)
    try:
        current = template.certificate_layout()
    except ValueError:
        current = CertificateLayout.from_dict({**SAMPLE_BLANK_LAYOUT.to_dict(), "name": template.name})
    action = request.POST.get("action", "") if request.method == "POST" else ""
    use_form = forms.TemplateUseForm(
        request.POST if action == "use" else None,
        initial={"name": template.name, "codes": template.codes, "active": template.active},
    )
    layout_form = forms.LayoutForm(request.POST if action in ("save", "sheet") else None, layout=current)
    if action == "use" and use_form.is_valid():
        done, _template = perform_service(
            request,
            lambda: services.template_update(actor=request.user, template=template, **use_form.cleaned_data),
            success=_("Đã lưu."),
            form=use_form,
        )
        if done:
            return redirect("certificates:template_edit", pk=pk)
    elif action in ("save", "sheet") and layout_form.is_valid():
        if action == "sheet":
            try:
                layout = services.layout_check(layout_form.layout_data, name=template.name)
                pdf = render_calibration_sheet(layout, sample=_sample(template, layout))
            except ValidationError as error:
                add_service_errors(layout_form, error)
            except ValueError as error:  # the sample text does not fit a box
                layout_form.add_error(None, str(error))
            else:
                return _pdf(pdf, f"trang-in-thu-{template.pk}.pdf")
        else:
            done, _template = perform_service(
                request,
                lambda: services.template_calibrate(
                    actor=request.user, template=template, layout=layout_form.layout_data
                ),
                success=_("Đã lưu bố cục; mẫu đã được căn chỉnh."),
                form=layout_form,
            )
            if done:
                return redirect("certificates:template_edit", pk=pk)
    context = {
        "template": template,
        "use_form": use_form,
        "layout_form": layout_form,
        "rows": layout_form.rows(),
        "messages_list": layout_form.all_messages() if layout_form.is_bound else [],
    }
    return render(request, "certificates/template_edit.html", context)


@view_permission(*selectors.MANAGERS)
def template_sheet(request, pk: int):
    """The test sheet of the stored layout."""
    template = selectors.template_get_managed(user=request.user, pk=pk)
    try:
        layout = template.certificate_layout()
        pdf = render_calibration_sheet(layout, sample=_sample(template, layout))
    except ValueError as error:
        messages.error(request, str(error))
        return redirect("certificates:template_edit", pk=pk)
    return _pdf(pdf, f"trang-in-thu-{template.pk}.pdf")
