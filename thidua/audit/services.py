"""Writing the audit trail. Every service that changes a record that matters calls `audit_record`.

The plain writes of one row (validate, save, audit with the values before and after) are written once here:
`audited_create`, `audited_update`, `audited_delete`. A service keeps what is its own (permission, checks on
other rows, children, derived values) and calls these inside its transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from contextlib import AbstractContextManager, nullcontext
from typing import TYPE_CHECKING, Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models.fields.files import FieldFile

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
    instance.full_clean(exclude=exclude)
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
