"""The movement's dossier window, organising method and awarding mode; its planned awards (lines the launching
office keeps), and the refusal of an award linked to the movement beyond the planned count for its code."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from thidua.audit.models import AuditEvent
from thidua.commendations import services as award_services
from thidua.commendations.models import AwardRecord, AwardStatus
from thidua.core.registry import registry
from thidua.movements import services
from thidua.movements.models import AwardingMode, Movement, MovementAwardPlan

pytestmark = pytest.mark.django_db


def _plan(movement, people, *, code="GIAY_KHEN", stage="final", planned_count=1, **extra):
    return services.award_plan_set(
        actor=people["officer"],
        movement=movement,
        code=code,
        stage=stage,
        planned_count=planned_count,
        **extra,
    )


def _award(movement, organization, *, code="GIAY_KHEN", year=2023):
    return award_services.award_record_create(
        actor=None, code=code, organization=organization, year=year, movement=movement
    )


def test_dossier_window_closing_before_opening_is_refused_naming_the_field(launched):
    launched.dossier_open_on, launched.dossier_close_on = date(2023, 5, 1), date(2023, 4, 1)
    with pytest.raises(ValidationError) as error:
        launched.full_clean()
    assert error.value.message_dict["dossier_close_on"] == [
        "Hạn nộp hồ sơ không được trước ngày bắt đầu nhận hồ sơ."
    ]
    launched.dossier_close_on = date(2023, 5, 1)
    launched.full_clean()  # the same day is a window of one day


def test_final_only_movement_refuses_a_midterm_plan_line(make_movement, people):
    movement = make_movement(awarding_mode=AwardingMode.FINAL_ONLY)
    with pytest.raises(ValidationError) as error:
        _plan(movement, people, stage="midterm")
    assert "stage" in error.value.message_dict
    assert _plan(movement, people, stage="final").stage == "final"


def test_plan_count_must_be_positive(launched, people):
    with pytest.raises(ValidationError) as error:
        _plan(launched, people, planned_count=0)
    assert "planned_count" in error.value.message_dict


def test_office_adds_edits_and_removes_plan_lines_audited(launched, people):
    plan = _plan(launched, people, planned_count=3, criteria="Hoàn thành xuất sắc nhiệm vụ.")
    services.award_plan_set(
        actor=people["officer"],
        movement=launched,
        plan=plan,
        code="GIAY_KHEN",
        stage="final",
        planned_count=5,
        criteria="",
    )
    assert MovementAwardPlan.objects.get().planned_count == 5
    with pytest.raises(ValidationError):  # one line per code and stage
        _plan(launched, people, planned_count=2)
    services.award_plan_delete(actor=people["officer"], plan=plan)
    assert not MovementAwardPlan.objects.exists()
    actions = list(
        AuditEvent.objects.filter(object_type__endswith="movementawardplan").values_list("action", flat=True)
    )
    assert sorted(actions) == ["create", "delete", "update"]


def test_head_of_another_unit_cannot_change_the_plan(launched, people):
    with pytest.raises(PermissionDenied):
        services.award_plan_set(
            actor=people["head_b"], movement=launched, code="GIAY_KHEN", stage="final", planned_count=1
        )


def test_award_beyond_the_planned_count_is_refused(launched, people, org_tree):
    _plan(launched, people, planned_count=1)
    _award(launched, org_tree["div_a"])
    with pytest.raises(ValidationError) as error:
        _award(launched, org_tree["div_b"])
    (message,) = error.value.message_dict["movement"]
    assert message.startswith("Vượt số khen thưởng dự kiến của phong trào: Giấy khen")
    assert AwardRecord.objects.count() == 1


def test_stages_add_up_and_other_codes_are_not_limited(launched, people, org_tree):
    _plan(launched, people, stage="midterm", planned_count=1)
    _plan(launched, people, stage="final", planned_count=1)
    _award(launched, org_tree["div_a"])
    _award(launched, org_tree["div_b"])
    for year in (2021, 2022):
        _award(launched, org_tree["div_a"], code="TTLDTT", year=year)  # no line for this code
    assert AwardRecord.objects.count() == 4


def test_movement_without_plans_is_unlimited(launched, org_tree):
    for year in (2021, 2022, 2023):
        _award(launched, org_tree["div_a"], year=year)
    assert AwardRecord.objects.filter(movement=launched).count() == 3


def test_update_linking_an_award_beyond_the_plan_is_refused_and_revoked_awards_free_a_place(
    launched, people, org_tree
):
    _plan(launched, people, planned_count=1)
    first = _award(launched, org_tree["div_a"])
    loose = _award(None, org_tree["div_b"])
    with pytest.raises(ValidationError) as error:
        award_services.award_record_update(actor=None, award=loose, movement=launched)
    assert "movement" in error.value.message_dict
    award_services.award_record_update(actor=None, award=first, note="Sửa ghi chú")  # itself is not counted
    award_services.award_record_revoke(actor=None, award=first, reason="Hủy")
    award_services.award_record_update(actor=None, award=loose, movement=launched)
    assert AwardRecord.objects.filter(movement=launched, status=AwardStatus.ACTIVE).get() == loose


def test_plan_cannot_fall_below_what_was_awarded(launched, people, org_tree):
    plan = _plan(launched, people, planned_count=2)
    _award(launched, org_tree["div_a"])
    _award(launched, org_tree["div_b"])
    with pytest.raises(ValidationError) as error:
        services.award_plan_set(
            actor=people["officer"], movement=launched, plan=plan, code="GIAY_KHEN", stage="final",
            planned_count=1,
        )  # fmt: skip
    assert "planned_count" in error.value.message_dict


def test_movements_registers_its_award_check():
    assert services.award_plan_check in registry.award_checks()


def test_registry_form_refuses_an_award_beyond_the_plan(client, launched, people, org_tree):
    _plan(launched, people, planned_count=1)
    _award(launched, org_tree["div_a"])
    client.force_login(people["officer"])
    form = {
        "subject_code": org_tree["div_b"].code,
        "code": "GIAY_KHEN",
        "year": 2023,
        "track": "cong_trang",
        "movement": launched.pk,
    }
    response = client.post(reverse("commendations:award_create"), form)
    assert response.status_code == 200
    assert "Vượt số khen thưởng dự kiến của phong trào" in response.content.decode()
    assert AwardRecord.objects.count() == 1


def test_office_manages_plan_lines_on_the_movement_page(client, launched, people, org_tree):
    client.force_login(people["officer"])
    add = reverse("movements:award_plan_create", args=[launched.pk])
    data = {"code": "GIAY_KHEN", "stage": "final", "planned_count": 2, "criteria": "Tiêu biểu."}
    assert client.post(add, data).status_code == 302
    plan = MovementAwardPlan.objects.get()
    _award(launched, org_tree["div_a"])
    page = client.get(reverse("movements:detail", args=[launched.pk])).content.decode()
    assert "Khen thưởng dự kiến" in page and "Tiêu biểu." in page
    assert f'data-testid="award-plan-awarded-{plan.pk}">1/2<' in page
    edit = reverse("movements:award_plan_edit", args=[launched.pk, plan.pk])
    assert client.post(edit, {**data, "planned_count": 0}).status_code == 200  # refused, shown again
    assert client.post(edit, {**data, "planned_count": 4}).status_code == 302
    assert MovementAwardPlan.objects.get().planned_count == 4
    delete = reverse("movements:award_plan_delete", args=[launched.pk, plan.pk])
    assert client.post(delete).status_code == 302
    assert not MovementAwardPlan.objects.exists()


def test_movement_form_edits_the_dossier_window_and_awarding(client, make_movement, people):
    movement = make_movement()
    client.force_login(people["officer"])
    url = reverse("movements:edit", args=[movement.pk])
    page = client.get(url).content.decode()
    assert 'name="dossier_open_on"' in page and 'name="awarding_mode"' in page
    assert "Chỉ khen thưởng khi tổng kết" in page and "Hội nghị trực tiếp" in page
    detail = client.get(reverse("movements:detail", args=[movement.pk])).content.decode()
    assert "Khen thưởng khi sơ kết và tổng kết" in detail
    assert Movement.objects.get(pk=movement.pk).awarding_mode == AwardingMode.STAGED


def test_movement_form_refuses_a_window_closing_before_it_opens(client, make_movement, people):
    movement = make_movement()
    client.force_login(people["officer"])
    url = reverse("movements:edit", args=[movement.pk])
    form = client.get(url).context["form"]
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(
        {"dossier_open_on": "10/05/2023", "dossier_close_on": "01/05/2023", "awarding_mode": "final_only"}
    )
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Hạn nộp hồ sơ không được trước ngày bắt đầu nhận hồ sơ." in response.content.decode()
    assert Movement.objects.get(pk=movement.pk).dossier_close_on is None


def test_api_takes_and_shows_the_dossier_window_and_awarding(client, org_tree, people):
    from thidua.accounts.models import ApiToken

    _t, key = ApiToken.issue(user=people["officer"], name="test")
    headers = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    payload = {
        "code": "API-KT",
        "title": "Phong trào có khen thưởng dự kiến",
        "period_start": 2025,
        "period_end": 2025,
        "launching_organization_id": org_tree["agency"].pk,
        "dossier_open_on": "2025-10-01",
        "dossier_close_on": "2025-09-01",
        "organising_method": "online",
        "awarding_mode": "final_only",
    }
    bad = client.post("/api/v1/movements", payload, content_type="application/json", **headers)
    assert bad.status_code == 422
    payload["dossier_close_on"] = "2025-10-31"
    response = client.post("/api/v1/movements", payload, content_type="application/json", **headers)
    assert response.status_code == 201, response.content
    created = response.json()
    assert (created["organising_method"], created["awarding_mode"]) == ("online", "final_only")
    assert created["dossier_close_on"] == "2025-10-31" and created["award_plans"] == []
    movement = Movement.objects.get(code="API-KT")
    _plan(movement, people, planned_count=2, criteria="Tiêu biểu.")
    detail = client.get(f"/api/v1/movements/{movement.pk}", **headers).json()
    assert detail["award_plans"] == [
        {"code": "GIAY_KHEN", "stage": "final", "planned_count": 2, "criteria": "Tiêu biểu."}
    ]
