"""The dossier's sections on the nominations pages (registered as "batch" and "nomination" sections)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from thidua.nominations.models import Nomination, NominationStatus, ProposalBatch

from . import catalogue, forms, selectors
from .completeness import batch_dossier


def _visible(user: Any, batch: ProposalBatch) -> bool:
    return ProposalBatch.objects.filter(selectors.batch_visibility_q(user), pk=batch.pk).exists()


def batch_section(request: Any, batch: ProposalBatch) -> dict | None:
    """The batch page: items present and missing in brief, with a link to the dossier page."""
    if not _visible(request.user, batch):
        return None
    dossier = batch_dossier(batch)
    present, needed = dossier.counts
    return {
        "template": "dossiers/_batch_section.html",
        "context": {
            "batch": batch,
            "dossier": dossier,
            "present": present,
            "needed": needed,
            "url": reverse("dossiers:batch", args=[batch.pk]),
            "era_label": catalogue.ERA_LABELS[dossier.era],
        },
    }


def nomination_section(request: Any, nomination: Nomination) -> dict | None:
    """A line's page: its items present and missing, upload, and its achievement report."""
    batch = nomination.batch
    if nomination.status == NominationStatus.WITHDRAWN or not _visible(request.user, batch):
        return None
    dossier = batch_dossier(batch)
    line = next((ld for ld in dossier.lines if ld.nomination.pk == nomination.pk), None)
    if line is None:
        return None
    return {
        "template": "dossiers/_nomination_section.html",
        "context": {
            "line": line,
            "batch_missing": dossier.missing,
            "can_change": selectors.can_change_dossier(request.user, batch),
            "line_form": forms.ItemUploadForm(scope=catalogue.LINE),
            "batch": batch,
            "next": request.get_full_path(),
        },
    }
