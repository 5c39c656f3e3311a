"""Fixtures for dossiers: a batch of division A sent to the agency, dated January 2025 (era E2), with lines for a
person who has ratings, an initiative, awards, and for a collective; and the users of the route matrix."""

from __future__ import annotations

import io
from datetime import date

import pytest
from docx import Document

from thidua.appraisals.models import Appraisal, CollectiveAppraisal
from thidua.commendations.models import AwardRecord
from thidua.core.tests.route_matrix import make_people
from thidua.documents.layout import OfficialDocument, Paragraph, Signature, render_pdf
from thidua.initiatives.models import Initiative, InitiativeAuthor
from thidua.nominations.models import Nomination, ProposalBatch
from thidua.organizations.models import Assignment, Person, Position


@pytest.fixture(scope="session")
def small_pdf() -> bytes:
    """A real PDF, rendered by the project's renderer."""
    return render_pdf(
        OfficialDocument(
            issuer="SỞ KHOA HỌC VÀ CÔNG NGHỆ",
            number_symbol="01/TTr-VP",
            place="Yên Bái",
            date=date(2025, 1, 15),
            doc_type_title="TỜ TRÌNH",
            abstract="Đề nghị khen thưởng",
            body=(Paragraph("Kính trình."),),
            signature=Signature(position="CHÁNH VĂN PHÒNG", name="Hoàng Thị Ánh"),
        )
    )


@pytest.fixture(scope="session")
def small_docx() -> bytes:
    document = Document()
    document.add_paragraph("Biên bản họp xét thi đua.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def person(org_tree):
    person = Person.objects.create(
        family_name="Nguyễn",
        middle_name="Thị",
        given_name="Lan",
        sex="F",
        date_of_birth=date(1985, 4, 2),
        staff_code="DS001",
    )
    position, _ = Position.objects.get_or_create(name="Chuyên viên chính")
    Assignment.objects.create(
        person=person, organization=org_tree["div_a"], position=position, start_on=date(2015, 1, 1)
    )
    for year, rating in ((2022, "HTTNV"), (2023, "HTXSNV"), (2024, "HTXSNV")):
        Appraisal.objects.create(person=person, year=year, organization=org_tree["div_a"], rating=rating)
    AwardRecord.objects.create(
        code="CSTDCS",
        person=person,
        year=2023,
        decision_number="15/QĐ-SKHCN",
        decided_on=date(2024, 1, 20),
        deciding_body="Sở Khoa học và Công nghệ",
    )
    initiative = Initiative.objects.create(
        code="SK-2024-01",
        title="Số hóa hồ sơ thi đua khen thưởng",
        kind="initiative",
        level="co_so",
        organization=org_tree["div_a"],
        recognized_by="Hội đồng sáng kiến Sở",
        decision_number="42/QĐ-SKHCN",
        recognized_on=date(2024, 6, 10),
    )
    InitiativeAuthor.objects.create(initiative=initiative, person=person)
    return person


@pytest.fixture
def other_person(org_tree):
    person = Person.objects.create(
        family_name="Lê", middle_name="Văn", given_name="Bình", sex="M", staff_code="DS002"
    )
    position, _ = Position.objects.get_or_create(name="Chuyên viên")
    Assignment.objects.create(
        person=person, organization=org_tree["div_a"], position=position, start_on=date(2018, 1, 1)
    )
    Appraisal.objects.create(person=person, year=2024, organization=org_tree["div_a"], rating="HTTNV")
    return person


@pytest.fixture
def batch(org_tree):
    return ProposalBatch.objects.create(
        unit=org_tree["div_a"],
        office=org_tree["agency"],
        year=2024,
        title="Đề nghị khen thưởng năm 2024",
        dated=date(2025, 1, 15),
    )


@pytest.fixture
def lines(batch, person, other_person, org_tree):
    CollectiveAppraisal.objects.create(
        organization=org_tree["div_a"], year=2024, rating="HTXSNV", results="Hoàn thành 100% chỉ tiêu"
    )
    return {
        "cstd_tinh": Nomination.objects.create(
            batch=batch, person=person, code="CSTD_TINH", year=2024, achievement="Chủ trì số hóa hồ sơ."
        ),
        "cstdcs": Nomination.objects.create(batch=batch, person=other_person, code="CSTDCS", year=2024),
        "ldtt": Nomination.objects.create(batch=batch, person=person, code="LDTT", year=2024),
        "ttldxs": Nomination.objects.create(
            batch=batch, organization=org_tree["div_a"], code="TTLDXS", year=2024
        ),
    }


@pytest.fixture
def people(make_user, org_tree):
    return make_people(make_user, org_tree)


@pytest.fixture
def head_a(people):
    return people["head_a"]
