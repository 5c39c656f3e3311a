"""The world of the clusters' route × role matrix (tests/test_views.py), shared by the three parts of the
matrix (matrix_setup, matrix_scoring, matrix_documents): a bloc of four departments with

- 2023: a year-end round closed, its secret vote tallied (A hailed) and the proposal drafted;
- 2024: the covenant (draft, one target), the table adopted (v1) and a draft v2, a document; a year-end round
  closed with a pending secret vote; a mid-year round at self-scoring with its cards.

The roles: the province's officer, the head's officer (B), a member's officer (A, the deputy), an agency of the
province outside the bloc, a member of A's staff, and an officer of another province.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from thidua.accounts.models import Role
from thidua.clusters import services
from thidua.clusters.models import ClusterKind, DocumentKind, Stage, VoteMethod
from thidua.core.uploads import upload_check

from .conftest import YEAR, adopted_table, run_round

ROLES = (
    "province_officer",
    "head_officer",
    "member_officer",
    "outsider_officer",
    "staff_a",
    "other_province",
)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def people(bloc, make_user) -> dict[str, Any]:
    return build_people(bloc, make_user)


def build_people(bloc: Any, make_user: Any) -> dict[str, Any]:
    return {
        "province_officer": bloc.province_officer,
        "head_officer": bloc.head_officer,
        "member_officer": bloc.officers["A"],
        "outsider_officer": bloc.outsider_officer,
        "staff_a": bloc.staff,
        "other_province": make_user(Role.OFFICER, bloc.other_province, username="officer_Q"),
    }


@pytest.fixture
def world(bloc) -> dict[str, Any]:
    return build_world(bloc)


def build_world(bloc: Any) -> dict[str, Any]:
    head = bloc.head_officer
    a = bloc.members[0]
    old = run_round(bloc, year=YEAR - 1, fast=True)
    old_vote = services.vote_create(
        actor=head, round_=old, held_on=date(YEAR - 1, 12, 28), method=VoteMethod.SECRET
    )
    code = services.vote_open(actor=head, vote=old_vote)
    for member in bloc.members:
        services.vote_cast(actor=bloc.officer_of(member), vote=old_vote, member=member, choice="agree")
    services.vote_close(actor=head, vote=old_vote, tally_code=code)
    old_vote = services.vote_tally(actor=head, vote=old_vote)
    proposal = services.proposal_create(actor=head, round_=old, runners_up=[bloc.members[1]])

    closed = run_round(bloc, fast=True)
    vote = services.vote_create(
        actor=head, round_=closed, held_on=date(YEAR, 12, 28), method=VoteMethod.SECRET
    )
    table = closed.table
    draft = services.table_new_version(actor=head, table=table)
    mid = services.round_create(
        actor=head,
        cluster=bloc.cluster,
        year=YEAR,
        table=table,
        self_due=date(YEAR, 6, 20),
        peer_due=date(YEAR, 6, 30),
        period="mid_year",
    )
    mid = services.round_transition(actor=head, round_=mid, action="open", on=date(YEAR, 6, 1))
    own_card = mid.cards.get(stage=Stage.SELF, scorer=a)
    head_own_card = mid.cards.get(stage=Stage.SELF, scorer=bloc.head)
    covenant = services.covenant_create(
        actor=head, cluster=bloc.cluster, year=YEAR, commitments="Hoàn thành kế hoạch"
    )
    target = services.target_add(actor=head, covenant=covenant, text="100% hồ sơ trực tuyến", measure="100%")
    document = services.document_add(
        actor=bloc.province_officer,
        cluster=bloc.cluster,
        kind=DocumentKind.DECISION,
        title="Quyết định phân chia khối",
        upload=upload_check(data=PDF, name="qd.pdf"),
    )
    criterion = draft.groups.earliest("pk").criteria.earliest("pk")
    membership = bloc.cluster.memberships.get(organization=bloc.members[3])
    return {
        "bloc": bloc,
        "cluster": bloc.cluster,
        "kind": ClusterKind.KHOI,
        "old_round": old,
        "old_vote": old_vote,
        "proposal": proposal,
        "closed_round": closed,
        "vote": vote,
        "table": table,
        "draft_table": draft,
        "group": draft.groups.first(),
        "criterion": criterion,
        "mid_round": mid,
        "own_card": own_card,
        "head_own_card": head_own_card,
        "covenant": covenant,
        "target": target,
        "document": document,
        "membership": membership,
        "adopted_table": adopted_table,
    }
