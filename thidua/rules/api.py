"""POST /api/v1/eligibility: the eligibility contract over HTTP (docs/eligibility-contract.md).

The body is parsed here, not by a schema, so that validation (and its Vietnamese messages naming the field)
is exactly the engine's, shared with the `eligibility` management command. Authentication comes from the
parent API (mounted under /api/v1/).
"""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from typing import Any, get_type_hints

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.responses import Status
from pydantic import create_model

from .engine import ContractError, answer
from .engine import codes as C
from .engine.money import award_amount
from .engine.quotas import Proposal, QuotaExcess, check_quotas

router = Router(tags=["eligibility"])

_BODY_DOC = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {
                "schema": {"type": "object", "description": "Xem docs/eligibility-contract.md"}
            }
        },
    }
}


@router.post(
    "/eligibility",
    response={200: dict[str, Any], 400: dict[str, str]},
    summary="Xét điều kiện khen thưởng (eligibility)",
    description="Cùng hợp đồng JSON với lệnh `manage.py eligibility --facts FILE|-`.",
    openapi_extra=_BODY_DOC,
)
def eligibility(request: HttpRequest) -> Status[dict[str, Any]]:
    try:
        data = json.loads(request.body.decode("utf-8"))
    except UnicodeDecodeError:
        return Status(400, {"detail": "Nội dung yêu cầu phải được mã hóa UTF-8", "field": ""})
    except json.JSONDecodeError as exc:
        return Status(
            400, {"detail": f"JSON không hợp lệ (dòng {exc.lineno}, cột {exc.colno}): {exc.msg}", "field": ""}
        )
    try:
        return Status(200, answer(data))
    except ContractError as exc:
        detail = f"Dữ liệu không hợp lệ tại trường {exc.field or '(gốc)'}: {exc.message}"
        return Status(400, {"detail": detail, "field": exc.field})


# --- quotas and award money ---------------------------------------------------------------------------------


class ProposalIn(Schema):
    unit: str = Field(min_length=1, description="Mã hoặc tên đơn vị đề nghị")
    code: str = Field(description="Mã danh hiệu, hình thức (LDTT, CSTDCS, ...)")


class BaseCountIn(Schema):
    unit: str
    code: str
    count: int = Field(ge=0)


class QuotaCheckIn(Schema):
    year: int = Field(ge=2017, le=2100, description="Năm thành tích")
    proposals: list[ProposalIn]
    base_counts: list[BaseCountIn] = Field(default_factory=list)


# The engine's answer, field for field (provincial_warning included): the schema is derived from the dataclass,
# not copied, so the API never drifts from the engine.
QuotaExcessOut = create_model(
    "QuotaExcessOut",
    __base__=Schema,
    **{name: (hint, ...) for name, hint in get_type_hints(QuotaExcess).items()},  # type: ignore[call-overload]
)


class AwardAmountOut(Schema):
    code: str
    subject_kind: str
    decision_date: date
    amount: int | None
    multiple: float | None
    base_salary: int | None
    basis: str
    to_verify: bool


@router.post(
    "/quotas/check",
    response={200: list[QuotaExcessOut], 400: dict[str, str]},  # type: ignore[valid-type]
    summary="Kiểm tra tỷ lệ khen thưởng của một danh sách đề nghị",
)
def quotas_check(request: HttpRequest, payload: QuotaCheckIn):
    """Excesses per unit and for the whole list (empty when every quota is respected)."""
    for index, proposal in enumerate(payload.proposals):
        if proposal.code not in C.CATALOGUE:
            return Status(
                400,
                {
                    "detail": f"Mã danh hiệu không tồn tại: {proposal.code}",
                    "field": f"proposals[{index}].code",
                },
            )
    excesses = check_quotas(
        [Proposal(unit=p.unit, code=p.code) for p in payload.proposals],
        year=payload.year,
        base_counts={(b.unit, b.code): b.count for b in payload.base_counts} or None,
    )
    return Status(200, [dataclasses.asdict(e) for e in excesses])


@router.get(
    "/award-amount",
    response={200: AwardAmountOut, 400: dict[str, str]},
    summary="Tiền thưởng: hệ số × mức lương cơ sở tại ngày quyết định, làm tròn lên 10.000 đồng",
)
def award_money(request: HttpRequest, code: str, decision_date: date, subject_kind: str = "individual"):
    if code not in C.CATALOGUE:
        return Status(400, {"detail": f"Mã danh hiệu không tồn tại: {code}", "field": "code"})
    if subject_kind not in C.SUBJECT_KINDS:
        return Status(
            400, {"detail": "subject_kind phải là individual hoặc collective", "field": "subject_kind"}
        )
    result = award_amount(code, subject_kind, decision_date)
    return Status(
        200, {"code": code, "subject_kind": subject_kind, "decision_date": decision_date, **result._asdict()}
    )
