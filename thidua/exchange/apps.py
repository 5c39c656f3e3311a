from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from thidua.core.registry import NavEntry, registry


class ExchangeConfig(AppConfig):
    name = "thidua.exchange"
    label = "exchange"

    def ready(self) -> None:
        from thidua.accounts.models import Role  # a model module: loads once the app registry is ready

        registry.nav(
            NavEntry(
                "exchange:home",
                _("Nhập, xuất Excel"),
                roles=(Role.OFFICER,),
                group=_("Dữ liệu hằng năm"),
                order=330,
            )
        )
        registry.api_router("thidua.exchange.api")
