"""Reads of movements, targets, reports, reviews and exemplary models, scoped to what the user may see.

A movement concerns a unit when it was launched by that unit or by one of its ancestors (the Department's
movement concerns all its divisions; the province's concerns the Department). Drafts are seen only by the
standing office of the launching agency.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from thidua.accounts.models import Role
from thidua.accounts.scope import (
    CHANGE,
    VIEW,
    WIDE_ROLES,
    active_grants,
    is_system_admin,
    managed_organizations,
    restrict,
    scope_policy,
)
from thidua.organizations.forms import organization_label
from thidua.organizations.models import Organization, Restructuring

from .models import (
    ExemplaryKind,
    ExemplaryModel,
    Movement,
    MovementAwardPlan,
    MovementLevel,
    MovementStatus,
    ProgressReport,
    Replication,
    ReportPeriod,
    ReportStatus,
    ReportValue,
    Review,
    Target,
)
from .workflow import MOVEMENT_MANAGERS


def _ancestor_ids(path: str) -> list[int]:
    return [int(part) for part in path.strip("/").split("/") if part]


def movement_visibility_q(user: Any) -> Q:
    """The filter of movements ``user`` may read."""
    if is_system_admin(user):
        return Q()
    launched = ~Q(status=MovementStatus.DRAFT)
    q = launched & Q(level=MovementLevel.NATIONAL)
    concerned: set[int] = set()
    for grant in active_grants(user):
        path = grant.organization.path
        concerned.update(_ancestor_ids(path))
        if grant.role in WIDE_ROLES or grant.include_subunits:
            q |= launched & Q(launching_organization__path__startswith=path)
        if grant.role in MOVEMENT_MANAGERS:  # drafts too: the office's, or a unit head's own unit's
            q |= Q(launching_organization__path__startswith=path)
    if concerned:
        q |= launched & Q(launching_organization_id__in=sorted(concerned))
    return q


def _managed_launchers(user: Any, *roles: str) -> QuerySet:
    return managed_organizations(user, *(roles or MOVEMENT_MANAGERS)).values("pk")


@scope_policy(Movement)
def _movement_policy(user: Any, qs: QuerySet, action: str) -> QuerySet:
    """Read: see `movement_visibility_q`. Write: the managers of the launching agency (`can_manage_movement`)."""
    if is_system_admin(user):
        return qs
    if action == CHANGE:
        return qs.filter(launching_organization__in=_managed_launchers(user))
    return qs.filter(movement_visibility_q(user))


@scope_policy(ProgressReport)
def _report_policy(user: Any, qs: QuerySet, action: str) -> QuerySet:
    """Read: see `report_visibility_q`. Write: the head of the report's unit, or the launching agency's office."""
    if is_system_admin(user):
        return qs
    if action == CHANGE:
        own = managed_organizations(user, Role.UNIT_HEAD).values("pk")
        office = _managed_launchers(user, Role.OFFICER)
        return qs.filter(Q(organization__in=own) | Q(movement__launching_organization__in=office))
    return qs.filter(report_visibility_q(user))


@scope_policy(ExemplaryModel)
def _exemplary_model_policy(user: Any, qs: QuerySet, action: str) -> QuerySet:
    """Read: see `exemplary_model_visibility_q`. Write: the launching agency's office."""
    if is_system_admin(user):
        return qs
    if action == CHANGE:
        return qs.filter(movement__launching_organization__in=_managed_launchers(user, Role.OFFICER))
    return qs.filter(exemplary_model_visibility_q(user))


def movement_launchers(movement: Movement) -> list[Organization]:
    """The launching organization and the successors it was restructured into (Yên Bái's Department, then
    Lào Cai's after 01/07/2025): a movement carries on under the successor, whose units report and replicate."""
    organization = movement.launching_organization
    if organization is None:
        return []
    launchers = [organization]
    while True:
        restructuring = (
            Restructuring.objects.filter(predecessors=launchers[-1], successor__isnull=False)
            .select_related("successor")
            .order_by("effective_on", "id")
            .first()
        )
        if restructuring is None or restructuring.successor is None or restructuring.successor in launchers:
            return launchers
        launchers.append(restructuring.successor)


