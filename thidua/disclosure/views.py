"""Pages of public disclosure: the office's notices (list, new, detail with feedback, edit, publish, close), the
working-day calendar, and the public pages (no login) where anyone reads the lists and sends feedback.

Office records are fetched through the scoped selectors (another agency's notice is a 404) and written through
the services (which check the role again). The public feedback form keeps CSRF and is throttled per client
address (`THIDUA_DISCLOSURE_FEEDBACK_PER_HOUR`, 5 by default).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.accounts.client_address import client_address
from thidua.accounts.models import Role
from thidua.accounts.scope import CHANGE, has_role, is_system_admin, managed_organizations, restrict
from thidua.core.forms import add_service_errors, perform_service
from thidua.core.params import int_param
from thidua.core.permissions import view_permission
from thidua.nominations.models import Nomination
from thidua.organizations.models import OrganizationKind
from thidua.rules.services import rule_config_for

from . import calendar, forms, selectors, services, workflow
from .models import CalendarDay, NoticeStatus

OFFICE = (Role.OFFICER,)
THROTTLE_WINDOW = 3600  # seconds


def _form_errors(form) -> list[str]:
    return [str(message) for errors in form.errors.values() for message in errors]


def _today() -> dt.date:
    return timezone.localdate()


# --- the office's notices -----------------------------------------------------------------------------


def _office_agencies(user):
    return (
        managed_organizations(user, Role.OFFICER)
        .filter(kind__in=(OrganizationKind.AGENCY, OrganizationKind.PROVINCE))
        .select_related("parent")
        .order_by("path")
    )


@view_permission(*selectors.OFFICE_READERS)
def notice_list(request):
    year = int_param(request, "nam", min=2000, max=2100)
    notices = list(selectors.notice_list_visible_to(user=request.user, year=year))
    today = _today()
    for notice in notices:
        notice.state = notice.state_on(today)  # type: ignore[attr-defined]  # for the template
    context = {
        "notices": notices,
        "year": year,
        "can_create": has_role(request.user, Role.OFFICER),
        "today": today,
    }
    return render(request, "disclosure/list.html", context)


def _selected(form: forms.NoticeForm) -> set[int]:
    """The lines ticked on the form (posted, or its initial choice)."""
    chosen = set()
    for value in form["nominations"].value() or []:
        try:
            chosen.add(int(getattr(value, "pk", value)))
        except (TypeError, ValueError):
            continue
    return chosen


def _line_rows(agency, lines: list[Nomination]) -> list[dict[str, Any]]:
    config = rule_config_for(organization=agency)
    return [
        {"line": line, "requirement": services.disclosure_requirement(config=config, code=line.code)}
        for line in lines
    ]


@view_permission(*OFFICE)
def notice_create(request):
    agencies = _office_agencies(request.user)
    source = request.POST if request.method == "POST" else request.GET
    chooser = forms.AgencyYearForm(
        source if "agency" in source else None,
        agencies=agencies,
        initial={"year": _today().year - 1, "agency": agencies.first()},
    )
    if not chooser.is_bound or not chooser.is_valid():
        return render(request, "disclosure/create_choose.html", {"chooser": chooser})
    agency, year = chooser.cleaned_data["agency"], chooser.cleaned_data["year"]
    lines = services.candidate_lines(agency=agency, year=year)
    candidates = list(lines)
    disclosed = set(
        Nomination.objects.filter(pk__in=[n.pk for n in candidates], disclosure_notices__isnull=False)
        .exclude(disclosure_notices__status=NoticeStatus.DRAFT)
        .values_list("pk", flat=True)
    )
    rows = _line_rows(agency, candidates)
    preselected = [r["line"].pk for r in rows if r["requirement"].required and r["line"].pk not in disclosed]
    form = forms.NoticeForm(
        request.POST if request.method == "POST" else None,
        lines=lines,
        initial={
            "title": _("Công khai danh sách đề nghị khen thưởng năm %(year)s") % {"year": year},
            "channel": "website",
            "working_days": services.default_working_days(
                agency=agency, nominations=[n for n in candidates if n.pk in preselected] or candidates
            ),
            "nominations": preselected,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        created: dict[str, Any] = {}

        def create() -> None:
            created["notice"] = services.notice_create(
                actor=request.user,
                agency=agency,
                year=year,
                title=data["title"],
                note=data["note"],
                channel=data["channel"],
                url=data["url"],
                working_days=data["working_days"],
                nominations=list(data["nominations"]),
            )

        if perform_service(request, create, success=_("Đã lập dự thảo thông báo công khai."), form=form)[0]:
            return redirect("disclosure:detail", pk=created["notice"].pk)
    required_days, to_verify = services.required_days(
        agency=agency, nominations=[r["line"] for r in rows if r["requirement"].required]
    )
    context = {
        "chooser": chooser,
        "form": form,
        "agency": agency,
        "year": year,
        "rows": rows,
        "selected": _selected(form),
        "disclosed": disclosed,
        "required_days": required_days,
        "to_verify": to_verify,
    }
    return render(request, "disclosure/form.html", context)


@view_permission(*selectors.OFFICE_READERS)
def notice_detail(request, pk: int):
    notice = selectors.notice_get_visible(user=request.user, pk=pk)
    today = _today()
    manage = restrict(type(notice).objects.filter(pk=notice.pk), request.user, CHANGE).exists()
    lines = selectors.notice_lines(notice)
    feedback = selectors.notice_feedback(notice)
    for item in feedback:
        item.form = forms.HandleForm(  # type: ignore[attr-defined]  # for the template
            initial={"outcome": item.outcome, "response": item.response}, prefix=f"fb{item.pk}"
        )
    context = {
        "notice": notice,
        "state": notice.state_on(today),
        "rows": _line_rows(notice.agency, lines),
        "feedback": feedback,
        "unhandled": sum(1 for item in feedback if not item.handled),
        "manage": manage,
        "actions": workflow.NOTICE.allowed_for(request.user, notice) if manage else [],
        "publish_form": forms.PublishForm(initial={"posted_at": today}),
        "required": services.required_days(agency=notice.agency, nominations=lines),
        "today": today,
    }
    return render(request, "disclosure/detail.html", context)


@view_permission(*OFFICE)
def notice_edit(request, pk: int):
    notice = selectors.notice_get_visible(user=request.user, pk=pk, action=CHANGE)
    if notice.status != NoticeStatus.DRAFT:
        messages.error(request, _("Thông báo đã đăng: không sửa được."))
        return redirect("disclosure:detail", pk=pk)
    lines = services.candidate_lines(agency=notice.agency, year=notice.year)
    form = forms.NoticeForm(
        request.POST if request.method == "POST" else None,
        lines=lines,
        initial={
            "title": notice.title,
            "note": notice.note,
            "channel": notice.channel,
            "url": notice.url,
            "working_days": notice.working_days,
            "nominations": list(notice.nominations.values_list("pk", flat=True)),
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if perform_service(
            request,
            lambda: services.notice_update(
                actor=request.user,
                notice=notice,
                title=data["title"],
                note=data["note"],
                channel=data["channel"],
                url=data["url"],
                working_days=data["working_days"],
                nominations=list(data["nominations"]),
            ),
            success=_("Đã lưu thông báo."),
            form=form,
        )[0]:
            return redirect("disclosure:detail", pk=pk)
    rows = _line_rows(notice.agency, list(lines))
    required_days, to_verify = services.required_days(
        agency=notice.agency, nominations=[r["line"] for r in rows if r["requirement"].required]
    )
    context = {
        "notice": notice,
        "form": form,
        "agency": notice.agency,
        "year": notice.year,
        "rows": rows,
        "selected": _selected(form),
        "disclosed": set(),
        "required_days": required_days,
        "to_verify": to_verify,
    }
    return render(request, "disclosure/form.html", context)


@view_permission(*OFFICE)
@require_POST
def notice_delete(request, pk: int):
    notice = selectors.notice_get_visible(user=request.user, pk=pk, action=CHANGE)
    if perform_service(
        request,
        lambda: services.notice_delete(actor=request.user, notice=notice),
        success=_("Đã xóa dự thảo thông báo."),
    )[0]:
        return redirect("disclosure:list")
    return redirect("disclosure:detail", pk=pk)


@view_permission(*OFFICE)
@require_POST
def notice_transition(request, pk: int):
    notice = selectors.notice_get_visible(user=request.user, pk=pk, action=CHANGE)
    action = request.POST.get("action", "")
    if action == workflow.PUBLISH:
        form = forms.PublishForm(request.POST)
        if not form.is_valid():
            for message in _form_errors(form):
                messages.error(request, message)
            return redirect("disclosure:detail", pk=pk)
        perform_service(
            request,
            lambda: services.notice_publish(
                actor=request.user, notice=notice, posted_at=form.cleaned_data["posted_at"]
            ),
            success=_("Đã đăng công khai danh sách."),
        )
    elif action == workflow.CLOSE:
        perform_service(
            request,
            lambda: services.notice_close(actor=request.user, notice=notice),
            success=_("Đã kết thúc công khai."),
        )
    else:
        messages.error(request, _("Thao tác không hợp lệ."))
    return redirect("disclosure:detail", pk=pk)


@view_permission(*OFFICE)
@require_POST
def feedback_handle(request, pk: int):
    item = selectors.feedback_get_visible(user=request.user, pk=pk, action=CHANGE)
    form = forms.HandleForm(request.POST, prefix=f"fb{item.pk}")
    if form.is_valid():
        perform_service(
            request,
            lambda: services.feedback_handle(
                actor=request.user,
                feedback=item,
                outcome=form.cleaned_data["outcome"],
                response=form.cleaned_data["response"],
            ),
            success=_("Đã ghi kết quả xử lý góp ý."),
        )
    else:
        messages.error(request, _("Chọn kết quả xử lý và ghi nội dung trả lời."))
    return redirect(f"{_detail_url(item.notice_id)}#gop-y-{item.pk}")


def _detail_url(pk: int) -> str:
    return reverse("disclosure:detail", args=[pk])


# --- the working-day calendar -------------------------------------------------------------------------


@view_permission()
def calendar_page(request):
    today = _today()
    year = int_param(request, "nam", default=today.year, min=2000, max=2100) or today.year
    days = list(selectors.calendar_days(year=year))
    office = {day.date: day.working for day in selectors.calendar_days()}
    cal = calendar.WorkingCalendar(office)
    national = [
        {"date": day, "name": name, "working": cal.is_working_day(day)}
        for day, name in sorted(calendar.public_holidays(year).items())
    ]
    context = {
        "year": year,
        "days": days,
        "national": national,
        "workdays": sorted(calendar.package_workdays(year)),
        "form": forms.CalendarDayForm(),
        "manage": is_system_admin(request.user) or has_role(request.user, Role.OFFICER),
    }
    return render(request, "disclosure/calendar.html", context)


@view_permission(*OFFICE)
@require_POST
def calendar_add(request):
    form = forms.CalendarDayForm(request.POST)
    if form.is_valid():
        perform_service(
            request,
            lambda: services.calendar_day_set(actor=request.user, **form.cleaned_data),
            success=_("Đã cập nhật lịch làm việc."),
        )
        return redirect(f"{_calendar_url()}?nam={form.cleaned_data['date'].year}")
    for message in _form_errors(form):
        messages.error(request, message)
    return redirect(_calendar_url())


@view_permission(*OFFICE)
@require_POST
def calendar_delete(request, pk: int):
    day = get_object_or_404(restrict(CalendarDay.objects.all(), request.user, CHANGE), pk=pk)
    year = day.date.year
    perform_service(
        request,
        lambda: services.calendar_day_delete(actor=request.user, day=day),
        success=_("Đã xóa ngày khỏi lịch."),
    )
    return redirect(f"{_calendar_url()}?nam={year}")


def _calendar_url() -> str:
    return reverse("disclosure:calendar")


# --- the public pages ---------------------------------------------------------------------------------


def _throttle_key(request: HttpRequest) -> str:
    return f"disclosure:feedback:{client_address(request) or 'unknown'}"


def _feedback_limit() -> int:
    return int(getattr(settings, "THIDUA_DISCLOSURE_FEEDBACK_PER_HOUR", 5))


def _throttled(request: HttpRequest) -> bool:
    return int(cache.get(_throttle_key(request), 0)) >= _feedback_limit()


def _count_feedback(request: HttpRequest) -> None:
    key = _throttle_key(request)
    if cache.add(key, 1, timeout=THROTTLE_WINDOW):
        return
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=THROTTLE_WINDOW)


@view_permission(public=True)
def public_list(request):
    today = _today()
    archive = request.GET.get("luu-tru") == "1"
    page = Paginator(selectors.public_notice_list(today=today, archive=archive), 25).get_page(
        request.GET.get("page")
    )
    for notice in page.object_list:
        notice.state = notice.state_on(today)  # type: ignore[attr-defined]  # for the template
    context = {"notices": page.object_list, "page": page, "archive": archive, "today": today}
    return render(request, "disclosure/public_list.html", context)


def _public_page(request, notice, *, form=None, status: int = 200):
    today = _today()
    lines = selectors.public_lines(notice)
    open_ = notice.accepts_feedback_on(today)
    if form is None and open_:
        form = forms.FeedbackForm(lines=lines)
    context = {
        "notice": notice,
        "state": notice.state_on(today),
        "lines": lines,
        "form": form if open_ else None,
        "throttled": status == 429,
    }
    return render(request, "disclosure/public_detail.html", context, status=status)


@view_permission(public=True)
def public_detail(request, pk: int):
    notice = selectors.public_notice_get(pk=pk, today=_today())
    return _public_page(request, notice)


@view_permission(public=True)
@require_POST
def public_feedback(request, pk: int):
    notice = selectors.public_notice_get(pk=pk, today=_today())
    lines = selectors.public_lines(notice)
    form = forms.FeedbackForm(request.POST, lines=lines)
    if not notice.accepts_feedback_on(_today()):
        messages.error(request, _("Đã hết thời hạn góp ý cho thông báo này."))
        return redirect("disclosure:public_detail", pk=pk)
    if _throttled(request):
        form.add_error(
            None,
            _(
                "Bạn đã gửi %(n)s góp ý trong một giờ qua, đây là số tối đa. Vui lòng gửi tiếp sau ít phút nữa, "
                "hoặc gửi văn bản trực tiếp đến cơ quan."
            )
            % {"n": _feedback_limit()},
        )
        return _public_page(request, notice, form=form, status=429)
    if form.is_valid():
        data = form.cleaned_data
        nomination = None
        if data["nomination"]:
            nomination = notice.nominations.filter(pk=data["nomination"]).first()
        try:
            services.feedback_submit(
                notice=notice,
                nomination=nomination,
                text=data["text"],
                name=data["name"],
                contact=data["contact"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            _count_feedback(request)
            messages.success(
                request, _("Cảm ơn bạn đã góp ý. Cơ quan sẽ xem xét, xử lý góp ý trước khi Hội đồng họp.")
            )
            return redirect("disclosure:public_detail", pk=pk)
    return _public_page(request, notice, form=form, status=200)
