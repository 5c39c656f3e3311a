"""The lifecycles of a proposal batch (tờ trình) and of its lines, as data on the one workflow engine.

Batch:

    draft --submit--> submitted --accept--> accepted
      |                 |  ^
      |           return|  |submit
      |                 v  |
      +--withdraw--> returned --withdraw--> withdrawn
                        submitted --pool--> pooled   (an advisory unit gathers it into its own batch)

Line (nomination):

    draft --propose--> proposed --accept--> accepted --schedule--> on_agenda --pass--> passed
                          |                                            |
                    return|                                            +--fail--> not_passed
                          v
                       returned --propose--> proposed
    draft, proposed, returned --withdraw--> withdrawn
    passed --award--> awarded   (the decision that awards it is issued or registered: `thidua.decisions`)

The unit (its head) or the office writes and sends; the office (officer) of the receiving agency checks lines,
returns them with a reason and accepts; the council secretary or the office schedules accepted lines on a
session's agenda, and the tally of the item's ballot passes or fails it (`thidua.council`).

Guards: a batch holding a line the office accepted cannot be withdrawn; only a batch addressed to an advisory
unit (not to the agency's office) is pooled; a line is proposed again, accepted or returned while its batch is
with the office (`submitted`), and scheduled once the office has accepted the batch. Sending a batch proposes
its draft and returned lines; returning it returns its proposed lines with the batch's reason; withdrawing it
withdraws its open lines (effects in `services.py`).

Checks other apps add before a batch may be sent (the dossier's required items, quotas) are functions in
`SUBMIT_CHECKS`, appended by those apps in their `AppConfig.ready()`; each returns the problems it finds.
"""

from __future__ import annotations

from collections.abc import Callable

from django.utils.translation import gettext_lazy as _

from thidua.accounts.models import Role, User
from thidua.accounts.scope import has_role
from thidua.core.workflow import Step, Workflow, edge
from thidua.organizations.models import OrganizationKind

from .models import BatchStatus as B
from .models import Nomination, ProposalBatch
from .models import NominationStatus as N

SUBMIT, RETURN, ACCEPT, WITHDRAW, POOL = "submit", "return", "accept", "withdraw", "pool"
PROPOSE, SCHEDULE, PASS, FAIL, AWARD = "propose", "schedule", "pass", "fail", "award"

UNIT_SIDE = (Role.UNIT_HEAD, Role.OFFICER)
OFFICE = (Role.OFFICER,)
COUNCIL = (Role.COUNCIL_SECRETARY, Role.OFFICER)

# (batch) → problems (messages) that stop it from being sent; filled by other apps (dossiers, quotas).
SUBMIT_CHECKS: list[Callable[[ProposalBatch], list[str]]] = []


def submit_problems(batch: ProposalBatch) -> list[str]:
    problems: list[str] = []
    if not batch.nominations.exclude(status__in=(N.WITHDRAWN,)).exists():
        problems.append(str(_("Tờ trình chưa có đề nghị nào.")))
    for check in SUBMIT_CHECKS:
        problems.extend(check(batch))
    return problems


def _guard_submit(batch: ProposalBatch, step: Step) -> str | None:
    problems = submit_problems(batch)
    return " ".join(problems) if problems else None


def _guard_accept(batch: ProposalBatch, step: Step) -> str | None:
    lines = batch.nominations.all()
    if lines.filter(status=N.PROPOSED).exists():
        return str(_("Còn đề nghị chưa được kiểm tra: chấp nhận hoặc trả lại từng dòng trước khi tiếp nhận."))
    if not lines.filter(status=N.ACCEPTED).exists():
        return str(_("Không có đề nghị nào được chấp nhận: hãy trả lại tờ trình."))
    return None


# Lines the office has accepted, or that went further: a batch holding one can no longer be withdrawn.
DECIDED_LINE_STATES = (N.ACCEPTED, N.ON_AGENDA, N.PASSED, N.NOT_PASSED, N.AWARDED)
# Kinds of the organizations that receive batches as the agency's standing office; any other receiver is an
# advisory unit (a division with sub-units, a union) that pools the batches addressed to it.
OFFICE_KINDS = (OrganizationKind.AGENCY, OrganizationKind.PROVINCE)


def _guard_withdraw(batch: ProposalBatch, step: Step) -> str | None:
    if batch.nominations.filter(status__in=DECIDED_LINE_STATES).exists():
        return str(
            _("Tờ trình có đề nghị đã được cơ quan thường trực chấp nhận: không rút được cả tờ trình.")
        )
    return None


