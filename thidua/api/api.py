"""The JSON API under /api/v1/ (OpenAPI 3.1 at /api/v1/openapi.json, docs at /api/v1/docs)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from ninja import NinjaAPI

from .auth import API_AUTH

api = NinjaAPI(
    title="thidua API",
    version="1.0.0",
    description="Thi đua – khen thưởng: đơn vị, cán bộ, phong trào, đánh giá, quy tắc xét khen thưởng.",
    auth=API_AUTH,
    urls_namespace="api-v1",
    docs_decorator=login_required,
)


@api.exception_handler(PermissionDenied)
def permission_denied(request, exc):
    return api.create_response(request, {"detail": "Không có quyền thực hiện thao tác này."}, status=403)


@api.exception_handler(ValidationError)
def validation_error(request, exc: ValidationError):
    errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    return api.create_response(request, {"detail": "Dữ liệu không hợp lệ.", "errors": errors}, status=422)


def _mount() -> None:
    from importlib import import_module

    for module_path, prefix in (
        ("thidua.organizations.api", "/"),
        ("thidua.rules.api", "/"),
        ("thidua.movements.api", "/"),
        ("thidua.appraisals.api", "/"),
        ("thidua.initiatives.api", "/"),
        ("thidua.commendations.api", "/"),
        ("thidua.exchange.api", "/"),
    ):
        try:
            module = import_module(module_path)
        except ModuleNotFoundError as exc:  # an app without API routes yet
            if exc.name != module_path:
                raise
            continue
        api.add_router(prefix, module.router)


_mount()
