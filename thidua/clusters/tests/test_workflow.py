"""The four lifecycles of a bloc's year (scoring table, round, scorecard, vote for the leader): every allowed
edge, every forbidden (state, action) pair, the guards with their messages, and who may move them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from thidua.accounts.models import Role
from thidua.audit.models import AuditEvent
from thidua.clusters import services, workflow
from thidua.clusters.models import (
    CardStatus,
    Criterion,
    LeaderVote,
    RoundStatus,
    Scorecard,
    ScoringRound,
    ScoringTable,
    Stage,
    TableStatus,
    VoteMethod,
    VoteStatus,
)
from thidua.core.tests.workflow_walk import allowed_edges, forbidden_edges
from thidua.core.workflow import TransitionRefused, transition_perform

from .conftest import YEAR, _score_fast, adopted_table, run_round, score_values

pytestmark = pytest.mark.django_db

OPEN_ON = date(YEAR, 12, 1)


def _force(record, state: str):
    type(record).objects.filter(pk=record.pk).update(status=state)
    record.refresh_from_db()
    return record


def _draft_round(bloc, table: ScoringTable | None = None) -> ScoringRound:
    table = table or adopted_table(bloc)
    return services.round_create(
        actor=bloc.head_officer,
        cluster=bloc.cluster,
        year=YEAR,
        table=table,
        self_due=date(YEAR, 12, 10),
        peer_due=date(YEAR, 12, 20),
    )


LEVELS = {"A": "0.9", "B": "0.8", "C": "0.7", "D": "0.6"}


def _round_at(bloc, state: str) -> ScoringRound:
    """A round driven through the services up to `state`, every card of the earlier stages submitted."""
    head = bloc.head_officer
    round_ = _draft_round(bloc)
    table = round_.table
    if state == RoundStatus.DRAFT:
        return round_
    round_ = services.round_transition(actor=head, round_=round_, action="open", on=OPEN_ON)
    if state == RoundStatus.SELF:
        return round_
    _score_fast(bloc, round_, table, LEVELS, Stage.SELF)
    round_ = services.round_transition(actor=head, round_=round_, action="peer")
    if state == RoundStatus.PEER:
        return round_
    _score_fast(bloc, round_, table, LEVELS, Stage.PEER)
    round_ = services.round_transition(actor=head, round_=round_, action="verify")
    if state == RoundStatus.VERIFY:
        return round_
    raise AssertionError(state)


def _people(bloc, make_user) -> dict:
    return {
        "head_officer": bloc.head_officer,
        "province_officer": bloc.province_officer,
        "member_officer": bloc.officers["A"],
        "outsider_officer": bloc.outsider_officer,
        "staff_a": bloc.staff,
        "other_province": make_user(Role.OFFICER, bloc.other_province, username="officer_Q"),
    }


ALLOWED = ("head_officer", "province_officer")
REFUSED = ("member_officer", "outsider_officer", "staff_a", "other_province")


# ---------------------------------------------------------------- the scoring table


def _table_at(bloc, state: str) -> ScoringTable:
    table = adopted_table(bloc)  # a valid table (two groups, five criteria), then put in `state`
    return _force(table, state)


@pytest.mark.parametrize(("source", "action", "target"), allowed_edges(workflow.TABLE))
def test_every_allowed_table_edge(bloc, source, action, target):
    table = _table_at(bloc, source)
    if action == workflow.SUPERSEDE:
        newer = services.table_new_version(actor=bloc.head_officer, table=table)
        _force(newer, TableStatus.ADOPTED)
    result = services.table_transition(actor=bloc.head_officer, table=table, action=action)
    assert result.status == target
    table.refresh_from_db()
    assert table.status == target
    assert AuditEvent.objects.filter(action=f"cluster_table.{action}", object_id=str(table.pk)).exists()


@pytest.mark.parametrize(("source", "action"), forbidden_edges(workflow.TABLE, TableStatus.values))
def test_every_forbidden_table_edge(bloc, source, action):
    table = _table_at(bloc, source)
    with pytest.raises(TransitionRefused) as refused:
        services.table_transition(actor=bloc.head_officer, table=table, action=action)
    assert refused.value.code == "state"
    table.refresh_from_db()
    assert table.status == source


def test_adopting_an_empty_table_is_refused_with_the_problem(bloc):
    table = services.table_create(actor=bloc.head_officer, cluster=bloc.cluster, year=YEAR, title="Bảng")
    with pytest.raises(TransitionRefused, match="chưa có tiêu chí nào"):
        services.table_transition(actor=bloc.head_officer, table=table, action="adopt")
    table.refresh_from_db()
    assert table.status == TableStatus.DRAFT


def test_adopting_a_table_whose_criteria_do_not_add_up_names_the_group_and_the_sums(bloc):
    head = bloc.head_officer
    table = services.table_create(actor=head, cluster=bloc.cluster, year=YEAR, title="Bảng")
    group = services.group_add(actor=head, table=table, code="I", title="Nhiệm vụ", max_points="60")
    services.criterion_add(actor=head, group=group, code="1.1", title="Chỉ tiêu", max_points="50")
    services.table_transition(actor=head, table=table, action="consult")
    with pytest.raises(TransitionRefused) as refused:
        services.table_transition(actor=head, table=table, action="adopt")
    assert refused.value.code == "guard"
    assert (
        "Nhóm “I”: tổng điểm các tiêu chí (50) khác điểm tối đa của nhóm (60)." in refused.value.messages[0]
    )
    table.refresh_from_db()
    assert table.status == TableStatus.CONSULTING


def test_superseding_without_a_newer_adopted_version_is_refused(bloc):
    table = adopted_table(bloc)
    services.table_new_version(actor=bloc.head_officer, table=table)  # a draft v2 is not enough
    with pytest.raises(TransitionRefused, match="phiên bản mới đã được thông qua"):
        services.table_transition(actor=bloc.head_officer, table=table, action="supersede")


@pytest.mark.parametrize("who", ALLOWED)
def test_the_head_and_the_province_office_send_the_table_for_comments(bloc, make_user, who):
    table = services.table_create(actor=bloc.head_officer, cluster=bloc.cluster, year=YEAR, title="Bảng")
    actor = _people(bloc, make_user)[who]
    assert services.table_transition(actor=actor, table=table, action="consult").status == "consulting"


@pytest.mark.parametrize("who", REFUSED)
def test_no_one_else_moves_the_table(bloc, make_user, who):
    table = services.table_create(actor=bloc.head_officer, cluster=bloc.cluster, year=YEAR, title="Bảng")
    with pytest.raises(PermissionDenied):
        services.table_transition(actor=_people(bloc, make_user)[who], table=table, action="consult")
    table.refresh_from_db()
    assert table.status == TableStatus.DRAFT


def test_the_head_of_another_year_does_not_move_this_years_table(bloc):
    """The head is the year's: C heads 2025, so C's officer moves the 2025 table, B's does not."""
    c = bloc.members[2]
    bloc.cluster.rotas.create(year=YEAR + 1, head=c, deputy=bloc.members[0])
    table = services.table_create(actor=bloc.officers["C"], cluster=bloc.cluster, year=YEAR + 1, title="Bảng")
    with pytest.raises(PermissionDenied):
        services.table_transition(actor=bloc.head_officer, table=table, action="consult")
    assert services.table_transition(actor=bloc.officers["C"], table=table, action="consult").status == (
        TableStatus.CONSULTING
    )


