from django.shortcuts import render
from django.utils import timezone

from thidua.accounts.scope import active_grants

from .permissions import view_permission
from .registry import registry


@view_permission()
def home(request):
    """The dashboard: what waits for the user, from every installed app's tiles, each item linking to where it
    is done; and the user's roles."""
    tiles = [tile for tile in (render(request) for render in registry.tiles()) if tile is not None]
    context = {"grants": active_grants(request.user), "tiles": tiles, "today": timezone.localdate()}
    return render(request, "core/home.html", context)
