"""Every select of every form of the project starts with the same empty choice, "- Chọn -" (never "---------")."""

import inspect
from importlib import import_module

from django import forms
from django.apps import apps
from django.utils import translation


def _project_forms() -> list[type[forms.BaseForm]]:
    found = []
    for config in apps.get_app_configs():
        if not config.name.startswith("thidua."):
            continue
        try:
            module = import_module(f"{config.name}.forms")
        except ModuleNotFoundError:
            continue
        found += [
            cls
            for _name, cls in inspect.getmembers(module, inspect.isclass)
            if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__
        ]
    return found


def _empty_labels(form_class) -> dict[str, str]:
    labels = {}
    for name, field in form_class.base_fields.items():
        if isinstance(field, forms.ModelChoiceField):
            if field.empty_label is not None:
                labels[name] = str(field.empty_label)
        elif isinstance(field, forms.ChoiceField):
            for value, label in list(field.choices):  # type: ignore[arg-type, call-overload]
                if value in ("", None):
                    labels[name] = str(label)
    return labels


def test_every_empty_choice_of_the_forms_reads_chon():
    form_classes = _project_forms()
    assert len(form_classes) > 20
    with translation.override("vi"):
        labels = {
            f"{cls.__module__}.{cls.__name__}.{name}": label
            for cls in form_classes
            for name, label in _empty_labels(cls).items()
        }
    assert {
        "thidua.movements.forms.ResponsibilityForm.party",
        "thidua.movements.forms.RecipientForm.channel",
    } <= set(labels)
    wrong = {name: label for name, label in labels.items() if label != "- Chọn -"}
    assert wrong == {}
