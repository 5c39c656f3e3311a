"""Forms of the decision pages. They only parse and offer the user's choices; the services write, and the views
check the role in the decision's agency again."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.core.codes import YEAR_VALIDATORS, AwardTrack
from thidua.core.forms import DATE_WIDGET, Styled, form_field
from thidua.core.uploads import PDF, upload_read
from thidua.documents.validators import DocumentTextValidator
from thidua.nominations.forms import COLLECTIVE, PERSON, PersonChoiceField, code_choices
from thidua.nominations.models import Nomination
from thidua.organizations.forms import label_organizations
from thidua.organizations.models import Organization, Person

from . import selectors
from .models import Decision, DecisionKind

DATE_FORMATS = ["%d/%m/%Y"]
# What a scan of a paper decision may be (checked by content, not by the name).
SCAN_TYPES = {PDF, "image/png", "image/jpeg"}


def _document_text(form: forms.BaseForm) -> None:
    """Text printed on a decision refuses control characters, naming the field."""
    for field in form.fields.values():
        if isinstance(field, forms.CharField):
            field.validators = [
                v for v in field.validators if not isinstance(v, ProhibitNullCharactersValidator)
            ]
            field.validators.append(DocumentTextValidator(label=field.label))


def bases_text(decision: Decision) -> str:
    return "\n".join(str(line) for line in decision.bases)


def _bases(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class DecisionLabelField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Decision) -> str:  # type: ignore[override]
        day = f"{obj.decided_on:%d/%m/%Y}" if obj.decided_on else ""
        return f"{obj.number_symbol} ({day}) – {obj.title}"


class SessionLabelField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:  # type: ignore[override]
        return _("Phiên họp ngày %(day)s – %(council)s (%(n)s đề nghị được thông qua chưa có quyết định)") % {
            "day": f"{obj.held_on:%d/%m/%Y}",
            "council": obj.council.name,
            "n": obj.waiting,
        }


class NominationLabelField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Nomination) -> str:  # type: ignore[override]
        subject = obj.person.full_name if obj.person_id else str(obj.organization)  # type: ignore[union-attr]
        return f"{obj.get_code_display()} {obj.year} – {subject} ({obj.batch.unit.name})"


def scan_clean(upload: Any, *, field: Any) -> Any:
    """A scan that is a PDF, PNG or JPEG by its content, within the upload size limit."""
    checked = upload_read(upload, field=field)
    if checked.content_type not in SCAN_TYPES:
        raise ValidationError(
            _("%(field)s: chỉ nhận bản chụp PDF, JPG hoặc PNG."), code="bad_type", params={"field": field}
        )
    return checked.as_uploaded_file()


class FromSessionForm(Styled, forms.Form):
    session = SessionLabelField(label=gettext_lazy("Phiên họp Hội đồng"), queryset=None)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        form_field(self, "session", forms.ModelChoiceField).queryset = selectors.sessions_awaiting_decision(
            user=user
        )
        self.style()


class RegisterForm(Styled, forms.Form):
    """A decision made outside the system (the deciding level's answer to a proposal, a paper decision)."""

    agency = forms.ModelChoiceField(
        label=gettext_lazy("Cơ quan ghi nhận"), queryset=Organization.objects.none()
    )
    proposal = DecisionLabelField(
        label=gettext_lazy("Trả lời tờ trình"),
        queryset=Decision.objects.none(),
        required=False,
        help_text=gettext_lazy(
            "Chọn tờ trình của cơ quan mà quyết định này trả lời: danh sách được khen thưởng được chép từ tờ trình."
        ),
    )
    number_symbol = forms.CharField(label=gettext_lazy("Số, ký hiệu"), max_length=64)
    decided_on = forms.DateField(
        label=gettext_lazy("Ngày ký"), widget=DATE_WIDGET, input_formats=DATE_FORMATS
    )
    deciding_body = forms.CharField(label=gettext_lazy("Cơ quan quyết định"), max_length=255)
    signer_name = forms.CharField(label=gettext_lazy("Người ký"), max_length=128, required=False)
    signer_position = forms.CharField(label=gettext_lazy("Chức vụ người ký"), max_length=128, required=False)
    title = forms.CharField(label=gettext_lazy("Trích yếu"), max_length=500)
    year = forms.IntegerField(label=gettext_lazy("Năm thành tích"), validators=YEAR_VALIDATORS)
    scan = forms.FileField(
        label=gettext_lazy("Bản chụp quyết định"),
        help_text=gettext_lazy("Tệp PDF, JPG hoặc PNG."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("year", timezone.localdate().year - 1)
        super().__init__(*args, **kwargs)
        agencies = selectors.agencies_for(user=user)
        form_field(self, "agency", forms.ModelChoiceField).queryset = agencies
        if len(agencies[:2]) == 1:
            self.fields["agency"].initial = agencies[0].pk
        form_field(self, "proposal", forms.ModelChoiceField).queryset = selectors.answerable_proposals(
            user=user
        )
        label_organizations(self)
        _document_text(self)
        self.style()

    def clean_scan(self) -> Any:
        return scan_clean(self.cleaned_data["scan"], field=self.fields["scan"].label)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        proposal, agency = data.get("proposal"), data.get("agency")
        if proposal is not None and agency is not None and proposal.agency_id != agency.pk:
            self.add_error("proposal", _("Tờ trình này không phải của cơ quan ghi nhận."))
        return data


class BasesForm(Styled, forms.Form):
    bases = forms.CharField(
        label=gettext_lazy("Căn cứ ban hành"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy("Mỗi dòng một căn cứ (“Căn cứ …;”)."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _document_text(self)
        self.style()

    def clean_bases(self) -> list[str]:
        return _bases(self.cleaned_data.get("bases") or "")


class DecisionEditForm(Styled, forms.Form):
    """A draft's title, bases and signer; and for an external decision its paper's number, date, body, scan."""

    title = forms.CharField(label=gettext_lazy("Trích yếu"), max_length=500)
    bases = forms.CharField(
        label=gettext_lazy("Căn cứ ban hành"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy("Mỗi dòng một căn cứ."),
    )
    signer_name = forms.CharField(label=gettext_lazy("Người ký"), max_length=128, required=False)
    signer_position = forms.CharField(
        label=gettext_lazy("Chức vụ người ký"),
        max_length=128,
        required=False,
        help_text=gettext_lazy("Để trống khi Giám đốc ký; ghi “Phó Giám đốc” khi cấp phó ký thay (KT.)."),
    )
    number_symbol = forms.CharField(label=gettext_lazy("Số, ký hiệu"), max_length=64)
    decided_on = forms.DateField(
        label=gettext_lazy("Ngày ký"), widget=DATE_WIDGET, input_formats=DATE_FORMATS
    )
    deciding_body = forms.CharField(label=gettext_lazy("Cơ quan quyết định"), max_length=255)
    scan = forms.FileField(
        label=gettext_lazy("Thay bản chụp quyết định"),
        required=False,
        help_text=gettext_lazy("Tệp PDF, JPG hoặc PNG; để trống để giữ bản đã có."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )

    def __init__(self, *args: Any, decision: Decision, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial",
            {
                "title": decision.title,
                "bases": bases_text(decision),
                "signer_name": decision.signer_name,
                "signer_position": decision.signer_position,
                "number_symbol": decision.number_symbol,
                "decided_on": decision.decided_on,
                "deciding_body": decision.deciding_body,
            },
        )
        super().__init__(*args, **kwargs)
        if decision.kind != DecisionKind.EXTERNAL:
            # The register gives the number and date when the head signs; the agency decides.
            for name in ("number_symbol", "decided_on", "deciding_body", "scan"):
                del self.fields[name]
        else:
            del self.fields["bases"]
        _document_text(self)
        self.style()

    def clean_bases(self) -> list[str]:
        return _bases(self.cleaned_data.get("bases") or "")

    def clean_scan(self) -> Any:
        upload = self.cleaned_data.get("scan")
        if not upload:
            return None
        return scan_clean(upload, field=self.fields["scan"].label)


class ExternalLineForm(Styled, forms.Form):
    """An awardee typed from the paper: a person or a collective of the agency, a title or form, a track."""

    subject_kind = forms.ChoiceField(
        label=gettext_lazy("Đối tượng"),
        choices=[(PERSON, gettext_lazy("Cá nhân")), (COLLECTIVE, gettext_lazy("Tập thể"))],
        initial=PERSON,
        widget=forms.RadioSelect,
    )
    person = PersonChoiceField(label=gettext_lazy("Cá nhân"), queryset=Person.objects.none(), required=False)
    organization = forms.ModelChoiceField(
        label=gettext_lazy("Tập thể"), queryset=Organization.objects.none(), required=False
    )
    code = forms.ChoiceField(label=gettext_lazy("Danh hiệu, hình thức"), choices=())
    track = forms.ChoiceField(
        label=gettext_lazy("Loại khen thưởng"), choices=AwardTrack.choices, initial=AwardTrack.CONG_TRANG
    )
    year = forms.IntegerField(label=gettext_lazy("Năm thành tích"), validators=YEAR_VALIDATORS)

    def __init__(self, *args: Any, decision: Decision, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"year": decision.year})
        super().__init__(*args, **kwargs)
        agency = decision.agency
        form_field(self, "person", forms.ModelChoiceField).queryset = selectors.people_of_agency(
            agency=agency, year=decision.year
        )
        form_field(self, "organization", forms.ModelChoiceField).queryset = Organization.objects.filter(
            path__startswith=agency.path
        ).order_by("path")
        form_field(self, "code", forms.ChoiceField).choices = code_choices()
        label_organizations(self)
        self.style()
        self.fields["subject_kind"].widget.attrs["class"] = "form-check-input"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = data.get("subject_kind")
        if kind == PERSON:
            data["organization"] = None
            if not data.get("person"):
                self.add_error("person", _("Chọn cá nhân được khen thưởng."))
        elif kind == COLLECTIVE:
            data["person"] = None
            if not data.get("organization"):
                self.add_error("organization", _("Chọn tập thể được khen thưởng."))
        return data


class NominationLinesForm(forms.Form):
    nominations = NominationLabelField(
        label=gettext_lazy("Đề nghị Hội đồng đã thông qua"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, decision: Decision, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        form_field(
            self, "nominations", forms.ModelMultipleChoiceField
        ).queryset = selectors.addable_nominations(decision=decision)


class RevokeForm(Styled, forms.Form):
    revoking_number = forms.CharField(label=gettext_lazy("Số quyết định hủy bỏ"), max_length=64)
    revoking_date = forms.DateField(
        label=gettext_lazy("Ngày quyết định hủy bỏ"), widget=DATE_WIDGET, input_formats=DATE_FORMATS
    )
    reason = forms.CharField(
        label=gettext_lazy("Lý do hủy bỏ"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _document_text(self)
        self.style()


class ReturnForm(Styled, forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Lý do trả lại"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _document_text(self)
        self.style()
