"""The lifecycles of a movement and of a progress report, as transition tables.

Each row is (state, action) → (next state, roles that may act). One service per table performs any
transition (``services.movement_transition``, ``services.report_transition``): it checks the role in the
right unit, locks the row, runs the guard, writes the audit event. Tests enumerate every edge and every
forbidden edge; docs/workflows.md shows the same tables.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from thidua.accounts.models import Role

from .models import MovementStatus, ReportStatus


@dataclass(frozen=True)
class Transition:
    source: str
    action: str
    target: str
    roles: frozenset[str]
    label: object


def _t(source: str, action: str, target: str, roles: tuple[str, ...], label: object) -> Transition:
    return Transition(source, action, target, frozenset(roles), label)


# Movement: draft → launched → midterm_review_held → final_review_held → closed.
# A movement may skip the mid-term review (a one-year movement has only a final review).
# Who manages a movement: the standing office of the launching agency, or the head of the launching unit for a
# unit's own movement (Luật Thi đua, khen thưởng 06/2022/QH15, Điều 18: the head of an agency or unit launches
# movements within it). Scope to the launching organization is checked by the service.
MOVEMENT_MANAGERS = (Role.OFFICER, Role.UNIT_HEAD)

MOVEMENT_TRANSITIONS: tuple[Transition, ...] = (
    _t(MovementStatus.DRAFT, "launch", MovementStatus.LAUNCHED, MOVEMENT_MANAGERS, _("Phát động")),
    _t(
        MovementStatus.LAUNCHED,
        "hold_midterm_review",
        MovementStatus.MIDTERM_REVIEW_HELD,
        MOVEMENT_MANAGERS,
        _("Tổ chức sơ kết"),
    ),
    _t(
        MovementStatus.LAUNCHED,
        "hold_final_review",
        MovementStatus.FINAL_REVIEW_HELD,
        MOVEMENT_MANAGERS,
        _("Tổ chức tổng kết"),
    ),
    _t(
        MovementStatus.MIDTERM_REVIEW_HELD,
        "hold_final_review",
        MovementStatus.FINAL_REVIEW_HELD,
        MOVEMENT_MANAGERS,
        _("Tổ chức tổng kết"),
    ),
    _t(
        MovementStatus.FINAL_REVIEW_HELD,
        "close",
        MovementStatus.CLOSED,
        (*MOVEMENT_MANAGERS, Role.SIGNER),
        _("Kết thúc phong trào"),
    ),
)

# Report: not_sent → sent → (returned with a reason → sent)* → accepted.
REPORT_TRANSITIONS: tuple[Transition, ...] = (
    _t(ReportStatus.NOT_SENT, "submit", ReportStatus.SENT, (Role.UNIT_HEAD,), _("Gửi báo cáo")),
    _t(ReportStatus.RETURNED, "submit", ReportStatus.SENT, (Role.UNIT_HEAD,), _("Gửi lại báo cáo")),
    _t(ReportStatus.SENT, "return", ReportStatus.RETURNED, (Role.OFFICER,), _("Trả lại")),
    _t(ReportStatus.SENT, "accept", ReportStatus.ACCEPTED, (Role.OFFICER,), _("Chấp nhận")),
)

MOVEMENT_ACTIONS = frozenset(t.action for t in MOVEMENT_TRANSITIONS)
REPORT_ACTIONS = frozenset(t.action for t in REPORT_TRANSITIONS)


def find(table: tuple[Transition, ...], state: str, action: str) -> Transition | None:
    for transition in table:
        if transition.source == state and transition.action == action:
            return transition
    return None


def available(table: tuple[Transition, ...], state: str) -> list[Transition]:
    return [t for t in table if t.source == state]


def roles_for(table: tuple[Transition, ...], state: str, action: str) -> frozenset[str] | None:
    """Who may attempt ``action``: the edge's roles from ``state``, else anyone who may do it from some state
    (so that a permitted user hears "not in this state" and others "forbidden"); None for unknown actions."""
    transition = find(table, state, action)
    if transition is not None:
        return transition.roles
    roles = [t.roles for t in table if t.action == action]
    return frozenset().union(*roles) if roles else None
