"""Downloads of issued documents and their e-office export, for the issuer's office and leaders."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404

from thidua.accounts.models import Role
from thidua.accounts.scope import has_role
from thidua.core.permissions import view_permission
from thidua.core.uploads import download_headers

from . import services
from .models import IssuedDocument


def _document_for_office(request, pk: int) -> IssuedDocument:
    document = get_object_or_404(IssuedDocument.objects.select_related("issuer"), pk=pk)
    if not has_role(request.user, Role.OFFICER, Role.SIGNER, organization=document.issuer):
        raise Http404
    return document


def _content_for(document: IssuedDocument):
    """Rebuild a document's content from its source, for documents whose files were not stored yet."""
    if document.purpose == "movement-launch":
        from thidua.movements.documents import movement_launch_document
        from thidua.movements.models import Movement
        from thidua.movements.selectors import movement_with_content

        movement = movement_with_content(movement=Movement(pk=document.source_id))
        return movement_launch_document(
            movement, number_symbol=document.number_symbol, issued_on=document.issued_on
        )
    if document.purpose == "movement-review":
        from thidua.movements.documents import review_report_document
        from thidua.movements.models import Review
        from thidua.movements.selectors import review_report_data

        review = Review.objects.select_related("movement__launching_organization").get(pk=document.source_id)
        return review_report_document(
            review,
            data=review_report_data(review=review),
            number_symbol=document.number_symbol,
            issued_on=document.issued_on,
        )
    raise Http404


@view_permission(Role.OFFICER, Role.SIGNER)
def eoffice_export(request, pk: int):
    """The ZIP for e-office systems (PDF, metadata.json, metadata.xml, SHA256SUMS; see docs/movements.md)."""
    document = _document_for_office(request, pk)
    content = None if document.pdf else _content_for(document)
    data = services.eoffice_export(document=document, content=content)
    stem = document.number_symbol.replace("/", "-")
    return HttpResponse(data, content_type="application/zip", headers=download_headers(f"eoffice-{stem}.zip"))
