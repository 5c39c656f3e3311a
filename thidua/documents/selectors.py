"""Reads of issued documents and their dispatches, the office's Word templates, and the issuer lines of the
Decree 30 masthead.

Scope: templates belong to an agency and are managed by its office (Role.OFFICER); an issued document and its
dispatches are read by the issuer's office and its signing leader (the views check the role in the issuer first).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import QuerySet

from thidua.accounts.models import Role
from thidua.accounts.scope import active_grants, has_role, is_system_admin
from thidua.organizations.models import Organization, OrganizationKind, Restructuring

from .models import Dispatch, DispatchChannel, DocumentTemplate, IssuedDocument


def issuer_header(organization: Organization) -> tuple[str | None, str]:
    """The masthead's two issuer lines in capitals: (parent or None, issuer).

    Under its parent the issuer drops the place name the parent already carries (Decree 30, Phụ lục I):
    "Sở Khoa học và Công nghệ tỉnh Yên Bái" under "UBND tỉnh Yên Bái" is written "SỞ KHOA HỌC VÀ CÔNG NGHỆ".
    A province's People's Committee has no parent line.
    """
    name = organization.name
    parent = organization.parent if organization.parent_id else None
    if parent is None or organization.kind == OrganizationKind.PROVINCE:
        return None, name.upper()
    if parent.place_name:
        for suffix in (f" tỉnh {parent.place_name}", f" thành phố {parent.place_name}"):
            if name.endswith(suffix):
                name = name[: -len(suffix)]
    parent_name = parent.short_name or parent.name
    if parent.kind == OrganizationKind.PROVINCE and parent_name.startswith("Ủy ban nhân dân"):
        parent_name = "UBND" + parent_name[len("Ủy ban nhân dân") :]
    return parent_name.upper(), name.upper()


def issuer_on(organization: Organization, day: date) -> Organization:
    """Who issues, on ``day``, a document of ``organization``: the organization itself while it exists, else
    the successor named by its restructuring (followed through later restructurings), e.g. the Department of
    Science and Technology of Lào Cai for a report of the Yên Bái Department dated after 01/07/2025. Documents
    dated before stay under the old name."""
    seen = {organization.pk}
    while organization.valid_to is not None and organization.valid_to < day:
        restructuring = (
            Restructuring.objects.filter(
                predecessors=organization, effective_on__lte=day, successor__isnull=False
            )
            .select_related("successor__parent")
            .order_by("-effective_on", "-id")
            .first()
        )
        if restructuring is None or restructuring.successor is None or restructuring.successor.pk in seen:
            break
        organization = restructuring.successor
        seen.add(organization.pk)
    return organization


def issuer_place(organization: Organization) -> str:
    """The place name of the document's date line: the issuer's own, else its parent's."""
    parent = organization.parent if organization.parent_id else None
    return organization.place_name or (parent.place_name if parent is not None else "")


def document_for(*, source: Any, purpose: str) -> IssuedDocument | None:
    """The latest document issued for ``source`` with ``purpose`` (e.g. a movement's launch letter)."""
    return (
        IssuedDocument.objects.filter(
            source_type=source._meta.label_lower, source_id=source.pk, purpose=purpose
        )
        .select_related("issuer")
        .order_by("-created_at", "-id")
        .first()
    )


def document_list_for(*, source: Any) -> QuerySet[IssuedDocument]:
    return (
        IssuedDocument.objects.filter(source_type=source._meta.label_lower, source_id=source.pk)
        .select_related("issuer")
        .prefetch_related("dispatches")
        .order_by("issued_on", "id")
    )


def dispatches_of(document: IssuedDocument) -> QuerySet[Dispatch]:
    """Every dispatch of the document (e-office packages first, newest first within a channel)."""
    return (
        Dispatch.objects.filter(document=document)
        .select_related("organization", "sent_by")
        .order_by("-channel", "-sent_at", "-id")
    )


def edxml_dispatches_of(document: IssuedDocument) -> QuerySet[Dispatch]:
    return dispatches_of(document).filter(channel=DispatchChannel.EOFFICE).exclude(package="")


# ---------------------------------------------------------------- Word templates


def template_agencies(user) -> list[Organization]:
    """The organizations whose Word templates the user manages: where they hold the office's role (a system
    administrator: every agency and province)."""
    if is_system_admin(user):
        return list(
            Organization.objects.filter(
                kind__in=(OrganizationKind.PROVINCE, OrganizationKind.AGENCY), valid_to__isnull=True
            ).order_by("sort_key")
        )
    seen: dict[int, Organization] = {}
    for grant in active_grants(user):
        if grant.role == Role.OFFICER:
            seen.setdefault(grant.organization_id, grant.organization)
    return sorted(seen.values(), key=lambda org: org.name)


def can_manage_templates(user, agency: Organization) -> bool:
    return has_role(user, Role.OFFICER, organization=agency)


def active_template(*, agency: Organization, kind: str) -> DocumentTemplate | None:
    """The agency's active template of `kind`, or None (the built-in default is used)."""
    return DocumentTemplate.objects.filter(agency=agency, kind=kind, active=True).first()


def active_templates(agency: Organization) -> dict[str, DocumentTemplate]:
    """The agency's active template of each kind that has one (one query)."""
    return {
        template.kind: template
        for template in DocumentTemplate.objects.filter(agency=agency, active=True).select_related(
            "uploaded_by"
        )
    }


def template_versions(*, agency: Organization, kind: str) -> QuerySet[DocumentTemplate]:
    return DocumentTemplate.objects.filter(agency=agency, kind=kind).select_related("uploaded_by")
