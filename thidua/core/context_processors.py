from django.urls import NoReverseMatch, reverse

from thidua.notifications.selectors import bell_for

from .navigation import entries_for
from .registry import registry


def _public_links() -> list[dict]:
    links = []
    for entry in sorted(registry.public_links, key=lambda e: e.order):
        try:
            links.append({"url": reverse(entry.url_name), "label": entry.label})
        except NoReverseMatch:  # an app without that page in this deployment
            continue
    return links


def navigation(request) -> dict:
    public = _public_links()
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {"nav_items": [], "public_links": public}
    # The bell counts the unread notifications lazily: one query, only on a page that shows it.
    return {"nav_items": entries_for(request), "public_links": public, "notification_bell": bell_for(request)}
