"""The decisions' sections of other apps' pages (registered in core.registry by DecisionsConfig.ready): on a
nomination's page, the decisions and proposals that hold the line, as far as the reader may see them."""

from __future__ import annotations

from typing import Any

from thidua.accounts.models import Role
from thidua.accounts.scope import has_role
from thidua.council.models import SessionStatus
from thidua.nominations.models import Nomination

from . import selectors, services
from .models import Decision


def nomination_decisions(request: Any, nomination: Nomination) -> dict | None:
    lines = list(selectors.nomination_lines(nomination=nomination, user=request.user))
    if not lines:
        return None
    return {"template": "decisions/_nomination_section.html", "context": {"lines": lines}}


def session_decisions(request: Any, session: Any) -> dict | None:
    """On a council session's page: the decisions drafted from its result, and for the agency's officer, once
    the session is closed, the button that drafts them for the lines it passed that no decision holds yet."""
    agency = session.council.agency
    if not has_role(request.user, Role.OFFICER, Role.SIGNER, organization=agency):
        return None
    decisions = list(Decision.objects.filter(council_session=session).order_by("kind", "pk"))
    waiting = 0
    if session.status == SessionStatus.CLOSED and has_role(request.user, Role.OFFICER, organization=agency):
        waiting = len(services.passed_lines_without_decision(session))
    if not decisions and not waiting:
        return None
    return {
        "template": "decisions/_session_section.html",
        "context": {"session": session, "decisions": decisions, "waiting": waiting},
    }
