"""Pages of the yearly facts: lists scoped to the user (officer: the agency; unit head: the unit; staff: their
own), forms to add, edit and delete, and the yearly registration (office overview, unit form, workflow)."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from thidua.accounts.models import Role
from thidua.accounts.scope import CHANGE, EDITOR_ROLES, has_role, restrict, visible_organizations
from thidua.core.forms import add_service_errors
from thidua.core.params import id_param, year_param
from thidua.core.permissions import view_permission
from thidua.exchange.writer import row_write
from thidua.organizations.models import Organization
from thidua.organizations.selectors import organization_members_on

from . import forms, selectors, services, workflow
from .models import Appraisal, CollectiveAppraisal, Discipline, Leave, Registration, RegistrationRound

EDITORS = EDITOR_ROLES


def _d(value: Any) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


@dataclass(frozen=True)
class FactPage:
    slug: str
    title: Any
    model: type[models.Model]
    form_class: type
    selector: Callable[..., Any]
    headers: tuple
    cells: Callable[[Any], list]
    export_kind: str | None
    create: Callable[..., Any]
    update: Callable[..., Any]
    delete: Callable[..., Any]
    per_person: bool = True


def _appraisal_create(actor: Any, form: Any) -> Any:
    data = form.cleaned_data
    return services.appraisal_create(
        actor=actor,
        person=form.person,
        year=data["year"],
        rating=data["rating"],
        months_worked=data.get("months_worked"),
        note=data.get("note", ""),
    )


def _fields(form: Any) -> dict[str, Any]:
    return {k: v for k, v in form.cleaned_data.items() if k != "staff_code"}


PAGES: dict[str, FactPage] = {
    page.slug: page
    for page in (
        FactPage(
            "xep-loai",
            gettext_lazy("Xếp loại hằng năm"),
            Appraisal,
            forms.AppraisalForm,
            selectors.appraisal_list_visible_to,
            (
                gettext_lazy("Năm"),
                gettext_lazy("Mã cán bộ"),
                gettext_lazy("Họ và tên"),
                gettext_lazy("Đơn vị"),
                gettext_lazy("Xếp loại"),
                gettext_lazy("Số tháng công tác"),
            ),
            lambda o: [
                o.year,
                o.person.staff_code,
                o.person.full_name,
                o.organization.short_name or o.organization.name,
                o.get_rating_display(),
                o.months_worked,
            ],
            "ratings",
            lambda actor, form: _appraisal_create(actor, form),
            lambda actor, obj, form: services.appraisal_update(
                actor=actor,
                appraisal=obj,
                **{k: v for k, v in _fields(form).items() if k != "months_worked" or v is not None},
            ),
            lambda actor, obj: services.appraisal_delete(actor=actor, appraisal=obj),
        ),
        FactPage(
            "nghi",
            gettext_lazy("Nghỉ (thai sản, ốm đau, đi học...)"),
            Leave,
            forms.LeaveForm,
            selectors.leave_list_visible_to,
            (
                gettext_lazy("Năm"),
                gettext_lazy("Mã cán bộ"),
                gettext_lazy("Họ và tên"),
                gettext_lazy("Loại nghỉ"),
                gettext_lazy("Từ ngày"),
                gettext_lazy("Đến ngày"),
                gettext_lazy("Số ngày làm việc"),
            ),
            lambda o: [
                o.year,
                o.person.staff_code,
                o.person.full_name,
                o.get_kind_display(),
                _d(o.start_on),
                _d(o.end_on),
                o.working_days,
            ],
            "leave",
            lambda actor, form: services.leave_create(actor=actor, person=form.person, **_fields(form)),
            lambda actor, obj, form: services.leave_update(actor=actor, leave=obj, **_fields(form)),
            lambda actor, obj: services.leave_delete(actor=actor, leave=obj),
        ),
        FactPage(
            "ky-luat",
            gettext_lazy("Kỷ luật"),
            Discipline,
            forms.DisciplineForm,
            selectors.discipline_list_visible_to,
            (
                gettext_lazy("Mã cán bộ"),
                gettext_lazy("Họ và tên"),
                gettext_lazy("Hình thức"),
                gettext_lazy("Số quyết định"),
                gettext_lazy("Ngày quyết định"),
                gettext_lazy("Hiệu lực"),
                gettext_lazy("Đang xem xét"),
            ),
            lambda o: [
                o.person.staff_code,
                o.person.full_name,
                o.get_form_display() or "—",
                o.decision_number,
                _d(o.decided_on),
                f"{_d(o.effective_from)} – {_d(o.effective_to)}",
                _("Có") if o.pending else "",
            ],
            "discipline",
            lambda actor, form: services.discipline_create(actor=actor, person=form.person, **_fields(form)),
            lambda actor, obj, form: services.discipline_update(actor=actor, discipline=obj, **_fields(form)),
            lambda actor, obj: services.discipline_delete(actor=actor, discipline=obj),
        ),
        FactPage(
            "tap-the",
            gettext_lazy("Đánh giá tập thể"),
            CollectiveAppraisal,
            forms.CollectiveAppraisalForm,
            selectors.collective_appraisal_list_visible_to,
            (
                gettext_lazy("Năm"),
                gettext_lazy("Đơn vị"),
                gettext_lazy("Xếp loại"),
                gettext_lazy("Thứ hạng trong khối"),
            ),
            lambda o: [o.year, o.organization.name, o.get_rating_display(), o.cluster_rank or ""],
            None,
            lambda actor, form: services.collective_appraisal_create(actor=actor, **form.cleaned_data),
            lambda actor, obj, form: services.collective_appraisal_update(
                actor=actor, collective=obj, **form.cleaned_data
            ),
            lambda actor, obj: services.collective_appraisal_delete(actor=actor, collective=obj),
            per_person=False,
        ),
    )
}


def _page(slug: str) -> FactPage:
    if slug not in PAGES:
        raise Http404
    return PAGES[slug]


def _editable_ids(user: Any, page: FactPage, objects: list) -> set[int]:
    """Which of the listed objects the user may edit: one query for the whole page."""
    if not has_role(user, *EDITORS):
        return set()
    listed = page.model._default_manager.filter(pk__in=[o.pk for o in objects])
    return set(restrict(listed, user, CHANGE).values_list("pk", flat=True))


def _can_edit(user: Any, page: FactPage, obj: Any) -> bool:
    return obj.pk in _editable_ids(user, page, [obj])


@view_permission()
def home(request):
    """The yearly facts at a glance: links to each list, the registration rounds, import and export."""
    rounds = selectors.registration_round_list_visible_to(user=request.user)[:10]
    context = {
        "pages": PAGES.values(),
        "rounds": rounds,
        "can_import": has_role(request.user, Role.OFFICER),
        "can_open": has_role(request.user, Role.OFFICER),
        "year": timezone.localdate().year - 1,
    }
    return render(request, "appraisals/home.html", context)


@view_permission()
def fact_list(request, slug: str):
    page = _page(slug)
    year = year_param(request)
    query = request.GET.get("q", "")
    unit = None
    if unit_id := id_param(request, "unit"):
        unit = get_object_or_404(visible_organizations(request.user), pk=unit_id)
    kwargs: dict[str, Any] = {"user": request.user, "year": year, "organization": unit}
    if page.per_person:
        kwargs["query"] = query
    paginator = Paginator(page.selector(**kwargs), 50)
    current = paginator.get_page(request.GET.get("page"))
    objects = list(current.object_list)
    editable = _editable_ids(request.user, page, objects)
    rows = [{"pk": o.pk, "cells": page.cells(o), "editable": o.pk in editable} for o in objects]
    context = {
        "page": page,
        "rows": rows,
        "current": current,
        "year": year or "",
        "query": query,
        "unit": unit,
        "can_add": has_role(request.user, *EDITORS),
        "can_import": has_role(request.user, Role.OFFICER),
    }
    return render(request, "appraisals/fact_list.html", context)


@view_permission(*EDITORS)
def fact_create(request, slug: str):
    page = _page(slug)
    form = page.form_class(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            page.create(request.user, form)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã lưu."))
            return redirect("appraisals:fact_list", slug=slug)
    return render(request, "appraisals/fact_form.html", {"page": page, "form": form})


def _get_editable(request, page: FactPage, pk: int) -> Any:
    obj = get_object_or_404(page.selector(user=request.user), pk=pk)
    if not _can_edit(request.user, page, obj):
        raise PermissionDenied
    return obj


@view_permission(*EDITORS)
def fact_edit(request, slug: str, pk: int):
    page = _page(slug)
    obj = _get_editable(request, page, pk)
    form = page.form_class(request.POST or None, instance=obj, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            page.update(request.user, obj, form)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã lưu."))
            return redirect("appraisals:fact_list", slug=slug)
    return render(request, "appraisals/fact_form.html", {"page": page, "form": form, "object": obj})


@require_POST
@view_permission(*EDITORS)
def fact_delete(request, slug: str, pk: int):
    page = _page(slug)
    obj = _get_editable(request, page, pk)
    page.delete(request.user, obj)
    messages.success(request, _("Đã xóa."))
    return redirect("appraisals:fact_list", slug=slug)


# ---------------------------------------------------------------------------------------------------- registration


@view_permission(Role.OFFICER)
def round_create(request):
    form = forms.RegistrationRoundForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            round_ = services.registration_round_open(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã mở đợt đăng ký thi đua."))
            return redirect("appraisals:round_detail", pk=round_.pk)
    return render(request, "appraisals/round_form.html", {"form": form})


def _visible_round(request, pk: int) -> RegistrationRound:
    return get_object_or_404(selectors.registration_round_list_visible_to(user=request.user), pk=pk)


@view_permission()
def round_detail(request, pk: int):
    """The office's overview: per-unit status, lateness, aggregates by title."""
    round_ = _visible_round(request, pk)
    overview = selectors.registration_overview(round=round_, user=request.user)
    for registration in overview["registrations"]:
        registration.round = round_
        registration.late = services.registration_is_late(registration)
    context = {
        "round": round_,
        **overview,
        "is_office": has_role(request.user, Role.OFFICER, organization=round_.organization),
    }
    return render(request, "appraisals/round_detail.html", context)


