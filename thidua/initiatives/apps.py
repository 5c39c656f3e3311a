from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from thidua.core.registry import NavEntry, PersonYearFacts, demo_facts, registry


class InitiativesConfig(AppConfig):
    name = "thidua.initiatives"
    label = "initiatives"

    def ready(self) -> None:
        # Modules that import models load here, once the app registry is ready (not a cycle).
        from . import (
            demo,
            exchange,  # the Excel kinds of this app
            selectors,  # also the scope policy of initiatives
        )

        registry.nav(
            NavEntry("initiatives:list", _("Sáng kiến, đề tài"), group=_("Dữ liệu hằng năm"), order=310)
        )
        registry.api_router("thidua.initiatives.api")
        registry.excel_kind(exchange.InitiativesKind())
        registry.demo_step(demo_facts(demo.build_initiatives), order=40)
        registry.demo_step(demo_facts(demo.link_awards), order=55)  # after commendations' awards (50)
        registry.person_year(
            PersonYearFacts("initiatives", selectors.person_year_initiatives, ("level", "code", "title"))
        )
