"""A unit head launches the unit's own movement (Luật Thi đua, khen thưởng 06/2022/QH15, Điều 18); the unit
heads of other units and the agency's movements stay out of their hands."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from thidua.movements import services
from thidua.movements.models import MovementLevel, MovementStatus

pytestmark = pytest.mark.django_db


def _unit_movement_fields(org_tree, signer):
    return {
        "code": "VP-2024",
        "level": MovementLevel.UNIT,
        "kind": "thematic",
        "title": "Thi đua cải cách hành chính",
        "period_start": 2024,
        "period_end": 2024,
        "launching_organization": org_tree["div_a"],
        "signer": signer,
        "signer_position": "Chánh Văn phòng",
    }


def test_unit_head_creates_and_launches_the_units_own_movement(org_tree, people, signer):
    head = people["head_a"]
    movement = services.movement_create(
        actor=head,
        objectives=["Giảm 30% thời gian xử lý hồ sơ."],
        solutions=[services.SolutionData("1", "Số hóa hồ sơ một cửa.")],
        recipients=[services.RecipientData("Các cán bộ Văn phòng", "eoffice")],
        **_unit_movement_fields(org_tree, signer),
    )
    assert movement.status == MovementStatus.DRAFT
    services.movement_transition(actor=head, movement=movement, action="launch", on=date(2024, 3, 1))
    movement.refresh_from_db()
    assert movement.status == MovementStatus.LAUNCHED
    with pytest.raises(PermissionDenied):
        services.movement_transition(actor=people["head_b"], movement=movement, action="hold_final_review")


def test_unit_head_cannot_launch_for_another_unit_or_the_agency(org_tree, people, signer, make_movement):
    fields = _unit_movement_fields(org_tree, signer)
    with pytest.raises(PermissionDenied):
        services.movement_create(actor=people["head_b"], **fields)
    with pytest.raises(PermissionDenied):
        services.movement_create(
            actor=people["head_a"], **{**fields, "launching_organization": org_tree["agency"]}
        )
    agency_movement = make_movement()
    with pytest.raises(PermissionDenied):
        services.movement_transition(actor=people["head_a"], movement=agency_movement, action="launch")


def test_unit_head_sees_the_units_draft_and_other_heads_do_not(client, org_tree, people, signer):
    movement = services.movement_create(actor=people["head_a"], **_unit_movement_fields(org_tree, signer))
    client.force_login(people["head_a"])
    assert "VP-2024" in client.get("/phong-trao/").content.decode()
    assert client.get(f"/phong-trao/{movement.pk}/").status_code == 200
    client.force_login(people["head_b"])
    assert "VP-2024" not in client.get("/phong-trao/").content.decode()
    assert client.get(f"/phong-trao/{movement.pk}/").status_code == 404
