from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render

from thidua.accounts.models import Role
from thidua.accounts.scope import is_system_admin
from thidua.core.permissions import view_permission

from .models import AuditEvent


@view_permission(Role.ADMIN)
def audit_list(request):
    """The audit trail, read-only (filter by object type and id): the whole system's, so for system
    administrators only (an agency's administrator is not one)."""
    if not is_system_admin(request.user):
        raise PermissionDenied
    events = AuditEvent.objects.all()
    object_type = request.GET.get("type", "")
    if object_type:
        events = events.filter(object_type=object_type)
    object_id = request.GET.get("id", "")
    if object_id:
        events = events.filter(object_id=object_id)
    page = Paginator(events, 100).get_page(request.GET.get("page"))
    return render(
        request, "audit/list.html", {"page": page, "object_type": object_type, "object_id": object_id}
    )
