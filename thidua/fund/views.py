"""Pages of the reward fund: the year's book (balances, income by source, spending by category, the lines with
filters, the decisions of the year and whether the fund matches them), income and other spending, paying and
cancelling a line, a decision's money table, and the report (page and Excel).

The office (Role.OFFICER of the agency) writes; the agency's signing leader (Role.SIGNER) reads; anyone else is
refused (403 by role, 404 for another agency's fund, line or decision). The agency is the one the page names with
`?co-quan=` (the user's first agency otherwise); every write goes through the services, which check the role
again and the version the page showed.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.http import content_disposition_header, url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.accounts.models import Role
from thidua.accounts.scope import CHANGE, VIEW, restrict
from thidua.core.forms import perform_service
from thidua.core.params import id_param
from thidua.core.permissions import view_permission
from thidua.decisions.models import DecisionKind

from . import forms, report, selectors, services
from .models import DEFAULT_CEILING, CeilingBase, EntryStatus, FundEntry, Source

READERS = (Role.OFFICER, Role.SIGNER)
OFFICE = (Role.OFFICER,)
YEAR_MIN, YEAR_MAX = 2000, 2100


def _year(year: int) -> int:
    if not YEAR_MIN <= year <= YEAR_MAX:
        raise Http404
    return year


def _agency(request, action: str = VIEW):
    return selectors.fund_agency(request.user, id_param(request, "co-quan"), action)


def _year_url(agency, year: int, anchor: str = "") -> str:
    return f"{reverse('fund:year', args=[year])}?co-quan={agency.pk}{anchor}"


def _next(request, default: str) -> str:
    target = request.POST.get("next", "") or request.GET.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return default


def decision_page_url(decision) -> str:
    """The decision's own page (made by the decisions app), or "" while it has none."""
    try:
        return reverse("decisions:decision_detail", args=[decision.pk])
    except NoReverseMatch:
        return ""


# ---------------------------------------------------------------- the years


@view_permission(*READERS)
def index(request):
    agency = _agency(request)
    years = selectors.fund_years(agency=agency)
    current = selectors.today_year()
    return render(
        request,
        "fund/index.html",
        {
            "agency": agency,
            "agencies": selectors.fund_agencies(request.user),
            "years": years,
            "current": current,
            "can_manage": services.can_manage_fund(request.user, agency),
        },
    )


def _filters(request) -> tuple[forms.FilterForm, selectors.EntryFilter]:
    form = forms.FilterForm(request.GET or None)
    if not form.is_bound or not form.is_valid():
        return form, selectors.EntryFilter()
    data = form.cleaned_data
    return form, selectors.EntryFilter(
        direction=data["huong"],
        source=data["nguon"],
        category=data["noi_dung"],
        status=data["trang_thai"],
        decision=id_param(request, "quyet-dinh"),
        text=data["tim"].strip(),
    )


@view_permission(*READERS)
def year(request, year: int):
    year = _year(year)
    agency = _agency(request)
    book = selectors.fund_year_get(agency=agency, year=year)
    totals = selectors.fund_totals(agency=agency, year=year, book=book)
    filter_form, filters = _filters(request)
    entries = list(selectors.entry_list(agency=agency, year=year, filters=filters))
    budget = totals.income.get(Source.BUDGET, 0)
    ceiling = book.ceiling_amount if book is not None else None
    return render(
        request,
        "fund/year.html",
        {
            "agency": agency,
            "agencies": selectors.fund_agencies(request.user),
            "year": year,
            "book": book,
            "totals": totals,
            "entries": entries,
            "filter_form": filter_form,
            "filtered": filters != selectors.EntryFilter(),
            "unpriced": selectors.unpriced_lines(agency=agency, year=year),
            "decisions": selectors.decision_checks(agency=agency, year=year),
            "budget": budget,
            "ceiling": ceiling,
            "over_ceiling": ceiling is not None and budget > ceiling,
            "can_manage": services.can_manage_fund(request.user, agency),
            "here": request.get_full_path(),
        },
    )


