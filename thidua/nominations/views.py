"""Pages of nominations: the batch list, a batch with its lines (verdicts, reasons, re-check notes, the steps the
user may take), adding and correcting lines, returning a line with a reason, pooling, and nominating the
findings of a discovery run. Records come through the scoped selectors (404 outside the user's scope); writes
go through the services, which check the role again; a page posts the batch version it showed, and a stale
one is refused with a conflict message, the typed text kept on the form."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from thidua.accounts.models import Role
from thidua.accounts.scope import has_role
from thidua.core.codes import AwardTrack
from thidua.core.forms import perform_service
from thidua.core.params import int_param
from thidua.core.permissions import view_permission
from thidua.core.registry import render_sections
from thidua.organizations.models import Organization
from thidua.rules import selectors as rules_selectors
from thidua.rules.engine import codes as catalogue
from thidua.rules.engine.eras import RULE_SETS_BY_ID
from thidua.rules.models import DiscoveryStatus

from . import forms, selectors, services
from .models import BatchStatus, Nomination, NominationStatus, ProposalBatch
from .workflow import BATCH, NOMINATION, OFFICE_KINDS, UNIT_SIDE

PAGE_ROLES = selectors.PAGE_ROLES
B, N = BatchStatus, NominationStatus


def _posted_int(request, name: str) -> int | None:
    """A positive integer posted in `name` (None when absent or not one)."""
    raw = request.POST.get(name, "").strip()
    return int(raw) if raw.isascii() and raw.isdigit() and 0 < len(raw) < 11 else None


def _version(request) -> int | None:
    """The batch version the page showed (None: no check, e.g. an old form)."""
    return _posted_int(request, "version")


def _year_filter(request) -> int | None:
    return int_param(request, "nam", min=1990, max=2100)


@view_permission(*PAGE_ROLES)
def batch_list(request):
    year, status, side = _year_filter(request), request.GET.get("status", ""), request.GET.get("ben", "")
    if status not in B.values:
        status = ""
    batches = list(selectors.batch_list_visible_to(user=request.user, year=year, status=status, side=side))
    context = {
        "batches": batches,
        "year": year,
        "status": status,
        "side": side,
        "statuses": B.choices,
        "sides": [(selectors.SENT, _("Đơn vị tôi gửi")), (selectors.RECEIVED, _("Gửi đến tôi"))],
        "can_create": has_role(request.user, *UNIT_SIDE),
        "can_pool": selectors.received_for_pooling(user=request.user).exists(),
    }
    return render(request, "nominations/list.html", context)


@view_permission(*UNIT_SIDE)
def batch_create(request):
    initial = {}
    if request.method == "GET":
        unit = int_param(request, "don_vi", min=1, max=2_000_000_000)
        if unit:
            initial["unit"] = unit
    form = forms.BatchForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done, batch = perform_service(
            request,
            lambda: services.batch_create(actor=request.user, **data),
            success=_("Đã lập tờ trình. Thêm các đề nghị rồi gửi lên."),
            form=form,
        )
        if done:
            return redirect("nominations:detail", pk=batch.pk)
    return render(request, "nominations/batch_form.html", {"form": form})


# Line steps taken on the council's pages (agenda, ballot), not from the batch.
COUNCIL_STEPS = ("schedule", "pass", "fail")
# Line steps taken while the batch is with the office (the workflow's guard says so too).
SENT_STEPS = ("propose", "accept", "return")


def line_actions(user, line: Nomination) -> list:
    """The buttons of a line: the steps the user may take whose guard would let them through."""
    sent = line.batch.status == B.SUBMITTED
    return [
        t
        for t in NOMINATION.allowed_for(user, line)
        if t.action not in COUNCIL_STEPS and (sent or t.action not in SENT_STEPS)
    ]


def _line_rows(request, batch: ProposalBatch, lines: list[Nomination]) -> list[dict]:
    rows = []
    for line in lines:
        line.batch = batch  # the page's copy: no query per line
        rows.append({"line": line, "actions": line_actions(request.user, line)})
    return rows


@view_permission(*PAGE_ROLES)
def batch_detail(request, pk: int):
    batch = selectors.batch_get_visible(user=request.user, pk=pk)
    if batch.status in (B.DRAFT, B.RETURNED, B.SUBMITTED, B.ACCEPTED):
        services.batch_recheck(batch=batch)  # the engine's verdict of this moment, with what changed
    lines = selectors.batch_lines(batch=batch)
    actions = BATCH.allowed_for(request.user, batch)
    unit_side = services.can_act_for_unit(request.user, batch.unit)
    office_side = batch.office.kind in OFFICE_KINDS and has_role(
        request.user, Role.OFFICER, organization=batch.office
    )
    quota = services.batch_quota_report(batch=batch) if lines else {"blocking": [], "warnings": []}
    office_quota = (
        services.office_quota_report(office=batch.office, year=batch.year)
        if office_side and batch.status == B.SUBMITTED
        else None
    )
    context = {
        "batch": batch,
        "rows": _line_rows(request, batch, lines),
        "actions": [t for t in actions if t.action not in ("pool",)],
        "return_action": next((t for t in actions if t.action == "return"), None),
        "editable": unit_side and batch.status in services.EDITABLE_BATCH_STATES,
        "unit_side": unit_side,
        "office_side": office_side,
        "quota": quota,
        "office_quota": office_quota,
        "pooled": list(selectors.pooled_batches(batch=batch)),
        "moved": batch.pooled_nominations.exclude(batch=batch).count() if batch.status == B.POOLED else 0,
        "sections": render_sections("batch", request, batch),
        "counts": {
            status: sum(1 for line in lines if line.status == status)
            for status in (N.DRAFT, N.PROPOSED, N.RETURNED, N.ACCEPTED)
        },
    }
    return render(request, "nominations/detail.html", context)


@view_permission(*UNIT_SIDE)
def batch_edit(request, pk: int):
    batch = selectors.batch_get_changeable(user=request.user, pk=pk)
    if not services.can_act_for_unit(request.user, batch.unit):
        raise PermissionDenied
    form = forms.BatchEditForm(request.POST or None, user=request.user, batch=batch)
    if request.method == "POST" and form.is_valid():
        done, _batch = perform_service(
            request,
            lambda: services.batch_update(
                actor=request.user, batch=batch, version=_version(request), **form.cleaned_data
            ),
            success=_("Đã lưu tờ trình."),
            form=form,
        )
        if done:
            return redirect("nominations:detail", pk=pk)
    return render(request, "nominations/batch_edit.html", {"form": form, "batch": batch})


@view_permission(*UNIT_SIDE)
@require_POST
def batch_transition(request, pk: int):
    batch = selectors.batch_get_visible(user=request.user, pk=pk)
    action, reason = request.POST.get("action", ""), request.POST.get("reason", "")
    perform_service(
        request,
        lambda: services.batch_transition(
            actor=request.user, batch=batch, action=action, reason=reason, version=_version(request)
        ),
        success=_("Đã cập nhật tờ trình."),
    )
    return redirect("nominations:detail", pk=pk)


@view_permission(*UNIT_SIDE)
def line_add(request, pk: int):
    batch = selectors.batch_get_changeable(user=request.user, pk=pk)
    if not services.can_act_for_unit(request.user, batch.unit):
        raise PermissionDenied
    if batch.status not in services.EDITABLE_BATCH_STATES:
        messages.error(request, _("Chỉ thêm đề nghị khi tờ trình đang soạn hoặc bị trả lại."))
        return redirect("nominations:detail", pk=pk)
    form = forms.LineForm(request.POST or None, user=request.user, batch=batch)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "subject_kind"}
        data["achievement"] = data.get("achievement") or ""
        done, line = perform_service(
            request,
            lambda: services.nomination_add(
                actor=request.user, batch=batch, version=_version(request), **data
            ),
            success=_("Đã thêm đề nghị."),
            form=form,
        )
        if done:
            if "them_tiep" in request.POST:
                return redirect("nominations:line_add", pk=pk)
            return redirect("nominations:detail", pk=pk)
    return render(request, "nominations/line_form.html", {"form": form, "batch": batch})


@view_permission(*PAGE_ROLES)
def line_detail(request, pk: int):
    line = selectors.nomination_get_visible(user=request.user, pk=pk)
    if line.status in services.OPEN_STATES:
        services.nomination_recheck(nomination=line)
    batch = line.batch
    context = {
        "line": line,
        "batch": batch,
        "actions": line_actions(request.user, line),
        "editable": services.can_act_for_unit(request.user, batch.unit)
        and line.status in services.LINE_EDITABLE_STATES
        and batch.status in (*services.EDITABLE_BATCH_STATES, B.SUBMITTED),
        "sections": render_sections("nomination", request, line),
        "simplified": services.nomination_is_simplified(line),
        # The rule set by its name (its id stays in the tooltip and the API).
        "rule_set_name": RULE_SETS_BY_ID[line.rule_set].name_vi if line.rule_set in RULE_SETS_BY_ID else "",
    }
    return render(request, "nominations/line_detail.html", context)


@view_permission(*UNIT_SIDE)
def line_edit(request, pk: int):
    line = selectors.nomination_get_visible(user=request.user, pk=pk)
    selectors.batch_get_changeable(user=request.user, pk=line.batch_id)
    if not services.can_act_for_unit(request.user, line.batch.unit):
        raise PermissionDenied
    form = forms.LineEditForm(request.POST or None, user=request.user, nomination=line)
    if request.method == "POST" and form.is_valid():
        done, _line = perform_service(
            request,
            lambda: services.nomination_update(
                actor=request.user, nomination=line, version=_version(request), **form.cleaned_data
            ),
            success=_("Đã sửa đề nghị và kiểm tra lại tiêu chuẩn."),
            form=form,
        )
        if done:
            return redirect("nominations:line_detail", pk=pk)
    return render(request, "nominations/line_edit.html", {"form": form, "line": line, "batch": line.batch})


def _back(request, line: Nomination):
    target = request.POST.get("next", "")
    if target == "line":
        return redirect("nominations:line_detail", pk=line.pk)
    return redirect(reverse("nominations:detail", args=[line.batch_id]) + f"#dong-{line.pk}")


@view_permission(*UNIT_SIDE)
@require_POST
def line_transition(request, pk: int):
    line = selectors.nomination_get_visible(user=request.user, pk=pk)
    action = request.POST.get("action", "")
    if action == "return" and not request.POST.get("reason", "").strip():
        return redirect("nominations:line_return", pk=pk)
    perform_service(
        request,
        lambda: services.nomination_transition(
            actor=request.user,
            nomination=line,
            action=action,
            reason=request.POST.get("reason", ""),
            version=_version(request),
        ),
        success=_("Đã cập nhật đề nghị."),
    )
    return _back(request, line)


@view_permission(Role.OFFICER)
def line_return(request, pk: int):
    """The office returns a line to the unit with a reason (the typed reason stays on the form if refused)."""
    line = selectors.nomination_get_visible(user=request.user, pk=pk)
    if not any(t.action == "return" for t in NOMINATION.allowed_for(request.user, line)):
        if not has_role(request.user, Role.OFFICER, organization=line.batch.office):
            raise PermissionDenied
        messages.error(request, _("Đề nghị này không ở trạng thái trả lại được."))
        return redirect("nominations:line_detail", pk=pk)
    form = forms.ReasonForm(request.POST or None)
    version = _version(request) if request.method == "POST" else line.batch.version
    if request.method == "POST" and form.is_valid():
        done, _line = perform_service(
            request,
            lambda: services.nomination_transition(
                actor=request.user,
                nomination=line,
                action="return",
                reason=form.cleaned_data["reason"],
                version=version,
            ),
            success=_("Đã trả lại đề nghị cho đơn vị."),
            form=form,
        )
        if done:
            return redirect(reverse("nominations:detail", args=[line.batch_id]) + f"#dong-{line.pk}")
    # The form carries the version of this moment: after a conflict the officer reads the message, and sends
    # the reason they typed (kept on the form) against the batch as it now is.
    current = ProposalBatch.objects.values_list("version", flat=True).get(pk=line.batch_id)
    context = {"form": form, "line": line, "batch": line.batch, "version": current}
    return render(request, "nominations/line_return.html", context)


# ---------------------------------------------------------------- pooling


@view_permission(*UNIT_SIDE)
def pool(request):
    """An advisory unit gathers the batches addressed to it into its own batch, sent up to the agency."""
    year = _year_filter(request) if request.method == "GET" else _posted_int(request, "year")
    received = list(selectors.received_for_pooling(user=request.user, year=year))
    if request.method == "POST":
        chosen_ids = {int(v) for v in request.POST.getlist("batches") if v.isdigit()}
        chosen = [b for b in received if b.pk in chosen_ids]
        into_id = _posted_int(request, "into")
        if not chosen:
            messages.error(request, _("Chọn ít nhất một tờ trình để tổng hợp."))
        else:
            office = chosen[0].office
            if any(b.office_id != office.pk or b.year != chosen[0].year for b in chosen):
                messages.error(request, _("Chỉ tổng hợp các tờ trình gửi cùng một đơn vị, cùng một năm."))
            else:

                def gather() -> ProposalBatch:
                    if into_id:
                        into = get_object_or_404(
                            selectors.draft_batches_for(user=request.user, unit=office, year=chosen[0].year),
                            pk=into_id,
                        )
                    else:
                        into = services.batch_create(
                            actor=request.user,
                            unit=office,
                            year=chosen[0].year,
                            title=_(
                                "Tờ trình tổng hợp đề nghị khen thưởng thành tích năm %(year)s của %(unit)s"
                            )
                            % {"year": chosen[0].year, "unit": office.name},
                        )
                    return services.batch_pool(
                        actor=request.user,
                        into=into,
                        batches=chosen,
                        version=_version(request) if into_id else None,
                    )

                done, into = perform_service(request, gather, success=_("Đã tổng hợp các tờ trình."))
                if done:
                    return redirect("nominations:detail", pk=into.pk)
    offices = {b.office_id: b.office for b in received}
    targets = list(selectors.draft_batches_for(user=request.user).filter(unit__in=list(offices)))
    context = {"received": received, "targets": targets, "year": year}
    return render(request, "nominations/pool.html", context)


# ---------------------------------------------------------------- "nominate these" from a discovery run


def _items(request) -> list[tuple[str, int, str]]:
    items = []
    for value in request.POST.getlist("chon"):
        kind, _sep, rest = value.partition(":")
        key, _sep, code = rest.partition(":")
        if (
            kind in (catalogue.INDIVIDUAL, catalogue.COLLECTIVE)
            and key.isdigit()
            and code in catalogue.CATALOGUE
        ):
            items.append((kind, int(key), code))
    return list(dict.fromkeys(items))


def _common_units(user, unit_ids: set[int]) -> list[Organization]:
    """Units the user writes proposals for that contain every chosen finding's unit, the closest first."""
    if not unit_ids:
        return []
    paths = list(Organization.objects.filter(pk__in=unit_ids).values_list("path", flat=True))
    candidates = selectors.units_for_batches(user=user)
    common = [u for u in candidates if all(p.startswith(u.path) for p in paths)]
    return sorted(common, key=lambda u: -len(u.path))


