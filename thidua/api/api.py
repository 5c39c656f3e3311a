"""The JSON API under /api/v1/ (OpenAPI 3.1 at /api/v1/openapi.json, docs at /api/v1/docs)."""

from django.contrib.auth.decorators import login_required
from ninja import NinjaAPI

from thidua.core.registry import registry

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


# Each installed app registers its router in its AppConfig.ready() (core.registry); none is named here.
for prefix, router in registry.routers():
    api.add_router(prefix, router)
document_errors(api)
