"""Forms of the documents pages: uploading a Word template version, sending an issued document as edXML packages,
and recording what became of a package.

The forms only read and shape the input (a file within the size limit, receivers as (name, code, organization));
the services decide whether it is acceptable and say why not (`add_service_errors` puts their reasons on the
fields).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.core.forms import Styled
from thidua.organizations.models import Organization, OrganizationKind

from .models import DispatchStatus
from .services import NEXT_STATUS, Receiver, template_max_bytes

DOCX_ACCEPT = ".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class TemplateUploadForm(Styled, forms.Form):
    file = forms.FileField(label=gettext_lazy("Tệp mẫu (.docx)"))
    note = forms.CharField(
        label=gettext_lazy("Ghi chú"),
        max_length=500,
        required=False,
        help_text=gettext_lazy("Ví dụ: thêm logo cơ quan, đổi cỡ chữ danh sách."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.style()
        self.fields["file"].widget.attrs["accept"] = DOCX_ACCEPT
        self.fields["file"].help_text = _("Tài liệu Word .docx, tối đa %(max)s MB.") % {
            "max": number_format(template_max_bytes() / 1024 / 1024, 0)
        }

    def clean_file(self) -> tuple[bytes, str]:
        """The bytes (read only when the declared size is within the limit) and the uploaded name."""
        upload = self.cleaned_data["file"]
        limit = template_max_bytes()
        if upload.size is not None and upload.size > limit:
            raise forms.ValidationError(
                _("Tệp quá lớn (%(size)s MB); tối đa %(max)s MB.")
                % {
                    "size": number_format(upload.size / 1024 / 1024, 1),
                    "max": number_format(limit / 1024 / 1024, 0),
                },
                code="too_large",
            )
        upload.seek(0)
        return upload.read(limit + 1), upload.name or ""


def receiver_organizations(exclude: Organization | None = None) -> QuerySet[Organization]:
    """Organizations a document may be sent to: those in force, except divisions (they read the document inside
    the agency's own system) and the issuer itself."""
    qs = Organization.objects.filter(valid_to__isnull=True).exclude(kind=OrganizationKind.DIVISION)
    if exclude is not None:
        qs = qs.exclude(pk=exclude.pk)
    return qs.order_by("sort_key")


class OrganizationChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.code})"


class EdxmlDispatchForm(Styled, forms.Form):
    organizations = OrganizationChoices(
        label=gettext_lazy("Cơ quan nhận trong hệ thống"),
        queryset=Organization.objects.none(),
        required=False,
        help_text=gettext_lazy("Mã định danh gửi đi là mã của cơ quan (trong ngoặc)."),
    )
    others = forms.CharField(
        label=gettext_lazy("Cơ quan nhận khác"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "Mỗi dòng một cơ quan: tên cơ quan | mã định danh, ví dụ: Ban Thi đua – Khen thưởng tỉnh | 000.00.31.H62"
        ),
    )
    priority = forms.TypedChoiceField(
        label=gettext_lazy("Độ khẩn"),
        coerce=int,
        choices=[
            (0, gettext_lazy("Thường")),
            (1, gettext_lazy("Khẩn")),
            (2, gettext_lazy("Thượng khẩn")),
            (3, gettext_lazy("Hỏa tốc")),
        ],
        initial=0,
    )

    def __init__(self, *args: Any, issuer: Organization | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organizations"]
        assert isinstance(field, OrganizationChoices)
        field.queryset = receiver_organizations(exclude=issuer)
        field.widget.attrs["size"] = 8
        self.style()

    def clean_others(self) -> list[Receiver]:
        """One receiver per non-empty line, "name | code" (or "name; code"); the services refuse a line
        without a code, naming the field."""
        receivers = []
        for raw in self.cleaned_data.get("others", "").splitlines():
            line = raw.strip()
            if not line:
                continue
            separator = "|" if "|" in line else ";"
            name, found, code = line.rpartition(separator)
            if not found:
                name, code = line, ""
            receivers.append(Receiver(name=" ".join(name.split()), code=code.strip()))
        return receivers

    def receivers(self) -> list[Receiver]:
        chosen = [
            Receiver(name=org.name, code=org.code, organization=org)
            for org in self.cleaned_data.get("organizations", [])
        ]
        return chosen + list(self.cleaned_data.get("others", []))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors and not self.receivers():
            raise forms.ValidationError(_("Chọn hoặc nhập ít nhất một cơ quan nhận."))
        return data


class DispatchStatusForm(Styled, forms.Form):
    status = forms.ChoiceField(label=gettext_lazy("Trạng thái mới"), choices=DispatchStatus.choices)
    note = forms.CharField(
        label=gettext_lazy("Ghi chú"),
        max_length=500,
        required=False,
        help_text=gettext_lazy("Bắt buộc khi gửi không thành công: ghi lý do."),
    )

    def __init__(self, *args: Any, current: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if current is not None:
            allowed = NEXT_STATUS.get(DispatchStatus(current), set())
            field = self.fields["status"]
            assert isinstance(field, forms.ChoiceField)
            field.choices = [(value, label) for value, label in DispatchStatus.choices if value in allowed]
        self.style()
