"""The audit trail is append-only: not through the model, not through the admin, not through SQL."""

import pytest
from django.db import DatabaseError, connection, transaction

from thidua.accounts.models import Role
from thidua.audit.models import AuditEvent, AuditTrailIsAppendOnly
from thidua.audit.services import audit_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(org_tree):
    return audit_record(
        action="update", instance=org_tree["agency"], before={"name": "A"}, after={"name": "B"}
    )


def test_record_keeps_who_what_when_before_after(event, org_tree):
    assert event.object_type == "organizations.organization"
    assert event.object_id == str(org_tree["agency"].pk)
    assert (event.before, event.after) == ({"name": "A"}, {"name": "B"})
    assert event.actor_repr == "system" and event.at is not None


def test_model_refuses_update_and_delete(event):
    event.action = "tampered"
    with pytest.raises(AuditTrailIsAppendOnly):
        event.save()
    with pytest.raises(AuditTrailIsAppendOnly):
        event.delete()


def test_database_refuses_update_even_through_queryset(event):
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(action="tampered")
    assert AuditEvent.objects.get(pk=event.pk).action == "update"


def test_database_refuses_raw_update(event):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET action = 'x' WHERE id = %s", [event.pk])


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="DELETE is blocked by trigger on PostgreSQL only"
)
def test_postgresql_refuses_delete(event):
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk)._raw_delete(AuditEvent.objects.db)


def test_admin_cannot_change_or_delete(client, make_user, org_tree, event):
    client.force_login(make_user(Role.ADMIN, org_tree["province"], is_staff=True, is_superuser=True))
    change = client.get(f"/quan-tri/audit/auditevent/{event.pk}/change/")
    assert change.status_code == 200 and b'name="_save"' not in change.content
    assert client.post(f"/quan-tri/audit/auditevent/{event.pk}/delete/").status_code == 403
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_login_is_audited_with_address(client, make_user, org_tree):
    make_user(Role.STAFF, org_tree["div_a"], username="lan")
    client.post(
        "/tai-khoan/dang-nhap/", {"username": "lan", "password": "x-Password-123"}, REMOTE_ADDR="10.0.0.7"
    )
    event = AuditEvent.objects.get(action="login")
    assert event.actor_repr == "lan" and event.ip_address == "10.0.0.7"


def test_snapshot_of_a_file_field_keeps_its_name():
    from django.core.files.base import ContentFile

    from thidua.audit.services import model_snapshot
    from thidua.initiatives.models import InitiativeAttachment

    attachment = InitiativeAttachment()
    attachment.file.save("bien-ban.pdf", ContentFile(b"%PDF-1.4"), save=False)
    assert model_snapshot(attachment)["file"].endswith(".pdf")
