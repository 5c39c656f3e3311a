from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from thidua.core.registry import NavEntry, registry


class ClustersConfig(AppConfig):
    name = "thidua.clusters"
    label = "clusters"
    verbose_name = _("Cụm, khối thi đua")

    def ready(self) -> None:
        # selectors registers the scope policies; services attaches the lifecycles' effects.
        from . import dashboard, demo, sections, selectors, services

        registry.collective_proposer(services.proposal_allows_collective)
        registry.unit_section(sections.unit_clusters, order=50)
        registry.dashboard_tile(dashboard.bloc_tile, order=6)
        # After the council's sessions (85), the decisions (90) and the certificates (92).
        registry.demo_step(demo.seed, order=96)
        registry.nav(
            # In the "Tổ chức" dropdown: one more top-level item would push the menu past a 1200 px screen.
            NavEntry(
                "clusters:index",
                _("Cụm, khối thi đua"),
                roles=("officer", "signer"),
                group=_("Tổ chức"),
                order=820,
            )
        )
        del selectors
