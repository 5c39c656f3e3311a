"""Forms of the clusters' setup pages (the cluster, its members and heads, documents, the covenant, the scoring
table). They only parse (dates dd/mm/yyyy, points with a decimal comma); the services check the actor's
position in the bloc, the year and the table's state again."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from thidua.core.codes import YEAR_VALIDATORS
from thidua.core.forms import DATE_WIDGET, Styled, with_empty_choice
from thidua.core.uploads import AttachmentField
from thidua.movements.models import Movement
from thidua.organizations.models import Organization

from .models import ClusterKind, Criterion, CriterionKind, DocumentKind, ScoringTable, VoteMethod

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


def _date(label: Any, *, required: bool = True, **kwargs: Any) -> forms.DateField:
    return forms.DateField(
        label=label, required=required, input_formats=DATE_FORMATS, widget=DATE_WIDGET, **kwargs
    )


def _version() -> forms.IntegerField:
    return forms.IntegerField(widget=forms.HiddenInput, required=False)


class OrganizationChoice(forms.ModelChoiceField):
    """An agency by its full name (the tree's order is the caller's queryset)."""

    def label_from_instance(self, obj: Organization) -> str:
        return obj.name


class MovementChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Movement) -> str:
        return obj.title


class TableChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: ScoringTable) -> str:
        return str(
            _("%(title)s – năm %(year)s, phiên bản %(n)s")
            % {"title": obj.title, "year": obj.year, "n": obj.number}
        )


class CriterionChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Criterion) -> str:
        return f"{obj.code}. {obj.title}"


class _Form(Styled, forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.style()


# ---------------------------------------------------------------- the cluster, members, heads, documents


class ClusterForm(_Form):
    province = OrganizationChoice(label=_("Tỉnh, thành phố"), queryset=Organization.objects.none())
    kind = forms.ChoiceField(label=_("Loại"), choices=ClusterKind.choices, initial=ClusterKind.KHOI)
    code = forms.CharField(label=_("Mã"), max_length=32, help_text=_("Ví dụ: KT-KT (duy nhất trong tỉnh)."))
    name = forms.CharField(label=_("Tên cụm, khối"), max_length=255)
    # A cluster exists by the UBND tỉnh's decision dividing the agencies (legal-rules §7 point 1): its number
    # is what every covenant, review and proposal cites, so it is asked for (the model keeps it optional for
    # clusters recorded before their decision was found).
    decision_number = forms.CharField(
        label=_("Số quyết định phân chia"),
        max_length=64,
        error_messages={"required": _("Nhập số quyết định phân chia cụm, khối của Ủy ban nhân dân tỉnh.")},
        help_text=_("Ví dụ: 1234/QĐ-UBND."),
    )
    decision_date = _date(_("Ngày quyết định"), required=False)
    valid_from = _date(_("Hiệu lực từ ngày"))
    valid_to = _date(_("Hết hiệu lực từ ngày"), required=False)
    vote_method = forms.ChoiceField(
        label=_("Hình thức suy tôn đơn vị dẫn đầu"), choices=VoteMethod.choices, required=False
    )
    description = forms.CharField(
        label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    version = _version()

    def __init__(self, *args: Any, provinces: QuerySet[Organization] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if provinces is None:
            del self.fields["province"]
        else:
            field = self.fields["province"]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = provinces
            if len(provinces) == 1:
                field.initial = provinces[0].pk
                field.widget = forms.HiddenInput()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("valid_from"), data.get("valid_to")
        if start and end and end < start:
            self.add_error("valid_to", _("Ngày hết hiệu lực phải từ ngày có hiệu lực trở đi."))
        return data


class MemberForm(_Form):
    organization = OrganizationChoice(
        label=_("Cơ quan, đơn vị thành viên"), queryset=Organization.objects.none()
    )
    valid_from = _date(_("Tham gia từ ngày"))
    valid_to = _date(_("Đến ngày"), required=False, help_text=_("Để trống khi còn là thành viên."))
    note = forms.CharField(
        label=_("Ghi chú"),
        max_length=255,
        required=False,
        help_text=_("Ví dụ: chuyển từ khối khác sau khi hợp nhất năm 2025."),
    )

    def __init__(self, *args: Any, agencies: QuerySet[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organization"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = agencies

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("valid_from"), data.get("valid_to")
        if start and end and end < start:
            self.add_error("valid_to", _("Ngày rời cụm, khối phải từ ngày tham gia trở đi."))
        return data


class MemberEndForm(_Form):
    valid_to = _date(_("Ngày cuối cùng là thành viên"))
    note = forms.CharField(
        label=_("Ghi chú"),
        max_length=255,
        required=False,
        help_text=_("Ví dụ: hợp nhất vào Sở Tài chính từ 01/03/2025."),
    )


class RotaForm(_Form):
    year = forms.IntegerField(label=_("Năm"), validators=YEAR_VALIDATORS)
    head = OrganizationChoice(label=_("Trưởng cụm, khối"), queryset=Organization.objects.none())
    deputy = OrganizationChoice(
        label=_("Phó trưởng cụm, khối"), queryset=Organization.objects.none(), required=False
    )
    decision = forms.CharField(label=_("Văn bản phân công"), max_length=255, required=False)

    def __init__(self, *args: Any, members: QuerySet[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("head", "deputy"):
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = members

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        head, deputy = data.get("head"), data.get("deputy")
        if head is not None and deputy is not None and head.pk == deputy.pk:
            self.add_error("deputy", _("Phó trưởng phải là đơn vị khác Trưởng cụm, khối."))
        return data


class DocumentForm(_Form):
    kind = forms.ChoiceField(label=_("Loại tài liệu"), choices=with_empty_choice(DocumentKind.choices))
    title = forms.CharField(label=_("Trích yếu"), max_length=255)
    year = forms.IntegerField(
        label=_("Năm"),
        required=False,
        validators=YEAR_VALIDATORS,
        help_text=_("Năm của tài liệu (để trống với quyết định phân chia cụm, khối)."),
    )
    file = AttachmentField(label=_("Tệp tài liệu"))


# ---------------------------------------------------------------- the covenant


class CovenantForm(_Form):
    title = forms.CharField(label=_("Tiêu đề"), max_length=255)
    movement = MovementChoice(
        label=_("Phong trào thi đua của cụm, khối"),
        queryset=Movement.objects.none(),
        required=False,
        help_text=_("Phong trào diễn ra trong năm của giao ước."),
    )
    place = forms.CharField(label=_("Địa điểm ký kết"), max_length=255, required=False)
    preamble = forms.CharField(
        label=_("Căn cứ, mục đích"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    commitments = forms.CharField(
        label=_("Nội dung giao ước"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Mỗi dòng một nội dung."),
    )
    version = _version()

    def __init__(self, *args: Any, movements: QuerySet[Movement], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["movement"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = movements


class TargetForm(_Form):
    text = forms.CharField(label=_("Chỉ tiêu"), max_length=500)
    measure = forms.CharField(label=_("Mức phấn đấu"), max_length=255, required=False)


class SignForm(_Form):
    """The signing date and place, and each member's representative (prefilled from the agency's signer)."""

    signed_on = _date(_("Ngày ký kết"))
    place = forms.CharField(label=_("Địa điểm ký kết"), max_length=255, required=False)
    version = _version()

    def __init__(self, *args: Any, members: list[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.members = members
        for member in members:
            self.fields[f"name_{member.pk}"] = forms.CharField(
                label=_("Người ký"),
                max_length=128,
                required=False,
                initial=member.signer_name,
                widget=forms.TextInput(attrs={"aria-label": f"{_('Người ký')} – {member.name}"}),
            )
            self.fields[f"title_{member.pk}"] = forms.CharField(
                label=_("Chức vụ"),
                max_length=128,
                required=False,
                initial=member.signer_title,
                widget=forms.TextInput(attrs={"aria-label": f"{_('Chức vụ')} – {member.name}"}),
            )
        self.style()

    def rows(self) -> list[tuple[Organization, Any, Any]]:
        return [(m, self[f"name_{m.pk}"], self[f"title_{m.pk}"]) for m in self.members]

    def representatives(self) -> dict[int, tuple[str, str]]:
        data = self.cleaned_data
        return {
            m.pk: (data.get(f"name_{m.pk}", "").strip(), data.get(f"title_{m.pk}", "").strip())
            for m in self.members
        }


# ---------------------------------------------------------------- the scoring table


class TableForm(_Form):
    title = forms.CharField(label=_("Tên bảng tiêu chí"), max_length=255, required=False)
    precision = forms.TypedChoiceField(
        label=_("Số chữ số thập phân của điểm"),
        choices=[(0, "0 (1 điểm)"), (1, "1 (0,1 điểm)"), (2, "2 (0,01 điểm)")],
        coerce=int,
        initial=1,
    )
    note = forms.CharField(
        label=_("Hướng dẫn chấm điểm"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    comments_due = _date(_("Hạn góp ý"), required=False)
    version = _version()


class TableCreateForm(TableForm):
    source = TableChoice(
        label=_("Bắt đầu từ bảng đã thông qua"),
        queryset=ScoringTable.objects.none(),
        required=False,
        empty_label=_("Bảng trống"),
        help_text=_("Sao chép các nhóm và tiêu chí của bảng đã thông qua (ví dụ của năm trước) để sửa tiếp."),
    )

    def __init__(self, *args: Any, sources: QuerySet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["comments_due"]
        del self.fields["version"]
        field = self.fields["source"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = sources


class GroupForm(_Form):
    code = forms.CharField(label=_("Số thứ tự"), max_length=16, help_text=_("Ví dụ: I, II"))
    title = forms.CharField(label=_("Nhóm tiêu chí"), max_length=500)
    max_points = forms.CharField(label=_("Điểm tối đa"), max_length=16)
    version = _version()


class CriterionForm(_Form):
    code = forms.CharField(label=_("Số thứ tự"), max_length=16, help_text=_("Ví dụ: 1.1"))
    title = forms.CharField(label=_("Tiêu chí"), max_length=1000)
    kind = forms.ChoiceField(label=_("Loại"), choices=CriterionKind.choices, initial=CriterionKind.STANDARD)
    max_points = forms.CharField(label=_("Điểm tối đa"), max_length=16)
    evidence = forms.CharField(label=_("Minh chứng cần có"), max_length=500, required=False)


class CommentForm(_Form):
    organization = OrganizationChoice(label=_("Góp ý thay mặt"), queryset=Organization.objects.none())
    criterion = CriterionChoice(
        label=_("Tiêu chí"),
        queryset=Criterion.objects.none(),
        required=False,
        empty_label=_("Cả bảng tiêu chí"),
    )
    text = forms.CharField(label=_("Ý kiến"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(
        self, *args: Any, organizations: list[Organization], criteria: QuerySet, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organization"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Organization.objects.filter(pk__in=[o.pk for o in organizations]).order_by(
            "sort_key"
        )
        if len(organizations) == 1:
            field.initial = organizations[0].pk
            field.widget = forms.HiddenInput()
        criterion = self.fields["criterion"]
        assert isinstance(criterion, forms.ModelChoiceField)
        criterion.queryset = criteria
