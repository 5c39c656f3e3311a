"""Forms of the nomination pages. They only parse and offer the user's choices; the services check again."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.core.codes import YEAR_VALIDATORS, AwardTrack
from thidua.core.forms import DATE_WIDGET, Styled, form_field, with_empty_choice
from thidua.movements.models import Movement, MovementStatus
from thidua.movements.selectors import movement_list_visible_to
from thidua.organizations.forms import label_organizations
from thidua.organizations.models import Organization, Person
from thidua.rules.engine import codes as catalogue

from . import selectors, services
from .models import ProposalBatch

DATE_FORMATS = ["%d/%m/%Y"]


def code_choices(kind: str | None = None) -> list:
    """Titles and forms by the kind of subject they go to (grouped when both kinds are offered)."""
    individual = [
        (c, e.name_vi) for c, e in catalogue.CATALOGUE.items() if catalogue.INDIVIDUAL in e.subject_kinds
    ]
    collective = [
        (c, e.name_vi) for c, e in catalogue.CATALOGUE.items() if catalogue.COLLECTIVE in e.subject_kinds
    ]
    if kind == catalogue.INDIVIDUAL:
        return with_empty_choice(individual)
    if kind == catalogue.COLLECTIVE:
        return with_empty_choice(collective)
    return with_empty_choice([(_("Cá nhân"), individual), (_("Tập thể"), collective)])


def _movements_for(user: Any, year: int) -> Any:
    return (
        movement_list_visible_to(user=user)
        .exclude(status=MovementStatus.DRAFT)
        .filter(period_start__lte=year, period_end__gte=year)
    )


class MovementChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Movement) -> str:  # type: ignore[override]
        return f"{obj.title} ({obj.period_start}–{obj.period_end})"


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Person) -> str:  # type: ignore[override]
        return f"{obj.full_name} ({obj.staff_code})" if obj.staff_code else obj.full_name


class BatchForm(Styled, forms.Form):
    unit = forms.ModelChoiceField(label=_("Đơn vị đề nghị"), queryset=Organization.objects.none())
    year = forms.IntegerField(label=_("Năm thành tích"), validators=YEAR_VALIDATORS)
    title = forms.CharField(label=_("Trích yếu"), max_length=255, required=False)
    number = forms.CharField(label=_("Số tờ trình"), max_length=64, required=False)
    dated = forms.DateField(
        label=_("Ngày tờ trình"), required=False, widget=DATE_WIDGET, input_formats=DATE_FORMATS
    )
    movement = MovementChoiceField(
        label=_("Phong trào thi đua (nếu đề nghị theo chuyên đề)"),
        queryset=Movement.objects.none(),
        required=False,
    )
    advisory = forms.ModelChoiceField(
        label=_("Gửi qua đơn vị tổng hợp"),
        queryset=Organization.objects.none(),
        required=False,
        help_text=_("Để trống để gửi thẳng cơ quan thường trực thi đua – khen thưởng."),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("year", timezone.localdate().year - 1)
        kwargs["initial"].setdefault("dated", timezone.localdate())
        super().__init__(*args, **kwargs)
        self.user = user
        units = selectors.units_for_batches(user=user)
        form_field(self, "unit", forms.ModelChoiceField).queryset = units
        advisory_ids: set[int] = set()
        for unit in units[:50]:
            advisory_ids |= {o.pk for o in services.advisory_offices_for(unit)}
        form_field(self, "advisory", forms.ModelChoiceField).queryset = Organization.objects.filter(
            pk__in=advisory_ids
        ).order_by("path")
        year = self._year()
        form_field(self, "movement", forms.ModelChoiceField).queryset = _movements_for(user, year)
        label_organizations(self)
        self.style()

    def _year(self) -> int:
        raw = self.data.get("year") if self.is_bound else self.initial.get("year")
        try:
            return int(raw)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return timezone.localdate().year - 1


class BatchEditForm(Styled, forms.Form):
    title = forms.CharField(label=_("Trích yếu"), max_length=255)
    number = forms.CharField(label=_("Số tờ trình"), max_length=64, required=False)
    dated = forms.DateField(
        label=_("Ngày tờ trình"), required=False, widget=DATE_WIDGET, input_formats=DATE_FORMATS
    )
    movement = MovementChoiceField(
        label=_("Phong trào thi đua"), queryset=Movement.objects.none(), required=False
    )

    def __init__(self, *args: Any, user: Any, batch: ProposalBatch, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial",
            {
                "title": batch.title,
                "number": batch.number,
                "dated": batch.dated,
                "movement": batch.movement_id,
            },
        )
        super().__init__(*args, **kwargs)
        form_field(self, "movement", forms.ModelChoiceField).queryset = _movements_for(user, batch.year)
        self.style()


PERSON, COLLECTIVE = catalogue.INDIVIDUAL, catalogue.COLLECTIVE


class LineForm(Styled, forms.Form):
    """A line: a person or a collective of the batch's unit, a title or form, a track."""

    subject_kind = forms.ChoiceField(
        label=_("Đối tượng"),
        choices=[(PERSON, _("Cá nhân")), (COLLECTIVE, _("Tập thể"))],
        initial=PERSON,
        widget=forms.RadioSelect,
    )
    person = PersonChoiceField(label=_("Cá nhân"), queryset=Person.objects.none(), required=False)
    organization = forms.ModelChoiceField(
        label=_("Tập thể"), queryset=Organization.objects.none(), required=False
    )
    code = forms.ChoiceField(label=_("Danh hiệu, hình thức"), choices=())
    track = forms.ChoiceField(
        label=_("Loại khen thưởng"), choices=AwardTrack.choices, initial=AwardTrack.CONG_TRANG
    )
    movement = MovementChoiceField(
        label=_("Phong trào thi đua (bắt buộc khi khen thưởng theo chuyên đề)"),
        queryset=Movement.objects.none(),
        required=False,
    )
    period_from = forms.IntegerField(
        label=_("Giai đoạn thành tích từ năm"), required=False, validators=YEAR_VALIDATORS
    )
    period_to = forms.IntegerField(
        label=_("Giai đoạn thành tích đến năm"), required=False, validators=YEAR_VALIDATORS
    )
    achievement = forms.CharField(
        label=_("Tóm tắt thành tích"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Bắt buộc khi khen thưởng đột xuất (thủ tục đơn giản)."),
    )

    def __init__(self, *args: Any, user: Any, batch: ProposalBatch, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.batch = batch
        person_field = form_field(self, "person", forms.ModelChoiceField)
        person_field.queryset = selectors.people_of_unit(unit=batch.unit, year=batch.year)
        form_field(self, "organization", forms.ModelChoiceField).queryset = selectors.collectives_of_unit(
            unit=batch.unit
        )
        form_field(self, "code", forms.ChoiceField).choices = code_choices()
        form_field(self, "movement", forms.ModelChoiceField).queryset = _movements_for(user, batch.year)
        if batch.movement_id:
            self.fields["movement"].initial = batch.movement_id
        label_organizations(self)
        self.style()
        self.fields["subject_kind"].widget.attrs["class"] = "form-check-input"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = data.get("subject_kind")
        if kind == PERSON:
            data["organization"] = None
            if not data.get("person"):
                self.add_error("person", _("Chọn cá nhân được đề nghị."))
        elif kind == COLLECTIVE:
            data["person"] = None
            if not data.get("organization"):
                self.add_error("organization", _("Chọn tập thể được đề nghị."))
        code = data.get("code")
        if code and kind and kind not in catalogue.CATALOGUE[code].subject_kinds:
            self.add_error(
                "code",
                _("%(code)s không xét tặng cho cá nhân.") % {"code": catalogue.name_of(code)}
                if kind == PERSON
                else _("%(code)s không xét tặng cho tập thể.") % {"code": catalogue.name_of(code)},
            )
        return data


class LineEditForm(Styled, forms.Form):
    movement = MovementChoiceField(
        label=_("Phong trào thi đua"), queryset=Movement.objects.none(), required=False
    )
    period_from = forms.IntegerField(
        label=_("Giai đoạn thành tích từ năm"), required=False, validators=YEAR_VALIDATORS
    )
    period_to = forms.IntegerField(
        label=_("Giai đoạn thành tích đến năm"), required=False, validators=YEAR_VALIDATORS
    )
    achievement = forms.CharField(
        label=_("Tóm tắt thành tích"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )

    def __init__(self, *args: Any, user: Any, nomination: Any, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial",
            {
                "movement": nomination.movement_id,
                "period_from": nomination.period_from,
                "period_to": nomination.period_to,
                "achievement": nomination.achievement,
            },
        )
        super().__init__(*args, **kwargs)
        form_field(self, "movement", forms.ModelChoiceField).queryset = _movements_for(user, nomination.year)
        self.style()


class ReasonForm(Styled, forms.Form):
    reason = forms.CharField(
        label=_("Lý do trả lại"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.style()
