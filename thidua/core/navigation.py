"""The main menu: the entries the installed apps register (`core.registry.NavEntry`), each naming the roles that
see it (empty: everyone)."""

from django.urls import NoReverseMatch, reverse

from thidua.accounts.scope import has_role, is_system_admin

from .registry import registry


def entries_for(request) -> list[dict]:
    """Menu items the user may see; entries of a group are gathered into one dropdown item."""
    user = request.user
    items: list[dict] = []
    groups: dict[str, dict] = {}
    for entry in registry.menu():
        if entry.admin_only and not is_system_admin(user):
            continue
        if entry.roles and not has_role(user, *entry.roles):
            continue
        try:
            url = reverse(entry.url_name)
        except NoReverseMatch:  # an app not installed in this deployment
            continue
        active = request.path == url if url == "/" else request.path.startswith(url)
        item = {"url": url, "label": entry.label, "active": active}
        if not entry.group:
            items.append(item)
            continue
        group = groups.get(str(entry.group))
        if group is None:
            group = groups[str(entry.group)] = {"label": entry.group, "children": [], "active": False}
            items.append(group)
        group["children"].append(item)
        group["active"] = group["active"] or active
    return items