@view_permission(*OFFICE)
def book(request, year: int):
    """Open the year's book or change its opening balance and the ceiling of the budget share."""
    year = _year(year)
    agency = _agency(request, CHANGE)
    current = selectors.fund_year_get(agency=agency, year=year)
    initial: dict[str, Any]
    if current is not None:
        initial = {
            "opening_balance": current.opening_balance,
            "ceiling_base_kind": current.ceiling_base_kind,
            "ceiling_base": current.ceiling_base,
            "ceiling_percent": f"{current.ceiling_percent.normalize():f}".replace(".", ","),
            "ceiling_verified": current.ceiling_verified,
            "ceiling_note": current.ceiling_note,
            "version": current.version,
        }
    else:
        initial = {
            "opening_balance": max(services.closing_balance(agency=agency, year=year - 1), 0),
            "ceiling_note": "",
        }
    form = forms.FundYearForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        if data["ceiling_percent"] is None:
            data["ceiling_percent"] = DEFAULT_CEILING[CeilingBase(data["ceiling_base_kind"])][0]
        if data["opening_balance"] is None:
            data["opening_balance"] = 0 if current is not None else None
        done, _book = perform_service(
            request,
            lambda: services.fund_year_save(
                actor=request.user, agency=agency, year=year, version=version, **data
            ),
            success=_("Đã lưu sổ quỹ năm %(year)s.") % {"year": year},
            form=form,
        )
        if done:
            return redirect(_year_url(agency, year))
    return render(
        request,
        "fund/form.html",
        {
            "form": form,
            "agency": agency,
            "year": year,
            "title": _("Sổ quỹ thi đua, khen thưởng năm %(year)s") % {"year": year},
            "defaults": [(label, DEFAULT_CEILING[CeilingBase(code)]) for code, label in CeilingBase.choices],
        },
    )


@view_permission(*OFFICE)
def income_create(request, year: int):
    year = _year(year)
    agency = _agency(request, CHANGE)
    form = forms.IncomeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done, _entry = perform_service(
            request,
            lambda: services.income_add(actor=request.user, agency=agency, year=year, **form.cleaned_data),
            success=_("Đã ghi khoản thu."),
            form=form,
        )
        if done:
            return redirect(_year_url(agency, year))
    return render(
        request,
        "fund/form.html",
        {
            "form": form,
            "agency": agency,
            "year": year,
            "title": _("Ghi khoản thu năm %(year)s") % {"year": year},
        },
    )


@view_permission(*OFFICE)
def spending_create(request, year: int):
    year = _year(year)
    agency = _agency(request, CHANGE)
    form = forms.SpendingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done, _entry = perform_service(
            request,
            lambda: services.spending_add(actor=request.user, agency=agency, year=year, **form.cleaned_data),
            success=_("Đã ghi khoản chi."),
            form=form,
        )
        if done:
            return redirect(_year_url(agency, year))
    return render(
        request,
        "fund/form.html",
        {
            "form": form,
            "agency": agency,
            "year": year,
            "title": _("Ghi khoản chi khác năm %(year)s") % {"year": year},
            "note": _(
                "Tiền thưởng theo quyết định được ghi tự động khi quyết định ban hành, mỗi người, tập thể một dòng."
            ),
        },
    )


# ---------------------------------------------------------------- one line


def _managed_entry(request, pk: int) -> FundEntry:
    return get_object_or_404(
        restrict(
            FundEntry.objects.select_related("agency", "decision", "decision_line"), request.user, CHANGE
        ),
        pk=pk,
    )


@view_permission(*OFFICE)
def entry_pay(request, pk: int):
    """Mark a planned spending paid (date, voucher); the page's version guards against paying twice."""
    entry = _managed_entry(request, pk)
    back = _next(request, _year_url(entry.agency, entry.year, f"#khoan-{entry.pk}"))
    form = forms.PayForm(request.POST or None, initial={"version": entry.version})
    if request.method == "POST" and form.is_valid():
        done, _entry = perform_service(
            request,
            lambda: services.entry_pay(
                actor=request.user,
                entry=entry,
                paid_on=form.cleaned_data["paid_on"],
                voucher=form.cleaned_data["voucher"],
                version=form.cleaned_data["version"],
            ),
            success=_("Đã ghi chi: %(what)s.") % {"what": entry.description},
            form=form,
        )
        if done:
            return redirect(back)
    return render(
        request, "fund/entry_form.html", {"form": form, "entry": entry, "back": back, "action": "pay"}
    )


