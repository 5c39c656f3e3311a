"""The bloc's dashboard tile: for the officers and signing leaders of a bloc's member, the scorecards it still has
to send in the open rounds (late ones in red) and, for the year's head, the rounds waiting for its step (every
self card in: open the peer scoring; every peer card in: verify; every verification in: close; a closed round:
the vote, the tally, the proposal to send).

The province's officers oversee every bloc but speak for no member (`workflow.acts_for`), and a system
administrator scores for nobody: neither gets the tile."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from thidua.accounts.scope import has_role, is_system_admin, managed_organizations
from thidua.core.dashboard import Item, Tile
from thidua.nominations.models import BatchStatus

from .models import (
    CardStatus,
    ClusterProposal,
    LeaderVote,
    Membership,
    RoundStatus,
    Scorecard,
    ScoringRound,
    Stage,
    VoteStatus,
)
from .workflow import AGENCY_ROLES, acts_for

LIMIT = 10
# A card is to be sent while the round is at its stage.
IN_STAGE = (
    Q(stage=Stage.SELF, round__status=RoundStatus.SELF)
    | Q(stage=Stage.PEER, round__status=RoundStatus.PEER)
    | Q(stage=Stage.HEAD, round__status=RoundStatus.VERIFY)
)


def _day(value: Any) -> str:
    return date_format(value, "SHORT_DATE_FORMAT")


def _agencies(user: Any) -> list[Any]:
    """The bloc members `user` speaks for."""
    members = Membership.objects.values("organization_id")
    return [
        org
        for org in managed_organizations(user, *AGENCY_ROLES)
        .filter(pk__in=members)
        .order_by("sort_key", "pk")
        if acts_for(user, org)
    ]


def _card_items(agencies: list[Any], today: Any) -> list[Item]:
    """The agencies' cards to send, one line per round and stage (a single card links to itself)."""
    groups: dict[tuple[int, str], list[Scorecard]] = {}
    cards = (
        Scorecard.objects.filter(IN_STAGE, scorer__in=agencies, status=CardStatus.DRAFT)
        .select_related("round__cluster", "scorer", "target")
        .order_by("round__self_due", "round_id", "stage", "target__sort_key", "pk")
    )
    for card in cards:
        groups.setdefault((card.round_id, card.stage), []).append(card)
    items = []
    for cards_of in groups.values():
        card = cards_of[0]
        round_ = card.round
        dues: dict[str, Any] = {
            Stage.SELF: round_.self_due,
            Stage.PEER: round_.peer_due,
            Stage.HEAD: round_.verify_due,
        }
        due = dues[card.stage]
        late = due is not None and today > due
        if card.stage == Stage.SELF:
            what = _("Tự chấm điểm")
        elif card.stage == Stage.PEER:
            what = _("Chấm chéo các thành viên")
        else:
            what = _("Thẩm định điểm các thành viên")
        label = _("%(what)s: %(period)s %(year)s – %(cluster)s") % {
            "what": what,
            "period": round_.get_period_display(),
            "year": round_.year,
            "cluster": round_.cluster.name,
        }
        if len(agencies) > 1:
            label = f"{label} ({card.scorer.short_name or card.scorer.name})"
        if due is None:
            detail = _("chưa gửi")
        elif late:
            detail = _("chưa gửi, quá hạn %(day)s") % {"day": _day(due)}
        else:
            detail = _("chưa gửi, hạn %(day)s") % {"day": _day(due)}
        if len(cards_of) == 1:
            url = reverse("clusters:card_detail", args=[card.pk])
        else:
            url = reverse("clusters:agency_view") + f"?co-quan={card.scorer_id}"
        items.append(
            Item(
                label,
                url,
                len(cards_of) if len(cards_of) > 1 else None,
                detail,
                "danger" if late else "warning",
            )
        )
    return items


