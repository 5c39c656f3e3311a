import copy
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.accounts.models import User
from thidua.accounts.scope import managed_organizations
from thidua.appraisals.selectors import EDITOR_ROLES, people_editable_by
from thidua.core.forms import DATE_WIDGET, Styled, form_field
from thidua.core.uploads import AttachmentField
from thidua.organizations.forms import label_organizations

from .models import Initiative


class InitiativeForm(Styled, forms.ModelForm):
    authors = forms.CharField(
        label=_("Tác giả"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Mỗi dòng một tác giả: mã cán bộ; tỷ lệ đóng góp (%). Ví dụ: CB000012; 70"),
    )

    class Meta:
        model = Initiative
        fields = [
            "code",
            "title",
            "kind",
            "level",
            "organization",
            "recognized_by",
            "decision_number",
            "recognized_on",
            "wider_level",
            "wider_recognized_on",
            "applied",
            "summary",
        ]

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        form_field(self, "organization", forms.ModelChoiceField).queryset = managed_organizations(
            user, *EDITOR_ROLES
        )
        self.fields["recognized_on"].widget = DATE_WIDGET
        form_field(self, "recognized_on", forms.DateField).input_formats = ["%d/%m/%Y"]
        self.fields["wider_recognized_on"].widget = copy.deepcopy(DATE_WIDGET)
        form_field(self, "wider_recognized_on", forms.DateField).input_formats = ["%d/%m/%Y"]
        self.fields["wider_level"].help_text = _(
            "Khi sáng kiến được công nhận lại ở phạm vi rộng hơn (ví dụ từ cấp cơ sở lên cấp tỉnh), ghi phạm vi mới "
            "và ngày công nhận."
        )
        self.fields["summary"].widget = forms.Textarea(attrs={"rows": 3})
        if self.instance.pk:
            self.fields["authors"].initial = "\n".join(
                f"{a.person.staff_code}; {a.share_pct.normalize()}" for a in self.instance.authors.all()
            )
        self.style()
        label_organizations(self)

    def clean_authors(self) -> list[tuple[int, Decimal]]:
        result: list[tuple[int, Decimal]] = []
        codes: dict[str, Decimal] = {}
        for number, line in enumerate(self.cleaned_data["authors"].splitlines(), start=1):
            if not line.strip():
                continue
            code, _sep, share = line.partition(";")
            try:
                codes[code.strip()] = Decimal(share.strip().replace(",", ".") or "100")
            except InvalidOperation:
                raise forms.ValidationError(
                    _("Dòng %(n)s: tỷ lệ “%(v)s” không phải là số."), params={"n": number, "v": share.strip()}
                ) from None
        found = dict(
            people_editable_by(self.user).filter(staff_code__in=codes).values_list("staff_code", "pk")
        )
        missing = [c for c in codes if c not in found]
        if missing:
            raise forms.ValidationError(
                _("Không có cán bộ mã %(codes)s trong đơn vị bạn quản lý."),
                params={"codes": ", ".join(missing)},
            )
        for code, share in codes.items():
            result.append((found[code], share))
        return result


class AttachmentForm(forms.Form):
    """One attachment, checked like every upload (``core.uploads``): type by name and content, size."""

    file = AttachmentField()
