"""Correcting and removing targets: the office may, until units have reported or the movement is closed."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from thidua.audit.models import AuditEvent
from thidua.movements import services
from thidua.movements.models import Target

pytestmark = pytest.mark.django_db


def _fields(target, **changes):
    data = {
        "organization": target.organization,
        "year": target.year,
        "indicator": target.indicator,
        "unit_of_measure": target.unit_of_measure,
        "target_value": target.target_value,
        "solution": None,
    }
    return {**data, **changes}


def test_officer_corrects_a_target_and_the_change_is_audited(report_cycle, people):
    target = report_cycle["targets"][0]
    services.target_update(actor=people["officer"], target=target, **_fields(target, target_value=Decimal(6)))
    target.refresh_from_db()
    assert target.target_value == 6
    event = AuditEvent.objects.filter(object_type="movements.target", action="update").get()
    assert event.before is not None and event.after is not None
    assert Decimal(event.before["target_value"]) == 4 and Decimal(event.after["target_value"]) == 6


def test_unit_and_year_stay_once_reported(report_cycle, people, org_tree):
    target = report_cycle["targets"][0]
    report = report_cycle["reports"][target.organization_id]
    report.values.create(target=target, value=Decimal(1))
    with pytest.raises(ValidationError):
        services.target_update(actor=people["officer"], target=target, **_fields(target, year=2022))
    with pytest.raises(ValidationError):
        services.target_update(
            actor=people["officer"], target=target, **_fields(target, organization=org_tree["div_b"])
        )


def test_only_the_launching_office_may_change_targets(report_cycle, people):
    target = report_cycle["targets"][0]
    for user in (people["head_a"], people["other_officer"]):
        with pytest.raises(PermissionDenied):
            services.target_update(actor=user, target=target, **_fields(target, target_value=Decimal(1)))
        with pytest.raises(PermissionDenied):
            services.target_delete(actor=user, target=target)


def test_edit_and_delete_pages(client, report_cycle, people, launched):
    target = report_cycle["targets"][1]
    edit = reverse("movements:target_edit", args=[launched.pk, target.pk])
    delete = reverse("movements:target_delete", args=[launched.pk, target.pk])
    client.force_login(people["other_officer"])
    assert client.get(edit).status_code in (403, 404)
    assert client.post(delete).status_code in (403, 404)
    client.force_login(people["head_a"])
    assert client.get(edit).status_code == 403
    client.force_login(people["officer"])
    assert client.get(edit).status_code == 200
    form = {
        "organization": target.organization_id,
        "year": 2021,
        "indicator": "Số mô hình ứng dụng",
        "unit_of_measure": "mô hình",
        "target_value": "3",
    }
    assert client.post(edit, form).status_code == 302
    target.refresh_from_db()
    assert target.indicator == "Số mô hình ứng dụng"
    assert client.post(delete).status_code == 302
    assert not Target.objects.filter(pk=target.pk).exists()
