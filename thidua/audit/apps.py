from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from thidua.core.registry import NavEntry, registry


class AuditConfig(AppConfig):
    name = "thidua.audit"
    label = "audit"

    def ready(self) -> None:
        registry.nav(NavEntry("audit:list", _("Nhật ký"), admin_only=True, group=_("Hệ thống"), order=910))