@view_permission()
def round_export(request, pk: int):
    import io

    import xlsxwriter

    round_ = _visible_round(request, pk)
    overview = selectors.registration_overview(round=round_, user=request.user)
    lines = (
        selectors.RegistrationLine.objects.filter(registration__in=overview["registrations"])
        .select_related("registration__unit", "person")
        .order_by("registration__unit__path", "person__sort_key")
    )
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    bold = workbook.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    sheet = workbook.add_worksheet(_("Đăng ký"))
    row_write(
        sheet,
        0,
        [_("Đơn vị"), _("Trạng thái"), _("Cá nhân, tập thể"), _("Mã cán bộ"), _("Danh hiệu đăng ký")],
        bold,
    )
    status = {r.pk: r.get_status_display() for r in overview["registrations"]}
    for r, line in enumerate(lines, start=1):
        unit, person = line.registration.unit, line.person
        row_write(
            sheet,
            r,
            [
                unit.name,
                str(status[line.registration_id]),
                person.full_name if person is not None else unit.name,
                person.staff_code if person is not None else "",
                line.code,
            ],
        )
    sheet.set_column(0, 2, 36)
    workbook.close()
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="dang-ky-thi-dua-{round_.year}.xlsx"'
    return response


def _visible_registration(request, pk: int) -> Registration:
    return get_object_or_404(
        restrict(Registration.objects.select_related("unit__parent", "round__organization"), request.user),
        pk=pk,
    )


