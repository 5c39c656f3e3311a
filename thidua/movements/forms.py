"""Forms that mirror the launch letter: the movement, then formsets for its objectives, solutions,
responsibilities and recipients. They only parse; the services write."""

from __future__ import annotations

from datetime import date

from django import forms
from django.core.validators import ProhibitNullCharactersValidator
from django.db.models import Q
from django.forms import formset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.accounts.models import User
from thidua.accounts.scope import managed_organizations, visible_people
from thidua.core.codes import AwardCode
from thidua.core.forms import form_field, with_empty_choice
from thidua.core.uploads import AttachmentField
from thidua.documents.validators import DocumentTextValidator
from thidua.organizations.forms import label_organizations
from thidua.organizations.models import Organization, Person

from .models import (
    AwardingMode,
    Channel,
    ExemplaryKind,
    Movement,
    MovementLevel,
    ReportPeriod,
    ResponsibleParty,
    ReviewKind,
    Solution,
)
from .workflow import MOVEMENT_MANAGERS

DATE_INPUT = forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"})
DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


def _launcher_units(form: forms.BaseForm, movement: Movement, *, alive_on: date | None = None) -> None:
    """Offer the units of the launching agency and of its successors after a restructuring (none when the
    movement has no launching agency); with ``alive_on``, only those existing that day."""
    from .selectors import movement_units_q

    units = Organization.objects.filter(movement_units_q(movement))
    if alive_on is not None:
        units = units.filter(valid_from__lte=alive_on).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=alive_on)
        )
    form_field(form, "organization", forms.ModelChoiceField).queryset = units.order_by("path")


def refuse_control_characters(form: forms.BaseForm) -> None:
    """Every text field of a form whose text goes into a document refuses control characters, naming the
    field (a DOCX cannot hold them; a launched movement can no longer be corrected)."""
    for field in form.fields.values():
        if isinstance(field, forms.CharField):
            # It covers NUL too, with one message naming the field instead of Django's second one.
            field.validators = [
                v for v in field.validators if not isinstance(v, ProhibitNullCharactersValidator)
            ]
            field.validators.append(DocumentTextValidator(label=field.label))


class DocumentTextForm(forms.Form):
    """A plain form whose text fields are printed into documents."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        refuse_control_characters(self)


class MovementForm(forms.ModelForm):
    class Meta:
        model = Movement
        fields = [
            "code", "title", "level", "kind", "parent", "theme", "period_start", "period_end",
            "launching_organization", "document_type", "abstract", "addressees", "drafting_unit_symbol",
            "introduction", "closing", "signer", "signer_position", "signer_authority", "signer_own_position",
            "dossier_open_on", "dossier_close_on", "organising_method", "awarding_mode",
        ]  # fmt: skip
        widgets = {
            "dossier_open_on": DATE_INPUT,
            "dossier_close_on": DATE_INPUT,
            "theme": forms.Textarea(attrs={"rows": 3}),
            "addressees": forms.Textarea(attrs={"rows": 2}),
            "introduction": forms.Textarea(attrs={"rows": 6}),
            "closing": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        launching = form_field(self, "launching_organization", forms.ModelChoiceField)
        launching.queryset = managed_organizations(user, *MOVEMENT_MANAGERS)
        launching.required = True
        form_field(self, "signer", forms.ModelChoiceField).queryset = visible_people(user)
        form_field(self, "parent", forms.ModelChoiceField).queryset = Movement.objects.exclude(
            status="draft"
        ).order_by("-period_start", "code")
        form_field(self, "level", forms.ChoiceField).choices = [
            c for c in MovementLevel.choices if c[0] != MovementLevel.NATIONAL
        ]
        for name in ("dossier_open_on", "dossier_close_on"):
            form_field(self, name, forms.DateField).input_formats = DATE_FORMATS
        # Left out (an older form, a script), the awarding mode keeps its default: staged awarding.
        form_field(self, "awarding_mode", forms.ChoiceField).required = False
        refuse_control_characters(self)
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)
        label_organizations(self)

    def clean_awarding_mode(self) -> str:
        return self.cleaned_data.get("awarding_mode") or (
            self.instance.awarding_mode if self.instance.pk else AwardingMode.STAGED
        )


class AwardPlanForm(DocumentTextForm):
    """A line of the movement's planned awards."""

    code = forms.ChoiceField(label=_("Danh hiệu, hình thức khen thưởng"), choices=())
    stage = forms.ChoiceField(label=_("Khen thưởng khi"), choices=())
    planned_count = forms.IntegerField(label=_("Số lượng dự kiến"), min_value=1)
    criteria = forms.CharField(
        label=_("Tiêu chuẩn"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, movement: Movement, **kwargs):
        super().__init__(*args, **kwargs)
        form_field(self, "code", forms.ChoiceField).choices = with_empty_choice(AwardCode.choices)
        stages = ReviewKind.choices
        if movement.awarding_mode == AwardingMode.FINAL_ONLY:
            stages = [c for c in stages if c[0] == ReviewKind.FINAL]
        form_field(self, "stage", forms.ChoiceField).choices = stages
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)


class ObjectiveForm(DocumentTextForm):
    text = forms.CharField(
        label=_("Mục tiêu"), widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"})
    )


class SolutionForm(DocumentTextForm):
    number = forms.CharField(
        label=_("Số"), max_length=16, widget=forms.TextInput(attrs={"class": "form-control"})
    )
    text = forms.CharField(
        label=_("Giải pháp"), widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"})
    )


