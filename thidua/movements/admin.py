"""Administrators' view of movements; the office works in the movement pages, which go through services."""

from django.contrib import admin

from .models import ExemplaryModel, Movement, ProgressReport, Review, Target


class ReadOnlyWorkflowAdmin(admin.ModelAdmin):
    """Lifecycle fields change only through the workflow services (with their checks and the audit)."""

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Movement)
class MovementAdmin(ReadOnlyWorkflowAdmin):
    list_display = ("code", "title", "level", "kind", "status", "launched_on")
    list_filter = ("level", "kind", "status")
    search_fields = ("code", "title")
    readonly_fields = ("status", "launched_on")


@admin.register(Target)
class TargetAdmin(admin.ModelAdmin):
    list_display = ("movement", "organization", "year", "indicator", "target_value", "unit_of_measure")
    list_filter = ("year",)


@admin.register(ProgressReport)
class ProgressReportAdmin(ReadOnlyWorkflowAdmin):
    list_display = ("movement", "organization", "status")
    list_filter = ("status",)
    readonly_fields = ("status",)


admin.site.register(Review)
admin.site.register(ExemplaryModel)
