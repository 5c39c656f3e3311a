"""The statutory statistical forms page (biểu mẫu báo cáo thống kê TĐKT): the standing office chooses the form,
the statistical year and its agency, previews the filled table and downloads it as Excel.

Only the office (Role.OFFICER) of an agency or a province reaches it (403 otherwise); another agency named by
`?co-quan=` is a 404. Parameters: `bieu` (form number), `nam` (year), `co-quan` (agency id).
"""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import content_disposition_header

from thidua.accounts.models import Role
from thidua.core.params import id_param, int_param
from thidua.core.permissions import view_permission

from . import statutory
from .statutory_xlsx import XLSX, header_rows, statutory_xlsx

YEAR_MAX = 2100


def _default_year() -> int:
    """The last statistical year that has ended (30/11): in December the current year, else the previous one."""
    today = timezone.localdate()
    return today.year if today.month == 12 else today.year - 1


def _choice(request):
    agencies = statutory.statutory_agencies(request.user)
    pk = id_param(request, "co-quan")
    agency = agencies.filter(pk=pk).first() if pk is not None else agencies.first()
    if agency is None:
        raise Http404
    year = int_param(request, "nam", default=_default_year(), min=statutory.FIRST_YEAR, max=YEAR_MAX)
    if year is None:
        year = _default_year()
    forms = statutory.forms_for_year(year)
    number = request.GET.get("bieu", "")
    form = next((f for f in forms if f.number == number), forms[0])
    return agencies, agency, year, forms, form


@view_permission(Role.OFFICER)
def statutory_page(request):
    agencies, agency, year, forms, form = _choice(request)
    report = statutory.statutory_report(user=request.user, agency=agency, form=form, year=year)
    return render(
        request,
        "reports/statutory.html",
        {
            "agencies": agencies,
            "agency": agency,
            "year": year,
            "years": range(_default_year() + 1, statutory.FIRST_YEAR - 1, -1),
            "forms": forms,
            "form": form,
            "report": report,
            "header": header_rows(form)[:-1],
            "numbers": header_rows(form)[-1],
            "pending": year >= statutory.PENDING_FROM_YEAR,
        },
    )


@view_permission(Role.OFFICER)
def statutory_download(request):
    _agencies, agency, year, _forms, form = _choice(request)
    report = statutory.statutory_report(user=request.user, agency=agency, form=form, year=year)
    response = HttpResponse(statutory_xlsx(report), content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(
        True, f"bieu-{form.number}-{year}-{agency.code}.xlsx"
    )
    return response
