"""`{% load units %}{{ organization|unit_label }}`: a unit named with its agency and, once ended, its end date.

The same division names exist under several agencies and before and after the 2025 merger ("Văn phòng Sở" of
Yên Bái until 30/06/2025 and of Lào Cai since), so wherever a unit is shown beside others it carries the label
the forms give its choices (`organizations.forms.organization_label`). The selectors feeding such pages join
the parent (`select_related("organization__parent")`), so the label costs no query per row.
"""

from django import template

from thidua.organizations.forms import organization_label
from thidua.organizations.models import Organization

register = template.Library()


@register.filter
def unit_label(organization: Organization | None) -> str:
    """The unit's name, its agency and its end date; an empty string for no unit."""
    if organization is None or organization == "":
        return ""
    if not isinstance(organization, Organization):
        return str(organization)
    return organization_label(organization)
