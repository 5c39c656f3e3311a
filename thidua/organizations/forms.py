"""Choosing an organization in a form: the same division names exist under several agencies (and before and
after the 2025 merger), so each choice names its parent, and ended units say so."""

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .models import Organization, OrganizationKind

_SELF_DESCRIBING = (OrganizationKind.PROVINCE, OrganizationKind.AGENCY)


def organization_label(organization: Organization) -> str:
    label = organization.name
    parent = organization.parent
    if parent is not None and organization.kind not in _SELF_DESCRIBING:
        label = f"{label} – {parent.short_name or parent.name}"
    if organization.valid_to is not None:
        label += " " + _("(đến %(day)s)") % {"day": date_format(organization.valid_to, "SHORT_DATE_FORMAT")}
    return label


def label_organizations(form: forms.BaseForm) -> None:
    """Give every organization choice of `form` its parent and end date (one query with the parent joined)."""
    for field in form.fields.values():
        queryset = getattr(field, "queryset", None)
        if (
            isinstance(field, forms.ModelChoiceField)
            and queryset is not None
            and queryset.model is Organization
        ):
            field.queryset = queryset.select_related("parent")
            field.label_from_instance = organization_label  # type: ignore[method-assign,assignment]