def movement_units_q(movement: Movement, prefix: str = "") -> Q:
    """Organizations in the tree of the movement's launcher or of its successors (``prefix`` names the
    relation to Organization); nothing for a movement launched outside the system."""
    q = Q(pk__in=[])
    for launcher in movement_launchers(movement):
        q |= Q(**{f"{prefix}path__startswith": launcher.path})
    return q


def movement_list_visible_to(*, user: Any, status: str = "", query: str = "") -> QuerySet[Movement]:
    qs = (
        restrict(Movement.objects.all(), user, VIEW)
        .select_related("launching_organization", "parent")
        .annotate(target_count=Count("targets", distinct=True))
    )
    if status:
        qs = qs.filter(status=status)
    if query:
        qs = qs.filter(Q(title__icontains=query) | Q(code__icontains=query))
    return qs.order_by("launching_organization__path", "-period_start", "code")


def movement_get_visible(*, user: Any, pk: int) -> Movement:
    from django.shortcuts import get_object_or_404

    return get_object_or_404(
        restrict(Movement.objects.all(), user, VIEW).select_related(
            "launching_organization__parent", "parent", "signer"
        ),
        pk=pk,
    )


def movement_with_content(*, movement: Movement) -> Movement:
    """Prefetch what the letter shows (objectives, solutions, responsibilities, recipients)."""
    return (
        Movement.objects.select_related("launching_organization__parent", "parent", "signer")
        .prefetch_related("objectives", "solutions", "responsibilities", "recipients", "focus_movements")
        .get(pk=movement.pk)
    )


def report_visibility_q(user: Any) -> Q:
    """Reports of the user's own unit (unit head), or of movements whose launching agency the user manages."""
    if is_system_admin(user):
        return Q()
    own = managed_organizations(user, Role.UNIT_HEAD).values("pk")
    office = managed_organizations(user, Role.OFFICER, Role.SIGNER).values("pk")
    return Q(organization__in=own) | Q(movement__launching_organization__in=office)


# A filter of the report list beside the statuses: past the due date and not sent.
OVERDUE = "overdue"


def report_list_visible_to(
    *, user: Any, movement: Movement | None = None, status: str = ""
) -> QuerySet[ProgressReport]:
    qs = restrict(ProgressReport.objects.all(), user, VIEW).select_related("organization__parent", "movement")
    if movement is not None:
        qs = qs.filter(movement=movement)
    if status == OVERDUE:  # not sent (or returned) and past the due date
        qs = qs.filter(
            status__in=(ReportStatus.NOT_SENT, ReportStatus.RETURNED), due_on__lt=timezone.localdate()
        )
    elif status:
        qs = qs.filter(status=status)
    return qs.order_by("year", "due_on", "organization__sort_key", "id")


def report_get_visible(*, user: Any, pk: int) -> ProgressReport:
    from django.shortcuts import get_object_or_404

    return get_object_or_404(
        restrict(ProgressReport.objects.all(), user, VIEW).select_related(
            "organization__parent", "movement__launching_organization"
        ),
        pk=pk,
    )


def report_rows(*, report: ProgressReport) -> list[dict]:
    """The report's targets with the values recorded so far."""
    targets = Target.objects.filter(
        movement_id=report.movement_id, organization_id=report.organization_id, year=report.year
    ).order_by("id")
    values = {v.target_id: v.value for v in report.values.all()}
    return [{"target": t, "value": values.get(t.pk)} for t in targets]


def _pct(value: Decimal | None, target: Decimal) -> float | None:
    if value is None:
        return None
    return min(float(value / target * 100), 100.0)


