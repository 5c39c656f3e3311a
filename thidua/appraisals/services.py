"""Writes of the yearly facts: each in a transaction, validated, with its audit record.

Views, the API, the Excel import and the demo all come through here (the import and the API's bulk routes
through the `*_bulk_upsert` services at the end, with one audit event per row added or changed).
"""

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any, TypedDict, Unpack

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.models import User
from thidua.audit.services import (
    BulkResult,
    audit_record,
    audited_create,
    audited_delete,
    audited_update,
    bulk_upsert_audited,
    model_snapshot,
)
from thidua.core.db import filter_in_chunks
from thidua.core.workflow import Step, TransitionRefused, transition_perform
from thidua.organizations.models import Assignment, Organization, Person
from thidua.organizations.selectors import judging_unit_for

from . import workflow
from .models import (
    Appraisal,
    CollectiveAppraisal,
    Discipline,
    Leave,
    Registration,
    RegistrationLine,
    RegistrationRound,
)
from .months import months_worked_in_year

# ---------------------------------------------------------------- the fields a service may write
# Keyword arguments of the create and update services (an update passes only what changes; a create leaves out
# what has a default, and the model's validation names a missing required field).


class AppraisalChanges(TypedDict, total=False):
    person: Person
    year: int
    organization: Organization
    organization_id: int
    rating: str
    months_worked: int
    note: str


class LeaveFields(TypedDict, total=False):
    person: Person
    person_id: int
    year: int
    kind: str
    start_on: date | None
    end_on: date | None
    working_days: int
    duration_months: Decimal | None
    study_result: str
    note: str


class DisciplineFields(TypedDict, total=False):
    person: Person
    person_id: int
    form: str
    decision_number: str
    decided_on: date
    effective_from: date
    effective_to: date | None
    reason: str
    pending: bool


class CollectiveAppraisalFields(TypedDict, total=False):
    organization: Organization
    organization_id: int
    year: int
    rating: str
    cluster_rank: int | None
    results: str


# ---------------------------------------------------------------- months worked


def months_worked_for(*, person_ids: Iterable[int], year: int) -> dict[int, int]:
    """Months worked in `year` for many people at once (two queries: people, assignments)."""
    ids = list(person_ids)
    people = Person.objects.filter(pk__in=ids).values_list("pk", "recruited_on", "retired_on")
    periods: dict[int, list[tuple[date, date | None]]] = defaultdict(list)
    for person_id, start, end in Assignment.objects.filter(person_id__in=ids).values_list(
        "person_id", "start_on", "end_on"
    ):
        periods[person_id].append((start, end))
    return {
        pk: months_worked_in_year(
            year=year, recruited_on=recruited, retired_on=retired, assignments=periods[pk]
        )
        for pk, recruited, retired in people
    }


# ---------------------------------------------------------------- appraisals (ratings)


@transaction.atomic
def appraisal_create(
    *,
    actor: User | None,
    person: Person,
    year: int,
    rating: str,
    organization: Organization | None = None,
    months_worked: int | None = None,
    note: str = "",
) -> Appraisal:
    """Record a person's rating for a year; months worked and the unit are derived when not given."""
    if months_worked is None:
        months_worked = months_worked_for(person_ids=[person.pk], year=year).get(person.pk, 12)
    if organization is None:
        organization_id = judging_unit_for(person=person, year=year)
        if organization_id is None:
            raise ValidationError(
                {
                    "organization": _("Cán bộ không công tác tại đơn vị nào trong năm %(year)s.")
                    % {"year": year}
                }
            )
        organization = Organization.objects.get(pk=organization_id)
    appraisal = Appraisal(
        person=person,
        year=year,
        rating=rating,
        organization=organization,
        months_worked=months_worked,
        note=note,
    )
    return audited_create(
        appraisal,
        actor=actor,
        duplicate=_("Cán bộ này đã có đánh giá, xếp loại của năm này."),
        duplicate_field="year",
    )


@transaction.atomic
def appraisal_update(
    *, actor: User | None, appraisal: Appraisal, **fields: Unpack[AppraisalChanges]
) -> Appraisal:
    """Correct a rating. A change of year derives the judging unit again, as on creation."""
    year = fields.get("year", appraisal.year)
    if year != appraisal.year and "organization" not in fields:
        organization_id = judging_unit_for(person=appraisal.person, year=year)
        if organization_id is None:
            raise ValidationError(
                {"year": _("Cán bộ không công tác tại đơn vị nào trong năm %(year)s.") % {"year": year}}
            )
        fields["organization_id"] = organization_id
    return audited_update(appraisal, actor=actor, changes=fields)


@transaction.atomic
def appraisal_delete(*, actor: User | None, appraisal: Appraisal) -> None:
    audited_delete(appraisal, actor=actor)