# ---------------------------------------------------------------- the scoring round


@pytest.mark.parametrize(("source", "action", "target"), allowed_edges(workflow.ROUND))
def test_every_allowed_round_edge(bloc, source, action, target):
    round_ = _round_at(bloc, source)
    ready = {RoundStatus.SELF: Stage.SELF, RoundStatus.PEER: Stage.PEER}
    if source in ready:
        _score_fast(bloc, round_, round_.table, LEVELS, ready[source])
    if source == RoundStatus.VERIFY:
        round_.cards.filter(stage=Stage.HEAD).update(status=CardStatus.SUBMITTED)
    result = services.round_transition(actor=bloc.head_officer, round_=round_, action=action, on=OPEN_ON)
    assert result.status == target
    assert AuditEvent.objects.filter(action=f"cluster_round.{action}", object_id=str(round_.pk)).exists()
    stage_cards = {"open": (Stage.SELF, 4), "peer": (Stage.PEER, 12), "verify": (Stage.HEAD, 4)}
    if action in stage_cards:
        stage, count = stage_cards[action]
        assert round_.cards.filter(stage=stage).count() == count
    if action == "close":
        result.refresh_from_db()
        assert [row["rank"] for row in result.ranking] == [1, 2, 3, 4]


@pytest.mark.parametrize(("source", "action"), forbidden_edges(workflow.ROUND, RoundStatus.values))
def test_every_forbidden_round_edge(bloc, source, action):
    round_ = _force(_draft_round(bloc), source)
    with pytest.raises(TransitionRefused) as refused:
        services.round_transition(actor=bloc.head_officer, round_=round_, action=action, on=OPEN_ON)
    assert refused.value.code == "state"
    round_.refresh_from_db()
    assert round_.status == source


