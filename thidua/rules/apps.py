from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from thidua.core.registry import NavEntry, registry


class RulesConfig(AppConfig):
    name = "thidua.rules"
    label = "rules"

    def ready(self) -> None:
        # Modules that import models load here, once the app registry is ready (not a cycle).
        from . import dashboard, sections, selectors, views

        registry.nav(
            NavEntry(
                "rules:discovery",
                _("Rà soát khen thưởng"),
                roles=selectors.DISCOVERY_ROLES,  # the menu shows the page to exactly those it opens to
                group=_(
                    "Khen thưởng"
                ),  # the commendation cycle's menu: discovery, nominations, disclosure, council
                order=140,
            ),
            NavEntry(
                "rules:config",
                _("Cấu hình quy tắc"),
                roles=views.CONFIG_ROLES,
                group=_("Hệ thống"),
                order=900,
            ),
        )
        registry.person_section(sections.person_verdicts, order=20)
        registry.unit_section(sections.unit_verdicts, order=20)
        registry.api_router("thidua.rules.api")
        registry.dashboard_tile(dashboard.discovery_tile, order=40)
