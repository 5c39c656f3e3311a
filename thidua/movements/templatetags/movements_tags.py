from django import template

from thidua.movements import markup

register = template.Library()


@register.filter
def movement_markup(text: str):
    """Render ``**bold**`` and ``*italic*`` of movement texts, escaping the rest."""
    return markup.to_html(text or "")


@register.filter
def percent(value) -> str:
    if value is None:
        return "–"
    return f"{value:.0f}%"
