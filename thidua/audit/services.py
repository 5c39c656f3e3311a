"""Writing the audit trail. Every service that changes a record that matters calls `audit_record`."""

from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models.fields.files import FieldFile

from .context import current
from .models import AuditEvent

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
    actor: Any = None,
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