class ResponsibilityForm(DocumentTextForm):
    party = forms.ChoiceField(
        label=_("Chủ thể"),
        choices=with_empty_choice(ResponsibleParty.choices),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    text = forms.CharField(
        label=_("Nhiệm vụ"), widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"})
    )


class RecipientForm(DocumentTextForm):
    label = forms.CharField(
        label=_("Nơi nhận"), max_length=255, widget=forms.TextInput(attrs={"class": "form-control"})
    )
    channel = forms.ChoiceField(
        label=_("Hình thức gửi"),
        choices=with_empty_choice(Channel.choices),
        widget=forms.Select(attrs={"class": "form-select"}),
    )


ObjectiveFormSet = formset_factory(ObjectiveForm, extra=1, can_delete=True)
SolutionFormSet = formset_factory(SolutionForm, extra=1, can_delete=True)
ResponsibilityFormSet = formset_factory(ResponsibilityForm, extra=1, can_delete=True)
RecipientFormSet = formset_factory(RecipientForm, extra=1, can_delete=True)


def kept(formset) -> list[dict]:
    """The filled, not deleted rows of a valid formset."""
    return [f.cleaned_data for f in formset.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]


class TargetForm(DocumentTextForm):
    organization = forms.ModelChoiceField(label=_("Đơn vị"), queryset=Organization.objects.none())
    year = forms.IntegerField(label=_("Năm"))
    indicator = forms.CharField(label=_("Chỉ tiêu"), max_length=500)
    unit_of_measure = forms.CharField(label=_("Đơn vị tính"), max_length=64)
    target_value = forms.DecimalField(
        label=_("Giá trị chỉ tiêu"), max_digits=14, decimal_places=2, min_value=0
    )
    solution = forms.ModelChoiceField(label=_("Giải pháp"), queryset=Solution.objects.none(), required=False)

    def __init__(self, *args, movement: Movement, **kwargs):
        super().__init__(*args, **kwargs)
        _launcher_units(self, movement)
        form_field(self, "solution", forms.ModelChoiceField).queryset = movement.solutions.all()
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)
        label_organizations(self)


class ReportRoundForm(forms.Form):
    year = forms.IntegerField(label=_("Năm"), widget=forms.NumberInput(attrs={"class": "form-control"}))
    period = forms.ChoiceField(
        label=_("Kỳ báo cáo"),
        choices=ReportPeriod.choices,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    due_on = forms.DateField(
        label=_("Hạn gửi"),
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"class": "form-control", "placeholder": "dd/mm/yyyy"}),
    )

    def clean_due_on(self) -> date:
        due_on = self.cleaned_data["due_on"]
        if due_on < timezone.localdate():
            raise forms.ValidationError(_("Ngày này đã qua, hãy chọn từ hôm nay trở đi."))
        return due_on


class CloseForm(DocumentTextForm):
    """Closing a movement: a reason is required while reports are still unsent (the `close` edge's guard)."""

    reason = forms.CharField(
        label=_("Lý do kết thúc khi còn báo cáo chưa gửi"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
    )


class ReviewScheduleForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Loại"), choices=ReviewKind.choices, widget=forms.Select(attrs={"class": "form-select"})
    )
    scheduled_on = forms.DateField(
        label=_("Ngày dự kiến"),
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"class": "form-control", "placeholder": "dd/mm/yyyy"}),
    )


class ReturnForm(DocumentTextForm):
    reason = forms.CharField(
        label=_("Lý do trả lại"), widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"})
    )


class AttachmentForm(forms.Form):
    file = AttachmentField()


class ExemplaryModelForm(DocumentTextForm):
    kind = forms.ChoiceField(label=_("Loại"), choices=ExemplaryKind.choices)
    title = forms.CharField(label=_("Tên"), max_length=500)
    organization = forms.ModelChoiceField(label=_("Đơn vị"), queryset=Organization.objects.none())
    person = forms.ModelChoiceField(label=_("Cá nhân"), queryset=Person.objects.none(), required=False)
    story = forms.CharField(label=_("Câu chuyện, thành tích"), widget=forms.Textarea(attrs={"rows": 4}))
    evidence = forms.CharField(
        label=_("Minh chứng"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    recognized_on = forms.DateField(label=_("Ngày ghi nhận"), input_formats=DATE_FORMATS, widget=DATE_INPUT)

    def __init__(self, *args, movement: Movement, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        _launcher_units(self, movement)
        form_field(self, "person", forms.ModelChoiceField).queryset = visible_people(user)
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)
        label_organizations(self)


class ReplicationForm(DocumentTextForm):
    organization = forms.ModelChoiceField(
        label=_("Đơn vị nhân rộng"),
        queryset=Organization.objects.none(),
        widget=forms.Select(attrs={"class": "form-select"}),
        error_messages={
            "invalid_choice": _(
                "Đơn vị được chọn không thuộc cơ quan phát động phong trào (hoặc đơn vị kế thừa)."
            ),
            "required": _("Chọn đơn vị nhân rộng."),
        },
    )
    replicated_on = forms.DateField(
        label=_("Ngày"),
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"class": "form-control", "placeholder": "dd/mm/yyyy"}),
    )
    note = forms.CharField(
        label=_("Kết quả"), required=False, widget=forms.TextInput(attrs={"class": "form-control"})
    )

    def __init__(self, *args, movement: Movement, **kwargs):
        super().__init__(*args, **kwargs)
        _launcher_units(self, movement)
        label_organizations(self)

    def error_lines(self) -> list[str]:
        """Each error with the label of its field ("Đơn vị nhân rộng: …"), for a message on the list page."""
        lines: list[str] = []
        for name, errors in self.errors.items():
            label = self.fields[name].label if name in self.fields else ""
            lines.extend(f"{label}: {error}" if label else str(error) for error in errors)
        return lines
