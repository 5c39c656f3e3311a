"""Money as the fund's pages print it: whole đồng with dots between thousands ("2.340.000")."""

from typing import Any

from django import template

from thidua.documents.formatting import vn_number

register = template.Library()


@register.filter
def vnd(value: Any) -> str:
    """2340000 → "2.340.000"; None or "" → "–"."""
    if value is None or value == "":
        return "–"
    return vn_number(int(value))
