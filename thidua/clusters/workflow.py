"""The lifecycles of a cluster's year, as data on the one workflow engine: the scoring table, the scoring round,
a scorecard and the vote for the leader.

The actors of a bloc are agencies in a position for a year, not grants: the year's head (Trưởng khối, from the
`Rota`), the members (on the day), and the province's standing office. The tables name them with three markers
(`HEAD`, `MEMBER`, `SCORER`), which `authorize` resolves to the officers and signing leaders
(`Role.OFFICER`, `Role.SIGNER`) of that agency — or to the province's officers, who oversee every bloc.

Scoring table:

    draft --consult--> consulting --revise--> draft
    draft, consulting --adopt--> adopted --supersede--> superseded

- `adopt`: at least one group with a criterion, every maximum above zero, each group's standard criteria adding
  up to the group's maximum. An adopted table never changes (services refuse it; a property test checks it); a
  change is a new version, and adopting it supersedes the old one.

Scoring round:

    draft --open--> self --peer--> peer --verify--> verify --close--> closed

- `open`: the table is adopted and the bloc has at least two members; a self card is made for each member.
- `peer`: each member's self card is submitted; a peer card is made for every ordered pair of members.
- `verify`: the head's verification cards are made, prefilled from the self cards.
- `close`: every head card is submitted; the ranking is computed and stored on the round.

Scorecard:

    draft --submit--> submitted --return--> draft   (the head returns it with a reason)

- `submit`: the round is at the card's stage and every criterion has a score.

Vote for the leader (suy tôn):

    pending --open--> open --close--> closed --tally--> tallied     (secret ballot)
    pending --record--> tallied                                     (show of hands, counts typed by the head)
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.accounts.models import Role
from thidua.accounts.scope import active_grants, has_role, is_system_admin
from thidua.core.workflow import Step, Workflow, edge
from thidua.organizations.models import Organization, OrganizationKind

from .models import (
    CardStatus,
    Criterion,
    CriterionKind,
    LeaderVote,
    Membership,
    Rota,
    RoundStatus,
    Scorecard,
    ScoringRound,
    ScoringTable,
    Stage,
    TableStatus,
    VoteMethod,
    VoteStatus,
)

if TYPE_CHECKING:
    from thidua.accounts.models import User

    from .models import Cluster

HEAD = "cluster_head"
MEMBER = "cluster_member"
SCORER = "cluster_scorer"
AGENCY_ROLES = (Role.OFFICER, Role.SIGNER)
PROVINCE_ROLES = (Role.OFFICER,)


# ---------------------------------------------------------------- who is who in a bloc's year


def members_on(cluster: Cluster, day: date) -> list[Organization]:
    """The member agencies of `cluster` on `day`, by name."""
    ids = (
        Membership.objects.filter(cluster=cluster, valid_from__lte=day)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
        .values("organization_id")
    )
    return list(Organization.objects.filter(pk__in=ids).order_by("sort_key", "pk"))


def year_day(year: int) -> date:
    """The day a year's membership is read on: the last day of the year, or today in the current year."""
    today = timezone.localdate()
    return today if year == today.year else date(year, 12, 31)


def rota_of(cluster: Cluster, year: int) -> Rota | None:
    return Rota.objects.filter(cluster=cluster, year=year).select_related("head", "deputy").first()


def is_province_officer(actor: User | None, cluster: Cluster) -> bool:
    return has_role(actor, *PROVINCE_ROLES, organization=cluster.province)


def acts_for(actor: User | None, organization: Organization | None) -> bool:
    """Whether `actor` speaks for `organization` in the bloc (its officers and signing leaders). The province's
    officers oversee every bloc but never speak for a member: their grant, held at the province and wide over its
    agencies, does not make them a member's scorer or voter (else one person could cast every member's ballot)."""
    if organization is None or not has_role(actor, *AGENCY_ROLES, organization=organization):
        return False
    if is_system_admin(actor):
        return True
    return any(
        grant.role in AGENCY_ROLES
        and grant.organization.kind != OrganizationKind.PROVINCE
        and organization.path.startswith(grant.organization.path)
        for grant in active_grants(actor)
    )


