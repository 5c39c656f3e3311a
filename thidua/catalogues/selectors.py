"""Reads of the legal document library shared by its pages."""

from django.db.models import QuerySet

from thidua.core import vn_text

from .models import LegalDocument, LegalDocumentKind, Validity


def legal_document_list(*, query: str = "", kind: str = "", validity: str = "") -> QuerySet[LegalDocument]:
    """Every document of the library (it is public), filtered by a query that ignores diacritics and case, by
    type and by validity; an unknown type or validity filters nothing."""
    qs = LegalDocument.objects.all()
    for term in vn_text.search_terms(query):
        qs = qs.filter(search_text__contains=term)
    if kind in LegalDocumentKind.values:
        qs = qs.filter(kind=kind)
    if validity in Validity.values:
        qs = qs.filter(validity=validity)
    return qs
