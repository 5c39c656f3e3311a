"""Forms of the certificate pages: the public's verification code, a new template, a template's use, the
calibration of its layout (one row per field), and a print run.

The calibration form takes plain numbers and reports what is wrong in the officer's words, naming the field
(`services.layout_errors`): a negative coordinate, a box past the sheet's edge, a QR code too small.
"""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.core.codes import AwardCode
from thidua.core.forms import Styled
from thidua.documents.certificates import FIELD_NAMES, CertificateLayout
from thidua.organizations.forms import label_organizations
from thidua.organizations.models import Organization

from . import services
from .models import CertificateTemplate, Paper

CODE_PATTERN = re.compile(r"^[A-Za-z0-9_-]{6,32}$")
ALIGN_CHOICES = (("left", _("Trái")), ("center", _("Giữa")), ("right", _("Phải")))


class VerifyForm(forms.Form):
    """The code printed under the QR code (spaces and a pasted address are forgiven)."""

    ma = forms.CharField(
        label=_("Mã xác minh"),
        max_length=200,
        widget=forms.TextInput(
            attrs={"class": "form-control form-control-lg", "autocomplete": "off", "spellcheck": "false"}
        ),
        help_text=_("Mã in cạnh mã QR trên giấy khen, ví dụ: aB3dE-fG9hJ_kL."),
    )

    def clean_ma(self) -> str:
        text = "".join(self.cleaned_data["ma"].split())
        if "/xac-minh/" in text:  # the whole address of the QR code, pasted
            text = text.rstrip("/").rsplit("/", 1)[-1]
        if not CODE_PATTERN.match(text):
            raise forms.ValidationError(
                _("Mã xác minh gồm 6 đến 32 chữ cái không dấu, chữ số, dấu gạch ngang hoặc gạch dưới.")
            )
        return text


