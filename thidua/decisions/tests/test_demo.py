"""The demo step: from the council's session of 12/03/2025 the Department's award decision and its proposal to the
province are drafted, signed on 20/03/2025 and issued; the province's answer 512/QĐ-UBND of 15/04/2025 is
registered with its scan. The awards reach the registry, the signed PDF verifies, the scan is a real PDF; the
step skips cleanly without the council's session."""

import io
import random
from datetime import date

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from thidua.commendations.models import AwardRecord, AwardStatus
from thidua.core.registry import registry
from thidua.council.models import Session
from thidua.decisions import demo, services
from thidua.decisions.models import Decision, DecisionKind, DecisionStatus
from thidua.documents import signing
from thidua.nominations.models import NominationStatus

pytestmark = pytest.mark.django_db


def test_the_step_is_registered_after_the_council():
    orders = {step.__name__: order for order, step in registry.demo_steps}
    assert orders["build_decisions"] == 90 and orders["build_council"] < 90


def test_the_step_skips_without_the_council_session():
    summary = demo.build_decisions(
        rng=random.Random(1), orgs=None, people=[], first_year=2020, last_year=2025
    )
    assert summary is not None and summary.startswith("bỏ qua")
    assert not Decision.objects.exists()


def _read(field) -> bytes:
    with field.open("rb") as handle:
        return handle.read()


def test_the_demo_department_decides_signs_issues_and_registers_the_province_answer():
    call_command("seed_demo", verbosity=0)
    session = Session.objects.get(held_on=date(2025, 3, 12))
    award = Decision.objects.get(kind=DecisionKind.AWARD)
    proposal = Decision.objects.get(kind=DecisionKind.PROPOSAL)
    answer = Decision.objects.get(kind=DecisionKind.EXTERNAL)

    # The council's passed lines all have their decision.
    assert services.passed_lines_without_decision(session) == []
    passed = session.items.filter(passed=True).count()
    assert award.lines.count() + proposal.lines.count() == passed

    for decision in (award, proposal):
        assert decision.status == DecisionStatus.ISSUED and decision.council_session == session
        assert decision.decided_on == date(2025, 3, 20)
        assert decision.signed_at is not None and decision.signed_at.date() == date(2025, 3, 20)
        data = _read(decision.signed_pdf)
        check = signing.verify_pdf(data, trust_roots=services.trust_roots())
        assert check.ok, check
        assert "thử nghiệm" in check.signatures[0].signer_subject
    assert award.number_symbol == "01/QĐ-SKHCN" and proposal.number_symbol == "01/TTr-SKHCN"

    # Money on the decision date: lương cơ sở 2,340,000 (Nghị định 73/2024/NĐ-CP).
    assert {line.base_salary for line in award.lines.all()} == {2_340_000}
    assert all(line.amount for line in award.lines.all())

    # The award decision's awards are in the registry, its nominations awarded.
    awards = AwardRecord.objects.filter(decision_number=award.number_symbol)
    assert awards.count() == award.lines.count() and {a.status for a in awards} == {AwardStatus.ACTIVE}
    assert {a.decided_on for a in awards} == {date(2025, 3, 20)}
    for line in award.lines.select_related("nomination", "award"):
        assert line.award is not None and line.nomination is not None
        assert line.nomination.status == NominationStatus.AWARDED
    # A proposal writes no award; the province's answer does.
    assert not proposal.lines.filter(award__isnull=False).exists()
    assert answer.status == DecisionStatus.ISSUED and answer.proposal == proposal
    assert (answer.number_symbol, answer.decided_on, answer.deciding_body) == (
        "512/QĐ-UBND",
        date(2025, 4, 15),
        "Ủy ban nhân dân tỉnh Yên Bái",
    )
    assert sorted(answer.lines.values_list("nomination", flat=True)) == sorted(
        proposal.lines.values_list("nomination", flat=True)
    )
    province = AwardRecord.objects.filter(decision_number="512/QĐ-UBND")
    assert province.count() == proposal.lines.count()
    assert {a.deciding_body for a in province} == {"Ủy ban nhân dân tỉnh Yên Bái"}

    # The scan is a one-page PDF of the province's decision.
    scan = PdfReader(io.BytesIO(_read(answer.scan)))
    text = " ".join(page.extract_text() for page in scan.pages)
    assert len(scan.pages) == 1 and "512/QĐ-UBND" in text and proposal.number_symbol in text
