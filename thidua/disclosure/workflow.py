"""The lifecycle of a disclosure notice, as data on the one workflow engine:

    draft --publish--> open --close--> closed

The agency's standing office (officer) publishes a draft (the posting date is the step's date; the comment
deadline is computed then, `services._notice_published`) and closes it once the deadline has passed. Closing is a
record of the fact, not a condition of it: the window is closed from the day after the deadline whatever the
stored status says (`DisclosureNotice.state_on`), so the council's check never waits for this step.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.accounts.models import Role, User
from thidua.accounts.scope import has_role
from thidua.core.workflow import Step, Workflow, edge
from thidua.nominations.models import NominationStatus

from .models import DisclosureNotice
from .models import NoticeStatus as S

PUBLISH, CLOSE = "publish", "close"
OFFICE = (Role.OFFICER,)
# Lines that may stand on a notice: accepted by the office, possibly already on a session's agenda.
DISCLOSABLE = (NominationStatus.ACCEPTED, NominationStatus.ON_AGENDA)


def _guard_publish(notice: DisclosureNotice, step: Step) -> str | None:
    lines = notice.nominations.all()
    if not lines.exists():
        return _("Thông báo chưa có đề nghị nào.")
    stale = lines.exclude(status__in=DISCLOSABLE).count()
    if stale:
        return _(
            "Có %(n)s đề nghị không còn ở trạng thái đã chấp nhận: bỏ khỏi thông báo trước khi đăng."
        ) % {"n": stale}
    return None


def _guard_close(notice: DisclosureNotice, step: Step) -> str | None:
    today = step.on or timezone.localdate()
    if notice.comment_deadline is None or today <= notice.comment_deadline:
        return _("Chưa hết thời hạn góp ý (đến hết ngày %(day)s).") % {
            "day": notice.comment_deadline.strftime("%d/%m/%Y") if notice.comment_deadline else "…"
        }
    return None


NOTICE_TRANSITIONS = (
    edge(S.DRAFT, PUBLISH, S.OPEN, OFFICE, gettext_lazy("Đăng công khai"), guard=_guard_publish),
    edge(S.OPEN, CLOSE, S.CLOSED, OFFICE, gettext_lazy("Kết thúc công khai"), guard=_guard_close),
)


def _authorize(actor: User | None, notice: DisclosureNotice, roles: frozenset[str]) -> bool:
    return has_role(actor, *roles, organization=notice.agency)


NOTICE = Workflow(
    name="disclosure_notice",
    model=DisclosureNotice,
    transitions=NOTICE_TRANSITIONS,
    authorize=_authorize,
    related=("agency",),
)
