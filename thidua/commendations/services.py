"""Writes to the award registry: in a transaction, with the audit record."""

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from thidua.audit.services import audit_record, model_snapshot
from thidua.core.db import refuse_duplicate

from .models import AwardRecord, AwardStatus


@transaction.atomic
def award_record_create(*, actor: Any, **fields: Any) -> AwardRecord:
    award = AwardRecord(**fields)
    award.full_clean()
    duplicate = (
        _("Cán bộ này đã có danh hiệu, hình thức này cho năm thành tích này.")
        if award.person_id
        else _("Tập thể này đã có danh hiệu, hình thức này cho năm thành tích này.")
    )
    with refuse_duplicate(duplicate, field="code"):
        award.save()
    audit_record(action="create", instance=award, after=model_snapshot(award), actor=actor)
    return award


@transaction.atomic
def award_record_update(*, actor: Any, award: AwardRecord, **fields: Any) -> AwardRecord:
    award = AwardRecord.objects.select_for_update().get(pk=award.pk)
    before = model_snapshot(award)
    for name, value in fields.items():
        setattr(award, name, value)
    award.full_clean()
    award.save()
    audit_record(action="update", instance=award, before=before, after=model_snapshot(award), actor=actor)
    return award


@transaction.atomic
def award_record_revoke(*, actor: Any, award: AwardRecord, reason: str = "") -> AwardRecord:
    return award_record_update(
        actor=actor, award=award, status=AwardStatus.REVOKED, note=(award.note + "\n" + reason).strip()
    )


@transaction.atomic
def award_record_delete(*, actor: Any, award: AwardRecord) -> None:
    audit_record(action="delete", instance=award, before=model_snapshot(award), actor=actor)
    award.delete()
