"""The JSON API under /api/v1/ (OpenAPI 3.1 at /api/v1/openapi.json, docs at /api/v1/docs)."""

from django.contrib.auth.decorators import login_required
from ninja import NinjaAPI

from .auth import API_AUTH
from .errors import document_errors, install_error_handlers

api = NinjaAPI(
    title="thidua API",
    version="1.0.0",
    description="Thi đua – khen thưởng: đơn vị, cán bộ, phong trào, đánh giá, quy tắc xét khen thưởng.",
    auth=API_AUTH,
    urls_namespace="api-v1",
    docs_decorator=login_required,
)


install_error_handlers(api)


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
document_errors(api)
