"""Forms of the disclosure pages: the office's notice, its publication, the handling of feedback, the calendar's
days; and the public's feedback form."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.core.forms import DATE_WIDGET, Styled, with_empty_choice
from thidua.nominations.models import Nomination
from thidua.organizations.forms import label_organizations
from thidua.organizations.models import Organization

from .models import CONTACT_MAX_CHARS, FEEDBACK_MAX_CHARS, FeedbackOutcome, NoticeChannel
from .selectors import subject_name
from .services import MAX_WORKING_DAYS

DATE_FORMATS = ["%d/%m/%Y"]


class AgencyYearForm(Styled, forms.Form):
    """The first step of a new notice: whose lines, which achievement year."""

    agency: forms.ModelChoiceField = forms.ModelChoiceField(
        queryset=Organization.objects.none(), label=_("Cơ quan công khai")
    )
    year = forms.IntegerField(label=_("Năm thành tích"), min_value=2000, max_value=2100)

    def __init__(self, *args: Any, agencies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies  # type: ignore[attr-defined]
        label_organizations(self)
        self.style()


class LineChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Nomination) -> str:
        return f"{subject_name(obj)} – {obj.get_code_display()}"


class NoticeForm(Styled, forms.Form):
    title = forms.CharField(label=_("Tiêu đề"), max_length=255)
    note = forms.CharField(
        label=_("Nội dung thông báo"),
        required=False,
        max_length=FEEDBACK_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Hiển thị trên trang công khai, phía trên danh sách."),
    )
    channel = forms.ChoiceField(label=_("Hình thức công khai"), choices=NoticeChannel.choices)
    url = forms.URLField(label=_("Địa chỉ đăng tải"), required=False, assume_scheme="https")
    working_days = forms.IntegerField(
        label=_("Số ngày làm việc nhận góp ý"), min_value=1, max_value=MAX_WORKING_DAYS
    )
    nominations = LineChoiceField(
        queryset=Nomination.objects.none(),
        label=_("Đề nghị được công khai"),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, lines: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["nominations"].queryset = lines  # type: ignore[attr-defined]
        self.style()
        self.fields["nominations"].widget.attrs["class"] = "form-check-input"


class PublishForm(Styled, forms.Form):
    posted_at = forms.DateField(label=_("Ngày đăng"), input_formats=DATE_FORMATS, widget=DATE_WIDGET)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.style()


class HandleForm(Styled, forms.Form):
    outcome = forms.ChoiceField(label=_("Kết quả xử lý"), choices=with_empty_choice(FeedbackOutcome.choices))
    response = forms.CharField(
        label=_("Nội dung xử lý, trả lời"),
        max_length=FEEDBACK_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.style()


class CalendarDayForm(Styled, forms.Form):
    date = forms.DateField(label=_("Ngày"), input_formats=DATE_FORMATS, widget=DATE_WIDGET)
    working = forms.TypedChoiceField(
        label=_("Loại ngày"),
        choices=[("1", _("Ngày làm việc bù")), ("0", _("Ngày nghỉ"))],
        coerce=lambda value: value == "1",
    )
    note = forms.CharField(label=_("Ghi chú, căn cứ"), max_length=255)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.style()


class FeedbackForm(Styled, forms.Form):
    """The public's form: the text is required; who sends it and how to reach them are optional."""

    nomination = forms.TypedChoiceField(label=_("Góp ý về"), required=False, coerce=int, empty_value=None)
    text = forms.CharField(
        label=_("Nội dung góp ý"), max_length=FEEDBACK_MAX_CHARS, widget=forms.Textarea(attrs={"rows": 5})
    )
    name = forms.CharField(label=_("Họ tên (không bắt buộc)"), max_length=CONTACT_MAX_CHARS, required=False)
    contact = forms.CharField(
        label=_("Điện thoại hoặc thư điện tử (không bắt buộc)"), max_length=CONTACT_MAX_CHARS, required=False
    )

    def __init__(self, *args: Any, lines: Iterable[dict[str, Any]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices: list[tuple[str, Any]] = [("", _("Cả danh sách"))]
        choices += [(str(line["pk"]), f"{line['name']} – {line['form']}") for line in lines]
        self.fields["nomination"].choices = choices  # type: ignore[attr-defined]
        self.style()
