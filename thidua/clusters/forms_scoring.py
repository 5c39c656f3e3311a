"""Forms of the scoring pages: the round (its table and due dates), a card's scores, evidence, the vote for the
leader (creating it, casting, closing with the tally code, tallying, recording a show of hands) and the proposal.

A card's points are typed as text ("12,5" or "12.5"): the services check each against the criterion's maximum and
the table's precision, and name the criterion in their refusal."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.core.forms import DATE_WIDGET, Styled, form_field
from thidua.core.uploads import AttachmentField
from thidua.organizations.models import Organization

from .forms_setup import CriterionChoice, OrganizationChoice, TableChoice
from .models import Criterion, Period, ScoringTable, VoteMethod

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
CHOICE_LABELS = (
    ("agree", _("Đồng ý suy tôn")),
    ("disagree", _("Không đồng ý")),
    ("abstain", _("Không biểu quyết")),
)


def _date(label: Any, *, required: bool = True) -> forms.DateField:
    return forms.DateField(label=label, input_formats=DATE_FORMATS, widget=DATE_WIDGET, required=required)


class RoundForm(Styled, forms.Form):
    """A new round: the year, the period, the adopted table of that year, and the due dates."""

    year = forms.TypedChoiceField(label=_("Năm"), coerce=int)
    period = forms.ChoiceField(label=_("Kỳ"), choices=Period.choices)
    table = TableChoice(label=_("Bảng tiêu chí đã thông qua"), queryset=ScoringTable.objects.none())
    self_due = _date(_("Hạn tự chấm"))
    peer_due = _date(_("Hạn chấm chéo"))
    verify_due = _date(_("Hạn thẩm định"), required=False)

    def __init__(self, *args: Any, years: list[int], tables: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        form_field(self, "year", forms.TypedChoiceField).choices = [(y, str(y)) for y in years]
        table_field = form_field(self, "table", forms.ModelChoiceField)
        table_field.queryset = tables
        self.style()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        table, year = data.get("table"), data.get("year")
        if table is not None and year is not None and table.year != year:
            self.add_error("table", _("Bảng tiêu chí phải của năm %(year)s.") % {"year": year})
        return data


class RoundUpdateForm(Styled, forms.Form):
    """A round's due dates (and its table while it is not open)."""

    table = TableChoice(label=_("Bảng tiêu chí đã thông qua"), queryset=ScoringTable.objects.none())
    self_due = _date(_("Hạn tự chấm"))
    peer_due = _date(_("Hạn chấm chéo"))
    verify_due = _date(_("Hạn thẩm định"), required=False)

    def __init__(self, *args: Any, tables: Any, table_editable: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if table_editable:
            table_field = form_field(self, "table", forms.ModelChoiceField)
            table_field.queryset = tables
        else:
            del self.fields["table"]
        self.style()


class ReturnForm(Styled, forms.Form):
    reason = forms.CharField(
        label=_("Lý do trả lại"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.style()


class EvidenceForm(Styled, forms.Form):
    criterion = CriterionChoice(
        label=_("Tiêu chí"),
        queryset=Criterion.objects.none(),
        required=False,
        empty_label=_("Cả phiếu (không riêng tiêu chí nào)"),
    )
    title = forms.CharField(label=_("Tên minh chứng"), max_length=255, required=False)
    file = AttachmentField(label=_("Tệp minh chứng"))

    def __init__(self, *args: Any, criteria: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = form_field(self, "criterion", forms.ModelChoiceField)
        field.queryset = criteria
        self.style()


class VoteCreateForm(Styled, forms.Form):
    candidate = OrganizationChoice(
        label=_("Đơn vị được đề nghị suy tôn"), queryset=Organization.objects.none()
    )
    method = forms.ChoiceField(label=_("Hình thức"), choices=VoteMethod.choices[1:])
    held_on = _date(_("Ngày họp"))
    place = forms.CharField(label=_("Địa điểm"), max_length=255, required=False)

    def __init__(self, *args: Any, candidates: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        form_field(self, "candidate", forms.ModelChoiceField).queryset = candidates
        self.style()


class VoteCastForm(Styled, forms.Form):
    member = OrganizationChoice(label=_("Bỏ phiếu cho cơ quan"), queryset=Organization.objects.none())
    choice = forms.ChoiceField(
        label=_("Lựa chọn"),
        choices=CHOICE_LABELS,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
    )

    def __init__(self, *args: Any, members: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = form_field(self, "member", forms.ModelChoiceField)
        field.queryset = members
        self.style()


class VoteCloseForm(Styled, forms.Form):
    tally_code = forms.CharField(
        label=_("Mã kiểm phiếu"),
        max_length=64,
        help_text=_("Mã được hiển thị một lần khi mở bỏ phiếu."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.style()


class VoteTallyForm(Styled, forms.Form):
    minutes = forms.CharField(
        label=_("Diễn biến cuộc họp"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.style()


class VoteRecordForm(Styled, forms.Form):
    agree = forms.IntegerField(label=_("Đồng ý"), min_value=0)
    disagree = forms.IntegerField(label=_("Không đồng ý"), min_value=0)
    abstain = forms.IntegerField(label=_("Không biểu quyết"), min_value=0, initial=0)
    minutes = forms.CharField(
        label=_("Diễn biến cuộc họp"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.style()


class OrganizationsChoice(forms.ModelMultipleChoiceField):
    """Agencies by their full names."""

    def label_from_instance(self, obj: Organization) -> str:
        return obj.name


class ProposalForm(Styled, forms.Form):
    runners_up = OrganizationsChoice(
        label=_("Đơn vị đề nghị Bằng khen (xếp sau đơn vị dẫn đầu)"),
        queryset=Organization.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )
    exceptional = forms.BooleanField(
        label=_("Đơn vị dẫn đầu tiêu biểu: đề nghị thêm Cờ thi đua của Chính phủ"), required=False
    )
    achievement = forms.CharField(
        label=_("Thành tích của đơn vị dẫn đầu"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Để trống: “Được … suy tôn dẫn đầu năm …”."),
    )

    def __init__(self, *args: Any, runners: Any, limit: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = form_field(self, "runners_up", forms.ModelMultipleChoiceField)
        field.queryset = runners
        self.limit = limit
        self.style()

    def clean_runners_up(self) -> Any:
        chosen = self.cleaned_data["runners_up"]
        if len(chosen) > self.limit:
            raise forms.ValidationError(_("Chọn tối đa %(n)s đơn vị đề nghị Bằng khen.") % {"n": self.limit})
        return chosen