def movement_progress(*, movement: Movement, year: int | None = None) -> dict:
    """Progress from the latest accepted report value of each target, rolled up per unit and for the movement.

    Two queries whatever the number of units and targets.
    """
    targets = list(
        Target.objects.filter(movement=movement, **({"year": year} if year else {}))
        .select_related("organization__parent")
        .order_by("organization__sort_key", "year", "id")
    )
    latest: dict[int, Decimal] = {}
    accepted = (
        ReportValue.objects.filter(target__in=[t.pk for t in targets], report__status=ReportStatus.ACCEPTED)
        .order_by("report__due_on", "report_id")
        .values_list("target_id", "value")
    )
    for target_id, accepted_value in accepted:
        if accepted_value is not None:
            latest[target_id] = accepted_value  # later reports overwrite earlier ones: values are cumulative
    rows = []
    per_unit: dict[int, list[float]] = defaultdict(list)
    units = {}
    reached = 0
    all_pcts: list[float] = []
    for target in targets:
        value = latest.get(target.pk)
        pct = _pct(value, target.target_value)
        per_unit[target.organization_id].append(pct or 0.0)
        all_pcts.append(pct or 0.0)
        units[target.organization_id] = target.organization
        if value is not None and value >= target.target_value:
            reached += 1
        rows.append({"target": target, "organization": target.organization, "value": value, "pct": pct})
    unit_rows = [
        {"organization": units[org_id], "pct": sum(pcts) / len(pcts), "targets": len(pcts)}
        for org_id, pcts in per_unit.items()
    ]
    return {
        "targets": rows,
        "units": unit_rows,
        "reached": reached,
        "overall": (sum(all_pcts) / len(all_pcts)) if all_pcts else None,
    }


def targets_by_unit(progress: dict) -> list[dict[str, Any]]:
    """The rows of :func:`movement_progress` grouped per unit (for a page that folds each unit's targets):
    the unit, its rows by year, its mean progress and how many of its targets are reached. Units of the same
    agency stay together, in Vietnamese order."""
    pct = {row["organization"].pk: row["pct"] for row in progress["units"]}
    groups: dict[int, dict[str, Any]] = {}
    for row in progress["targets"]:
        unit = row["organization"]
        group = groups.setdefault(
            unit.pk, {"organization": unit, "rows": [], "pct": pct.get(unit.pk), "reached": 0}
        )
        group["rows"].append(row)
        if row["value"] is not None and row["value"] >= row["target"].target_value:
            group["reached"] += 1
    return sorted(
        groups.values(),
        key=lambda g: (g["organization"].parent_id or 0, g["organization"].sort_key, g["organization"].pk),
    )


def reports_by_round(reports: list[ProgressReport]) -> list[dict[str, Any]]:
    """Reports grouped by round (year and period), latest round first, with the count of overdue ones (the
    reports carry ``overdue`` set by the view)."""
    groups: dict[tuple[int, str], dict[str, Any]] = {}
    for report in reports:
        group = groups.setdefault(
            (report.year, report.period),
            {"label": report.period_label, "due_on": report.due_on, "reports": [], "overdue": 0, "open": 0},
        )
        group["reports"].append(report)
        group["due_on"] = max(group["due_on"], report.due_on)
        group["overdue"] += bool(getattr(report, "overdue", False))
        group["open"] += report.status in (ReportStatus.NOT_SENT, ReportStatus.RETURNED, ReportStatus.SENT)
    return sorted(groups.values(), key=lambda g: g["due_on"], reverse=True)


def report_counts(*, movement: Movement) -> dict[str, int]:
    counts = dict(
        ProgressReport.objects.filter(movement=movement)
        .values_list("status")
        .annotate(n=Count("id"))
        .values_list("status", "n")
    )
    result = {status: counts.get(status, 0) for status in ReportStatus.values}
    result["total"] = sum(counts.values())
    return result


def exemplary_model_visibility_q(user: Any) -> Q:
    """Published examples of movements the user sees; all examples of movements the user manages."""
    if is_system_admin(user):
        return Q()
    visible = Movement.objects.filter(movement_visibility_q(user)).values("pk")
    office = managed_organizations(user, Role.OFFICER).values("pk")
    return Q(movement__launching_organization__in=office) | (Q(published=True) & Q(movement__in=visible))


def exemplary_model_list_visible_to(
    *, user: Any, movement: Movement | None = None
) -> QuerySet[ExemplaryModel]:
    qs = (
        restrict(ExemplaryModel.objects.all(), user, VIEW)
        .select_related("organization", "person", "movement")
        .prefetch_related(
            Prefetch("replications", queryset=Replication.objects.select_related("organization"))
        )
    )
    if movement is not None:
        qs = qs.filter(movement=movement)
    return qs.order_by("-recognized_on", "id")


