"""Pages of initiatives and research topics: list (scoped), detail with authors and attachments, forms."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.accounts.models import Role
from thidua.accounts.scope import CHANGE, EDITOR_ROLES, has_role, restrict, visible_people
from thidua.commendations.models import AwardRecord, AwardStatus
from thidua.core import uploads
from thidua.core.codes import InitiativeLevel
from thidua.core.forms import add_service_errors
from thidua.core.params import year_param
from thidua.core.permissions import view_permission

from . import selectors, services
from .forms import AttachmentForm, InitiativeForm
from .models import Initiative, InitiativeAttachment

EDITORS = EDITOR_ROLES


def _can_edit(user, initiative) -> bool:
    return restrict(Initiative.objects.filter(pk=initiative.pk), user, CHANGE).exists()


@view_permission()
def initiative_list(request):
    year = request.GET.get("year", "")
    level = request.GET.get("level", "")
    query = request.GET.get("q", "")
    qs = selectors.initiative_list_visible_to(
        user=request.user,
        year=year_param(request),
        level=level if level in InitiativeLevel.values else "",
        query=query,
    )
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "year": year,
        "level": level,
        "query": query,
        "levels": InitiativeLevel.choices,
        "can_add": has_role(request.user, *EDITORS),
        "can_import": has_role(request.user, Role.OFFICER),
    }
    return render(request, "initiatives/list.html", context)


def _visible(request, pk: int):
    initiative = selectors.initiative_get_visible(user=request.user, pk=pk)
    if initiative is None:
        raise Http404
    return initiative


@view_permission()
def initiative_detail(request, pk: int):
    initiative = _visible(request, pk)
    can_edit = _can_edit(request.user, initiative)
    form = AttachmentForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        if form.is_valid():
            checked = form.cleaned_data["file"]
            services.initiative_attachment_add(
                actor=request.user, initiative=initiative, upload=checked.as_uploaded_file()
            )
            messages.success(request, _("Đã đính kèm tệp."))
            return redirect("initiatives:detail", pk=pk)
    return render(
        request,
        "initiatives/detail.html",
        {
            "initiative": initiative,
            "can_edit": can_edit,
            "form": form,
            "authors": _authors_with_choices(initiative, can_edit=can_edit, request_user=request.user),
        },
    )


def _authors_with_choices(initiative, *, can_edit: bool, request_user: Any) -> list:
    """The authors; for an editor, each with the awards their initiative could be recorded as supporting:
    their own awards from the initiative's year on, not yet supported by another initiative (one query)."""

    authors = list(initiative.authors.select_related("person", "used_for"))
    # A co-author from another unit is named, but linked only when the user may open their page (one query).
    readable = set(
        visible_people(request_user)
        .filter(pk__in=[a.person_id for a in authors])
        .values_list("pk", flat=True)
    )
    for author in authors:
        author.award_choices = []
        author.linked = author.person_id in readable
    if not can_edit:
        return authors
    person_ids = [a.person_id for a in authors]
    awards = AwardRecord.objects.filter(
        person_id__in=person_ids,
        year__gte=initiative.year,
        status=AwardStatus.ACTIVE,
        supporting_initiative__isnull=True,
    ).order_by("year", "code")
    choices: dict[int | None, list] = {pk: [] for pk in person_ids}
    for award in awards:
        choices[award.person_id].append(award)
    for author in authors:
        author.award_choices = choices[author.person_id]
    return authors


@view_permission()
@require_POST
def use_for_award(request, pk: int, author_pk: int):
    """Record the award an author's initiative supported (an initiative supports one award only)."""

    initiative = _visible(request, pk)
    if not _can_edit(request.user, initiative):
        raise PermissionDenied
    author = get_object_or_404(initiative.authors.all(), pk=author_pk)
    award = get_object_or_404(AwardRecord, pk=request.POST.get("award") or 0, person_id=author.person_id)
    try:
        services.initiative_use_for_award(actor=request.user, author=author, award=award)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Đã ghi nhận khen thưởng mà sáng kiến đã hỗ trợ."))
    return redirect("initiatives:detail", pk=pk)


@view_permission()
def attachment_download(request, pk: int, attachment_pk: int):
    """An attachment, to those who may read its initiative (404 otherwise), always as a download."""
    initiative = _visible(request, pk)
    attachment = get_object_or_404(InitiativeAttachment, pk=attachment_pk, initiative=initiative)
    return uploads.upload_response(attachment.file, filename=attachment.name)


@view_permission(*EDITORS)
def initiative_create(request):
    form = InitiativeForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        authors = data.pop("authors")
        try:
            initiative = services.initiative_create(actor=request.user, authors=authors, **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã lưu sáng kiến."))
            return redirect("initiatives:detail", pk=initiative.pk)
    return render(request, "initiatives/form.html", {"form": form})


@view_permission(*EDITORS)
def initiative_edit(request, pk: int):
    initiative = _visible(request, pk)
    if not _can_edit(request.user, initiative):
        raise PermissionDenied
    form = InitiativeForm(request.POST or None, instance=initiative, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        authors = data.pop("authors")
        try:
            services.initiative_update(actor=request.user, initiative=initiative, authors=authors, **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã lưu sáng kiến."))
            return redirect("initiatives:detail", pk=pk)
    return render(request, "initiatives/form.html", {"form": form, "initiative": initiative})


@require_POST
@view_permission(*EDITORS)
def initiative_delete(request, pk: int):
    initiative = _visible(request, pk)
    if not _can_edit(request.user, initiative):
        raise PermissionDenied
    try:
        services.initiative_delete(actor=request.user, initiative=initiative)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("initiatives:detail", pk=pk)
    messages.success(request, _("Đã xóa sáng kiến."))
    return redirect("initiatives:list")
