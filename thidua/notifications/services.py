"""Tell users something: one notification row each, and an e-mail to those with an address.

Called from the workflows' after-commit effects, so a refused or rolled-back step notifies nobody. Mail goes
through Django's backend (console or SMTP in production, the in-memory outbox in tests); a mail server that is
down does not undo the step: the failure is logged and the in-application notification stays.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from typing import Any

from django.conf import settings
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
        link = f"{settings.THIDUA_SITE_URL.rstrip('/')}{url}" if url else ""
        text = "\n\n".join(part for part in (body, link) if part)
        messages = [
            EmailMessage(subject=title, body=text, to=[user.email])
            for user in recipients.values()
            if user.email
        ]
        if messages:
            try:
                mailers.default.send_messages(messages)
            except OSError:
                logger.exception("notifications: mail not sent (%s recipients)", len(messages))
    return len(recipients)


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