# Titles and forms named one by one in a review report; the others are counted by year.
NAMED_AWARDS = (
    "CSTD_TINH",
    "CSTD_TOAN_QUOC",
    "CO_TINH",
    "CO_CHINH_PHU",
    "BANG_KHEN_TINH",
    "BANG_KHEN_TTG",
    "HCLD_3",
    "HCLD_2",
    "HCLD_1",
)


def commendations_for(*, movement: Movement, as_of: date | None = None) -> list[str]:
    """Commendations given under the movement, as report lines: counts per title and year, then the higher
    titles and forms by name (one query). With ``as_of``, only those decided by then (an award without a
    decision date counts from the year after the one it rewards)."""
    from thidua.core.codes import AwardCode

    awards = (
        _awards_as_of(movement, as_of)
        .select_related("person", "organization")
        .order_by("code", "year", "person__sort_key", "organization__sort_key")
    )
    counts: dict[str, dict[int, int]] = {}
    named: list[str] = []
    for award in awards:
        counts.setdefault(award.code, {}).setdefault(award.year, 0)
        counts[award.code][award.year] += 1
        if award.code in NAMED_AWARDS:
            decision = f" (Quyết định số {award.decision_number})" if award.decision_number else ""
            named.append(
                f"{award.get_code_display()} năm {award.year}: {award.person or award.organization}{decision}"
            )
    lines = [  # in the catalogue's order: titles first, lower before higher
        f"{AwardCode(code).label}: "
        + ", ".join(f"năm {year}: {n}" for year, n in sorted(counts[code].items()))
        for code in AwardCode.values
        if code in counts
    ]
    return lines + named


def _awards_as_of(movement: Movement, as_of: date | None) -> QuerySet:
    from thidua.commendations.models import AwardRecord, AwardStatus

    awards = AwardRecord.objects.filter(movement=movement, status=AwardStatus.ACTIVE)
    if as_of is not None:
        awards = awards.filter(Q(decided_on__lte=as_of) | Q(decided_on__isnull=True, year__lt=as_of.year))
    return awards


def award_counts_for(*, movement: Movement, as_of: date | None = None) -> list[dict[str, Any]]:
    """The active awards under the movement (decided by ``as_of``, as :func:`commendations_for`) counted by
    title or form and year, with the level that decides the title (one query): the data of the review
    report's award charts, kept in the review's snapshot."""
    from thidua.commendations.selectors import LEVEL_OF_CODE

    rows = (
        _awards_as_of(movement, as_of)
        .order_by()
        .values_list("code", "year")
        .annotate(n=Count("id"))
        .order_by("year", "code")
    )
    return [
        {"code": code, "level": LEVEL_OF_CODE.get(code, ""), "year": year, "n": n} for code, year, n in rows
    ]


def _report_rounds(reports: list[ProgressReport], states: dict[int, str | None]) -> list[dict[str, Any]]:
    """Per report round (year and period) that had begun by the day (a report due or sent): how many units
    had to report, how many had sent (returned ones included: they sent) and how many were accepted."""
    rounds: dict[tuple[int, str], dict[str, Any]] = {}
    for report in reports:
        row = rounds.setdefault(
            (report.year, report.period),
            {"year": report.year, "period": report.period, "due_on": report.due_on.isoformat(), "units": 0,
             "sent": 0, "accepted": 0, "begun": False},
        )  # fmt: skip
        row["due_on"] = max(row["due_on"], report.due_on.isoformat())
        row["units"] += 1
        state = states.get(report.pk)
        if state is None:
            continue
        row["begun"] = True
        row["sent"] += state in (ReportStatus.SENT, ReportStatus.RETURNED, ReportStatus.ACCEPTED)
        row["accepted"] += state == ReportStatus.ACCEPTED
    ordered = sorted((r for r in rounds.values() if r.pop("begun")), key=lambda r: (r["due_on"], r["year"]))
    return ordered


