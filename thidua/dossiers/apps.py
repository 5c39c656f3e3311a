from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from thidua.core.registry import DocumentKind, NavEntry, demo_facts, registry

# The purpose of the achievement report among the document kinds (manage.py render_document achievement-report <id>).
REPORT_PURPOSE = "achievement-report"


class DossiersConfig(AppConfig):
    name = "thidua.dossiers"
    label = "dossiers"
    verbose_name = _("Hồ sơ khen thưởng")

    def ready(self) -> None:
        # Modules that import models load here, once the app registry is ready (not a cycle).
        from thidua.nominations.workflow import SUBMIT_CHECKS

        # selectors registers the scope policies of the models.
        from . import completeness, demo, reports, sections, selectors

        registry.nav(
            NavEntry(
                "dossiers:catalogue",
                _("Thành phần hồ sơ khen thưởng"),
                roles=selectors.DOSSIER_ROLES,  # the menu shows the page to exactly those it opens to
                group=_("Danh mục"),
                order=854,
            )
        )
        registry.section("batch", sections.batch_section, order=30)
        registry.section("nomination", sections.nomination_section, order=30)
        registry.document_kind(
            DocumentKind(
                REPORT_PURPOSE,
                _("Báo cáo thành tích"),
                find=reports.report_source,
                build=reports.report_build,
            )
        )
        registry.demo_step(demo_facts(demo.build_dossiers), order=75)
        if completeness.submit_problems not in SUBMIT_CHECKS:
            SUBMIT_CHECKS.append(completeness.submit_problems)
