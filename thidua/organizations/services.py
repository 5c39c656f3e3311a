"""Writes to organizations and people: validated, in a transaction, with the audit record."""

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from thidua.audit.services import audit_record, model_snapshot
from thidua.core.db import refuse_duplicate

from .models import Assignment, Organization, Person


@transaction.atomic
def organization_create(*, actor: Any, **fields: Any) -> Organization:
    organization = Organization(**fields)
    organization.refresh_derived()
    organization.full_clean(exclude=["path", "sort_key", "search_text"])
    with refuse_duplicate(_("Đã có cơ quan, đơn vị với mã này."), field="code"):
        organization.save()
    audit_record(action="create", instance=organization, after=model_snapshot(organization), actor=actor)
    return organization


@transaction.atomic
def organization_update(*, actor: Any, organization: Organization, **fields: Any) -> Organization:
    organization = Organization.objects.select_for_update().get(pk=organization.pk)
    before = model_snapshot(organization)
    for name, value in fields.items():
        setattr(organization, name, value)
    organization.full_clean(exclude=["path", "sort_key", "search_text"])
    organization.save()
    audit_record(
        action="update", instance=organization, before=before, after=model_snapshot(organization), actor=actor
    )
    return organization


@transaction.atomic
def person_create(*, actor: Any, **fields: Any) -> Person:
    person = Person(**fields)
    person.refresh_derived()
    person.full_clean(exclude=["sort_key", "search_text"])
    with refuse_duplicate(_("Đã có cán bộ với mã cán bộ này."), field="staff_code"):
        person.save()
    audit_record(action="create", instance=person, after=model_snapshot(person), actor=actor)
    return person


@transaction.atomic
def person_update(*, actor: Any, person: Person, **fields: Any) -> Person:
    person = Person.objects.select_for_update().get(pk=person.pk)
    before = model_snapshot(person)
    for name, value in fields.items():
        setattr(person, name, value)
    person.full_clean(exclude=["sort_key", "search_text"])
    person.save()
    audit_record(action="update", instance=person, before=before, after=model_snapshot(person), actor=actor)
    return person


@transaction.atomic
def assignment_create(*, actor: Any, **fields: Any) -> Assignment:
    assignment = Assignment(**fields)
    assignment.full_clean()
    assignment.save()
    audit_record(action="create", instance=assignment, after=model_snapshot(assignment), actor=actor)
    return assignment


@transaction.atomic
def person_transfer(*, actor: Any, person: Person, to: Organization, position: Any, on: Any) -> Assignment:
    """A transfer ends the current assignment the day before `on` and starts a new one on `on`."""
    from datetime import timedelta

    current = person.assignments.select_for_update().filter(end_on__isnull=True).first()
    if current is not None:
        before = model_snapshot(current)
        current.end_on = on - timedelta(days=1)
        current.full_clean()
        current.save(update_fields=["end_on"])
        audit_record(
            action="update", instance=current, before=before, after=model_snapshot(current), actor=actor
        )
    return assignment_create(actor=actor, person=person, organization=to, position=position, start_on=on)
