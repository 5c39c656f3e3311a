"""Reads of councils, sessions and ballots, scoped to what the user may see.

A council is read by those who hold a council or office role in its agency (officer, council member, council
secretary, signing leader) and by its own members (a member votes with any login, e.g. the trade union's
representative). It is written by the standing office (officer); its sessions and ballots by the office and the
council's secretary (council_secretary). Another agency's council is a 404.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from thidua.accounts.models import Role
from thidua.accounts.scope import CHANGE, VIEW, is_system_admin, managed_organizations, restrict, scope_policy
from thidua.nominations.models import Nomination, NominationStatus

from .models import (
    AgendaItem,
    BallotChoice,
    BallotRoll,
    BallotState,
    BallotUrn,
    Conflict,
    Council,
    CouncilMember,
    Session,
    SessionStatus,
)
from .workflow import COUNCIL_MANAGERS, SESSION_MANAGERS

COUNCIL_READERS = (Role.OFFICER, Role.COUNCIL_MEMBER, Role.COUNCIL_SECRETARY, Role.SIGNER)


def _councils_q(user: Any, action: str, prefix: str = "") -> Q:
    """The filter of councils (through `prefix`, e.g. "session__council__") the user may read or write."""
    if is_system_admin(user):
        return Q()
    roles = COUNCIL_READERS if action == VIEW else COUNCIL_MANAGERS
    q = Q(**{f"{prefix}agency__in": managed_organizations(user, *roles)})
    if action == VIEW and getattr(user, "is_authenticated", False):
        mine = CouncilMember.objects.filter(user=user).values("council_id")
        q |= Q(**{f"{prefix}pk__in": mine})
    return q


def _sessions_q(user: Any, action: str, prefix: str = "") -> Q:
    if action == VIEW or is_system_admin(user):
        return _councils_q(user, action, f"{prefix}council__")
    return Q(**{f"{prefix}council__agency__in": managed_organizations(user, *SESSION_MANAGERS)})


@scope_policy(Council)
def _council_policy(user: Any, qs: QuerySet, action: str) -> QuerySet:
    return qs.filter(_councils_q(user, action))


@scope_policy(CouncilMember)
def _member_policy(user: Any, qs: QuerySet, action: str) -> QuerySet:
    return qs.filter(_councils_q(user, action, "council__"))


@scope_policy(Session)
def _session_policy(user: Any, qs: QuerySet, action: str) -> QuerySet:
    return qs.filter(_sessions_q(user, action))


@scope_policy(AgendaItem)
def _item_policy(user: Any, qs: QuerySet, action: str) -> QuerySet:
    return qs.filter(_sessions_q(user, action, "session__"))


@scope_policy(Conflict, BallotRoll, BallotChoice)
def _ballot_policy(user: Any, qs: QuerySet, action: str) -> QuerySet:
    """Read with the session; never written through a page or the API except by the services."""
    if action == CHANGE:
        return qs.none()
    return qs.filter(_sessions_q(user, VIEW, "item__session__"))


@scope_policy(BallotUrn)
def _urn_policy(user: Any, qs: QuerySet, action: str) -> QuerySet:
    """The sealed urn is nobody's to read."""
    return qs.none()


# ---------------------------------------------------------------- councils and members


def council_list_visible_to(*, user: Any) -> QuerySet[Council]:
    return (
        restrict(Council.objects.all(), user, VIEW)
        .select_related("agency")
        .annotate(
            member_count=Count("members", distinct=True), session_count=Count("sessions", distinct=True)
        )
    )


def council_get_visible(*, user: Any, pk: int) -> Council:
    return get_object_or_404(restrict(Council.objects.select_related("agency"), user, VIEW), pk=pk)


def council_get_managed(*, user: Any, pk: int) -> Council:
    """For the office's writes: a council the user reads but does not manage is 403 (raised by the view)."""
    return council_get_visible(user=user, pk=pk)


def members_of(council: Council, *, on: dt.date | None = None) -> QuerySet[CouncilMember]:
    qs = council.members.select_related("user__person", "person")
    if on is not None:
        qs = qs.filter(valid_from__lte=on).exclude(valid_to__lt=on)
    return qs.order_by("rank", "pk")


