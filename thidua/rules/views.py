import datetime as dt
import io
import re
from collections.abc import Callable, Mapping
from typing import Any

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.accounts.models import Role
from thidua.accounts.scope import visible_organizations
from thidua.core.permissions import view_permission
from thidua.exchange.writer import row_write

from . import selectors, services
from .engine import codes as C
from .engine.config import ERA_NAMES, ERAS, VALUE_NAMES, RuleConfig
from .forms import DiscoveryForm
from .models import DiscoveryStatus
from .wording import plain_basis

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
    if not finished:
        # The page polls while the sweep runs: a chunk whose worker went silent is queued again here (and by
        # `manage.py discovery_resume`), so a killed worker costs its chunk's time, nothing more.
        services.discovery_resume(run=run)
    chunks = selectors.discovery_chunks_done(run=run) if not finished else None
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
        "chunks": chunks,
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


CONFIG_ROLES = (Role.OFFICER, Role.ADMIN)  # the menu shows the page to exactly those it opens to


def _plain(value: Any) -> str:
    """A configuration value as people write it: Có/Không, dd/mm/yyyy, 1.800.000, names instead of codes."""
    if value is None:
        return _("Không quy định")
    if isinstance(value, bool):
        return _("Có") if value else _("Không")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, int | float):
        # amounts in groups of three (1.800.000), years and small numbers as they are (2017)
        return number_format(
            value, decimal_pos=None if value != int(value) else 0, force_grouping=value >= 10_000
        )
    if isinstance(value, str):
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):  # a date recorded as an override
            return dt.date.fromisoformat(value).strftime("%d/%m/%Y")
        if share := _share(value):
            return share
        return VALUE_NAMES.get(value, C.name_of(value) if value in C.CATALOGUE else value)
    if isinstance(value, tuple | list):
        return "; ".join(_plain(item) for item in value) or _("Không có")
    return str(value)


def _share(value: str) -> str | None:
    """A vote threshold as people say it: "90%" → từ 90% trở lên, ">50%" → trên 50%, "2/3" → từ 2/3 trở lên."""
    if match := re.fullmatch(r"(>?)\s*(\d+(?:[.,]\d+)?)\s*%", value.strip()):
        return (_("trên %(share)s") if match.group(1) else _("từ %(share)s trở lên")) % {
            "share": f"{match.group(2)}%"
        }
    if match := re.fullmatch(r"(>?)\s*(\d+)\s*/\s*(\d+)", value.strip()):
        return (_("trên %(share)s") if match.group(1) else _("từ %(share)s trở lên")) % {
            "share": f"{match.group(2)}/{match.group(3)}"
        }
    return None


def _multiple(cell: Any) -> str:
    return _plain(cell[0]) if cell and cell[0] is not None else _("chưa xác định")


def _by_era(values: Mapping[str, Any], show: Callable[[Any], str]) -> list[str]:
    """One value for every era, or one line per era named by its law and decree."""
    shown = {era: show(values.get(era)) for era in ERAS}
    if len(set(shown.values())) == 1:
        return [shown["E1"]]
    return [f"{ERA_NAMES[era]}: {text}" for era, text in shown.items()]


def _plain_lines(key: str, value: Any) -> list[str]:
    """The lines shown for a configuration value (one for a single value)."""
    if key == "money.base_salary":
        return [
            _("Từ %(date)s: %(amount)s đồng (%(basis)s)")
            % {"date": _plain(dt.date.fromisoformat(str(start))), "amount": _plain(amount), "basis": basis}
            for start, amount, basis in value
        ]
    if key == "money.multiples":
        return [f"{C.name_of(code)}: {'; '.join(_by_era(eras, _multiple))}" for code, eras in value.items()]
    if key == "collective.sector_thresholds":
        lines = []
        for sector in value.values():
            pct = _("từ %(pct)s%% trở lên") if sector["ttldtt_inclusive"] else _("trên %(pct)s%%")
            text = _("%(sector)s: Lao động tiên tiến %(share)s số thành viên") % {
                "sector": sector["label"],
                "share": pct % {"pct": sector["ttldtt_ldtt_pct"]},
            }
            if sector["ttldtt_no_canh_cao"]:
                text += _("; không có thành viên bị kỷ luật từ cảnh cáo trở lên")
            lines.append(text)
        return lines
    if key == "discipline.default_period_months":
        return [
            f"{VALUE_NAMES.get(form, form)}: "
            + (_("%(months)s tháng") % {"months": months} if months else _("không áp dụng"))
            for form, months in value.items()
        ]
    if key == "disclosure.local_days":
        if not any(value.values()):
            return [_("Không bắt buộc với danh hiệu, hình thức nào")]
        return [
            _("%(form)s: %(days)s ngày làm việc") % {"form": C.name_of(code), "days": days}
            for code, days in value.items()
            if days
        ]
    if isinstance(value, Mapping) and value and set(value) <= set(ERAS):
        return _by_era(value, _plain)
    return [_plain(value)]


@view_permission(*CONFIG_ROLES)
def config(request):
    """The rules engine's configuration as it applies to the user's organization, in plain Vietnamese: each
    setting by name with its meaning, its value as people write it, its legal basis and the "cần xác minh" mark."""
    organization = visible_organizations(request.user).exclude(kind="province").order_by("path").first()
    effective = services.rule_config_for(organization=organization) if organization else RuleConfig.defaults()
    rows = effective.describe()
    for row in rows:
        flag = row["to_verify"]
        row["needs_check"] = any(flag.values()) if isinstance(flag, dict) else bool(flag)
        row["lines"] = _plain_lines(row["key"], effective.get(row["key"]))
        row["basis"] = plain_basis(row["source"])
    return render(request, "rules/config.html", {"rows": rows, "organization": organization})