def test_a_round_does_not_open_on_a_table_not_adopted(bloc):
    head = bloc.head_officer
    table = services.table_create(actor=head, cluster=bloc.cluster, year=YEAR, title="Bảng")
    round_ = _draft_round(bloc, table)
    with pytest.raises(TransitionRefused, match="chưa được thông qua"):
        services.round_transition(actor=head, round_=round_, action="open", on=OPEN_ON)
    assert not round_.cards.exists()


def test_a_round_does_not_open_with_fewer_than_two_members(bloc):
    round_ = _draft_round(bloc)
    for membership in bloc.cluster.memberships.exclude(organization=bloc.head):
        services.member_end(actor=bloc.province_officer, membership=membership, valid_to=date(YEAR, 6, 30))
    with pytest.raises(TransitionRefused, match="ít nhất hai thành viên"):
        services.round_transition(actor=bloc.head_officer, round_=round_, action="open", on=OPEN_ON)
    round_.refresh_from_db()
    assert round_.status == RoundStatus.DRAFT
    # The same round opens on a day the four were members, with a self card for each of them.
    round_ = services.round_transition(
        actor=bloc.head_officer, round_=round_, action="open", on=date(YEAR, 6, 1)
    )
    assert round_.cards.filter(stage=Stage.SELF).count() == 4


def test_peer_scoring_waits_for_every_self_card(bloc):
    round_ = _round_at(bloc, RoundStatus.SELF)
    card = round_.cards.get(stage=Stage.SELF, scorer=bloc.members[0])
    services.scores_save(actor=bloc.officers["A"], card=card, values=score_values(round_.table, Decimal(1)))
    services.card_transition(actor=bloc.officers["A"], card=card, action="submit")
    with pytest.raises(TransitionRefused, match="Còn 3 thành viên chưa gửi phiếu tự chấm"):
        services.round_transition(actor=bloc.head_officer, round_=round_, action="peer")
    assert not round_.cards.filter(stage=Stage.PEER).exists()


def test_verification_waits_for_a_peer_card(bloc):
    round_ = _round_at(bloc, RoundStatus.PEER)
    with pytest.raises(TransitionRefused, match="Chưa có phiếu chấm chéo nào"):
        services.round_transition(actor=bloc.head_officer, round_=round_, action="verify")


def test_closing_waits_for_every_head_card(bloc):
    round_ = _round_at(bloc, RoundStatus.VERIFY)
    first = round_.cards.filter(stage=Stage.HEAD).earliest("pk")
    services.card_transition(actor=bloc.head_officer, card=first, action="submit")
    with pytest.raises(TransitionRefused, match="Còn 3 phiếu thẩm định"):
        services.round_transition(actor=bloc.head_officer, round_=round_, action="close")
    round_.refresh_from_db()
    assert round_.status == RoundStatus.VERIFY and round_.ranking == []


def test_verification_cards_are_prefilled_from_the_self_cards(bloc):
    round_ = _round_at(bloc, RoundStatus.VERIFY)
    for head_card in round_.cards.filter(stage=Stage.HEAD).select_related("target"):
        own = round_.cards.get(stage=Stage.SELF, target=head_card.target)
        assert dict(head_card.scores.values_list("criterion_id", "points")) == dict(
            own.scores.values_list("criterion_id", "points")
        )
        assert head_card.scorer == bloc.head


