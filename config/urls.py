import contextlib

from django.contrib import admin
from django.urls import include, path

from thidua.accounts.scope import is_system_admin
from thidua.api.api import api

# Django admin is for system administrators only.
admin.site.has_permission = lambda request: is_system_admin(request.user)  # type: ignore[method-assign]
admin.site.site_header = "thidua – Quản trị hệ thống"

urlpatterns = [
    path("quan-tri/", admin.site.urls),
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("tai-khoan/", include("thidua.accounts.urls")),
    path("", include("thidua.organizations.urls")),
    path("", include("thidua.audit.urls")),
    path("", include("thidua.core.urls")),
]

for app in ("movements", "appraisals", "initiatives", "commendations", "rules", "documents", "exchange"):
    with contextlib.suppress(ModuleNotFoundError):  # an app without pages
        urlpatterns.insert(-1, path("", include(f"thidua.{app}.urls")))

# Uploaded files are never served as static media, not even under DEBUG: each is streamed by a view that
# checks the user may read the record owning it (thidua/core/uploads.py).
