from django.shortcuts import render
from django.utils import timezone

from thidua.accounts.scope import active_grants, visible_organizations, visible_people

from .permissions import view_permission


@view_permission()
def home(request):
    """The dashboard: what the user can reach, and their roles."""
    today = timezone.localdate()
    context = {
        "grants": active_grants(request.user),
        "unit_count": visible_organizations(request.user).count(),
        "people_count": visible_people(request.user).count(),
        "today": today,
    }
    return render(request, "core/home.html", context)
