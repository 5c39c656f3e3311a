"""Reads of disclosure notices, their feedback and the office's calendar days, scoped to what the user may see;
and the public reads (published notices only, no private field of the nominees).

The office pages of a notice belong to the agency that published it: its officers (who write), its signing
leaders and its council's members and secretary (who read). Another agency's officer gets 404.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from thidua.accounts.models import Role
from thidua.accounts.scope import (
    CHANGE,
    VIEW,
    has_role,
    is_system_admin,
    managed_organizations,
    restrict,
    scope_policy,
)
from thidua.nominations.models import Nomination

from .models import CalendarDay, DisclosureNotice, Feedback, NoticeStatus

OFFICE_READERS = (Role.OFFICER, Role.SIGNER, Role.COUNCIL_MEMBER, Role.COUNCIL_SECRETARY)
# How long after its deadline a notice stays in the public list (its page stays reachable by its address).
RECENT_DAYS = 90


def _agencies(user: Any, action: str) -> QuerySet:
    roles = (Role.OFFICER,) if action == CHANGE else OFFICE_READERS
    return managed_organizations(user, *roles).values("pk")


@scope_policy(DisclosureNotice)
def _notice_policy(user: Any, qs: QuerySet, action: str) -> QuerySet:
    """Read: the agency's officers, signing leaders and council. Write: its officers."""
    if is_system_admin(user):
        return qs
    return qs.filter(agency__in=_agencies(user, action))


@scope_policy(Feedback)
def _feedback_policy(user: Any, qs: QuerySet, action: str) -> QuerySet:
    """As the notice it was sent on."""
    if is_system_admin(user):
        return qs
    return qs.filter(notice__agency__in=_agencies(user, action))


@scope_policy(CalendarDay)
def _calendar_policy(user: Any, qs: QuerySet, action: str) -> QuerySet:
    """One calendar for everyone: anyone signed in reads it; officers and system administrators write it."""
    if action == CHANGE and not (is_system_admin(user) or has_role(user, Role.OFFICER)):
        return qs.none()
    return qs


def subject_name(nomination: Nomination) -> str:
    """The nominee as the public and the council read it: the person's full name or the collective's name."""
    if nomination.person is not None:
        return nomination.person.full_name
    return nomination.organization.name if nomination.organization is not None else ""


# --- the office ---------------------------------------------------------------------------------------


def notice_list_visible_to(*, user: Any, year: int | None = None) -> QuerySet[DisclosureNotice]:
    qs = restrict(DisclosureNotice.objects.all(), user, VIEW)
    if year:
        qs = qs.filter(year=year)
    return (
        qs.select_related("agency__parent")
        .annotate(
            line_count=Count("nominations", distinct=True),
            feedback_count=Count("feedback", distinct=True),
            unhandled_count=Count("feedback", filter=Q(feedback__outcome=""), distinct=True),
        )
        .order_by("-year", "-posted_at", "-pk")
    )


def notice_get_visible(*, user: Any, pk: int, action: str = VIEW) -> DisclosureNotice:
    notice = (
        restrict(DisclosureNotice.objects.select_related("agency__parent"), user, action)
        .filter(pk=pk)
        .first()
    )
    if notice is None:
        raise Http404
    return notice


def feedback_get_visible(*, user: Any, pk: int, action: str = VIEW) -> Feedback:
    feedback = restrict(Feedback.objects.select_related("notice__agency"), user, action).filter(pk=pk).first()
    if feedback is None:
        raise Http404
    return feedback


def notice_lines(notice: DisclosureNotice) -> list[Nomination]:
    """The notice's lines in unit order, with what the pages print of them (one query)."""
    return list(
        notice.nominations.select_related("person", "organization", "batch__unit__parent").order_by(
            "batch__unit__path", "code", "pk"
        )
    )


def notice_feedback(notice: DisclosureNotice) -> list[Feedback]:
    return list(
        notice.feedback.select_related(
            "nomination__person", "nomination__organization", "handled_by"
        ).order_by("received_at", "pk")
    )


def calendar_days(*, year: int | None = None) -> QuerySet[CalendarDay]:
    qs = CalendarDay.objects.select_related("created_by").order_by("date")
    if year:
        qs = qs.filter(date__year=year)
    return qs


def nomination_disclosures(nomination: Nomination) -> list[DisclosureNotice]:
    """The published notices that list `nomination`, with its feedback counts."""
    return list(
        nomination.disclosure_notices.exclude(status=NoticeStatus.DRAFT)
        .annotate(
            line_feedback=Count("feedback", filter=Q(feedback__nomination=nomination), distinct=True),
            unhandled_count=Count(
                "feedback",
                filter=Q(feedback__outcome="")
                & (Q(feedback__nomination=nomination) | Q(feedback__nomination__isnull=True)),
                distinct=True,
            ),
        )
        .order_by("-posted_at", "-pk")
    )


# --- the public ---------------------------------------------------------------------------------------


def _published() -> QuerySet[DisclosureNotice]:
    return DisclosureNotice.objects.exclude(status=NoticeStatus.DRAFT).filter(posted_at__isnull=False)


def public_notice_list(*, today: dt.date, archive: bool = False) -> QuerySet[DisclosureNotice]:
    """Notices posted by `today` whose window is open or closed less than RECENT_DAYS ago (`archive`: every
    notice ever posted)."""
    qs = _published().filter(posted_at__lte=today)
    if not archive:
        qs = qs.filter(comment_deadline__gte=today - dt.timedelta(days=RECENT_DAYS))
    return (
        qs.select_related("agency")
        .annotate(line_count=Count("nominations"))
        .order_by("-comment_deadline", "-pk")
    )


def public_notice_get(*, pk: int, today: dt.date) -> DisclosureNotice:
    notice = _published().filter(pk=pk, posted_at__lte=today).select_related("agency").first()
    if notice is None:
        raise Http404
    return notice


def public_lines(notice: DisclosureNotice) -> list[dict[str, Any]]:
    """What the public reads of each line: the nominee's name, unit, the proposed title or form and its track,
    and the achievement summary. Nothing else of the person (no birth date, no staff code) leaves here."""
    rows = []
    for line in notice.nominations.select_related("person", "organization", "batch__unit__parent").order_by(
        "batch__unit__path", "code", "pk"
    ):
        rows.append(
            {
                "pk": line.pk,
                "name": subject_name(line),
                "collective": line.person_id is None,
                "unit": line.batch.unit,
                "form": line.get_code_display(),
                "track": line.get_track_display(),
                "summary": line.achievement,
            }
        )
    return rows