def is_head(actor: User | None, cluster: Cluster, year: int) -> bool:
    rota = rota_of(cluster, year)
    return is_province_officer(actor, cluster) or (rota is not None and acts_for(actor, rota.head))


def _resolve(actor: User | None, cluster: Cluster, year: int, roles: frozenset[str], scorer=None) -> bool:
    if HEAD in roles and is_head(actor, cluster, year):
        return True
    if SCORER in roles and scorer is not None and acts_for(actor, scorer):
        return True
    if MEMBER in roles:
        return is_province_officer(actor, cluster) or any(
            acts_for(actor, member) for member in members_on(cluster, year_day(year))
        )
    return False


# ---------------------------------------------------------------- the scoring table

CONSULT, REVISE, ADOPT, SUPERSEDE = "consult", "revise", "adopt", "supersede"


def points_text(value: Decimal) -> str:
    """Points as people write them: 50, 2,5 (never 5E+1, which `Decimal.normalize` alone gives)."""
    return f"{value.normalize():f}".replace(".", ",")


def table_problems(table: ScoringTable) -> list[str]:
    """What stops `table` from being adopted (shown on its page and checked by the `adopt` guard)."""
    problems: list[str] = []
    groups = list(table.groups.prefetch_related("criteria"))
    if not any(g.criteria.all() for g in groups):
        problems.append(_("Bảng tiêu chí chưa có tiêu chí nào."))
    for group in groups:
        criteria = list(group.criteria.all())
        if group.max_points <= 0:
            problems.append(_("Nhóm “%(group)s”: điểm tối đa phải lớn hơn 0.") % {"group": group.code})
        zero = [c.code for c in criteria if c.max_points <= 0]
        if zero:
            problems.append(_("Tiêu chí %(codes)s: điểm tối đa phải lớn hơn 0.") % {"codes": ", ".join(zero)})
        standard = sum((c.max_points for c in criteria if c.kind == CriterionKind.STANDARD), start=Decimal(0))
        if (
            criteria
            and any(c.kind == CriterionKind.STANDARD for c in criteria)
            and standard != group.max_points
        ):
            problems.append(
                _("Nhóm “%(group)s”: tổng điểm các tiêu chí (%(sum)s) khác điểm tối đa của nhóm (%(max)s).")
                % {"group": group.code, "sum": points_text(standard), "max": points_text(group.max_points)}
            )
    return problems


def _guard_adopt(table: ScoringTable, step: Step) -> str | None:
    problems = table_problems(table)
    return " ".join(problems) if problems else None


def _guard_supersede(table: ScoringTable, step: Step) -> str | None:
    newer = ScoringTable.objects.filter(
        cluster_id=table.cluster_id, year=table.year, number__gt=table.number, status=TableStatus.ADOPTED
    )
    if not newer.exists():
        return _("Chỉ thay thế khi phiên bản mới đã được thông qua.")
    return None


TABLE_TRANSITIONS = (
    edge(
        TableStatus.DRAFT, CONSULT, TableStatus.CONSULTING, [HEAD], gettext_lazy("Gửi lấy ý kiến thành viên")
    ),
    edge(TableStatus.CONSULTING, REVISE, TableStatus.DRAFT, [HEAD], gettext_lazy("Tiếp thu, chỉnh sửa")),
    edge(
        TableStatus.DRAFT, ADOPT, TableStatus.ADOPTED, [HEAD], gettext_lazy("Thông qua"), guard=_guard_adopt
    ),
    edge(
        TableStatus.CONSULTING,
        ADOPT,
        TableStatus.ADOPTED,
        [HEAD],
        gettext_lazy("Thông qua"),
        guard=_guard_adopt,
    ),
    edge(
        TableStatus.ADOPTED,
        SUPERSEDE,
        TableStatus.SUPERSEDED,
        [HEAD],
        gettext_lazy("Thay thế bằng phiên bản mới"),
        guard=_guard_supersede,
    ),
)

