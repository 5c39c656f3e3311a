"""The lifecycle of a decision (quyết định khen thưởng) or proposal (tờ trình), as data on the one workflow engine.

    draft --submit--> submitted --sign--> signed --issue--> issued --revoke--> revoked
      ^                  |
      +-----return-------+
    draft --register--> issued          (an external decision, recorded from its scan)

The office (officer) drafts and submits to the head; the head (signer) returns it with a reason or signs it: the
number is taken from the agency's register, the PDF rendered, signed PAdES with the configured signer and stored
(`services.py`). Issuing (officer or head) sends it: for an award or external decision the awards enter the
registry with their money and verification codes and the people and units concerned are notified; a proposal is
sent to the deciding level. An issued decision is immutable; revoking it takes the revoking decision's number
and date and a reason, and marks its awards revoked (kept visible).

Other apps attach effects to these steps (the reward fund writes its payment lines on `issue`, cancels them on
`revoke`) with `DECISION.on(...)` in their `AppConfig.ready()`.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from thidua.accounts.models import Role, User
from thidua.accounts.scope import has_role
from thidua.core.workflow import Step, Workflow, edge

from .models import Decision, DecisionKind
from .models import DecisionStatus as D

SUBMIT, RETURN, SIGN, ISSUE, REGISTER, REVOKE = "submit", "return", "sign", "issue", "register", "revoke"

OFFICE = (Role.OFFICER,)
HEAD = (Role.SIGNER,)
OFFICE_OR_HEAD = (Role.OFFICER, Role.SIGNER)


def _guard_submit(decision: Decision, step: Step) -> str | None:
    if decision.kind == DecisionKind.EXTERNAL:
        return str(_("Quyết định của cấp khác không trình ký ở đây: hãy ghi nhận nó kèm bản chụp."))
    if not decision.lines.exists():
        return str(_("Quyết định chưa có ai được khen thưởng."))
    if not [line for line in decision.bases if str(line).strip()]:
        return str(_("Quyết định chưa có căn cứ ban hành."))
    return None


def _guard_register(decision: Decision, step: Step) -> str | None:
    if decision.kind != DecisionKind.EXTERNAL:
        return str(
            _("Chỉ ghi nhận trực tiếp quyết định của cấp khác; quyết định của cơ quan phải được ký số.")
        )
    missing = [
        str(label)
        for label, value in (
            (_("số, ký hiệu"), decision.number_symbol),
            (_("ngày ký"), decision.decided_on),
            (_("cơ quan quyết định"), decision.deciding_body),
            (_("bản chụp quyết định"), decision.scan),
        )
        if not value
    ]
    if missing:
        return str(_("Thiếu %(fields)s của quyết định.")) % {"fields": ", ".join(missing)}
    if not decision.lines.exists():
        return str(_("Quyết định chưa có ai được khen thưởng."))
    return None


def _guard_revoke(decision: Decision, step: Step) -> str | None:
    if not decision.revoking_number or decision.revoking_date is None:
        return str(_("Ghi số và ngày của quyết định hủy bỏ."))
    if decision.kind == DecisionKind.PROPOSAL:
        return str(_("Tờ trình không hủy bỏ được bằng quyết định; hãy gửi văn bản rút đề nghị."))
    return None


TRANSITIONS = (
    edge(D.DRAFT, SUBMIT, D.SUBMITTED, OFFICE, _("Trình ký"), guard=_guard_submit),
    edge(D.SUBMITTED, RETURN, D.DRAFT, HEAD, _("Trả lại để sửa"), reason_required=True),
    edge(D.SUBMITTED, SIGN, D.SIGNED, HEAD, _("Ký số")),
    edge(D.SIGNED, ISSUE, D.ISSUED, OFFICE_OR_HEAD, _("Ban hành")),
    edge(D.DRAFT, REGISTER, D.ISSUED, OFFICE, _("Ghi nhận quyết định"), guard=_guard_register),
    edge(D.ISSUED, REVOKE, D.REVOKED, OFFICE_OR_HEAD, _("Hủy bỏ"), reason_required=True, guard=_guard_revoke),
)


def _authorize(actor: User | None, decision: Decision, roles: frozenset[str]) -> bool:
    return has_role(actor, *roles, organization=decision.agency)


DECISION = Workflow(
    name="decision",
    model=Decision,
    transitions=TRANSITIONS,
    authorize=_authorize,
    related=("agency",),
)
