from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from thidua.core.registry import NavEntry, demo_facts, registry


class FundConfig(AppConfig):
    name = "thidua.fund"
    label = "fund"
    verbose_name = _("Quỹ thi đua, khen thưởng")

    def ready(self) -> None:
        # The decisions app's own effects (money fixed at signing, repriced on registering, awards written) are
        # attached when its services load; loading them first puts the fund's effects after them.
        from thidua.decisions import services as _decisions  # noqa: F401
        from thidua.decisions.workflow import DECISION, ISSUE, REGISTER, REVOKE

        # selectors registers the scope policies of the fund's models.
        from . import dashboard, demo, effects, sections, selectors

        DECISION.on(ISSUE)(effects.decision_issued)
        DECISION.on(REGISTER)(effects.decision_issued)
        DECISION.on(REVOKE)(effects.decision_revoked)

        registry.nav(
            NavEntry(
                "fund:index",
                _("Quỹ thi đua, khen thưởng"),
                roles=selectors.FUND_READERS,
                group=_("Khen thưởng"),
                order=470,
            )
        )
        registry.section("decision", sections.decision_money, order=60)
        registry.dashboard_tile(dashboard.unpaid_tile, order=16)
        registry.demo_step(demo_facts(demo.build_fund), order=94)
