"""Writes to movements, targets, reports, reviews and exemplary models.

Keyword-only arguments, one transaction each, the audit record, and the permission check in the unit the
record belongs to (views and the API call these same functions, so the check cannot be skipped).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypedDict, Unpack

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.models import Role
from thidua.accounts.scope import has_role, is_system_admin
from thidua.audit.services import audit_record, audited_create, audited_delete, audited_update, model_snapshot
from thidua.commendations.models import AwardRecord, AwardStatus
from thidua.core import uploads
from thidua.core.workflow import Step, transition_perform
from thidua.documents import selectors as document_selectors
from thidua.documents import services as document_services
from thidua.documents.models import IssuedDocument
from thidua.organizations.models import Organization, Person

from . import workflow
from .documents import movement_launch_document, review_report_document
from .models import (
    AwardingMode,
    ExemplaryModel,
    LaunchDocumentType,
    Movement,
    MovementAwardPlan,
    MovementLevel,
    MovementStatus,
    Objective,
    ProgressReport,
    Recipient,
    Replication,
    ReportAttachment,
    ReportPeriod,
    ReportStatus,
    ReportValue,
    Responsibility,
    Review,
    ReviewKind,
    Solution,
    Target,
)

if TYPE_CHECKING:
    from thidua.accounts.models import User

LAUNCH_PURPOSE = "movement-launch"
REVIEW_PURPOSE = "movement-review"


# --- permissions ---------------------------------------------------------------------------------------


can_manage_movement = workflow.can_manage_movement


def _require_manage(user: User | None, movement: Movement, *roles: str) -> None:
    if not can_manage_movement(user, movement, *roles):
        raise PermissionDenied


def _in_movement_tree(movement: Movement, organization: Organization) -> bool:
    """Whether ``organization`` is in the tree of the launcher or of its successors."""
    from .selectors import movement_launchers

    return any(organization.path.startswith(launcher.path) for launcher in movement_launchers(movement))


def _require_movement_unit(movement: Movement, organization: Organization) -> None:
    if movement.launching_organization is not None and not _in_movement_tree(movement, organization):
        raise ValidationError({"organization": _("Đơn vị không thuộc cơ quan phát động.")})


def _require_role_in(user: User | None, organization: Organization | None, *roles: str) -> None:
    if organization is None:
        if not is_system_admin(user):
            raise PermissionDenied
    elif not has_role(user, *roles, organization=organization):
        raise PermissionDenied


# --- movements -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SolutionData:
    number: str
    text: str


@dataclass(frozen=True)
class ResponsibilityData:
    party: str
    text: str
    organization: Organization | None = None


@dataclass(frozen=True)
class RecipientData:
    label: str
    channel: str
    organization: Organization | None = None


class MovementFields(TypedDict, total=False):
    """What `movement_create` and `movement_update` write besides the child rows (an update passes only what
    changes; `status` and `launched_on` only on creation, for the demo and imports of past movements)."""

    code: str
    parent: Movement | None
    level: str
    kind: str
    title: str
    theme: str
    period_start: int
    period_end: int
    launching_organization: Organization | None
    launched_by: str
    signer: Person | None
    signer_position: str
    signer_authority: str
    signer_own_position: str
    document_type: str
    abstract: str
    addressees: str
    drafting_unit_symbol: str
    introduction: str
    closing: str
    dossier_open_on: date | None
    dossier_close_on: date | None
    organising_method: str
    awarding_mode: str
    status: str
    launched_on: date | None


# The letter's fields a draft may change (creation may also set `status` and `launched_on`).
MOVEMENT_FIELDS = frozenset(MovementFields.__optional_keys__) - {"status", "launched_on"}


def _validated(name: str, rows: Any) -> list:
    """The child rows, each validated as its model says (choices, printable text): bulk_create does not."""
    rows = list(rows)
    for row in rows:
        try:
            row.full_clean(exclude=["movement"])
        except ValidationError as error:
            raise ValidationError({name: error.messages}) from error
    return rows


def _replace_children(
    movement: Movement,
    *,
    objectives: Sequence[str] | None,
    solutions: Sequence[SolutionData] | None,
    responsibilities: Sequence[ResponsibilityData] | None,
    recipients: Sequence[RecipientData] | None,
) -> None:
    if objectives is not None:
        movement.objectives.all().delete()
        Objective.objects.bulk_create(
            _validated(
                "objectives",
                (
                    Objective(movement=movement, order=i, text=text)
                    for i, text in enumerate(objectives, start=1)
                ),
            )
        )
    if solutions is not None:
        numbers = [s.number.strip().rstrip(".") for s in solutions]
        if len(set(numbers)) != len(numbers):
            raise ValidationError({"solutions": _("Số thứ tự giải pháp bị trùng.")})
        movement.solutions.all().delete()
        Solution.objects.bulk_create(
            _validated(
                "solutions",
                (
                    Solution(movement=movement, order=i, number=n, text=s.text)
                    for i, (n, s) in enumerate(zip(numbers, solutions, strict=True), start=1)
                ),
            )
        )
    if responsibilities is not None:
        movement.responsibilities.all().delete()
        Responsibility.objects.bulk_create(
            _validated(
                "responsibilities",
                (
                    Responsibility(
                        movement=movement, order=i, party=r.party, text=r.text, organization=r.organization
                    )
                    for i, r in enumerate(responsibilities, start=1)
                ),
            )
        )
    if recipients is not None:
        movement.recipients.all().delete()
        Recipient.objects.bulk_create(
            _validated(
                "recipients",
                (
                    Recipient(
                        movement=movement,
                        order=i,
                        label=r.label,
                        channel=r.channel,
                        organization=r.organization,
                    )
                    for i, r in enumerate(recipients, start=1)
                ),
            )
        )


@transaction.atomic
def movement_create(
    *,
    actor: User | None,
    objectives: Sequence[str] = (),
    solutions: Sequence[SolutionData] = (),
    responsibilities: Sequence[ResponsibilityData] = (),
    recipients: Sequence[RecipientData] = (),
    check_permission: bool = True,
    **fields: Unpack[MovementFields],
) -> Movement:
    """A draft movement with its objectives, numbered solutions, responsibilities and recipients."""
    unknown = set(fields) - MovementFields.__optional_keys__
    if unknown:
        raise TypeError(f"unknown movement fields: {sorted(unknown)}")
    movement = Movement(**fields)
    if check_permission:
        _require_role_in(actor, movement.launching_organization, *workflow.MOVEMENT_MANAGERS)
        movement.status = MovementStatus.DRAFT
    if actor is not None and actor.is_authenticated:
        movement.created_by = actor
    audited_create(movement, actor=actor, duplicate=_("Đã có phong trào với mã này."), duplicate_field="code")
    _replace_children(
        movement,
        objectives=objectives,
        solutions=solutions,
        responsibilities=responsibilities,
        recipients=recipients,
    )
    return movement


@transaction.atomic
def movement_update(
    *,
    actor: User | None,
    movement: Movement,
    objectives: Sequence[str] | None = None,
    solutions: Sequence[SolutionData] | None = None,
    responsibilities: Sequence[ResponsibilityData] | None = None,
    recipients: Sequence[RecipientData] | None = None,
    **fields: Unpack[MovementFields],
) -> Movement:
    """Edit a draft. Once launched, the letter is what was sent: its content no longer changes."""
    movement = Movement.objects.select_for_update().get(pk=movement.pk)
    _require_manage(actor, movement)
    if movement.status != MovementStatus.DRAFT:
        raise ValidationError(_("Chỉ sửa được phong trào ở trạng thái dự thảo."))
    unknown = set(fields) - MOVEMENT_FIELDS
    if unknown:
        raise TypeError(f"unknown movement fields: {sorted(unknown)}")

    def still_managed(changed: Movement) -> None:  # a move to another launching agency needs a role there
        _require_manage(actor, changed)

    if (
        fields.get("awarding_mode") == AwardingMode.FINAL_ONLY
        and movement.award_plans.filter(stage=ReviewKind.MIDTERM).exists()
    ):
        raise ValidationError(
            {
                "awarding_mode": _(
                    "Phong trào còn khen thưởng dự kiến khi sơ kết: xóa các dòng đó trước khi chọn chỉ "
                    "khen thưởng khi tổng kết."
                )
            }
        )

    movement = audited_update(
        movement,
        actor=actor,
        changes=fields,
        locked=True,
        check=still_managed if "launching_organization" in fields else None,
    )
    _replace_children(
        movement,
        objectives=objectives,
        solutions=solutions,
        responsibilities=responsibilities,
        recipients=recipients,
    )
    return movement


def _guard_launch(movement: Movement, on: date) -> None:
    problems = []
    if not movement.objectives.exists():
        problems.append(_("Phong trào chưa có mục tiêu."))
    if not movement.solutions.exists():
        problems.append(_("Phong trào chưa có giải pháp."))
    if movement.level != MovementLevel.NATIONAL and not movement.signer_id:
        problems.append(_("Chưa chọn người ký văn bản phát động."))
    if not movement.recipients.exists() and movement.level != MovementLevel.NATIONAL:
        problems.append(_("Văn bản phát động chưa có nơi nhận."))
    if problems:
        raise ValidationError(problems)
    movement.launched_on = on
    movement.full_clean()  # e.g. "theo đợt" is refused from 2024 (Luật 06/2022, Điều 16 khoản 1)


def _review_for(movement: Movement, kind: str, on: date) -> Review:
    """The review held ``on``, with its figures as of that day stored (the report is drafted from them)."""
    from .selectors import review_report_data

    review, _created = Review.objects.get_or_create(
        movement=movement, kind=kind, defaults={"scheduled_on": on}
    )
    review.held_on = on
    review.movement = movement
    review.snapshot = review_report_data(review=review, as_of=on)
    review.save(update_fields=["held_on", "snapshot"])
    return review


@workflow.MOVEMENT.on("launch")
def _movement_launched(movement: Movement, step: Step) -> None:
    _guard_launch(movement, step.on or timezone.localdate())
    if movement.launching_organization_id:
        launch_document_issue(actor=step.actor, movement=movement)


@workflow.MOVEMENT.on("hold_midterm_review")
@workflow.MOVEMENT.on("hold_final_review")
def _movement_review_held(movement: Movement, step: Step) -> None:
    kind = ReviewKind.MIDTERM if step.action == "hold_midterm_review" else ReviewKind.FINAL
    review = _review_for(movement, kind, step.on or timezone.localdate())
    if movement.launching_organization_id:
        review_report_issue(actor=step.actor, review=review)


@workflow.MOVEMENT.on("close")
def _movement_closed(movement: Movement, step: Step) -> None:
    movement.closed_reason = (
        step.reason
    )  # audited with the closing (the guard required it for unsent reports)


def movement_transition(
    *,
    actor: User | None,
    movement: Movement,
    action: str,
    reason: str = "",
    on: date | None = None,
    check_permission: bool = True,
) -> Movement:
    """Perform ``action`` on ``movement`` along :data:`workflow.MOVEMENT` (audited as `movement.<action>`).

    Launching numbers and records the launch document; holding a review stores its figures and numbers and
    records its report; closing while reports are unsent needs a ``reason``.
    """
    return transition_perform(
        workflow=workflow.MOVEMENT,
        record=movement,
        action=action,
        actor=actor,
        reason=reason,
        on=on,
        check_permission=check_permission,
    )


def launch_document_issue(*, actor: User | None, movement: Movement) -> IssuedDocument:
    """Take the launch letter's number from the issuer's register and record the issued document."""
    assert movement.launching_organization is not None and movement.launched_on is not None
    doc_type = "Kế hoạch" if movement.document_type == LaunchDocumentType.PLAN else None
    launched_on = movement.launched_on
    return document_services.document_issue(
        actor=actor,
        issuer=document_selectors.issuer_on(movement.launching_organization, launched_on),
        doc_type=doc_type,
        issued_on=launched_on,
        purpose=LAUNCH_PURPOSE,
        source=movement,
        build=lambda symbol: movement_launch_document(movement, number_symbol=symbol, issued_on=launched_on),
        drafting_unit=movement.drafting_unit_symbol or None,
    )


def review_report_issue(*, actor: User | None, review: Review) -> IssuedDocument:
    """Number and record the review's report, drafted from its snapshot and issued, after a restructuring,
    by the successor of the launching organization (in its register, with its place name)."""
    from .selectors import review_figures

    movement = review.movement
    assert movement.launching_organization is not None and review.held_on is not None
    held_on = review.held_on
    data = review_figures(review=review)
    document = document_services.document_issue(
        actor=actor,
        issuer=document_selectors.issuer_on(movement.launching_organization, held_on),
        doc_type="Báo cáo",
        issued_on=held_on,
        purpose=REVIEW_PURPOSE,
        source=review,
        build=lambda symbol: review_report_document(
            review, data=data, number_symbol=symbol, issued_on=held_on
        ),
        drafting_unit=movement.drafting_unit_symbol or None,
    )
    review.report_document = document
    review.save(update_fields=["report_document"])
    return document


@transaction.atomic
def launch_dispatch(*, actor: User | None, movement: Movement) -> list:
    """Send the launch letter to every recipient of the movement by its channel, and record it."""
    _require_manage(actor, movement)
    document = document_selectors.document_for(source=movement, purpose=LAUNCH_PURPOSE)
    if document is None:
        raise ValidationError(_("Phong trào chưa được phát động: chưa có văn bản phát động để gửi."))
    if not document.pdf:
        document_services.document_store_files(
            document=document,
            content=movement_launch_document(
                movement, number_symbol=document.number_symbol, issued_on=document.issued_on
            ),
        )
    lines = [
        document_services.DispatchLine(recipient=r.label, channel=r.channel, organization=r.organization)
        for r in movement.recipients.select_related("organization")
    ]
    return document_services.dispatch_send(actor=actor, document=document, lines=lines)


# --- reviews -------------------------------------------------------------------------------------------


@transaction.atomic
def review_schedule(*, actor: User | None, movement: Movement, kind: str, scheduled_on: date) -> Review:
    """Schedule the mid-term or final review (a milestone the office holds later)."""
    _require_manage(actor, movement)
    if kind not in ReviewKind.values:
        raise ValidationError({"kind": _("Loại sơ kết, tổng kết không hợp lệ.")})
    review, created = Review.objects.select_for_update().get_or_create(
        movement=movement, kind=kind, defaults={"scheduled_on": scheduled_on}
    )
    if not created:
        if review.held_on:
            raise ValidationError(_("Đã tổ chức, không thể đổi lịch."))
        review.scheduled_on = scheduled_on
        review.save(update_fields=["scheduled_on"])
    audit_record(action="schedule", instance=review, after=model_snapshot(review), actor=actor)
    return review


@transaction.atomic
def review_summary_set(*, actor: User | None, review: Review, summary: str) -> Review:
    """The office's overall assessment, printed as section V of the review report (drafted again on download)."""
    review = Review.objects.select_for_update().select_related("movement").get(pk=review.pk)
    _require_manage(actor, review.movement)
    if review.movement.status == MovementStatus.CLOSED:
        raise ValidationError(_("Phong trào đã kết thúc: không sửa đánh giá."))
    changes = {"summary": summary.strip()}
    return audited_update(review, actor=actor, changes=changes, exclude=["report_document"], locked=True)


