from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScaleConfig(AppConfig):
    """National scale (issue 16): the generated national data set (`manage.py seed_scale`), written through
    PostgreSQL's COPY, and the tools that measure the system at that size."""

    name = "thidua.scale"
    label = "scale"
    verbose_name = _("Quy mô toàn quốc")