@pytest.mark.parametrize("who", ALLOWED)
def test_the_head_and_the_province_office_open_a_round(bloc, make_user, who):
    round_ = _draft_round(bloc)
    actor = _people(bloc, make_user)[who]
    assert services.round_transition(actor=actor, round_=round_, action="open", on=OPEN_ON).status == "self"


@pytest.mark.parametrize("who", REFUSED)
def test_no_one_else_opens_a_round(bloc, make_user, who):
    round_ = _draft_round(bloc)
    with pytest.raises(PermissionDenied):
        services.round_transition(
            actor=_people(bloc, make_user)[who], round_=round_, action="open", on=OPEN_ON
        )
    round_.refresh_from_db()
    assert round_.status == RoundStatus.DRAFT and not round_.cards.exists()


# ---------------------------------------------------------------- a scorecard


def _full_card(bloc, round_, scorer_code: str, stage: str = Stage.SELF) -> Scorecard:
    scorer = next(m for m in bloc.members if m.code == scorer_code)
    card = round_.cards.filter(stage=stage, scorer=scorer).earliest("pk")
    services.scores_save(
        actor=bloc.officer_of(scorer), card=card, values=score_values(round_.table, Decimal(1))
    )
    return card


@pytest.mark.parametrize(("source", "action", "target"), allowed_edges(workflow.CARD))
def test_every_allowed_card_edge(bloc, source, action, target):
    round_ = _round_at(bloc, RoundStatus.SELF)
    card = _full_card(bloc, round_, "A")
    if source == CardStatus.SUBMITTED:
        services.card_transition(actor=bloc.officers["A"], card=card, action="submit")
    actor = bloc.head_officer if action == workflow.RETURN else bloc.officers["A"]
    result = services.card_transition(actor=actor, card=card, action=action, reason="Thiếu minh chứng")
    assert result.status == target
    if action == workflow.RETURN:
        assert (result.return_reason, result.submitted_at) == ("Thiếu minh chứng", None)
    else:
        assert result.submitted_at is not None and result.submitted_by == bloc.officers["A"]
    assert AuditEvent.objects.filter(action=f"cluster_scorecard.{action}", object_id=str(card.pk)).exists()


@pytest.mark.parametrize(("source", "action"), forbidden_edges(workflow.CARD, CardStatus.values))
def test_every_forbidden_card_edge(bloc, source, action):
    round_ = _round_at(bloc, RoundStatus.SELF)
    card = _force(_full_card(bloc, round_, "A"), source)
    actor = bloc.head_officer if action == workflow.RETURN else bloc.officers["A"]
    with pytest.raises(TransitionRefused) as refused:
        services.card_transition(actor=actor, card=card, action=action, reason="x")
    assert refused.value.code == "state"
    card.refresh_from_db()
    assert card.status == source


def test_a_card_with_unscored_criteria_is_not_sent(bloc):
    round_ = _round_at(bloc, RoundStatus.SELF)
    card = round_.cards.get(stage=Stage.SELF, scorer=bloc.members[0])
    first = Criterion.objects.get(group__table=round_.table, code="1.1")
    services.scores_save(actor=bloc.officers["A"], card=card, values={first.pk: ("30", "")})
    with pytest.raises(TransitionRefused, match=r"Chưa chấm các tiêu chí: 1\.2, 2\.1\."):
        services.card_transition(actor=bloc.officers["A"], card=card, action="submit")
    card.refresh_from_db()
    assert card.status == CardStatus.DRAFT


def test_a_card_is_not_sent_outside_its_stage(bloc):
    round_ = _round_at(bloc, RoundStatus.SELF)
    card = _full_card(bloc, round_, "A")
    _force(round_, RoundStatus.PEER)
    with pytest.raises(TransitionRefused, match="không ở bước “Tự chấm”"):
        services.card_transition(actor=bloc.officers["A"], card=card, action="submit")


def test_returning_a_card_needs_a_reason(bloc):
    round_ = _round_at(bloc, RoundStatus.SELF)
    card = _full_card(bloc, round_, "A")
    services.card_transition(actor=bloc.officers["A"], card=card, action="submit")
    with pytest.raises(TransitionRefused) as refused:
        services.card_transition(actor=bloc.head_officer, card=card, action="return", reason="  ")
    assert refused.value.code == "reason"
    assert "reason" in refused.value.message_dict
    card.refresh_from_db()
    assert card.status == CardStatus.SUBMITTED