# --- targets -------------------------------------------------------------------------------------------


@transaction.atomic
def target_create(
    *,
    actor: User | None,
    movement: Movement,
    organization: Organization,
    year: int,
    indicator: str,
    unit_of_measure: str,
    target_value: Decimal,
    solution: Solution | None = None,
) -> Target:
    """Assign a target to a unit of the launching agency for one year."""
    _require_manage(actor, movement)
    if movement.status in (MovementStatus.FINAL_REVIEW_HELD, MovementStatus.CLOSED):
        raise ValidationError(_("Phong trào đã tổng kết: không giao thêm chỉ tiêu."))
    _require_movement_unit(movement, organization)
    if solution is not None and solution.movement_id != movement.pk:
        raise ValidationError({"solution": _("Giải pháp không thuộc phong trào này.")})
    target = Target(
        movement=movement,
        organization=organization,
        year=year,
        indicator=indicator,
        unit_of_measure=unit_of_measure,
        target_value=target_value,
        solution=solution,
    )
    return audited_create(
        target,
        actor=actor,
        duplicate=_("Đơn vị này đã được giao chỉ tiêu này cho năm này trong phong trào."),
        duplicate_field="indicator",
    )


@transaction.atomic
def target_update(
    *,
    actor: User | None,
    target: Target,
    organization: Organization,
    year: int,
    indicator: str,
    unit_of_measure: str,
    target_value: Decimal,
    solution: Solution | None = None,
) -> Target:
    """Correct a target. Once a unit has reported against it, its unit and year stay as reported."""
    target = Target.objects.select_for_update().select_related("movement").get(pk=target.pk)
    movement = target.movement
    _require_manage(actor, movement)
    if movement.status in (MovementStatus.FINAL_REVIEW_HELD, MovementStatus.CLOSED):
        raise ValidationError(_("Phong trào đã tổng kết: không sửa chỉ tiêu."))
    reported = target.report_values.exists()
    if reported and (organization.pk != target.organization_id or year != target.year):
        raise ValidationError(_("Chỉ tiêu đã có báo cáo: không đổi đơn vị hoặc năm."))
    _require_movement_unit(movement, organization)
    if solution is not None and solution.movement_id != movement.pk:
        raise ValidationError({"solution": _("Giải pháp không thuộc phong trào này.")})
    changes = {
        "organization": organization,
        "year": year,
        "indicator": indicator,
        "unit_of_measure": unit_of_measure,
        "target_value": target_value,
        "solution": solution,
    }
    return audited_update(target, actor=actor, changes=changes, locked=True)


