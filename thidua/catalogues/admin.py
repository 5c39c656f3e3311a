from django import forms
from django.contrib import admin
from django.core.files.uploadedfile import UploadedFile

from thidua.core import uploads

from .models import LegalDocument


class LegalDocumentForm(forms.ModelForm):
    """The file passes the project's one upload check (type by content, size) and is stored under a safe name."""

    class Meta:
        model = LegalDocument
        fields = (
            "kind",
            "number_symbol",
            "title",
            "issuing_body",
            "issued_on",
            "effective_on",
            "validity",
            "lapsed_on",
            "file",
            "note",
        )

    def clean_file(self):
        value = self.cleaned_data.get("file")
        if isinstance(value, UploadedFile):
            checked = uploads.upload_read(value, field=LegalDocument._meta.get_field("file").verbose_name)
            return checked.as_uploaded_file()
        return value


@admin.register(LegalDocument)
class LegalDocumentAdmin(admin.ModelAdmin):
    form = LegalDocumentForm
    list_display = ("number_symbol", "kind", "title", "issuing_body", "issued_on", "effective_on", "validity")
    list_filter = ("kind", "validity")
    search_fields = ("number_symbol", "title", "search_text")
    date_hierarchy = "issued_on"