class TemplateCreateForm(Styled, forms.Form):
    agency: forms.ModelChoiceField = forms.ModelChoiceField(
        queryset=Organization.objects.none(), label=_("Cơ quan")
    )
    name = forms.CharField(label=_("Tên mẫu"), max_length=200)
    paper = forms.ChoiceField(label=_("Khổ giấy"), choices=Paper.choices, initial=Paper.A4_LANDSCAPE)
    blank = forms.TypedChoiceField(
        label=_("Cách in"),
        choices=(
            ("1", _("In trên phôi in sẵn (chỉ in phần thay đổi)")),
            ("0", _("In toàn bộ trên giấy trắng")),
        ),
        coerce=lambda value: value == "1",
        initial="1",
    )
    codes = forms.MultipleChoiceField(
        label=_("Dùng cho danh hiệu, hình thức"),
        choices=AwardCode.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Không chọn: dùng cho mọi danh hiệu, hình thức."),
    )

    def __init__(self, *args: Any, agencies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies  # type: ignore[attr-defined]
        label_organizations(self)
        self.style()
        self.fields["codes"].widget.attrs["class"] = "form-check-input"


class TemplateUseForm(Styled, forms.Form):
    name = forms.CharField(label=_("Tên mẫu"), max_length=200)
    codes = forms.MultipleChoiceField(
        label=_("Dùng cho danh hiệu, hình thức"),
        choices=AwardCode.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Không chọn: dùng cho mọi danh hiệu, hình thức."),
    )
    active = forms.BooleanField(label=_("Đang dùng"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.style()
        self.fields["codes"].widget.attrs["class"] = "form-check-input"


def _number(label: Any, *, required: bool = True) -> forms.FloatField:
    return forms.FloatField(
        label=label,
        required=required,
        widget=forms.NumberInput(attrs={"step": "0.1", "class": "form-control form-control-sm"}),
    )


class LayoutForm(forms.Form):
    """A template's layout: the sheet, the printer's offset, the QR code, and one row per field (printed or not,
    left edge x, baseline y, width, size, bold, italic, alignment, number of lines and their spacing)."""

    page_width_mm = _number(_("Chiều rộng tờ giấy (mm)"))
    page_height_mm = _number(_("Chiều cao tờ giấy (mm)"))
    offset_x_mm = _number(_("Lệch ngang của máy in (mm)"))
    offset_y_mm = _number(_("Lệch dọc của máy in (mm)"))
    decorated = forms.BooleanField(
        label=_("In cả khung viền (giấy trắng)"),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )
    qr_on = forms.BooleanField(
        label=_("In mã QR"), required=False, widget=forms.CheckboxInput(attrs={"class": "form-check-input"})
    )
    qr_x = _number(_("Mã QR: cạnh trái (mm)"), required=False)
    qr_y = _number(_("Mã QR: cạnh trên (mm)"), required=False)
    qr_size = _number(_("Mã QR: cạnh (mm)"), required=False)

    def __init__(self, *args: Any, layout: CertificateLayout, **kwargs: Any) -> None:
        self.base = layout
        initial: dict[str, Any] = {
            "page_width_mm": layout.page_width_mm,
            "page_height_mm": layout.page_height_mm,
            "offset_x_mm": layout.offset_x_mm,
            "offset_y_mm": layout.offset_y_mm,
            "decorated": layout.decorated,
            "qr_on": layout.qr is not None,
        }
        if layout.qr is not None:
            initial |= {"qr_x": layout.qr.x_mm, "qr_y": layout.qr.y_mm, "qr_size": layout.qr.size_mm}
        for name in FIELD_NAMES:
            box = layout.fields.get(name)
            initial[f"{name}-on"] = box is not None
            if box is not None:
                initial |= {
                    f"{name}-x": box.x_mm,
                    f"{name}-y": box.y_mm,
                    f"{name}-width": box.width_mm,
                    f"{name}-size": box.size_pt,
                    f"{name}-bold": box.bold,
                    f"{name}-italic": box.italic,
                    f"{name}-align": box.align,
                    f"{name}-lines": box.max_lines,
                    f"{name}-line_mm": box.line_mm,
                }
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        check = {"class": "form-check-input"}
        for name in FIELD_NAMES:
            label = services.field_label(name)
            self.fields[f"{name}-on"] = forms.BooleanField(
                label=label, required=False, widget=forms.CheckboxInput(attrs=check)
            )
            self.fields[f"{name}-x"] = _number(_("x (mm)"), required=False)
            self.fields[f"{name}-y"] = _number(_("y (mm)"), required=False)
            self.fields[f"{name}-width"] = _number(_("Rộng (mm)"), required=False)
            self.fields[f"{name}-size"] = _number(_("Cỡ chữ (pt)"), required=False)
            self.fields[f"{name}-bold"] = forms.BooleanField(
                label=_("Đậm"), required=False, widget=forms.CheckboxInput(attrs=check)
            )
            self.fields[f"{name}-italic"] = forms.BooleanField(
                label=_("Nghiêng"), required=False, widget=forms.CheckboxInput(attrs=check)
            )
            self.fields[f"{name}-align"] = forms.ChoiceField(
                label=_("Căn lề"),
                choices=ALIGN_CHOICES,
                required=False,
                widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
            )
            self.fields[f"{name}-lines"] = forms.IntegerField(
                label=_("Số dòng"),
                required=False,
                widget=forms.NumberInput(attrs={"class": "form-control form-control-sm"}),
            )
            self.fields[f"{name}-line_mm"] = _number(_("Giãn dòng (mm)"), required=False)
        self.layout_data: dict[str, Any] = {}

    def rows(self) -> list[dict[str, Any]]:
        """One row per field for the template: its label and bound inputs."""
        parts = ("on", "x", "y", "width", "size", "bold", "italic", "align", "lines", "line_mm")
        return [
            {
                "name": name,
                "label": services.field_label(name),
                **{part: self[f"{name}-{part}"] for part in parts},
            }
            for name in FIELD_NAMES
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        fields: dict[str, dict[str, Any]] = {}
        for name in FIELD_NAMES:
            if not data.get(f"{name}-on"):
                continue
            label = services.field_label(name)
            values = {part: data.get(f"{name}-{part}") for part in ("x", "y", "width", "size", "lines")}
            missing = [part for part, value in values.items() if value is None]
            if missing:
                self.add_error(
                    f"{name}-x", _("%(field)s: nhập đủ x, y, độ rộng, cỡ chữ và số dòng.") % {"field": label}
                )
                continue
            old = self.base.fields.get(name)
            fields[name] = {
                "x_mm": values["x"],
                "y_mm": values["y"],
                "width_mm": values["width"],
                "size_pt": values["size"],
                "bold": bool(data.get(f"{name}-bold")),
                "italic": bool(data.get(f"{name}-italic")),
                "align": data.get(f"{name}-align") or "center",
                "max_lines": values["lines"],
                "line_mm": data.get(f"{name}-line_mm"),
                # what the page does not edit is kept as it was
                "min_size_pt": old.min_size_pt if old is not None else None,
                "uppercase": old.uppercase if old is not None else False,
            }
        qr = None
        if data.get("qr_on"):
            if None in (data.get("qr_x"), data.get("qr_y"), data.get("qr_size")):
                self.add_error("qr_x", _("Mã QR: nhập đủ cạnh trái, cạnh trên và cạnh của mã."))
            else:
                qr = {"x_mm": data["qr_x"], "y_mm": data["qr_y"], "size_mm": data["qr_size"]}
        if self.errors:
            return data
        layout = {
            "name": self.base.name,
            "page_width_mm": data["page_width_mm"],
            "page_height_mm": data["page_height_mm"],
            "offset_x_mm": data["offset_x_mm"],
            "offset_y_mm": data["offset_y_mm"],
            "decorated": bool(data.get("decorated")),
            "fields": fields,
            "qr": qr,
        }
        for field, message in services.layout_errors(layout):
            if field == "qr":
                self.add_error("qr_x", message)
            elif field in FIELD_NAMES:
                self.add_error(f"{field}-x", message)
            else:
                self.add_error(None, message)
        if not fields and not self.errors:
            self.add_error(None, _("Chọn ít nhất một trường để in."))
        self.layout_data = layout
        return data

    def all_messages(self) -> list[str]:
        """Every error of the form, for the summary above it, each naming its field: a row's errors by the row's
        field ("Họ tên người ký: Nhập một số."), the sheet's by their label."""
        out = [str(message) for message in self.non_field_errors()]
        for name, errors in self.errors.items():
            if name == "__all__":
                continue
            if name.startswith("qr_"):
                prefix = str(_("Mã QR"))
            elif "-" in name:
                prefix = services.field_label(name.partition("-")[0])
            else:
                prefix = str(self.fields[name].label)
            for message in errors:
                text = str(message)
                out.append(text if text.startswith(prefix) else f"{prefix}: {text}")
        return out


DEFAULT_TEMPLATE = "mac-dinh"


class PrintForm(forms.Form):
    """A print run: the template (blanks or print-ready) and the lines to print."""

    # The built-in print-ready layout is a choice of its own (not an empty choice: those read "- Chọn -").
    template = forms.ChoiceField(
        label=_("Mẫu giấy khen"),
        required=False,
        initial=DEFAULT_TEMPLATE,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    lines = forms.TypedMultipleChoiceField(
        label=_("In giấy khen cho"), coerce=int, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, templates: Any, lines: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._templates = {str(t.pk): t for t in templates}
        self.fields["template"].choices = [  # type: ignore[attr-defined]
            (DEFAULT_TEMPLATE, _("Mẫu in sẵn mặc định (in toàn bộ trên giấy trắng)")),
            *((pk, str(t)) for pk, t in self._templates.items()),
        ]
        self.fields["lines"].choices = [(line.pk, line.subject_name) for line in lines]  # type: ignore[attr-defined]
        self.fields["lines"].error_messages["required"] = _(
            "Chọn ít nhất một người, tập thể để in giấy khen."
        )

    def clean_template(self) -> CertificateTemplate | None:
        """The chosen template, or None for the built-in print-ready layout."""
        value = self.cleaned_data.get("template") or DEFAULT_TEMPLATE
        return None if value == DEFAULT_TEMPLATE else self._templates[value]
