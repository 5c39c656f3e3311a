"""The services of a bloc's year: members over time, the year's head, the covenant, the versioned scoring table,
scores with their history and evidence, late cards, disagreements, the configured weights, the sealed vote,
the ranks the rules engine reads, and the proposal to the province."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction

from thidua.appraisals.models import CollectiveAppraisal
from thidua.clusters import selectors, services
from thidua.clusters.models import (
    CardStatus,
    CovenantSignatory,
    CovenantStatus,
    Criterion,
    Evidence,
    LeaderVote,
    Score,
    Scorecard,
    ScoreRevision,
    ScoringRound,
    ScoringTable,
    Stage,
    TableStatus,
    VoteChoice,
    VoteMethod,
    VoteRoll,
    VoteStatus,
)
from thidua.clusters.workflow import members_on
from thidua.core.codes import AwardCode
from thidua.core.uploads import upload_check
from thidua.nominations import services as nominations
from thidua.organizations.models import Organization, OrganizationKind
from thidua.rules.models import RuleOverride

from .conftest import YEAR, _score_fast, adopted_table, run_round, score_values

pytestmark = pytest.mark.django_db

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _override(bloc, key: str, value) -> None:
    RuleOverride.objects.create(organization=bloc.province, key=key, value=value, source="Quy chế của tỉnh")


def _criterion(table: ScoringTable, code: str) -> Criterion:
    return Criterion.objects.get(group__table=table, code=code)


def _open_round(bloc, table: ScoringTable | None = None, period: str = "year_end") -> ScoringRound:
    table = table or adopted_table(bloc)
    round_ = services.round_create(
        actor=bloc.head_officer,
        cluster=bloc.cluster,
        year=YEAR,
        table=table,
        self_due=date(YEAR, 12, 10),
        peer_due=date(YEAR, 12, 20),
        verify_due=date(YEAR, 12, 25),
        period=period,
    )
    return services.round_transition(
        actor=bloc.head_officer, round_=round_, action="open", on=date(YEAR, 12, 1)
    )


def _own_card(round_: ScoringRound, org: Organization) -> Scorecard:
    return round_.cards.get(stage=Stage.SELF, scorer=org)


# ---------------------------------------------------------------- members over time


def test_the_2025_merger_ends_a_member_and_its_successor_joins_the_next_day(bloc):
    d = bloc.members[3]
    successor = Organization.objects.create(
        kind=OrganizationKind.AGENCY, code="D2", name="Sở Công Thương (mới)", parent=bloc.province
    )
    officer = bloc.province_officer
    membership = bloc.cluster.memberships.get(organization=d)
    services.member_end(actor=officer, membership=membership, valid_to=date(2025, 6, 30), note="Hợp nhất")
    services.member_add(
        actor=officer, cluster=bloc.cluster, organization=successor, valid_from=date(2025, 7, 1)
    )
    on_30_june = members_on(bloc.cluster, date(2025, 6, 30))
    on_1_july = members_on(bloc.cluster, date(2025, 7, 1))
    assert d in on_30_june and successor not in on_30_june
    assert successor in on_1_july and d not in on_1_july
    assert len(on_30_june) == len(on_1_july) == 4
    assert d not in members_on(bloc.cluster, date(2023, 2, 28))  # before the dividing decision: nobody
    assert members_on(bloc.cluster, date(2023, 2, 28)) == []


def test_a_member_leaves_and_rejoins_without_overlap(bloc):
    officer = bloc.province_officer
    d = bloc.members[3]
    services.member_end(
        actor=officer, membership=bloc.cluster.memberships.get(organization=d), valid_to=date(2024, 3, 31)
    )
    with pytest.raises(ValidationError, match="đã là thành viên trong khoảng thời gian này"):
        services.member_add(actor=officer, cluster=bloc.cluster, organization=d, valid_from=date(2024, 3, 1))
    services.member_add(actor=officer, cluster=bloc.cluster, organization=d, valid_from=date(2024, 9, 1))
    assert d not in members_on(bloc.cluster, date(2024, 6, 1))
    assert d in members_on(bloc.cluster, date(2024, 9, 1))


def test_a_member_must_be_an_agency_of_the_clusters_province(bloc):
    officer = bloc.province_officer
    stranger = Organization.objects.create(
        kind=OrganizationKind.AGENCY, code="Q1", name="Sở Tài chính tỉnh Lào Cai", parent=bloc.other_province
    )
    with pytest.raises(ValidationError, match="không thuộc Ủy ban nhân dân tỉnh Yên Bái"):
        services.member_add(
            actor=officer, cluster=bloc.cluster, organization=stranger, valid_from=date(2024, 1, 1)
        )
    with pytest.raises(ValidationError, match="là cơ quan, đơn vị"):
        services.member_add(
            actor=officer, cluster=bloc.cluster, organization=bloc.province, valid_from=date(2024, 1, 1)
        )


def test_a_member_does_not_leave_before_it_joined(bloc):
    membership = bloc.cluster.memberships.get(organization=bloc.members[3])
    with pytest.raises(ValidationError, match="từ ngày tham gia trở đi"):
        services.member_end(actor=bloc.province_officer, membership=membership, valid_to=date(2023, 1, 1))


@pytest.mark.parametrize("who", ["head", "member", "outsider"])
def test_only_the_province_office_sets_the_members(bloc, who):
    actor = {"head": bloc.head_officer, "member": bloc.officers["A"], "outsider": bloc.outsider_officer}[who]
    with pytest.raises(PermissionDenied):
        services.member_add(
            actor=actor, cluster=bloc.cluster, organization=bloc.outsider, valid_from=date(2024, 1, 1)
        )
    with pytest.raises(PermissionDenied):
        services.rota_set(actor=actor, cluster=bloc.cluster, year=2025, head=bloc.members[2])
    assert not bloc.cluster.memberships.filter(organization=bloc.outsider).exists()


# ---------------------------------------------------------------- the year's head and deputy


def test_the_rota_names_members_of_that_year(bloc):
    officer = bloc.province_officer
    with pytest.raises(ValidationError) as refused:
        services.rota_set(actor=officer, cluster=bloc.cluster, year=2025, head=bloc.outsider)
    assert refused.value.message_dict["head"] == ["Sở Y tế không là thành viên năm 2025."]
    with pytest.raises(ValidationError, match="Phó trưởng phải là đơn vị khác"):
        services.rota_set(
            actor=officer, cluster=bloc.cluster, year=2025, head=bloc.members[2], deputy=bloc.members[2]
        )
    rota = services.rota_set(
        actor=officer, cluster=bloc.cluster, year=2025, head=bloc.members[2], deputy=bloc.members[3]
    )
    again = services.rota_set(
        actor=officer, cluster=bloc.cluster, year=2025, head=bloc.members[3], deputy=bloc.members[2]
    )
    assert again.pk == rota.pk and (again.head, again.deputy) == (bloc.members[3], bloc.members[2])
    assert bloc.cluster.rotas.filter(year=2025).count() == 1


def test_a_member_that_left_cannot_head_the_year(bloc):
    officer = bloc.province_officer
    d = bloc.members[3]
    services.member_end(
        actor=officer, membership=bloc.cluster.memberships.get(organization=d), valid_to=date(2025, 6, 30)
    )
    with pytest.raises(ValidationError, match="Sở Công Thương không là thành viên năm 2025"):
        services.rota_set(actor=officer, cluster=bloc.cluster, year=2025, head=d)


# ---------------------------------------------------------------- the covenant


def test_the_covenant_is_signed_by_the_members_on_the_day(bloc):
    head = bloc.head_officer
    d = bloc.members[3]
    services.member_end(
        actor=bloc.province_officer,
        membership=bloc.cluster.memberships.get(organization=d),
        valid_to=date(2024, 1, 10),
    )
    covenant = services.covenant_create(actor=head, cluster=bloc.cluster, year=YEAR, place="Yên Bái")
    with pytest.raises(ValidationError, match="chưa có nội dung hoặc chỉ tiêu"):
        services.covenant_sign(actor=head, covenant=covenant, signed_on=date(YEAR, 1, 15))
    services.target_add(actor=head, covenant=covenant, text="Giải ngân vốn đầu tư công", measure="100%")
    a = bloc.members[0]
    covenant = services.covenant_sign(
        actor=head,
        covenant=covenant,
        signed_on=date(YEAR, 1, 15),
        representatives={a.pk: ("Nguyễn Văn Bình", "Phó Giám đốc")},
    )
    assert (covenant.status, covenant.signed_on) == (CovenantStatus.SIGNED, date(YEAR, 1, 15))
    signed = {s.organization.code: (s.representative, s.position) for s in CovenantSignatory.objects.all()}
    assert set(signed) == {"A", "B", "C"}  # D left before the launch conference
    assert signed["A"] == ("Nguyễn Văn Bình", "Phó Giám đốc")
    assert signed["B"] == ("Giám đốc B", "Giám đốc")  # the agency's signer by default
    with pytest.raises(ValidationError, match="Giao ước đã ký kết không sửa được"):
        services.covenant_update(actor=head, covenant=covenant, title="Khác")
    with pytest.raises(ValidationError, match="Giao ước đã ký kết không sửa được"):
        services.target_add(actor=head, covenant=covenant, text="Thêm")


def test_a_covenant_is_signed_in_its_year_or_at_the_end_of_the_previous_one(bloc):
    head = bloc.head_officer
    covenant = services.covenant_create(actor=head, cluster=bloc.cluster, year=YEAR, commitments="Thi đua")
    with pytest.raises(ValidationError) as refused:
        services.covenant_sign(actor=head, covenant=covenant, signed_on=date(YEAR - 2, 12, 30))
    assert "signed_on" in refused.value.message_dict
    assert (
        services.covenant_sign(actor=head, covenant=covenant, signed_on=date(YEAR - 1, 12, 30)).status
        == "signed"
    )


def test_only_the_years_head_drafts_the_covenant(bloc):
    with pytest.raises(PermissionDenied):
        services.covenant_create(actor=bloc.officers["A"], cluster=bloc.cluster, year=YEAR)


# ---------------------------------------------------------------- the versioned scoring table


def _table_shape(table: ScoringTable) -> list[tuple]:
    return sorted(
        Criterion.objects.filter(group__table=table).values_list(
            "group__code", "group__max_points", "code", "title", "kind", "max_points", "evidence"
        )
    )


def test_an_adopted_table_refuses_every_edit(bloc):
    head = bloc.head_officer
    table = adopted_table(bloc)
    shape, version = _table_shape(table), ScoringTable.objects.get(pk=table.pk).version
    group = table.groups.get(code="I")
    criterion = _criterion(table, "1.1")
    edits = [
        lambda: services.table_update(actor=head, table=table, title="Sửa"),
        lambda: services.group_add(actor=head, table=table, code="III", title="Mới", max_points="10"),
        lambda: services.group_update(actor=head, group=group, max_points="70"),
        lambda: services.group_delete(actor=head, group=group),
        lambda: services.criterion_add(actor=head, group=group, code="1.3", title="Mới", max_points="5"),
        lambda: services.criterion_update(actor=head, criterion=criterion, max_points="30"),
        lambda: services.criterion_delete(actor=head, criterion=criterion),
    ]
    for edit in edits:
        with pytest.raises(ValidationError) as refused:
            edit()
        assert refused.value.code == "adopted"
        assert "Đã thông qua" in refused.value.messages[0]
    table.refresh_from_db()
    assert (_table_shape(table), table.version, table.title) == (shape, version, f"Bảng tiêu chí {YEAR}")


def test_a_new_version_copies_the_table_and_adopting_it_supersedes_the_old_one(bloc):
    head = bloc.head_officer
    v1 = adopted_table(bloc)
    old_round = _open_round(bloc, v1, period="mid_year")
    v2 = services.table_new_version(actor=head, table=v1)
    assert (v2.number, v2.status, v2.supersedes_id) == (2, TableStatus.DRAFT, v1.pk)
    assert _table_shape(v2) == _table_shape(v1)
    assert not set(Criterion.objects.filter(group__table=v2)) & set(Criterion.objects.filter(group__table=v1))
    with pytest.raises(ValidationError, match="đang soạn"):
        services.table_new_version(actor=head, table=v1)
    services.criterion_update(actor=head, criterion=_criterion(v2, "2.2"), max_points="10")
    services.table_transition(actor=head, table=v2, action="adopt")
    v1.refresh_from_db()
    v2.refresh_from_db()
    assert (v1.status, v2.status) == (TableStatus.SUPERSEDED, TableStatus.ADOPTED)
    assert _criterion(v1, "2.2").max_points == Decimal(5)  # the old version kept as it was
    old_round.refresh_from_db()
    assert old_round.table_id == v1.pk  # the round keeps the version it is scored against
    card = _own_card(old_round, bloc.members[0])
    with pytest.raises(ValidationError, match="không thuộc bảng của đợt chấm"):
        services.scores_save(
            actor=bloc.officers["A"], card=card, values={_criterion(v2, "1.1").pk: ("1", "")}
        )
    services.scores_save(actor=bloc.officers["A"], card=card, values={_criterion(v1, "1.1").pk: ("1", "")})
    with pytest.raises(ValidationError, match="không đổi bảng tiêu chí"):
        services.round_update(actor=head, round_=old_round, table=v2)


def test_a_new_version_is_made_only_from_an_adopted_table(bloc):
    table = services.table_create(actor=bloc.head_officer, cluster=bloc.cluster, year=YEAR, title="Bảng")
    with pytest.raises(ValidationError, match="từ bảng đã thông qua"):
        services.table_new_version(actor=bloc.head_officer, table=table)


def test_a_members_comment_while_the_table_is_out_for_consultation(bloc):
    head = bloc.head_officer
    table = services.table_create(actor=head, cluster=bloc.cluster, year=YEAR, title="Bảng")
    a = bloc.members[0]
    with pytest.raises(ValidationError, match="không đang lấy ý kiến"):
        services.comment_add(actor=bloc.officers["A"], table=table, organization=a, text="Góp ý")
    table = services.table_transition(actor=head, table=table, action="consult")
    comment = services.comment_add(
        actor=bloc.officers["A"], table=table, organization=a, text=" Giảm điểm 1.1 "
    )
    assert (comment.text, comment.author) == ("Giảm điểm 1.1", bloc.officers["A"])
    with pytest.raises(PermissionDenied):  # A's officer does not speak for C
        services.comment_add(actor=bloc.officers["A"], table=table, organization=bloc.members[2], text="x")
    with pytest.raises(ValidationError, match="Chỉ thành viên"):
        services.comment_add(actor=bloc.outsider_officer, table=table, organization=bloc.outsider, text="x")


# ---------------------------------------------------------------- scores


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("40.5", "Tiêu chí 1.1: tối đa 40 điểm."),
        ("12.25", "Tiêu chí 1.1: Điểm chỉ có tối đa 1 chữ số thập phân."),
        ("-1", "Tiêu chí 1.1: Điểm không được âm."),
        ("mười", "Tiêu chí 1.1: Điểm phải là một số."),
        ("NaN", "Tiêu chí 1.1: Điểm không được âm."),
    ],
)
def test_a_bad_score_names_its_criterion_and_nothing_is_written(bloc, raw, message):
    round_ = _open_round(bloc)
    card = _own_card(round_, bloc.members[0])
    values = {_criterion(round_.table, "1.2").pk: ("15", ""), _criterion(round_.table, "1.1").pk: (raw, "")}
    with pytest.raises(ValidationError) as refused:
        services.scores_save(actor=bloc.officers["A"], card=card, values=values)
    field = f"score_{_criterion(round_.table, '1.1').pk}"
    assert refused.value.message_dict == {field: [message]}
    assert not Score.objects.filter(card=card).exists()  # the good 1.2 is not written either
    assert not ScoreRevision.objects.exists()


def test_scores_take_a_decimal_comma_and_the_tables_precision(bloc):
    round_ = _open_round(bloc)
    card = _own_card(round_, bloc.members[0])
    c11 = _criterion(round_.table, "1.1")
    services.scores_save(actor=bloc.officers["A"], card=card, values={c11.pk: ("37,5", "Vượt kế hoạch")})
    score = Score.objects.get(card=card, criterion=c11)
    assert (score.points, score.note, score.updated_by) == (
        Decimal("37.5"),
        "Vượt kế hoạch",
        bloc.officers["A"],
    )


def test_every_change_of_a_score_is_kept_with_its_author(bloc, make_user):
    from thidua.accounts.models import Role

    round_ = _open_round(bloc)
    a = bloc.members[0]
    card = _own_card(round_, a)
    c11 = _criterion(round_.table, "1.1")
    second = make_user(Role.SIGNER, a, username="signer_A")
    services.scores_save(actor=bloc.officers["A"], card=card, values={c11.pk: ("30", "")})
    services.scores_save(actor=second, card=card, values={c11.pk: ("35", "Bổ sung minh chứng")})
    services.scores_save(actor=second, card=card, values={c11.pk: ("35", "Bổ sung minh chứng")})  # no change
    history = list(ScoreRevision.objects.filter(score__card=card).order_by("at", "id"))
    assert [(r.points, r.author, r.note) for r in history] == [
        (Decimal(30), bloc.officers["A"], ""),
        (Decimal(35), second, "Bổ sung minh chứng"),
    ]
    assert Score.objects.get(card=card, criterion=c11).points == Decimal(35)


def test_scores_are_written_by_the_scorer_on_a_draft_card_only(bloc):
    round_ = _open_round(bloc)
    card = _own_card(round_, bloc.members[0])
    values = score_values(round_.table, Decimal("0.9"))
    for who in (bloc.officers["C"], bloc.province_officer, bloc.outsider_officer, bloc.staff):
        with pytest.raises(PermissionDenied):
            services.scores_save(actor=who, card=card, values=values)
    services.scores_save(actor=bloc.officers["A"], card=card, values=values)
    services.card_transition(actor=bloc.officers["A"], card=card, action="submit")
    with pytest.raises(ValidationError, match="Phiếu đã gửi"):
        services.scores_save(actor=bloc.officers["A"], card=card, values=values)


def test_evidence_is_attached_to_the_own_card_and_clears_the_missing_list(bloc):
    round_ = _open_round(bloc)
    a = bloc.members[0]
    card = _own_card(round_, a)
    c11 = _criterion(round_.table, "1.1")
    assert selectors.missing_evidence(round_, a) == [c11]
    with pytest.raises(PermissionDenied):
        services.evidence_add(
            actor=bloc.officers["C"], card=card, title="x", upload=upload_check(data=PDF, name="bc.pdf")
        )
    evidence = services.evidence_add(
        actor=bloc.officers["A"],
        card=card,
        title="Báo cáo kết quả năm",
        upload=upload_check(data=PDF, name="bao-cao.pdf"),
        criterion=c11,
    )
    import hashlib

    assert (evidence.sha256, evidence.size, evidence.uploaded_by) == (
        hashlib.sha256(PDF).hexdigest(),
        len(PDF),
        bloc.officers["A"],
    )
    assert selectors.missing_evidence(round_, a) == []
    assert selectors.missing_evidence(round_, bloc.members[2]) == [c11]
    services.evidence_delete(actor=bloc.officers["A"], evidence=evidence)
    assert not Evidence.objects.exists()


def test_the_database_refuses_a_peer_card_of_the_member_itself(bloc):
    round_ = _open_round(bloc)
    a = bloc.members[0]
    with pytest.raises(IntegrityError), transaction.atomic():
        Scorecard.objects.create(round=round_, stage=Stage.PEER, scorer=a, target=a)
    with pytest.raises(IntegrityError), transaction.atomic():
        Scorecard.objects.create(round=round_, stage=Stage.SELF, scorer=a, target=bloc.members[1])


def test_peer_cards_pair_every_member_with_every_other(bloc):
    round_ = _open_round(bloc)
    _score_fast(bloc, round_, round_.table, {"A": "1", "B": "1", "C": "1", "D": "1"}, Stage.SELF)
    round_ = services.round_transition(actor=bloc.head_officer, round_=round_, action="peer")
    pairs = list(round_.cards.filter(stage=Stage.PEER).values_list("scorer_id", "target_id"))
    assert len(pairs) == len(set(pairs)) == 12
    assert all(scorer != target for scorer, target in pairs)


# ---------------------------------------------------------------- late cards, disagreements, weights


def test_late_and_missing_cards_are_visible(bloc):
    round_ = _open_round(bloc)  # self cards due 10/12
    a, b = bloc.members[0], bloc.members[1]
    on_time = datetime(YEAR, 12, 9, 16, tzinfo=TZ)
    late = datetime(YEAR, 12, 11, 1, tzinfo=TZ)  # 10/12 18:00 UTC: already the 11th in Việt Nam
    Scorecard.objects.filter(round=round_, stage=Stage.SELF, scorer=a).update(
        status=CardStatus.SUBMITTED, submitted_at=on_time
    )
    Scorecard.objects.filter(round=round_, stage=Stage.SELF, scorer=b).update(
        status=CardStatus.SUBMITTED, submitted_at=late
    )
    before = {s.card.scorer.code: s.late for s in selectors.card_states(round_, today=date(YEAR, 12, 10))}
    after = {s.card.scorer.code: s.late for s in selectors.card_states(round_, today=date(YEAR, 12, 11))}
    assert before == {"A": False, "B": True, "C": False, "D": False}
    assert after == {"A": False, "B": True, "C": True, "D": True}
    assert all(s.due == date(YEAR, 12, 10) for s in selectors.card_states(round_))


def _peer_round(bloc) -> ScoringRound:
    """Self cards at 0.9 of each maximum, then C gives A 25 of 40 on 1.1 (a gap of 11 points = 27.5 %)."""
    round_ = _open_round(bloc)
    levels = {"A": "1", "B": "0.9", "C": "0.8", "D": "0.7"}
    _score_fast(bloc, round_, round_.table, levels, Stage.SELF)
    round_ = services.round_transition(actor=bloc.head_officer, round_=round_, action="peer")
    _score_fast(bloc, round_, round_.table, levels, Stage.PEER)
    c11 = _criterion(round_.table, "1.1")
    Score.objects.filter(
        card__round=round_,
        card__stage=Stage.PEER,
        card__scorer=bloc.members[2],
        card__target=bloc.members[0],
        criterion=c11,
    ).update(points=Decimal(29))
    return round_


def test_disagreements_above_the_configured_gap_are_flagged(bloc):
    round_ = _peer_round(bloc)  # A's 1.1: 40 (self, B, D) against 29 (C): 27.5 % of 40
    c11 = _criterion(round_.table, "1.1")
    found = selectors.round_disagreements(round_)
    assert [(d.target, d.criterion, d.low, d.high) for d in found] == [
        (bloc.members[0].pk, c11.pk, Decimal(29), Decimal(40))
    ]
    assert selectors.gap_for(bloc.cluster) == (20, True)
    _override(bloc, "cluster.disagreement_gap_pct", 30)
    assert selectors.gap_for(bloc.cluster) == (30, False)
    assert selectors.round_disagreements(round_) == []


def test_the_ranking_takes_its_weights_from_the_configuration(bloc):
    round_ = _peer_round(bloc)
    round_ = services.round_transition(actor=bloc.head_officer, round_=round_, action="verify")
    round_.cards.filter(stage=Stage.HEAD).update(status=CardStatus.SUBMITTED)
    a = bloc.members[0]
    default = {s.member: s for s in selectors.round_standings(round_)}[a.pk]
    # peer mean: (100 + 100 + 89) / 3 = 96.33… → 96.3; head (prefilled from the self card) 100
    assert (default.self_total, default.peer_total, default.head_total) == (
        Decimal(100),
        Decimal("96.3"),
        Decimal(100),
    )
    assert default.final == Decimal("98.2")  # 50 % peer + 50 % head
    assert selectors.weights_for(bloc.cluster) == ({"self": 0, "peer": 50, "head": 50}, True)
    _override(bloc, "cluster.weights", {"self": 0, "peer": 100, "head": 0})
    peer_only = {s.member: s for s in selectors.round_standings(round_)}[a.pk]
    assert peer_only.final == Decimal("96.3")
    assert selectors.weights_for(bloc.cluster) == ({"self": 0, "peer": 100, "head": 0}, False)


# ---------------------------------------------------------------- the vote: secrecy and threshold


def _field_names(model: type[models.Model]) -> set[str]:
    return {f.name for f in model._meta.get_fields() if f.concrete}


def test_who_voted_and_what_was_chosen_are_kept_apart_by_the_schema():
    assert _field_names(VoteRoll) == {"id", "vote", "member"}
    assert _field_names(VoteChoice) == {"id", "vote", "choice", "receipt"}
    for model in (VoteRoll, VoteChoice):
        assert not any(isinstance(f, models.DateField) for f in model._meta.concrete_fields)


def test_choices_are_written_in_shuffled_order_with_nothing_linking_them_to_the_voter(bloc, monkeypatch):
    round_ = run_round(bloc, fast=True)
    head = bloc.head_officer
    vote = services.vote_create(actor=head, round_=round_, held_on=date(YEAR, 12, 28), method="secret")
    code = services.vote_open(actor=head, vote=vote)
    cast = dict(zip(bloc.members, ("agree", "disagree", "abstain", "agree"), strict=True))
    receipts = {
        m.code: services.vote_cast(actor=bloc.officer_of(m), vote=vote, member=m, choice=c)
        for m, c in cast.items()
    }
    shuffled: list[list] = []

    def reverse(entries: list) -> None:  # a visible permutation standing in for the random one
        shuffled.append(list(entries))
        entries.reverse()

    monkeypatch.setattr(services, "_shuffle", reverse)
    services.vote_close(actor=head, vote=vote, tally_code=code)
    assert len(shuffled) == 1 and len(shuffled[0]) == 4  # the opened choices were permuted before writing
    rows = list(VoteChoice.objects.filter(vote=vote))
    assert sorted(r.choice for r in rows) == ["abstain", "agree", "agree", "disagree"]
    by_receipt = {r.receipt: r.choice for r in rows}
    assert {code: by_receipt[receipt] for code, receipt in receipts.items()} == {
        "A": "agree",
        "B": "disagree",
        "C": "abstain",
        "D": "agree",
    }  # only the receipt, held by the voter, says which is theirs
    roll = {r.member.code for r in VoteRoll.objects.filter(vote=vote)}
    assert roll == {"A", "B", "C", "D"}
    assert not {str(r.id) for r in rows} & {str(r.id) for r in VoteRoll.objects.all()}
    vote.refresh_from_db()
    assert vote.public_key == "" and not hasattr(vote, "urn_cache")
    from thidua.clusters.models import VoteUrn

    assert not VoteUrn.objects.filter(vote=vote).exists()


def test_a_member_votes_once(bloc):
    round_ = run_round(bloc, fast=True)
    head = bloc.head_officer
    vote = services.vote_create(actor=head, round_=round_, held_on=date(YEAR, 12, 28), method="secret")
    services.vote_open(actor=head, vote=vote)
    a = bloc.members[0]
    services.vote_cast(actor=bloc.officers["A"], vote=vote, member=a, choice="agree")
    with pytest.raises(ValidationError, match="đã bỏ phiếu"):
        services.vote_cast(actor=bloc.officers["A"], vote=vote, member=a, choice="disagree")
    with pytest.raises(PermissionDenied):
        services.vote_cast(actor=bloc.officers["A"], vote=vote, member=bloc.members[2], choice="agree")


@pytest.mark.parametrize(("agree", "passed"), [(2, False), (3, True)])
def test_half_of_four_is_not_enough_to_hail_the_leader(agree, passed):
    assert services.vote_passes(agree=agree, electorate=4, threshold_pct=50) is passed


@pytest.mark.parametrize(("agree", "passed", "rank"), [(2, False, None), (3, True, 1)])
def test_a_show_of_hands_hails_the_leader_only_above_the_threshold(bloc, agree, passed, rank):
    round_ = run_round(bloc, fast=True)
    head = bloc.head_officer
    vote = services.vote_create(
        actor=head, round_=round_, held_on=date(YEAR, 12, 28), method=VoteMethod.HANDS
    )
    assert (vote.electorate, vote.threshold_pct, vote.threshold_to_verify) == (4, 50, True)
    vote = services.vote_record(
        actor=head, vote=vote, agree=agree, disagree=4 - agree, minutes="Biên bản họp"
    )
    assert (vote.status, vote.passed, vote.minutes) == (VoteStatus.TALLIED, passed, "Biên bản họp")
    assert CollectiveAppraisal.objects.get(organization=bloc.members[0], year=YEAR).cluster_rank == rank


def test_a_show_of_hands_counts_no_more_than_the_members(bloc):
    round_ = run_round(bloc, fast=True)
    vote = services.vote_create(
        actor=bloc.head_officer, round_=round_, held_on=date(YEAR, 12, 28), method=VoteMethod.HANDS
    )
    with pytest.raises(ValidationError, match=r"vượt số thành viên \(4\)"):
        services.vote_record(actor=bloc.head_officer, vote=vote, agree=4, disagree=1)
    vote.refresh_from_db()
    assert (vote.status, vote.agree) == (VoteStatus.PENDING, None)


# ---------------------------------------------------------------- ranks, the rules engine and the proposal


@pytest.fixture
def hailed(bloc) -> LeaderVote:
    round_ = run_round(bloc, fast=True)
    vote = services.vote_create(
        actor=bloc.head_officer, round_=round_, held_on=date(YEAR, 12, 28), method=VoteMethod.HANDS
    )
    return services.vote_record(actor=bloc.head_officer, vote=vote, agree=4, disagree=0)


def _leader_reason(nomination) -> dict:
    nomination.refresh_from_db()
    return next(r for r in nomination.reasons if r["criterion"] == "cluster_leader")


def test_the_ranks_are_written_and_the_rules_engine_reads_them(bloc, hailed):
    a, b, c, d = bloc.members
    ranks = dict(
        CollectiveAppraisal.objects.filter(year=YEAR).values_list("organization__code", "cluster_rank")
    )
    assert ranks == {"A": 1, "B": 2, "C": 3, "D": 4}
    proposal = services.proposal_create(actor=bloc.head_officer, round_=hailed.round)
    leader_line = proposal.batch.nominations.get(code=AwardCode.CO_TINH)
    assert leader_line.organization == a
    reason = _leader_reason(leader_line)
    assert reason["met"] is True and "Dẫn đầu cụm, khối" in reason["text"]
    second = nominations.nomination_add(
        actor=bloc.head_officer,
        batch=proposal.batch,
        code=AwardCode.CO_TINH,
        organization=b,
        check_permission=False,
    )
    reason = _leader_reason(second)
    assert reason["met"] is False and "Xếp thứ 2" in reason["text"]


def test_a_member_without_a_rating_of_the_year_is_reported_not_ranked(bloc, hailed):
    CollectiveAppraisal.objects.filter(organization=bloc.members[3], year=YEAR).delete()
    assert services.ranks_write(vote=hailed, actor=bloc.head_officer) == [bloc.members[3].pk]


def test_the_proposal_lines_follow_the_vote_and_the_configuration(bloc, hailed):
    a, b, c, d = bloc.members
    head = bloc.head_officer
    with pytest.raises(ValidationError) as refused:
        services.proposal_create(actor=head, round_=hailed.round, runners_up=[b, c, d])
    assert refused.value.message_dict["runners_up"] == [
        "Cụm, khối đề nghị Bằng khen cho tối đa 2 đơn vị xếp sau đơn vị dẫn đầu."
    ]
    with pytest.raises(ValidationError, match="không là đơn vị xếp sau"):
        services.proposal_create(actor=head, round_=hailed.round, runners_up=[a])
    _override(bloc, "cluster.runners_up", 3)
    proposal = services.proposal_create(
        actor=head, round_=hailed.round, runners_up=[d, b, c], exceptional=True
    )
    lines = sorted(proposal.batch.nominations.values_list("organization__code", "code"))
    assert lines == [
        ("A", AwardCode.CO_CHINH_PHU),
        ("A", AwardCode.CO_TINH),
        ("B", AwardCode.BANG_KHEN_TINH),
        ("C", AwardCode.BANG_KHEN_TINH),
        ("D", AwardCode.BANG_KHEN_TINH),
    ]
    assert (proposal.batch.unit, proposal.batch.office, proposal.batch.year) == (b, bloc.province, YEAR)
    with pytest.raises(ValidationError, match="đã có tờ trình"):
        services.proposal_create(actor=head, round_=hailed.round)


def test_only_the_head_proposes_and_only_after_the_leader_is_hailed(bloc):
    round_ = run_round(bloc, fast=True)
    with pytest.raises(ValidationError, match="Chưa có kết quả suy tôn"):
        services.proposal_create(actor=bloc.head_officer, round_=round_)
    vote = services.vote_create(
        actor=bloc.head_officer, round_=round_, held_on=date(YEAR, 12, 28), method=VoteMethod.HANDS
    )
    services.vote_record(actor=bloc.head_officer, vote=vote, agree=4, disagree=0)
    for who in (bloc.officers["A"], bloc.outsider_officer):
        with pytest.raises(PermissionDenied):
            services.proposal_create(actor=who, round_=round_)
    assert not round_.__class__.objects.filter(pk=round_.pk, proposal__isnull=False).exists()


def test_a_bloc_batch_names_members_but_a_normal_batch_still_refuses_another_agencys_collective(bloc, hailed):
    a, b = bloc.members[0], bloc.members[1]
    head = bloc.head_officer
    proposal = services.proposal_create(actor=head, round_=hailed.round)
    assert proposal.batch.unit == b and proposal.batch.nominations.filter(organization=a).exists()
    with pytest.raises(ValidationError, match="Sở Y tế không thuộc Sở Tài chính"):
        nominations.nomination_add(
            actor=head,
            batch=proposal.batch,
            code=AwardCode.BANG_KHEN_TINH,
            organization=bloc.outsider,
            check_permission=False,
        )
    normal = nominations.batch_create(actor=head, unit=b, year=YEAR, title="Tờ trình của Sở")
    with pytest.raises(ValidationError, match="Sở Khoa học và Công nghệ không thuộc Sở Tài chính"):
        nominations.nomination_add(actor=head, batch=normal, code=AwardCode.BANG_KHEN_TINH, organization=a)
    assert not normal.nominations.exists()
