"""Fixtures of certificates: an issued award decision of the agency (rows written directly, as the decisions
services leave them after issuing: number, date, signer, one award per line), its awardees with private data
that must never reach a public page, a draft and a proposal whose codes must not verify, and the users."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.cache import cache

from thidua.accounts.models import Role
from thidua.commendations.models import AwardRecord
from thidua.decisions.models import Decision, DecisionKind, DecisionLine, DecisionStatus
from thidua.organizations.models import Assignment, Person, Position

DECIDED_ON = date(2025, 3, 20)
NUMBER = "45/QĐ-SKHCN"
SITE = "https://thidua.example.gov.vn"
# What is private about the first awardee: none of it may reach the public page.
BIRTH = date(1984, 7, 23)
STAFF_CODE = "CB-7731-KHCN"
AMOUNT = 1_490_000


@pytest.fixture(autouse=True)
def _site_and_cache(settings):
    settings.THIDUA_SITE_URL = SITE
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def tree(org_tree):
    """The test tree with the place names a certificate's date line needs."""
    province = org_tree["province"]
    province.name, province.place_name = "Ủy ban nhân dân tỉnh Yên Bái", "Yên Bái"
    province.save()
    agency = org_tree["agency"]
    agency.name = "Sở Khoa học và Công nghệ tỉnh Yên Bái"
    agency.save()
    return org_tree


@pytest.fixture
def position(db):
    return Position.objects.create(name="Chuyên viên")


@pytest.fixture
def make_person(position):
    counter = {"n": 0}

    def _make(unit, given="An", *, staff_code=None, born=None):
        counter["n"] += 1
        person = Person.objects.create(
            family_name="Nguyễn",
            middle_name="Thị",
            given_name=given,
            sex="F",
            staff_code=staff_code or f"P{counter['n']}",
            date_of_birth=born,
        )
        Assignment.objects.create(
            person=person, organization=unit, position=position, start_on=date(2015, 1, 1)
        )
        return person

    return _make


@pytest.fixture
def make_decision(tree):
    """A decision of `agency` (the test agency by default) in `status`, with lines for `people` (person, code)."""

    def _make(
        people=(),
        *,
        agency=None,
        status=DecisionStatus.ISSUED,
        kind=DecisionKind.AWARD,
        number=NUMBER,
        with_awards=True,
        collectives=(),
    ):
        agency = agency or tree["agency"]
        decision = Decision.objects.create(
            agency=agency,
            kind=kind,
            status=status,
            year=2024,
            title="Về việc tặng Giấy khen năm 2024",
            bases=["Căn cứ Luật Thi đua, khen thưởng;"],
            number_symbol=number if status != DecisionStatus.DRAFT else "",
            decided_on=DECIDED_ON if status != DecisionStatus.DRAFT else None,
            deciding_body=agency.name,
            signer_name="Trần Văn Bình",
            signer_position="Giám đốc",
        )
        position = 0
        for person, code in people:
            position += 1
            unit = person.assignments.first().organization
            line = DecisionLine.objects.create(
                decision=decision,
                person=person,
                code=code,
                year=2024,
                subject_name=person.full_name,
                subject_unit=unit.name,
                unit=unit,
                position=position,
                amount=AMOUNT,
                achievement="Hoàn thành xuất sắc nhiệm vụ năm 2024",
            )
            if with_awards and status in (DecisionStatus.ISSUED, DecisionStatus.REVOKED):
                line.award = AwardRecord.objects.create(
                    code=code,
                    person=person,
                    year=2024,
                    decision_number=decision.number_symbol,
                    decided_on=decision.decided_on,
                    deciding_body=decision.deciding_body,
                    status="revoked" if status == DecisionStatus.REVOKED else "active",
                )
                line.save(update_fields=["award"])
        for organization, code in collectives:
            position += 1
            DecisionLine.objects.create(
                decision=decision,
                organization=organization,
                code=code,
                year=2024,
                subject_name=organization.name,
                subject_unit=organization.parent.name if organization.parent else "",
                unit=organization,
                position=position,
                amount=AMOUNT,
            )
        return decision

    return _make


@pytest.fixture
def awardees(tree, make_person):
    """Three people of the agency's divisions; the first has a birth date and a staff code that are private."""
    return [
        make_person(tree["div_a"], "Hằng", staff_code=STAFF_CODE, born=BIRTH),
        make_person(tree["div_a"], "Lan"),
        make_person(tree["div_b"], "Mai"),
    ]


@pytest.fixture
def decision(make_decision, awardees, tree):
    return make_decision(
        [(awardees[0], "GIAY_KHEN"), (awardees[1], "GIAY_KHEN"), (awardees[2], "CSTDCS")],
        collectives=[(tree["div_b"], "TTLDTT")],
    )


@pytest.fixture
def people(tree, make_user):
    """The route matrix's users, and the agency's signer (reads the certificates, prints nothing)."""
    return {
        "officer": make_user(Role.OFFICER, tree["agency"], include_subunits=True, username="officer"),
        "head_a": make_user(Role.UNIT_HEAD, tree["div_a"], username="head_a"),
        "head_b": make_user(Role.UNIT_HEAD, tree["div_b"], username="head_b"),
        "staff_a": make_user(Role.STAFF, tree["div_a"], username="staff_a"),
        "other_officer": make_user(Role.OFFICER, tree["other"], include_subunits=True, username="other"),
        "signer": make_user(Role.SIGNER, tree["agency"], include_subunits=True, username="signer"),
    }
