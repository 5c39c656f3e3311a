from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "thidua.api"
    label = "api"

    def ready(self) -> None:
        from thidua.accounts.models import Role
        from thidua.core.registry import NavEntry, registry

        # The task queue's app names itself in a plain string; a translatable one shows in Vietnamese in the admin.
        if apps.is_installed("django_tasks_db"):
            apps.get_app_config("django_tasks_database").verbose_name = _("Tasks Database Backend")

        # The API docs (/api/v1/docs) for those who connect other systems: the office and the administrators.
        registry.nav(
            NavEntry(
                "api-v1:openapi-view",
                _("Tài liệu API"),
                roles=(Role.OFFICER, Role.ADMIN),
                group=_("Hệ thống"),
                order=930,
            )
        )
