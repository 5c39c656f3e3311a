from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiativesConfig(AppConfig):
    name = "thidua.initiatives"
    label = "initiatives"

    def ready(self) -> None:
        from thidua.core.registry import NavEntry, registry

        from . import (
            exchange,  # the Excel kinds of this app
            selectors,  # noqa: F401  (the scope policy of initiatives)
        )

        registry.nav(
            NavEntry("initiatives:list", _("Sáng kiến, đề tài"), group=_("Dữ liệu hằng năm"), order=310)
        )
        registry.api_router("thidua.initiatives.api")
        registry.excel_kind(exchange.InitiativesKind())