TABLE = Workflow(
    name="cluster_table",
    model=ScoringTable,
    transitions=TABLE_TRANSITIONS,
    authorize=lambda actor, table, roles: _resolve(actor, table.cluster, table.year, roles),
    related=("cluster__province",),
)


# ---------------------------------------------------------------- the scoring round

OPEN, PEER, VERIFY, CLOSE = "open", "peer", "verify", "close"


def _guard_round_open(round_: ScoringRound, step: Step) -> str | None:
    if round_.table.status != TableStatus.ADOPTED:
        return _("Bảng tiêu chí của đợt chấm chưa được thông qua.")
    if len(members_on(round_.cluster, step.on or timezone.localdate())) < 2:
        return _("Cụm, khối phải có ít nhất hai thành viên để chấm điểm.")
    return None


def _cards_not_submitted(round_: ScoringRound, stage: str) -> int:
    return round_.cards.filter(stage=stage).exclude(status=CardStatus.SUBMITTED).count()


def _guard_round_peer(round_: ScoringRound, step: Step) -> str | None:
    waiting = _cards_not_submitted(round_, Stage.SELF)
    if waiting:
        return _("Còn %(n)s thành viên chưa gửi phiếu tự chấm.") % {"n": waiting}
    return None


def _guard_round_verify(round_: ScoringRound, step: Step) -> str | None:
    if not round_.cards.filter(stage=Stage.PEER, status=CardStatus.SUBMITTED).exists():
        return _("Chưa có phiếu chấm chéo nào được gửi.")
    return None


def _guard_round_close(round_: ScoringRound, step: Step) -> str | None:
    waiting = _cards_not_submitted(round_, Stage.HEAD)
    if waiting:
        return _("Còn %(n)s phiếu thẩm định của Trưởng khối chưa hoàn thành.") % {"n": waiting}
    return None


ROUND_TRANSITIONS = (
    edge(
        RoundStatus.DRAFT,
        OPEN,
        RoundStatus.SELF,
        [HEAD],
        gettext_lazy("Mở tự chấm điểm"),
        guard=_guard_round_open,
    ),
    edge(
        RoundStatus.SELF,
        PEER,
        RoundStatus.PEER,
        [HEAD],
        gettext_lazy("Chuyển sang chấm chéo"),
        guard=_guard_round_peer,
    ),
    edge(
        RoundStatus.PEER,
        VERIFY,
        RoundStatus.VERIFY,
        [HEAD],
        gettext_lazy("Chuyển sang thẩm định"),
        guard=_guard_round_verify,
    ),
    edge(
        RoundStatus.VERIFY,
        CLOSE,
        RoundStatus.CLOSED,
        [HEAD],
        gettext_lazy("Chốt kết quả xếp hạng"),
        guard=_guard_round_close,
    ),
)

ROUND = Workflow(
    name="cluster_round",
    model=ScoringRound,
    transitions=ROUND_TRANSITIONS,
    authorize=lambda actor, round_, roles: _resolve(actor, round_.cluster, round_.year, roles),
    related=("cluster__province", "table"),
)


# ---------------------------------------------------------------- a scorecard

SUBMIT, RETURN = "submit", "return"
STAGE_OF_ROUND: dict[str, str] = {
    Stage.SELF: RoundStatus.SELF,
    Stage.PEER: RoundStatus.PEER,
    Stage.HEAD: RoundStatus.VERIFY,
}


def card_missing(card: Scorecard) -> list[str]:
    """The codes of the criteria the card has not scored yet."""
    scored = set(card.scores.values_list("criterion_id", flat=True))
    return [
        c.code
        for c in Criterion.objects.filter(group__table_id=card.round.table_id).order_by(
            "group__position", "position"
        )
        if c.pk not in scored and c.kind == CriterionKind.STANDARD
    ]


