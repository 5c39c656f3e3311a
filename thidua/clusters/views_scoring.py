"""The scoring pages of a bloc: the Department's side (its clusters, what it still has to do, its scores against
the others, its history), the scoring round (progress, live standings, disagreements, weights), the ranking, the
scorecard (scores with their history, evidence), the bloc meeting's vote for the leader and the proposal.

Every view needs an officer's or a signing leader's role, then the bloc's scope: a round, card or vote of a
cluster the user cannot read answers 404 (`restrict`). A card is opened by its scorer's officers and by the
year's head (and the province's officers); another member's card is a 404. A member's evidence is read with its
card and, from the peer round on, by the members that score it (listed beside their peer cards). Writes go through
the services, which check the actor's position again (403); a refusal the user can act on comes back as a message
or a form error, and a button of a page opened before the record moved on says so instead of answering 403.

The secret vote follows the council's ballot: the tally code and the receipt are shown once, in the answer of the
POST itself (never cached, kept out of error reports); the roll shows who voted, never a choice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_POST

from thidua.accounts.models import Role
from thidua.accounts.scope import VIEW, managed_organizations, restrict
from thidua.core.forms import perform_service
from thidua.core.permissions import view_permission
from thidua.core.uploads import upload_response
from thidua.organizations.models import Organization
from thidua.rules.engine.config import ITEMS as CONFIG_ITEMS
from thidua.rules.services import rule_config_for

from . import forms_scoring as forms
from . import selectors, services, workflow
from .models import (
    CardStatus,
    Cluster,
    ClusterProposal,
    Criterion,
    CriterionGroup,
    Evidence,
    LeaderVote,
    Membership,
    Period,
    Rota,
    RoundStatus,
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
from .ranking import CriterionSpec, Standing, compute_ranking, disagreements
from .workflow import AGENCY_ROLES, CARD, ROUND, VOTE, acts_for, is_head, is_province_officer

READERS = (Role.OFFICER, Role.SIGNER)
ACTIVE = (RoundStatus.SELF, RoundStatus.PEER, RoundStatus.VERIFY)
BASIS = {item.key: item.source for item in CONFIG_ITEMS}


def _out_of_step(request: Any, flow: Any, record: Any, action: str) -> bool:
    """Whether `action` cannot be taken from the record's state (a button of a page opened before someone moved
    the record on): says so as a message instead of the engine's 403."""
    if flow.find(getattr(record, flow.state_field), action) is not None:
        return False
    messages.error(
        request,
        _("Không thể thực hiện thao tác này ở trạng thái “%(status)s”.")
        % {"status": record.get_status_display()},
    )
    return True


# ---------------------------------------------------------------- fetching within the bloc's scope


def _round_or_404(request: Any, pk: int) -> ScoringRound:
    rounds = ScoringRound.objects.select_related("cluster__province", "table")
    return get_object_or_404(restrict(rounds, request.user, VIEW), pk=pk)


def _head_round(request: Any, pk: int) -> ScoringRound:
    round_ = _round_or_404(request, pk)
    if not is_head(request.user, round_.cluster, round_.year):
        raise PermissionDenied
    return round_


def _may_open(user: Any, card: Scorecard, head: bool | None = None) -> bool:
    """A card is opened by its scorer's officers and leaders, the year's head and the province's officers."""
    if head is None:
        head = is_head(user, card.round.cluster, card.round.year)
    return head or acts_for(user, card.scorer)


def _card_or_404(request: Any, pk: int) -> Scorecard:
    cards = Scorecard.objects.select_related("round__cluster__province", "round__table", "scorer", "target")
    card = get_object_or_404(restrict(cards, request.user, VIEW), pk=pk)
    if not _may_open(request.user, card):
        raise Http404
    return card


def _vote_or_404(request: Any, pk: int) -> LeaderVote:
    votes = LeaderVote.objects.select_related("round__cluster__province", "round__table", "candidate")
    return get_object_or_404(restrict(votes, request.user, VIEW), pk=pk)


def _head_vote(request: Any, pk: int) -> LeaderVote:
    vote = _vote_or_404(request, pk)
    if not is_head(request.user, vote.round.cluster, vote.round.year):
        raise PermissionDenied
    return vote


# ---------------------------------------------------------------- a round's scores, read once


@dataclass
class BoardRow:
    standing: Standing
    org: Organization | None
    groups: list[Standing]
    mine: bool = False

    @property
    def missing(self) -> list[str]:
        """The components the member still lacks, by name."""
        return [str(Stage(stage).label) for stage in self.standing.missing]


@dataclass
class Board:
    """A round's standings (fixed at close, live before), each member's totals per criterion group, the
    disagreements and the configuration they were computed with."""

    round: ScoringRound
    groups: list[CriterionGroup]
    criteria: list[Criterion]
    rows: list[BoardRow]
    weights: dict[str, int]
    weights_verify: bool
    gap: int
    gap_verify: bool
    flagged: list[dict[str, Any]] = field(default_factory=list)
    orgs: dict[int, Organization] = field(default_factory=dict)

    @property
    def precision(self) -> int:
        return self.round.table.precision

    @property
    def any_tied(self) -> bool:
        return any(row.standing.tied for row in self.rows)


