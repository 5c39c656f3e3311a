"""The demo step (order 92, after the decisions demo at 90): the Department's two templates and the certificates
of its issued award decision printed on the calibrated blank; skipped quietly without an issued decision."""

from __future__ import annotations

import random
from datetime import date

import pytest

from thidua.accounts.demo import build_users
from thidua.certificates import demo
from thidua.certificates.models import CertificateTemplate, PrintedCertificate, PrintRun
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
        title="Về việc tặng Giấy khen năm 2024",
        number_symbol="15/QĐ-SKHCN",
        decided_on=date(2025, 3, 25),
        deciding_body=department.name,
        signer_name="Nguyễn Văn Giám",
        signer_position="Giám đốc",
    )
    for i in range(3):
        person = Person.objects.create(
            family_name="Lê", middle_name="Thị", given_name=f"Hoa{i}", sex="F", staff_code=f"DEMO-G{i}"
        )
        DecisionLine.objects.create(
            decision=decision,
            person=person,
            code="GIAY_KHEN",
            year=2024,
            subject_name=person.full_name,
            position=i,
        )
    summary = demo.build_certificates(demo_data) or ""
    assert "3 giấy khen" in summary and "15/QĐ-SKHCN" in summary
    assert CertificateTemplate.objects.filter(agency=department).count() == 2
    blank = CertificateTemplate.objects.get(agency=department, name__startswith="Phôi")
    assert (
        blank.is_blank and blank.calibrated_at is not None and blank.certificate_layout().offset_x_mm == 1.0
    )
    run = PrintRun.objects.get()
    assert run.template == blank and run.printed_by is not None and run.printed_by.username == "vanphong"
    assert sorted(PrintedCertificate.objects.values_list("number", flat=True)) == [1, 2, 3]
