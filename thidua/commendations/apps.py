from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from thidua.core.registry import NavEntry, PersonYearFacts, demo_facts, registry


class CommendationsConfig(AppConfig):
    name = "thidua.commendations"
    label = "commendations"

    def ready(self) -> None:
        # Modules that import models load here, once the app registry is ready (not a cycle).
        from . import (
            dashboard,
            demo,
            exchange,  # the Excel kinds of this app
            sections,
            selectors,  # also the scope policy of awards
        )

        registry.nav(
            NavEntry("commendations:award_list", _("Sổ khen thưởng"), group=_("Dữ liệu hằng năm"), order=320)
        )
        registry.api_router("thidua.commendations.api")
        registry.excel_kind(exchange.AwardsKind())
        registry.dashboard_tile(dashboard.year_tile, order=50)
        registry.demo_step(demo_facts(demo.build_awards), order=50)
        registry.person_section(sections.person_awards, order=40)
        registry.unit_section(sections.unit_awards, order=40)
        registry.person_year(
            PersonYearFacts("awards", selectors.person_year_awards, ("code", "track", "decision_number"))
        )
