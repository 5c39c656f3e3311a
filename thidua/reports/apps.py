from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    """Statistics, fairness indicators, the statutory statistical forms and the Director's year (issue 15).

    Each part registers its own menu entries, tiles and sections in its module's `register()`."""

    name = "thidua.reports"
    label = "reports"
    verbose_name = _("Thống kê, báo cáo")

    def ready(self) -> None:
        from . import setup_director, setup_fairness, setup_statistics, setup_statutory

        for part in (setup_statistics, setup_fairness, setup_statutory, setup_director):
            part.register()
