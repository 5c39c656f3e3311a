"""Query parameters of the pages, read in one place: a value that is not what the page expects is refused
with 400 and a Vietnamese message naming the parameter (never a 500 deeper down).

`QueryParameterMiddleware` (thidua/core/middleware.py) refuses control characters in any query value and renders
a `ParameterError` raised by a view as the styled 400 page (or as JSON under /api/v1/)."""

from __future__ import annotations

import json
import re
from typing import Any

from django.core.exceptions import BadRequest
from django.http import HttpRequest
from django.utils.translation import gettext as _

YEAR_MIN = 1990
YEAR_MAX = 2100
ID_MAX = 2**63 - 1  # a BigAutoField

_INTEGER = re.compile(r"-?[0-9]{1,19}")  # ASCII digits only: "²".isdigit() is True, int("²") fails
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")


class ParameterError(BadRequest):
    """A query parameter the page cannot use; rendered as 400 by QueryParameterMiddleware."""

    def __init__(self, name: str, message: str) -> None:
        super().__init__(message)
        self.name = name
        self.message = message


def int_param(
    request: HttpRequest,
    name: str,
    *,
    default: int | None = None,
    min: int | None = None,
    max: int | None = None,
) -> int | None:
    """The integer in `?name=`, `default` when absent or empty; 400 when it is not an integer in [min, max]."""
    raw = request.GET.get(name, "").strip()
    if not raw:
        return default
    if not _INTEGER.fullmatch(raw):
        raise ParameterError(name, _("Tham số “%(name)s” phải là một số nguyên.") % {"name": name})
    value = int(raw)
    if (min is not None and value < min) or (max is not None and value > max):
        raise ParameterError(
            name,
            _("Tham số “%(name)s” phải nằm trong khoảng %(min)s–%(max)s.")
            % {"name": name, "min": "" if min is None else min, "max": "" if max is None else max},
        )
    return value


def year_param(request: HttpRequest, name: str = "year", *, default: int | None = None) -> int | None:
    """A year between 1990 and 2100 (the range the facts accept), or `default`."""
    return int_param(request, name, default=default, min=YEAR_MIN, max=YEAR_MAX)


def id_param(request: HttpRequest, name: str) -> int | None:
    """A primary key (a positive integer that fits the database), or None."""
    return int_param(request, name, min=1, max=ID_MAX)


def control_character_parameter(request: HttpRequest) -> str | None:
    """The name of the first query parameter whose name or value holds a control character (NUL, ...)."""
    for key, values in request.GET.lists():
        if CONTROL_CHARACTERS.search(key) or any(CONTROL_CHARACTERS.search(v) for v in values):
            return key
    return None


def nul_in_json_body(request: HttpRequest) -> str | None:
    """The field path of the first string holding NUL in a JSON request body ("" for the root), else None.

    PostgreSQL cannot store NUL in text, so such a body is refused at the door rather than failing on write."""
    if b"\\u0000" not in request.body:
        return None
    try:
        data = json.loads(request.body)
    except ValueError:
        return None  # the API answers malformed JSON itself

    def walk(value: Any, path: str) -> str | None:
        if isinstance(value, str):
            return path if "\x00" in value else None
        if isinstance(value, dict):
            items: Any = value.items()
        elif isinstance(value, list):
            items = enumerate(value)
        else:
            return None
        for key, child in items:
            if isinstance(key, str) and "\x00" in key:
                return path or str(key)
            found = walk(child, f"{path}.{key}" if path else str(key))
            if found is not None:
                return found
        return None

    return walk(data, "")
