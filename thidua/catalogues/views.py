"""The catalogue pages (read-only, from the rules engine) and the public legal document library."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from thidua.accounts.scope import visible_organizations
from thidua.core import uploads
from thidua.core.permissions import view_permission
from thidua.rules.engine.config import RuleConfig
from thidua.rules.services import rule_config_for

from . import catalogue, selectors
from .models import LegalDocument, LegalDocumentKind, Validity


def _config(request) -> RuleConfig:
    """The rules configuration as it applies to the user's agency (its era dates), as on the rules page."""
    organization = visible_organizations(request.user).exclude(kind="province").order_by("path").first()
    return rule_config_for(organization=organization)


@view_permission()
def titles(request):
    today = timezone.localdate()
    config = _config(request)
    context = {
        "groups": catalogue.titles_by_recipient(config, today=today),
        "eras": catalogue.eras(config, today=today),
        "tab": "titles",
    }
    return render(request, "catalogues/titles.html", context)


@view_permission()
def title_detail(request, code: str):
    today = timezone.localdate()
    config = _config(request)
    found = catalogue.title(code, config, today=today)
    if found is None:
        raise Http404
    return render(request, "catalogues/title_detail.html", {"title": found, "tab": "titles"})


@view_permission()
def tracks(request):
    config = _config(request)
    context = {
        "tracks": catalogue.tracks(),
        "basis": catalogue.track_basis(config, today=timezone.localdate()),
        "tab": "tracks",
    }
    return render(request, "catalogues/tracks.html", context)


@view_permission()
def recipients(request):
    context = {
        "groups": catalogue.recipient_classes(),
        "basis": catalogue.STATISTICS_BASIS,
        "tab": "recipients",
    }
    return render(request, "catalogues/recipients.html", context)


@view_permission(public=True)
def legal_list(request):
    """The legal document library, open to everyone: searched without diacritics, filtered by type, validity."""
    query = request.GET.get("q", "").strip()
    kind = request.GET.get("kind", "")
    validity = request.GET.get("validity", "")
    documents = selectors.legal_document_list(query=query, kind=kind, validity=validity)
    page = Paginator(documents, 25).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "query": query,
        "kind": kind,
        "validity": validity,
        "kinds": LegalDocumentKind.choices,
        "validities": Validity.choices,
        "tab": "legal",
    }
    return render(request, "catalogues/legal_list.html", context)


@view_permission(public=True)
def legal_detail(request, pk: int):
    document = get_object_or_404(LegalDocument, pk=pk)
    return render(request, "catalogues/legal_detail.html", {"document": document, "tab": "legal"})


@view_permission(public=True)
def legal_file(request, pk: int):
    """The document's file as a download (attachment, nosniff); the library is public, so is its file."""
    document = get_object_or_404(LegalDocument, pk=pk)
    return uploads.upload_response(document.file, filename=document.download_name)