def test_a_card_is_not_returned_once_its_stage_is_over(bloc):
    round_ = _round_at(bloc, RoundStatus.PEER)
    card = round_.cards.get(stage=Stage.SELF, scorer=bloc.members[0])
    with pytest.raises(TransitionRefused, match="đã qua bước “Tự chấm”"):
        services.card_transition(actor=bloc.head_officer, card=card, action="return", reason="Sai")


@pytest.mark.parametrize("who", ["member_b", "head_officer", "province_officer", "outsider_officer"])
def test_only_the_scorer_sends_its_card(bloc, make_user, who):
    """A's self card is A's: another member, the head and even the province office do not send it for A."""
    round_ = _round_at(bloc, RoundStatus.SELF)
    card = _full_card(bloc, round_, "A")
    people = _people(bloc, make_user) | {"member_b": bloc.officers["C"]}
    with pytest.raises(PermissionDenied):
        services.card_transition(actor=people[who], card=card, action="submit")
    card.refresh_from_db()
    assert card.status == CardStatus.DRAFT


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("head_officer", True),
        ("province_officer", True),
        ("member_officer", False),
        ("other_province", False),
    ],
)
def test_the_head_and_the_province_office_return_a_card(bloc, make_user, who, allowed):
    round_ = _round_at(bloc, RoundStatus.SELF)
    card = _full_card(bloc, round_, "C")
    services.card_transition(actor=bloc.officers["C"], card=card, action="submit")
    actor = _people(bloc, make_user)[who]
    if allowed:
        assert (
            services.card_transition(actor=actor, card=card, action="return", reason="Sai").status == "draft"
        )
    else:
        with pytest.raises(PermissionDenied):
            services.card_transition(actor=actor, card=card, action="return", reason="Sai")


def test_the_heads_verification_card_is_the_heads_to_send(bloc):
    round_ = _round_at(bloc, RoundStatus.VERIFY)
    card = round_.cards.get(stage=Stage.HEAD, target=bloc.members[0])
    with pytest.raises(PermissionDenied):
        services.card_transition(actor=bloc.officers["A"], card=card, action="submit")
    assert services.card_transition(actor=bloc.head_officer, card=card, action="submit").status == "submitted"


# ---------------------------------------------------------------- the vote for the leader


@pytest.fixture
def closed_round(bloc) -> ScoringRound:
    return run_round(bloc, fast=True)


def _vote_at(bloc, round_, state: str, method: str = VoteMethod.SECRET) -> tuple[LeaderVote, str]:
    head = bloc.head_officer
    vote = services.vote_create(actor=head, round_=round_, held_on=date(YEAR, 12, 28), method=method)
    code = ""
    if state in (VoteStatus.OPEN, VoteStatus.CLOSED, VoteStatus.TALLIED):
        code = services.vote_open(actor=head, vote=vote)
        for member in bloc.members:
            services.vote_cast(actor=bloc.officer_of(member), vote=vote, member=member, choice="agree")
    if state in (VoteStatus.CLOSED, VoteStatus.TALLIED):
        services.vote_close(actor=head, vote=vote, tally_code=code)
    if state == VoteStatus.TALLIED:
        services.vote_tally(actor=head, vote=vote)
    vote.refresh_from_db()
    assert vote.status == state
    return vote, code


@pytest.mark.parametrize(("source", "action", "target"), allowed_edges(workflow.VOTE))
def test_every_allowed_vote_edge(bloc, closed_round, source, action, target):
    head = bloc.head_officer
    method = VoteMethod.HANDS if action == workflow.RECORD else VoteMethod.SECRET
    vote, code = _vote_at(bloc, closed_round, source, method)
    if action == workflow.OPEN:
        assert len(services.vote_open(actor=head, vote=vote)) > 0
    elif action == workflow.CLOSE:
        services.vote_close(actor=head, vote=vote, tally_code=code)
    elif action == workflow.TALLY:
        services.vote_tally(actor=head, vote=vote, minutes="Biên bản")
    else:
        services.vote_record(actor=head, vote=vote, agree=3, disagree=1)
    vote.refresh_from_db()
    assert vote.status == target
    assert AuditEvent.objects.filter(action=f"cluster_vote.{action}", object_id=str(vote.pk)).exists()
    if target == VoteStatus.TALLIED:
        assert vote.passed is True and vote.agree in (3, 4)