@view_permission()
def registration_detail(request, pk: int):
    """The unit's registration: members' titles, collective titles, commitments; send / return / accept."""
    registration = _visible_registration(request, pk)
    can_edit = registration.status in workflow.EDITABLE_STATES and has_role(
        request.user, *EDITORS, organization=registration.unit
    )
    day = min(timezone.localdate(), registration.unit.valid_to or timezone.localdate())
    members = [a.person for a in organization_members_on(organization=registration.unit, day=day)]
    form = forms.RegistrationForm(request.POST or None, registration=registration, members=members)
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.registration_save(
                    actor=request.user,
                    registration=registration,
                    commitments=form.cleaned_data["commitments"],
                    collective_codes=form.cleaned_data["collective"],
                    person_codes=form.person_codes(),
                )
                if request.POST.get("then") == workflow.SEND:  # what was picked is saved, then sent
                    services.registration_transition(
                        actor=request.user, registration=registration, action=workflow.SEND
                    )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                sent = request.POST.get("then") == workflow.SEND
                messages.success(request, _("Đã lưu và gửi đăng ký.") if sent else _("Đã lưu đăng ký."))
                return redirect("appraisals:registration_detail", pk=pk)
    actions = [(t.action, t) for t in workflow.REGISTRATION.allowed_for(request.user, registration)]
    context = {
        "registration": registration,
        "form": form,
        "can_edit": can_edit,
        "actions": actions,
        "lines": selectors.registration_lines(registration=registration),
        "late": services.registration_is_late(registration),
    }
    return render(request, "appraisals/registration_detail.html", context)


@require_POST
@view_permission(*EDITORS)
def registration_action(request, pk: int, action: str):
    registration = _visible_registration(request, pk)
    if action not in workflow.ACTIONS:
        raise Http404
    try:
        services.registration_transition(
            actor=request.user,
            registration=registration,
            action=action,
            reason=request.POST.get("reason", ""),
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Đã cập nhật trạng thái đăng ký."))
    return redirect("appraisals:registration_detail", pk=pk)


def unit_choices(user: Any) -> list[Organization]:
    return list(visible_organizations(user).order_by("path")[:500])
