"""Fixtures of the clusters tests: a province's bloc of four departments in 2024, its users, and helpers that
take a round from an adopted table to the vote (each step through the services, as a user does it)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from thidua.accounts.models import Role
from thidua.appraisals.models import CollectiveAppraisal
from thidua.clusters import services
from thidua.clusters.models import (
    CardStatus,
    Cluster,
    CriterionKind,
    Score,
    ScoringRound,
    ScoringTable,
    Stage,
)
from thidua.organizations.models import Organization, OrganizationKind

YEAR = 2024


@dataclass
class Bloc:
    province: Organization
    members: list[Organization]  # A (the deputy), B (the head), C, D
    outsider: Organization  # an agency of the province outside the bloc
    other_province: Organization
    cluster: Cluster
    province_officer: Any
    officers: dict[str, Any]  # by member code
    outsider_officer: Any
    staff: Any  # a staff member of A (no role in the bloc)
    users: dict[str, Any] = field(default_factory=dict)

    @property
    def head(self) -> Organization:
        return self.members[1]

    @property
    def head_officer(self) -> Any:
        return self.officers["B"]

    def officer_of(self, org: Organization) -> Any:
        return self.officers[org.code]


@pytest.fixture
def bloc(db, make_user) -> Bloc:
    return build_bloc(make_user)


def build_bloc(make_user: Any) -> Bloc:
    """The bloc of the fixture above (also built once per module by tests/test_views.py)."""
    province = Organization.objects.create(
        kind=OrganizationKind.PROVINCE, code="P", name="Ủy ban nhân dân tỉnh Yên Bái"
    )
    other_province = Organization.objects.create(
        kind=OrganizationKind.PROVINCE, code="Q", name="Ủy ban nhân dân tỉnh Lào Cai"
    )
    names = {
        "A": "Sở Khoa học và Công nghệ",
        "B": "Sở Tài chính",
        "C": "Sở Xây dựng",
        "D": "Sở Công Thương",
    }
    members = [
        Organization.objects.create(
            kind=OrganizationKind.AGENCY,
            code=code,
            name=name,
            short_name=name.replace("Sở ", "S. "),
            parent=province,
            signer_name=f"Giám đốc {code}",
            signer_title="Giám đốc",
        )
        for code, name in names.items()
    ]
    outsider = Organization.objects.create(
        kind=OrganizationKind.AGENCY, code="E", name="Sở Y tế", parent=province
    )
    cluster = Cluster.objects.create(
        province=province,
        code="KT",
        name="Khối thi đua các cơ quan kinh tế – kỹ thuật",
        decision_number="1234/QĐ-UBND",
        decision_date=date(2023, 3, 1),
        valid_from=date(2023, 3, 1),
    )
    for org in members:
        cluster.memberships.create(organization=org, valid_from=date(2023, 3, 1))
    for year in (YEAR - 1, YEAR):
        cluster.rotas.create(year=year, head=members[1], deputy=members[0])
        for org, rating in zip(members, ("HTXSNV", "HTXSNV", "HTTNV", "HTTNV"), strict=True):
            CollectiveAppraisal.objects.create(organization=org, year=year, rating=rating)
    officers = {org.code: make_user(Role.OFFICER, org, username=f"officer_{org.code}") for org in members}
    return Bloc(
        province=province,
        members=members,
        outsider=outsider,
        other_province=other_province,
        cluster=cluster,
        province_officer=make_user(Role.OFFICER, province, username="province_officer"),
        officers=officers,
        outsider_officer=make_user(Role.OFFICER, outsider, username="officer_E"),
        staff=make_user(Role.STAFF, members[0], username="staff_A"),
    )


def adopted_table(bloc: Bloc, *, precision: int = 1, year: int = YEAR) -> ScoringTable:
    """A table of two groups (60 + 40 points), a bonus and a penalty, adopted by the head."""
    actor = bloc.head_officer
    table = services.table_create(
        actor=actor, cluster=bloc.cluster, year=year, title=f"Bảng tiêu chí {year}", precision=precision
    )
    g1 = services.group_add(
        actor=actor, table=table, code="I", title="Thực hiện nhiệm vụ chuyên môn", max_points="60"
    )
    services.criterion_add(
        actor=actor,
        group=g1,
        code="1.1",
        title="Hoàn thành chỉ tiêu kế hoạch",
        max_points="40",
        evidence="Báo cáo kết quả",
    )
    services.criterion_add(actor=actor, group=g1, code="1.2", title="Cải cách hành chính", max_points="20")
    g2 = services.group_add(
        actor=actor, table=table, code="II", title="Công tác thi đua, khen thưởng", max_points="40"
    )
    services.criterion_add(
        actor=actor, group=g2, code="2.1", title="Tổ chức phong trào thi đua", max_points="40"
    )
    services.criterion_add(
        actor=actor,
        group=g2,
        code="2.2",
        title="Sáng kiến được nhân rộng",
        max_points="5",
        kind=CriterionKind.BONUS,
    )
    services.criterion_add(
        actor=actor,
        group=g2,
        code="2.3",
        title="Vi phạm bị nhắc nhở",
        max_points="5",
        kind=CriterionKind.PENALTY,
    )
    table.refresh_from_db()
    return services.table_transition(actor=actor, table=table, action="adopt")


def score_values(table: ScoringTable, base: Decimal) -> dict[int, tuple[str, str]]:
    """A full card: each standard criterion at `base` × its maximum, no bonus, no penalty."""
    values = {}
    for group in table.groups.all():
        for criterion in group.criteria.all():
            points = criterion.max_points * base if criterion.kind == CriterionKind.STANDARD else Decimal(0)
            values[criterion.pk] = (str(points.quantize(table.step)), "")
    return values


def _score_through_services(
    bloc: Bloc, round_: ScoringRound, table: ScoringTable, levels, stage: str
) -> None:
    for card in round_.cards.filter(stage=stage):
        actor = bloc.officers[card.scorer.code]
        services.scores_save(
            actor=actor, card=card, values=score_values(table, Decimal(levels[card.target.code]))
        )
        services.card_transition(actor=actor, card=card, action="submit")


def _score_fast(bloc: Bloc, round_: ScoringRound, table: ScoringTable, levels, stage: str) -> None:
    cards = list(round_.cards.filter(stage=stage).select_related("target"))
    Score.objects.bulk_create(
        [
            Score(card=card, criterion_id=criterion_id, points=Decimal(points))
            for card in cards
            for criterion_id, (points, _note) in score_values(
                table, Decimal(levels[card.target.code])
            ).items()
        ]
    )
    round_.cards.filter(stage=stage).update(status=CardStatus.SUBMITTED, submitted_at=timezone.now())


def run_round(
    bloc: Bloc,
    *,
    levels: dict[str, str] | None = None,
    close: bool = True,
    year: int = YEAR,
    period: str = "year_end",
    fast: bool = False,
) -> ScoringRound:
    """Adopt a table, open a round, every member self-scores and peer-scores (each member at its own level of
    the maximum), the head verifies, and the round closes. `levels` by member code (default A best). `fast`
    writes the cards in bulk instead of through the services (for fixtures that only need the round's state)."""
    levels = levels or {"A": "0.95", "B": "0.9", "C": "0.8", "D": "0.7"}
    table = adopted_table(bloc, year=year)
    head = bloc.head_officer
    round_ = services.round_create(
        actor=head,
        cluster=bloc.cluster,
        year=year,
        table=table,
        self_due=date(year, 12, 10),
        peer_due=date(year, 12, 20),
        period=period,
    )
    round_ = services.round_transition(actor=head, round_=round_, action="open", on=date(year, 12, 1))
    scored = _score_fast if fast else _score_through_services
    scored(bloc, round_, table, levels, Stage.SELF)
    round_ = services.round_transition(actor=head, round_=round_, action="peer")
    scored(bloc, round_, table, levels, Stage.PEER)
    round_ = services.round_transition(actor=head, round_=round_, action="verify")
    if fast:
        round_.cards.filter(stage=Stage.HEAD).update(status=CardStatus.SUBMITTED, submitted_at=timezone.now())
    else:
        for card in round_.cards.filter(stage=Stage.HEAD):
            services.card_transition(actor=head, card=card, action="submit")
    if close:
        round_ = services.round_transition(actor=head, round_=round_, action="close")
    return round_


# The route × role matrix's fixtures (tests/world.py reads the helpers above).
from .world import people, world  # noqa: E402, F401
