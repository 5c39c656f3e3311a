"""Forms of the council's pages. They only parse; the services write and check the roles again."""

from __future__ import annotations

from django import forms
from django.core.validators import ProhibitNullCharactersValidator
from django.utils.translation import gettext_lazy as _

from thidua.accounts.models import Role, User
from thidua.accounts.scope import managed_organizations
from thidua.core.forms import DATE_WIDGET, Styled, form_field
from thidua.documents.validators import DocumentTextValidator
from thidua.organizations.forms import label_organizations
from thidua.organizations.models import Organization, OrganizationKind

from .models import Choice, Council, CouncilMember, Session

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


def _document_text(form: forms.BaseForm) -> None:
    """Text printed into the minutes refuses control characters, naming the field."""
    for field in form.fields.values():
        if isinstance(field, forms.CharField):
            field.validators = [
                v for v in field.validators if not isinstance(v, ProhibitNullCharactersValidator)
            ]
            field.validators.append(DocumentTextValidator(label=field.label))


def _dates(form: forms.BaseForm, *names: str) -> None:
    for name in names:
        field = form_field(form, name, forms.DateField)
        field.input_formats = DATE_FORMATS
        field.widget = DATE_WIDGET


class CouncilForm(Styled, forms.ModelForm):
    class Meta:
        model = Council
        fields = ["agency", "name", "term_from", "term_to", "decision", "conflicted_in_base"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        agencies = managed_organizations(user, Role.OFFICER).filter(
            kind__in=(OrganizationKind.AGENCY, OrganizationKind.PROVINCE)
        )
        form_field(self, "agency", forms.ModelChoiceField).queryset = agencies.order_by("path")
        if self.instance.pk:
            del self.fields["agency"]
        else:
            label_organizations(self)
        _dates(self, "term_from", "term_to")
        _document_text(self)
        self.style()


def _candidate_users(council: Council):
    """Logins of people with a role in the council's agency or a unit under it (the members are drawn from the
    agency, its trade union and youth union)."""
    agency: Organization = council.agency
    return (
        User.objects.filter(is_active=True, role_grants__organization__path__startswith=agency.path)
        .select_related("person")
        .distinct()
        .order_by("username")
    )


def _user_label(user: User) -> str:
    return f"{user.display_name} ({user.username})"


class MemberForm(Styled, forms.ModelForm):
    class Meta:
        model = CouncilMember
        fields = ["user", "full_name", "role", "position", "valid_from", "valid_to"]

    def __init__(self, *args, council: Council, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["user"]
        else:
            users = form_field(self, "user", forms.ModelChoiceField)
            users.queryset = _candidate_users(council)
            users.label_from_instance = _user_label  # type: ignore[method-assign,assignment]
            self.fields["valid_from"].required = False
        _dates(self, "valid_from", "valid_to")
        _document_text(self)
        self.style()


class SessionForm(Styled, forms.ModelForm):
    class Meta:
        model = Session
        fields = ["held_on", "place", "number", "agenda"]
        widgets = {"agenda": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _dates(self, "held_on")
        _document_text(self)
        self.style()


class AgendaForm(forms.Form):
    nominations: forms.ModelMultipleChoiceField = forms.ModelMultipleChoiceField(
        label=_("Đề nghị đưa ra Hội đồng"), queryset=None, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        form_field(self, "nominations", forms.ModelMultipleChoiceField).queryset = candidates


class VoteForm(forms.Form):
    choice = forms.ChoiceField(label=_("Lựa chọn"), choices=Choice.choices, widget=forms.RadioSelect)


class WrittenVoteForm(Styled, forms.Form):
    member = forms.ModelChoiceField(label=_("Thành viên vắng mặt"), queryset=CouncilMember.objects.none())
    choice = forms.ChoiceField(
        label=_("Lựa chọn ghi trên phiếu"), choices=Choice.choices, widget=forms.RadioSelect
    )

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        form_field(self, "member", forms.ModelChoiceField).queryset = members
        self.style()


class CloseForm(Styled, forms.Form):
    tally_code = forms.CharField(
        label=_("Mã kiểm phiếu"),
        max_length=64,
        help_text=_("Mã được hiển thị một lần khi mở bỏ phiếu (8 nhóm 4 ký tự)."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style()


class ConflictForm(Styled, forms.Form):
    note = forms.CharField(
        label=_("Lý do xung đột lợi ích"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _document_text(self)
        self.style()


class ReasonForm(Styled, forms.Form):
    reason = forms.CharField(label=_("Lý do"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style()
