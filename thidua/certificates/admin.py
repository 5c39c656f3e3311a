"""Administrators' read-only view of certificates: templates, print runs and numbers change only through the
services (the row-locked certificate book, the audit trail), on the office's pages."""

from django.contrib import admin

from .models import CertificateTemplate, PrintedCertificate, PrintRun, SerialRegister


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(CertificateTemplate)
class CertificateTemplateAdmin(ReadOnlyAdmin):
    list_display = ("name", "agency", "paper", "active", "calibrated_at")
    list_filter = ("active", "paper")
    list_select_related = ("agency",)


@admin.register(PrintRun)
class PrintRunAdmin(ReadOnlyAdmin):
    list_display = ("first_serial", "last_serial", "kind", "decision", "printed_at", "printed_by")
    list_filter = ("kind", "year")
    list_select_related = ("decision", "printed_by")


@admin.register(PrintedCertificate)
class PrintedCertificateAdmin(ReadOnlyAdmin):
    list_display = ("serial", "line", "run", "replaced_by")
    list_filter = ("year",)
    list_select_related = ("line", "run", "replaced_by")


@admin.register(SerialRegister)
class SerialRegisterAdmin(ReadOnlyAdmin):
    list_display = ("agency", "year", "last_number")
    list_select_related = ("agency",)