@transaction.atomic
def target_delete(*, actor: User | None, target: Target) -> None:
    _require_manage(actor, target.movement)
    if target.report_values.filter(report__status=ReportStatus.ACCEPTED).exists():
        raise ValidationError(_("Chỉ tiêu đã có báo cáo được chấp nhận, không thể xóa."))
    audited_delete(target, actor=actor)


# --- planned awards ------------------------------------------------------------------------------------


def _awarded_count(movement_id: int, code: str, *, exclude_pk: int | None = None) -> int:
    """Active awards linked to the movement with this title or form."""
    awards = AwardRecord.objects.filter(movement_id=movement_id, code=code, status=AwardStatus.ACTIVE)
    if exclude_pk is not None:
        awards = awards.exclude(pk=exclude_pk)
    return awards.count()


def _refuse_below_awarded(movement: Movement, code: str, planned: int) -> None:
    awarded = _awarded_count(movement.pk, code)
    if planned < awarded:
        raise ValidationError(
            {
                "planned_count": _(
                    "Số lượng dự kiến không được nhỏ hơn số đã khen thưởng trong phong trào (%(n)s)."
                )
                % {"n": awarded}
            }
        )


@transaction.atomic
def award_plan_set(
    *,
    actor: User | None,
    movement: Movement,
    code: str,
    stage: str,
    planned_count: int,
    criteria: str = "",
    plan: MovementAwardPlan | None = None,
) -> MovementAwardPlan:
    """Add a line to the movement's award plan, or change one (``plan``): the title or form, at the mid-term
    or final review, how many, and its criteria in this movement. The total planned for a code cannot fall
    below what was already awarded for it in the movement."""
    movement = Movement.objects.select_for_update().get(pk=movement.pk)
    _require_manage(actor, movement)
    if movement.status == MovementStatus.CLOSED:
        raise ValidationError(_("Phong trào đã kết thúc: không sửa khen thưởng dự kiến."))
    others = movement.award_plans.filter(code=code)
    if plan is not None:
        others = others.exclude(pk=plan.pk)
    if planned_count is not None and planned_count > 0:
        _refuse_below_awarded(movement, code, planned_count + sum(p.planned_count for p in others))
    values = {"code": code, "stage": stage, "planned_count": planned_count, "criteria": criteria.strip()}
    duplicate = _("Phong trào đã có dòng dự kiến cho danh hiệu, hình thức này ở đợt này.")
    if plan is None:
        return audited_create(
            MovementAwardPlan(movement=movement, **values),
            actor=actor,
            duplicate=duplicate,
            duplicate_field="code",
        )
    row = MovementAwardPlan.objects.select_for_update().get(pk=plan.pk, movement=movement)
    row.movement = movement
    return audited_update(row, actor=actor, changes=values, locked=True)


