from django import forms
from django.utils.translation import gettext_lazy as _


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp Excel (.xlsx) theo mẫu"),
        widget=forms.ClearableFileInput(attrs={"class": "form-control", "accept": ".xlsx"}),
    )
    dry_run = forms.BooleanField(
        label=_("Chỉ kiểm tra (chạy thử), chưa ghi"),
        required=False,
        initial=True,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )

    def __init__(self, *args, takes_csv: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if takes_csv:
            self.fields["file"].label = _("Tệp Excel (.xlsx) theo mẫu, hoặc tệp CSV (UTF-8) dữ liệu lịch sử")
            self.fields["file"].widget.attrs["accept"] = ".xlsx,.csv"
