from django.contrib import admin

from .models import Initiative, InitiativeAuthor


class AuthorInline(admin.TabularInline):
    model = InitiativeAuthor
    extra = 0
    raw_id_fields = ("person", "used_for")


@admin.register(Initiative)
class InitiativeAdmin(admin.ModelAdmin):
    list_display = ("code", "title", "kind", "level", "recognized_on")
    list_filter = ("kind", "level")
    search_fields = ("code", "title")
    inlines = [AuthorInline]
