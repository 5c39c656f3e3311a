from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.accounts.models import Role, User
from thidua.accounts.scope import managed_organizations, person_years_editable
from thidua.core.forms import form_field
from thidua.organizations.models import Assignment, Organization, Person

from .models import AwardRecord

DATE_INPUT = forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"})


class AwardRecordForm(forms.ModelForm):
    """An award already received. On creation the subject is named by a staff code or a unit code, and must
    belong to a unit the officer acts in."""

    subject_code = forms.CharField(
        label=_("Mã cán bộ hoặc mã đơn vị"), max_length=32, help_text=_("Ví dụ CB000012 hoặc YB-SKHCN-VP.")
    )

    class Meta:
        model = AwardRecord
        fields = [
            "code",
            "year",
            "track",
            "period_from",
            "period_to",
            "decision_number",
            "decided_on",
            "deciding_body",
            "movement",
            "note",
        ]
        widgets = {"decided_on": DATE_INPUT, "note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        form_field(self, "decided_on", forms.DateField).input_formats = ["%d/%m/%Y"]
        if self.instance.pk:
            del self.fields["subject_code"]
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)

    def clean_subject_code(self) -> str:
        code = self.cleaned_data["subject_code"].strip()
        managed = managed_organizations(self.user, Role.OFFICER)
        person = Person.objects.filter(staff_code__iexact=code).first()
        if person is not None:
            in_scope = Assignment.objects.filter(person=person, organization__in=managed).exists()
            if not in_scope:
                raise forms.ValidationError(_("Cán bộ này không thuộc đơn vị bạn quản lý."))
            self.instance.person, self.instance.organization = person, None
            return code
        unit = Organization.objects.filter(code__iexact=code).first()
        if unit is None:
            raise forms.ValidationError(
                _("Không tìm thấy cán bộ hoặc đơn vị có mã “%(code)s”.") % {"code": code}
            )
        if not managed.filter(pk=unit.pk).exists():
            raise forms.ValidationError(_("Đơn vị này không thuộc phạm vi bạn quản lý."))
        self.instance.person, self.instance.organization = None, unit
        return code

    def clean(self) -> dict[str, Any]:
        """A person's award belongs to the unit that held the person in the year of the achievement."""
        super().clean()
        cleaned = self.cleaned_data
        person, year = self.instance.person, cleaned.get("year")
        if (
            person is not None
            and year
            and not person_years_editable(self.user, [(person.pk, year)], Role.OFFICER)
        ):
            self.add_error(
                "year",
                _("Năm %(year)s cán bộ này không công tác tại đơn vị bạn quản lý; bản ghi thuộc đơn vị khác.")
                % {"year": year},
            )
        return cleaned
