"""The award registry pages (sổ khen thưởng, sổ vàng): the list with its filters, a person's registry and a unit's
registry across years and eras, each with its Excel export and each award's documents; and the office's record,
correction and revocation of awards received outside the system.

Every page reads through `selectors.award_list_visible_to` (the scope of awards: a unit head reads the people and
collectives of the unit, staff their own awards, an officer the agency's); a person or unit the user cannot see is
a 404. The documents of the awards (a decision's signed PDF, a certificate) belong to higher apps and come through
`core.registry.links_for_awards`, read once per page (or per round of an export), never once per award.
"""

from itertools import groupby
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from thidua.accounts.models import Role
from thidua.accounts.scope import (
    CHANGE,
    has_role,
    restrict,
    visible_organizations,
    visible_people,
)
from thidua.core.codes import AwardCode, AwardTrack
from thidua.core.params import ParameterError, id_param, year_param
from thidua.core.permissions import view_permission
from thidua.core.registry import registry
from thidua.core.uploads import download_headers

from . import selectors, services
from .exchange import XLSX, registry_xlsx
from .forms import AwardRecordForm
from .models import AwardRecord, AwardStatus
from .selectors import LEVEL_OF_CODE, LEVELS, SUBJECTS, AwardFilters, era_of_year

PAGE_SIZE = 50
REGISTRY_PAGE_SIZE = 100


def _choice(request, name: str, allowed) -> str:
    """A value of `allowed`, or "" (an unknown value is ignored, as an empty one)."""
    value = request.GET.get(name, "")
    return value if value in allowed else ""


def _filters(request) -> AwardFilters:
    """The list's filters from the query string; a year or unit that is not one is refused with 400 naming it,
    a unit the user cannot see is a 404."""
    year = year_param(request)
    year_from = year_param(request, "year_from") or year
    year_to = year_param(request, "year_to") or year
    if year_from and year_to and year_from > year_to:
        raise ParameterError(
            "year_from",
            _("“Từ năm” %(first)s lớn hơn “Đến năm” %(last)s.") % {"first": year_from, "last": year_to},
        )
    unit = None
    unit_id = id_param(request, "unit")
    if unit_id:
        unit = get_object_or_404(visible_organizations(request.user), pk=unit_id)
    return AwardFilters(
        year_from=year_from,
        year_to=year_to,
        code=_choice(request, "code", AwardCode.values),
        track=_choice(request, "track", AwardTrack.values),
        level=_choice(request, "level", LEVELS),
        status=_choice(request, "status", AwardStatus.values),
        unit=unit,
        subject=_choice(request, "subject", dict(SUBJECTS)),
        decision=request.GET.get("decision", "").strip()[:64],
        query=request.GET.get("q", "").strip()[:200],
    )


def _with_documents(awards: list[AwardRecord]) -> list[AwardRecord]:
    """Each award with its documents (`documents`: [(label, url)]) and level, the documents read once for all."""
    links = registry.links_for_awards(awards)
    for award in awards:
        award.documents = links.get(award.pk, [])  # type: ignore[attr-defined]
        award.level = LEVELS.get(LEVEL_OF_CODE.get(award.code, ""), "")  # type: ignore[attr-defined]
    return awards


def _by_year(awards: list[AwardRecord]) -> list[dict[str, Any]]:
    """The awards grouped by year (in their order), each year with its era (the rule set judging it)."""
    return [
        {"year": year, "era": era_of_year(year), "awards": list(group)}
        for year, group in groupby(awards, key=lambda award: award.year)
    ]


def _xlsx(awards, *, request, title: str, filename: str) -> HttpResponse:
    data = registry_xlsx(
        awards, links=registry.links_for_awards, title=title, absolute=request.build_absolute_uri
    )
    return HttpResponse(data, content_type=XLSX, headers=download_headers(filename))


