from django.apps import AppConfig

from thidua.core.registry import registry


class NotificationsConfig(AppConfig):
    name = "thidua.notifications"
    label = "notifications"

    def ready(self) -> None:
        # The scope policy of Notification (accounts.scope.restrict) is registered when its module loads.
        from . import selectors  # noqa: F401

        # No menu entry: the bell of the page shell (core.context_processors) leads to the list.
        registry.api_router("thidua.notifications.api")
