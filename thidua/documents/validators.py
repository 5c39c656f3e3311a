"""Validation at the door for text that is printed into official documents.

A control character (a stray BEL or NUL pasted from another program) cannot be written into a DOCX, and on
PostgreSQL a NUL cannot even be stored; once a movement is launched its text can no longer be corrected. So
such text is refused where it comes in (forms, API schemas, models) with a message naming the characters,
rather than stripped silently: the user sees what was wrong in what they typed, and nothing they wrote is
changed behind their back.
"""

from __future__ import annotations

from typing import Annotated, Any

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _
from pydantic import AfterValidator
from pydantic_core import PydanticCustomError

from .formatting import control_characters


def control_characters_message(value: str, *, label: Any = None) -> str | None:
    """The Vietnamese refusal for ``value`` (naming the field when ``label`` is given), or None if it is fine."""
    found = control_characters(value)
    if not found:
        return None
    codes = ", ".join(f"U+{ord(ch):04X}" for ch in found)
    if label:
        return _(
            "“%(field)s” có ký tự điều khiển không in được vào văn bản (%(codes)s); hãy xóa ký tự đó."
        ) % {"field": label, "codes": codes}
    return _("Có ký tự điều khiển không in được vào văn bản (%(codes)s); hãy xóa ký tự đó.") % {
        "codes": codes
    }


@deconstructible
class DocumentTextValidator:
    """Refuse control characters (tab and line breaks excepted) in text that documents print."""

    code = "control_character"

    def __init__(self, label: Any = None) -> None:
        self.label = label

    def __call__(self, value: Any) -> None:
        if not isinstance(value, str):
            return
        message = control_characters_message(value, label=self.label)
        if message is not None:
            raise ValidationError(message, code=self.code)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, DocumentTextValidator) and self.label == other.label


validate_document_text = DocumentTextValidator()


def _schema_check(value: str) -> str:
    message = control_characters_message(value)
    if message is not None:  # the API's 422 names the field (its path) beside this message
        raise PydanticCustomError("control_character", message.replace("{", "{{").replace("}", "}}"))
    return value


# A string of an API schema that documents print: control characters are refused with a 422.
DocumentText = Annotated[str, AfterValidator(_schema_check)]
