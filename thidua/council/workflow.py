"""The lifecycles of a council session and of an agenda item's ballot, as data on the one workflow engine.

Session:

    planned --open--> open --close--> closed
    planned --cancel--> cancelled          (a reason is required)

- `open`: the agenda is not empty, the council has members on the day, and public disclosure allows it
  (`thidua.disclosure.services.session_open_problems`: every window required for the agenda's nominations has
  closed and every piece of feedback is handled).
- `close`: no ballot is still open or waiting for its tally.

Ballot (an agenda item):

    pending --open--> open --close--> closed --tally--> tallied

- `open`: the session is open and the nomination is on the agenda; a key pair is drawn and the tally code shown
  once (services.ballot_open).
- `close`: the tally code is typed again; the urn is opened in memory, the choices written anonymously and the
  urn deleted (services.ballot_close).
- `tally`: the counts, quorum and threshold are computed and written on the item; the nomination is passed or
  failed (`thidua.nominations.workflow.NOMINATION`), or left on the agenda without a result when there was no
  quorum.

The standing office (officer) and the council's secretary (council_secretary) of the council's agency act.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.accounts.models import Role, User
from thidua.accounts.scope import has_role
from thidua.core.workflow import Step, Workflow, edge
from thidua.disclosure.services import session_open_problems
from thidua.nominations.models import NominationStatus

from .models import AgendaItem, BallotState, Session, SessionStatus

OPEN, CLOSE, CANCEL, TALLY = "open", "close", "cancel", "tally"
SESSION_MANAGERS = (Role.OFFICER, Role.COUNCIL_SECRETARY)
COUNCIL_MANAGERS = (Role.OFFICER,)


def can_manage_session(actor: User | None, session: Session) -> bool:
    return has_role(actor, *SESSION_MANAGERS, organization=session.council.agency)


def open_problems(session: Session, *, on=None) -> list[str]:
    """What stops `session` from opening on `on` (today by default): shown on the session page and checked by
    the `open` guard."""
    day = on or timezone.localdate()
    problems: list[str] = []
    items = list(session.items.select_related("nomination"))
    if not items:
        problems.append(_("Chương trình phiên họp chưa có đề nghị nào."))
    if (
        not session.council.members.filter(valid_from__lte=session.held_on)
        .exclude(valid_to__lt=session.held_on)
        .exists()
    ):
        problems.append(_("Hội đồng chưa có thành viên trong ngày họp."))
    problems.extend(
        str(p) for p in session_open_problems(nominations=[item.nomination for item in items], on=day)
    )
    return problems


def _guard_session_open(session: Session, step: Step) -> str | None:
    problems = open_problems(session, on=step.on)
    return " ".join(str(p) for p in problems) if problems else None


def _guard_session_close(session: Session, step: Step) -> str | None:
    if session.items.filter(ballot_state__in=(BallotState.OPEN, BallotState.CLOSED)).exists():
        return _("Còn nội dung đang bỏ phiếu hoặc chưa kiểm phiếu.")
    return None


SESSION_TRANSITIONS = (
    edge(
        SessionStatus.PLANNED,
        OPEN,
        SessionStatus.OPEN,
        SESSION_MANAGERS,
        gettext_lazy("Khai mạc phiên họp"),
        guard=_guard_session_open,
    ),
    edge(
        SessionStatus.OPEN,
        CLOSE,
        SessionStatus.CLOSED,
        SESSION_MANAGERS,
        gettext_lazy("Bế mạc phiên họp"),
        guard=_guard_session_close,
    ),
    edge(
        SessionStatus.PLANNED,
        CANCEL,
        SessionStatus.CANCELLED,
        SESSION_MANAGERS,
        gettext_lazy("Hủy phiên họp"),
        reason_required=True,
    ),
)

SESSION = Workflow(
    name="council_session",
    model=Session,
    transitions=SESSION_TRANSITIONS,
    authorize=lambda actor, session, roles: has_role(actor, *roles, organization=session.council.agency),
    related=("council__agency",),
)


def _guard_ballot_open(item: AgendaItem, step: Step) -> str | None:
    if item.session.status != SessionStatus.OPEN:
        return _("Phiên họp chưa khai mạc hoặc đã bế mạc.")
    if item.nomination.status != NominationStatus.ON_AGENDA:
        return _("Đề nghị không còn ở trạng thái đưa ra Hội đồng.")
    return None


def _guard_ballot_tally(item: AgendaItem, step: Step) -> str | None:
    if item.nomination.status != NominationStatus.ON_AGENDA:
        return _("Đề nghị không còn ở trạng thái đưa ra Hội đồng.")
    return None


BALLOT_TRANSITIONS = (
    edge(
        BallotState.PENDING,
        OPEN,
        BallotState.OPEN,
        SESSION_MANAGERS,
        gettext_lazy("Mở bỏ phiếu"),
        guard=_guard_ballot_open,
    ),
    edge(BallotState.OPEN, CLOSE, BallotState.CLOSED, SESSION_MANAGERS, gettext_lazy("Đóng bỏ phiếu")),
    edge(
        BallotState.CLOSED,
        TALLY,
        BallotState.TALLIED,
        SESSION_MANAGERS,
        gettext_lazy("Kiểm phiếu"),
        guard=_guard_ballot_tally,
    ),
)

BALLOT = Workflow(
    name="council_ballot",
    model=AgendaItem,
    transitions=BALLOT_TRANSITIONS,
    authorize=lambda actor, item, roles: has_role(actor, *roles, organization=item.session.council.agency),
    state_field="ballot_state",
    related=("session__council__agency", "nomination"),
)
