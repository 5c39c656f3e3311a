from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from thidua.core.registry import DocumentKind, NavEntry, demo_facts, registry


class MovementsConfig(AppConfig):
    name = "thidua.movements"
    label = "movements"

    def ready(self) -> None:
        # Modules that import models load here, once the app registry is ready (not a cycle). The lifecycle
        # tables and the effects the services attach to them (core.workflow.WORKFLOWS).
        from . import dashboard, demo, documents, selectors, services, workflow  # noqa: F401

        registry.nav(NavEntry("movements:list", _("Phong trào thi đua"), order=100))
        registry.api_router("thidua.movements.api")
        registry.award_check(services.award_plan_check)
        registry.document_kind(
            DocumentKind(
                services.LAUNCH_PURPOSE,
                _("Văn bản phát động phong trào"),
                find=documents.launch_source,
                build=documents.launch_build,
            )
        )
        registry.document_kind(
            DocumentKind(
                services.REVIEW_PURPOSE,
                _("Báo cáo sơ kết, tổng kết"),
                find=documents.review_source,
                build=documents.review_build,
            )
        )
        registry.dashboard_tile(dashboard.office_tile, order=10)
        registry.dashboard_tile(dashboard.unit_tile, order=20)
        registry.dashboard_tile(dashboard.signer_tile, order=5)
        registry.demo_step(demo_facts(demo.build_movements), order=60)
