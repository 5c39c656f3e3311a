"""Pages for movements: list, the letter-shaped form, the detail with progress, the report cycle, reviews,
exemplary models and dispatch. Every view declares its roles; records are fetched through the scoped
selectors (404 outside the user's scope) and written through the services (which check the role again)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from thidua.accounts.models import Role
from thidua.accounts.scope import has_role, managed_organizations
from thidua.core import uploads
from thidua.core.forms import perform_service
from thidua.core.permissions import view_permission
from thidua.documents import selectors as document_selectors
from thidua.documents.layout import render_docx, render_pdf
from thidua.organizations.models import Organization

from . import forms, selectors, services, workflow
from .documents import movement_launch_document, review_report_document
from .models import (
    ExemplaryModel,
    MovementAwardPlan,
    MovementStatus,
    ReportAttachment,
    ReportStatus,
    Review,
    ReviewKind,
    Target,
)

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _errors(error: ValidationError) -> list[str]:
    return error.messages


@view_permission()
def movement_list(request):
    status = request.GET.get("status", "")
    movements = list(
        selectors.movement_list_visible_to(user=request.user, status=status, query=request.GET.get("q", ""))
    )
    context = {
        "movements": movements,
        "status": status,
        "statuses": MovementStatus.choices,
        "can_create": has_role(request.user, *workflow.MOVEMENT_MANAGERS),
        "can_see_reports": has_role(request.user, Role.UNIT_HEAD, Role.OFFICER, Role.SIGNER),
    }
    return render(request, "movements/list.html", context)


def _initial_formsets(movement=None, data=None):
    def initial(items, fields):
        return [{f: getattr(item, f) for f in fields} for item in items] if movement else None

    return {
        "objectives": forms.ObjectiveFormSet(
            data,
            prefix="objectives",
            initial=initial(movement.objectives.all() if movement else [], ["text"]),
        ),
        "solutions": forms.SolutionFormSet(
            data,
            prefix="solutions",
            initial=initial(movement.solutions.all() if movement else [], ["number", "text"]),
        ),
        "responsibilities": forms.ResponsibilityFormSet(
            data,
            prefix="responsibilities",
            initial=initial(movement.responsibilities.all() if movement else [], ["party", "text"]),
        ),
        "recipients": forms.RecipientFormSet(
            data,
            prefix="recipients",
            initial=initial(movement.recipients.all() if movement else [], ["label", "channel"]),
        ),
    }


def _children(formsets) -> dict:
    return {
        "objectives": [row["text"] for row in forms.kept(formsets["objectives"])],
        "solutions": [
            services.SolutionData(r["number"], r["text"]) for r in forms.kept(formsets["solutions"])
        ],
        "responsibilities": [
            services.ResponsibilityData(r["party"], r["text"])
            for r in forms.kept(formsets["responsibilities"])
        ],
        "recipients": [
            services.RecipientData(r["label"], r["channel"]) for r in forms.kept(formsets["recipients"])
        ],
    }


def _movement_form(request, movement=None):
    data = request.POST if request.method == "POST" else None
    form = forms.MovementForm(data, instance=movement, user=request.user)
    formsets = _initial_formsets(movement, data)
    if data is not None and form.is_valid() and all(fs.is_valid() for fs in formsets.values()):
        fields = {name: form.cleaned_data[name] for name in forms.MovementForm.Meta.fields}
        if movement is None:
            save = lambda: services.movement_create(actor=request.user, **fields, **_children(formsets))  # noqa: E731
        else:
            save = lambda: services.movement_update(  # noqa: E731
                actor=request.user, movement=movement, **fields, **_children(formsets)
            )
        done, saved = perform_service(request, save, success=_("Đã lưu dự thảo phong trào."), form=form)
        if done:
            return redirect("movements:detail", pk=saved.pk)
    return render(request, "movements/form.html", {"form": form, "formsets": formsets, "movement": movement})


@view_permission(*workflow.MOVEMENT_MANAGERS)
def movement_create(request):
    return _movement_form(request)


@view_permission(*workflow.MOVEMENT_MANAGERS)
def movement_edit(request, pk: int):
    movement = selectors.movement_get_visible(user=request.user, pk=pk)
    if not services.can_manage_movement(request.user, movement):
        raise PermissionDenied
    if movement.status != MovementStatus.DRAFT:
        messages.error(request, _("Chỉ sửa được phong trào ở trạng thái dự thảo."))
        return redirect("movements:detail", pk=pk)
    return _movement_form(request, movement)


@view_permission()
def movement_detail(request, pk: int):
    movement = selectors.movement_get_visible(user=request.user, pk=pk)
    movement = selectors.movement_with_content(movement=movement)
    manage = services.can_manage_movement(request.user, movement)
    progress = selectors.movement_progress(movement=movement)
    reports = list(selectors.report_list_visible_to(user=request.user, movement=movement))
    today = timezone.localdate()
    for report in reports:
        report.overdue = report.is_overdue(today)  # type: ignore[attr-defined]  # for the template
    reviews = list(selectors.review_list_for(movement=movement))
    for review in reviews:
        review.overdue = selectors.review_is_overdue(review, today)  # type: ignore[attr-defined]
    chart = {
        "labels": [row["organization"].short_name or row["organization"].name for row in progress["units"]],
        "values": [round(row["pct"], 1) for row in progress["units"]],
        "label": _("Mức độ hoàn thành chỉ tiêu (%)"),
    }
    actions = workflow.MOVEMENT.allowed_for(request.user, movement)
    context = {
        "movement": movement,
        "manage": manage,
        "progress": progress,
        "chart": chart,
        "reports": reports,
        "report_groups": selectors.reports_by_round(reports),
        "target_groups": selectors.targets_by_unit(progress),
        "reviews": reviews,
        "models": selectors.exemplary_model_list_visible_to(user=request.user, movement=movement),
        "documents": document_selectors.document_list_for(source=movement) if manage else [],
        "actions": actions,
        "target_form": forms.TargetForm(movement=movement) if manage else None,
        "round_form": forms.ReportRoundForm(initial={"year": today.year}) if manage else None,
        "close_form": forms.CloseForm() if any(t.action == "close" for t in actions) else None,
        "unsent": workflow.unsent_report_count(movement) if actions else 0,
        "review_form": forms.ReviewScheduleForm() if manage else None,
        "award_plans": selectors.award_plan_rows(movement=movement),
        "award_plan_form": forms.AwardPlanForm(movement=movement) if manage else None,
    }
    return render(request, "movements/detail.html", context)


@view_permission(*workflow.MOVEMENT_MANAGERS, Role.SIGNER)
@require_POST
def movement_transition(request, pk: int):
    movement = selectors.movement_get_visible(user=request.user, pk=pk)
    action, reason = request.POST.get("action", ""), request.POST.get("reason", "")
    perform_service(
        request,
        lambda: services.movement_transition(
            actor=request.user, movement=movement, action=action, reason=reason
        ),
        success=_("Đã cập nhật trạng thái phong trào."),
    )
    return redirect("movements:detail", pk=pk)


def _send(content, fmt: str, stem: str) -> HttpResponse:
    if fmt not in ("pdf", "docx"):
        raise Http404
    if fmt == "pdf":
        return HttpResponse(
            render_pdf(content),
            content_type="application/pdf",
            headers={"Content-Disposition": content_disposition_header(False, f"{stem}.pdf")},
        )
    return HttpResponse(
        render_docx(content),
        content_type=DOCX_MIME,
        headers={"Content-Disposition": content_disposition_header(True, f"{stem}.docx")},
    )


@view_permission()
def movement_document(request, pk: int, fmt: str):
    """The launch letter as DOCX or PDF: numbered once issued, a draft with an empty number before."""
    movement = selectors.movement_get_visible(user=request.user, pk=pk)
    movement = selectors.movement_with_content(movement=movement)
    issued = document_selectors.document_for(source=movement, purpose=services.LAUNCH_PURPOSE)
    content = movement_launch_document(
        movement,
        number_symbol=issued.number_symbol if issued else None,
        issued_on=issued.issued_on if issued else None,
    )
    return _send(content, fmt, f"phat-dong-{movement.code}")


@view_permission(*workflow.MOVEMENT_MANAGERS)
def target_create(request, pk: int):
    movement = selectors.movement_get_visible(user=request.user, pk=pk)
    if not services.can_manage_movement(request.user, movement):
        raise PermissionDenied
    form = forms.TargetForm(request.POST or None, movement=movement)
    if request.method == "POST" and form.is_valid():
        done, _target = perform_service(
            request,
            lambda: services.target_create(actor=request.user, movement=movement, **form.cleaned_data),
            success=_("Đã giao chỉ tiêu."),
            form=form,
        )
        if done:
            return redirect(reverse("movements:detail", args=[pk]) + "#chi-tieu")
    return render(request, "movements/target_form.html", {"form": form, "movement": movement})


def _target_of(request, pk: int, target_pk: int) -> Target:
    movement = selectors.movement_get_visible(user=request.user, pk=pk)
    if not services.can_manage_movement(request.user, movement):
        raise PermissionDenied
    return get_object_or_404(
        Target.objects.select_related("movement", "organization"), pk=target_pk, movement=movement
    )


@view_permission(*workflow.MOVEMENT_MANAGERS)
def target_edit(request, pk: int, target_pk: int):
    target = _target_of(request, pk, target_pk)
    initial = {
        field: getattr(target, field)
        for field in ("organization", "year", "indicator", "unit_of_measure", "target_value", "solution")
    }
    form = forms.TargetForm(request.POST or None, initial=initial, movement=target.movement)
    if request.method == "POST" and form.is_valid():
        done, _target = perform_service(
            request,
            lambda: services.target_update(actor=request.user, target=target, **form.cleaned_data),
            success=_("Đã sửa chỉ tiêu."),
            form=form,
        )
        if done:
            return redirect(reverse("movements:detail", args=[pk]) + "#chi-tieu")
    context = {"form": form, "movement": target.movement, "target": target}
    return render(request, "movements/target_form.html", context)


@view_permission(*workflow.MOVEMENT_MANAGERS)
@require_POST
def target_delete(request, pk: int, target_pk: int):
    target = _target_of(request, pk, target_pk)
    perform_service(
        request,
        lambda: services.target_delete(actor=request.user, target=target),
        success=_("Đã xóa chỉ tiêu."),
    )
    return redirect(reverse("movements:detail", args=[pk]) + "#chi-tieu")


# --- planned awards ------------------------------------------------------------------------------------


def _award_plan_form(request, movement, plan: MovementAwardPlan | None = None):
    initial = {f: getattr(plan, f) for f in ("code", "stage", "planned_count", "criteria")} if plan else None
    form = forms.AwardPlanForm(request.POST or None, initial=initial, movement=movement)
    if request.method == "POST" and form.is_valid():
        done, _plan = perform_service(
            request,
            lambda: services.award_plan_set(
                actor=request.user, movement=movement, plan=plan, **form.cleaned_data
            ),
            success=_("Đã lưu khen thưởng dự kiến."),
            form=form,
        )
        if done:
            return redirect(reverse("movements:detail", args=[movement.pk]) + "#khen-thuong-du-kien")
    context = {"form": form, "movement": movement, "plan": plan}
    return render(request, "movements/award_plan_form.html", context)


def _plan_of(request, pk: int, plan_pk: int) -> MovementAwardPlan:
    movement = selectors.movement_get_visible(user=request.user, pk=pk)
    if not services.can_manage_movement(request.user, movement):
        raise PermissionDenied
    plan = get_object_or_404(MovementAwardPlan, pk=plan_pk, movement=movement)
    plan.movement = movement
    return plan


@view_permission(*workflow.MOVEMENT_MANAGERS)
def award_plan_create(request, pk: int):
    movement = selectors.movement_get_visible(user=request.user, pk=pk)
    if not services.can_manage_movement(request.user, movement):
        raise PermissionDenied
    return _award_plan_form(request, movement)


@view_permission(*workflow.MOVEMENT_MANAGERS)
def award_plan_edit(request, pk: int, plan_pk: int):
    plan = _plan_of(request, pk, plan_pk)
    return _award_plan_form(request, plan.movement, plan)


@view_permission(*workflow.MOVEMENT_MANAGERS)
@require_POST
def award_plan_delete(request, pk: int, plan_pk: int):
    plan = _plan_of(request, pk, plan_pk)
    perform_service(
        request,
        lambda: services.award_plan_delete(actor=request.user, plan=plan),
        success=_("Đã xóa dòng khen thưởng dự kiến."),
    )
    return redirect(reverse("movements:detail", args=[pk]) + "#khen-thuong-du-kien")


@view_permission(*workflow.MOVEMENT_MANAGERS)
@require_POST
def report_round(request, pk: int):
    movement = selectors.movement_get_visible(user=request.user, pk=pk)
    if not services.can_manage_movement(request.user, movement):
        raise PermissionDenied
    form = forms.ReportRoundForm(request.POST)
    if form.is_valid():
        perform_service(
            request,
            lambda: services.report_round_open(actor=request.user, movement=movement, **form.cleaned_data),
            success=lambda reports: (
                ngettext("Đã yêu cầu %(n)s đơn vị báo cáo.", "Đã yêu cầu %(n)s đơn vị báo cáo.", len(reports))
                % {"n": len(reports)}
            ),
        )
    else:
        for name, errors in form.errors.items():
            label = form.fields[name].label if name in form.fields else ""
            for error in errors:
                messages.error(request, f"{label}: {error}" if label else str(error))
    return redirect(reverse("movements:detail", args=[pk]) + "#bao-cao")


@view_permission(*workflow.MOVEMENT_MANAGERS)
@require_POST
def review_schedule(request, pk: int):
    movement = selectors.movement_get_visible(user=request.user, pk=pk)
    form = forms.ReviewScheduleForm(request.POST)
    if form.is_valid():
        perform_service(
            request,
            lambda: services.review_schedule(actor=request.user, movement=movement, **form.cleaned_data),
            success=_("Đã lên lịch sơ kết, tổng kết."),
        )
    return redirect(reverse("movements:detail", args=[pk]) + "#so-ket")


@view_permission(*workflow.MOVEMENT_MANAGERS)
@require_POST
def review_summary(request, pk: int):
    review = get_object_or_404(Review.objects.select_related("movement"), pk=pk)
    selectors.movement_get_visible(user=request.user, pk=review.movement_id)  # 404 outside the user's scope
    if not services.can_manage_movement(request.user, review.movement):
        raise PermissionDenied
    summary = request.POST.get("summary", "")
    perform_service(
        request,
        lambda: services.review_summary_set(actor=request.user, review=review, summary=summary),
        success=_("Đã lưu đánh giá chung."),
    )
    return redirect(reverse("movements:detail", args=[review.movement_id]) + "#so-ket")


@view_permission()
def review_document(request, pk: int, fmt: str):
    review = get_object_or_404(Review.objects.select_related("movement"), pk=pk)
    movement = selectors.movement_get_visible(user=request.user, pk=review.movement_id)
    review.movement = selectors.movement_with_content(movement=movement)
    issued = review.report_document
    content = review_report_document(
        review,
        data=selectors.review_figures(review=review),
        number_symbol=issued.number_symbol if issued else None,
        issued_on=issued.issued_on if issued else None,
    )
    stem = "bao-cao-so-ket" if review.kind == ReviewKind.MIDTERM else "bao-cao-tong-ket"  # names, not codes
    return _send(content, fmt, f"{stem}-{movement.code}")


@view_permission(*workflow.MOVEMENT_MANAGERS)
@require_POST
def movement_dispatch(request, pk: int):
    movement = selectors.movement_get_visible(user=request.user, pk=pk)
    perform_service(
        request,
        lambda: services.launch_dispatch(actor=request.user, movement=movement),
        success=lambda sent: (
            ngettext(
                "Đã gửi văn bản phát động đến %(n)s nơi nhận.",
                "Đã gửi văn bản phát động đến %(n)s nơi nhận.",
                len(sent),
            )
            % {"n": len(sent)}
        ),
    )
    return redirect(reverse("movements:detail", args=[pk]) + "#van-ban")


# --- reports -------------------------------------------------------------------------------------------


@view_permission(Role.UNIT_HEAD, Role.OFFICER, Role.SIGNER)
def report_list(request):
    reports = list(selectors.report_list_visible_to(user=request.user, status=request.GET.get("status", "")))
    today = timezone.localdate()
    for report in reports:
        report.overdue = report.is_overdue(today)  # type: ignore[attr-defined]  # for the template
    statuses = [*ReportStatus.choices, (selectors.OVERDUE, _("Quá hạn chưa gửi"))]
    return render(request, "movements/report_list.html", {"reports": reports, "statuses": statuses})


@view_permission(Role.UNIT_HEAD, Role.OFFICER, Role.SIGNER)
def report_detail(request, pk: int):
    report = selectors.report_get_visible(user=request.user, pk=pk)
    is_head = has_role(request.user, Role.UNIT_HEAD, organization=report.organization)
    editable = is_head and report.status in (ReportStatus.NOT_SENT, ReportStatus.RETURNED)
    rows = selectors.report_rows(report=report)
    attachment_form = forms.AttachmentForm()
    if request.method == "POST":
        if not editable:
            raise PermissionDenied
        if "upload" in request.POST:
            attachment_form = forms.AttachmentForm(request.POST, request.FILES)
            if attachment_form.is_valid():
                checked = attachment_form.cleaned_data["file"]
                try:
                    services.report_attach(
                        actor=request.user, report=report, name=checked.name, data=checked.data
                    )
                except ValidationError as error:
                    for message in _errors(error):
                        attachment_form.add_error("file", message)
                else:
                    messages.success(request, _("Đã đính kèm tệp."))
                    return redirect("movements:report_detail", pk=pk)
        else:
            values, bad = {}, False
            for row in rows:
                raw = request.POST.get(f"value-{row['target'].pk}", "").strip()
                row["entered"] = raw  # shown again if anything is wrong, so nothing typed is lost
                if not raw:
                    continue
                try:
                    value = Decimal(raw.replace(".", "").replace(",", ".") if "," in raw else raw)
                except InvalidOperation:
                    row["error"], bad = _("Giá trị phải là số."), True
                    continue
                if not value.is_finite() or value < 0:
                    row["error"], bad = _("Giá trị phải là số không âm."), True
                    continue
                values[row["target"].pk] = value
            if bad:
                messages.error(request, _("Báo cáo chưa được lưu: sửa các giá trị được đánh dấu."))
            else:
                try:
                    services.report_save(
                        actor=request.user,
                        report=report,
                        values=values,
                        narrative=request.POST.get("narrative", ""),
                    )
                    if "submit" in request.POST:
                        services.report_transition(actor=request.user, report=report, action="submit")
                except ValidationError as error:
                    for message in _errors(error):
                        messages.error(request, message)
                else:
                    messages.success(
                        request, _("Đã gửi báo cáo.") if "submit" in request.POST else _("Đã lưu.")
                    )
                    return redirect("movements:report_detail", pk=pk)
    context = {
        "report": report,
        "rows": rows,
        "editable": editable,
        "manage": services.can_manage_movement(request.user, report.movement),
        "attachments": report.attachments.all(),
        "attachment_form": attachment_form,
        "return_form": forms.ReturnForm(),
        "overdue": report.is_overdue(),
    }
    return render(request, "movements/report_detail.html", context)


@view_permission(Role.OFFICER, Role.UNIT_HEAD)
@require_POST
def report_transition(request, pk: int):
    report = selectors.report_get_visible(user=request.user, pk=pk)
    action, reason = request.POST.get("action", ""), request.POST.get("reason", "")
    perform_service(
        request,
        lambda: services.report_transition(actor=request.user, report=report, action=action, reason=reason),
        success=_("Đã cập nhật báo cáo."),
    )
    return redirect("movements:report_detail", pk=pk)


@view_permission(Role.OFFICER, Role.UNIT_HEAD, Role.SIGNER)
def attachment_download(request, pk: int):
    """A report's attachment, to those who may read the report (404 otherwise), always as a download."""
    attachment = get_object_or_404(ReportAttachment, pk=pk)
    selectors.report_get_visible(user=request.user, pk=attachment.report_id)
    return uploads.upload_response(attachment.file, filename=attachment.original_name)


