"""Forms of the dossier pages: a file for the batch or a line, and the achievement report's sections."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.core.forms import Styled, with_empty_choice
from thidua.core.uploads import AttachmentField

from .catalogue import BATCH, LINE
from .completeness import kinds_for
from .reports import AWARDS_HELP, SECTION_KEYS, SECTION_LABELS


class ItemUploadForm(Styled, forms.Form):
    """A file of the batch (`nomination` empty) or of one line; the kinds offered follow which."""

    kind = forms.ChoiceField(label=_("Loại hồ sơ"))
    nomination = forms.IntegerField(required=False, widget=forms.HiddenInput)
    file = AttachmentField(label=_("Tệp"))
    note = forms.CharField(label=_("Ghi chú"), max_length=255, required=False)

    def __init__(self, *args: Any, scope: str = BATCH, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = with_empty_choice(kinds_for(scope))  # type: ignore[attr-defined]
        self.style()


def upload_form_for(data: Any, files: Any) -> ItemUploadForm:
    """The form a POST came from: a line's when it names a line."""
    scope = LINE if (data or {}).get("nomination") else BATCH
    return ItemUploadForm(data, files, scope=scope)


class ReportSectionsForm(Styled, forms.Form):
    """The report's sections as text areas, and the version the page showed (0: not saved yet)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args: Any, subject: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        labels = SECTION_LABELS[subject]
        for key in SECTION_KEYS:
            self.fields[key] = forms.CharField(
                label=labels[key],
                required=False,
                strip=False,
                widget=forms.Textarea(attrs={"rows": 8 if key == "achievements" else 5}),
                help_text=AWARDS_HELP if key == "awards" else "",
            )
        self.style()
