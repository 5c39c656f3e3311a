from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from thidua.core.registry import DocumentKind, NavEntry, demo_facts, registry


class DecisionsConfig(AppConfig):
    name = "thidua.decisions"
    label = "decisions"
    verbose_name = _("Quyết định khen thưởng")

    def ready(self) -> None:
        # The lifecycle and the effects the services attach to it, the scope policies (selectors), the pages'
        # sections, tile and demo step load here, once the app registry is ready.
        from . import (  # noqa: F401
            dashboard,
            demo,
            documents,
            registry_links,
            sections,
            selectors,
            services,
            templates,
            workflow,
        )
        from .models import DecisionKind

        registry.nav(
            NavEntry(
                "decisions:decision_list",
                _("Quyết định khen thưởng"),
                roles=selectors.PAGE_ROLES,
                group=_("Khen thưởng"),
                order=450,
            )
        )
        registry.api_router("thidua.decisions.api")
        registry.document_kind(
            DocumentKind(
                services.DECISION_PURPOSE,
                _("Quyết định khen thưởng"),
                find=selectors.source_finder(DecisionKind.AWARD),
                build=documents.build,
            )
        )
        registry.document_kind(
            DocumentKind(
                services.PROPOSAL_PURPOSE,
                _("Tờ trình đề nghị cấp trên khen thưởng"),
                find=selectors.source_finder(DecisionKind.PROPOSAL),
                build=documents.build,
            )
        )
        registry.section("nomination", sections.nomination_decisions, order=70)
        registry.section("session", sections.session_decisions, order=10)
        registry.dashboard_tile(dashboard.decisions_tile, order=4)
        registry.demo_step(demo_facts(demo.build_decisions), order=90)
        # The decisions' documents beside each award of the registry; the office's Word templates (kinds, and the
        # DOCX of a signed decision from the agency's active template).
        registry_links.register()
        templates.register()