def registrations_for(*, movement: Movement, as_of: date) -> list[dict[str, int]]:
    """Per year of the movement up to ``as_of``: the units that had sent their emulation registration to the
    launching agency (or its successor) by then, and the people they registered for a title (two queries).
    The yearly registration (appraisals) is the agency's, not the movement's: it tells who took part in the
    agency's emulation in the movement's years."""
    from thidua.appraisals.models import Registration, RegistrationLine, RegistrationStatus

    sent = Q(sent_at__isnull=False, sent_at__date__lte=as_of) & ~Q(status=RegistrationStatus.NOT_SENT)
    registrations = Registration.objects.filter(
        sent,
        round__organization__in=movement_launchers(movement),
        round__year__gte=movement.period_start,
        round__year__lte=min(movement.period_end, as_of.year),
    )
    units = dict(
        registrations.order_by()
        .values_list("round__year")
        .annotate(n=Count("id"))
        .values_list("round__year", "n")
    )
    people = dict(
        RegistrationLine.objects.filter(registration__in=registrations.values("pk"), person__isnull=False)
        .order_by()
        .values_list("registration__round__year")
        .annotate(n=Count("person", distinct=True))
        .values_list("registration__round__year", "n")
    )
    return [{"year": year, "units": units[year], "people": people.get(year, 0)} for year in sorted(units)]


def _day_of(moment: datetime | None) -> date | None:
    return timezone.localdate(moment) if moment is not None else None


def _report_state_on(report: ProgressReport, day: date) -> str | None:
    """What a report was on ``day`` as far as its timestamps tell: None when its round was not yet due and
    nothing was sent; accepted or returned once the office acted by then; sent once sent by then."""
    submitted, reviewed = _day_of(report.submitted_at), _day_of(report.reviewed_at)
    if report.due_on > day and (submitted is None or submitted > day):
        return None
    if report.status in (ReportStatus.ACCEPTED, ReportStatus.RETURNED):
        if reviewed is not None and reviewed <= day:
            return report.status
        if reviewed is None and report.due_on <= day and report.status == ReportStatus.ACCEPTED:
            return report.status  # accepted before the system kept the date: counted from its due date
    if submitted is not None and submitted <= day:
        return ReportStatus.SENT
    return ReportStatus.NOT_SENT


def _unit_name(organization: Any, day: date) -> str:
    """A unit as a document names it: its name, with its agency and end date once it has ended by ``day``."""
    if organization.valid_to is not None and organization.valid_to < day:
        return organization_label(organization)
    return organization.name