@transaction.atomic
def award_plan_delete(*, actor: User | None, plan: MovementAwardPlan) -> None:
    """Remove a line of the plan. A code with no line left is no longer limited; with lines left, they must
    still cover what was awarded."""
    movement = Movement.objects.select_for_update().get(pk=plan.movement_id)
    _require_manage(actor, movement)
    if movement.status == MovementStatus.CLOSED:
        raise ValidationError(_("Phong trào đã kết thúc: không sửa khen thưởng dự kiến."))
    others = list(movement.award_plans.filter(code=plan.code).exclude(pk=plan.pk))
    if others:
        _refuse_below_awarded(movement, plan.code, sum(p.planned_count for p in others))
    audited_delete(plan, actor=actor)


def award_plan_check(award: Any) -> None:
    """Registered as a core.registry award check: an active award linked to a movement may not exceed the
    movement's planned count for its code (all stages together). A code the plan does not name is not
    limited. The plan lines are locked, so two awards saved at once cannot both take the last place."""
    if not award.movement_id or award.status != AwardStatus.ACTIVE:
        return
    plans = list(
        MovementAwardPlan.objects.select_for_update().filter(movement_id=award.movement_id, code=award.code)
    )
    if not plans:
        return
    planned = sum(p.planned_count for p in plans)
    awarded = _awarded_count(award.movement_id, award.code, exclude_pk=award.pk)
    if awarded + 1 > planned:
        raise ValidationError(
            {
                "movement": _(
                    "Vượt số khen thưởng dự kiến của phong trào: %(title)s đã có %(awarded)s trên "
                    "%(planned)s dự kiến."
                )
                % {"title": plans[0].get_code_display(), "awarded": awarded, "planned": planned}
            }
        )


