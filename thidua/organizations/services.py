"""Writes to organizations and people: validated, in a transaction, with the audit record."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, TypedDict, Unpack

from django.db import transaction
from django.utils.translation import gettext as _

from thidua.audit.services import audited_create, audited_update

from .models import Assignment, Ethnicity, Organization, Person, Position

if TYPE_CHECKING:  # accounts builds on this app: the user type is only named, not imported
    from thidua.accounts.models import User

# Fields the model derives on save (`refresh_derived`, the tree path), left out of validation.
ORGANIZATION_DERIVED = ("path", "sort_key", "search_text")
PERSON_DERIVED = ("sort_key", "search_text")


class OrganizationFields(TypedDict, total=False):
    """What the create and update services write (an update passes only what changes)."""

    parent: Organization | None
    parent_id: int | None
    kind: str
    code: str
    name: str
    short_name: str
    symbol: str
    place_name: str
    valid_from: date
    valid_to: date | None


class PersonFields(TypedDict, total=False):
    """What the create and update services write (an update passes only what changes)."""

    family_name: str
    middle_name: str
    given_name: str
    sex: str
    date_of_birth: date | None
    ethnicity: Ethnicity | None
    ethnicity_id: int | None
    staff_code: str
    recruited_on: date | None
    employed_since: date | None
    retired_on: date | None


@transaction.atomic
def organization_create(*, actor: User | None, **fields: Unpack[OrganizationFields]) -> Organization:
    organization = Organization(**fields)
    organization.refresh_derived()
    return audited_create(
        organization,
        actor=actor,
        exclude=ORGANIZATION_DERIVED,
        duplicate=_("Đã có cơ quan, đơn vị với mã này."),
        duplicate_field="code",
    )


@transaction.atomic
def organization_update(
    *, actor: User | None, organization: Organization, **fields: Unpack[OrganizationFields]
) -> Organization:
    return audited_update(organization, actor=actor, changes=fields, exclude=ORGANIZATION_DERIVED)


@transaction.atomic
def person_create(*, actor: User | None, **fields: Unpack[PersonFields]) -> Person:
    person = Person(**fields)
    person.refresh_derived()
    return audited_create(
        person,
        actor=actor,
        exclude=PERSON_DERIVED,
        duplicate=_("Đã có cán bộ với mã cán bộ này."),
        duplicate_field="staff_code",
    )


@transaction.atomic
def person_update(*, actor: User | None, person: Person, **fields: Unpack[PersonFields]) -> Person:
    return audited_update(person, actor=actor, changes=fields, exclude=PERSON_DERIVED)


@transaction.atomic
def assignment_create(
    *,
    actor: User | None,
    person: Person,
    organization: Organization,
    position: Position,
    start_on: date,
    end_on: date | None = None,
    decision: str = "",
) -> Assignment:
    assignment = Assignment(
        person=person,
        organization=organization,
        position=position,
        start_on=start_on,
        end_on=end_on,
        decision=decision,
    )
    return audited_create(assignment, actor=actor)


@transaction.atomic
def person_transfer(
    *, actor: User | None, person: Person, to: Organization, position: Position, on: date
) -> Assignment:
    """A transfer ends the current assignment the day before `on` and starts a new one on `on`."""
    current = person.assignments.select_for_update().filter(end_on__isnull=True).first()
    if current is not None:
        audited_update(current, actor=actor, changes={"end_on": on - timedelta(days=1)}, locked=True)
    return assignment_create(actor=actor, person=person, organization=to, position=position, start_on=on)
