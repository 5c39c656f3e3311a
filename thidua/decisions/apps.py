from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DecisionsConfig(AppConfig):
    name = "thidua.decisions"
    label = "decisions"
    verbose_name = _("Quyết định khen thưởng")

    def ready(self) -> None:
        # The lifecycle and the effects the services attach to it load here, once the app registry is ready.
        from . import services, workflow  # noqa: F401