@transaction.atomic
def appraisal_months_recompute(
    *, actor: User | None, year: int, person_ids: Iterable[int] | None = None
) -> int:
    """Recompute and store months worked for the year's appraisals (after a change of dates or assignments)."""
    qs = Appraisal.objects.filter(year=year)
    if person_ids is not None:
        qs = qs.filter(person_id__in=list(person_ids))
    appraisals = list(qs.select_for_update())
    months = months_worked_for(person_ids=[a.person_id for a in appraisals], year=year)
    changed = []
    for appraisal in appraisals:
        value = months.get(appraisal.person_id, appraisal.months_worked)
        if value != appraisal.months_worked:
            appraisal.months_worked = value
            changed.append(appraisal)
    Appraisal.objects.bulk_update(changed, ["months_worked"], batch_size=1000)
    if changed:
        audit_record(
            action="recompute_months",
            object_type="appraisals.appraisal",
            object_id=year,
            after={"year": year, "changed": len(changed)},
            actor=actor,
        )
    return len(changed)


# ---------------------------------------------------------------- leave


@transaction.atomic
def leave_create(*, actor: User | None, **fields: Unpack[LeaveFields]) -> Leave:
    return audited_create(Leave(**fields), actor=actor)


@transaction.atomic
def leave_update(*, actor: User | None, leave: Leave, **fields: Unpack[LeaveFields]) -> Leave:
    return audited_update(leave, actor=actor, changes=fields)


@transaction.atomic
def leave_delete(*, actor: User | None, leave: Leave) -> None:
    audited_delete(leave, actor=actor)


# ---------------------------------------------------------------- discipline


@transaction.atomic
def discipline_create(*, actor: User | None, **fields: Unpack[DisciplineFields]) -> Discipline:
    return audited_create(Discipline(**fields), actor=actor)


@transaction.atomic
def discipline_update(
    *, actor: User | None, discipline: Discipline, **fields: Unpack[DisciplineFields]
) -> Discipline:
    return audited_update(discipline, actor=actor, changes=fields)


@transaction.atomic
def discipline_delete(*, actor: User | None, discipline: Discipline) -> None:
    audited_delete(discipline, actor=actor)


# ---------------------------------------------------------------- collective appraisals


@transaction.atomic
def collective_appraisal_create(
    *, actor: User | None, **fields: Unpack[CollectiveAppraisalFields]
) -> CollectiveAppraisal:
    return audited_create(
        CollectiveAppraisal(**fields),
        actor=actor,
        duplicate=_("Tập thể này đã có đánh giá của năm này."),
        duplicate_field="year",
    )


@transaction.atomic
def collective_appraisal_update(
    *, actor: User | None, collective: CollectiveAppraisal, **fields: Unpack[CollectiveAppraisalFields]
) -> CollectiveAppraisal:
    return audited_update(collective, actor=actor, changes=fields)


@transaction.atomic
def collective_appraisal_delete(*, actor: User | None, collective: CollectiveAppraisal) -> None:
    audited_delete(collective, actor=actor)


# ---------------------------------------------------------------- registration


@transaction.atomic
def registration_round_open(
    *,
    actor: User | None,
    organization: Organization,
    year: int,
    deadline: date,
    note: str = "",
    units: Iterable[Organization] | None = None,
) -> RegistrationRound:
    """The office opens the year's registration; every unit under the agency gets a registration (not sent)."""
    round_ = audited_create(
        RegistrationRound(organization=organization, year=year, deadline=deadline, note=note),
        actor=actor,
        duplicate=_("Cơ quan này đã mở đợt đăng ký thi đua năm %(year)s.") % {"year": year},
        duplicate_field="year",
    )
    if units is None:
        # The units that exist on the deadline, when they register: not those dissolved or merged before it
        # (Yên Bái's divisions after 30/06/2025), nor those not founded yet.
        units = (
            Organization.objects.filter(path__startswith=organization.path)
            .exclude(pk=organization.pk)
            .filter(valid_from__lte=deadline)
            .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=deadline))
        )
    Registration.objects.bulk_create([Registration(round=round_, unit=unit) for unit in units])
    return round_


@transaction.atomic
def registration_save(
    *,
    actor: User | None,
    registration: Registration,
    commitments: str,
    collective_codes: Iterable[str],
    person_codes: dict[int, str],
) -> Registration:
    """Replace a registration's lines and commitments (only while not sent or returned)."""
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status not in workflow.EDITABLE_STATES:
        raise ValidationError(_("Đăng ký đã gửi, không sửa được."))
    before = model_snapshot(registration)
    registration.commitments = commitments
    registration.save(update_fields=["commitments"])
    registration.lines.all().delete()
    lines = [RegistrationLine(registration=registration, code=code) for code in sorted(set(collective_codes))]
    lines += [
        RegistrationLine(registration=registration, person_id=pid, code=code)
        for pid, code in sorted(person_codes.items())
        if code
    ]
    for line in lines:
        line.full_clean(exclude=["registration", "person"])
    RegistrationLine.objects.bulk_create(lines)
    audit_record(
        action="update",
        instance=registration,
        before=before,
        after={**model_snapshot(registration), "lines": [(ln.person_id, ln.code) for ln in lines]},
        actor=actor,
    )
    return registration


