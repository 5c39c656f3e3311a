from django.apps import AppConfig

from thidua.core.registry import registry


class AccountsConfig(AppConfig):
    name = "thidua.accounts"
    label = "accounts"

    def ready(self) -> None:
        # Modules that import models load here, once the app registry is ready (not a cycle).
        from . import (
            checks,  # noqa: F401  (registers the deploy checks)
            demo,
        )

        registry.demo_step(demo.seed, order=20)
