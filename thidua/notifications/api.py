"""API routes for the caller's own notifications: the list (optionally unread only) and marking read. Another
user's notification is a 404, like a missing one."""

from __future__ import annotations

from datetime import datetime

from ninja import Query, Router, Schema
from ninja.pagination import paginate

from thidua.api.pagination import Pagination

from . import selectors, services

router = Router(tags=["notifications"])


class NotificationOut(Schema):
    id: int
    title: str
    body: str
    url: str
    created_at: datetime
    read_at: datetime | None


class MarkedOut(Schema):
    marked: int


@router.get(
    "/notifications", response=list[NotificationOut], summary="Thông báo của người dùng (mới nhất trước)"
)
@paginate(Pagination)
def notification_list(request, unread: bool = Query(False, description="Chỉ những thông báo chưa đọc")):
    return selectors.notification_list_for(user=request.auth, unread_only=unread)


# Before "/notifications/{notification_id}": Django would otherwise take "read" for an id and answer 405.
@router.post(
    "/notifications/read", response=MarkedOut, summary="Đánh dấu mọi thông báo của người dùng đã đọc"
)
def notification_read_all(request):
    return {"marked": services.notification_mark_all_read(user=request.auth)}


@router.get(
    "/notifications/{notification_id}", response=NotificationOut, summary="Một thông báo của người dùng"
)
def notification_get(request, notification_id: int):
    return selectors.notification_get_own(user=request.auth, pk=notification_id)


@router.post(
    "/notifications/{notification_id}/read", response=NotificationOut, summary="Đánh dấu một thông báo đã đọc"
)
def notification_read(request, notification_id: int):
    notification = selectors.notification_get_own(user=request.auth, pk=notification_id)
    return services.notification_mark_read(user=request.auth, notification=notification)