# --- exemplary models ----------------------------------------------------------------------------------


@view_permission()
def model_list(request):
    models = list(selectors.exemplary_model_list_visible_to(user=request.user))
    office = set(
        managed_organizations(request.user, *workflow.MOVEMENT_MANAGERS).values_list("pk", flat=True)
    )
    today = timezone.localdate()
    units: dict[int, list] = {}  # per movement: the units that may replicate (its tree, existing today)
    for model in models:
        model.manage = model.movement.launching_organization_id in office  # type: ignore[attr-defined]  # for the template
        if model.manage and model.movement_id not in units:  # type: ignore[attr-defined]
            units[model.movement_id] = list(
                Organization.objects.filter(selectors.movement_units_q(model.movement), valid_from__lte=today)
                .exclude(valid_to__lt=today)
                .select_related("parent")
                .order_by("path")
            )
        model.units = units.get(model.movement_id, [])  # type: ignore[attr-defined]
    context = {"models": models}
    return render(request, "movements/model_list.html", context)


@view_permission(*workflow.MOVEMENT_MANAGERS)
def model_create(request, pk: int):
    movement = selectors.movement_get_visible(user=request.user, pk=pk)
    if not services.can_manage_movement(request.user, movement):
        raise PermissionDenied
    form = forms.ExemplaryModelForm(
        request.POST or None,
        movement=movement,
        user=request.user,
        initial={"recognized_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        done, _model = perform_service(
            request,
            lambda: services.exemplary_model_create(
                actor=request.user, movement=movement, **form.cleaned_data
            ),
            success=_("Đã ghi nhận điển hình."),
            form=form,
        )
        if done:
            return redirect(reverse("movements:detail", args=[pk]) + "#dien-hinh")
    return render(request, "movements/model_form.html", {"form": form, "movement": movement})


def _model_for_office(request, pk: int) -> ExemplaryModel:
    model = get_object_or_404(
        selectors.exemplary_model_list_visible_to(user=request.user).select_related(
            "movement__launching_organization"
        ),
        pk=pk,
    )
    if not services.can_manage_movement(request.user, model.movement):
        raise Http404
    return model


@view_permission(*workflow.MOVEMENT_MANAGERS)
@require_POST
def model_publish(request, pk: int):
    model = _model_for_office(request, pk)
    services.exemplary_model_publish(
        actor=request.user, model=model, published=request.POST.get("published") == "1"
    )
    messages.success(request, _("Đã cập nhật công bố."))
    return redirect("movements:models")


@view_permission(*workflow.MOVEMENT_MANAGERS)
@require_POST
def model_replicate(request, pk: int):
    model = _model_for_office(request, pk)
    form = forms.ReplicationForm(request.POST, movement=model.movement)
    if form.is_valid():
        perform_service(
            request,
            lambda: services.replication_add(actor=request.user, model=model, **form.cleaned_data),
            success=_("Đã ghi nhận nhân rộng."),
        )
    else:
        for line in form.error_lines():
            messages.error(request, line)
    return redirect("movements:models")
