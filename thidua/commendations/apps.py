from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommendationsConfig(AppConfig):
    name = "thidua.commendations"
    label = "commendations"

    def ready(self) -> None:
        from thidua.core.registry import NavEntry, registry

        from . import (
            dashboard,
            exchange,  # the Excel kinds of this app
            selectors,  # noqa: F401  (the scope policy of awards)
        )

        registry.nav(
            NavEntry("commendations:award_list", _("Sổ khen thưởng"), group=_("Dữ liệu hằng năm"), order=320)
        )
        registry.api_router("thidua.commendations.api")
        registry.excel_kind(exchange.AwardsKind())
        registry.dashboard_tile(dashboard.year_tile, order=50)
