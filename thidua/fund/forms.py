"""Forms of the fund's pages. They only parse (money typed as on paper, "2.340.000"; dates dd/mm/yyyy); the
services check the office's role, the year and the payment again."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.core.forms import DATE_WIDGET, EMPTY_CHOICE, Styled, with_empty_choice
from thidua.documents.formatting import vn_number

from .models import Category, CeilingBase, Direction, Source

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
MONEY_MAX = 10**15  # a quadrillion đồng: far above any agency's fund, below the database's limit
_GROUPED = re.compile(r"[0-9]{1,3}(\.[0-9]{3})+|[0-9]+")


class MoneyField(forms.Field):
    """A whole amount in đồng, typed with or without the dots between thousands ("2.340.000", "2340000"), a
    trailing "đ"/"đồng" and spaces allowed; anything else (decimals, negative, letters) is refused by name."""

    widget = forms.TextInput

    def __init__(self, *, positive: bool = True, **kwargs: Any) -> None:
        self.positive = positive
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "numeric", "maxlength": "32"})

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, int):
            return vn_number(value)
        return value

    def to_python(self, value: Any) -> int | None:
        if value is None or str(value).strip() == "":
            return None
        text = re.sub(r"\s*(đồng|đ|vnđ|vnd)$", "", str(value).strip()[:64], flags=re.IGNORECASE)
        text = re.sub(r"\s", "", text)
        if not _GROUPED.fullmatch(text):
            raise forms.ValidationError(
                _("%(label)s phải là số tiền nguyên (đồng), ví dụ 2.340.000.") % {"label": self.label},
                code="money",
            )
        amount = int(text.replace(".", ""))
        if self.positive and amount <= 0:
            raise forms.ValidationError(_("%(label)s phải lớn hơn 0.") % {"label": self.label}, code="money")
        if amount > MONEY_MAX:
            raise forms.ValidationError(_("%(label)s quá lớn.") % {"label": self.label}, code="money")
        return amount


class FundYearForm(Styled, forms.Form):
    opening_balance = MoneyField(label=_("Số dư đầu năm (đồng)"), positive=False, required=False)
    ceiling_base_kind = forms.ChoiceField(label=_("Căn cứ mức trích"), choices=CeilingBase.choices)
    ceiling_base = MoneyField(
        label=_("Số tiền làm căn cứ trích (đồng)"),
        required=False,
        help_text=_("Tổng quỹ tiền lương hoặc chi ngân sách thường xuyên cả năm được duyệt."),
    )
    ceiling_percent = forms.CharField(
        label=_("Tỷ lệ trích tối đa (%)"), max_length=8, required=False, help_text=_("Ví dụ 20 hoặc 1,5.")
    )
    ceiling_verified = forms.BooleanField(label=_("Đã đối chiếu tỷ lệ với văn bản hiện hành"), required=False)
    ceiling_note = forms.CharField(
        label=_("Ghi chú về mức trích"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.style()

    def clean_ceiling_percent(self) -> Decimal | None:
        """A percent written with a decimal comma ("1,5") or point; between 0 and 100."""
        text = (self.cleaned_data.get("ceiling_percent") or "").strip().rstrip("%").strip()
        if not text:
            return None
        try:
            value = Decimal(text.replace(",", "."))
        except InvalidOperation:
            value = Decimal(-1)
        if (
            not value.is_finite()
            or not Decimal(0) <= value <= Decimal(100)
            or value != value.quantize(Decimal("0.01"))
        ):
            raise forms.ValidationError(
                _(
                    "Tỷ lệ trích tối đa là một số từ 0 đến 100, tối đa hai chữ số thập phân, ví dụ 20 hoặc 1,5."
                )
            )
        return value


class IncomeForm(Styled, forms.Form):
    source = forms.ChoiceField(label=_("Nguồn thu"), choices=with_empty_choice(Source.choices))
    amount = MoneyField(label=_("Số tiền (đồng)"))
    entry_date = forms.DateField(label=_("Ngày"), input_formats=DATE_FORMATS, widget=DATE_WIDGET)
    description = forms.CharField(label=_("Diễn giải"), max_length=500)
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.style()


OTHER_CATEGORIES = [(code, label) for code, label in Category.choices if code != Category.AWARD]


class SpendingForm(Styled, forms.Form):
    category = forms.ChoiceField(label=_("Nội dung chi"), choices=with_empty_choice(OTHER_CATEGORIES))
    amount = MoneyField(label=_("Số tiền (đồng)"))
    entry_date = forms.DateField(label=_("Ngày"), input_formats=DATE_FORMATS, widget=DATE_WIDGET)
    description = forms.CharField(label=_("Diễn giải"), max_length=500)
    paid_on = forms.DateField(
        label=_("Ngày chi"),
        input_formats=DATE_FORMATS,
        widget=DATE_WIDGET,
        required=False,
        help_text=_("Để trống ngày chi và số chứng từ khi khoản chi mới được duyệt, chưa chi."),
    )
    voucher = forms.CharField(label=_("Số chứng từ"), max_length=64, required=False)
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.style()


class PayForm(Styled, forms.Form):
    paid_on = forms.DateField(label=_("Ngày chi"), input_formats=DATE_FORMATS, widget=DATE_WIDGET)
    voucher = forms.CharField(label=_("Số chứng từ"), max_length=64)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.style()


class CancelForm(Styled, forms.Form):
    reason = forms.CharField(label=_("Lý do hủy"), max_length=500)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.style()


class FundingForm(forms.Form):
    pays = forms.BooleanField(label=_("Chi tiền thưởng từ quỹ của cơ quan"), required=False)
    note = forms.CharField(label=_("Ghi chú"), max_length=500, required=False)


class FilterForm(Styled, forms.Form):
    """The filters of the year's lines (GET)."""

    huong = forms.ChoiceField(
        label=_("Thu, chi"),
        required=False,
        choices=with_empty_choice(Direction.choices),
    )
    nguon = forms.ChoiceField(label=_("Nguồn thu"), required=False, choices=with_empty_choice(Source.choices))
    noi_dung = forms.ChoiceField(
        label=_("Nội dung chi"), required=False, choices=with_empty_choice(Category.choices)
    )
    trang_thai = forms.ChoiceField(
        label=_("Trạng thái"),
        required=False,
        choices=[
            EMPTY_CHOICE,
            ("planned", _("Chưa chi")),
            ("paid", _("Đã chi, đã thu")),
            ("cancelled", _("Đã hủy")),
        ],
    )
    tim = forms.CharField(label=_("Tìm"), required=False, max_length=100)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.style()