@view_permission(*OFFICE)
def entry_cancel(request, pk: int):
    entry = _managed_entry(request, pk)
    back = _next(request, _year_url(entry.agency, entry.year, f"#khoan-{entry.pk}"))
    form = forms.CancelForm(request.POST or None, initial={"version": entry.version})
    if request.method == "POST" and form.is_valid():
        done, _entry = perform_service(
            request,
            lambda: services.entry_cancel(
                actor=request.user,
                entry=entry,
                reason=form.cleaned_data["reason"],
                version=form.cleaned_data["version"],
            ),
            success=_("Đã hủy khoản: %(what)s.") % {"what": entry.description},
            form=form,
        )
        if done:
            return redirect(back)
    return render(
        request, "fund/entry_form.html", {"form": form, "entry": entry, "back": back, "action": "cancel"}
    )


# ---------------------------------------------------------------- a decision's money


def decision_context(request, decision) -> dict[str, Any]:
    money = selectors.decision_money(decision=decision)
    return {
        "decision": decision,
        "money": money,
        "can_manage": services.can_manage_fund(request.user, decision.agency),
        "can_choose": decision.kind == DecisionKind.EXTERNAL,
        "decision_url": decision_page_url(decision),
        "year_url": _year_url(decision.agency, services.charge_date(decision).year),
        "here": request.get_full_path(),
        "EntryStatus": EntryStatus,
    }


@view_permission(*READERS)
def decision(request, pk: int):
    found = selectors.decision_get_for_fund(user=request.user, pk=pk)
    return render(request, "fund/decision.html", {"ctx": decision_context(request, found)})


@view_permission(*OFFICE)
@require_POST
def decision_funding(request, pk: int):
    """The office's choice for an external decision: paid from the agency's fund, or not."""
    found = selectors.decision_get_for_fund(user=request.user, pk=pk)
    if not services.can_manage_fund(request.user, found.agency):
        raise Http404
    form = forms.FundingForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Ghi chú dài quá 500 ký tự."))
    else:
        pays = form.cleaned_data["pays"]
        perform_service(
            request,
            lambda: services.decision_funding_set(
                actor=request.user, decision=found, pays=pays, note=form.cleaned_data["note"]
            ),
            success=_("Tiền thưởng của quyết định này chi từ quỹ của cơ quan.")
            if pays
            else _("Tiền thưởng của quyết định này không chi từ quỹ của cơ quan."),
        )
    return redirect(_next(request, reverse("fund:decision", args=[found.pk])))


# ---------------------------------------------------------------- the report


def _report_data(agency, year: int) -> dict[str, Any]:
    book = selectors.fund_year_get(agency=agency, year=year)
    totals = selectors.fund_totals(agency=agency, year=year, book=book)
    return {
        "book": book,
        "totals": totals,
        "summary": report.summary_rows(totals),
        "years": selectors.report_by_year(agency=agency),
    }


@view_permission(*READERS)
def report_page(request, year: int):
    year = _year(year)
    agency = _agency(request)
    data = _report_data(agency, year)
    return render(
        request,
        "fund/report.html",
        {
            "agency": agency,
            "year": year,
            **data,
            "sources": [str(label) for _code, label in Source.choices],
            "source_codes": Source.values,
            "year_rows": [
                {"row": row, "income": [row.income_of(code) for code in Source.values]}
                for row in data["years"]
            ],
        },
    )


@view_permission(*READERS)
def report_xlsx(request, year: int):
    year = _year(year)
    agency = _agency(request)
    data = _report_data(agency, year)
    entries = list(selectors.entry_list(agency=agency, year=year))
    content = report.fund_xlsx(
        agency=agency,
        year=year,
        book=data["book"],
        totals=data["totals"],
        entries=entries,
        years=data["years"],
    )
    name = f"quy-thi-dua-khen-thuong-{agency.code}-{year}.xlsx"
    return HttpResponse(
        content,
        content_type=report.XLSX,
        headers={"Content-Disposition": content_disposition_header(True, name)},
    )
