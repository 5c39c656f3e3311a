from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from thidua.accounts.models import Role
from thidua.accounts.scope import has_role, visible_organizations, visible_people
from thidua.core.params import id_param
from thidua.core.permissions import view_permission
from thidua.core.registry import render_sections

from . import selectors

PERSON_PAGE_SIZE = 50


@view_permission()
def unit_list(request):
    query = request.GET.get("q", "")
    units = list(selectors.organization_list_visible_to(user=request.user, query=query))
    depth_base = min((u.path.count("/") for u in units), default=0)
    for unit in units:
        unit.depth = unit.path.count("/") - depth_base  # type: ignore[attr-defined]  # for the template
    return render(request, "organizations/unit_list.html", {"units": units, "query": query})


@view_permission()
def unit_detail(request, pk: int):
    unit = get_object_or_404(visible_organizations(request.user).select_related("parent"), pk=pk)
    today = timezone.localdate()
    context = {
        "unit": unit,
        "members": selectors.organization_members_on(organization=unit, day=today),
        "children": visible_organizations(request.user).filter(parent=unit),
        "restructurings": unit.restructured_by.select_related("successor").all(),
        "successions": unit.succeeds.prefetch_related("predecessors").all(),
        "sections": render_sections("unit", request, unit),
        # The unit register (budget code, signer, bank account) is the office's and administrators' record.
        "show_register": has_role(request.user, Role.OFFICER, Role.ADMIN, organization=unit),
    }
    return render(request, "organizations/unit_detail.html", context)


@view_permission()
def person_list(request):
    """People sorted by given name (Vietnamese collation) by keyset pages (no OFFSET) under a capped count; the
    search box ignores diacritics and case."""
    query = request.GET.get("q", "")
    unit_id = id_param(request, "unit")
    unit = None
    if unit_id:
        unit = get_object_or_404(visible_organizations(request.user), pk=unit_id)
    page = selectors.person_page(
        user=request.user,
        query=query,
        organization=unit,
        size=PERSON_PAGE_SIZE,
        after=request.GET.get("sau"),
        before=request.GET.get("truoc"),
    )
    count, more = selectors.person_count_capped(user=request.user, query=query, organization=unit)
    links = request.GET.copy()
    for cursor in ("sau", "truoc", "page"):
        links.pop(cursor, None)
    context = {
        "page": page,
        "query": query,
        "unit": unit,
        "count": count,
        "count_more": more,
        "links": links.urlencode(),
    }
    template = "organizations/_person_rows.html" if request.htmx else "organizations/person_list.html"
    return render(request, template, context)


@view_permission()
def person_detail(request, pk: int):
    person = get_object_or_404(visible_people(request.user).select_related("ethnicity"), pk=pk)
    context = {
        "person": person,
        "history": selectors.person_history(person=person),
        "sections": render_sections("person", request, person),
    }
    return render(request, "organizations/person_detail.html", context)
