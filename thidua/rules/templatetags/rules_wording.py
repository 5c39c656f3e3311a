from django import template

from thidua.rules.wording import plain_basis as _plain_basis

register = template.Library()


@register.filter
def plain_basis(source: object) -> str:
    """`{{ row.basis|plain_basis }}`: a legal basis without the research notes' references."""
    return _plain_basis(str(source or ""))