@view_permission()
def award_list(request):
    """The registry, filtered, by keyset pages (`?sau=` / `?truoc=` cursors, no OFFSET) under a count capped at
    `selectors.COUNT_CAP`; the same filters drive its Excel export (`award_export`), in the registry's name order."""
    filters = _filters(request)
    page = selectors.award_page(
        user=request.user,
        filters=filters,
        size=PAGE_SIZE,
        after=request.GET.get("sau"),
        before=request.GET.get("truoc"),
    )
    page.object_list = _with_documents(page.object_list)
    count, more = selectors.award_count_capped(user=request.user, filters=filters)
    units = visible_organizations(request.user).select_related("parent").order_by("path")
    query = request.GET.copy()
    for cursor in ("sau", "truoc", "page"):
        query.pop(cursor, None)
    context = {
        "page": page,
        "count": count,
        "count_more": more,
        "query": query.urlencode(),
        "filters": filters,
        "year": request.GET.get("year", ""),
        "codes": AwardCode.choices,
        "tracks": AwardTrack.choices,
        "levels": list(LEVELS.items()),
        "statuses": AwardStatus.choices,
        "subjects": SUBJECTS,
        "units": units,
        "filtered": any(request.GET.get(k) for k in request.GET if k not in ("page", "sau", "truoc")),
        "can_import": has_role(request.user, Role.OFFICER),
    }
    return render(request, "commendations/award_list.html", context)


@view_permission()
def award_export(request):
    """Exactly the rows the list shows under the same filters, every page of them, as an Excel file."""
    filters = _filters(request)
    qs = selectors.with_unit_in_year(selectors.award_list_visible_to(user=request.user, filters=filters))
    return _xlsx(
        qs.iterator(chunk_size=2000),
        request=request,
        title=_("Sổ khen thưởng"),
        filename="so-khen-thuong.xlsx",
    )


def _visible_person(request, pk: int):
    return get_object_or_404(visible_people(request.user), pk=pk)


@view_permission()
def person_registry(request, pk: int):
    """The person's registry (sổ vàng cá nhân): every award the user reads, by year, with the era of each year."""
    person = _visible_person(request, pk)
    awards = _with_documents(selectors.person_registry(user=request.user, person=person))
    context = {
        "person": person,
        "years": _by_year(awards),
        "count": len(awards),
        "summary": selectors.count_by_level_of(awards),
        "can_import": has_role(request.user, Role.OFFICER),
    }
    return render(request, "commendations/person_registry.html", context)


@view_permission()
def person_registry_export(request, pk: int):
    person = _visible_person(request, pk)
    awards = selectors.person_registry(user=request.user, person=person)
    return _xlsx(
        awards,
        request=request,
        title=_("Sổ khen thưởng cá nhân: %(name)s (%(code)s)")
        % {"name": person.full_name, "code": person.staff_code},
        filename=f"so-khen-thuong-{person.staff_code}.xlsx",
    )


def _unit_registry(request, pk: int):
    unit = get_object_or_404(visible_organizations(request.user).select_related("parent"), pk=pk)
    people, subunits = request.GET.get("people") == "1", request.GET.get("subunits") == "1"
    history = selectors.unit_history(unit)
    qs = selectors.unit_registry(user=request.user, units=history, people=people, subunits=subunits)
    return unit, history, people, subunits, qs


@view_permission()
def unit_registry(request, pk: int):
    """The unit's registry: its own awards as a collective across its history (the units it carries on from),
    and on request those of its sub-units and of the people who worked there in each award's year."""
    unit, history, people, subunits, qs = _unit_registry(request, pk)
    page = Paginator(qs, REGISTRY_PAGE_SIZE).get_page(request.GET.get("page"))
    awards = _with_documents(list(page.object_list))
    context = {
        "unit": unit,
        "predecessors": history[1:],
        "people": people,
        "subunits": subunits,
        "page": page,
        "years": _by_year(awards),
        "summary": selectors.count_by_level(qs),
        "can_import": has_role(request.user, Role.OFFICER),
    }
    return render(request, "commendations/unit_registry.html", context)


@view_permission()
def unit_registry_export(request, pk: int):
    unit, _history, _people, _subunits, qs = _unit_registry(request, pk)
    return _xlsx(
        qs.iterator(chunk_size=2000),
        request=request,
        title=_("Sổ khen thưởng đơn vị: %(name)s") % {"name": unit.name},
        filename=f"so-khen-thuong-{unit.code}.xlsx",
    )


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
