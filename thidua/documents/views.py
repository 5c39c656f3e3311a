"""Downloads of issued documents and their e-office export, for the issuer's office and leaders."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404

from thidua.accounts.models import Role
from thidua.accounts.scope import has_role
from thidua.core.permissions import view_permission
from thidua.core.registry import registry
from thidua.core.uploads import download_headers

from . import services
from .models import IssuedDocument


def _document_for_office(request, pk: int) -> IssuedDocument:
    document = get_object_or_404(IssuedDocument.objects.select_related("issuer"), pk=pk)
    if not has_role(request.user, Role.OFFICER, Role.SIGNER, organization=document.issuer):
        raise Http404
    return document


def _content_for(document: IssuedDocument):
    """Rebuild a document's content from its source (the kind its app registered), for documents whose files
    were not stored yet."""
    kind = registry.document_kinds.get(document.purpose)
    source = kind.find(str(document.source_id)) if kind is not None else None
    if kind is None or source is None:
        raise Http404
    return kind.build(source, number_symbol=document.number_symbol, issued_on=document.issued_on)


@view_permission(Role.OFFICER, Role.SIGNER)
def eoffice_export(request, pk: int):
    """The ZIP for e-office systems (PDF, metadata.json, metadata.xml, SHA256SUMS; see docs/movements.md)."""
    document = _document_for_office(request, pk)
    content = None if document.pdf else _content_for(document)
    data = services.eoffice_export(document=document, content=content)
    stem = document.number_symbol.replace("/", "-")
    return HttpResponse(data, content_type="application/zip", headers=download_headers(f"eoffice-{stem}.zip"))
