from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from thidua.core.registry import NavEntry, demo_facts, registry


class DisclosureConfig(AppConfig):
    name = "thidua.disclosure"
    label = "disclosure"
    verbose_name = _("Công khai")

    def ready(self) -> None:
        # Modules that import models load here, once the app registry is ready: the lifecycle and the effects
        # the services attach to it (core.workflow.WORKFLOWS), the scope policies (selectors).
        from . import dashboard, demo, sections, selectors, services, workflow  # noqa: F401

        group = _("Khen thưởng")
        registry.nav(
            NavEntry(
                "disclosure:list",
                _("Công khai danh sách đề nghị"),
                roles=selectors.OFFICE_READERS,
                group=group,
                order=420,
            ),
            NavEntry(
                "disclosure:calendar",
                _("Lịch làm việc"),
                roles=selectors.OFFICE_READERS,
                group=group,
                order=425,
            ),
        )
        registry.api_router("thidua.disclosure.api")
        registry.public_link(NavEntry("disclosure:public_list", _("Công khai danh sách đề nghị khen thưởng")))
        registry.dashboard_tile(dashboard.office_tile, order=40)
        registry.section("nomination", sections.nomination_disclosure, order=40)
        registry.demo_step(demo_facts(demo.build_disclosure), order=80)
