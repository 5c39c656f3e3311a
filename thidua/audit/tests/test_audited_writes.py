"""The one-row writes every service shares: validated, saved, audited with before and after."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from thidua.accounts.models import Role, RoleGrant
from thidua.accounts.services import role_grant_create
from thidua.audit.models import AuditEvent
from thidua.audit.services import audited_create, audited_delete, audited_update
from thidua.organizations.models import Position

pytestmark = pytest.mark.django_db


def _events(action: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action, object_type="organizations.position"))


def test_create_saves_and_audits_the_values_with_what_the_row_does_not_hold(make_user):
    actor = make_user()
    with transaction.atomic():
        position = audited_create(Position(name="Trưởng phòng"), actor=actor, also={"note": "x"})
    assert Position.objects.filter(pk=position.pk, name="Trưởng phòng").exists()
    [event] = _events("create")
    assert event.after is not None
    assert event.after["name"] == "Trưởng phòng" and event.after["note"] == "x"
    assert event.actor_id == actor.pk


def test_create_refuses_an_invalid_row_before_saving_or_auditing(make_user):
    with pytest.raises(ValidationError) as refused, transaction.atomic():
        audited_create(Position(name=""), actor=make_user())
    assert "name" in refused.value.message_dict
    assert not Position.objects.exists() and not _events("create")


def test_create_turns_a_duplicate_the_database_refuses_into_the_message_on_the_field(make_user):
    Position.objects.create(name="Phó phòng")
    with pytest.raises(ValidationError) as refused, transaction.atomic():
        # The uniqueness check of validation left out, as when two requests pass it at once.
        audited_create(
            Position(name="Phó phòng"),
            actor=make_user(),
            exclude=("name",),
            duplicate="Đã có chức vụ này.",
            duplicate_field="name",
        )
    assert refused.value.message_dict == {"name": ["Đã có chức vụ này."]}
    assert Position.objects.count() == 1 and not _events("create")


def test_update_sets_the_changes_on_the_stored_row_and_audits_before_and_after(make_user):
    position = Position.objects.create(name="Chuyên viên", rank=5)
    stale = Position.objects.get(pk=position.pk)
    Position.objects.filter(pk=position.pk).update(rank=7)  # changed since `stale` was read
    with transaction.atomic():
        row = audited_update(stale, actor=make_user(), changes={"name": "Chuyên viên chính"})
    assert (row.name, row.rank) == ("Chuyên viên chính", 7)
    [event] = _events("update")
    assert event.before is not None and event.after is not None
    assert (event.before["name"], event.after["name"]) == ("Chuyên viên", "Chuyên viên chính")
    assert event.before["rank"] == event.after["rank"] == 7


def test_update_check_sees_the_changed_row_and_can_refuse_it(make_user):
    position = Position.objects.create(name="Văn thư")

    def refuse_leadership(changed: Position) -> None:
        if changed.is_leadership:
            raise PermissionDenied

    with pytest.raises(PermissionDenied), transaction.atomic():
        audited_update(position, actor=make_user(), changes={"is_leadership": True}, check=refuse_leadership)
    assert not Position.objects.get(pk=position.pk).is_leadership and not _events("update")


def test_delete_audits_the_values_then_deletes(make_user):
    position = Position.objects.create(name="Kế toán")
    with transaction.atomic():
        audited_delete(position, actor=make_user())
    assert not Position.objects.exists()
    [event] = _events("delete")
    assert event.before is not None
    assert event.before["name"] == "Kế toán" and event.after is None


def test_role_grant_create_keeps_the_model_default_start_and_audits(make_user, org_tree):
    officer, admin = make_user(), make_user()
    grant = role_grant_create(actor=admin, user=officer, role=Role.UNIT_HEAD, organization=org_tree["agency"])
    stored = RoleGrant.objects.get(pk=grant.pk)
    assert stored.valid_from == date(2000, 1, 1) and stored.valid_to is None
    event = AuditEvent.objects.get(action="create", object_type="accounts.rolegrant")
    assert event.after is not None
    assert event.after["role"] == Role.UNIT_HEAD and event.actor_id == admin.pk
