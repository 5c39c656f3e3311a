"""One workflow engine: a lifecycle is a table of transitions, and one service performs any edge.

A table row is `Transition(source, action, target, roles, label, reason_required, guard)`: from `source`, users
holding one of `roles` in the record's unit may `action` it into `target`. `transition_perform` is the only way
a record moves: it locks the row, checks the role in the unit the workflow names, the state, the reason and the
guard, runs the app's effects (stamping dates, issuing the document of the step), saves, writes the audit event
`<workflow>.<action>` with before and after, and queues the after-commit effects (notifications). A refusal that
the user can correct is one error type, `TransitionRefused` (a `ValidationError`, shown as a message on pages
and 422 in the API); a user without the role gets `PermissionDenied` (403).

Why a table as data and not django-fsm-2 with django-fsm-log: the tables are read by people (docs/workflows.md
and the Mermaid diagrams are generated from them), walked edge by edge by one test helper
(`thidua.core.tests.workflow_walk`), and scoped to a unit per record — a decorator on model methods hides the
table, checks permissions per user but not per unit, and logs to a second trail beside our append-only audit.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import partial
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.audit.services import audit_record, model_snapshot

if TYPE_CHECKING:
    from thidua.accounts.models import User


class TransitionRefused(ValidationError):
    """A transition that the table, the state, a missing reason or a guard refuses (the user can act on it).
    `code` says which: "state", "reason" or "guard"."""

    def __init__(self, message: Any, code: str | None = None) -> None:
        super().__init__(message, code=code)
        self.code = code


@dataclass(frozen=True)
class Step:
    """What one transition knows while it runs: who (None: the system), what, why, when."""

    actor: User | None
    action: str
    transition: Transition
    reason: str = ""
    on: date | None = None
    now: datetime = field(default_factory=timezone.now)


# (record, step) → a refusal message, or None when the transition may go ahead.
Guard = Callable[[Any, Step], "str | None"]
# (record, step) → None; changes the record (saved afterwards) or writes related records, in the transaction.
Effect = Callable[[Any, Step], None]


@dataclass(frozen=True)
class Transition:
    source: str
    action: str
    target: str
    roles: frozenset[str]
    label: Any
    reason_required: bool = False
    guard: Guard | None = None


def edge(
    source: str,
    action: str,
    target: str,
    roles: Iterable[str],
    label: Any,
    *,
    reason_required: bool = False,
    guard: Guard | None = None,
) -> Transition:
    """A table row (roles given as any iterable)."""
    return Transition(source, action, target, frozenset(roles), label, reason_required, guard)


REASON_REQUIRED = gettext_lazy("Phải nêu lý do: %(action)s.")

# Every lifecycle defined in the project, by name (filled as the apps' workflow modules are imported).
WORKFLOWS: dict[str, Workflow] = {}


class Workflow:
    """A lifecycle: the table, the state field, whose unit the roles are checked in, and the app's effects.

    `authorize(actor, record, roles)` says whether `actor` holds one of `roles` where `record` is handled
    (its unit, or the launching agency's office). Effects are attached by the app's services with `on(action)`
    (in the transaction) and `after_commit(action)` (notifications), so the table stays data and imports
    nothing of the services.
    """

    def __init__(
        self,
        *,
        name: str,
        model: type[models.Model],
        transitions: Iterable[Transition],
        authorize: Callable[[User | None, Any, frozenset[str]], bool],
        state_field: str = "status",
        related: tuple[str, ...] = (),
    ) -> None:
        self.name = name
        self.model = model
        self.transitions: tuple[Transition, ...] = tuple(transitions)
        self.authorize = authorize
        self.state_field = state_field
        self.related = related
        self._effects: dict[str, list[Effect]] = {}
        self._after_commit: dict[str, list[Effect]] = {}
        seen = set()
        for t in self.transitions:
            if (t.source, t.action) in seen:
                raise ValueError(f"{name}: two edges for ({t.source}, {t.action})")
            seen.add((t.source, t.action))
        if WORKFLOWS.get(name, self).model is not model:
            raise ValueError(f"two workflows named {name!r}")
        WORKFLOWS[name] = self

    # ---- the table

    @property
    def actions(self) -> frozenset[str]:
        return frozenset(t.action for t in self.transitions)

    @property
    def states(self) -> list[str]:
        ordered: list[str] = []
        for t in self.transitions:
            for state in (t.source, t.target):
                if state not in ordered:
                    ordered.append(state)
        return ordered

    def find(self, state: str, action: str) -> Transition | None:
        return next((t for t in self.transitions if t.source == state and t.action == action), None)

    def available(self, state: str) -> list[Transition]:
        return [t for t in self.transitions if t.source == state]

    def roles_for(self, state: str, action: str) -> frozenset[str] | None:
        """Who may attempt `action`: the edge's roles from `state`, else anyone who may do it from some state (so
        that a permitted user hears "not in this state" and others "forbidden"); None for an unknown action."""
        transition = self.find(state, action)
        if transition is not None:
            return transition.roles
        roles = [t.roles for t in self.transitions if t.action == action]
        return frozenset().union(*roles) if roles else None

    def allowed_for(self, actor: User | None, record: Any) -> list[Transition]:
        """The edges from the record's state that `actor` may take (for the buttons on a page)."""
        state = getattr(record, self.state_field)
        return [t for t in self.available(state) if self.authorize(actor, record, t.roles)]

    def mermaid(self) -> str:
        """The lifecycle as a Mermaid state diagram (docs/workflows.md is checked against it)."""
        lines = ["stateDiagram-v2"]
        for t in self.transitions:
            lines.append(f"    {t.source} --> {t.target}: {t.action}")
        return "\n".join(lines)

    # ---- the app's effects

    def on(self, action: str) -> Callable[[Effect], Effect]:
        """Decorator: run `effect(record, step)` in the transaction when `action` is performed."""
        return self._attach(self._effects, action)

    def after_commit(self, action: str) -> Callable[[Effect], Effect]:
        """Decorator: run `effect(record, step)` once the transaction has committed (notifications)."""
        return self._attach(self._after_commit, action)

    def _attach(self, registry: dict[str, list[Effect]], action: str) -> Callable[[Effect], Effect]:
        if action not in self.actions:
            raise ValueError(f"{self.name}: no action {action!r}")

        def register(effect: Effect) -> Effect:
            registry.setdefault(action, []).append(effect)
            return effect

        return register


