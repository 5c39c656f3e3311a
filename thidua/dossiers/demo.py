"""Demo dossiers: the demo Department's 2024 batches (nominations' demo step, order 70) get their items.

For every batch of the achievement year 2024: the tờ trình with its list and the minutes of the unit's meeting
(rendered with the Decree 30 renderer, stored as PDF as the signed copies would be), an achievement report for
every line that needs one (prefilled from the data), and for the lines that need them a copy of the initiative's
recognition, the certification of its effect or the cluster's minutes (small DOCX files rendered the same way).
The council's ballot result is the council's to write (its demo step, order 85).
"""

from __future__ import annotations

import random
from typing import Any

from thidua.documents.layout import (
    Block,
    Bullet,
    OfficialDocument,
    Paragraph,
    Signature,
    render_docx,
    render_pdf,
)
from thidua.nominations.models import ProposalBatch

from . import services
from .catalogue import COUNCIL, DossierKind
from .completeness import LineDossier, batch_date, batch_dossier, subject_name
from .documents import minutes_document, proposal_document
from .models import DossierItem
from .reports import DRAFT_NUMBER, report_facts, report_prefill

DEMO_YEAR = 2024


def _evidence_document(line: LineDossier, kind: str) -> OfficialDocument:
    """A one-page copy of a line's evidence (the initiative's recognition, its effect, the cluster's minutes)."""
    nomination = line.nomination
    facts = report_facts(nomination)
    batch = nomination.batch
    body: list[Block] = [Paragraph(f"{DossierKind(kind).label}: {subject_name(nomination)}.")]
    body += [Bullet(text) for text in facts.initiatives] or [Paragraph("Bản sao kèm theo hồ sơ đề nghị.")]
    return OfficialDocument(
        issuer_parent=None,
        issuer=batch.office.name.upper(),
        number_symbol=f"{DRAFT_NUMBER}/BSY",
        place=batch.office.place_name or "Yên Bái",
        date=batch_date(batch),
        doc_type_title="BẢN SAO",
        abstract=str(DossierKind(kind).label),
        body=tuple(body),
        signature=Signature(position="SAO Y BẢN CHÍNH", name=""),
    )


def batch_dossier_fill(
    *, batch: ProposalBatch, actor: Any = None, rng: random.Random | None = None, pdf: bool = True
) -> int:
    """Give `batch` every item its dossier needs before it is sent (whatever its state: the demo writes the
    history); returns the number of items written. Also for tests that send a batch: `pdf=False` writes the
    tờ trình and the minutes as DOCX, which renders much faster than PDF."""
    rng = rng or random.Random(batch.pk)
    dossier = batch_dossier(batch)
    written = 0
    for status in dossier.missing:
        render, extension = (render_pdf, "pdf") if pdf else (render_docx, "docx")
        if status.kind == DossierKind.PROPOSAL:
            data, name = render(proposal_document(batch)), f"Tờ trình năm {batch.year}.{extension}"
        else:
            members = rng.randint(5, 9)
            document = minutes_document(batch, members=members, present=members - rng.randint(0, 1))
            data, name = render(document), f"Biên bản họp xét năm {batch.year}.{extension}"
        services.dossier_item_store(actor=actor, batch=batch, kind=status.kind, name=name, data=data)
        written += 1
    for line in dossier.lines:
        for status in line.statuses:
            if status.present or status.need.stage == COUNCIL:
                continue
            if status.kind == DossierKind.REPORT:
                services.achievement_report_store(
                    actor=actor, nomination=line.nomination, sections=report_prefill(line.nomination)
                )
            else:
                data = render_docx(_evidence_document(line, status.kind))
                services.dossier_item_store(
                    actor=actor,
                    batch=batch,
                    nomination=line.nomination,
                    kind=status.kind,
                    name=f"{str(DossierKind(status.kind).label)[:60]}.docx",
                    data=data,
                )
            written += 1
    return written


def build_dossiers(
    *, rng: random.Random, orgs: Any, people: Any, first_year: int, last_year: int
) -> str | None:
    batches = list(
        ProposalBatch.objects.filter(year=DEMO_YEAR)
        .select_related("unit__parent", "office__parent")
        .order_by("pk")
    )
    if not batches:
        return None
    written = sum(batch_dossier_fill(batch=batch, rng=rng) for batch in batches)
    files = DossierItem.objects.filter(batch__in=batches).count()
    return f"hồ sơ khen thưởng năm {DEMO_YEAR}: {len(batches)} tờ trình, {written} mục ({files} tệp)"
