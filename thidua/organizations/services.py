"""Writes to organizations and people: validated, in a transaction, with the audit record."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, NotRequired, TypedDict, Unpack

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.audit.services import (
    AuditEntry,
    BulkResult,
    audit_record_bulk,
    audited_create,
    audited_update,
    bulk_upsert_audited,
    model_snapshot,
)
from thidua.core.db import filter_in_chunks

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
    budget_code: str
    sector: str
    signer_title: str
    signer_name: str
    bank_account: str
    bank_name: str


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


class AssignmentFields(TypedDict):
    """A person holds `position` in `organization` from `start_on` (to `end_on`, open-ended when not given)."""

    person: Person
    organization: Organization
    position: Position
    start_on: date
    end_on: NotRequired[date | None]
    decision: NotRequired[str]


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
def assignment_create(*, actor: User | None, **fields: Unpack[AssignmentFields]) -> Assignment:
    return audited_create(Assignment(**fields), actor=actor)


@transaction.atomic
def person_transfer(
    *, actor: User | None, person: Person, to: Organization, position: Position, on: date
) -> Assignment:
    """A transfer ends the current assignment the day before `on` and starts a new one on `on`."""
    current = person.assignments.select_for_update().filter(end_on__isnull=True).first()
    if current is not None:
        audited_update(current, actor=actor, changes={"end_on": on - timedelta(days=1)}, locked=True)
    return assignment_create(actor=actor, person=person, organization=to, position=position, start_on=on)


# ---------------------------------------------------------------- many people at once (Excel import, API)

PERSON_BULK_FIELDS = (
    "family_name",
    "middle_name",
    "given_name",
    "sex",
    "date_of_birth",
    "ethnicity_id",
    "recruited_on",
    "employed_since",
    "retired_on",
)


def person_bulk_upsert(
    *, rows: list[dict[str, Any]], actor: User | None, dry_run: bool = False, decision: str = ""
) -> BulkResult:
    """Insert or update people by staff code (rows checked by the caller: names, codes resolved to ids). A new
    person starts with an assignment to the row's `organization_id` and `position_id` from their recruitment
    (or today) to their retirement, `decision` naming its source. One audit event per person added or changed
    and per assignment added; run inside the caller's transaction."""
    existing = {
        (p.staff_code,): p
        for p in filter_in_chunks(Person.objects.all(), "staff_code", [r["staff_code"] for r in rows])
    }
    rows = [{**row, "label": row["staff_code"]} for row in rows]
    result = bulk_upsert_audited(
        model=Person,
        rows=rows,
        key=("staff_code",),
        fields=PERSON_BULK_FIELDS,
        derived=("sort_key", "search_text"),
        prepare=Person.refresh_derived,
        existing=existing,
        actor=actor,
        dry_run=dry_run,
    )
    if dry_run:
        return result
    today = timezone.localdate()
    firsts = [
        Assignment(
            person_id=result.instances[(row["staff_code"],)].pk,
            organization_id=row["organization_id"],
            position_id=row["position_id"],
            start_on=row.get("recruited_on") or today,
            end_on=row.get("retired_on"),
            decision=decision,
        )
        for row in rows
        if (row["staff_code"],) not in existing
    ]
    Assignment.objects.bulk_create(firsts, batch_size=1000)
    audit_record_bulk(
        entries=[AuditEntry("create", a, None, model_snapshot(a), a.decision) for a in firsts], actor=actor
    )
    return result