def transition_perform(
    *,
    workflow: Workflow,
    record: Any,
    action: str,
    actor: User | None,
    reason: str = "",
    on: date | None = None,
    check_permission: bool = True,
) -> Any:
    """Move `record` along `workflow` by `action`; returns the saved record (a fresh, locked copy)."""
    with transaction.atomic():
        queryset = workflow.model._default_manager.select_for_update(of=("self",))
        if workflow.related:
            queryset = queryset.select_related(*workflow.related)
        record = queryset.get(pk=record.pk)
        state = getattr(record, workflow.state_field)
        roles = workflow.roles_for(state, action)
        if roles is None:
            raise PermissionDenied
        if check_permission and not workflow.authorize(actor, record, roles):
            raise PermissionDenied
        transition = workflow.find(state, action)
        if transition is None:
            display = getattr(record, f"get_{workflow.state_field}_display", lambda: state)()
            raise TransitionRefused(
                _("Không thể thực hiện thao tác này ở trạng thái “%(status)s”.") % {"status": display},
                code="state",
            )
        reason = reason.strip()
        if transition.reason_required and not reason:
            message = str(REASON_REQUIRED) % {"action": str(transition.label).lower()}
            raise TransitionRefused({"reason": message}, code="reason")
        step = Step(actor=actor, action=action, transition=transition, reason=reason, on=on)
        if transition.guard is not None:
            problem = transition.guard(record, step)
            if problem:
                raise TransitionRefused(problem, code="guard")
        before = model_snapshot(record)
        setattr(record, workflow.state_field, transition.target)
        for effect in workflow._effects.get(action, []):
            effect(record, step)
        record.save()
        audit_record(
            action=f"{workflow.name}.{action}",
            instance=record,
            before=before,
            after=model_snapshot(record),
            actor=actor,
        )
        for effect in workflow._after_commit.get(action, []):
            transaction.on_commit(partial(effect, record, step))
    return record