def member_get_visible(*, user: Any, pk: int) -> CouncilMember:
    return get_object_or_404(
        restrict(CouncilMember.objects.select_related("council__agency", "user", "person"), user, VIEW), pk=pk
    )


# ---------------------------------------------------------------- sessions and items


def session_list_visible_to(*, user: Any, council: Council | None = None) -> QuerySet[Session]:
    qs = restrict(Session.objects.all(), user, VIEW).select_related("council__agency")
    if council is not None:
        qs = qs.filter(council=council)
    return qs.annotate(item_count=Count("items"))


def session_get_visible(*, user: Any, pk: int) -> Session:
    return get_object_or_404(restrict(Session.objects.select_related("council__agency"), user, VIEW), pk=pk)


def items_of(session: Session) -> QuerySet[AgendaItem]:
    """The agenda with what the pages show of each item, in one query plus prefetches."""
    return (
        session.items.select_related(
            "nomination__batch__unit", "nomination__person", "nomination__organization"
        )
        .prefetch_related(
            Prefetch(
                "conflicts",
                queryset=Conflict.objects.select_related("member__user__person", "member__person"),
            ),
            Prefetch(
                "roll", queryset=BallotRoll.objects.select_related("member__user__person", "member__person")
            ),
        )
        .order_by("position", "pk")
    )


def item_get_visible(*, user: Any, pk: int) -> AgendaItem:
    return get_object_or_404(
        restrict(
            AgendaItem.objects.select_related(
                "session__council__agency",
                "nomination__batch__unit",
                "nomination__batch__office",
                "nomination__person",
                "nomination__organization",
            ),
            user,
            VIEW,
        ),
        pk=pk,
    )


def choices_of(item: AgendaItem) -> list[BallotChoice]:
    """The published tally of a closed ballot: every receipt code with its choice, in receipt order (the order
    of the rows says nothing, and this one does not either)."""
    return list(item.choices.order_by("receipt"))


def live_items() -> QuerySet[AgendaItem]:
    """Items that still hold their nomination for a council: in a session not cancelled, and not tallied without
    a result (no quorum)."""
    return AgendaItem.objects.exclude(session__status=SessionStatus.CANCELLED).exclude(
        ballot_state=BallotState.TALLIED, passed__isnull=True
    )


def agenda_candidates(*, session: Session) -> QuerySet[Nomination]:
    """Accepted lines whose batch the council's agency received (its office or a unit under it), and lines
    already on an agenda whose item gave no result (a cancelled session, no quorum)."""
    agency = session.council.agency
    held = live_items().filter(nomination=OuterRef("pk"))
    return (
        Nomination.objects.filter(
            Q(status=NominationStatus.ACCEPTED) | Q(status=NominationStatus.ON_AGENDA),
            batch__office__path__startswith=agency.path,
        )
        .exclude(Exists(held))
        .select_related("batch__unit", "person", "organization")
        .order_by("batch__unit__name", "code", "pk")
    )


def member_for(*, user: Any, session: Session) -> CouncilMember | None:
    """The user's membership in the session's council on the day of the session (None: not a member then)."""
    if not getattr(user, "is_authenticated", False):
        return None
    return members_of(session.council, on=session.held_on).filter(user=user).select_related("council").first()


def ballots_to_vote(*, user: Any) -> QuerySet[AgendaItem]:
    """Open ballots of open sessions where the user is a member on the day and has not voted or declared a
    conflict (the dashboard tile)."""
    if not getattr(user, "is_authenticated", False):
        return AgendaItem.objects.none()
    day = OuterRef("session__held_on")
    member = CouncilMember.objects.filter(
        user=user, council=OuterRef("session__council"), valid_from__lte=day
    )
    member = member.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
    return (
        AgendaItem.objects.filter(
            Exists(member), ballot_state=BallotState.OPEN, session__status=SessionStatus.OPEN
        )
        .exclude(roll__member__user=user)
        .exclude(conflicts__member__user=user)
        .select_related("session", "nomination__person", "nomination__organization")
        .order_by("session__held_on", "position", "pk")
    )


def nomination_items(*, nomination: Nomination, user: Any) -> QuerySet[AgendaItem]:
    """The council items of a nomination the user may see (the nomination page's section)."""
    return restrict(AgendaItem.objects.filter(nomination=nomination), user, VIEW).select_related(
        "session__council"
    )
