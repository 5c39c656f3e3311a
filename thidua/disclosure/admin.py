"""Administrators' read-only view of disclosure: notices, feedback and the calendar's days change only through the
services (their checks, the audit trail, the notifications), on the office's pages."""

from django.contrib import admin

from .models import CalendarDay, DisclosureNotice, Feedback


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(DisclosureNotice)
class DisclosureNoticeAdmin(ReadOnlyAdmin):
    list_display = ("title", "agency", "year", "status", "posted_at", "comment_deadline", "working_days")
    list_filter = ("status", "year", "channel")
    search_fields = ("title",)
    list_select_related = ("agency",)


@admin.register(Feedback)
class FeedbackAdmin(ReadOnlyAdmin):
    list_display = ("notice", "received_at", "outcome", "handled_at")
    list_filter = ("outcome",)
    list_select_related = ("notice",)


@admin.register(CalendarDay)
class CalendarDayAdmin(ReadOnlyAdmin):
    list_display = ("date", "working", "note")