# --- progress reports ----------------------------------------------------------------------------------


def report_round_units(
    *, movement: Movement, year: int, due_on: date
) -> tuple[list[Organization], list[Organization]]:
    """The units with targets in ``year``: those alive on ``due_on`` (asked for a report) and those that ended
    before it (dissolved or merged: a round never goes to them; their successors need targets of their own)."""
    units = Organization.objects.filter(
        pk__in=movement.targets.filter(year=year).values("organization_id")
    ).select_related("parent")
    alive: list[Organization] = []
    ended: list[Organization] = []
    for unit in units.order_by("sort_key", "pk"):
        (alive if unit.is_active_on(due_on) else ended).append(unit)
    return alive, ended


@transaction.atomic
def report_round_open(
    *, actor: User | None, movement: Movement, year: int, period: str, due_on: date, past: bool = False
) -> list[ProgressReport]:
    """Ask every unit with targets in ``year`` that exists on ``due_on`` for a report of ``period`` by
    ``due_on`` (idempotent). The due date cannot be past, unless ``past`` records a round held before (the
    demo, imports of earlier years)."""
    _require_manage(actor, movement)
    if movement.status not in (MovementStatus.LAUNCHED, MovementStatus.MIDTERM_REVIEW_HELD):
        raise ValidationError(_("Chỉ yêu cầu báo cáo khi phong trào đang triển khai."))
    if period not in ReportPeriod.values:
        raise ValidationError({"period": _("Kỳ báo cáo không hợp lệ.")})
    if not past and due_on < timezone.localdate():
        raise ValidationError({"due_on": _("Hạn gửi đã qua: chọn hạn gửi từ hôm nay trở đi.")})
    alive, ended = report_round_units(movement=movement, year=year, due_on=due_on)
    if not alive and not ended:
        raise ValidationError(_("Chưa có đơn vị nào được giao chỉ tiêu năm %(year)s.") % {"year": year})
    if not alive:
        raise ValidationError(
            {
                "due_on": _(
                    "Hạn gửi: các đơn vị được giao chỉ tiêu năm %(year)s đã kết thúc hoạt động trước ngày "
                    "%(day)s (%(units)s). Giao chỉ tiêu cho các đơn vị kế thừa trước khi yêu cầu báo cáo."
                )
                % {
                    "year": year,
                    "day": f"{due_on:%d/%m/%Y}",
                    "units": ", ".join(unit.name for unit in ended),
                }
            }
        )
    reports = []
    for unit_id in [unit.pk for unit in alive]:
        report, created = ProgressReport.objects.get_or_create(
            movement=movement, organization_id=unit_id, year=year, period=period, defaults={"due_on": due_on}
        )
        if created:
            audit_record(action="create", instance=report, after=model_snapshot(report), actor=actor)
        reports.append(report)
    return reports


