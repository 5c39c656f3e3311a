"""API routes for proposal batches (tờ trình) and their lines (đề nghị khen thưởng).

Reads go through the scoped selectors (404 outside the caller's scope); writes call the same services as the
pages, which check the caller's role in the unit or office concerned (403 otherwise). A write may carry the
batch `version` the client read: a stale one is refused with 409 and nothing is written.
"""

from datetime import date, datetime

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from thidua.accounts.scope import CHANGE, restrict, visible_organizations, visible_people
from thidua.api.errors import ErrorOut
from thidua.api.pagination import ID_MAX, Pagination, Year
from thidua.core.codes import AwardCode, AwardTrack
from thidua.core.params import YEAR_MAX, YEAR_MIN
from thidua.documents.validators import DocumentText
from thidua.movements.selectors import movement_list_visible_to
from thidua.organizations.models import Organization

from . import selectors, services
from .models import Nomination, ProposalBatch

router = Router(tags=["nominations"])

VersionField = Field(None, ge=1, le=2_000_000_000, description="Phiên bản tờ trình mà bên gọi đã đọc")


class ReasonOut(Schema):
    criterion: str
    met: bool | None
    text: str
    basis: str


class NominationOut(Schema):
    id: int
    batch_id: int
    origin_batch_id: int | None
    person_id: int | None
    organization_id: int | None
    subject: str
    code: str
    track: str
    year: int
    period_from: int | None
    period_to: int | None
    movement_id: int | None
    achievement: str
    status: str
    verdict: str
    reasons: list[ReasonOut]
    rule_set: str
    checked_at: datetime | None
    recheck_note: str
    return_reason: str
    result_note: str

    @staticmethod
    def resolve_subject(obj: Nomination) -> str:
        return obj.person.full_name if obj.person_id else str(obj.organization)  # type: ignore[union-attr]

    @staticmethod
    def resolve_reasons(obj: Nomination) -> list[dict]:
        return [
            {
                "criterion": str(r.get("criterion", "")),
                "met": r.get("met"),
                "text": str(r.get("text", "")),
                "basis": str(r.get("basis", "")),
            }
            for r in obj.reasons or []
            if isinstance(r, dict)
        ]


class BatchOut(Schema):
    id: int
    unit_id: int
    unit: str = Field(..., alias="unit.name")
    office_id: int
    office: str = Field(..., alias="office.name")
    year: int
    title: str
    number: str
    dated: date | None
    movement_id: int | None
    status: str
    pooled_into_id: int | None
    version: int
    submitted_at: datetime | None
    accepted_at: datetime | None
    return_reason: str


class BatchDetailOut(BatchOut):
    nominations: list[NominationOut]

    @staticmethod
    def resolve_nominations(obj: ProposalBatch) -> list[Nomination]:
        return selectors.batch_lines(batch=obj)


class BatchIn(Schema):
    unit_id: int = Field(..., ge=1, le=ID_MAX)
    year: int = Field(..., ge=YEAR_MIN, le=YEAR_MAX)
    title: DocumentText = Field("", max_length=255)
    number: DocumentText = Field("", max_length=64)
    dated: date | None = None
    movement_id: int | None = Field(None, ge=1, le=ID_MAX)
    advisory_id: int | None = Field(
        None, ge=1, le=ID_MAX, description="Đơn vị tổng hợp (để trống: gửi thẳng)"
    )


class NominationIn(Schema):
    code: AwardCode
    track: AwardTrack = AwardTrack.CONG_TRANG
    person_id: int | None = Field(None, ge=1, le=ID_MAX)
    organization_id: int | None = Field(None, ge=1, le=ID_MAX)
    period_from: int | None = Field(None, ge=YEAR_MIN, le=YEAR_MAX)
    period_to: int | None = Field(None, ge=YEAR_MIN, le=YEAR_MAX)
    movement_id: int | None = Field(None, ge=1, le=ID_MAX)
    achievement: DocumentText = Field("", max_length=10_000)
    version: int | None = VersionField


class TransitionIn(Schema):
    action: str = Field(..., max_length=32)
    reason: DocumentText = Field("", max_length=2000)
    version: int | None = VersionField


def _batch(request, batch_id: int) -> ProposalBatch:
    return selectors.batch_get_visible(user=request.auth, pk=batch_id)


def _conflict(error: services.BatchConflict) -> Status:
    return Status(409, {"detail": " ".join(error.messages)})


@router.get("/nomination-batches", response=list[BatchOut], summary="Danh sách tờ trình đề nghị khen thưởng")
@paginate(Pagination)
def batch_list(request, year: Year = None, status: str = "", side: str = ""):
    return selectors.batch_list_visible_to(user=request.auth, year=year, status=status[:32], side=side[:16])