def _guard_pool(batch: ProposalBatch, step: Step) -> str | None:
    if batch.office.kind in OFFICE_KINDS:
        return str(_("Tờ trình gửi thẳng cơ quan thường trực, không qua đơn vị tổng hợp."))
    return None


BATCH_TRANSITIONS = (
    edge(B.DRAFT, SUBMIT, B.SUBMITTED, UNIT_SIDE, _("Gửi tờ trình"), guard=_guard_submit),
    edge(B.RETURNED, SUBMIT, B.SUBMITTED, UNIT_SIDE, _("Gửi lại"), guard=_guard_submit),
    edge(B.SUBMITTED, RETURN, B.RETURNED, OFFICE, _("Trả lại tờ trình"), reason_required=True),
    edge(B.SUBMITTED, ACCEPT, B.ACCEPTED, OFFICE, _("Tiếp nhận"), guard=_guard_accept),
    edge(B.SUBMITTED, POOL, B.POOLED, (Role.UNIT_HEAD, Role.OFFICER), _("Tổng hợp"), guard=_guard_pool),
    edge(B.DRAFT, WITHDRAW, B.WITHDRAWN, UNIT_SIDE, _("Rút tờ trình"), guard=_guard_withdraw),
    edge(B.RETURNED, WITHDRAW, B.WITHDRAWN, UNIT_SIDE, _("Rút tờ trình"), guard=_guard_withdraw),
)


def _authorize_batch(actor: User | None, batch: ProposalBatch, roles: frozenset[str]) -> bool:
    """Unit-side roles act in the proposing unit; the office's officers (and, for pooling, the head of the
    receiving advisory unit) act in the receiving organization."""
    if has_role(actor, *roles, organization=batch.unit):
        return True
    return has_role(actor, *roles, organization=batch.office)


BATCH = Workflow(
    name="proposal_batch",
    model=ProposalBatch,
    transitions=BATCH_TRANSITIONS,
    authorize=_authorize_batch,
    related=("unit", "office"),
)


def _guard_batch_sent(nomination: Nomination, step: Step) -> str | None:
    """A line is proposed, checked, accepted or returned while its batch is with the office (a draft's lines
    are proposed by sending the batch)."""
    if nomination.batch.status != B.SUBMITTED:
        return str(
            _(
                "Tờ trình của đề nghị này đang ở trạng thái “%(status)s”: chỉ xử lý từng dòng khi tờ trình đã gửi."
            )
            % {"status": nomination.batch.get_status_display()}
        )
    return None


def _guard_schedule(nomination: Nomination, step: Step) -> str | None:
    if nomination.batch.status != B.ACCEPTED:
        return str(_("Cơ quan thường trực chưa tiếp nhận tờ trình của đề nghị này."))
    return None


NOMINATION_TRANSITIONS = (
    edge(N.DRAFT, PROPOSE, N.PROPOSED, UNIT_SIDE, _("Đề nghị"), guard=_guard_batch_sent),
    edge(N.RETURNED, PROPOSE, N.PROPOSED, UNIT_SIDE, _("Đề nghị lại"), guard=_guard_batch_sent),
    edge(N.PROPOSED, RETURN, N.RETURNED, OFFICE, _("Trả lại"), reason_required=True, guard=_guard_batch_sent),
    edge(N.PROPOSED, ACCEPT, N.ACCEPTED, OFFICE, _("Chấp nhận"), guard=_guard_batch_sent),
    edge(N.ACCEPTED, SCHEDULE, N.ON_AGENDA, COUNCIL, _("Đưa vào phiên họp"), guard=_guard_schedule),
    edge(N.ON_AGENDA, PASS, N.PASSED, COUNCIL, _("Thông qua")),
    edge(N.ON_AGENDA, FAIL, N.NOT_PASSED, COUNCIL, _("Không thông qua")),
    edge(N.PASSED, AWARD, N.AWARDED, (Role.OFFICER, Role.SIGNER), _("Ghi quyết định khen thưởng")),
    edge(N.DRAFT, WITHDRAW, N.WITHDRAWN, UNIT_SIDE, _("Rút đề nghị")),
    edge(N.PROPOSED, WITHDRAW, N.WITHDRAWN, UNIT_SIDE, _("Rút đề nghị")),
    edge(N.RETURNED, WITHDRAW, N.WITHDRAWN, UNIT_SIDE, _("Rút đề nghị")),
)


def _authorize_nomination(actor: User | None, nomination: Nomination, roles: frozenset[str]) -> bool:
    return _authorize_batch(actor, nomination.batch, roles)


NOMINATION = Workflow(
    name="nomination",
    model=Nomination,
    transitions=NOMINATION_TRANSITIONS,
    authorize=_authorize_nomination,
    related=("batch__unit", "batch__office"),
)
