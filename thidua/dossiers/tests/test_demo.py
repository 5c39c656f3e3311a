"""The demo step: the 2024 batches get their dossier items, real documents rendered by the renderer."""

import io
import random
import subprocess

import pytest
from docx import Document

from thidua.core.uploads import DOCX, content_kind
from thidua.dossiers.catalogue import DossierKind
from thidua.dossiers.completeness import batch_dossier
from thidua.dossiers.demo import build_dossiers
from thidua.dossiers.models import AchievementReport, DossierItem
from thidua.nominations.models import BatchStatus, ProposalBatch

K = DossierKind


def _run():
    return build_dossiers(rng=random.Random(7), orgs=None, people=[], first_year=2020, last_year=2025)


@pytest.mark.django_db
def test_the_demo_fills_the_2024_batches_whatever_their_state(batch, lines, org_tree):
    batch.status = BatchStatus.SUBMITTED  # the demo writes history: a sent batch had its dossier
    batch.save()
    other_year = ProposalBatch.objects.create(
        unit=org_tree["div_b"], office=org_tree["agency"], year=2023, title="2023"
    )
    summary = _run()
    assert summary.startswith("hồ sơ khen thưởng năm 2024: 1 tờ trình")
    dossier = batch_dossier(batch)
    assert dossier.complete
    assert not DossierItem.objects.filter(batch=other_year).exists()
    assert AchievementReport.objects.filter(nomination__batch=batch).count() == 2  # CSTĐ tỉnh, TTLĐXS
    proposal = DossierItem.objects.get(kind=K.PROPOSAL)
    data = proposal.file.open("rb").read()
    assert content_kind(data) == ("application/pdf", "pdf")
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()
    assert "TỜ TRÌNH" in text and "Nguyễn Thị Lan" in text and "Văn phòng Sở" in text
    effect = DossierItem.objects.get(kind=K.EFFECT)
    assert content_kind(effect.file.open("rb").read()) == (DOCX, "docx")
    paragraphs = [p.text for p in Document(io.BytesIO(effect.file.open("rb").read())).paragraphs]
    assert any("Số hóa hồ sơ thi đua khen thưởng" in p for p in paragraphs)
    assert _run().endswith("0 mục (4 tệp)")  # a second run adds nothing


@pytest.mark.django_db
def test_the_demo_step_does_nothing_without_2024_batches():
    assert _run() is None
