from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from thidua.core.registry import NavEntry, registry


class OrganizationsConfig(AppConfig):
    name = "thidua.organizations"
    label = "organizations"

    def ready(self) -> None:
        # Modules that import models load here, once the app registry is ready (not a cycle).
        from thidua.accounts.scope import READER_ROLES

        from . import (
            dashboard,
            demo,
            exchange,  # the Excel kinds of this app
        )
        from .models import Organization

        group = _("Tổ chức")
        registry.nav(
            NavEntry("organizations:unit_list", _("Đơn vị"), roles=READER_ROLES, group=group, order=800),
            NavEntry("organizations:person_list", _("Cán bộ"), group=group, order=810),
        )
        registry.api_router("thidua.organizations.api")
        registry.excel_kind(exchange.PeopleKind())
        registry.dashboard_tile(dashboard.own_record_tile, order=30)
        registry.demo_step(demo.seed, order=10, present=Organization.objects.exists)
