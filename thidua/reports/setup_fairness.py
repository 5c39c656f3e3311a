"""The registrations (menu entries, tiles, sections) of the reports' fairness part."""

from django.utils.translation import gettext_lazy as _

from thidua.core.registry import NavEntry, registry

from .fairness import FAIRNESS_ROLES


def register() -> None:
    """Called once from ReportsConfig.ready()."""
    registry.nav(
        NavEntry(
            "reports:fairness",
            _("Chỉ số công bằng"),
            roles=FAIRNESS_ROLES,
            group=_("Khen thưởng"),
            order=520,
        )
    )
