"""POST /api/v1/eligibility: the eligibility contract over HTTP (docs/eligibility-contract.md).

The body is parsed here, not by a schema, so that validation (and its Vietnamese messages naming the field)
is exactly the engine's, shared with the `eligibility` management command. Authentication comes from the
parent API (mounted under /api/v1/).
"""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest
from ninja import Router
from ninja.responses import Status

from .engine import ContractError, answer

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