def _head_items(agencies: list[Any]) -> list[Item]:
    """The rounds of the blocs the agencies head that year, waiting for the head's step."""
    waiting = ~Q(cards__status=CardStatus.SUBMITTED)
    rounds = list(
        ScoringRound.objects.filter(cluster__rotas__head__in=agencies, cluster__rotas__year=F("year"))
        .exclude(status=RoundStatus.DRAFT)
        .select_related("cluster")
        .annotate(
            self_cards=Count("cards", filter=Q(cards__stage=Stage.SELF), distinct=True),
            self_waiting=Count("cards", filter=Q(cards__stage=Stage.SELF) & waiting, distinct=True),
            peer_cards=Count("cards", filter=Q(cards__stage=Stage.PEER), distinct=True),
            peer_waiting=Count("cards", filter=Q(cards__stage=Stage.PEER) & waiting, distinct=True),
            head_cards=Count("cards", filter=Q(cards__stage=Stage.HEAD), distinct=True),
            head_waiting=Count("cards", filter=Q(cards__stage=Stage.HEAD) & waiting, distinct=True),
        )
        .order_by("-year", "cluster__code", "period", "pk")
    )
    closed = [r.pk for r in rounds if r.status == RoundStatus.CLOSED]
    votes = {v.round_id: v for v in LeaderVote.objects.filter(round_id__in=closed)}
    proposals = {
        p.round_id: p for p in ClusterProposal.objects.filter(round_id__in=closed).select_related("batch")
    }
    items = []
    for round_ in rounds:
        name = _("%(period)s %(year)s – %(cluster)s") % {
            "period": round_.get_period_display(),
            "year": round_.year,
            "cluster": round_.cluster.name,
        }
        page = reverse("clusters:round_detail", args=[round_.pk])
        step = None
        if round_.status == RoundStatus.SELF and round_.self_cards and not round_.self_waiting:
            step = _("đủ phiếu tự chấm: chuyển sang chấm chéo")
        elif round_.status == RoundStatus.PEER and round_.peer_cards and not round_.peer_waiting:
            step = _("đủ phiếu chấm chéo: chuyển sang thẩm định")
        elif round_.status == RoundStatus.VERIFY and round_.head_cards and not round_.head_waiting:
            step = _("đã thẩm định xong: chốt kết quả xếp hạng")
        elif round_.status == RoundStatus.CLOSED:
            vote = votes.get(round_.pk)
            proposal = proposals.get(round_.pk)
            if vote is None:
                step = _("đã xếp hạng: lập biểu quyết suy tôn đơn vị dẫn đầu")
                page = reverse("clusters:vote_create", args=[round_.pk])
            elif vote.status == VoteStatus.PENDING:
                step = _("biểu quyết suy tôn chưa bắt đầu")
                page = reverse("clusters:vote_detail", args=[vote.pk])
            elif vote.status == VoteStatus.OPEN:
                step = _("đang bỏ phiếu suy tôn: đóng bỏ phiếu khi các thành viên đã bỏ phiếu")
                page = reverse("clusters:vote_detail", args=[vote.pk])
            elif vote.status == VoteStatus.CLOSED:
                step = _("đã đóng bỏ phiếu: kiểm phiếu")
                page = reverse("clusters:vote_detail", args=[vote.pk])
            elif vote.passed and proposal is None:
                step = _("đã suy tôn: lập tờ trình đề nghị khen thưởng")
                page = reverse("clusters:vote_detail", args=[vote.pk]) + "#to-trinh"
            elif proposal is not None and proposal.batch.status == BatchStatus.DRAFT:
                step = _("tờ trình chưa gửi")
                page = reverse("clusters:proposal_create", args=[round_.pk])
        if step:
            items.append(Item(name, page, None, step, "warning"))
    return items


def bloc_tile(request: Any) -> dict | None:
    user = request.user
    if not has_role(user, *AGENCY_ROLES) or is_system_admin(user):
        return None
    agencies = _agencies(user)
    if not agencies:
        return None
    items = _card_items(agencies, timezone.localdate()) + _head_items(agencies)
    if not items:
        return None
    tile = Tile(_("Cụm, khối thi đua: việc chờ đơn vị"), key="clusters")
    tile.items = items[:LIMIT]
    return tile.as_dict()
