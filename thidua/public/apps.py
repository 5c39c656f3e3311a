from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicConfig(AppConfig):
    """The public site, no login: the honour board, exemplary models, published decisions, the disclosure
    lists, certificate verification and the open data of published awards (issue 15)."""

    name = "thidua.public"
    label = "public"
    verbose_name = _("Trang công khai")

    def ready(self) -> None:
        from . import setup

        setup.register()
