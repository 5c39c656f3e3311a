"""The demo step: the Yên Bái bloc of economic–technical departments — eight members, the 2024 covenant signed,
the adopted table, the year-end round closed with its ranking, the leader hailed by secret ballot and proposed
for the provincial flag; a 2025 mid-year round at self-scoring with late cards; its two logins read its pages."""

import random
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from thidua.accounts.demo import DEMO_PASSWORD
from thidua.accounts.models import User
from thidua.appraisals.models import CollectiveAppraisal
from thidua.clusters import demo, selectors
from thidua.clusters.models import (
    CardStatus,
    Cluster,
    Covenant,
    CovenantStatus,
    CriterionKind,
    LeaderVote,
    Period,
    RoundStatus,
    Score,
    ScoreRevision,
    ScoringRound,
    ScoringTable,
    Stage,
    TableStatus,
    VoteMethod,
    VoteStatus,
)
from thidua.clusters.workflow import is_head, is_province_officer, table_problems
from thidua.core.registry import registry
from thidua.core.tests.demo_fixtures import demo_once
from thidua.nominations.models import BatchStatus
from thidua.organizations.models import Organization

pytestmark = pytest.mark.django_db


demo_seeded = demo_once(people=40, years=3, seed=11)


@pytest.fixture
def bloc(demo_seeded, db) -> Cluster:
    return Cluster.objects.get(code=demo.CLUSTER_CODE)


def test_the_step_runs_after_the_fund_and_skips_without_the_department():
    orders = {f"{step.__module__}.{step.__name__}": order for order, step in registry.demo_steps}
    ours = [order for name, order in orders.items() if name.startswith("thidua.clusters.demo.")]
    assert ours == [96] and orders["thidua.fund.demo.build_fund"] < 96
    summary = demo.build_clusters(rng=random.Random(1), orgs=None, people=[], first_year=2016, last_year=2025)
    assert summary is not None and summary.startswith("bỏ qua")
    assert not Cluster.objects.exists()


def test_the_bloc_has_eight_members_its_heads_its_2024_covenant_signed_and_its_table_adopted(bloc):
    department = Organization.objects.get(code=demo.DEPARTMENT_CODE)
    members = {m.organization for m in bloc.memberships.all()}
    assert len(members) == 8 and department in members
    assert all(m.parent_id == bloc.province_id for m in members)
    assert bloc.province.code == demo.PROVINCE_CODE
    assert (bloc.decision_number, bloc.decision_date, bloc.valid_from) == demo.DIVISION
    for year in (2024, 2025):
        rota = bloc.rotas.get(year=year)
        assert (rota.head.code, rota.deputy) == ("YB-STC", department)
    assert bloc.documents.filter(kind="decision").count() == 1

    # The 2024 covenant signed at the launch conference, the table adopted as the rules ask.
    covenant = Covenant.objects.get(cluster=bloc, year=2024)
    assert covenant.status == CovenantStatus.SIGNED and covenant.signed_on == date(2024, 2, 27)
    assert covenant.signatories.count() == 8 and covenant.targets.count() >= 5
    assert covenant.movement is not None and covenant.movement.code == demo.MOVEMENT_CODE
    table = ScoringTable.objects.get(cluster=bloc, year=2024)
    assert table.status == TableStatus.ADOPTED and table.adopted_on == date(2024, 3, 25)
    assert table_problems(table) == []
    groups = list(table.groups.prefetch_related("criteria"))
    assert [g.code for g in groups] == ["I", "II", "III", "IV"]
    assert sum(g.max_points for g in groups) == 100
    kinds = {c.kind for g in groups for c in g.criteria.all()}
    assert kinds == {CriterionKind.STANDARD, CriterionKind.BONUS, CriterionKind.PENALTY}
    assert any(c.evidence for g in groups for c in g.criteria.all())
    assert table.comments.count() == 2


