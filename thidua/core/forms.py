"""Form helpers shared by the apps' pages."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db.models.fields import BLANK_CHOICE_LABEL

# The one empty choice of every select, "- Chọn -" (Django's own label, which its model fields and
# ModelChoiceField use too): a form listing its choices by hand starts them with `with_empty_choice(...)`.
EMPTY_CHOICE = ("", BLANK_CHOICE_LABEL)


def with_empty_choice(choices):
    """`choices` after the empty choice "- Chọn -"."""
    return [EMPTY_CHOICE, *choices]


# Dates typed as on paper (dd/mm/yyyy); the field's input_formats must match.
DATE_WIDGET = forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "class": "form-control"})


class Styled:
    """A form mixin: `self.style()` gives every widget its Bootstrap class (check box, select, other input)."""

    fields: dict[str, forms.Field]  # the form's, as a mixin of a form

    def style(self) -> None:
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                widget.attrs.setdefault("class", "form-check-input")
            elif isinstance(widget, forms.Select):
                widget.attrs.setdefault("class", "form-select")
            else:
                widget.attrs.setdefault("class", "form-control")


def form_field[F: forms.Field](form: forms.BaseForm, name: str, kind: type[F]) -> F:
    """The form's field `name`, checked to be a `kind`: a ModelForm's generated fields are known to the type
    checker only as `Field`, so setting a queryset, choices or input formats goes through here."""
    field = form.fields[name]
    if not isinstance(field, kind):
        raise TypeError(f"{name} is a {type(field).__name__}, not a {kind.__name__}")
    return field


def add_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's refusal on the form: on the named field when the form has it, above the form otherwise.

    Services validate whole records (`full_clean`), so their errors may name fields the page does not show
    (e.g. the organization derived from a person's assignments); those must not crash the page."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            target = field if field in form.fields else None
            for item in errors:
                message = " ".join(item.messages)
                if target is None and field != "__all__":
                    form.add_error(None, f"{_label(form, field)}: {message}")
                else:
                    form.add_error(target, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


def _label(form: forms.BaseForm, field: str) -> str:
    model = getattr(getattr(form, "_meta", None), "model", None)
    if model is not None:
        try:
            return str(model._meta.get_field(field).verbose_name)
        except FieldDoesNotExist:  # not a model field: its name will do
            pass
    return field


def perform_service(
    request: Any, action: Callable[[], Any], *, success: Any = None, form=None
) -> tuple[bool, Any]:
    """Run a service call from a page: a refusal (`ValidationError`: a stale page, a step the state or a guard
    refuses, bad input) becomes errors on `form` when given (`add_service_errors`), error messages otherwise;
    success adds `success` as a message — a text, or a function of the service's result giving it (none when
    empty). Returns (done, result). PermissionDenied goes through (403)."""
    try:
        result = action()
    except ValidationError as error:
        if form is not None:
            add_service_errors(form, error)
        else:
            for message in error.messages:
                messages.error(request, message)
        return False, None
    text = success(result) if callable(success) else success
    if text:
        messages.success(request, text)
    return True, result