def _require_unit_head(actor: User | None, report: ProgressReport) -> None:
    if not has_role(actor, Role.UNIT_HEAD, organization=report.organization):
        raise PermissionDenied


@transaction.atomic
def report_save(
    *, actor: User | None, report: ProgressReport, values: Mapping[int, Decimal], narrative: str | None = None
) -> ProgressReport:
    """The unit head records values (per target id) and the narrative, before sending."""
    report = (
        ProgressReport.objects.select_for_update(of=("self",))
        .select_related("organization")
        .get(pk=report.pk)
    )
    _require_unit_head(actor, report)
    if report.status not in (ReportStatus.NOT_SENT, ReportStatus.RETURNED):
        raise ValidationError(_("Báo cáo đã gửi: không sửa được."))
    targets = {
        t.pk: t
        for t in Target.objects.filter(
            movement_id=report.movement_id, organization=report.organization, year=report.year
        )
    }
    before = {
        "narrative": report.narrative,
        "values": {str(v.target_id): str(v.value) for v in report.values.all()},
    }
    for target_id, value in values.items():
        if target_id not in targets:
            raise ValidationError({"values": _("Chỉ tiêu không thuộc báo cáo này.")})
        if value is None:
            continue
        if value < 0:
            raise ValidationError({"values": _("Giá trị không được âm.")})
        ReportValue.objects.update_or_create(report=report, target_id=target_id, defaults={"value": value})
    if narrative is not None:
        report.narrative = narrative
        report.save(update_fields=["narrative"])
    after = {"narrative": report.narrative, "values": {str(k): str(v) for k, v in values.items()}}
    audit_record(action="update", instance=report, before=before, after=after, actor=actor)
    return report


