"""Registers and issued documents are read-only here: numbers are taken only through the numbering service."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

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
    # Stored files are never served as media (no /media/ route): show their names, not links.
    exclude = ("pdf", "docx")
    readonly_fields = ("pdf_name", "docx_name")

    @admin.display(description=_("Bản PDF"))
    def pdf_name(self, obj):
        return obj.pdf.name or "—"

    @admin.display(description=_("Bản DOCX"))
    def docx_name(self, obj):
        return obj.docx.name or "—"


@admin.register(Dispatch)
class DispatchAdmin(ReadOnlyAdmin):
    list_display = ("document", "recipient", "channel", "sent_at")