@pytest.mark.parametrize(("source", "action"), forbidden_edges(workflow.VOTE, VoteStatus.values))
def test_every_forbidden_vote_edge(bloc, source, action):
    round_ = _draft_round(bloc)
    vote = LeaderVote.objects.create(
        round=round_,
        candidate=bloc.members[0],
        method=VoteMethod.SECRET,
        held_on=date(YEAR, 12, 28),
        status=source,
    )
    with pytest.raises(TransitionRefused) as refused:
        transition_perform(workflow=workflow.VOTE, record=vote, action=action, actor=bloc.head_officer)
    assert refused.value.code == "state"
    vote.refresh_from_db()
    assert vote.status == source


def test_a_show_of_hands_is_recorded_not_opened(bloc, closed_round):
    vote, _code = _vote_at(bloc, closed_round, VoteStatus.PENDING, VoteMethod.HANDS)
    with pytest.raises(TransitionRefused, match="Biểu quyết giơ tay"):
        services.vote_open(actor=bloc.head_officer, vote=vote)
    vote.refresh_from_db()
    assert vote.status == VoteStatus.PENDING and vote.public_key == ""


def test_a_secret_vote_is_opened_not_recorded(bloc, closed_round):
    vote, _code = _vote_at(bloc, closed_round, VoteStatus.PENDING, VoteMethod.SECRET)
    with pytest.raises(TransitionRefused, match="Bỏ phiếu kín"):
        services.vote_record(actor=bloc.head_officer, vote=vote, agree=4, disagree=0)
    vote.refresh_from_db()
    assert (vote.status, vote.agree) == (VoteStatus.PENDING, None)


def test_a_vote_does_not_open_before_the_round_closes(bloc):
    round_ = _draft_round(bloc)
    vote = LeaderVote.objects.create(
        round=round_, candidate=bloc.members[0], method=VoteMethod.SECRET, held_on=date(YEAR, 12, 28)
    )
    with pytest.raises(TransitionRefused, match="chưa chốt kết quả"):
        services.vote_open(actor=bloc.head_officer, vote=vote)


@pytest.mark.parametrize("who", ALLOWED)
def test_the_head_and_the_province_office_record_a_show_of_hands(bloc, closed_round, make_user, who):
    vote, _code = _vote_at(bloc, closed_round, VoteStatus.PENDING, VoteMethod.HANDS)
    actor = _people(bloc, make_user)[who]
    assert services.vote_record(actor=actor, vote=vote, agree=4, disagree=0).status == VoteStatus.TALLIED


@pytest.mark.parametrize("who", REFUSED)
def test_no_one_else_opens_or_records_a_vote(bloc, closed_round, make_user, who):
    actor = _people(bloc, make_user)[who]
    vote, _code = _vote_at(bloc, closed_round, VoteStatus.PENDING, VoteMethod.HANDS)
    with pytest.raises(PermissionDenied):
        services.vote_record(actor=actor, vote=vote, agree=4, disagree=0)
    vote.refresh_from_db()
    assert (vote.status, vote.agree) == (VoteStatus.PENDING, None)
    LeaderVote.objects.filter(pk=vote.pk).update(method=VoteMethod.SECRET)
    with pytest.raises(PermissionDenied):
        services.vote_open(actor=actor, vote=vote)


def test_the_province_office_does_not_cast_a_members_ballot(bloc, closed_round):
    """The province's officers oversee the bloc but never speak for a member (one person, every ballot)."""
    head = bloc.head_officer
    vote = services.vote_create(actor=head, round_=closed_round, held_on=date(YEAR, 12, 28), method="secret")
    services.vote_open(actor=head, vote=vote)
    for member in bloc.members:
        with pytest.raises(PermissionDenied):
            services.vote_cast(actor=bloc.province_officer, vote=vote, member=member, choice="agree")
    assert not vote.roll.exists()
    services.vote_cast(actor=bloc.officers["A"], vote=vote, member=bloc.members[0], choice="agree")
    assert vote.roll.count() == 1
