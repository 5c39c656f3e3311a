from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from thidua.core.registry import NavEntry, registry


class CataloguesConfig(AppConfig):
    name = "thidua.catalogues"
    label = "catalogues"
    verbose_name = _("Danh mục")

    def ready(self) -> None:
        from . import demo

        group = _("Danh mục")
        registry.nav(
            NavEntry("catalogues:titles", _("Danh hiệu, hình thức khen thưởng"), group=group, order=850),
            NavEntry("catalogues:tracks", _("Loại hình khen thưởng"), group=group, order=851),
            NavEntry("catalogues:recipients", _("Phân loại đối tượng"), group=group, order=852),
            NavEntry("catalogues:legal_list", _("Văn bản pháp luật"), group=group, order=853),
        )
        registry.public_link(
            NavEntry("catalogues:legal_list", _("Văn bản pháp luật về thi đua, khen thưởng"))
        )
        registry.demo_step(demo.seed, order=15)
