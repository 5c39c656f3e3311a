"""The demo step (order 92, after the decisions demo at 90): the Department's two templates and the certificates
of its issued award decision printed on the calibrated blank; skipped quietly without an issued decision."""

from __future__ import annotations

import random
from datetime import date

import pytest
from django.utils import timezone

from thidua.accounts.demo import build_users
from thidua.certificates import demo
from thidua.certificates.models import CertificateTemplate, PrintedCertificate, PrintKind, PrintRun
from thidua.core.registry import DemoData, registry
from thidua.decisions.models import Decision, DecisionKind, DecisionLine, DecisionStatus
from thidua.organizations.demo import build_organizations
from thidua.organizations.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_data():
    orgs = build_organizations()
    build_users(orgs=orgs)
    return DemoData(
        rng=random.Random(7), first_year=2020, last_year=2025, people_count=0, extra_agencies=0, orgs=orgs
    )


def test_the_step_comes_after_the_decisions_demo():
    assert any(order == 92 and step is demo.build_certificates for order, step in registry.demo_steps)


def test_the_step_skips_quietly_without_an_issued_decision(demo_data):
    assert "bỏ qua" in (demo.build_certificates(demo_data) or "")
    assert not CertificateTemplate.objects.exists() and not PrintRun.objects.exists()


def test_the_step_prints_the_issued_decisions_certificates_on_the_calibrated_blank(demo_data):
    department = demo_data.orgs.agencies[0]
    decision = Decision.objects.create(
        agency=department,
        kind=DecisionKind.AWARD,
        status=DecisionStatus.ISSUED,
        year=2024,
        title="Về việc tặng danh hiệu thi đua, hình thức khen thưởng năm 2024",
        number_symbol="15/QĐ-SKHCN",
        decided_on=date(2025, 3, 25),
        deciding_body=department.name,
        signer_name="Nguyễn Văn Giám",
        signer_position="Giám đốc",
    )
    for i, code in enumerate(("GIAY_KHEN", "CSTDCS", "GIAY_KHEN")):
        person = Person.objects.create(
            family_name="Lê", middle_name="Thị", given_name=f"Hoa{i}", sex="F", staff_code=f"DEMO-G{i}"
        )
        DecisionLine.objects.create(
            decision=decision, person=person, code=code, year=2024, subject_name=person.full_name, position=i
        )
    summary = demo.build_certificates(demo_data) or ""
    assert "3 giấy khen" in summary and "15/QĐ-SKHCN" in summary
    assert CertificateTemplate.objects.filter(agency=department).count() == 2
    blank = CertificateTemplate.objects.get(agency=department, name__startswith="Phôi")
    assert blank.is_blank and blank.codes == ["GIAY_KHEN"] and blank.calibrated_at is not None
    assert blank.certificate_layout().offset_x_mm == -1.0
    on_blanks, print_ready = PrintRun.objects.order_by("first_number")
    assert on_blanks.template == blank and on_blanks.count == 2 and on_blanks.kind == PrintKind.BLANK
    assert print_ready.kind == PrintKind.FULL and print_ready.count == 1
    assert on_blanks.printed_by is not None and on_blanks.printed_by.username == "vanphong"
    assert sorted(PrintedCertificate.objects.values_list("number", flat=True)) == [1, 2, 3]
    assert on_blanks.year == 2025 and on_blanks.first_serial == "0001/2025"
    assert timezone.localtime(on_blanks.printed_at).date() == date(2025, 3, 25)


def test_the_seeded_demo_prints_the_departments_award_decision():
    """The whole seed: the decisions demo (90) issues the award decision, this step (92) prints its certificates,
    and each certificate's page verifies."""
    from django.core.management import call_command
    from django.test import Client

    call_command("seed_demo", verbosity=0)
    decision = Decision.objects.get(kind=DecisionKind.AWARD)
    printed = PrintedCertificate.objects.filter(line__decision=decision)
    assert printed.count() == decision.lines.count() > 0
    assert sorted(printed.values_list("number", flat=True)) == list(range(1, printed.count() + 1))
    client = Client()
    for line in decision.lines.all():
        page = client.get(f"/xac-minh/{line.verify_code}/").content.decode()
        assert "Có hiệu lực" in page and line.subject_name in page
