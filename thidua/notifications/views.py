"""The user's notifications: the list (newest first, unread highlighted), opening one (marks it read and goes
to its page) and marking all read. Any signed-in user, whatever their roles, reads only their own: another
user's notification is a 404."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from thidua.core.permissions import view_permission

from . import selectors, services

PAGE_SIZE = 25


@view_permission()
def notification_list(request):
    unread_only = request.GET.get("unread") == "1"
    notifications = selectors.notification_list_for(user=request.user, unread_only=unread_only)
    page = Paginator(notifications, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "unread_only": unread_only,
        "unread": selectors.unread_count_cached(request),
    }
    return render(request, "notifications/list.html", context)


@view_permission()
def notification_open(request, pk: int):
    """Open a notification: it is read from now on; the user goes to the page it names (a path of this site
    only), or sees the notification itself when it names none."""
    notification = selectors.notification_get_own(user=request.user, pk=pk)
    services.notification_mark_read(user=request.user, notification=notification)
    target = notification.url
    if (
        target
        and target.startswith("/")
        and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=False)
    ):
        return redirect(target)
    return render(request, "notifications/detail.html", {"notification": notification})


@view_permission()
@require_POST
def notification_mark_all_read(request):
    count = services.notification_mark_all_read(user=request.user)
    messages.success(
        request,
        ngettext(
            "Đã đánh dấu %(count)s thông báo là đã đọc.",
            "Đã đánh dấu %(count)s thông báo là đã đọc.",
            count,
        )
        % {"count": count},
    )
    return redirect(reverse("notifications:list"))
