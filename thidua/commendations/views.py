"""The award registry page: list and filter the titles and forms already received; export to Excel."""

from django.core.paginator import Paginator
from django.shortcuts import render

from thidua.accounts.models import Role
from thidua.accounts.scope import has_role
from thidua.core.codes import AwardCode
from thidua.core.permissions import view_permission

from . import selectors
from .models import AwardStatus


@view_permission()
def award_list(request):
    year = request.GET.get("year", "")
    code = request.GET.get("code", "")
    status = request.GET.get("status", "")
    query = request.GET.get("q", "")
    qs = selectors.award_list_visible_to(
        user=request.user,
        year=int(year) if year.isdigit() else None,
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
