"""Forms of the yearly facts. A person is chosen by staff code (Mã cán bộ), among those the user may edit."""

from datetime import date
from typing import Any

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from thidua.accounts.models import Role, User
from thidua.accounts.scope import managed_organizations, person_years_editable
from thidua.core.codes import AwardCode
from thidua.core.forms import DATE_WIDGET, Styled, form_field
from thidua.organizations.forms import label_organizations
from thidua.organizations.models import OrganizationKind
from thidua.organizations.selectors import judging_unit_for

from .models import Appraisal, CollectiveAppraisal, Discipline, Leave, Registration, RegistrationRound
from .selectors import EDITOR_ROLES, people_editable_by


class PersonFactForm(Styled, forms.ModelForm):
    staff_code = forms.CharField(label=_("Mã cán bộ"), max_length=32)

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        if self.instance.pk:
            self.fields["staff_code"].initial = self.instance.person.staff_code
            self.fields["staff_code"].disabled = True
        if "year" in self.fields:  # years of the facts the rules engine can judge (and a little history)
            self.fields["year"].validators += [MinValueValidator(1990), MaxValueValidator(2100)]
        for name, field in self.fields.items():
            if isinstance(field, forms.DateField):
                field.widget = DATE_WIDGET
                field.input_formats = ["%d/%m/%Y"]
            if name in ("note", "reason", "results"):
                field.widget = forms.Textarea(attrs={"rows": 2})
        self.style()

    def clean_staff_code(self) -> str:
        code = self.cleaned_data["staff_code"].strip()
        if self.instance.pk:
            return self.instance.person.staff_code
        person = people_editable_by(self.user).filter(staff_code__iexact=code).first()
        if person is None:
            raise forms.ValidationError(
                _("Không có cán bộ mã “%(code)s” trong đơn vị bạn quản lý."), params={"code": code}
            )
        self.person = person
        return code

    # The field that dates the record; the record belongs to the unit that held the person in that year.
    period_field = "year"

    def record_year(self, cleaned: dict[str, Any]) -> int | None:
        value = cleaned.get(self.period_field)  # a year, or a date (its year)
        return value.year if isinstance(value, date) else value

    def year_in_scope(self, person: Any, year: int) -> bool:
        return bool(person_years_editable(self.user, [(person.pk, year)], *EDITOR_ROLES))

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        person = self.instance.person if self.instance.pk else getattr(self, "person", None)
        year = self.record_year(cleaned)
        if person is not None and year is not None and not self.year_in_scope(person, year):
            self.add_error(
                self.period_field,
                _("Năm %(year)s cán bộ này không công tác tại đơn vị bạn quản lý; bản ghi thuộc đơn vị khác.")
                % {"year": year},
            )
        return cleaned


class AppraisalForm(PersonFactForm):
    months_worked = forms.IntegerField(
        label=_("Số tháng công tác trong năm"),
        min_value=0,
        max_value=12,
        required=False,
        help_text=_("Để trống: hệ thống tính từ quá trình công tác."),
    )

    class Meta:
        model = Appraisal
        fields = ["year", "rating", "months_worked", "note"]

    def year_in_scope(self, person: Any, year: int) -> bool:
        """A rating belongs to the unit that judges the person in that year (the last unit of the year)."""
        unit_id = judging_unit_for(person=person, year=year)
        if unit_id is None:  # the service answers with its own message
            return True
        return managed_organizations(self.user, *EDITOR_ROLES).filter(pk=unit_id).exists()


class LeaveForm(PersonFactForm):
    class Meta:
        model = Leave
        fields = [
            "year",
            "kind",
            "start_on",
            "end_on",
            "working_days",
            "duration_months",
            "study_result",
            "note",
        ]


class DisciplineForm(PersonFactForm):
    period_field = "decided_on"

    class Meta:
        model = Discipline
        fields = [
            "form",
            "decision_number",
            "decided_on",
            "effective_from",
            "effective_to",
            "pending",
            "reason",
        ]


class CollectiveAppraisalForm(Styled, forms.ModelForm):
    class Meta:
        model = CollectiveAppraisal
        fields = ["organization", "year", "rating", "cluster_rank", "discipline_form", "results"]

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        form_field(self, "organization", forms.ModelChoiceField).queryset = managed_organizations(
            user, *EDITOR_ROLES
        )
        self.fields["results"].widget = forms.Textarea(attrs={"rows": 3})
        self.style()
        label_organizations(self)


class RegistrationRoundForm(Styled, forms.ModelForm):
    class Meta:
        model = RegistrationRound
        fields = ["organization", "year", "deadline", "note"]

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        form_field(self, "organization", forms.ModelChoiceField).queryset = managed_organizations(
            user, Role.OFFICER
        ).filter(kind=OrganizationKind.AGENCY)
        self.fields["deadline"].widget = DATE_WIDGET
        form_field(self, "deadline", forms.DateField).input_formats = ["%d/%m/%Y"]
        self.fields["note"].widget = forms.Textarea(attrs={"rows": 3})
        self.style()
        label_organizations(self)


INDIVIDUAL_CHOICES = [
    ("", _("— không đăng ký —")),
    (AwardCode.LDTT, AwardCode.LDTT.label),
    (AwardCode.CSTDCS, AwardCode.CSTDCS.label),
    (AwardCode.CSTD_TINH, AwardCode.CSTD_TINH.label),
]
COLLECTIVE_CHOICES = [
    (AwardCode.TTLDTT, AwardCode.TTLDTT.label),
    (AwardCode.TTLDXS, AwardCode.TTLDXS.label),
    (AwardCode.CO_TINH, AwardCode.CO_TINH.label),
]


class RegistrationForm(forms.Form):
    """The unit's registration: collective titles, one title per member, commitments."""

    commitments = forms.CharField(
        label=_("Nội dung cam kết"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "class": "form-control"}),
    )
    collective = forms.MultipleChoiceField(
        label=_("Danh hiệu tập thể đăng ký"),
        choices=COLLECTIVE_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, registration: Registration, members: list, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        current = {line.person_id: line.code for line in registration.lines.all() if line.person_id}
        self.initial.setdefault("commitments", registration.commitments)
        self.initial.setdefault(
            "collective", [ln.code for ln in registration.lines.all() if not ln.person_id]
        )
        self.members = members
        for person in members:
            self.fields[f"p{person.pk}"] = forms.ChoiceField(
                label=person.full_name,
                choices=INDIVIDUAL_CHOICES,
                required=False,
                initial=current.get(person.pk, ""),
                widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
            )

    def person_codes(self) -> dict[int, str]:
        return {p.pk: self.cleaned_data.get(f"p{p.pk}") or "" for p in self.members}

    def member_fields(self) -> list:
        return [self[f"p{p.pk}"] for p in self.members]
