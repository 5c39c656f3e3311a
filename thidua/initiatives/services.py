"""Writes of initiatives, their authors and attachments: in a transaction, with the audit record."""

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any, TypedDict, Unpack

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from thidua.accounts.models import User
from thidua.audit.services import (
    AuditEntry,
    BulkResult,
    audit_record,
    audit_record_bulk,
    audited_create,
    audited_delete,
    audited_update,
    bulk_upsert_audited,
    model_snapshot,
)
from thidua.commendations.models import AwardRecord
from thidua.core.codes import InitiativeLevel
from thidua.core.db import filter_in_chunks
from thidua.organizations.models import Organization

from .models import Initiative, InitiativeAttachment, InitiativeAuthor

# Authors as (person id, share of the contribution in per cent).
Authors = Sequence[tuple[int, Decimal | int]]


class InitiativeFields(TypedDict, total=False):
    """What the create and update services write (an update passes only what changes)."""

    code: str
    title: str
    kind: str
    level: str
    organization: Organization
    organization_id: int
    recognized_by: str
    decision_number: str
    recognized_on: date
    wider_level: str
    wider_recognized_on: date | None
    applied: bool
    summary: str


# Scopes of effect from the narrowest; a later recognition must be wider than the first.
LEVEL_ORDER = (InitiativeLevel.CO_SO, InitiativeLevel.TINH, InitiativeLevel.TOAN_QUOC)


def wider_scope_errors(
    *,
    level: str | None,
    recognized_on: date | None,
    wider_level: str | None,
    wider_recognized_on: date | None,
) -> dict[str, str]:
    """The errors of a later, wider recognition by field (`wider_level`, `wider_recognized_on`): the scope and
    its date go together, the scope is wider than the first one and the date not before the first recognition.
    The form and the Excel kind show the same messages."""
    errors: dict[str, str] = {}
    if wider_level and not wider_recognized_on:
        errors["wider_recognized_on"] = _("Ghi ngày công nhận phạm vi rộng hơn.")
    elif wider_recognized_on and not wider_level:
        errors["wider_level"] = _(
            "Chọn phạm vi được công nhận sau, hoặc để trống ngày công nhận phạm vi rộng hơn."
        )
    if (
        wider_level in LEVEL_ORDER
        and level in LEVEL_ORDER
        and LEVEL_ORDER.index(wider_level) <= LEVEL_ORDER.index(level)
    ):
        errors["wider_level"] = _(
            "Phạm vi được công nhận sau phải rộng hơn phạm vi ảnh hưởng (%(level)s)."
        ) % {"level": InitiativeLevel(level).label}
    if wider_recognized_on and recognized_on and wider_recognized_on < recognized_on:
        errors["wider_recognized_on"] = _(
            "Ngày công nhận phạm vi rộng hơn không được trước ngày công nhận (%(date)s)."
        ) % {"date": recognized_on.strftime("%d/%m/%Y")}
    return errors


def _check_wider(initiative: Initiative) -> None:
    errors = wider_scope_errors(
        level=initiative.level,
        recognized_on=initiative.recognized_on,
        wider_level=initiative.wider_level,
        wider_recognized_on=initiative.wider_recognized_on,
    )
    if errors:
        raise ValidationError(errors)


def _check_shares(authors: Authors) -> None:
    if not authors:
        raise ValidationError({"authors": _("Sáng kiến phải có ít nhất một tác giả.")})
    if len({person_id for person_id, _share in authors}) != len(authors):
        raise ValidationError({"authors": _("Một người chỉ được ghi một lần là tác giả.")})
    total = sum((share for _pid, share in authors), Decimal(0))
    if total > Decimal(100):
        raise ValidationError({"authors": _("Tổng tỷ lệ đóng góp của các tác giả vượt quá 100%%.")})


@transaction.atomic
def initiative_create(
    *, actor: User | None, authors: Authors, **fields: Unpack[InitiativeFields]
) -> Initiative:
    """Create an initiative with its authors: [(person_id, share_pct)], shares summing to at most 100%."""
    _check_shares(authors)
    initiative = Initiative(**fields)
    _check_wider(initiative)
    initiative = audited_create(
        initiative,
        actor=actor,
        duplicate=_("Đã có sáng kiến, đề tài với mã này."),
        duplicate_field="code",
        also={"authors": [[p, str(s)] for p, s in authors]},
    )
    InitiativeAuthor.objects.bulk_create(
        [InitiativeAuthor(initiative=initiative, person_id=pid, share_pct=share) for pid, share in authors]
    )
    return initiative