@workflow.REPORT.on("submit")
def _report_submitted(report: ProgressReport, step: Step) -> None:
    report.submitted_at, report.submitted_by = step.now, step.actor


@workflow.REPORT.on("return")
@workflow.REPORT.on("accept")
def _report_reviewed(report: ProgressReport, step: Step) -> None:
    if step.action == "return":
        report.return_reason = step.reason
    report.reviewed_at, report.reviewed_by = step.now, step.actor


def report_transition(
    *, actor: User | None, report: ProgressReport, action: str, reason: str = ""
) -> ProgressReport:
    """Perform ``action`` on ``report`` along :data:`workflow.REPORT` (audited as `report.<action>`).

    Submitting is for the unit head of the report's unit; returning (reason required) and accepting for the
    standing office of the launching agency.
    """
    return transition_perform(
        workflow=workflow.REPORT, record=report, action=action, actor=actor, reason=reason
    )


@transaction.atomic
def report_attach(*, actor: User | None, report: ProgressReport, name: str, data: bytes) -> ReportAttachment:
    """Attach evidence to a report that has not been sent yet (``core.uploads.upload_check``: type by name
    and content, size limited)."""
    report = (
        ProgressReport.objects.select_for_update(of=("self",))
        .select_related("organization")
        .get(pk=report.pk)
    )
    _require_unit_head(actor, report)
    if report.status not in (ReportStatus.NOT_SENT, ReportStatus.RETURNED):
        raise ValidationError(_("Báo cáo đã gửi: không đính kèm thêm được."))
    checked = uploads.upload_check(data=data, name=name, field=_("Tệp đính kèm"))
    stem = "".join(ch for ch in name.rsplit(".", 1)[0] if ch.isalnum() or ch in "-_")[:80] or "tep"
    attachment = ReportAttachment(
        report=report,
        original_name=checked.name[:255],
        content_type=checked.content_type,
        size=checked.size,
        uploaded_by=actor if actor is not None and actor.is_authenticated else None,
    )
    attachment.file.save(f"{stem}.{checked.extension}", ContentFile(data), save=False)
    attachment.save()
    audit_record(
        action="attach", instance=attachment, after=model_snapshot(attachment, exclude=("file",)), actor=actor
    )
    return attachment


