"""The fairness indicators' pages: the indicators of a unit for a period, and the people (or units) behind each.

Officers, the Director (signer) and administrators read their agency; a unit head reads the units they manage.
A unit outside the user's scope is a 404; the people listed are further limited to those the user may see."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Max, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.scope import managed_organizations, visible_people
from thidua.commendations.models import AwardRecord, AwardStatus
from thidua.commendations.selectors import LEVELS
from thidua.core.codes import AwardCode
from thidua.core.params import ParameterError, id_param, year_param
from thidua.core.permissions import view_permission
from thidua.organizations.models import Organization, OrganizationKind

from . import fairness

FAIRNESS_ROLES = fairness.FAIRNESS_ROLES
PAGE_SIZE = 50
MAX_YEARS = 10


def fairness_units(user) -> QuerySet[Organization]:
    """The units whose indicators `user` reads: those the user manages with one of FAIRNESS_ROLES."""
    return managed_organizations(user, *FAIRNESS_ROLES).select_related("parent").order_by("path")


def _agency_of(unit: Organization) -> Organization:
    """The agency (or province) the unit belongs to: its configuration is the agency's."""
    ids = [int(pk) for pk in unit.path.strip("/").split("/") if pk]
    kinds = dict(Organization.objects.filter(pk__in=ids).values_list("pk", "kind"))
    for pk in reversed(ids):
        if kinds.get(pk) in (OrganizationKind.AGENCY, OrganizationKind.PROVINCE):
            return unit if pk == unit.pk else Organization.objects.get(pk=pk)
    return unit


def _choice(request: HttpRequest, name: str, allowed) -> str:
    value = request.GET.get(name, "")
    return value if value in allowed else ""


def _parse(request: HttpRequest) -> tuple[Organization, fairness.Filters, list[Organization]]:
    """The unit and filters from the query string; defaults: the latest year with an award, the widest unit the
    user reads that existed then. A unit outside the user's scope is a 404."""
    units = list(fairness_units(request.user))
    if not units:
        raise Http404
    year = year_param(request, "year")
    year_from = year_param(request, "year_from") or year
    year_to = year_param(request, "year_to") or year or year_from
    if year_to is None:
        latest = AwardRecord.objects.filter(
            status=AwardStatus.ACTIVE, year__lte=timezone.localdate().year
        ).aggregate(y=Max("year"))["y"]
        year_to = latest or timezone.localdate().year - 1
    if year_from is None:
        year_from = year_to
    if year_from > year_to:
        raise ParameterError(
            "year_from",
            _("“Từ năm” %(first)s lớn hơn “Đến năm” %(last)s.") % {"first": year_from, "last": year_to},
        )
    if year_to - year_from >= MAX_YEARS:
        raise ParameterError("year_from", _("Chọn giai đoạn không quá %(n)s năm.") % {"n": MAX_YEARS})
    unit_id = id_param(request, "unit")
    if unit_id:
        root = get_object_or_404(fairness_units(request.user), pk=unit_id)
    else:
        depth = min(u.path.count("/") for u in units)
        widest = [u for u in units if u.path.count("/") == depth]
        alive = [
            u
            for u in widest
            if u.valid_from.year <= year_to and (u.valid_to is None or u.valid_to.year >= year_to)
        ]
        root = (alive or widest)[0]
    filters = fairness.Filters(
        year_from=year_from,
        year_to=year_to,
        level=_choice(request, "level", LEVELS),
        code=_choice(request, "code", AwardCode.values),
    )
    return root, filters, units


def _context(request: HttpRequest) -> dict[str, Any]:
    root, filters, units = _parse(request)
    agency = _agency_of(root)
    report = fairness.fairness_report(root=root, filters=filters, agency=agency)
    return {
        "report": report,
        "root": root,
        "agency": agency,
        "filters": filters,
        "units": units,
        "levels": list(LEVELS.items()),
        "codes": AwardCode.choices,
        "query": urlencode(filters.query(None)),
    }


@view_permission(*FAIRNESS_ROLES)
def fairness_page(request: HttpRequest) -> HttpResponse:
    """The indicators with their definitions, formulas and warnings, and the table of units."""
    context = _context(request)
    report = context["report"]
    context["indicators"] = report.indicators
    context["units_indicator"] = report.indicators[-1]
    return render(request, "reports/fairness.html", context)


@view_permission(*FAIRNESS_ROLES)
def fairness_detail(request: HttpRequest, key: str) -> HttpResponse:
    """The people (or the units) behind one indicator, paginated."""
    if key not in fairness.KEYS:
        raise Http404
    context = _context(request)
    report = context["report"]
    indicator = next(i for i in report.indicators if i.key == key)
    context["indicator"] = indicator
    if key == fairness.UNITS:
        context["unit_rows"] = indicator.rows
        return render(request, "reports/fairness_detail.html", context)
    if key == fairness.SMALL_COLLECTIVES:
        rows = fairness.collective_rows(report)
        if request.GET.get("small") == "1":
            rows = [r for r in rows if r["small"]]
        context["page"] = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
        context["collectives"] = True
        return render(request, "reports/fairness_detail.html", context)
    rows = fairness.person_rows(report, key)
    if request.GET.get("awarded") == "1":
        rows = [r for r in rows if r["awards"]]
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    ids = [r["person_id"] for r in page.object_list]
    people = {p.pk: p for p in visible_people(request.user).filter(pk__in=ids)}
    orgs = {
        o.pk: o for o in Organization.objects.filter(pk__in={r["organization_id"] for r in page.object_list})
    }
    names = dict(AwardCode.choices)
    page.object_list = [
        {
            **r,
            "person": people[r["person_id"]],
            "organization": orgs.get(r["organization_id"]),
            "award_list": [
                {"year": year, "label": names.get(code, code), "repeat": repeat}
                for year, code, repeat in r["awards"]
            ],
        }
        for r in page.object_list
        if r["person_id"] in people
    ]
    context["page"] = page
    return render(request, "reports/fairness_detail.html", context)
