"""Sections that other apps add to the person and unit pages (years side by side, verdicts, awards...).

Each entry is `module:function(request, obj) -> dict | None`; the dict has `template` and `context`. A module
that is not installed is skipped, so the organizations app does not import the apps that build on it.
"""

from importlib import import_module

PERSON_SECTIONS = [
    "thidua.appraisals.sections:person_years",
    "thidua.rules.sections:person_verdicts",
]
UNIT_SECTIONS = [
    "thidua.appraisals.sections:unit_years",
    "thidua.rules.sections:unit_verdicts",
]


def render_sections(entries: list[str], request, obj) -> list[dict]:
    sections = []
    for entry in entries:
        module_path, function_name = entry.split(":")
        try:
            module = import_module(module_path)
        except ModuleNotFoundError as exc:
            if exc.name != module_path:
                raise
            continue
        section = getattr(module, function_name)(request, obj)
        if section:
            sections.append(section)
    return sections