def _board(round_: ScoringRound, *, mine: set[int] | None = None) -> Board:
    criteria = selectors.criteria_of(round_.table)
    cards = selectors.submitted_cards(round_)
    weights, weights_verify = selectors.weights_for(round_.cluster)
    gap, gap_verify = selectors.gap_for(round_.cluster)
    specs = [CriterionSpec(c.pk, c.kind, c.max_points) for c in criteria]
    member_ids = selectors.round_member_ids(round_)
    orgs = Organization.objects.in_bulk(
        {*member_ids, *(row["member"] for row in round_.ranking), *(c.target for c in cards)}
    )
    sort_keys = {pk: org.sort_key for pk, org in orgs.items()}
    precision = round_.table.precision
    if round_.ranking:
        standings = selectors.stored_standings(round_)
        member_ids = [s.member for s in standings]
    else:
        standings = compute_ranking(
            members=member_ids,
            criteria=specs,
            cards=cards,
            weights=weights,
            precision=precision,
            sort_keys=sort_keys,
        )
    groups: list[CriterionGroup] = []
    for criterion in criteria:
        if not groups or groups[-1].pk != criterion.group_id:
            groups.append(criterion.group)
    by_group: dict[int, dict[int, Standing]] = {}
    for group in groups:
        group_specs = [s for s, c in zip(specs, criteria, strict=True) if c.group_id == group.pk]
        by_group[group.pk] = {
            s.member: s
            for s in compute_ranking(
                members=member_ids, criteria=group_specs, cards=cards, weights=weights, precision=precision
            )
        }
    rows = [
        BoardRow(
            standing=s,
            org=orgs.get(s.member),
            groups=[by_group[g.pk].get(s.member) or Standing(member=s.member) for g in groups],
            mine=s.member in (mine or set()),
        )
        for s in standings
    ]
    by_id = {c.pk: c for c in criteria}
    flagged = [
        {
            "target": orgs.get(d.target),
            "criterion": by_id.get(d.criterion),
            "low": d.low,
            "high": d.high,
        }
        for d in disagreements(criteria=specs, cards=cards, gap_pct=gap)
    ]
    return Board(
        round=round_,
        groups=groups,
        criteria=criteria,
        rows=rows,
        weights=weights,
        weights_verify=weights_verify,
        gap=gap,
        gap_verify=gap_verify,
        flagged=flagged,
        orgs=orgs,
    )


def _due_of(round_: ScoringRound) -> dict[str, Any]:
    """The due date of each stage's cards."""
    return {Stage.SELF: round_.self_due, Stage.PEER: round_.peer_due, Stage.HEAD: round_.verify_due}


def _round_order(round_: ScoringRound) -> tuple[int, int]:
    return (round_.year, 1 if round_.period == Period.YEAR_END else 0)


# ---------------------------------------------------------------- the Department's side


@view_permission(*READERS)
def agency_view(request: Any) -> HttpResponse:
    """For an agency the user acts for: its clusters, this year's head and deputy, what it still has to do in
    the open rounds (cards, missing evidence, due dates), its scores against each member, its history."""
    # The agencies the user speaks for (a province's officer oversees the blocs but speaks for no member).
    agencies = [
        org
        for org in managed_organizations(request.user, *AGENCY_ROLES)
        .filter(pk__in=Membership.objects.values("organization_id"))
        .order_by("sort_key", "pk")
        if acts_for(request.user, org)
    ]
    agency = agencies[0] if agencies else None
    chosen = request.GET.get("co-quan", "")
    if chosen.isdigit():
        agency = next((a for a in agencies if a.pk == int(chosen)), agency)
    context: dict[str, Any] = {"agencies": agencies, "agency": agency, "blocs": [], "history": []}
    if agency is None:
        return render(request, "clusters/scoring/agency.html", context)
    today = timezone.localdate()
    memberships = list(
        Membership.objects.filter(organization=agency)
        .select_related("cluster__province")
        .order_by("-valid_from", "pk")
    )
    current = [
        m for m in memberships if m.valid_from <= today and (m.valid_to is None or m.valid_to >= today)
    ]
    clusters = list({m.cluster_id: m.cluster for m in (current or memberships[:1])}.values())
    rotas = {
        r.cluster_id: r
        for r in Rota.objects.filter(cluster__in=clusters, year=today.year).select_related("head", "deputy")
    }
    rounds_of: dict[int, list[ScoringRound]] = {c.pk: [] for c in clusters}
    for round_ in (
        ScoringRound.objects.filter(cluster__in=clusters)
        .exclude(status=RoundStatus.DRAFT)
        .select_related("cluster__province", "table")
    ):
        rounds_of[round_.cluster_id].append(round_)
    open_cards = (
        Scorecard.objects.filter(round__cluster__in=clusters, round__status__in=ACTIVE, scorer=agency)
        .select_related("target")
        .order_by("stage", "target__sort_key")
    )
    cards_of: dict[int, list[Scorecard]] = {}
    for card in open_cards:
        cards_of.setdefault(card.round_id, []).append(card)
    blocs = []
    for cluster in clusters:
        rounds = sorted(rounds_of[cluster.pk], key=_round_order, reverse=True)
        active = []
        for round_ in rounds:
            if round_.status not in ACTIVE:
                continue
            tasks = []
            for card in cards_of.get(round_.pk, []):
                due = _due_of(round_)[card.stage]
                now_stage = workflow.STAGE_OF_ROUND[card.stage] == round_.status
                tasks.append(
                    {
                        "card": card,
                        "due": due,
                        "todo": now_stage and card.status == CardStatus.DRAFT,
                        "late": now_stage
                        and card.status == CardStatus.DRAFT
                        and due is not None
                        and today > due,
                    }
                )
            missing = selectors.missing_evidence(round_, agency) if round_.status == RoundStatus.SELF else []
            active.append({"round": round_, "tasks": tasks, "missing": missing})
        board = _board(rounds[0], mine={agency.pk}) if rounds else None
        blocs.append(
            {
                "cluster": cluster,
                "rota": rotas.get(cluster.pk),
                "active": active,
                "board": board,
                "mine": next((r for r in board.rows if r.mine), None) if board else None,
            }
        )
    context.update(blocs=blocs, history=selectors.agency_history(agency), today=today)
    return render(request, "clusters/scoring/agency.html", context)


