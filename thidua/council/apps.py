from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from thidua.core.registry import DocumentKind, NavEntry, demo_facts, registry


class CouncilConfig(AppConfig):
    name = "thidua.council"
    label = "council"
    verbose_name = _("Hội đồng Thi đua – Khen thưởng")

    def ready(self) -> None:
        # Modules that import models load here, once the app registry is ready: the lifecycles and the effects
        # the services attach to them (core.workflow.WORKFLOWS), the scope policies (selectors).
        from thidua.accounts.models import Role

        from . import dashboard, demo, documents, sections, selectors, services, workflow  # noqa: F401

        group = _("Khen thưởng")
        registry.nav(
            NavEntry(
                "council:council_list",
                _("Hội đồng Thi đua – Khen thưởng"),
                roles=selectors.COUNCIL_READERS,
                group=group,
                order=440,
            ),
            NavEntry(
                "council:session_list",
                _("Phiên họp, bỏ phiếu"),
                roles=(*selectors.COUNCIL_READERS, Role.UNIT_HEAD, Role.UNION_REP, Role.YOUTH_REP),
                group=group,
                order=445,
            ),
        )
        registry.api_router("thidua.council.api")
        registry.document_kind(
            DocumentKind(
                documents.TALLY_PURPOSE,
                _("Biên bản kiểm phiếu Hội đồng Thi đua – Khen thưởng"),
                find=documents.session_source,
                build=documents.tally_build,
            )
        )
        registry.document_kind(
            DocumentKind(
                documents.MINUTES_PURPOSE,
                _("Biên bản họp Hội đồng Thi đua – Khen thưởng"),
                find=documents.session_source,
                build=documents.minutes_build,
            )
        )
        registry.section("nomination", sections.nomination_council, order=60)
        registry.dashboard_tile(dashboard.member_tile, order=3)
        registry.demo_step(demo_facts(demo.build_council), order=85)