@transaction.atomic
def initiative_update(
    *,
    actor: User | None,
    initiative: Initiative,
    authors: Authors | None = None,
    **fields: Unpack[InitiativeFields],
) -> Initiative:
    initiative = audited_update(initiative, actor=actor, changes=fields, check=_check_wider)
    if authors is not None:
        _check_shares(authors)
        existing = {a.person_id: a for a in initiative.authors.all()}
        keep = {pid for pid, _share in authors}
        initiative.authors.exclude(person_id__in=keep).delete()
        for pid, share in authors:
            if pid in existing:
                if existing[pid].share_pct != share:
                    existing[pid].share_pct = share
                    existing[pid].save(update_fields=["share_pct"])
            else:
                InitiativeAuthor.objects.create(initiative=initiative, person_id=pid, share_pct=share)
    return initiative


@transaction.atomic
def initiative_delete(*, actor: User | None, initiative: Initiative) -> None:
    if initiative.authors.filter(used_for__isnull=False).exists():
        raise ValidationError(_("Sáng kiến đã được dùng làm căn cứ khen thưởng, không xóa được."))
    audited_delete(initiative, actor=actor)


@transaction.atomic
def initiative_use_for_award(
    *, actor: User | None, author: InitiativeAuthor, award: AwardRecord
) -> InitiativeAuthor:
    """Mark that this author's initiative supported `award`; an initiative supports one award only."""
    author = InitiativeAuthor.objects.select_for_update().select_related("initiative").get(pk=author.pk)
    if author.used_for_id is not None and author.used_for_id != award.pk:
        raise ValidationError(
            _("Sáng kiến “%(title)s” đã được dùng cho một khen thưởng khác.")
            % {"title": author.initiative.title}
        )
    if award.person_id != author.person_id:
        raise ValidationError(_("Khen thưởng không phải của tác giả này."))
    before = model_snapshot(author)
    author.used_for = award
    author.save(update_fields=["used_for"])
    audit_record(
        action="use_for_award", instance=author, before=before, after=model_snapshot(author), actor=actor
    )
    return author


@transaction.atomic
def initiative_attachment_add(
    *, actor: User | None, initiative: Initiative, upload: UploadedFile
) -> InitiativeAttachment:
    attachment = InitiativeAttachment(initiative=initiative, name=(upload.name or "tep")[:255])
    attachment.file.save(upload.name or "tep", upload, save=False)
    attachment.save()
    # model_snapshot cannot serialise a FieldFile: record the stored name.
    after = {"initiative_id": initiative.pk, "name": attachment.name, "file": attachment.file.name}
    audit_record(action="attach", instance=attachment, after=after, actor=actor)
    return attachment


# ---------------------------------------------------------------- many initiatives at once (Excel import, API)

INITIATIVE_BULK_FIELDS = (
    "title",
    "kind",
    "level",
    "organization_id",
    "recognized_on",
    "wider_level",
    "wider_recognized_on",
    "applied",
    "recognized_by",
    "decision_number",
    "summary",
)


def initiative_bulk_upsert(
    *,
    initiatives: list[dict[str, Any]],
    authors: list[dict[str, Any]],
    actor: User | None,
    dry_run: bool = False,
) -> BulkResult:
    """Initiatives by code, each with its whole list of authors (`authors`: rows of code, person_id,
    share_pct, checked by the caller). An author left out of the list is removed, unless the initiative already
    supported an award through them. One audit event per initiative and author added, changed or removed; run
    inside the caller's transaction. The result counts initiatives."""
    existing = {
        (i.code,): i
        for i in filter_in_chunks(Initiative.objects.all(), "code", [r["code"] for r in initiatives])
    }
    result = bulk_upsert_audited(
        model=Initiative,
        rows=[{**row, "label": row["code"]} for row in initiatives],
        key=("code",),
        fields=INITIATIVE_BULK_FIELDS,
        existing=existing,
        actor=actor,
        dry_run=dry_run,
    )
    if dry_run:
        return result
    ids = {code: obj.pk for (code,), obj in result.instances.items()}
    stored = {
        (a.initiative_id, a.person_id): a
        for a in filter_in_chunks(InitiativeAuthor.objects.all(), "initiative_id", ids.values())
    }
    rows = [
        {
            "initiative_id": ids[row["code"]],
            "person_id": row["person_id"],
            "share_pct": row["share_pct"],
            "label": row.get("label", row["code"]),
        }
        for row in authors
    ]
    bulk_upsert_audited(
        model=InitiativeAuthor,
        rows=rows,
        key=("initiative_id", "person_id"),
        fields=("share_pct",),
        existing=stored,
        actor=actor,
    )
    listed = {(row["initiative_id"], row["person_id"]) for row in rows}
    stale = [a for key, a in stored.items() if key not in listed and a.used_for_id is None]
    audit_record_bulk(entries=[AuditEntry("delete", a, model_snapshot(a), None) for a in stale], actor=actor)
    for start in range(0, len(stale), 1000):
        InitiativeAuthor.objects.filter(pk__in=[a.pk for a in stale[start : start + 1000]]).delete()
    return result
