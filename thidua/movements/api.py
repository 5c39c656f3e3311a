"""API routes for movements, targets, progress reports, reviews and exemplary models.

Reads go through the scoped selectors (404 outside the caller's scope); writes call the same services as the
pages, which check the caller's role in the unit concerned (403 otherwise).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from thidua.accounts.scope import visible_people
from thidua.api.pagination import ID_MAX, Pagination, Year
from thidua.documents.validators import DocumentText
from thidua.organizations.models import Organization

from . import selectors, services
from .models import AwardingMode, Channel, MovementKind, MovementLevel, OrganisingMethod, ResponsibleParty

router = Router(tags=["movements"])


class ObjectiveOut(Schema):
    order: int
    text: str


class SolutionOut(Schema):
    number: str
    text: str


class ResponsibilityOut(Schema):
    party: str
    text: str


class RecipientOut(Schema):
    label: str
    channel: str


class MovementOut(Schema):
    id: int
    code: str
    parent_id: int | None
    level: str
    kind: str
    title: str
    theme: str
    period_start: int
    period_end: int
    launching_organization_id: int | None
    launched_by: str
    status: str
    launched_on: date | None
    dossier_open_on: date | None
    dossier_close_on: date | None
    organising_method: str
    awarding_mode: str


class AwardPlanOut(Schema):
    code: str
    stage: str
    planned_count: int
    criteria: str


class MovementDetailOut(MovementOut):
    signer_name: str | None = Field(None, alias="signer.full_name")
    signer_position: str
    introduction: str
    closing: str
    objectives: list[ObjectiveOut]
    solutions: list[SolutionOut]
    responsibilities: list[ResponsibilityOut]
    recipients: list[RecipientOut]
    award_plans: list[AwardPlanOut]


# Every string of the schemas below ends up in a document (or a record shown beside one): DocumentText refuses
# control characters, so what is saved can always be rendered.


class SolutionIn(Schema):
    number: DocumentText = Field(max_length=16)
    text: DocumentText


class ResponsibilityIn(Schema):
    party: ResponsibleParty
    text: DocumentText


class RecipientIn(Schema):
    label: DocumentText = Field(max_length=255)
    channel: Channel = Channel.EOFFICE


class MovementIn(Schema):
    code: DocumentText = Field(max_length=64)
    title: DocumentText = Field(max_length=500)
    level: MovementLevel = MovementLevel.AGENCY
    kind: MovementKind = MovementKind.REGULAR
    parent_id: int | None = None
    theme: DocumentText = ""
    period_start: int
    period_end: int
    launching_organization_id: int
    signer_id: int | None = None
    signer_position: DocumentText = Field("", max_length=128)
    abstract: DocumentText = Field("", max_length=500)
    addressees: DocumentText = ""
    drafting_unit_symbol: DocumentText = Field("", max_length=16)
    introduction: DocumentText = ""
    closing: DocumentText = ""
    dossier_open_on: date | None = None
    dossier_close_on: date | None = None
    organising_method: OrganisingMethod | None = None
    awarding_mode: AwardingMode = AwardingMode.STAGED
    objectives: list[DocumentText] = []
    solutions: list[SolutionIn] = []
    responsibilities: list[ResponsibilityIn] = []
    recipients: list[RecipientIn] = []


class TransitionIn(Schema):
    action: str
    reason: DocumentText = ""


class TargetOut(Schema):
    id: int
    movement_id: int
    organization_id: int
    year: int
    indicator: str
    unit_of_measure: str
    target_value: Decimal


class TargetIn(Schema):
    organization_id: int
    year: int
    indicator: DocumentText = Field(max_length=500)
    unit_of_measure: DocumentText = Field(max_length=64)
    target_value: Decimal


class ReportOut(Schema):
    id: int
    movement_id: int
    organization_id: int
    year: int
    period: str
    due_on: date
    status: str
    narrative: str
    return_reason: str
    submitted_at: datetime | None


class ReportValueIn(Schema):
    target_id: int
    value: Decimal


class ReportValuesIn(Schema):
    values: list[ReportValueIn]
    narrative: DocumentText | None = None


class ReviewOut(Schema):
    id: int
    kind: str
    scheduled_on: date
    held_on: date | None
    report_number_symbol: str | None = Field(None, alias="report_document.number_symbol")


class ProgressUnitOut(Schema):
    organization_id: int
    organization: str
    pct: float
    targets: int


class ProgressOut(Schema):
    overall: float | None
    reached: int
    units: list[ProgressUnitOut]


class ReplicationOut(Schema):
    organization_id: int
    replicated_on: date


class ExemplaryModelOut(Schema):
    id: int
    movement_id: int
    kind: str
    title: str
    organization_id: int
    person_id: int | None
    story: str
    evidence: str
    recognized_on: date
    published: bool
    replications: list[ReplicationOut]


def _movement(request, movement_id: int):
    return selectors.movement_get_visible(user=request.auth, pk=movement_id)


@router.get("/movements", response=list[MovementOut], summary="Danh sách phong trào thi đua")
@paginate(Pagination)
def movement_list(request, status: str = "", q: str = ""):
    return selectors.movement_list_visible_to(user=request.auth, status=status, query=q)


@router.get("/movements/{movement_id}", response=MovementDetailOut, summary="Chi tiết một phong trào thi đua")
def movement_get(request, movement_id: int):
    return selectors.movement_with_content(movement=_movement(request, movement_id))


@router.post("/movements", response={201: MovementDetailOut}, summary="Tạo phong trào thi đua (bản nháp)")
def movement_create(request, payload: MovementIn):
    data = payload.dict()
    organization = get_object_or_404(Organization, pk=data.pop("launching_organization_id"))
    movement = services.movement_create(
        actor=request.auth,
        launching_organization=organization,
        objectives=data.pop("objectives"),
        solutions=[services.SolutionData(s["number"], s["text"]) for s in data.pop("solutions")],
        responsibilities=[
            services.ResponsibilityData(r["party"], r["text"]) for r in data.pop("responsibilities")
        ],
        recipients=[services.RecipientData(r["label"], r["channel"]) for r in data.pop("recipients")],
        parent=_movement(request, parent_id) if (parent_id := data.pop("parent_id")) else None,
        organising_method=data.pop("organising_method") or "",
        signer=get_object_or_404(visible_people(request.auth), pk=signer_id)
        if (signer_id := data.pop("signer_id"))
        else None,
        **data,
    )
    return Status(201, selectors.movement_with_content(movement=movement))


@router.post(
    "/movements/{movement_id}/transitions",
    response=MovementOut,
    summary="Chuyển trạng thái phong trào (phát động, kết thúc, …)",
)
def movement_transition(request, movement_id: int, payload: TransitionIn):
    return services.movement_transition(
        actor=request.auth,
        movement=_movement(request, movement_id),
        action=payload.action,
        reason=payload.reason,
    )


@router.get(
    "/movements/{movement_id}/progress", response=ProgressOut, summary="Tiến độ thực hiện phong trào theo năm"
)
def movement_progress(request, movement_id: int, year: Year = None):
    progress = selectors.movement_progress(movement=_movement(request, movement_id), year=year)
    return {
        "overall": progress["overall"],
        "reached": progress["reached"],
        "units": [
            {
                "organization_id": u["organization"].pk,
                "organization": u["organization"].name,
                "pct": u["pct"],
                "targets": u["targets"],
            }
            for u in progress["units"]
        ],
    }


@router.get(
    "/movements/{movement_id}/targets", response=list[TargetOut], summary="Danh sách chỉ tiêu của phong trào"
)
def target_list(request, movement_id: int, year: Year = None):
    movement = _movement(request, movement_id)
    qs = movement.targets.order_by("year", "id")
    return qs.filter(year=year) if year else qs


@router.post(
    "/movements/{movement_id}/targets", response={201: TargetOut}, summary="Thêm chỉ tiêu cho phong trào"
)
def target_create(request, movement_id: int, payload: TargetIn):
    movement = _movement(request, movement_id)
    data = payload.dict()
    organization = get_object_or_404(Organization, pk=data.pop("organization_id"))
    return Status(
        201, services.target_create(actor=request.auth, movement=movement, organization=organization, **data)
    )


@router.get(
    "/movements/{movement_id}/reports",
    response=list[ReportOut],
    summary="Báo cáo của các đơn vị trong phong trào",
)
def movement_reports(request, movement_id: int):
    return selectors.report_list_visible_to(user=request.auth, movement=_movement(request, movement_id))


@router.get(
    "/reports", response=list[ReportOut], summary="Danh sách báo cáo phong trào trong phạm vi được xem"
)
@paginate(Pagination)
def report_list(request, status: str = ""):
    return selectors.report_list_visible_to(user=request.auth, status=status)


@router.get("/reports/{report_id}", response=ReportOut, summary="Chi tiết một báo cáo phong trào")
def report_get(request, report_id: int):
    return selectors.report_get_visible(user=request.auth, pk=report_id)


@router.put("/reports/{report_id}/values", response=ReportOut, summary="Ghi số liệu của báo cáo")
def report_values(request, report_id: int, payload: ReportValuesIn):
    report = selectors.report_get_visible(user=request.auth, pk=report_id)
    values = {v.target_id: v.value for v in payload.values}
    return services.report_save(actor=request.auth, report=report, values=values, narrative=payload.narrative)


@router.post(
    "/reports/{report_id}/transitions",
    response=ReportOut,
    summary="Chuyển trạng thái báo cáo (gửi, tiếp nhận, trả lại)",
)
def report_transition(request, report_id: int, payload: TransitionIn):
    report = selectors.report_get_visible(user=request.auth, pk=report_id)
    return services.report_transition(
        actor=request.auth, report=report, action=payload.action, reason=payload.reason
    )


@router.get(
    "/movements/{movement_id}/reviews",
    response=list[ReviewOut],
    summary="Danh sách sơ kết, tổng kết của phong trào",
)
def review_list(request, movement_id: int):
    return selectors.review_list_for(movement=_movement(request, movement_id))


@router.get("/exemplary-models", response=list[ExemplaryModelOut], summary="Danh sách điển hình tiên tiến")
@paginate(Pagination)
def exemplary_model_list(request, movement: int | None = Query(None, ge=1, le=ID_MAX)):
    selected = _movement(request, movement) if movement else None
    return selectors.exemplary_model_list_visible_to(user=request.auth, movement=selected)
