"""One error contract for the whole API: every error body is `{"detail": "..."}`, and a 422 also lists the
errors as `[{"index", "column", "message"}]` (`column` names the field, or the template column of a bulk row;
`index` is the row of a bulk request). `document_errors` declares 400/401/403/404/422 on every operation once,
so that the OpenAPI document tells the truth about what a client may receive."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from thidua.core.params import ParameterError


class ErrorOut(Schema):
    detail: str


class ErrorItemOut(Schema):
    index: int | None = None
    column: str | None = None
    message: str


class ValidationErrorOut(Schema):
    detail: str
    errors: list[ErrorItemOut]


ERROR_RESPONSES: dict[int, type[Schema]] = {
    400: ErrorOut,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    422: ValidationErrorOut,
}

# Where a parameter came from, as ninja names it; dropped from the field path shown to the client.
_SOURCES = {"body", "query", "path", "header", "cookie", "form", "file", "payload"}


def _field_of(loc: tuple[Any, ...] | list[Any]) -> str | None:
    parts = [str(part) for part in loc if str(part) not in _SOURCES]
    return ".".join(parts) or None


def validation_items(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Pydantic's errors as the API's error items (the field path, and pydantic's message)."""
    return [
        {"index": None, "column": _field_of(e.get("loc", ())), "message": str(e.get("msg", ""))}
        for e in errors
    ]


def install_error_handlers(api: NinjaAPI) -> None:
    @api.exception_handler(NinjaValidationError)
    def request_invalid(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
        body = {"detail": _("Dữ liệu không hợp lệ."), "errors": validation_items(list(exc.errors))}
        return api.create_response(request, body, status=422)

    @api.exception_handler(DjangoValidationError)
    def model_invalid(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
        items: list[dict[str, Any]] = []
        if hasattr(exc, "error_dict"):
            for field, messages in exc.message_dict.items():
                column = None if field == "__all__" else field
                items.extend({"index": None, "column": column, "message": m} for m in messages)
        else:
            items = [{"index": None, "column": None, "message": m} for m in exc.messages]
        return api.create_response(
            request, {"detail": _("Dữ liệu không hợp lệ."), "errors": items}, status=422
        )

    @api.exception_handler(PermissionDenied)
    def permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        return api.create_response(
            request, {"detail": _("Không có quyền thực hiện thao tác này.")}, status=403
        )

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        body = {"detail": _("Chưa xác thực: cần mã truy cập (Bearer) hợp lệ hoặc phiên đăng nhập.")}
        return api.create_response(request, body, status=401)

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        body = {"detail": _("Không tìm thấy, hoặc không thuộc phạm vi bạn được xem.")}
        return api.create_response(request, body, status=404)

    @api.exception_handler(ParameterError)
    def bad_parameter(request: HttpRequest, exc: ParameterError) -> HttpResponse:
        return api.create_response(request, {"detail": exc.message}, status=400)

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        detail = str(exc)
        if exc.status_code == 400:  # ninja's "Cannot parse request body"
            detail = _("Nội dung yêu cầu không phải JSON hợp lệ.")
        return api.create_response(request, {"detail": detail}, status=exc.status_code)


def document_errors(api: NinjaAPI) -> None:
    """Declare the error responses on every operation (a status an operation declares itself is kept)."""
    for bound_router in api._get_bound_routers():
        for path_view in bound_router.path_operations.values():
            for operation in path_view.operations:
                # An operation declaring only 201 must return Status(201, ...): with more statuses declared,
                # ninja answers a plain return value with 200.
                models = operation.response_models
                for status, schema in ERROR_RESPONSES.items():
                    if status not in models:
                        models[status] = operation._create_response_model(schema)
