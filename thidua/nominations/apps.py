from django.apps import AppConfig


class NominationsConfig(AppConfig):
    name = "thidua.nominations"
    label = "nominations"
    verbose_name = "Đề nghị khen thưởng"

    def ready(self) -> None:
        from . import workflow  # noqa: F401  (registers the lifecycles)
