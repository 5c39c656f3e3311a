"""The request that is being served, so that services can record who acted and from where."""

from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class AuditContext:
    user: Any = None
    ip_address: str | None = None


_EMPTY = AuditContext()
current: ContextVar[AuditContext] = ContextVar("thidua_audit_context", default=_EMPTY)
