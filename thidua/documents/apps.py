from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from thidua.core.registry import NavEntry, registry


class DocumentsConfig(AppConfig):
    name = "thidua.documents"
    label = "documents"

    def ready(self) -> None:
        from thidua.accounts.models import Role

        # The office's Word templates (decisions, tờ trình, the award list), under the catalogues' menu.
        registry.nav(
            NavEntry(
                "documents:template_list",
                _("Mẫu văn bản Word"),
                roles=(Role.OFFICER,),
                group=_("Danh mục"),
                order=860,
            )
        )