def review_report_data(*, review: Review, as_of: date | None = None) -> dict[str, Any]:
    """The figures of a review as of ``as_of`` (by default the day it was held; today for a review not held yet), as plain
    data (JSON) that :func:`services.review_snapshot_take` stores on the review when it is held.

    Only facts dated on or before the day count: targets of years up to it, values of reports accepted by then,
    reports due or sent by then (in the state they had), examples recognised and replications made by then,
    commendations decided by then.
    """
    movement = review.movement
    day = as_of or review.held_on or timezone.localdate()
    targets = list(
        Target.objects.filter(movement=movement, year__lte=day.year)
        .select_related("organization__parent")
        .order_by("organization__sort_key", "year", "id")
    )
    reports = list(
        ProgressReport.objects.filter(movement=movement)
        .only("id", "year", "period", "status", "due_on", "submitted_at", "reviewed_at")
        .order_by("due_on", "id")
    )
    states = {report.pk: _report_state_on(report, day) for report in reports}
    accepted_ids = [pk for pk, state in states.items() if state == ReportStatus.ACCEPTED]
    latest: dict[int, Decimal] = {}
    for target_id, value in (
        ReportValue.objects.filter(report_id__in=accepted_ids, target__in=[t.pk for t in targets])
        .order_by("report__due_on", "report_id")
        .values_list("target_id", "value")
    ):
        latest[target_id] = value  # later reports overwrite earlier ones: values are cumulative
    rows = []
    pcts: list[float] = []
    reached = 0
    for target in targets:
        reached_value = latest.get(target.pk)
        pct = _pct(reached_value, target.target_value)
        pcts.append(pct or 0.0)
        if reached_value is not None and reached_value >= target.target_value:
            reached += 1
        rows.append(
            {
                "organization": _unit_name(target.organization, day),
                "indicator": target.indicator,
                "unit_of_measure": target.unit_of_measure,
                "year": target.year,
                "target_value": str(target.target_value),
                "value": None if reached_value is None else str(reached_value),
                "pct": pct,
            }
        )
    counts = dict.fromkeys(ReportStatus.values, 0)
    for state in states.values():
        if state is not None:
            counts[state] += 1
    counts["total"] = sum(counts.values())
    models = (
        ExemplaryModel.objects.filter(movement=movement, recognized_on__lte=day)
        .select_related("organization__parent")
        .prefetch_related(
            Prefetch(
                "replications",
                queryset=Replication.objects.filter(replicated_on__lte=day).select_related(
                    "organization__parent"
                ),
            )
        )
        .order_by("recognized_on", "id")
    )
    return {
        "as_of": day.isoformat(),
        "progress": {
            "targets": rows,
            "reached": reached,
            "overall": (sum(pcts) / len(pcts)) if pcts else None,
        },
        "report_counts": counts,
        "exemplary_models": [
            {
                "kind": model.kind,
                "title": model.title,
                "organization": _unit_name(model.organization, day),
                "story": model.story,
                "replicated_in": [_unit_name(r.organization, day) for r in model.replications.all()],
            }
            for model in models
        ],
        "awards": commendations_for(movement=movement, as_of=day),
        "award_counts": award_counts_for(movement=movement, as_of=day),
        "award_plan": [
            {"code": code, "planned": planned}
            for code, planned in MovementAwardPlan.objects.filter(movement=movement, stage=review.kind)
            .order_by("code")
            .values_list("code", "planned_count")
        ],
        "participation": {
            "rounds": _report_rounds(reports, states),
            "registrations": registrations_for(movement=movement, as_of=day),
        },
    }


def review_figures(*, review: Review) -> dict[str, Any]:
    """The figures a review's report prints: the snapshot stored when it was held; for a review not held yet
    (or held before snapshots were kept), computed as of its date."""
    if review.snapshot:
        return review.snapshot
    return review_report_data(review=review)


# ---- the data of the review report's charts, read from the figures (the snapshot of a held review): a held
# review's charts never change. Figures stored before a key existed give no chart for it (None).


def _chart(labels: list[str], series: list[tuple[str, list[float]]], *, percent: bool) -> dict[str, Any]:
    return {"labels": labels, "series": series, "percent": percent}


def review_targets_chart(figures: dict[str, Any]) -> dict[str, Any] | None:
    """Per indicator (and unit of measure), over its targets up to the review: the mean completion (each
    target's achieved value over its target value, capped at 100 %, nothing reported counting 0) and the share
    of targets reached, both in per cent; indicators in the order they first appear."""
    rows = figures.get("progress", {}).get("targets") or []
    if not rows:
        return None
    grouped: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for row in rows:
        grouped.setdefault((row["indicator"], row["unit_of_measure"]), []).append(row)
    completion, reached = [], []
    for targets in grouped.values():
        completion.append(sum(t["pct"] or 0.0 for t in targets) / len(targets))
        done = sum(
            1 for t in targets if t["value"] is not None and Decimal(t["value"]) >= Decimal(t["target_value"])
        )
        reached.append(done / len(targets) * 100)
    return _chart(
        [f"{indicator} ({measure})" for indicator, measure in grouped],
        [("Mức độ hoàn thành bình quân", completion), ("Tỷ lệ chỉ tiêu đạt", reached)],
        percent=True,
    )


