"""The Director's year (/thong-ke/giam-doc/<year>/): the Director, the standing office and administrators of an
agency; the agency is the root of the user's scope (`?unit=` picks another root when the user has several)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from thidua.core.params import YEAR_MAX, YEAR_MIN, ParameterError, id_param
from thidua.core.permissions import view_permission

from . import director
from . import statistics as stats
from .views_statistics import chart_payload


def _agency(request: HttpRequest, scope: stats.Scope):
    roots = scope.roots
    if not roots:
        raise Http404(_("Bạn không được xem năm công tác của cơ quan nào."))
    unit_id = id_param(request, "unit")
    if unit_id is None:
        return roots[0], roots
    agency = next((u for u in scope.units if u.pk == unit_id), None)
    if agency is None:
        raise Http404(_("Không có cơ quan này trong phạm vi bạn được xem."))
    return agency, roots


@view_permission(*director.DIRECTOR_ROLES)
def director_current(request: HttpRequest) -> HttpResponse:
    """The Director's year of the latest achievement year that has awards."""
    scope = stats.scope_for(request.user, *director.DIRECTOR_ROLES)
    return redirect("reports:director", year=stats.latest_year(scope))


@view_permission(*director.DIRECTOR_ROLES)
def director_year(request: HttpRequest, year: int) -> HttpResponse:
    if not YEAR_MIN <= year <= YEAR_MAX:
        raise ParameterError(
            "year", _("Năm phải nằm trong khoảng %(min)s–%(max)s.") % {"min": YEAR_MIN, "max": YEAR_MAX}
        )
    scope = stats.scope_for(request.user, *director.DIRECTOR_ROLES)
    agency, roots = _agency(request, scope)
    data = director.director_year(scope=scope, agency=agency, year=year)
    charts = {key: chart_payload(data[key]) for key in ("awards", "units", "nominations")}
    context = {
        **data,
        "charts": charts,
        "cells": {
            key: {"headers": data[key].header_cells(), "rows": data[key].display_rows()}
            for key in ("awards", "units", "nominations")
        },
        "agency": agency,
        "roots": roots,
        "year": year,
        "previous": year - 1 if year > YEAR_MIN else None,
        "next": year + 1 if year < YEAR_MAX else None,
    }
    return render(request, "reports/director.html", context)
