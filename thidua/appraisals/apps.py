from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from thidua.core.registry import NavEntry, demo_facts, registry


class AppraisalsConfig(AppConfig):
    name = "thidua.appraisals"
    label = "appraisals"

    def ready(self) -> None:
        # Modules that import models load here, once the app registry is ready (not a cycle). The lifecycle
        # tables and the effects the services attach to them (core.workflow.WORKFLOWS).
        from . import dashboard, demo, exchange, sections, selectors, services, workflow  # noqa: F401

        registry.nav(
            NavEntry("appraisals:home", _("Đánh giá, đăng ký"), group=_("Dữ liệu hằng năm"), order=300)
        )
        registry.person_section(sections.person_years, order=10)
        registry.unit_section(sections.unit_years, order=10)
        registry.api_router("thidua.appraisals.api")
        for kind in exchange.KINDS:
            registry.excel_kind(kind)
        registry.dashboard_tile(dashboard.office_tile, order=11)
        registry.dashboard_tile(dashboard.unit_tile, order=21)
        registry.dashboard_tile(dashboard.own_tile, order=31)
        registry.demo_step(demo_facts(demo.build_facts), order=30)
        registry.demo_step(demo_facts(demo.build_registration_round), order=90)
