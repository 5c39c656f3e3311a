"""The registration lifecycle as data: (state, action) → (next state, who may, guard).

    not_sent --send--> sent --accept--> accepted
                        |  ^
                  return|  |send
                        v  |
                      returned

The unit (its head) or the office sends; only the office (officer) returns, with a reason, or accepts.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from thidua.accounts.models import Role

from .models import RegistrationStatus as S


@dataclass(frozen=True)
class Transition:
    target: str
    roles: tuple[str, ...]
    label: object
    guard: Callable[[str], str | None] | None = None  # (reason) → error message, or None when allowed


def _reason_required(reason: str) -> str | None:
    return None if reason.strip() else str(_("Phải nêu lý do trả lại."))


SEND, RETURN, ACCEPT = "send", "return", "accept"

TRANSITIONS: dict[tuple[str, str], Transition] = {
    (S.NOT_SENT, SEND): Transition(S.SENT, (Role.UNIT_HEAD, Role.OFFICER), _("Gửi đăng ký")),
    (S.RETURNED, SEND): Transition(S.SENT, (Role.UNIT_HEAD, Role.OFFICER), _("Gửi lại")),
    (S.SENT, RETURN): Transition(S.RETURNED, (Role.OFFICER,), _("Trả lại"), _reason_required),
    (S.SENT, ACCEPT): Transition(S.ACCEPTED, (Role.OFFICER,), _("Tiếp nhận")),
}

ACTIONS = (SEND, RETURN, ACCEPT)
ACTION_LABELS = {SEND: _("gửi"), RETURN: _("trả lại"), ACCEPT: _("tiếp nhận")}

# States in which the unit may still edit its lines and commitments.
EDITABLE_STATES = (S.NOT_SENT, S.RETURNED)


def transition_for(state: str, action: str) -> Transition | None:
    return TRANSITIONS.get((state, action))


def actions_from(state: str) -> list[tuple[str, Transition]]:
    return [(action, t) for (s, action), t in TRANSITIONS.items() if s == state]
