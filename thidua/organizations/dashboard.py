"""Dashboard tile of the user's own record."""

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from thidua.core.dashboard import Item, Tile

from .forms import organization_label
from .models import Assignment


def own_record_tile(request: Any) -> dict | None:
    """A member of staff: their record (years, awards, verdicts) and where they work now."""
    person = getattr(request.user, "person", None)
    if person is None:
        return None
    current = (
        Assignment.objects.filter(person=person, end_on__isnull=True)
        .select_related("organization__parent", "position")
        .order_by("-start_on")
        .first()
    )
    tile = Tile(_("Hồ sơ của tôi"), key="own-record")
    tile.items.append(
        Item(
            person.full_name,
            reverse("organizations:person_detail", args=[person.pk]),
            detail=f"{current.position} – {organization_label(current.organization)}" if current else "",
        )
    )
    return tile.as_dict()
