from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from thidua.core.registry import NavEntry, demo_facts, registry


class NominationsConfig(AppConfig):
    name = "thidua.nominations"
    label = "nominations"
    verbose_name = "Đề nghị khen thưởng"

    def ready(self) -> None:
        # Modules that import models load here, once the app registry is ready (not a cycle): the lifecycles
        # and the effects the services attach to them.
        from . import dashboard, demo, sections, selectors, services, workflow

        if services.quota_problems not in workflow.SUBMIT_CHECKS:
            workflow.SUBMIT_CHECKS.append(services.quota_problems)
        registry.nav(
            NavEntry(
                "nominations:list",
                _("Đề nghị khen thưởng"),
                roles=selectors.PAGE_ROLES,
                group=_("Khen thưởng"),
                order=150,
            )
        )
        registry.api_router("thidua.nominations.api")
        registry.person_section(sections.person_nominations, order=30)
        registry.dashboard_tile(dashboard.office_tile, order=15)
        registry.dashboard_tile(dashboard.unit_tile, order=25)
        registry.demo_step(demo_facts(demo.build_nominations), order=70, present=demo.present)
        registry.demo_step(demo_facts(demo.send_nominations), order=78)  # after the dossiers (75)