# ---------------------------------------------------------------- rounds


def _head_years(user: Any, cluster: Any) -> list[int]:
    """The years `user` heads `cluster` (every year with a table or a rota for the province's officers)."""
    if is_province_officer(user, cluster):
        years = set(cluster.rotas.values_list("year", flat=True)) | set(
            cluster.tables.values_list("year", flat=True)
        )
        return sorted(years, reverse=True)
    return sorted(
        (r.year for r in cluster.rotas.select_related("head") if acts_for(user, r.head)), reverse=True
    )


@view_permission(*READERS)
def round_create(request: Any, pk: int) -> HttpResponse:
    cluster = get_object_or_404(
        restrict(Cluster.objects.select_related("province"), request.user, VIEW), pk=pk
    )
    years = _head_years(request.user, cluster)
    if not years:
        raise PermissionDenied
    tables = ScoringTable.objects.filter(
        cluster=cluster, year__in=years, status=TableStatus.ADOPTED
    ).order_by("-year", "-number")
    today = timezone.localdate()
    initial_year = today.year if today.year in years else years[0]
    initial_table = next((t for t in tables if t.year == initial_year), None)
    form = forms.RoundForm(
        request.POST or None,
        years=years,
        tables=tables,
        initial={"year": initial_year, "table": initial_table, "period": Period.YEAR_END},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done, round_ = perform_service(
            request,
            lambda: services.round_create(
                actor=request.user,
                cluster=cluster,
                year=data["year"],
                table=data["table"],
                period=data["period"],
                self_due=data["self_due"],
                peer_due=data["peer_due"],
                verify_due=data["verify_due"],
            ),
            success=_("Đã lập đợt chấm điểm."),
            form=form,
        )
        if done:
            return redirect("clusters:round_detail", round_.pk)
    return render(
        request,
        "clusters/scoring/round_form.html",
        {"cluster": cluster, "form": form, "no_table": not tables, "title": _("Lập đợt chấm điểm")},
    )


def _progress(request: Any, round_: ScoringRound, head: bool) -> list[dict[str, Any]]:
    """The cards of the round by stage: each stage's counts (submitted, draft, late) and its cards; the peer
    stage as a matrix scorer × target."""
    states = selectors.card_states(round_)
    stages = []
    for stage, label in Stage.choices:
        mine = [s for s in states if s.card.stage == stage]
        if not mine:
            continue
        for state in mine:
            state.openable = _may_open(request.user, state.card, head)  # type: ignore[attr-defined]
        entry: dict[str, Any] = {
            "stage": stage,
            "label": label,
            "due": mine[0].due,
            "states": mine,
            "submitted": sum(1 for s in mine if s.card.status == CardStatus.SUBMITTED),
            "draft": sum(1 for s in mine if s.card.status == CardStatus.DRAFT),
            "late": sum(1 for s in mine if s.late),
        }
        if stage == Stage.PEER:
            scorers = list({s.card.scorer_id: s.card.scorer for s in mine}.values())
            targets = list({s.card.target_id: s.card.target for s in mine}.values())
            scorers.sort(key=lambda o: (o.sort_key, o.pk))
            targets.sort(key=lambda o: (o.sort_key, o.pk))
            cell = {(s.card.scorer_id, s.card.target_id): s for s in mine}
            entry["targets"] = targets
            entry["matrix"] = [
                {"scorer": scorer, "cells": [cell.get((scorer.pk, t.pk)) for t in targets]}
                for scorer in scorers
            ]
        stages.append(entry)
    return stages


@view_permission(*READERS)
def round_detail(request: Any, pk: int) -> HttpResponse:
    round_ = _round_or_404(request, pk)
    head = is_head(request.user, round_.cluster, round_.year)
    vote = LeaderVote.objects.filter(round=round_).first()
    proposal = ClusterProposal.objects.filter(round=round_).first() if vote else None
    return render(
        request,
        "clusters/scoring/round_detail.html",
        {
            "round": round_,
            "cluster": round_.cluster,
            "head": head,
            "board": _board(round_),
            "progress": _progress(request, round_, head),
            "transitions": ROUND.allowed_for(request.user, round_) if head else [],
            "vote": vote,
            "proposal": proposal,
            "weights_basis": BASIS["cluster.weights"],
            "gap_basis": BASIS["cluster.disagreement_gap_pct"],
        },
    )


@view_permission(*READERS)
def round_update(request: Any, pk: int) -> HttpResponse:
    round_ = _head_round(request, pk)
    if round_.status == RoundStatus.CLOSED:
        messages.error(request, _("Đợt chấm đã chốt kết quả."))
        return redirect("clusters:round_detail", round_.pk)
    table_editable = round_.status == RoundStatus.DRAFT
    tables = ScoringTable.objects.filter(
        cluster=round_.cluster, year=round_.year, status=TableStatus.ADOPTED
    ).order_by("-number")
    form = forms.RoundUpdateForm(
        request.POST or None,
        tables=tables,
        table_editable=table_editable,
        initial={
            "table": round_.table,
            "self_due": round_.self_due,
            "peer_due": round_.peer_due,
            "verify_due": round_.verify_due,
        },
    )
    if request.method == "POST" and form.is_valid():
        changes = dict(form.cleaned_data)
        if changes.get("verify_due") and changes["verify_due"] < changes["peer_due"]:
            form.add_error("verify_due", _("Hạn thẩm định phải sau hạn chấm chéo."))
        elif changes["peer_due"] < changes["self_due"]:
            form.add_error("peer_due", _("Hạn chấm chéo phải sau hạn tự chấm."))
        else:
            done, _row = perform_service(
                request,
                lambda: services.round_update(
                    actor=request.user,
                    round_=round_,
                    version=_int(request.POST.get("version")),
                    **changes,
                ),
                success=_("Đã cập nhật đợt chấm điểm."),
                form=form,
            )
            if done:
                return redirect("clusters:round_detail", round_.pk)
    return render(
        request,
        "clusters/scoring/round_form.html",
        {
            "cluster": round_.cluster,
            "round": round_,
            "form": form,
            "title": _("Sửa đợt chấm điểm"),
        },
    )


def _int(value: Any) -> int | None:
    return int(value) if isinstance(value, str) and value.isdigit() else None


@view_permission(*READERS)
@require_POST
def round_transition(request: Any, pk: int, action: str) -> HttpResponse:
    round_ = _head_round(request, pk)
    if action not in ROUND.actions:
        raise Http404
    if _out_of_step(request, ROUND, round_, action):
        return redirect("clusters:round_detail", round_.pk)
    perform_service(
        request,
        lambda: services.round_transition(actor=request.user, round_=round_, action=action),
        success=_("Đã cập nhật đợt chấm điểm."),
    )
    return redirect("clusters:round_detail", round_.pk)


@view_permission(*READERS)
def ranking(request: Any, pk: int) -> HttpResponse:
    round_ = _round_or_404(request, pk)
    mine = {
        org.pk
        for org in Organization.objects.filter(cluster_memberships__cluster=round_.cluster).distinct()
        if acts_for(request.user, org)
    }
    return render(
        request,
        "clusters/scoring/ranking.html",
        {
            "round": round_,
            "cluster": round_.cluster,
            "board": _board(round_, mine=mine),
            "weights_basis": BASIS["cluster.weights"],
        },
    )


# ---------------------------------------------------------------- scorecards


def _evidence_of(card: Scorecard) -> dict[int | None, list[Evidence]]:
    """The evidence the scored member attached to its self card, by criterion (None: the whole card): what its
    own card shows, and what its peers and the head read beside their scores."""
    evidence: dict[int | None, list[Evidence]] = {}
    items = Evidence.objects.filter(
        card__round_id=card.round_id, card__stage=Stage.SELF, card__target_id=card.target_id
    ).select_related("uploaded_by")
    for item in items.order_by("uploaded_at", "pk"):
        evidence.setdefault(item.criterion_id, []).append(item)
    return evidence


def _card_rows(
    card: Scorecard,
    *,
    evidence: dict[int | None, list[Evidence]],
    posted: dict[str, str] | None = None,
    errors: dict[str, list[str]] | None = None,
) -> list[dict[str, Any]]:
    """The card's criteria by group, each with its score, its history and the member's evidence."""
    table = card.round.table
    criteria = selectors.criteria_of(table)
    scores = {
        s.criterion_id: s
        for s in Score.objects.filter(card=card).prefetch_related(
            Prefetch(
                "revisions", queryset=ScoreRevision.objects.select_related("author").order_by("at", "id")
            )
        )
    }
    groups: list[dict[str, Any]] = []
    for criterion in criteria:
        if not groups or groups[-1]["group"].pk != criterion.group_id:
            groups.append({"group": criterion.group, "rows": []})
        score = scores.get(criterion.pk)
        key = f"score_{criterion.pk}"
        if posted is not None:
            value, note = posted.get(key, ""), posted.get(f"note_{criterion.pk}", "")
        elif score is not None:
            value, note = str(score.points.quantize(table.step)).replace(".", ","), score.note
        else:
            value, note = "", ""
        groups[-1]["rows"].append(
            {
                "criterion": criterion,
                "score": score,
                "value": value,
                "note": note,
                "key": key,
                "errors": (errors or {}).get(key, []),
                "history": _history(score),
                "evidence": evidence.get(criterion.pk, []),
            }
        )
    return groups


def _history(score: Score | None) -> list[dict[str, Any]]:
    """A score's revisions, oldest first, each with the value it replaced (None for the first)."""
    if score is None:
        return []
    rows: list[dict[str, Any]] = []
    previous: Decimal | None = None
    for revision in score.revisions.all():
        rows.append(
            {
                "old": previous,
                "new": revision.points,
                "note": revision.note,
                "author": revision.author,
                "at": revision.at,
            }
        )
        previous = revision.points
    return rows


def _card_page(
    request: Any,
    card: Scorecard,
    *,
    posted: dict[str, str] | None = None,
    errors: dict[str, list[str]] | None = None,
    non_field: list[str] | None = None,
    evidence_form: Any = None,
    return_form: Any = None,
    status: int = 200,
) -> HttpResponse:
    round_ = card.round
    head = is_head(request.user, round_.cluster, round_.year)
    in_stage = round_.status == workflow.STAGE_OF_ROUND[card.stage]
    editable = card.status == CardStatus.DRAFT and in_stage and services.card_editable_by(request.user, card)
    evidence_editable = editable and card.stage == Stage.SELF
    evidence = _evidence_of(card)
    groups = _card_rows(card, evidence=evidence, posted=posted, errors=errors)
    whole_card = evidence.get(None, [])
    transitions = CARD.allowed_for(request.user, card) if in_stage else []
    due = _due_of(round_)[card.stage]
    context = {
        "card": card,
        "round": round_,
        "cluster": round_.cluster,
        "table": round_.table,
        "head": head,
        "editable": editable,
        "evidence_editable": evidence_editable,
        "groups": groups,
        "whole_card": whole_card,
        "missing": workflow.card_missing(card) if card.status == CardStatus.DRAFT else [],
        "non_field": non_field or [],
        "transitions": transitions,
        "evidence_form": evidence_form
        or (forms.EvidenceForm(criteria=_criteria_qs(card)) if evidence_editable else None),
        "return_form": return_form or forms.ReturnForm(),
        "total": _card_total(groups),
        "due": due,
        "late": in_stage
        and card.status == CardStatus.DRAFT
        and due is not None
        and timezone.localdate() > due,
        "evidence_count": len(whole_card) + sum(len(row["evidence"]) for g in groups for row in g["rows"]),
    }
    return render(request, "clusters/scoring/card_detail.html", context, status=status)


def _card_total(groups: list[dict[str, Any]]) -> Decimal | None:
    total = Decimal(0)
    seen = False
    for group in groups:
        for row in group["rows"]:
            score = row["score"]
            if score is None:
                continue
            seen = True
            total += -score.points if row["criterion"].kind == "penalty" else score.points
    return total if seen else None


def _criteria_qs(card: Scorecard) -> Any:
    return Criterion.objects.filter(group__table_id=card.round.table_id).order_by(
        "group__position", "position", "pk"
    )


@view_permission(*READERS)
def card_detail(request: Any, pk: int) -> HttpResponse:
    """GET: the card; POST: save its scores (all checked before any is written)."""
    card = _card_or_404(request, pk)
    if request.method != "POST":
        return _card_page(request, card)
    if not services.card_editable_by(request.user, card):
        raise PermissionDenied
    criteria = selectors.criteria_of(card.round.table)
    posted = {
        key: request.POST.get(key, "").strip() for c in criteria for key in (f"score_{c.pk}", f"note_{c.pk}")
    }
    values = {c.pk: (posted[f"score_{c.pk}"], posted[f"note_{c.pk}"]) for c in criteria}
    try:
        services.scores_save(
            actor=request.user, card=card, values=values, version=_int(request.POST.get("version"))
        )
    except ValidationError as error:
        errors: dict[str, list[str]] = {}
        non_field: list[str] = []
        if hasattr(error, "error_dict"):
            for key, items in error.error_dict.items():
                for item in items:
                    errors.setdefault(key, []).extend(item.messages)
        else:
            non_field = list(error.messages)
        if errors and not non_field:
            non_field = [_("Chưa lưu: sửa các điểm được đánh dấu rồi lưu lại.")]
        card.refresh_from_db()
        return _card_page(request, card, posted=posted, errors=errors, non_field=non_field)
    messages.success(request, _("Đã lưu điểm."))
    return redirect("clusters:card_detail", card.pk)


@view_permission(*READERS)
@require_POST
def card_transition(request: Any, pk: int, action: str) -> HttpResponse:
    card = _card_or_404(request, pk)
    if action not in CARD.actions:
        raise Http404
    if _out_of_step(request, CARD, card, action):
        return redirect("clusters:card_detail", card.pk)
    reason = request.POST.get("reason", "")
    success = _("Đã gửi phiếu chấm.") if action == workflow.SUBMIT else _("Đã trả lại phiếu chấm.")
    perform_service(
        request,
        lambda: services.card_transition(actor=request.user, card=card, action=action, reason=reason),
        success=success,
    )
    return redirect("clusters:card_detail", card.pk)


@view_permission(*READERS)
@require_POST
def evidence_add(request: Any, pk: int) -> HttpResponse:
    card = _card_or_404(request, pk)
    if not services.card_editable_by(request.user, card) or card.stage != Stage.SELF:
        raise PermissionDenied
    form = forms.EvidenceForm(request.POST, request.FILES, criteria=_criteria_qs(card))
    if form.is_valid():
        data = form.cleaned_data
        done, _item = perform_service(
            request,
            lambda: services.evidence_add(
                actor=request.user,
                card=card,
                title=data["title"],
                upload=data["file"],
                criterion=data["criterion"],
            ),
            success=_("Đã thêm minh chứng."),
            form=form,
        )
        if done:
            return redirect(reverse("clusters:card_detail", args=[card.pk]) + "#minh-chung")
    return _card_page(request, card, evidence_form=form)


def _evidence_or_404(request: Any, pk: int) -> Evidence:
    items = Evidence.objects.select_related(
        "card__round__cluster__province", "card__round__table", "card__scorer", "card__target", "criterion"
    )
    evidence = get_object_or_404(restrict(items, request.user, VIEW), pk=pk)
    if not (_may_open(request.user, evidence.card) or _peer_of(request.user, evidence.card)):
        raise Http404
    return evidence


def _peer_of(user: Any, card: Scorecard) -> bool:
    """Whether `user` speaks for a member that scores `card`'s member in the peer round (it reads the evidence
    it scores against; before the peer round, a member's evidence is its own)."""
    scorers = Organization.objects.filter(
        pk__in=Scorecard.objects.filter(
            round_id=card.round_id, stage=Stage.PEER, target_id=card.target_id
        ).values("scorer_id")
    )
    return any(acts_for(user, scorer) for scorer in scorers)


@view_permission(*READERS)
def evidence_download(request: Any, pk: int) -> Any:
    evidence = _evidence_or_404(request, pk)
    return upload_response(evidence.file, filename=evidence.original_name)


@view_permission(*READERS)
@require_POST
def evidence_delete(request: Any, pk: int) -> HttpResponse:
    evidence = _evidence_or_404(request, pk)
    card = evidence.card
    if not services.card_editable_by(request.user, card):
        raise PermissionDenied
    perform_service(
        request,
        lambda: services.evidence_delete(actor=request.user, evidence=evidence),
        success=_("Đã xóa minh chứng."),
    )
    return redirect(reverse("clusters:card_detail", args=[card.pk]) + "#minh-chung")


# ---------------------------------------------------------------- the vote for the leader


@view_permission(*READERS)
def vote_create(request: Any, pk: int) -> HttpResponse:
    round_ = _head_round(request, pk)
    existing = LeaderVote.objects.filter(round=round_).first()
    if existing is not None:
        return redirect("clusters:vote_detail", existing.pk)
    if round_.status != RoundStatus.CLOSED:
        messages.error(request, _("Đợt chấm điểm chưa chốt kết quả xếp hạng."))
        return redirect("clusters:round_detail", round_.pk)
    ranked = [row["member"] for row in round_.ranking if row.get("rank")]
    candidates = Organization.objects.filter(pk__in=[row["member"] for row in round_.ranking]).order_by(
        "sort_key", "pk"
    )
    method, threshold, to_verify = services.vote_defaults(round_.cluster)
    form = forms.VoteCreateForm(
        request.POST or None,
        candidates=candidates,
        initial={
            "candidate": ranked[0] if ranked else None,
            "method": method,
            "held_on": timezone.localdate(),
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done, vote = perform_service(
            request,
            lambda: services.vote_create(
                actor=request.user,
                round_=round_,
                held_on=data["held_on"],
                place=data["place"],
                candidate=data["candidate"],
                method=data["method"],
            ),
            success=_("Đã lập biểu quyết suy tôn."),
            form=form,
        )
        if done:
            return redirect("clusters:vote_detail", vote.pk)
    leader = next((Organization.objects.get(pk=m) for m in ranked[:1]), None)
    return render(
        request,
        "clusters/scoring/vote_form.html",
        {
            "round": round_,
            "cluster": round_.cluster,
            "form": form,
            "leader": leader,
            "threshold": threshold,
            "threshold_verify": to_verify,
            "threshold_basis": BASIS["cluster.vote_threshold_pct"],
            "method_basis": BASIS["cluster.vote_method"],
        },
    )


def _vote_page(request: Any, vote: LeaderVote, *, status: int = 200, **forms_given: Any) -> HttpResponse:
    round_ = vote.round
    head = is_head(request.user, round_.cluster, round_.year)
    members = services.round_members(round_)
    voted = set(VoteRoll.objects.filter(vote=vote).values_list("member_id", flat=True))
    mine = [m for m in members if acts_for(request.user, m)]
    can_cast = [m for m in mine if m.pk not in voted]
    rank = next((row.get("rank") for row in round_.ranking if row.get("member") == vote.candidate_id), None)
    proposal = ClusterProposal.objects.filter(round=round_).select_related("batch").first()
    config = rule_config_for(organization=round_.cluster.province)
    limit = int(config.get("cluster.runners_up") or 0)
    labels = {value: str(label) for value, label in forms.CHOICE_LABELS}
    proposal_form = None
    if head and proposal is None and vote.status == VoteStatus.TALLIED and vote.passed:
        proposal_form = forms_given.get("proposal_form") or forms.ProposalForm(
            runners=_runners(vote), limit=limit
        )
    context = {
        "vote": vote,
        "round": round_,
        "cluster": round_.cluster,
        "head": head,
        "rank": rank,
        "members": [{"org": m, "voted": m.pk in voted} for m in members],
        "voted_count": len(voted),
        "mine": mine,
        "cast_form": forms_given.get("cast_form")
        or (
            forms.VoteCastForm(members=Organization.objects.filter(pk__in=[m.pk for m in can_cast]))
            if vote.status == VoteStatus.OPEN and can_cast
            else None
        ),
        "close_form": forms_given.get("close_form") or forms.VoteCloseForm(),
        "tally_form": forms_given.get("tally_form") or forms.VoteTallyForm(),
        "record_form": forms_given.get("record_form") or forms.VoteRecordForm(),
        "can_cast": can_cast if vote.status == VoteStatus.OPEN else [],
        "receipts": [
            {"receipt": receipt, "choice": labels.get(choice, choice)}
            for receipt, choice in VoteChoice.objects.filter(vote=vote)
            .order_by("receipt", "id")
            .values_list("receipt", "choice")
        ]
        if vote.status == VoteStatus.TALLIED and vote.method == VoteMethod.SECRET
        else [],
        "proposal": proposal,
        "proposal_form": proposal_form,
        "runners_limit": limit,
        "runners_verify": config.to_verify("cluster.runners_up"),
        "threshold_basis": BASIS["cluster.vote_threshold_pct"],
    }
    return render(request, "clusters/scoring/vote_detail.html", context, status=status)


def _runners(vote: LeaderVote) -> Any:
    ranks = services.final_ranks(vote)
    others = [m for m in ranks if m != vote.candidate_id]
    return Organization.objects.filter(pk__in=others).order_by("sort_key", "pk")


@view_permission(*READERS)
@never_cache
def vote_detail(request: Any, pk: int) -> HttpResponse:
    return _vote_page(request, _vote_or_404(request, pk))


@view_permission(*READERS)
@require_POST
@never_cache
def vote_open(request: Any, pk: int) -> HttpResponse:
    """Open the secret vote and show the tally code once, in this answer only."""
    vote = _head_vote(request, pk)
    if _out_of_step(request, VOTE, vote, workflow.OPEN):
        return redirect("clusters:vote_detail", vote.pk)
    done, code = perform_service(
        request, lambda: services.vote_open(actor=request.user, vote=vote), success=None
    )
    if not done:
        return redirect("clusters:vote_detail", vote.pk)
    return render(request, "clusters/scoring/tally_code.html", {"vote": vote, "code": code})


@view_permission(*READERS)
@require_POST
@sensitive_post_parameters("choice")
@sensitive_variables("form", "receipt")
@never_cache
def vote_cast(request: Any, pk: int) -> HttpResponse:
    """A member's representative votes for the member; the answer shows the receipt, once."""
    vote = _vote_or_404(request, pk)
    members = [m for m in services.round_members(vote.round) if acts_for(request.user, m)]
    if not members:
        raise PermissionDenied
    form = forms.VoteCastForm(
        request.POST, members=Organization.objects.filter(pk__in=[m.pk for m in members])
    )
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, str(message))
        return redirect("clusters:vote_detail", vote.pk)
    member = form.cleaned_data["member"]
    done, receipt = perform_service(
        request,
        lambda: services.vote_cast(
            actor=request.user, vote=vote, member=member, choice=form.cleaned_data["choice"]
        ),
        success=None,
    )
    if not done:
        return redirect("clusters:vote_detail", vote.pk)
    return render(
        request, "clusters/scoring/receipt.html", {"vote": vote, "receipt": receipt, "member": member}
    )


@view_permission(*READERS)
@require_POST
@sensitive_post_parameters("tally_code")
@sensitive_variables("form")
@never_cache
def vote_close(request: Any, pk: int) -> HttpResponse:
    vote = _head_vote(request, pk)
    if _out_of_step(request, VOTE, vote, workflow.CLOSE):
        return redirect("clusters:vote_detail", vote.pk)
    form = forms.VoteCloseForm(request.POST)
    if form.is_valid():
        done, _vote = perform_service(
            request,
            lambda: services.vote_close(
                actor=request.user, vote=vote, tally_code=form.cleaned_data["tally_code"]
            ),
            success=_("Đã đóng bỏ phiếu và mở hòm phiếu."),
            form=form,
        )
        if done:
            return redirect("clusters:vote_detail", vote.pk)
    return _vote_page(request, vote, close_form=form)


@view_permission(*READERS)
@require_POST
def vote_tally(request: Any, pk: int) -> HttpResponse:
    vote = _head_vote(request, pk)
    if _out_of_step(request, VOTE, vote, workflow.TALLY):
        return redirect("clusters:vote_detail", vote.pk)
    form = forms.VoteTallyForm(request.POST)
    minutes = form.cleaned_data["minutes"] if form.is_valid() else ""
    perform_service(
        request,
        lambda: services.vote_tally(actor=request.user, vote=vote, minutes=minutes),
        success=_("Đã kiểm phiếu."),
    )
    return redirect("clusters:vote_detail", vote.pk)


@view_permission(*READERS)
@require_POST
def vote_record(request: Any, pk: int) -> HttpResponse:
    vote = _head_vote(request, pk)
    if _out_of_step(request, VOTE, vote, workflow.RECORD):
        return redirect("clusters:vote_detail", vote.pk)
    form = forms.VoteRecordForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        done, _vote = perform_service(
            request,
            lambda: services.vote_record(
                actor=request.user,
                vote=vote,
                agree=data["agree"],
                disagree=data["disagree"],
                abstain=data["abstain"] or 0,
                minutes=data["minutes"],
            ),
            success=_("Đã ghi kết quả biểu quyết."),
            form=form,
        )
        if done:
            return redirect("clusters:vote_detail", vote.pk)
    return _vote_page(request, vote, record_form=form)


# ---------------------------------------------------------------- the proposal to the provincial council


@view_permission(*READERS)
def proposal_create(request: Any, pk: int) -> HttpResponse:
    """GET: the round's proposal (its lines with the rules engine's verdict) or, before it exists, the form;
    POST: create it (the leader's flag, the runners-up's Bằng khen, the Government's flag if exceptional)."""
    round_ = _head_round(request, pk)
    proposal = ClusterProposal.objects.filter(round=round_).select_related("batch", "created_by").first()
    vote = LeaderVote.objects.filter(round=round_).select_related("candidate").first()
    if proposal is None:
        if vote is None or vote.status != VoteStatus.TALLIED or not vote.passed:
            messages.error(request, _("Chưa có kết quả suy tôn đơn vị dẫn đầu."))
            return redirect("clusters:round_detail", round_.pk)
        config = rule_config_for(organization=round_.cluster.province)
        limit = int(config.get("cluster.runners_up") or 0)
        form = forms.ProposalForm(request.POST or None, runners=_runners(vote), limit=limit)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            done, proposal = perform_service(
                request,
                lambda: services.proposal_create(
                    actor=request.user,
                    round_=round_,
                    runners_up=list(data["runners_up"]),
                    exceptional=data["exceptional"],
                    achievement=data["achievement"],
                ),
                success=_("Đã lập tờ trình đề nghị khen thưởng."),
                form=form,
            )
            if done:
                return redirect("clusters:proposal_create", round_.pk)
        vote.round = round_
        return _vote_page(request, vote, proposal_form=form)
    lines = list(proposal.batch.nominations.select_related("organization").order_by("pk"))
    return render(
        request,
        "clusters/scoring/proposal.html",
        {
            "round": round_,
            "cluster": round_.cluster,
            "proposal": proposal,
            "batch": proposal.batch,
            "lines": lines,
            "vote": vote,
            "can_send": proposal.batch.status == "draft",
        },
    )


@view_permission(*READERS)
@require_POST
def proposal_send(request: Any, pk: int) -> HttpResponse:
    proposals = ClusterProposal.objects.select_related("round__cluster__province", "batch")
    rounds = restrict(ScoringRound.objects.all(), request.user, VIEW)
    proposal = get_object_or_404(proposals.filter(round__in=rounds), pk=pk)
    if not is_head(request.user, proposal.round.cluster, proposal.round.year):
        raise PermissionDenied
    perform_service(
        request,
        lambda: services.proposal_send(actor=request.user, proposal=proposal),
        success=_("Đã gửi tờ trình đến Ủy ban nhân dân tỉnh."),
    )
    return redirect("clusters:proposal_create", proposal.round_id)
