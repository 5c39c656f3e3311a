"""The whole way through the real services: a decision drafted, submitted, signed (demo signer) and issued by the
decisions app; its certificates printed; the QR code's page verifies; revoking the decision turns the page to
"Đã bị hủy bỏ" and stops printing."""

from __future__ import annotations

import io
from datetime import date
from urllib.parse import urlsplit

import pytest
import zxingcpp
from django.core.exceptions import ValidationError
from PIL import Image
from pypdf import PdfReader

from thidua.certificates import services
from thidua.decisions import services as decisions
from thidua.decisions.models import DecisionStatus

pytestmark = pytest.mark.django_db


def test_an_issued_decisions_certificate_verifies_until_the_decision_is_revoked(
    client, tree, people, awardees
):
    officer, signer = people["officer"], people["signer"]
    decision = decisions.decision_create(
        actor=officer, agency=tree["agency"], year=2024, on=date(2025, 3, 20)
    )
    for person in awardees[:2]:
        decisions.line_add(actor=officer, decision=decision, code="GIAY_KHEN", person=person)
    for actor, action in ((officer, "submit"), (signer, "sign"), (officer, "issue")):
        decision.refresh_from_db()
        decision = decisions.decision_transition(
            actor=actor, decision=decision, action=action, on=date(2025, 3, 20)
        )
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.ISSUED and decision.number_symbol
    line = decision.lines.order_by("position").first()
    assert line is not None and line.award is not None

    run = services.print_run_create(actor=officer, decision=decision, lines=[line], template=None)
    reader = PdfReader(io.BytesIO(run.pdf.read()))
    text = reader.pages[0].extract_text()
    assert line.subject_name in text and decision.number_symbol in text and "20/03/2025" in text
    [image] = reader.pages[0].images
    assert image.image is not None
    img = image.image.convert("L")
    [result] = zxingcpp.read_barcodes(img.resize((img.width * 8, img.height * 8), Image.Resampling.NEAREST))
    path = urlsplit(result.text).path
    page = client.get(path).content.decode()
    assert "Có hiệu lực" in page and decision.number_symbol in page and run.first_serial in page

    decision = decisions.decision_transition(
        actor=officer,
        decision=decision,
        action="revoke",
        reason="Thành tích không đúng thực tế",
        revoking_number="80/QĐ-SKHCN",
        revoking_date=date(2025, 6, 2),
    )
    page = client.get(path).content.decode()
    assert "Đã bị hủy bỏ" in page and "80/QĐ-SKHCN" in page and "02/06/2025" in page
    assert "Thành tích không đúng thực tế" not in page  # the reason is the office's, not the public's
    decision.refresh_from_db()
    with pytest.raises(ValidationError, match="đã bị hủy bỏ"):
        services.print_run_create(actor=officer, decision=decision, lines=[line], template=None)
