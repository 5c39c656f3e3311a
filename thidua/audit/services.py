"""Writing the audit trail. Every service that changes a record that matters calls `audit_record`.

The plain writes of one row (validate, save, audit with the values before and after) are written once here:
`audited_create`, `audited_update`, `audited_delete`. A service keeps what is its own (permission, checks on
other rows, children, derived values) and calls these inside its transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from decimal import Decimal
from itertools import islice
from typing import TYPE_CHECKING, Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.translation import gettext_lazy

from thidua.core.db import refuse_duplicate

from .context import current
from .models import AuditEvent

if TYPE_CHECKING:  # every app writes its audit trail here, accounts included: the user type is only named
    from thidua.accounts.models import User

_encoder = DjangoJSONEncoder()


def model_snapshot(
    instance: models.Model, *, exclude: tuple[str, ...] = ("sort_key", "search_text", "path")
) -> dict:
    """The concrete field values of `instance`, JSON-ready (foreign keys by id)."""
    data: dict[str, Any] = {}
    for field in instance._meta.concrete_fields:
        if field.name in exclude or field.name == "password":
            continue
        value = getattr(instance, field.attname)
        data[field.attname] = _jsonable(value)
    return data


def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, FieldFile):  # an uploaded file: its stored name, not its content
        return value.name or None
    return _encoder.default(value) if not isinstance(value, (list, dict)) else value


def audit_record(
    *,
    action: str,
    instance: models.Model | None = None,
    object_type: str | None = None,
    object_id: str | int | None = None,
    before: dict | None = None,
    after: dict | None = None,
    actor: User | None = None,
) -> AuditEvent:
    """Append one event. The actor and address default to the current request's."""
    ctx = current.get()
    actor = actor if actor is not None else ctx.user
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    if instance is not None:
        object_type = object_type or instance._meta.label_lower
        object_id = object_id if object_id is not None else instance.pk
    return AuditEvent.objects.create(
        actor=actor,
        actor_repr=(actor.get_username() if actor is not None else "system"),
        action=action,
        object_type=object_type or "",
        object_id=str(object_id if object_id is not None else ""),
        object_repr=str(instance)[:255] if instance is not None else "",
        before=before,
        after=after,
        ip_address=ctx.ip_address,
    )


_DUPLICATE_CODES = {"unique", "unique_together"}


def _named_duplicate(error: ValidationError, message: str | None, field: str | None) -> ValidationError:
    """`error` with the model's generic "… already exists" replaced by the caller's own message on its field."""
    if message is None or not hasattr(error, "error_dict"):
        return error
    errors: dict[str, list[ValidationError]] = {}
    found = False
    for name, items in error.error_dict.items():
        for item in items:
            if item.code in _DUPLICATE_CODES:
                found = True
            else:
                errors.setdefault(name, []).append(item)
    if not found:
        return error
    errors.setdefault(field or NON_FIELD_ERRORS, []).append(ValidationError(message, code="duplicate"))
    return ValidationError(errors)


def audited_create[M: models.Model](
    instance: M,
    *,
    actor: User | None,
    exclude: Collection[str] = (),
    duplicate: str | None = None,
    duplicate_field: str | None = None,
    also: Mapping[str, Any] | None = None,
) -> M:
    """Validate `instance`, insert it and audit "create" with its values; returns it.

    `exclude`: fields the model derives on save, left out of validation. `duplicate`: the message when the
    database refuses the row as a copy of another (`core.db.refuse_duplicate`, on `duplicate_field`). `also`:
    audited values the row does not hold (e.g. an initiative's authors). Runs inside the caller's transaction.
    """
    try:
        instance.full_clean(exclude=exclude)
    except ValidationError as error:
        raise _named_duplicate(error, duplicate, duplicate_field) from error
    guard: AbstractContextManager[None] = (
        refuse_duplicate(duplicate, field=duplicate_field) if duplicate is not None else nullcontext()
    )
    with guard:
        instance.save()
    after = {**model_snapshot(instance), **(also or {})}
    audit_record(action="create", instance=instance, after=after, actor=actor)
    return instance


def audited_update[M: models.Model](
    instance: M,
    *,
    actor: User | None,
    changes: Mapping[str, Any],
    exclude: Collection[str] = (),
    locked: bool = False,
    check: Callable[[M], None] | None = None,
) -> M:
    """Lock the row, set `changes`, validate, save and audit "update" with before and after; returns the row.

    `locked`: `instance` is the row the caller already locked (``select_for_update``) to check it first.
    `check`: called with the changed row before validation (e.g. a permission that depends on a new value).
    Runs inside the caller's transaction.
    """
    row = instance if locked else type(instance)._default_manager.select_for_update().get(pk=instance.pk)
    before = model_snapshot(row)
    for name, value in changes.items():
        setattr(row, name, value)
    if check is not None:
        check(row)
    row.full_clean(exclude=exclude)
    row.save()
    audit_record(action="update", instance=row, before=before, after=model_snapshot(row), actor=actor)
    return row


def audited_delete(instance: models.Model, *, actor: User | None) -> None:
    """Audit "delete" with the row's values, then delete it. Runs inside the caller's transaction."""
    audit_record(action="delete", instance=instance, before=model_snapshot(instance), actor=actor)
    instance.delete()


# ---------------------------------------------------------------- many rows at once (Excel import, API bulk routes)


