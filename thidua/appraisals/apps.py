from django.apps import AppConfig


class AppraisalsConfig(AppConfig):
    name = "thidua.appraisals"
    label = "appraisals"

    def ready(self) -> None:
        # The lifecycle tables and the effects the services attach to them (core.workflow.WORKFLOWS).
        from . import services, workflow  # noqa: F401
