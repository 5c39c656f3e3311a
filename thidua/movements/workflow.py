"""The lifecycles of a movement and of a progress report, as transition tables on the one workflow engine
(`thidua.core.workflow`).

Each row is (state, action) → (next state, roles that may act). `transition_perform` performs any transition:
it checks the role in the right unit (the launching agency for a movement and for the office's steps on a
report, the report's unit for its head), locks the row, writes the audit event `movement.<action>` or
`report.<action>`. The services attach the effects (launch letter, review reports, who and when). Tests
enumerate every edge and every forbidden edge; docs/workflows.md shows the same tables.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from thidua.accounts.models import Role, User
from thidua.accounts.scope import has_role, is_system_admin
from thidua.core.workflow import Step, Transition, Workflow
from thidua.core.workflow import edge as _t

from .models import Movement, MovementStatus, ProgressReport, ReportStatus

# Movement: draft → launched → midterm_review_held → final_review_held → closed.
# A movement may skip the mid-term review (a one-year movement has only a final review).
# Who manages a movement: the standing office of the launching agency, or the head of the launching unit for a
# unit's own movement (Luật Thi đua, khen thưởng 06/2022/QH15, Điều 18: the head of an agency or unit launches
# movements within it). Scope to the launching organization is checked by the service.
MOVEMENT_MANAGERS = (Role.OFFICER, Role.UNIT_HEAD)

UNSENT = (ReportStatus.NOT_SENT, ReportStatus.RETURNED)


def unsent_report_count(movement: Movement) -> int:
    """Reports of the movement that units have not sent (not sent yet, or returned and not sent again)."""
    return ProgressReport.objects.filter(movement_id=movement.pk, status__in=UNSENT).count()


def _guard_close(movement: Movement, step: Step) -> str | None:
    """Closing with reports still unsent needs a reason (recorded with the closing)."""
    unsent = unsent_report_count(movement)
    if unsent and not step.reason:
        return ngettext(
            "Lý do kết thúc: còn %(n)s báo cáo chưa gửi; nêu lý do để kết thúc phong trào.",
            "Lý do kết thúc: còn %(n)s báo cáo chưa gửi; nêu lý do để kết thúc phong trào.",
            unsent,
        ) % {"n": unsent}
    return None


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
        guard=_guard_close,
    ),
)

# Report: not_sent → sent → (returned with a reason → sent)* → accepted.
REPORT_TRANSITIONS: tuple[Transition, ...] = (
    _t(ReportStatus.NOT_SENT, "submit", ReportStatus.SENT, (Role.UNIT_HEAD,), _("Gửi báo cáo")),
    _t(ReportStatus.RETURNED, "submit", ReportStatus.SENT, (Role.UNIT_HEAD,), _("Gửi lại báo cáo")),
    _t(
        ReportStatus.SENT,
        "return",
        ReportStatus.RETURNED,
        (Role.OFFICER,),
        _("Trả lại"),
        reason_required=True,
    ),
    _t(ReportStatus.SENT, "accept", ReportStatus.ACCEPTED, (Role.OFFICER,), _("Chấp nhận")),
)


def can_manage_movement(user: User | None, movement: Movement, *roles: str) -> bool:
    """Whether ``user`` acts for the launching agency (the standing office, by default)."""
    roles = roles or MOVEMENT_MANAGERS
    if movement.launching_organization_id is None:
        return is_system_admin(user)
    return has_role(user, *roles, organization=movement.launching_organization)


def _authorize_report(actor: User | None, report: ProgressReport, roles: frozenset[str]) -> bool:
    """The unit head acts in the report's unit; the office in the launching agency."""
    if Role.UNIT_HEAD in roles:
        return has_role(actor, Role.UNIT_HEAD, organization=report.organization)
    return can_manage_movement(actor, report.movement, *roles)


MOVEMENT = Workflow(
    name="movement",
    model=Movement,
    transitions=MOVEMENT_TRANSITIONS,
    authorize=lambda actor, movement, roles: can_manage_movement(actor, movement, *roles),
    related=("launching_organization",),
)
REPORT = Workflow(
    name="report",
    model=ProgressReport,
    transitions=REPORT_TRANSITIONS,
    authorize=_authorize_report,
    related=("organization", "movement__launching_organization"),
)

MOVEMENT_ACTIONS = MOVEMENT.actions
REPORT_ACTIONS = REPORT.actions