@router.get(
    "/nomination-batches/{batch_id}",
    response=BatchDetailOut,
    summary="Chi tiết tờ trình với các đề nghị (kết quả kiểm tra tiêu chuẩn được đối chiếu lại)",
)
def batch_get(request, batch_id: int):
    batch = _batch(request, batch_id)
    if batch.status in services.LIVE_BATCH_STATES:
        services.batch_recheck(batch=batch)
    return batch


@router.post(
    "/nomination-batches",
    response={201: BatchDetailOut},
    summary="Lập tờ trình đề nghị khen thưởng (đang soạn)",
)
def batch_create(request, payload: BatchIn):
    unit = get_object_or_404(visible_organizations(request.auth), pk=payload.unit_id)
    movement = (
        get_object_or_404(movement_list_visible_to(user=request.auth), pk=payload.movement_id)
        if payload.movement_id
        else None
    )
    advisory = (
        get_object_or_404(Organization.objects.all(), pk=payload.advisory_id) if payload.advisory_id else None
    )
    batch = services.batch_create(
        actor=request.auth,
        unit=unit,
        year=payload.year,
        title=payload.title,
        number=payload.number,
        dated=payload.dated,
        movement=movement,
        advisory=advisory,
    )
    return Status(201, _batch(request, batch.pk))


@router.post(
    "/nomination-batches/{batch_id}/nominations",
    response={201: NominationOut, 409: ErrorOut},
    summary="Thêm một đề nghị (cá nhân hoặc tập thể) vào tờ trình",
)
def nomination_add(request, batch_id: int, payload: NominationIn):
    batch = _batch(request, batch_id)
    person = (
        get_object_or_404(visible_people(request.auth), pk=payload.person_id) if payload.person_id else None
    )
    organization = (
        get_object_or_404(visible_organizations(request.auth), pk=payload.organization_id)
        if payload.organization_id
        else None
    )
    movement = (
        get_object_or_404(movement_list_visible_to(user=request.auth), pk=payload.movement_id)
        if payload.movement_id
        else None
    )
    try:
        line = services.nomination_add(
            actor=request.auth,
            batch=batch,
            code=payload.code,
            track=payload.track,
            person=person,
            organization=organization,
            period_from=payload.period_from,
            period_to=payload.period_to,
            movement=movement,
            achievement=payload.achievement,
            version=payload.version,
        )
    except services.BatchConflict as error:
        return _conflict(error)
    return Status(201, selectors.nomination_get_visible(user=request.auth, pk=line.pk))


@router.post(
    "/nomination-batches/{batch_id}/transitions",
    response={200: BatchOut, 409: ErrorOut},
    summary="Chuyển trạng thái tờ trình (gửi, trả lại, tiếp nhận, rút)",
)
def batch_transition(request, batch_id: int, payload: TransitionIn):
    batch = _batch(request, batch_id)
    if not restrict(ProposalBatch.objects.filter(pk=batch.pk), request.auth, CHANGE).exists():
        raise PermissionDenied
    try:
        done = services.batch_transition(
            actor=request.auth,
            batch=batch,
            action=payload.action,
            reason=payload.reason,
            version=payload.version,
        )
    except services.BatchConflict as error:
        return _conflict(error)
    return Status(200, _batch(request, done.pk))


@router.get("/nominations", response=list[NominationOut], summary="Danh sách đề nghị khen thưởng")
@paginate(Pagination)
def nomination_list(request, year: Year = None, status: str = "", code: str = ""):
    return selectors.nomination_list_visible_to(
        user=request.auth, year=year, status=status[:32], code=code[:32]
    )


@router.get(
    "/nominations/{nomination_id}", response=NominationOut, summary="Chi tiết một đề nghị khen thưởng"
)
def nomination_get(request, nomination_id: int):
    return selectors.nomination_get_visible(user=request.auth, pk=nomination_id)


@router.post(
    "/nominations/{nomination_id}/transitions",
    response={200: NominationOut, 409: ErrorOut},
    summary="Chuyển trạng thái một đề nghị (chấp nhận, trả lại, đề nghị lại, rút)",
)
def nomination_transition(request, nomination_id: int, payload: TransitionIn):
    line = selectors.nomination_get_visible(user=request.auth, pk=nomination_id)
    try:
        services.nomination_transition(
            actor=request.auth,
            nomination=line,
            action=payload.action,
            reason=payload.reason,
            version=payload.version,
        )
    except services.BatchConflict as error:
        return _conflict(error)
    return Status(200, selectors.nomination_get_visible(user=request.auth, pk=line.pk))
