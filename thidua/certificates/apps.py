from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from thidua.core.registry import NavEntry, registry


class CertificatesConfig(AppConfig):
    name = "thidua.certificates"
    label = "certificates"
    verbose_name = _("Giấy khen, bằng")

    def ready(self) -> None:
        # The scope policies (selectors), the decision page's section, the registry's links to the verification
        # page and the demo step load here, once the app registry is ready.
        from thidua.accounts.models import Role

        from . import demo, sections, selectors, services  # noqa: F401

        group = _("Khen thưởng")
        registry.nav(
            NavEntry(
                "certificates:decision_list",
                _("Giấy khen, bằng"),
                roles=selectors.READERS,
                group=group,
                order=470,
            ),
            NavEntry(
                "certificates:template_list",
                _("Mẫu giấy khen, căn chỉnh phôi"),
                roles=(Role.OFFICER,),
                group=group,
                order=472,
            ),
        )
        registry.public_link(NavEntry("certificates:verify_form", _("Xác minh giấy khen")))
        registry.section("decision", sections.decision_certificates, order=50)
        registry.award_links(selectors.award_verify_links)
        registry.demo_step(demo.build_certificates, order=92)
