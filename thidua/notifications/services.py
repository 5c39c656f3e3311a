"""Tell users something: one notification row each, and an e-mail to those with an address.

Called from the workflows' after-commit effects, so a refused or rolled-back step notifies nobody. Mail goes
through Django's backend (console or SMTP in production, the in-memory outbox in tests); a mail server that is
down does not undo the step: the failure is logged and the in-application notification stays.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, mailers

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
