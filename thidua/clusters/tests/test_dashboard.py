"""The bloc's dashboard tile: a member's officer sees the cards it still has to send (late ones in red), the year's
head the rounds waiting for its step; nobody else, and nothing when nothing waits."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from thidua.clusters import dashboard, services
from thidua.clusters.models import Scorecard, Stage, VoteMethod

from .conftest import YEAR, adopted_table, run_round, score_values


def _tile(rf, user):
    request = rf.get("/")
    request.user = user
    return dashboard.bloc_tile(request)


def _open_round(bloc, self_due: date):
    round_ = services.round_create(
        actor=bloc.head_officer,
        cluster=bloc.cluster,
        year=YEAR,
        table=adopted_table(bloc),
        self_due=self_due,
        peer_due=self_due + timedelta(days=10),
    )
    return services.round_transition(
        actor=bloc.head_officer, round_=round_, action="open", on=date(YEAR, 12, 1)
    )


def _send_self_card(bloc, round_, org) -> None:
    card = Scorecard.objects.get(round=round_, stage=Stage.SELF, scorer=org)
    officer = bloc.officer_of(org)
    services.scores_save(actor=officer, card=card, values=score_values(round_.table, Decimal("0.9")))
    services.card_transition(actor=officer, card=card, action="submit")


def test_member_with_a_card_to_send_sees_it_with_its_due_date(rf, bloc):
    due = timezone.localdate() + timedelta(days=5)
    round_ = _open_round(bloc, due)
    a = bloc.members[0]
    tile = _tile(rf, bloc.officers["A"])
    assert tile is not None and tile["key"] == "clusters"
    (item,) = tile["items"]
    card = Scorecard.objects.get(round=round_, stage=Stage.SELF, scorer=a)
    assert item.url == reverse("clusters:card_detail", args=[card.pk])
    assert "Tự chấm điểm" in str(item.label) and bloc.cluster.name in str(item.label)
    assert item.detail == f"chưa gửi, hạn {due:%d/%m/%Y}"
    assert item.tone == "warning"


def test_a_late_card_is_shown_in_red(rf, bloc):
    due = timezone.localdate() - timedelta(days=2)
    _open_round(bloc, due)
    (item,) = _tile(rf, bloc.officers["C"])["items"]
    assert item.tone == "danger"
    assert item.detail == f"chưa gửi, quá hạn {due:%d/%m/%Y}"


def test_peer_cards_are_one_line_with_their_count(rf, bloc):
    round_ = _open_round(bloc, timezone.localdate() + timedelta(days=5))
    for org in bloc.members:
        _send_self_card(bloc, round_, org)
    services.round_transition(actor=bloc.head_officer, round_=round_, action="peer")
    (item,) = _tile(rf, bloc.officers["A"])["items"]
    assert item.count == 3 and "Chấm chéo" in str(item.label)
    assert item.url.startswith(reverse("clusters:agency_view"))


def test_the_head_is_told_when_every_self_card_is_in(rf, bloc):
    round_ = _open_round(bloc, timezone.localdate() + timedelta(days=5))
    for org in bloc.members:
        _send_self_card(bloc, round_, org)
    tile = _tile(rf, bloc.head_officer)
    (item,) = tile["items"]
    assert item.url == reverse("clusters:round_detail", args=[round_.pk])
    assert item.detail == "đủ phiếu tự chấm: chuyển sang chấm chéo"
    # A member that is not the head has nothing left to do.
    assert _tile(rf, bloc.officers["A"]) is None


def test_the_head_is_told_to_hold_the_vote_then_to_draft_the_proposal(rf, bloc):
    round_ = run_round(bloc, fast=True)
    (item,) = _tile(rf, bloc.head_officer)["items"]
    assert item.url == reverse("clusters:vote_create", args=[round_.pk])
    vote = services.vote_create(
        actor=bloc.head_officer, round_=round_, held_on=date(YEAR, 12, 28), method=VoteMethod.HANDS
    )
    services.vote_record(actor=bloc.head_officer, vote=vote, agree=4, disagree=0)
    (item,) = _tile(rf, bloc.head_officer)["items"]
    assert "lập tờ trình" in item.detail
    services.proposal_create(actor=bloc.head_officer, round_=round_)
    (item,) = _tile(rf, bloc.head_officer)["items"]
    assert item.url == reverse("clusters:proposal_create", args=[round_.pk])
    assert _tile(rf, bloc.officers["A"]) is None


def test_tile_is_hidden_from_those_with_nothing_to_do_in_a_bloc(rf, bloc):
    _open_round(bloc, timezone.localdate() + timedelta(days=5))
    # The province's officer oversees but speaks for no member; the outsider and A's staff are in no bloc.
    for user in (bloc.province_officer, bloc.outsider_officer, bloc.staff):
        assert _tile(rf, user) is None, user.username


def test_tile_is_none_before_any_round(rf, bloc):
    assert _tile(rf, bloc.officers["A"]) is None
    assert _tile(rf, bloc.head_officer) is None


def test_the_dashboard_page_shows_the_tile(client, bloc):
    _open_round(bloc, timezone.localdate() - timedelta(days=1))
    client.force_login(bloc.officers["A"])
    html = client.get(reverse("core:home")).content.decode()
    assert 'data-testid="tile-clusters"' in html and "Tự chấm điểm" in html