def _guard_card_submit(card: Scorecard, step: Step) -> str | None:
    if card.round.status != STAGE_OF_ROUND[card.stage]:
        return _("Đợt chấm không ở bước “%(stage)s”.") % {"stage": card.get_stage_display()}
    missing = card_missing(card)
    if missing:
        return _("Chưa chấm các tiêu chí: %(codes)s.") % {"codes": ", ".join(missing)}
    return None


def _guard_card_return(card: Scorecard, step: Step) -> str | None:
    if card.round.status != STAGE_OF_ROUND[card.stage]:
        return _("Đợt chấm đã qua bước “%(stage)s”.") % {"stage": card.get_stage_display()}
    return None


CARD_TRANSITIONS = (
    edge(
        CardStatus.DRAFT,
        SUBMIT,
        CardStatus.SUBMITTED,
        [SCORER],
        gettext_lazy("Gửi phiếu chấm"),
        guard=_guard_card_submit,
    ),
    edge(
        CardStatus.SUBMITTED,
        RETURN,
        CardStatus.DRAFT,
        [HEAD],
        gettext_lazy("Trả lại để chấm lại"),
        reason_required=True,
        guard=_guard_card_return,
    ),
)


def _authorize_card(actor: User | None, card: Scorecard, roles: frozenset[str]) -> bool:
    if HEAD in roles:
        return is_head(actor, card.round.cluster, card.round.year)
    if card.stage == Stage.HEAD:
        return is_head(actor, card.round.cluster, card.round.year)
    return acts_for(actor, card.scorer)


CARD = Workflow(
    name="cluster_scorecard",
    model=Scorecard,
    transitions=CARD_TRANSITIONS,
    authorize=_authorize_card,
    related=("round__cluster__province", "scorer", "target"),
)


# ---------------------------------------------------------------- the vote for the leader

TALLY, RECORD = "tally", "record"


def _guard_vote_open(vote: LeaderVote, step: Step) -> str | None:
    if vote.method != VoteMethod.SECRET:
        return _("Biểu quyết giơ tay: nhập kết quả, không mở hòm phiếu.")
    if vote.round.status != RoundStatus.CLOSED:
        return _("Đợt chấm điểm chưa chốt kết quả xếp hạng.")
    return None


def _guard_vote_record(vote: LeaderVote, step: Step) -> str | None:
    if vote.method != VoteMethod.HANDS:
        return _("Bỏ phiếu kín: mở hòm phiếu để các thành viên bỏ phiếu.")
    if vote.round.status != RoundStatus.CLOSED:
        return _("Đợt chấm điểm chưa chốt kết quả xếp hạng.")
    return None


VOTE_TRANSITIONS = (
    edge(
        VoteStatus.PENDING,
        OPEN,
        VoteStatus.OPEN,
        [HEAD],
        gettext_lazy("Mở bỏ phiếu suy tôn"),
        guard=_guard_vote_open,
    ),
    edge(VoteStatus.OPEN, CLOSE, VoteStatus.CLOSED, [HEAD], gettext_lazy("Đóng bỏ phiếu")),
    edge(VoteStatus.CLOSED, TALLY, VoteStatus.TALLIED, [HEAD], gettext_lazy("Kiểm phiếu")),
    edge(
        VoteStatus.PENDING,
        RECORD,
        VoteStatus.TALLIED,
        [HEAD],
        gettext_lazy("Ghi kết quả biểu quyết"),
        guard=_guard_vote_record,
    ),
)

VOTE = Workflow(
    name="cluster_vote",
    model=LeaderVote,
    transitions=VOTE_TRANSITIONS,
    authorize=lambda actor, vote, roles: _resolve(actor, vote.round.cluster, vote.round.year, roles),
    related=("round__cluster__province", "candidate"),
)
