"""Registers, issued documents, dispatches and Word templates are read-only here: numbers are taken only through the
numbering service, packages and template versions only through the documents pages (checked and audited)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Dispatch, DocumentTemplate, IssuedDocument, NumberingRegister


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
    list_display = ("document", "recipient", "channel", "receiver_code", "status", "sent_at")
    list_filter = ("channel", "status")
    exclude = ("package",)
    readonly_fields = ("package_name",)

    @admin.display(description=_("Gói edXML"))
    def package_name(self, obj):
        return obj.package.name or "—"


@admin.register(DocumentTemplate)
class DocumentTemplateAdmin(ReadOnlyAdmin):
    list_display = ("agency", "kind", "version", "active", "uploaded_at", "uploaded_by")
    list_filter = ("kind", "active")
    exclude = ("file",)
    readonly_fields = ("file_name",)

    @admin.display(description=_("Tệp mẫu (.docx)"))
    def file_name(self, obj):
        return obj.file.name or "—"