def test_2024_closes_with_the_leader_hailed_and_proposed_and_2025_is_at_self_scoring_with_late_cards(bloc):
    round_ = ScoringRound.objects.get(cluster=bloc, year=2024, period=Period.YEAR_END)
    assert round_.status == RoundStatus.CLOSED and len(round_.ranking) == 8
    assert not round_.cards.exclude(status=CardStatus.SUBMITTED).exists()
    assert round_.cards.filter(stage=Stage.PEER).count() == 8 * 7
    # The stored ranking is the one the scores give, complete for every member.
    assert round_.ranking == [s.as_json() for s in selectors.round_standings(round_)]
    assert all(row["complete"] for row in round_.ranking)
    first = round_.ranking[0]
    assert first["rank"] == 1
    # History: some scores were changed after they were first typed; a card went back to its member.
    typed = {"score__card__round": round_, "score__card__stage__in": [Stage.SELF, Stage.PEER]}
    revisions = ScoreRevision.objects.filter(**typed)
    assert (
        revisions.count()
        > Score.objects.filter(card__round=round_, card__stage__in=[Stage.SELF, Stage.PEER]).count()
    )
    assert not revisions.filter(author__isnull=True).exists()
    assert round_.cards.filter(stage=Stage.SELF, submitted_at__date__gt=round_.self_due).exists()
    flagged = selectors.round_disagreements(round_)
    assert 1 <= len(flagged) <= 3

    vote = LeaderVote.objects.get(round=round_)
    assert vote.method == VoteMethod.SECRET and vote.status == VoteStatus.TALLIED and vote.passed
    assert vote.candidate_id == first["member"]
    assert vote.present == vote.electorate == 8
    assert vote.agree is not None and vote.agree > 4
    assert CollectiveAppraisal.objects.get(organization_id=vote.candidate_id, year=2024).cluster_rank == 1

    batch = round_.proposal.batch
    assert batch.office == bloc.province and batch.dated == date(2025, 1, 6)
    lines = {(n.code, n.organization_id) for n in batch.nominations.all()}
    assert ("CO_TINH", vote.candidate_id) in lines
    assert {code for code, _org in lines} == {"CO_TINH", "BANG_KHEN_TINH"} and len(lines) == 3
    assert batch.status == BatchStatus.SUBMITTED
    assert batch.dossier_items.filter(kind="proposal").count() == 1

    # 2025: the mid-year round at self-scoring, some cards sent on time, some late, some not sent.
    mid = ScoringRound.objects.get(cluster=bloc, year=2025, period=Period.MID_YEAR)
    assert mid.status == RoundStatus.SELF
    states = selectors.card_states(mid, today=date(2025, 6, 28))
    sent = [s for s in states if s.card.status == CardStatus.SUBMITTED]
    assert 0 < len(sent) < 8
    assert any(s.late and s.card.status == CardStatus.SUBMITTED for s in states)  # sent after the due date
    assert any(s.late and s.card.status == CardStatus.DRAFT for s in states)  # not sent by then
    assert any(not s.late for s in sent)


def test_the_new_logins_read_the_bloc_as_its_head_and_the_province_office(bloc):
    round_ = ScoringRound.objects.get(cluster=bloc, year=2024, period=Period.YEAR_END)
    pages = (
        reverse("clusters:cluster_detail", args=[bloc.pk]),
        reverse("clusters:round_detail", args=[round_.pk]),
        reverse("clusters:ranking", args=[round_.pk]),
    )
    for username in (demo.HEAD_USER, demo.PROVINCE_USER):
        client = Client()
        assert client.login(username=username, password=DEMO_PASSWORD), username
        for page in pages:
            assert client.get(page).status_code == 200, (username, page)
    head, office = User.objects.get(username=demo.HEAD_USER), User.objects.get(username=demo.PROVINCE_USER)
    assert is_head(head, bloc, 2025) and not is_province_officer(head, bloc)
    assert is_province_officer(office, bloc)