@view_permission(*UNIT_SIDE)
@require_POST
def from_discovery(request):
    """Step 1: the findings ticked on a discovery run → choose (or create) a draft batch of the unit. Step 2:
    the lines are added one by one (a refused one is named), then the batch is shown."""
    run = get_object_or_404(
        rules_selectors.discovery_runs_visible_to(user=request.user),
        pk=_posted_int(request, "run") or 0,
        status=DiscoveryStatus.DONE,
    )
    wanted = set(_items(request))
    findings = {
        (row["kind"], row["key"], row["code"]): row
        for row in run.findings
        if (row["kind"], row["key"], row["code"]) in wanted
    }
    items = [item for item in _items(request) if item in findings]
    if not items:
        messages.error(request, _("Chưa chọn đối tượng nào để đề nghị khen thưởng."))
        return redirect("rules:discovery_run", pk=run.pk)
    units = _common_units(
        request.user, {findings[item]["unit_id"] for item in items if findings[item]["unit_id"]}
    )
    if not units:
        raise PermissionDenied
    track = request.POST.get("track", AwardTrack.CONG_TRANG)
    if track not in AwardTrack.values:
        track = AwardTrack.CONG_TRANG
    drafts = list(selectors.draft_batches_for(user=request.user, year=run.year).filter(unit__in=units))
    if "xac_nhan" in request.POST:
        batch_id = _posted_int(request, "batch")
        unit_id = _posted_int(request, "unit")
        try:
            if batch_id:
                batch = next(b for b in drafts if b.pk == batch_id)
            else:
                unit = next(u for u in units if u.pk == unit_id)
                batch = services.batch_create(actor=request.user, unit=unit, year=run.year)
        except StopIteration:
            raise PermissionDenied from None
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect("rules:discovery_run", pk=run.pk)
        try:
            created, problems = services.nominations_from_findings(
                actor=request.user, batch=batch, items=items, track=track, version=_version(request)
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect("nominations:detail", pk=batch.pk)
        if created:
            messages.success(
                request,
                ngettext(
                    "Đã thêm %(n)s đề nghị vào tờ trình.", "Đã thêm %(n)s đề nghị vào tờ trình.", len(created)
                )
                % {"n": len(created)},
            )
        for problem in problems:
            messages.warning(request, problem)
        return redirect("nominations:detail", pk=batch.pk)
    rows = [
        {
            "value": f"{kind}:{key}:{code}",
            "finding": findings[(kind, key, code)],
            "code_name": catalogue.name_of(code),
        }
        for kind, key, code in items
    ]
    context = {
        "run": run,
        "rows": rows,
        "units": units,
        "drafts": drafts,
        "track": track,
        "tracks": AwardTrack.choices,
        "today": timezone.localdate(),
    }
    return render(request, "nominations/from_discovery.html", context)