def review_participation_chart(figures: dict[str, Any]) -> dict[str, Any] | None:
    """Per report round begun by the review: the units that had to report, had sent and were accepted, and,
    where units registered for the round's year, how many did."""
    participation = figures.get("participation")
    if not participation or not participation["rounds"]:
        return None
    rounds = participation["rounds"]
    registered = {row["year"]: row["units"] for row in participation["registrations"]}
    series: list[tuple[str, list[float]]] = []
    if registered:
        series.append(("Đơn vị đăng ký thi đua", [float(registered.get(r["year"], 0)) for r in rounds]))
    series += [
        ("Đơn vị phải báo cáo", [float(r["units"]) for r in rounds]),
        ("Đơn vị đã gửi báo cáo", [float(r["sent"]) for r in rounds]),
        ("Báo cáo được chấp nhận", [float(r["accepted"]) for r in rounds]),
    ]
    labels = [f"{ReportPeriod(r['period']).label} {r['year']}" for r in rounds]
    return _chart(labels, series, percent=False)


def review_models_chart(figures: dict[str, Any]) -> dict[str, Any] | None:
    """Exemplary models recognised by the review, by kind, and the units that replicated them."""
    models = figures.get("exemplary_models") or []
    if not models or any("kind" not in m for m in models):
        return None
    kinds = [k for k in ExemplaryKind.values if any(m["kind"] == k for m in models)]
    return _chart(
        [str(ExemplaryKind(k).label) for k in kinds],
        [
            ("Điển hình, mô hình", [float(sum(m["kind"] == k for m in models)) for k in kinds]),
            (
                "Nơi nhân rộng",
                [float(sum(len(m["replicated_in"]) for m in models if m["kind"] == k)) for k in kinds],
            ),
        ],
        percent=False,
    )


def review_awards_by_form_chart(figures: dict[str, Any]) -> dict[str, Any] | None:
    """The awards under the movement by title or form, in the catalogue's order (titles first, lower first)."""
    from thidua.core.codes import AwardCode

    counts: dict[str, int] = defaultdict(int)
    for row in figures.get("award_counts") or []:
        counts[row["code"]] += row["n"]
    codes = [code for code in AwardCode.values if counts.get(code)]
    if not codes:
        return None
    return _chart(
        [str(AwardCode(code).label) for code in codes],
        [("Số lượt khen thưởng", [float(counts[code]) for code in codes])],
        percent=False,
    )


def review_awards_by_year_chart(figures: dict[str, Any]) -> dict[str, Any] | None:
    """The awards under the movement per year, one series per level that decides them (lowest first)."""
    from thidua.commendations.selectors import LEVELS

    rows = figures.get("award_counts") or []
    if not rows:
        return None
    counts: dict[tuple[int, str], int] = defaultdict(int)
    for row in rows:
        counts[(row["year"], row["level"])] += row["n"]
    years = sorted({year for year, _level in counts})
    levels = [level for level in LEVELS if any(lv == level for _y, lv in counts)]
    return _chart(
        [f"Năm {year}" for year in years],
        [(str(LEVELS[level]), [float(counts.get((year, level), 0)) for year in years]) for level in levels],
        percent=False,
    )


def review_is_overdue(review: Review, today: date | None = None) -> bool:
    """Past its scheduled date and not held."""
    return review.held_on is None and review.scheduled_on < (today or timezone.localdate())


def review_list_for(*, movement: Movement) -> QuerySet[Review]:
    return Review.objects.filter(movement=movement).select_related("report_document").order_by("scheduled_on")


def award_plan_rows(*, movement: Movement) -> list[dict[str, Any]]:
    """The movement's planned awards, each line with the active awards linked to the movement for its code
    (awards carry no stage: a code planned at both reviews shows the same awarded count on both lines, set
    against the code's total planned)."""
    from thidua.commendations.models import AwardRecord, AwardStatus

    plans = list(MovementAwardPlan.objects.filter(movement=movement).order_by("stage", "code"))
    awarded = dict(
        AwardRecord.objects.filter(movement=movement, status=AwardStatus.ACTIVE)
        .values_list("code")
        .annotate(n=Count("pk"))
        .values_list("code", "n")
    )
    totals: dict[str, int] = defaultdict(int)
    for plan in plans:
        totals[plan.code] += plan.planned_count
    return [
        {
            "plan": plan,
            "awarded": awarded.get(plan.code, 0),
            "planned_total": totals[plan.code],
            "full": awarded.get(plan.code, 0) >= totals[plan.code],
        }
        for plan in plans
    ]
