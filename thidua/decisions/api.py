"""API routes of the decisions: the list, one decision with its awardees and the check of its signature, and the
steps of its lifecycle.

Reads go through the scoped selectors (404 outside the caller's scope, drafts only for the agency's office and
head); a step calls the same service as the pages, which checks the caller's role in the decision's agency
(403), the state and the guards (422), and the `version` the caller read (409 when someone changed the decision
since: nothing is written).
"""

from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from thidua.api.errors import ErrorOut
from thidua.api.pagination import Pagination, Year
from thidua.documents.validators import DocumentText

from . import selectors, services
from .models import Decision, DecisionKind, DecisionLine, DecisionStatus

router = Router(tags=["decisions"])

Action = Literal["submit", "return", "sign", "issue", "register", "revoke"]


class DecisionOut(Schema):
    id: int
    agency_id: int
    agency: str = Field(..., alias="agency.name")
    kind: str
    status: str
    year: int
    title: str
    number_symbol: str
    decided_on: date | None
    deciding_body: str
    signer_name: str
    signer_position: str
    council_session_id: int | None
    movement_id: int | None
    proposal_id: int | None
    version: int
    signed_sha256: str
    signed_at: datetime | None
    issued_at: datetime | None
    return_reason: str
    revoke_reason: str
    revoking_number: str
    revoking_date: date | None


class DecisionListOut(DecisionOut):
    line_count: int
    total_amount: int

    @staticmethod
    def resolve_total_amount(obj: Decision) -> int:
        return int(getattr(obj, "total", None) or 0)


class LineOut(Schema):
    id: int
    nomination_id: int | None
    person_id: int | None
    organization_id: int | None
    subject_name: str
    subject_unit: str
    unit_id: int | None
    code: str
    track: str
    year: int
    period_from: int | None
    period_to: int | None
    amount: int | None
    multiple: Decimal | None
    base_salary: int | None
    money_basis: str
    money_to_verify: bool
    award_id: int | None


class SignatureOut(Schema):
    signed: bool
    valid: bool
    signer_subject: str
    problems: list[str]
    demo_certificate: bool


class DecisionDetailOut(DecisionOut):
    bases: list[str]
    lines: list[LineOut]
    total_amount: int
    answer_ids: list[int]
    signature: SignatureOut

    @staticmethod
    def resolve_bases(obj: Decision) -> list[str]:
        return [str(line) for line in obj.bases or []]

    @staticmethod
    def resolve_lines(obj: Decision) -> list[DecisionLine]:
        return selectors.lines_of(obj)

    @staticmethod
    def resolve_total_amount(obj: Decision) -> int:
        return services.total_amount(obj)

    @staticmethod
    def resolve_answer_ids(obj: Decision, context) -> list[int]:
        user = context["request"].auth
        return list(selectors.answers_of(obj, user=user).values_list("pk", flat=True))

    @staticmethod
    def resolve_signature(obj: Decision) -> dict:
        check = selectors.signature_check(obj)
        if check is None:
            return {
                "signed": False,
                "valid": False,
                "signer_subject": "",
                "problems": [],
                "demo_certificate": False,
            }
        return {
            "signed": True,
            "valid": bool(check["ok"]),
            "signer_subject": str(check.get("subject") or ""),
            "problems": [str(p) for p in check["problems"]],
            "demo_certificate": bool(check.get("demo")),
        }


class TransitionIn(Schema):
    action: Action
    reason: DocumentText = Field("", max_length=2000)
    version: int | None = Field(
        None, ge=1, le=2_000_000_000, description="Phiên bản quyết định bên gọi đã đọc"
    )
    revoking_number: DocumentText = Field("", max_length=64, description="Số quyết định hủy bỏ (khi hủy bỏ)")
    revoking_date: date | None = Field(None, description="Ngày quyết định hủy bỏ (khi hủy bỏ)")


@router.get(
    "/decisions", response=list[DecisionListOut], summary="Danh sách quyết định khen thưởng, tờ trình"
)
@paginate(Pagination)
def decision_list(
    request,
    year: Year = None,
    kind: DecisionKind | None = None,
    status: DecisionStatus | None = None,
):
    return selectors.decision_list_visible_to(
        user=request.auth, year=year, kind=kind or "", status=status or ""
    )


@router.get(
    "/decisions/{decision_id}",
    response=DecisionDetailOut,
    summary="Quyết định với danh sách được khen thưởng, tiền thưởng và kết quả kiểm tra chữ ký số",
)
def decision_get(request, decision_id: int):
    return selectors.decision_get_visible(user=request.auth, pk=decision_id)


@router.post(
    "/decisions/{decision_id}/transitions",
    response={200: DecisionDetailOut, 409: ErrorOut},
    summary="Chuyển trạng thái quyết định (trình ký, trả lại, ký số, ban hành, ghi nhận, hủy bỏ)",
)
def decision_transition(request, decision_id: int, payload: TransitionIn):
    decision = selectors.decision_get_managed(user=request.auth, pk=decision_id)
    try:
        services.decision_transition(
            actor=request.auth,
            decision=decision,
            action=payload.action,
            reason=payload.reason,
            version=payload.version,
            revoking_number=payload.revoking_number,
            revoking_date=payload.revoking_date,
        )
    except services.DecisionConflict as error:
        return Status(409, {"detail": " ".join(error.messages)})
    return Status(200, selectors.decision_get_visible(user=request.auth, pk=decision.pk))
