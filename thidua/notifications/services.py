"""Tell users something: one notification row each, and an e-mail to those with an address.

Called from the workflows' after-commit effects, so a refused or rolled-back step notifies nobody. Mail goes
through Django's mailers (`mailers.default`: the console or SMTP in production, the in-memory outbox in tests); a
mail server that is down, or a backend that fails in any other way, does not undo the step nor break the request:
the failure is logged and the in-application notification stays.

Marking read is the user's own reading state, not a record of the cycle: it is not written to the audit trail
(the step that caused the notification is).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import EmailMessage, mailers
from django.db.models import Q
from django.utils import timezone

from thidua.accounts.models import RoleGrant, User
from thidua.accounts.scope import WIDE_ROLES
from thidua.organizations.models import Organization

from .models import Notification

logger = logging.getLogger(__name__)


def notify(*, users: Iterable[Any], title: str, body: str = "", url: str = "", email: bool = True) -> int:
    """Notify each distinct active user once; returns how many were notified."""
    recipients = {user.pk: user for user in users if user is not None and user.is_active}
    if not recipients:
        return 0
    Notification.objects.bulk_create(
        [Notification(user=user, title=title[:255], body=body, url=url) for user in recipients.values()]
    )
    if email:
        _mail(recipients.values(), title=title, body=body, url=url)
    return len(recipients)


def _mail(users: Iterable[Any], *, title: str, body: str, url: str) -> None:
    link = f"{settings.THIDUA_SITE_URL.rstrip('/')}{url}" if url.startswith("/") else url
    text = "\n\n".join(part for part in (body, link) if part)
    subject = " ".join(title.split())  # a line break in a header would be refused by the backend
    messages = [EmailMessage(subject=subject, body=text, to=[user.email]) for user in users if user.email]
    if not messages:
        return
    # One connection for all; a message refused (a bad address) does not stop the others, and a server that
    # cannot be reached is logged once. Any exception: a third-party backend may raise anything, and the caller
    # runs after its commit, where an exception would turn a completed step into an error page.
    try:
        with mailers.default as connection:
            for message in messages:
                try:
                    connection.send_messages([message])
                except Exception:
                    logger.exception("notifications: mail to %s not sent", message.to[0])
    except Exception:
        logger.exception("notifications: mail not sent (%s recipients)", len(messages))


def notification_mark_read(*, user: Any, notification: Notification) -> Notification:
    """Mark one of the user's notifications read (once: the first reading time is kept)."""
    if notification.user_id != user.pk:
        raise PermissionDenied
    if notification.read_at is None:
        now = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=now)
        notification.read_at = now
    return notification


def notification_mark_all_read(*, user: Any) -> int:
    """Mark all the user's unread notifications read; returns how many."""
    return Notification.objects.filter(user=user, read_at__isnull=True).update(read_at=timezone.now())


def users_holding(*roles: str, organization: Organization, on: dt.date | None = None) -> list[User]:
    """The active users who hold one of `roles` in `organization` today: granted there, or in an ancestor when the
    role covers sub-units (a wide role or `include_subunits`) — the people to notify about the unit's records."""
    day = on or timezone.localdate()
    ancestors = [organization.path[: i + 1] for i, ch in enumerate(organization.path) if ch == "/"]
    grants = (
        RoleGrant.objects.filter(role__in=roles, valid_from__lte=day, user__is_active=True)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
        .filter(Q(organization=organization) | Q(organization__path__in=ancestors))
        .select_related("user", "organization")
    )
    users: dict[int, User] = {}
    for grant in grants:
        if grant.organization_id == organization.pk or grant.include_subunits or grant.role in WIDE_ROLES:
            users[grant.user_id] = grant.user
    return list(users.values())
