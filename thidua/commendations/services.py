"""Writes to the award registry: in a transaction, with the audit record."""

from datetime import date
from typing import Any, TypedDict, Unpack

from django.db import models, transaction
from django.utils.translation import gettext as _

from thidua.accounts.models import User
from thidua.audit.services import (
    BulkResult,
    audited_create,
    audited_delete,
    audited_update,
    bulk_upsert_audited,
)
from thidua.core.db import filter_in_chunks
from thidua.core.registry import registry
from thidua.organizations.models import Organization, Person

from .models import AwardRecord, AwardStatus


class AwardRecordFields(TypedDict, total=False):
    """What the create and update services write (an update passes only what changes); one of `person` and
    `organization` names whom the award is for."""

    code: str
    person: Person | None
    person_id: int | None
    organization: Organization | None
    organization_id: int | None
    year: int
    track: str
    decision_number: str
    decided_on: date | None
    deciding_body: str
    status: str
    movement: models.Model | None  # a movements.Movement (movements imports this app, not the other way)
    movement_id: int | None
    note: str


def _run_award_checks(award: AwardRecord) -> None:
    """The rules higher apps set on an award (core.registry `award_check`, e.g. a movement's planned count)."""
    for check in registry.award_checks():
        check(award)


@transaction.atomic
def award_record_create(*, actor: User | None, **fields: Unpack[AwardRecordFields]) -> AwardRecord:
    award = AwardRecord(**fields)
    duplicate = (
        _("Cán bộ này đã có danh hiệu, hình thức này cho năm thành tích này.")
        if award.person_id
        else _("Tập thể này đã có danh hiệu, hình thức này cho năm thành tích này.")
    )
    _run_award_checks(award)
    return audited_create(award, actor=actor, duplicate=duplicate, duplicate_field="code")


@transaction.atomic
def award_record_update(
    *, actor: User | None, award: AwardRecord, **fields: Unpack[AwardRecordFields]
) -> AwardRecord:
    return audited_update(award, actor=actor, changes=fields, check=_run_award_checks)


@transaction.atomic
def award_record_revoke(*, actor: User | None, award: AwardRecord, reason: str = "") -> AwardRecord:
    return award_record_update(
        actor=actor, award=award, status=AwardStatus.REVOKED, note=(award.note + "\n" + reason).strip()
    )


@transaction.atomic
def award_record_delete(*, actor: User | None, award: AwardRecord) -> None:
    audited_delete(award, actor=actor)


# ---------------------------------------------------------------- many awards at once (Excel import, API)

AWARD_BULK_FIELDS = ("period_from", "period_to", "decision_number", "decided_on", "deciding_body", "note")


def award_record_bulk_upsert(
    *, rows: list[dict[str, Any]], actor: User | None, dry_run: bool = False
) -> BulkResult:
    """Awards by (code, person or unit, year, track, status) among the active ones: period of achievement,
    decision number and date, deciding body, note. Rows are checked by the caller (exactly one of `person_id`, `organization_id`); one
    audit event per award added or changed; run inside the caller's transaction."""
    stored = AwardRecord.objects.filter(
        year__in={row["year"] for row in rows}, status=AwardStatus.ACTIVE
    ).only("code", "person_id", "organization_id", "year", "track", "status", *AWARD_BULK_FIELDS)
    existing: dict[tuple, Any] = {}
    for subject in ("person_id", "organization_id"):
        wanted = {row[subject] for row in rows if row.get(subject) is not None}
        for award in filter_in_chunks(stored, subject, wanted):
            key = (award.code, award.person_id, award.organization_id, award.year, award.track, award.status)
            existing[key] = award
    return bulk_upsert_audited(
        model=AwardRecord,
        rows=rows,
        key=("code", "person_id", "organization_id", "year", "track", "status"),
        fields=AWARD_BULK_FIELDS,
        existing=existing,
        actor=actor,
        dry_run=dry_run,
    )
