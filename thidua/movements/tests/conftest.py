"""Fixtures for movements: a draft and a launched movement of the agency in `org_tree`, with its people."""

from datetime import date
from decimal import Decimal

import pytest

from thidua.accounts.models import Role
from thidua.movements import services
from thidua.movements.models import Channel, MovementLevel, ResponsibleParty
from thidua.organizations.models import Person


@pytest.fixture
def signer(db):
    return Person.objects.create(
        family_name="Vũ", middle_name="Xuân", given_name="Hội", sex="M", staff_code="GD1"
    )


@pytest.fixture
def make_movement(org_tree, signer):
    counter = {"n": 0}

    def _make(*, launch: bool = False, organization=None, **fields):
        counter["n"] += 1
        values = {
            "code": f"M-{counter['n']}",
            "level": MovementLevel.AGENCY,
            "title": "Phong trào thi đua yêu nước giai đoạn 2021 - 2025",
            "theme": "Đoàn kết, sáng tạo",
            "period_start": 2021,
            "period_end": 2025,
            "launching_organization": organization or org_tree["agency"],
            "signer": signer,
            "signer_position": "Giám đốc",
            "addressees": "Các phòng, đơn vị trực thuộc Sở",
            "drafting_unit_symbol": "VP",
            "introduction": "Mở đầu với chủ đề: **“Đoàn kết, sáng tạo”**, Sở phát động.",
            "closing": "Kêu gọi toàn thể cán bộ thi đua./.",
        }
        values.update(fields)
        movement = services.movement_create(
            actor=None,
            check_permission=False,
            objectives=["Mục tiêu một.", "Mục tiêu hai."],
            solutions=[services.SolutionData(f"2.{i}", f"Giải pháp số {i}.") for i in range(1, 9)],
            responsibilities=[
                services.ResponsibilityData(ResponsibleParty.UNIT_HEADS, "Thủ trưởng các phòng triển khai."),
                services.ResponsibilityData(ResponsibleParty.TRADE_UNION, "Công đoàn tham gia."),
                services.ResponsibilityData(ResponsibleParty.YOUTH_UNION, "Chi đoàn tham gia."),
                services.ResponsibilityData(ResponsibleParty.STANDING_OFFICE, "Văn phòng chủ trì."),
            ],
            recipients=[
                services.RecipientData("Ban TD-KT tỉnh", Channel.PAPER),
                services.RecipientData("Các phòng, đơn vị (qua Voffice)", Channel.EOFFICE, org_tree["div_a"]),
                services.RecipientData("Lưu: VT, VP", Channel.ARCHIVE),
            ],
            **values,
        )
        if launch:
            services.movement_transition(
                actor=None, movement=movement, action="launch", on=date(2021, 3, 5), check_permission=False
            )
            movement.refresh_from_db()
        return movement

    return _make


@pytest.fixture
def people(org_tree, make_user):
    """An officer of the agency, unit heads of the two divisions, a staff member, and another agency's officer."""
    return {
        "officer": make_user(Role.OFFICER, org_tree["agency"], include_subunits=True, username="officer"),
        "head_a": make_user(Role.UNIT_HEAD, org_tree["div_a"], username="head_a"),
        "head_b": make_user(Role.UNIT_HEAD, org_tree["div_b"], username="head_b"),
        "staff_a": make_user(Role.STAFF, org_tree["div_a"], username="staff_a"),
        "other_officer": make_user(Role.OFFICER, org_tree["other"], include_subunits=True, username="other"),
        "signer": make_user(Role.SIGNER, org_tree["agency"], include_subunits=True, username="signer"),
    }


@pytest.fixture
def launched(make_movement):
    return make_movement(launch=True)


@pytest.fixture
def report_cycle(launched, org_tree, people):
    """Targets for both divisions in 2021 and a yearly report round."""
    officer = people["officer"]
    targets = [
        services.target_create(
            actor=officer,
            movement=launched,
            organization=org_tree[div],
            year=2021,
            indicator="Số sáng kiến được công nhận",
            unit_of_measure="sáng kiến",
            target_value=Decimal(4),
        )
        for div in ("div_a", "div_b")
    ]
    reports = services.report_round_open(
        actor=officer, movement=launched, year=2021, period="year", due_on=date(2021, 12, 15), past=True
    )
    return {"targets": targets, "reports": {r.organization_id: r for r in reports}}