@dataclass(frozen=True)
class AuditEntry:
    """One event of a bulk write: what was done to which saved row, with its values before and after."""

    action: str
    instance: models.Model
    before: dict | None = None
    after: dict | None = None
    label: str = ""  # shown as the object's name; str(instance) could query related rows for each row


def audit_record_bulk(
    *, entries: Iterable[AuditEntry], actor: User | None = None, batch_size: int = 2000
) -> int:
    """Append one event per entry, in INSERT batches (the trail only takes inserts). The actor and address
    default to the current request's, as for `audit_record`. Returns the number of events written."""
    ctx = current.get()
    actor = actor if actor is not None else ctx.user
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    actor_repr = actor.get_username() if actor is not None else "system"
    at = timezone.now()
    events = (
        AuditEvent(
            at=at,
            actor=actor,
            actor_repr=actor_repr,
            action=entry.action,
            object_type=entry.instance._meta.label_lower,
            object_id=str(entry.instance.pk if entry.instance.pk is not None else ""),
            object_repr=entry.label[:255],
            before=entry.before,
            after=entry.after,
            ip_address=ctx.ip_address,
        )
        for entry in entries
    )
    written = 0
    while batch := list(islice(events, batch_size)):
        AuditEvent.objects.bulk_create(batch)
        written += len(batch)
    return written


@dataclass
class BulkResult:
    """What a bulk upsert did (or, on a dry run, would do): rows added, existing rows matched by their natural
    key (`updated`, whether or not a value changed) and, of those, the rows whose values changed."""

    created: int = 0
    updated: int = 0
    changed: int = 0
    instances: dict[tuple, models.Model] = dataclass_field(default_factory=dict)  # natural key → saved row


# What a concurrent write that inserted the same rows first leaves the second one with (see refuse_duplicate).
BULK_DUPLICATE = gettext_lazy(
    "Một lượt ghi khác vừa thêm chính các dòng này; chưa ghi dòng nào. Hãy gửi lại: các dòng đã có sẽ được cập "
    "nhật."
)


def _normalized(model_field: Any, value: Any) -> Any:
    value = model_field.to_python(value)
    if isinstance(value, Decimal) and getattr(model_field, "decimal_places", None) is not None:
        value = value.quantize(Decimal(1).scaleb(-model_field.decimal_places))
    return value


def bulk_upsert_audited(
    *,
    model: type[models.Model],
    rows: Iterable[Mapping[str, Any]],
    key: Sequence[str],
    fields: Sequence[str],
    existing: Mapping[tuple, models.Model],
    actor: User | None = None,
    dry_run: bool = False,
    derived: Sequence[str] = (),
    prepare: Callable[[Any], None] | None = None,
    batch_size: int = 1000,
) -> BulkResult:
    """Insert or update `rows` (dicts by attribute name) of `model` by their natural `key`, with one audit event
    per row added or changed, holding the values before and after; unchanged rows are neither written nor
    audited. `existing` maps the keys already stored to their rows (the caller finds them in bulk); `prepare`
    recomputes the `derived` columns of a row about to be saved; a row's "label" (optional) names it in the
    trail. Only the columns that changed are written; the names a row lists under "absent" (columns its file
    did not carry) are left as stored. Run inside the caller's transaction; of two writers
    inserting the same new rows at once, the second ends with a `ValidationError` (BULK_DUPLICATE), not a
    server error."""
    result = BulkResult()
    create: list[Any] = []
    update: list[tuple[Any, dict, tuple[str, ...]]] = []
    labels: dict[int, str] = {}
    model_fields = {name: model._meta.get_field(name) for name in fields}
    for row in rows:
        natural = tuple(row.get(name) for name in key)
        obj = existing.get(natural)
        absent = row.get("absent") or ()  # columns the file did not carry: a stored row keeps them
        if obj is None:  # a new row takes what the kind made of the row (its defaults included)
            obj = model(**{name: row.get(name) for name in key})
            for name, model_field in model_fields.items():
                setattr(obj, name, _normalized(model_field, row.get(name)))
            if prepare is not None:
                prepare(obj)
            create.append(obj)
        else:
            result.updated += 1
            changes = {
                name: value
                for name, model_field in model_fields.items()
                if name not in absent
                and (value := _normalized(model_field, row.get(name))) != getattr(obj, name)
            }
            if changes:
                before = model_snapshot(obj)
                for name, value in changes.items():
                    setattr(obj, name, value)
                if prepare is not None:
                    prepare(obj)
                update.append((obj, before, tuple(changes)))
        if row.get("label"):
            labels[id(obj)] = str(row["label"])
        result.instances[natural] = obj
    result.created, result.changed = len(create), len(update)
    if dry_run:
        return result
    with refuse_duplicate(BULK_DUPLICATE):
        model.objects.bulk_create(create, batch_size=batch_size)  # type: ignore[attr-defined]
    # Only the columns that changed, grouped: a re-import that corrects one column writes that column.
    by_columns: dict[tuple[str, ...], list[Any]] = {}
    for obj, _before, changed in update:
        by_columns.setdefault(changed, []).append(obj)
    for changed, objs in by_columns.items():
        model.objects.bulk_update(objs, [*changed, *derived], batch_size=batch_size)  # type: ignore[attr-defined]
    entries = [
        AuditEntry("create", obj, None, model_snapshot(obj), labels.get(id(obj), "")) for obj in create
    ]
    entries += [
        AuditEntry("update", obj, before, model_snapshot(obj), labels.get(id(obj), ""))
        for obj, before, _changed in update
    ]
    audit_record_bulk(entries=entries, actor=actor)
    return result
