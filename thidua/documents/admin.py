"""Registers and issued documents are read-only here: numbers are taken only through the numbering service."""

from django.contrib import admin

from .models import Dispatch, IssuedDocument, NumberingRegister


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(NumberingRegister)
class NumberingRegisterAdmin(ReadOnlyAdmin):
    list_display = ("issuer", "doc_type", "year", "last_number")


@admin.register(IssuedDocument)
class IssuedDocumentAdmin(ReadOnlyAdmin):
    list_display = ("number_symbol", "issued_on", "purpose")


@admin.register(Dispatch)
class DispatchAdmin(ReadOnlyAdmin):
    list_display = ("document", "recipient", "channel", "sent_at")
