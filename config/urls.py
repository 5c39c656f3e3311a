from importlib import import_module

from django.apps import apps
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
]

# Each installed app of ours that has pages adds its urls module; none is named here. Every app's paths carry
# their own prefix (/phong-trao/, /danh-gia/, /tai-khoan/ …), so the order does not matter.
for app_config in apps.get_app_configs():
    if not app_config.name.startswith("thidua."):
        continue
    try:
        module = import_module(f"{app_config.name}.urls")
    except ModuleNotFoundError as exc:  # an app without pages
        if exc.name != f"{app_config.name}.urls":
            raise
        continue
    urlpatterns.append(path("", include(module)))
