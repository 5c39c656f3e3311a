"""Dashboard tiles of nominations: what waits for the office (batches to check, lines to check), for an advisory
unit (batches to pool), and for a unit head (drafts to send, lines and batches returned)."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from thidua.accounts.models import Role
from thidua.accounts.scope import has_role, managed_organizations
from thidua.core.dashboard import Item, Tile

from .models import BatchStatus, Nomination, NominationStatus, ProposalBatch
from .selectors import receiving_organizations
from .workflow import UNIT_SIDE


def office_tile(request: Any) -> dict | None:
    """The office (and an advisory unit): batches received and waiting, their lines still to check."""
    user = request.user
    if not has_role(user, *UNIT_SIDE):
        return None
    receiving = receiving_organizations(user).values("pk")
    waiting = ProposalBatch.objects.filter(status=BatchStatus.SUBMITTED, office__in=receiving).aggregate(
        batches=Count("pk", distinct=True),
        lines=Count("nominations", filter=Q(nominations__status=NominationStatus.PROPOSED)),
    )
    if not waiting["batches"] and not has_role(user, Role.OFFICER):
        return None
    url = reverse("nominations:list")
    tile = Tile(_("Đề nghị khen thưởng: việc chờ tiếp nhận"), key="nominations-office")
    tile.items.append(
        Item(
            _("Tờ trình chờ tiếp nhận"),
            f"{url}?ben=received&status=submitted",
            waiting["batches"],
            tone="warning" if waiting["batches"] else "",
        )
    )
    tile.items.append(
        Item(_("Đề nghị chờ kiểm tra"), f"{url}?ben=received&status=submitted", waiting["lines"])
    )
    return tile.as_dict()


def unit_tile(request: Any) -> dict | None:
    """A unit head: the unit's drafts to send, and what came back with a reason."""
    user = request.user
    if not has_role(user, Role.UNIT_HEAD):
        return None
    own = managed_organizations(user, Role.UNIT_HEAD).values("pk")
    batches = ProposalBatch.objects.filter(unit__in=own)
    drafts = batches.filter(status=BatchStatus.DRAFT).count()
    returned_batches = batches.filter(status=BatchStatus.RETURNED).count()
    returned_lines = Nomination.objects.filter(
        batch__unit__in=own, status=NominationStatus.RETURNED, batch__status=BatchStatus.SUBMITTED
    ).count()
    url = reverse("nominations:list")
    tile = Tile(_("Đề nghị khen thưởng của đơn vị"), key="nominations-unit")
    tile.items.append(Item(_("Tờ trình đang soạn"), f"{url}?ben=sent&status=draft", drafts))
    tile.items.append(
        Item(
            _("Tờ trình bị trả lại"),
            f"{url}?ben=sent&status=returned",
            returned_batches,
            tone="danger" if returned_batches else "",
        )
    )
    tile.items.append(
        Item(
            _("Đề nghị bị trả lại cần sửa"),
            f"{url}?ben=sent&status=submitted",
            returned_lines,
            tone="danger" if returned_lines else "",
        )
    )
    return tile.as_dict()
