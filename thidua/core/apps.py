from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "thidua.core"
    label = "core"

    def ready(self) -> None:
        from .registry import NavEntry, registry

        registry.nav(
            NavEntry("core:home", _("Tổng quan"), order=0),
            NavEntry("admin:index", _("Quản trị"), admin_only=True, group=_("Hệ thống"), order=920),
        )
