from django.contrib import admin

from .models import DiscoveryRun, RuleOverride


@admin.register(RuleOverride)
class RuleOverrideAdmin(admin.ModelAdmin):
    """A province's value for a configuration key, with its source (the "cần xác minh" flag goes away)."""

    list_display = ("organization", "key", "value", "source", "updated_at")
    search_fields = ("key",)


@admin.register(DiscoveryRun)
class DiscoveryRunAdmin(admin.ModelAdmin):
    list_display = ("organization", "year", "status", "progress", "requested_at")
    readonly_fields = ("findings",)
