"""Reads of notifications: a user sees their own, never another's (`restrict` answers with the user's rows only,
so another user's notification is a 404 on the pages and in the API)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.urls import reverse

from thidua.accounts.scope import VIEW, restrict, scope_policy

from .models import Notification


@scope_policy(Notification)
def _notification_policy(user: Any, qs: QuerySet, action: str) -> QuerySet:
    # Reading and marking read are the same right: one's own notifications, whatever one's roles.
    if not getattr(user, "is_authenticated", False):
        return qs.none()
    return qs.filter(user=user)


def notification_list_for(*, user: Any, unread_only: bool = False) -> QuerySet[Notification]:
    """The user's notifications, newest first (one query; no relation is read)."""
    qs = restrict(Notification.objects.all(), user, VIEW)
    if unread_only:
        qs = qs.filter(read_at__isnull=True)
    return qs.order_by("-created_at", "-pk")


def notification_get_own(*, user: Any, pk: int) -> Notification:
    """One of the user's notifications; 404 for another user's or a missing one."""
    return get_object_or_404(restrict(Notification.objects.all(), user, VIEW), pk=pk)


def unread_count(*, user: Any) -> int:
    return restrict(Notification.objects.filter(read_at__isnull=True), user, VIEW).count()


def unread_count_cached(request: Any) -> int:
    """The signed-in user's unread count, counted once per request (the bell and the list page share it)."""
    if not hasattr(request, "_thidua_unread"):
        request._thidua_unread = unread_count(user=request.user)
    return request._thidua_unread


class Bell:
    """The bell of the page shell: its link and the unread count, counted at most once per request and only
    when the page shows it (a fragment that does not extend base.html costs no query)."""

    def __init__(self, request: Any) -> None:
        self._request = request

    @property
    def url(self) -> str:
        return reverse("notifications:list")

    @property
    def unread(self) -> int:
        return unread_count_cached(self._request)


def bell_for(request: Any) -> Bell | None:
    """The bell for a signed-in user (None for anonymous visitors)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    return Bell(request)
