"""The registrations (menu entries, tiles, sections) of the reports' statistics part."""

from django.utils.translation import gettext_lazy as _

from thidua.core.registry import NavEntry, registry

from .statistics import STATISTICS_ROLES


def register() -> None:
    """Called once from ReportsConfig.ready(): the statistics page in the "Khen thưởng" menu (shared
    with the fairness indicators, so the menu bar still fits 1200 px)."""
    registry.nav(
        NavEntry(
            "reports:statistics",
            _("Thống kê"),
            roles=STATISTICS_ROLES,
            group=_("Khen thưởng"),
            order=480,
        )
    )
