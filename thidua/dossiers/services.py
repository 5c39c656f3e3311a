"""Writes of a batch's dossier: files uploaded and deleted, achievement reports written.

Every write locks the batch row first (the same lock its `submit` takes), checks the actor is on the unit's side
(`nominations.workflow.UNIT_SIDE`, the roles that send the batch) and that the batch is still editable (draft or
returned), and writes the audit trail. A file must pass `core.uploads.upload_check` (type by name and content,
size limit); it is stored under a random name with its SHA-256.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from thidua.accounts.models import User
from thidua.accounts.scope import has_role
from thidua.audit.services import audit_record, audited_delete, model_snapshot
from thidua.core import uploads
from thidua.documents.validators import control_characters_message
from thidua.nominations.models import Nomination, ProposalBatch
from thidua.nominations.workflow import UNIT_SIDE

from .catalogue import BATCH, KIND_SCOPE, DossierKind, report_form
from .completeness import batch_era, subject_kind
from .models import AchievementReport, DossierItem
from .reports import SECTION_KEYS, report_prefill
from .selectors import EDITABLE_STATES

MAX_SECTION_CHARS = 20_000


def _lock_batch(batch: ProposalBatch) -> ProposalBatch:
    return (
        ProposalBatch.objects.select_for_update(of=("self",))
        .select_related("unit", "office")
        .get(pk=batch.pk)
    )


def _require_editable(actor: User | None, batch: ProposalBatch, *, check_permission: bool = True) -> None:
    if check_permission and not has_role(actor, *UNIT_SIDE, organization=batch.unit):
        raise PermissionDenied
    if batch.status not in EDITABLE_STATES:
        raise ValidationError(
            _("Tờ trình đang ở trạng thái “%(status)s”: hồ sơ không sửa được nữa.")
            % {"status": batch.get_status_display()}
        )


def _actor(actor: User | None) -> User | None:
    return actor if actor is not None and actor.is_authenticated else None


def dossier_item_store(
    *,
    actor: User | None,
    batch: ProposalBatch,
    kind: str,
    name: str,
    data: bytes,
    nomination: Nomination | None = None,
    note: str = "",
) -> DossierItem:
    """Store a checked file in the batch's dossier, without the role and state checks (the demo's history and
    `dossier_item_upload`, which checks first)."""
    if kind not in DossierKind.values:
        raise ValidationError({"kind": _("Loại hồ sơ không hợp lệ.")})
    if nomination is not None and nomination.batch_id != batch.pk:
        raise ValidationError({"nomination": _("Đề nghị này không thuộc tờ trình.")})
    if KIND_SCOPE[kind] == BATCH and nomination is not None:
        raise ValidationError(
            {
                "kind": _("“%(kind)s” là hồ sơ chung của tờ trình, không gắn với một dòng đề nghị.")
                % {"kind": DossierKind(kind).label}
            }
        )
    if KIND_SCOPE[kind] != BATCH and nomination is None:
        raise ValidationError(
            {
                "nomination": _("“%(kind)s” là hồ sơ của từng dòng đề nghị: hãy chọn dòng.")
                % {"kind": DossierKind(kind).label}
            }
        )
    message = control_characters_message(note, label=_("Ghi chú"))
    if message:
        raise ValidationError({"note": message})
    checked = uploads.upload_check(data=data, name=name, field=DossierKind(kind).label)
    digest = hashlib.sha256(checked.data).hexdigest()
    if DossierItem.objects.filter(batch=batch, nomination=nomination, kind=kind, sha256=digest).exists():
        raise ValidationError(_("Tệp này đã có trong hồ sơ (cùng nội dung, cùng loại)."))
    item = DossierItem(
        batch=batch,
        nomination=nomination,
        kind=kind,
        original_name=checked.name[:255],
        content_type=checked.content_type,
        size=checked.size,
        sha256=digest,
        note=note.strip()[:255],
        uploaded_by=_actor(actor),
    )
    item.file.save(f"tep.{checked.extension}", ContentFile(checked.data), save=False)
    item.save()
    audit_record(action="create", instance=item, after=model_snapshot(item), actor=_actor(actor))
    return item


def dossier_item_upload(
    *,
    actor: User | None,
    batch: ProposalBatch,
    kind: str,
    name: str,
    data: bytes,
    nomination: Nomination | None = None,
    note: str = "",
) -> DossierItem:
    """Add a file to the dossier of `batch` (for `nomination` when the kind is a line's) while it is editable;
    refused with a message naming the field when its type by content, its size or its kind is wrong."""
    with transaction.atomic():
        batch = _lock_batch(batch)
        _require_editable(actor, batch)
        return dossier_item_store(
            actor=actor, batch=batch, kind=kind, name=name, data=data, nomination=nomination, note=note
        )


def dossier_item_delete(*, actor: User | None, item: DossierItem) -> None:
    """Remove a file from the dossier while the batch is editable (the stored file too)."""
    with transaction.atomic():
        batch = _lock_batch(item.batch)
        _require_editable(actor, batch)
        item = DossierItem.objects.select_for_update().get(pk=item.pk)
        storage, stored = item.file.storage, item.file.name
        audited_delete(item, actor=_actor(actor))
        if stored:
            transaction.on_commit(lambda: storage.delete(stored))


def _clean_sections(sections: dict[str, Any]) -> dict[str, str]:
    cleaned: dict[str, str] = {}
    errors: dict[str, str] = {}
    for key in SECTION_KEYS:
        text = str(sections.get(key) or "").replace("\r\n", "\n").strip()
        message = control_characters_message(text)
        if message:
            errors[key] = message
        elif len(text) > MAX_SECTION_CHARS:
            errors[key] = _("Tối đa %(max)s ký tự.") % {"max": MAX_SECTION_CHARS}
        cleaned[key] = text
    if errors:
        raise ValidationError(errors)
    return cleaned


def achievement_report_save(
    *,
    actor: User | None,
    nomination: Nomination,
    sections: dict[str, Any],
    version: int | None = None,
    check_permission: bool = True,
) -> AchievementReport:
    """Write the line's achievement report (create it the first time, in the official form of the era).

    `version` is the one the editor showed: a report changed since by someone else is refused as a conflict, so
    nothing is overwritten silently."""
    cleaned = _clean_sections(sections)
    with transaction.atomic():
        batch = _lock_batch(nomination.batch)
        _require_editable(actor, batch, check_permission=check_permission)
        nomination = Nomination.objects.select_related("batch").get(pk=nomination.pk)
        report = AchievementReport.objects.select_for_update().filter(nomination=nomination).first()
        if report is None:
            if version not in (None, 0):
                raise ValidationError(
                    _("Báo cáo đã bị người khác xóa hoặc thay đổi trong lúc bạn sửa; hãy tải lại trang.")
                )
            form = report_form(era=batch_era(batch), subject=subject_kind(nomination), track=nomination.track)
            report = AchievementReport(
                nomination=nomination,
                form_code=form.code,
                sections=cleaned,
                created_by=_actor(actor),
                updated_by=_actor(actor),
            )
            report.save()
            audit_record(action="create", instance=report, after=model_snapshot(report), actor=_actor(actor))
            return report
        if version is not None and version != report.version:
            raise ValidationError(
                _(
                    "Báo cáo đã được người khác sửa trong lúc bạn sửa (phiên bản %(theirs)s, bạn sửa từ phiên bản "
                    "%(yours)s); nội dung của bạn chưa được lưu. Hãy tải lại trang và sửa lại."
                )
                % {"theirs": report.version, "yours": version}
            )
        before = model_snapshot(report)
        report.sections = cleaned
        report.version += 1
        report.updated_by = _actor(actor)
        report.save()
        audit_record(
            action="update", instance=report, before=before, after=model_snapshot(report), actor=_actor(actor)
        )
        return report


def achievement_report_prefill(
    *, actor: User | None, nomination: Nomination, version: int | None = None, check_permission: bool = True
) -> AchievementReport:
    """Write the line's report from the data again (after the facts changed), replacing its text."""
    return achievement_report_save(
        actor=actor,
        nomination=nomination,
        sections=report_prefill(nomination),
        version=version,
        check_permission=check_permission,
    )


def achievement_report_store(
    *, actor: User | None, nomination: Nomination, sections: dict[str, Any]
) -> AchievementReport:
    """Write the line's report without the role and state checks (the demo's history): create it, or replace
    its text."""
    cleaned = _clean_sections(sections)
    with transaction.atomic():
        report = AchievementReport.objects.select_for_update().filter(nomination=nomination).first()
        if report is None:
            form = report_form(
                era=batch_era(nomination.batch), subject=subject_kind(nomination), track=nomination.track
            )
            report = AchievementReport(
                nomination=nomination, form_code=form.code, sections=cleaned, created_by=_actor(actor)
            )
            report.save()
            audit_record(action="create", instance=report, after=model_snapshot(report), actor=_actor(actor))
            return report
        before = model_snapshot(report)
        report.sections = cleaned
        report.version += 1
        report.save()
        audit_record(
            action="update", instance=report, before=before, after=model_snapshot(report), actor=_actor(actor)
        )
        return report
