import io

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.accounts.scope import visible_organizations
from thidua.core.permissions import view_permission

from . import selectors, services
from .engine import codes as C
from .engine.config import RuleConfig
from .forms import DiscoveryForm
from .models import DiscoveryStatus

STATUS_LABELS = {
    "eligible": gettext_lazy("Đủ điều kiện"),
    "needs_council_judgement": gettext_lazy("Cần Hội đồng xem xét"),
    "one_step_away": gettext_lazy("Còn thiếu điều kiện"),
}


@view_permission(*selectors.DISCOVERY_ROLES)
def discovery(request):
    """Candidate discovery: start a sweep for an agency and a year, see earlier runs."""
    organizations = selectors.discovery_organizations_for(user=request.user)
    form = DiscoveryForm(request.POST or None, organizations=organizations)
    if request.method == "POST" and form.is_valid():
        run = services.discovery_start(
            actor=request.user, organization=form.cleaned_data["organization"], year=form.cleaned_data["year"]
        )
        return redirect("rules:discovery_run", pk=run.pk)
    runs = selectors.discovery_runs_visible_to(user=request.user)[:20]
    return render(request, "rules/discovery.html", {"form": form, "runs": runs})


def _filtered(request, run):
    unit_ids = set(visible_organizations(request.user).values_list("pk", flat=True))
    return selectors.findings_filtered(
        run=run,
        code=request.GET.get("code", ""),
        status=request.GET.get("status", ""),
        query=request.GET.get("q", ""),
        unit_ids=unit_ids,
    )


@view_permission(*selectors.DISCOVERY_ROLES)
def discovery_run(request, pk: int):
    run = get_object_or_404(selectors.discovery_runs_visible_to(user=request.user), pk=pk)
    finished = run.status in (DiscoveryStatus.DONE, DiscoveryStatus.FAILED)
    rows = _filtered(request, run) if run.status == DiscoveryStatus.DONE else []
    for row in rows:
        row["code_name"] = C.name_of(row["code"])
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    context = {
        "run": run,
        "rows": page.object_list,
        "page": page,
        "total": len(rows),
        "finished": finished,
        "codes": [(code, C.name_of(code)) for code in C.CATALOGUE],
        "statuses": STATUS_LABELS,
        "selected": {k: request.GET.get(k, "") for k in ("code", "status", "q")},
    }
    if request.htmx and not finished:
        return render(request, "rules/_discovery_progress.html", context)
    if request.htmx and request.headers.get("HX-Target") == "discovery-progress":
        response = HttpResponse()
        response["HX-Refresh"] = "true"  # the sweep has just finished: show the findings
        return response
    return render(request, "rules/discovery_run.html", context)


@view_permission(*selectors.DISCOVERY_ROLES)
def discovery_export(request, pk: int):
    """The findings as an Excel file (same filters as the page)."""
    import xlsxwriter

    from thidua.exchange.writer import row_write

    run = get_object_or_404(
        selectors.discovery_runs_visible_to(user=request.user), pk=pk, status=DiscoveryStatus.DONE
    )
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = workbook.add_worksheet(_("Rà soát"))
    bold = workbook.add_format({"bold": True, "bg_color": "#F2F2F2", "border": 1})
    headers = [
        _("Họ và tên / Tập thể"),
        _("Đơn vị"),
        _("Mã"),
        _("Danh hiệu, hình thức"),
        _("Kết quả"),
        _("Còn thiếu / cần xem xét"),
        _("Bộ quy tắc"),
    ]
    row_write(sheet, 0, headers, bold)
    for index, row in enumerate(_filtered(request, run), start=1):
        row_write(
            sheet,
            index,
            [
                row["name"],
                row["unit"],
                row["code"],
                C.name_of(row["code"]),
                str(STATUS_LABELS.get(row["status"], row["status"])),
                "; ".join(row["missing"]),
                row["rule_set"] or "",
            ],
        )
    sheet.set_column(0, 1, 32)
    sheet.set_column(3, 3, 36)
    sheet.set_column(5, 5, 70)
    sheet.freeze_panes(1, 0)
    workbook.close()
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="ra-soat-{run.year}-{run.pk}.xlsx"'
    return response


@view_permission()
def config(request):
    """The rules engine's configuration as it applies to the user's organization, with "cần xác minh" flags."""
    organization = visible_organizations(request.user).exclude(kind="province").order_by("path").first()
    effective = services.rule_config_for(organization=organization) if organization else RuleConfig.defaults()
    rows = effective.describe()
    for row in rows:
        flag = row["to_verify"]
        row["needs_check"] = any(flag.values()) if isinstance(flag, dict) else bool(flag)
    return render(request, "rules/config.html", {"rows": rows, "organization": organization})
