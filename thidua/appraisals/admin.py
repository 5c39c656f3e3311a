from django.contrib import admin

from .models import Appraisal, CollectiveAppraisal, Discipline, Leave, RegistrationRound


@admin.register(Appraisal)
class AppraisalAdmin(admin.ModelAdmin):
    list_display = ("person", "year", "rating", "months_worked", "organization")
    list_filter = ("year", "rating")
    raw_id_fields = ("person",)


admin.site.register(Leave)
admin.site.register(Discipline)
admin.site.register(CollectiveAppraisal)
admin.site.register(RegistrationRound)
