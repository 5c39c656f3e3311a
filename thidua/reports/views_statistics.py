"""The statistics page (/thong-ke/): filters in the query string (the URL shares the view), a table and a chart per
section, each table as Excel (`?format=xlsx`, one sheet per table, or `&table=<key>` for one).

Scope on the server: the units come from `statistics.scope_for` (the user's statistics roles); a unit outside it is
a 404, a filter value that is not one of the choices a 400 naming the field."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from thidua.accounts.scope import VIEW, has_role, restrict
from thidua.commendations.selectors import LEVELS
from thidua.core.codes import AwardCode, AwardTrack
from thidua.core.db_routing import read_only
from thidua.core.params import ParameterError, id_param, year_param
from thidua.core.permissions import view_permission
from thidua.core.uploads import download_headers
from thidua.movements.models import Movement

from . import statistics as stats
from .director import DIRECTOR_ROLES
from .excel_statistics import XLSX, tables_xlsx

MAX_YEARS = 30


def _choice(request: HttpRequest, name: str, allowed, label: str) -> str:
    value = request.GET.get(name, "").strip()
    if value and value not in allowed:
        raise ParameterError(
            name,
            _("Giá trị “%(value)s” của ô “%(field)s” không có trong danh sách.")
            % {"value": value[:40], "field": label},
        )
    return value


def movements_for(user: Any):
    return restrict(Movement.objects.all(), user, VIEW).order_by("-period_start", "code")


def parse_filters(request: HttpRequest, scope: stats.Scope) -> stats.Filters:
    """The page's filters from the query string; 400 naming the field for a bad value, 404 for a unit outside the
    scope."""
    year_from = year_param(request, "year_from", default=None)
    year_to = year_param(request, "year_to", default=None)
    if year_from is None and year_to is None:
        year_from, year_to = stats.default_period(scope)
    elif year_from is None:
        year_from = year_to
    elif year_to is None:
        year_to = year_from
    assert year_from is not None and year_to is not None
    if year_from > year_to:
        raise ParameterError(
            "year_from",
            _("“Từ năm” %(first)s lớn hơn “Đến năm” %(last)s.") % {"first": year_from, "last": year_to},
        )
    if year_to - year_from + 1 > MAX_YEARS:
        raise ParameterError("year_from", _("Giai đoạn thống kê dài tối đa %(n)s năm.") % {"n": MAX_YEARS})
    unit = None
    unit_id = id_param(request, "unit")
    if unit_id is not None:
        unit = next((u for u in scope.units if u.pk == unit_id), None)
        if unit is None:
            raise Http404(_("Không có đơn vị này trong phạm vi bạn được xem."))
    movement = None
    movement_id = id_param(request, "movement")
    if movement_id is not None:
        movement = movements_for(request.user).filter(pk=movement_id).first()
        if movement is None:
            raise ParameterError("movement", _("Không có phong trào thi đua này trong phạm vi bạn được xem."))
    return stats.Filters(
        year_from=year_from,
        year_to=year_to,
        unit=unit,
        movement=movement,
        level=_choice(request, "level", LEVELS, _("Cấp khen thưởng")),
        code=_choice(request, "code", AwardCode.values, _("Danh hiệu, hình thức")),
        track=_choice(request, "track", AwardTrack.values, _("Loại khen thưởng")),
        recipient=_choice(request, "recipient", dict(stats.RECIPIENTS), _("Cá nhân, tập thể")),
    )


def describe(filters: stats.Filters) -> str:
    """The filters in one line (the Excel subtitle)."""
    parts = [_("Giai đoạn %(first)s–%(last)s") % {"first": filters.year_from, "last": filters.year_to}]
    if filters.unit is not None:
        parts.append(filters.unit.name)
    if filters.movement is not None:
        parts.append(filters.movement.title)
    if filters.level:
        parts.append(str(LEVELS[filters.level]))
    if filters.code:
        parts.append(str(AwardCode(filters.code).label))
    if filters.track:
        parts.append(str(AwardTrack(filters.track).label))
    if filters.recipient:
        parts.append(str(dict(stats.RECIPIENTS)[filters.recipient]))
    return "; ".join(parts)


def chart_payload(table: stats.Table) -> dict[str, Any] | None:
    """The chart's data for statistics.js, with its title and the Vietnamese labels of the toolbox."""
    if table.chart is None:
        return None
    return {
        **table.chart,
        "title": table.title,
        "saveLabel": _("Lưu ảnh PNG"),
        "filename": f"thong-ke-{table.key}",
        "empty": not any(any(v for v in s["data"] if v) for s in table.chart["series"]),
    }


def xlsx_response(
    tables: list[stats.Table], request: HttpRequest, filters: stats.Filters, name: str
) -> HttpResponse:
    key = request.GET.get("table", "").strip()
    if key:
        tables = [t for t in tables if t.key == key]
        if not tables:
            raise ParameterError("table", _("Không có bảng “%(key)s”.") % {"key": key[:40]})
        name = f"{name}-{key}"
    data = tables_xlsx(tables, subtitle=describe(filters))
    return HttpResponse(data, content_type=XLSX, headers=download_headers(f"{name}.xlsx"))


@view_permission(*stats.STATISTICS_ROLES)
def statistics(request: HttpRequest) -> HttpResponse:
    """The figures are aggregates over years of awards: read from the read replica when one is configured, since a
    few seconds stale is fine for them (the scope and the filters' choices are read from default)."""
    scope = stats.scope_for(request.user)
    if not scope.units:
        raise Http404(_("Bạn không được xem thống kê của đơn vị nào."))
    filters = parse_filters(request, scope)
    with read_only():
        tables = stats.statistics(scope=scope, filters=filters)
    fmt = request.GET.get("format", "").strip()
    if fmt == "xlsx":
        return xlsx_response(tables, request, filters, "thong-ke")
    if fmt:
        raise ParameterError("format", _("Định dạng “%(fmt)s” không được hỗ trợ.") % {"fmt": fmt[:20]})
    sections = [
        {"table": t, "headers": t.header_cells(), "rows": t.display_rows(), "chart": chart_payload(t)}
        for t in tables
    ]
    context = {
        "sections": sections,
        "filters": filters,
        "units": scope.units,
        "movements": list(movements_for(request.user)),
        "levels": list(LEVELS.items()),
        "codes": AwardCode.choices,
        "tracks": AwardTrack.choices,
        "recipients": stats.RECIPIENTS,
        "filtered": any(request.GET.get(k) for k in request.GET),
        "director_year": filters.year_to,
        "can_director": has_role(request.user, *DIRECTOR_ROLES),
    }
    return render(request, "reports/statistics.html", context)