# --- exemplary models ----------------------------------------------------------------------------------


class ExemplaryModelFields(TypedDict, total=False):
    """What `exemplary_model_create` writes besides the movement; one of `person` and `organization` (the
    unit) holds the example."""

    kind: str
    title: str
    person: Person | None
    organization: Organization
    story: str
    evidence: str
    recognized_on: date
    published: bool


@transaction.atomic
def exemplary_model_create(
    *, actor: User | None, movement: Movement, **fields: Unpack[ExemplaryModelFields]
) -> ExemplaryModel:
    """Record an advanced example or new model found in the movement."""
    _require_manage(actor, movement)
    model = ExemplaryModel(movement=movement, **fields)
    if model.organization_id:
        _require_movement_unit(movement, model.organization)
    duplicate = (
        _("Cá nhân này đã có điển hình, mô hình cùng tên trong phong trào.")
        if model.person_id
        else _("Đơn vị này đã có điển hình, mô hình cùng tên trong phong trào.")
    )
    return audited_create(model, actor=actor, duplicate=duplicate, duplicate_field="title")


@transaction.atomic
def exemplary_model_publish(*, actor: User | None, model: ExemplaryModel, published: bool) -> ExemplaryModel:
    """The office marks an example for publication (or withdraws it)."""
    model = ExemplaryModel.objects.select_for_update(of=("self",)).select_related("movement").get(pk=model.pk)
    _require_manage(actor, model.movement)
    before = model_snapshot(model)
    model.published = published
    model.published_at = timezone.now() if published else None
    model.save(update_fields=["published", "published_at"])
    audit_record(
        action="publish" if published else "unpublish",
        instance=model,
        before=before,
        after=model_snapshot(model),
        actor=actor,
    )
    return model


@transaction.atomic
def replication_add(
    *,
    actor: User | None,
    model: ExemplaryModel,
    organization: Organization,
    replicated_on: date,
    note: str = "",
) -> Replication:
    """Record that ``organization`` replicated the model (nhân rộng): a unit of the launching organization's
    tree, other than the model's own, existing on ``replicated_on``."""
    _require_manage(actor, model.movement)
    if organization.pk == model.organization_id:
        raise ValidationError({"organization": _("Đơn vị nhân rộng phải khác đơn vị có mô hình.")})
    launcher = model.movement.launching_organization
    if launcher is not None and not _in_movement_tree(model.movement, organization):
        raise ValidationError(
            {
                "organization": _(
                    "Đơn vị nhân rộng: “%(unit)s” không thuộc %(launcher)s, cơ quan phát động phong trào."
                )
                % {"unit": organization.name, "launcher": launcher.name}
            }
        )
    if not organization.is_active_on(replicated_on):
        raise ValidationError(
            {
                "replicated_on": _(
                    "Ngày nhân rộng: ngày %(day)s đơn vị “%(unit)s” không còn (hoặc chưa) hoạt động."
                )
                % {"day": f"{replicated_on:%d/%m/%Y}", "unit": organization.name}
            }
        )
    replication = Replication(model=model, organization=organization, replicated_on=replicated_on, note=note)
    return audited_create(
        replication,
        actor=actor,
        duplicate=_("Đơn vị này đã được ghi nhận nhân rộng mô hình."),
        duplicate_field="organization",
    )
