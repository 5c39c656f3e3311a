from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Assignment, Ethnicity, Organization, Person, Position, Restructuring


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "code", "parent", "valid_from", "valid_to")
    list_filter = ("kind",)
    search_fields = ("name", "code", "search_text")
    register_fields = (
        "budget_code",
        "sector",
        "place_name",
        "signer_title",
        "signer_name",
        "bank_account",
        "bank_name",
    )

    def get_fieldsets(self, request, obj=None):
        """The unit's identity and validity first (every other field, so a new one is never hidden), then the
        unit register (sổ đơn vị)."""
        fields = [f for f in self.get_fields(request, obj) if f not in self.register_fields]
        return [(None, {"fields": fields}), (_("Sổ đơn vị"), {"fields": self.register_fields})]


class AssignmentInline(admin.TabularInline):
    model = Assignment
    extra = 0
    autocomplete_fields = ("organization",)


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ("family_name", "middle_name", "given_name", "sex", "date_of_birth", "staff_code")
    search_fields = ("search_text", "staff_code")
    inlines = [AssignmentInline]


admin.site.register(Ethnicity)
admin.site.register(Position)
admin.site.register(Restructuring)
