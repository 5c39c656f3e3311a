"""What the fund does when a decision moves (attached to `thidua.decisions.workflow.DECISION` by
`FundConfig.ready()`, after the decisions app's own effects, so the lines' money is final when these run).

- issue / register: a decision that pays from the agency's fund (`services.pays_from_fund`: an award decision of
  the agency, or an external decision the office marked "chi từ quỹ của cơ quan") gets one planned spending entry
  per awardee with the line's amount, charged to the year of the decision's date;
- revoke: its planned entries are cancelled, its paid ones stay paid with a note of the revocation.

They run inside the decision's transaction: if writing the fund fails, the decision does not move.
"""

from __future__ import annotations

from thidua.core.workflow import Step
from thidua.decisions.models import Decision

from . import services


def decision_issued(decision: Decision, step: Step) -> None:
    if services.pays_from_fund(decision):
        services.decision_entries_write(decision=decision, actor=step.actor)


def decision_revoked(decision: Decision, step: Step) -> None:
    services.decision_entries_cancel(decision=decision, actor=step.actor)
