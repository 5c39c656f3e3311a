"""The JSON API under /api/v1/ (OpenAPI 3.1 at /api/v1/openapi.json, docs at /api/v1/docs)."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from ninja import NinjaAPI

from thidua.core.registry import registry

from .auth import API_AUTH, TokenAuth
from .errors import document_errors, install_error_handlers


def docs_access(view):
    """The docs page and the OpenAPI document: for a logged-in user, or a machine with a bearer token."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not (request.user.is_authenticated and request.user.is_active):
            user = TokenAuth()(request)
            if user is None:
                return redirect_to_login(request.get_full_path())
            request.user = user
        return view(request, *args, **kwargs)

    return wrapped


api = NinjaAPI(
    title="thidua API",
    version="1.0.0",
    description="Thi đua – khen thưởng: đơn vị, cán bộ, phong trào, đánh giá, quy tắc xét khen thưởng.",
    auth=API_AUTH,
    urls_namespace="api-v1",
    docs_decorator=docs_access,
)


install_error_handlers(api)


# Each installed app registers its router in its AppConfig.ready() (core.registry); none is named here.
for prefix, router in registry.routers():
    api.add_router(prefix, router)
document_errors(api)