# The one error type of every workflow (kept under this name for callers of the registration service).
TransitionError = TransitionRefused


@workflow.REGISTRATION.on(workflow.SEND)
def _registration_sent(registration: Registration, step: Step) -> None:
    registration.sent_at = step.now


@workflow.REGISTRATION.on(workflow.RETURN)
def _registration_returned(registration: Registration, step: Step) -> None:
    registration.return_reason = step.reason
    registration.decided_at, registration.decided_by = step.now, step.actor


@workflow.REGISTRATION.on(workflow.ACCEPT)
def _registration_accepted(registration: Registration, step: Step) -> None:
    registration.decided_at, registration.decided_by = step.now, step.actor


def registration_transition(
    *, actor: User | None, registration: Registration, action: str, reason: str = ""
) -> Registration:
    """Perform one edge of the registration workflow (the engine checks the table, the role in the unit, the
    reason; locks; writes; audits `registration.<action>`). A call without an actor is the system's."""
    return transition_perform(
        workflow=workflow.REGISTRATION,
        record=registration,
        action=action,
        actor=actor,
        reason=reason,
        check_permission=actor is not None,
    )


def registration_is_late(registration: Registration) -> bool:
    """Sent after the deadline, or not sent and the deadline passed (a warning, not a legal condition)."""
    deadline = registration.round.deadline
    if registration.sent_at is not None:
        return timezone.localtime(registration.sent_at).date() > deadline
    return timezone.localdate() > deadline


# ---------------------------------------------------------------- many rows at once (Excel import, API bulk routes)
# Rows are dicts by attribute name, checked by the caller (`appraisals.exchange`); each service finds the stored
# rows by natural key in bulk and writes through `bulk_upsert_audited` (one audit event per row added or
# changed, before and after), inside the caller's transaction. `dry_run` counts without writing.


def _stored_by_key(qs: Any, key: tuple[str, ...], field_name: str, values: Iterable[Any]) -> dict[tuple, Any]:
    return {
        tuple(getattr(obj, name) for name in key): obj for obj in filter_in_chunks(qs, field_name, values)
    }


def appraisal_bulk_upsert(
    *, rows: list[dict[str, Any]], actor: User | None, dry_run: bool = False
) -> BulkResult:
    """Ratings by (person, year): rating, months worked, judging unit, note."""
    key = ("person_id", "year")
    stored = Appraisal.objects.filter(year__in={row["year"] for row in rows})
    return bulk_upsert_audited(
        model=Appraisal,
        rows=rows,
        key=key,
        fields=("rating", "months_worked", "organization_id", "note"),
        existing=_stored_by_key(stored, key, "person_id", {row["person_id"] for row in rows}),
        actor=actor,
        dry_run=dry_run,
    )


def leave_bulk_upsert(*, rows: list[dict[str, Any]], actor: User | None, dry_run: bool = False) -> BulkResult:
    """Leave by (person, year, kind, start): end, working days, course length and result, note."""
    key = ("person_id", "year", "kind", "start_on")
    stored = Leave.objects.filter(year__in={row["year"] for row in rows})
    return bulk_upsert_audited(
        model=Leave,
        rows=rows,
        key=key,
        fields=("end_on", "working_days", "duration_months", "study_result", "note"),
        existing=_stored_by_key(stored, key, "person_id", {row["person_id"] for row in rows}),
        actor=actor,
        dry_run=dry_run,
    )


def discipline_bulk_upsert(
    *, rows: list[dict[str, Any]], actor: User | None, dry_run: bool = False
) -> BulkResult:
    """Disciplinary measures by (person, decision date, form): decision number, effect, pending, reason."""
    key = ("person_id", "decided_on", "form")
    return bulk_upsert_audited(
        model=Discipline,
        rows=rows,
        key=key,
        fields=("decision_number", "effective_from", "effective_to", "pending", "reason"),
        existing=_stored_by_key(
            Discipline.objects.all(), key, "person_id", {row["person_id"] for row in rows}
        ),
        actor=actor,
        dry_run=dry_run,
    )


def collective_appraisal_bulk_upsert(
    *, rows: list[dict[str, Any]], actor: User | None, dry_run: bool = False
) -> BulkResult:
    """Collectives' ratings by (unit, year): rating, rank in the cluster, the collective's own discipline,
    results."""
    key = ("organization_id", "year")
    stored = CollectiveAppraisal.objects.filter(year__in={row["year"] for row in rows})
    return bulk_upsert_audited(
        model=CollectiveAppraisal,
        rows=rows,
        key=key,
        fields=("rating", "cluster_rank", "discipline_form", "results"),
        existing=_stored_by_key(stored, key, "organization_id", {row["organization_id"] for row in rows}),
        actor=actor,
        dry_run=dry_run,
    )
