"""The award registry page: list and filter the titles and forms already received; export to Excel."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from thidua.accounts.models import Role
from thidua.accounts.scope import CHANGE, has_role, restrict
from thidua.core.codes import AwardCode
from thidua.core.params import year_param
from thidua.core.permissions import view_permission

from . import selectors, services
from .forms import AwardRecordForm
from .models import AwardRecord, AwardStatus


@view_permission()
def award_list(request):
    year = request.GET.get("year", "")
    code = request.GET.get("code", "")
    status = request.GET.get("status", "")
    query = request.GET.get("q", "")
    qs = selectors.award_list_visible_to(
        user=request.user,
        year=year_param(request),
        code=code if code in AwardCode.values else "",
        status=status if status in AwardStatus.values else "",
        query=query,
    )
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "year": year,
        "code": code,
        "status": status,
        "query": query,
        "codes": AwardCode.choices,
        "statuses": AwardStatus.choices,
        "can_import": has_role(request.user, Role.OFFICER),
    }
    return render(request, "commendations/award_list.html", context)


def _editable(request, pk: int) -> AwardRecord:
    """An award the user sees (404 otherwise) and may correct as the office of the subject's unit (403)."""
    award = get_object_or_404(selectors.award_list_visible_to(user=request.user), pk=pk)
    if not restrict(AwardRecord.objects.filter(pk=award.pk), request.user, CHANGE).exists():
        raise PermissionDenied
    return award


def _save(request, form: AwardRecordForm, save) -> bool:
    try:
        save()
    except ValidationError as error:
        for message in error.messages:
            form.add_error(None, message)
        return False
    messages.success(request, _("Đã lưu khen thưởng."))
    return True


@view_permission(Role.OFFICER)
def award_create(request):
    """Record an award received outside the system (a decision of the province or the State)."""
    form = AwardRecordForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
        subject = {"person": form.instance.person, "organization": form.instance.organization}
        if _save(
            request, form, lambda: services.award_record_create(actor=request.user, **subject, **fields)
        ):
            return redirect("commendations:award_list")
    return render(request, "commendations/award_form.html", {"form": form})


@view_permission(Role.OFFICER)
def award_edit(request, pk: int):
    award = _editable(request, pk)
    form = AwardRecordForm(request.POST or None, instance=award, user=request.user)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
        if _save(
            request, form, lambda: services.award_record_update(actor=request.user, award=award, **fields)
        ):
            return redirect("commendations:award_list")
    return render(request, "commendations/award_form.html", {"form": form, "award": award})


@view_permission(Role.OFFICER)
def award_revoke(request, pk: int):
    """Revocation (Luật Thi đua, khen thưởng 06/2022/QH15, Chương VII): the record stays, marked revoked. A GET
    (a link followed, a reload) shows the award with its revocation form, which asks for the basis."""
    award = _editable(request, pk)
    if request.method != "POST":
        return redirect(reverse("commendations:award_edit", args=[pk]) + "#revoke-reason")
    reason = request.POST.get("reason", "").strip()
    if not reason:
        messages.error(request, _("Phải nêu căn cứ hủy bỏ (số quyết định, lý do)."))
    else:
        services.award_record_revoke(actor=request.user, award=award, reason=reason)
        messages.success(request, _("Đã hủy bỏ khen thưởng."))
    return redirect("commendations:award_edit", pk=pk)
