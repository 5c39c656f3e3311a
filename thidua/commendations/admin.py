from django.contrib import admin

from .models import AwardRecord


@admin.register(AwardRecord)
class AwardRecordAdmin(admin.ModelAdmin):
    list_display = ("code", "year", "person", "organization", "decision_number", "status")
    list_filter = ("code", "year", "status")
    raw_id_fields = ("person", "organization", "movement")
