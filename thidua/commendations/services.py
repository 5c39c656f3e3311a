"""Writes to the award registry: in a transaction, with the audit record."""

from datetime import date
from typing import TypedDict, Unpack

from django.db import models, transaction
from django.utils.translation import gettext as _

from thidua.accounts.models import User
from thidua.audit.services import audited_create, audited_delete, audited_update
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


@transaction.atomic
def award_record_create(*, actor: User | None, **fields: Unpack[AwardRecordFields]) -> AwardRecord:
    award = AwardRecord(**fields)
    duplicate = (
        _("Cán bộ này đã có danh hiệu, hình thức này cho năm thành tích này.")
        if award.person_id
        else _("Tập thể này đã có danh hiệu, hình thức này cho năm thành tích này.")
    )
    return audited_create(award, actor=actor, duplicate=duplicate, duplicate_field="code")


@transaction.atomic
def award_record_update(
    *, actor: User | None, award: AwardRecord, **fields: Unpack[AwardRecordFields]
) -> AwardRecord:
    return audited_update(award, actor=actor, changes=fields)


@transaction.atomic
def award_record_revoke(*, actor: User | None, award: AwardRecord, reason: str = "") -> AwardRecord:
    return award_record_update(
        actor=actor, award=award, status=AwardStatus.REVOKED, note=(award.note + "\n" + reason).strip()
    )


@transaction.atomic
def award_record_delete(*, actor: User | None, award: AwardRecord) -> None:
    audited_delete(award, actor=actor)
