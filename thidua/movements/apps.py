from django.apps import AppConfig


class MovementsConfig(AppConfig):
    name = "thidua.movements"
    label = "movements"

    def ready(self) -> None:
        # The lifecycle tables and the effects the services attach to them (core.workflow.WORKFLOWS).
        from . import services, workflow  # noqa: F401
