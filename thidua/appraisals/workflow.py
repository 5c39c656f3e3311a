"""The registration lifecycle as data, on the one workflow engine (`thidua.core.workflow`).

    not_sent --send--> sent --accept--> accepted
                        |  ^
                  return|  |send
                        v  |
                      returned

The unit (its head) or the office sends; only the office (officer) returns, with a reason, or accepts. Roles are
checked in the registering unit. The services attach the effects (who and when) to the actions.
"""

from django.utils.translation import gettext_lazy as _

from thidua.accounts.models import Role, User
from thidua.accounts.scope import has_role
from thidua.core.workflow import Workflow, edge

from .models import Registration
from .models import RegistrationStatus as S

SEND, RETURN, ACCEPT = "send", "return", "accept"
SENDERS = (Role.UNIT_HEAD, Role.OFFICER)

TRANSITIONS = (
    edge(S.NOT_SENT, SEND, S.SENT, SENDERS, _("Gửi đăng ký")),
    edge(S.RETURNED, SEND, S.SENT, SENDERS, _("Gửi lại")),
    edge(S.SENT, RETURN, S.RETURNED, (Role.OFFICER,), _("Trả lại"), reason_required=True),
    edge(S.SENT, ACCEPT, S.ACCEPTED, (Role.OFFICER,), _("Tiếp nhận")),
)


def _authorize(actor: User | None, registration: Registration, roles: frozenset[str]) -> bool:
    return has_role(actor, *roles, organization=registration.unit)


REGISTRATION = Workflow(
    name="registration",
    model=Registration,
    transitions=TRANSITIONS,
    authorize=_authorize,
    related=("unit", "round"),
)

ACTIONS = tuple(sorted(REGISTRATION.actions))

# States in which the unit may still edit its lines and commitments.
EDITABLE_STATES = (S.NOT_SENT, S.RETURNED)
