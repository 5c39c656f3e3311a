"""What a province's standing office, a bloc's head and its members do (every write is audited, in one
transaction, and checks the actor's position in the bloc on the server).

- The province's officers set the clusters, their members over time, the year's head and deputy, and keep the
  cluster's documents.
- The year's head drafts the covenant and the scoring table, consults the members, adopts the table, runs the
  scoring round, verifies the members' scores, holds the vote for the leader and sends the proposal.
- Members comment on the table, score themselves with evidence, score the others, and vote.

The ranking is `selectors.round_standings` (live) and is fixed on the round when it closes; the vote's result
writes each member's rank (`cluster_rank`) on its collective rating of the year, which the rules engine reads.
"""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import F, Max, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.models import Role, User
from thidua.accounts.scope import has_role
from thidua.appraisals.models import CollectiveAppraisal
from thidua.audit.services import audit_record, audited_create, audited_delete, audited_update, model_snapshot
from thidua.core.codes import AwardCode
from thidua.core.uploads import CheckedUpload
from thidua.core.workflow import Step, transition_perform
from thidua.council import crypto
from thidua.dossiers.services import achievement_report_prefill, dossier_item_store
from thidua.nominations import services as nominations
from thidua.nominations.models import BatchStatus
from thidua.nominations.workflow import SUBMIT as BATCH_SUBMIT
from thidua.notifications.services import notify, users_holding
from thidua.organizations.models import Organization, OrganizationKind
from thidua.rules.services import rule_config_for

from . import documents, workflow
from .models import (
    CardStatus,
    Cluster,
    ClusterDocument,
    ClusterProposal,
    Covenant,
    CovenantSignatory,
    CovenantStatus,
    CovenantTarget,
    Criterion,
    CriterionGroup,
    CriterionKind,
    Evidence,
    LeaderVote,
    Membership,
    Rota,
    RoundStatus,
    Score,
    Scorecard,
    ScoreRevision,
    ScoringRound,
    ScoringTable,
    Stage,
    TableComment,
    TableStatus,
    VoteChoice,
    VoteMethod,
    VoteRoll,
    VoteStatus,
    VoteUrn,
    sha256_hex,
)
from .selectors import round_standings
from .workflow import (
    CARD,
    ROUND,
    TABLE,
    VOTE,
    acts_for,
    is_head,
    is_province_officer,
    members_on,
    rota_of,
    year_day,
)

_shuffle = secrets.SystemRandom().shuffle
CHOICES = ("agree", "disagree", "abstain")


def _require(condition: bool) -> None:
    if not condition:
        raise PermissionDenied


def _actor(actor: User | None) -> User | None:
    return actor if actor is not None and actor.is_authenticated else None


def _url(name: str, *args: Any) -> str:
    return reverse(f"clusters:{name}", args=args)


def _locked[M: models.Model](model: type[M], pk: int, version: int | None = None) -> M:
    row = model._default_manager.select_for_update().get(pk=pk)
    if version is not None and getattr(row, "version", None) != version:
        raise ValidationError(
            _("Dữ liệu đã được người khác thay đổi sau khi bạn mở trang. Tải lại trang rồi làm lại."),
            code="stale",
        )
    return row


def _bump(model: type[models.Model], pk: int) -> None:
    model._default_manager.filter(pk=pk).update(version=F("version") + 1)


# ---------------------------------------------------------------- clusters, members, the year's heads, documents


def can_manage_cluster(actor: User | None, cluster: Cluster) -> bool:
    return is_province_officer(actor, cluster)


def managed_provinces(actor: User | None) -> list[Organization]:
    """The provinces whose clusters `actor` sets (their officers; administrators everywhere)."""
    provinces = Organization.objects.filter(kind=OrganizationKind.PROVINCE).order_by("sort_key")
    return [p for p in provinces if has_role(actor, *workflow.PROVINCE_ROLES, organization=p)]


@transaction.atomic
def cluster_create(*, actor: User | None, province: Organization, **fields: Any) -> Cluster:
    if province.kind != OrganizationKind.PROVINCE:
        raise ValidationError({"province": _("Cụm, khối thi đua do Ủy ban nhân dân tỉnh phân chia.")})
    _require(has_role(actor, *workflow.PROVINCE_ROLES, organization=province))
    return audited_create(
        Cluster(province=province, created_by=_actor(actor), **fields),
        actor=actor,
        duplicate=_("Tỉnh đã có cụm, khối mang mã này."),
        duplicate_field="code",
    )


@transaction.atomic
def cluster_update(
    *, actor: User | None, cluster: Cluster, version: int | None = None, **changes: Any
) -> Cluster:
    row = _locked(Cluster, cluster.pk, version)
    _require(can_manage_cluster(actor, row))
    changes["version"] = row.version + 1
    return audited_update(row, actor=actor, changes=changes, locked=True)


def _agency_check(cluster: Cluster, organization: Organization, field: str = "organization") -> None:
    if organization.kind not in (OrganizationKind.AGENCY, OrganizationKind.UNIT, OrganizationKind.DIVISION):
        raise ValidationError({field: _("Thành viên cụm, khối là cơ quan, đơn vị.")})
    if not organization.path.startswith(cluster.province.path):
        raise ValidationError(
            {
                field: _("%(org)s không thuộc %(province)s.")
                % {"org": organization.name, "province": cluster.province}
            }
        )


@transaction.atomic
def member_add(
    *,
    actor: User | None,
    cluster: Cluster,
    organization: Organization,
    valid_from: date,
    valid_to: date | None = None,
    note: str = "",
) -> Membership:
    _require(can_manage_cluster(actor, cluster))
    _agency_check(cluster, organization)
    overlapping = Membership.objects.filter(cluster=cluster, organization=organization).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=valid_from)
    )
    if valid_to is not None:
        overlapping = overlapping.filter(valid_from__lte=valid_to)
    if overlapping.exists():
        raise ValidationError(
            {
                "organization": _("%(org)s đã là thành viên trong khoảng thời gian này.")
                % {"org": organization.name}
            }
        )
    return audited_create(
        Membership(
            cluster=cluster, organization=organization, valid_from=valid_from, valid_to=valid_to, note=note
        ),
        actor=actor,
    )


@transaction.atomic
def member_end(*, actor: User | None, membership: Membership, valid_to: date, note: str = "") -> Membership:
    """A member leaves on `valid_to` (the last day it belongs): a merger, a new division of the province."""
    _require(can_manage_cluster(actor, membership.cluster))
    if valid_to < membership.valid_from:
        raise ValidationError({"valid_to": _("Ngày rời cụm, khối phải từ ngày tham gia trở đi.")})
    changes: dict[str, Any] = {"valid_to": valid_to}
    if note:
        changes["note"] = note
    return audited_update(membership, actor=actor, changes=changes)


@transaction.atomic
def rota_set(
    *,
    actor: User | None,
    cluster: Cluster,
    year: int,
    head: Organization,
    deputy: Organization | None = None,
    decision: str = "",
) -> Rota:
    """The year's head and deputy, both members of the cluster in that year."""
    _require(can_manage_cluster(actor, cluster))
    members = {m.pk for m in members_on(cluster, year_day(year))}
    if head.pk not in members:
        raise ValidationError(
            {"head": _("%(org)s không là thành viên năm %(year)s.") % {"org": head.name, "year": year}}
        )
    if deputy is not None and deputy.pk not in members:
        raise ValidationError(
            {"deputy": _("%(org)s không là thành viên năm %(year)s.") % {"org": deputy.name, "year": year}}
        )
    if deputy is not None and deputy.pk == head.pk:
        raise ValidationError({"deputy": _("Phó trưởng phải là đơn vị khác Trưởng cụm, khối.")})
    existing = Rota.objects.select_for_update().filter(cluster=cluster, year=year).first()
    if existing is not None:
        return audited_update(
            existing, actor=actor, changes={"head": head, "deputy": deputy, "decision": decision}, locked=True
        )
    return audited_create(
        Rota(cluster=cluster, year=year, head=head, deputy=deputy, decision=decision), actor=actor
    )


def can_read_cluster(actor: User | None, cluster: Cluster, year: int | None = None) -> bool:
    """The province's officers, and the officers and leaders of any agency that is or was a member."""
    if is_province_officer(actor, cluster):
        return True
    orgs = Organization.objects.filter(cluster_memberships__cluster=cluster).distinct()
    return any(acts_for(actor, org) for org in orgs)


@transaction.atomic
def document_add(
    *,
    actor: User | None,
    cluster: Cluster,
    kind: str,
    title: str,
    upload: CheckedUpload,
    year: int | None = None,
) -> ClusterDocument:
    """A file of the cluster, kept by the province's office or the year's head."""
    _require(can_manage_cluster(actor, cluster) or (year is not None and is_head(actor, cluster, year)))
    document = ClusterDocument(
        cluster=cluster,
        year=year,
        kind=kind,
        title=title.strip(),
        original_name=upload.name,
        content_type=upload.content_type,
        size=upload.size,
        sha256=sha256_hex(upload.data),
        uploaded_by=_actor(actor),
    )
    document.file.save(upload.name, upload.as_uploaded_file(), save=False)
    return audited_create(document, actor=actor)


@transaction.atomic
def document_delete(*, actor: User | None, document: ClusterDocument) -> None:
    _require(
        can_manage_cluster(actor, document.cluster)
        or (document.year is not None and is_head(actor, document.cluster, document.year))
    )
    audited_delete(document, actor=actor)


# ---------------------------------------------------------------- the covenant


def _head_check(actor: User | None, cluster: Cluster, year: int) -> None:
    _require(is_head(actor, cluster, year))


@transaction.atomic
def covenant_create(*, actor: User | None, cluster: Cluster, year: int, **fields: Any) -> Covenant:
    _head_check(actor, cluster, year)
    fields.setdefault(
        "title", _("Giao ước thi đua năm %(year)s của %(cluster)s") % {"year": year, "cluster": cluster}
    )
    return audited_create(
        Covenant(cluster=cluster, year=year, created_by=_actor(actor), **fields),
        actor=actor,
        duplicate=_("Cụm, khối đã có giao ước thi đua của năm này."),
        duplicate_field="year",
    )


def _covenant_draft(actor: User | None, covenant: Covenant, version: int | None = None) -> Covenant:
    row = _locked(Covenant, covenant.pk, version)
    _head_check(actor, row.cluster, row.year)
    if row.status != CovenantStatus.DRAFT:
        raise ValidationError(_("Giao ước đã ký kết không sửa được."))
    return row


@transaction.atomic
def covenant_update(
    *, actor: User | None, covenant: Covenant, version: int | None = None, **changes: Any
) -> Covenant:
    row = _covenant_draft(actor, covenant, version)
    movement = changes.get("movement")
    if movement is not None and not movement.period_start <= row.year <= movement.period_end:
        raise ValidationError({"movement": _("Phong trào không diễn ra trong năm của giao ước.")})
    changes["version"] = row.version + 1
    return audited_update(row, actor=actor, changes=changes, locked=True)


@transaction.atomic
def target_add(*, actor: User | None, covenant: Covenant, text: str, measure: str = "") -> CovenantTarget:
    row = _covenant_draft(actor, covenant)
    if not text.strip():
        raise ValidationError({"text": _("Nhập nội dung chỉ tiêu.")})
    position = (row.targets.aggregate(m=Max("position"))["m"] or 0) + 1
    target = audited_create(
        CovenantTarget(covenant=row, position=position, text=text.strip(), measure=measure.strip()),
        actor=actor,
    )
    _bump(Covenant, row.pk)
    return target


@transaction.atomic
def target_delete(*, actor: User | None, target: CovenantTarget) -> None:
    _covenant_draft(actor, target.covenant)
    audited_delete(target, actor=actor)
    _bump(Covenant, target.covenant_id)


@transaction.atomic
def covenant_sign(
    *,
    actor: User | None,
    covenant: Covenant,
    signed_on: date,
    place: str = "",
    representatives: Mapping[int, tuple[str, str]] | None = None,
    version: int | None = None,
) -> Covenant:
    """Record the signing at the launch conference: the members on `signed_on` become its signatories (with the
    representative and position given per member id)."""
    row = _covenant_draft(actor, covenant, version)
    if signed_on.year not in (row.year, row.year - 1):
        raise ValidationError(
            {"signed_on": _("Ngày ký kết phải trong năm của giao ước (hoặc cuối năm trước).")}
        )
    if not row.commitment_lines() and not row.targets.exists():
        raise ValidationError(_("Giao ước chưa có nội dung hoặc chỉ tiêu nào."))
    members = members_on(row.cluster, signed_on)
    if len(members) < 2:
        raise ValidationError(_("Cụm, khối phải có ít nhất hai thành viên vào ngày ký kết."))
    names = representatives or {}
    CovenantSignatory.objects.bulk_create(
        [
            CovenantSignatory(
                covenant=row,
                organization=member,
                representative=(names.get(member.pk) or ("", ""))[0] or member.signer_name,
                position=(names.get(member.pk) or ("", ""))[1] or member.signer_title,
            )
            for member in members
        ]
    )
    return audited_update(
        row,
        actor=actor,
        changes={
            "status": CovenantStatus.SIGNED,
            "signed_on": signed_on,
            "place": place or row.place,
            "version": row.version + 1,
        },
        locked=True,
    )


# ---------------------------------------------------------------- the scoring table


def _table_editable(actor: User | None, table: ScoringTable, version: int | None = None) -> ScoringTable:
    row = _locked(ScoringTable, table.pk, version)
    _head_check(actor, row.cluster, row.year)
    if row.status != TableStatus.DRAFT:
        raise ValidationError(
            _("Bảng tiêu chí “%(status)s” không sửa được: tạo phiên bản mới hoặc đưa về dự thảo.")
            % {"status": row.get_status_display()},
            code="adopted",
        )
    return row


def _check_points(value: Any, field: str, *, precision: int = 2) -> Decimal:
    try:
        number = Decimal(str(value).replace(",", ".").strip())
    except (InvalidOperation, ValueError):
        raise ValidationError({field: _("Điểm phải là một số.")}) from None
    if not number.is_finite() or number < 0:
        raise ValidationError({field: _("Điểm không được âm.")})
    if number != number.quantize(Decimal(1).scaleb(-precision)):
        raise ValidationError({field: _("Điểm chỉ có tối đa %(n)s chữ số thập phân.") % {"n": precision}})
    if number >= Decimal("100000"):
        raise ValidationError({field: _("Điểm quá lớn.")})
    return number


@transaction.atomic
def table_create(
    *, actor: User | None, cluster: Cluster, year: int, title: str, precision: int = 1, note: str = ""
) -> ScoringTable:
    _head_check(actor, cluster, year)
    if not 0 <= precision <= 2:
        raise ValidationError({"precision": _("Điểm có từ 0 đến 2 chữ số thập phân.")})
    number = (
        ScoringTable.objects.filter(cluster=cluster, year=year).aggregate(m=Max("number"))["m"] or 0
    ) + 1
    return audited_create(
        ScoringTable(
            cluster=cluster,
            year=year,
            number=number,
            title=title.strip() or _("Bảng tiêu chí chấm điểm thi đua năm %(year)s") % {"year": year},
            precision=precision,
            note=note,
            created_by=_actor(actor),
        ),
        actor=actor,
    )


@transaction.atomic
def table_update(
    *, actor: User | None, table: ScoringTable, version: int | None = None, **changes: Any
) -> ScoringTable:
    row = _table_editable(actor, table, version)
    changes["version"] = row.version + 1
    return audited_update(row, actor=actor, changes=changes, locked=True)


@transaction.atomic
def table_new_version(*, actor: User | None, table: ScoringTable) -> ScoringTable:
    """A draft copy of an adopted (or superseded) table, numbered next, to change and adopt in its place."""
    _head_check(actor, table.cluster, table.year)
    if table.status not in (TableStatus.ADOPTED, TableStatus.SUPERSEDED):
        raise ValidationError(_("Chỉ tạo phiên bản mới từ bảng đã thông qua."))
    if ScoringTable.objects.filter(
        cluster=table.cluster, year=table.year, status__in=(TableStatus.DRAFT, TableStatus.CONSULTING)
    ).exists():
        raise ValidationError(_("Đã có một phiên bản đang soạn của bảng tiêu chí năm này."))
    copy = table_create(
        actor=actor,
        cluster=table.cluster,
        year=table.year,
        title=table.title,
        precision=table.precision,
        note=table.note,
    )
    ScoringTable.objects.filter(pk=copy.pk).update(supersedes=table)
    copy.supersedes = table
    table_copy_criteria(source=table, target=copy)
    return copy


def table_copy_criteria(*, source: ScoringTable, target: ScoringTable) -> None:
    """Copy the groups and criteria of `source` into the (empty, draft) `target`."""
    for group in source.groups.prefetch_related("criteria"):
        new_group = CriterionGroup.objects.create(
            table=target,
            position=group.position,
            code=group.code,
            title=group.title,
            max_points=group.max_points,
        )
        Criterion.objects.bulk_create(
            [
                Criterion(
                    group=new_group,
                    position=c.position,
                    code=c.code,
                    title=c.title,
                    kind=c.kind,
                    max_points=c.max_points,
                    evidence=c.evidence,
                )
                for c in group.criteria.all()
            ]
        )


@transaction.atomic
def group_add(
    *,
    actor: User | None,
    table: ScoringTable,
    code: str,
    title: str,
    max_points: Any,
    version: int | None = None,
) -> CriterionGroup:
    row = _table_editable(actor, table, version)
    points = _check_points(max_points, "max_points")
    position = (row.groups.aggregate(m=Max("position"))["m"] or 0) + 1
    group = audited_create(
        CriterionGroup(
            table=row, position=position, code=code.strip(), title=title.strip(), max_points=points
        ),
        actor=actor,
    )
    _bump(ScoringTable, row.pk)
    return group


@transaction.atomic
def group_update(*, actor: User | None, group: CriterionGroup, **changes: Any) -> CriterionGroup:
    _table_editable(actor, group.table)
    if "max_points" in changes:
        changes["max_points"] = _check_points(changes["max_points"], "max_points")
    result = audited_update(group, actor=actor, changes=changes)
    _bump(ScoringTable, group.table_id)
    return result


@transaction.atomic
def group_delete(*, actor: User | None, group: CriterionGroup) -> None:
    _table_editable(actor, group.table)
    for criterion in group.criteria.all():
        audited_delete(criterion, actor=actor)
    audited_delete(group, actor=actor)
    _bump(ScoringTable, group.table_id)


@transaction.atomic
def criterion_add(
    *,
    actor: User | None,
    group: CriterionGroup,
    code: str,
    title: str,
    max_points: Any,
    kind: str = CriterionKind.STANDARD,
    evidence: str = "",
) -> Criterion:
    table = _table_editable(actor, group.table)
    if kind not in CriterionKind.values:
        raise ValidationError({"kind": _("Loại tiêu chí không hợp lệ.")})
    points = _check_points(max_points, "max_points")
    position = (group.criteria.aggregate(m=Max("position"))["m"] or 0) + 1
    criterion = audited_create(
        Criterion(
            group=group,
            position=position,
            code=code.strip(),
            title=title.strip(),
            kind=kind,
            max_points=points,
            evidence=evidence.strip(),
        ),
        actor=actor,
    )
    _bump(ScoringTable, table.pk)
    return criterion


@transaction.atomic
def criterion_update(*, actor: User | None, criterion: Criterion, **changes: Any) -> Criterion:
    _table_editable(actor, criterion.group.table)
    if "max_points" in changes:
        changes["max_points"] = _check_points(changes["max_points"], "max_points")
    result = audited_update(criterion, actor=actor, changes=changes)
    _bump(ScoringTable, criterion.group.table_id)
    return result


@transaction.atomic
def criterion_delete(*, actor: User | None, criterion: Criterion) -> None:
    _table_editable(actor, criterion.group.table)
    audited_delete(criterion, actor=actor)
    _bump(ScoringTable, criterion.group.table_id)


@transaction.atomic
def comment_add(
    *,
    actor: User | None,
    table: ScoringTable,
    organization: Organization,
    text: str,
    criterion: Criterion | None = None,
) -> TableComment:
    """A member's comment while the table is out for consultation."""
    if table.status != TableStatus.CONSULTING:
        raise ValidationError(_("Bảng tiêu chí không đang lấy ý kiến."))
    members = {m.pk for m in members_on(table.cluster, year_day(table.year))}
    if organization.pk not in members:
        raise ValidationError({"organization": _("Chỉ thành viên cụm, khối góp ý.")})
    _require(acts_for(actor, organization))
    if criterion is not None and criterion.group.table_id != table.pk:
        raise ValidationError({"criterion": _("Tiêu chí không thuộc bảng này.")})
    if not text.strip():
        raise ValidationError({"text": _("Nhập nội dung góp ý.")})
    comment = audited_create(
        TableComment(
            table=table,
            organization=organization,
            criterion=criterion,
            text=text.strip(),
            author=_actor(actor),
        ),
        actor=actor,
    )
    head = rota_of(table.cluster, table.year)
    if head is not None:
        transaction.on_commit(
            lambda: notify(
                users=users_holding(*workflow.AGENCY_ROLES, organization=head.head),
                title=_("Góp ý bảng tiêu chí của %(org)s")
                % {"org": organization.short_name or organization.name},
                url=_url("table_detail", table.pk),
                email=False,
            )
        )
    return comment


def table_transition(
    *, actor: User | None, table: ScoringTable, action: str, reason: str = "", on: date | None = None
) -> ScoringTable:
    return transition_perform(workflow=TABLE, record=table, action=action, actor=actor, reason=reason, on=on)


@TABLE.on(workflow.ADOPT)
def _stamp_adopted(table: ScoringTable, step: Step) -> None:
    table.adopted_on = step.on or timezone.localdate()
    table.adopted_by = _actor(step.actor)
    table.version += 1
    older = ScoringTable.objects.filter(
        cluster_id=table.cluster_id, year=table.year, status=TableStatus.ADOPTED
    ).exclude(pk=table.pk)
    for old in older:
        before = model_snapshot(old)
        old.status = TableStatus.SUPERSEDED
        old.save(update_fields=["status"])
        audit_record(
            action="cluster_table.supersede",
            instance=old,
            before=before,
            after=model_snapshot(old),
            actor=step.actor,
        )


def _member_users(cluster: Cluster, year: int) -> list[User]:
    users: list[User] = []
    for member in members_on(cluster, year_day(year)):
        users.extend(users_holding(*workflow.AGENCY_ROLES, organization=member))
    return users


@TABLE.after_commit(workflow.CONSULT)
def _notify_consult(table: ScoringTable, step: Step) -> None:
    notify(
        users=_member_users(table.cluster, table.year),
        title=_("Góp ý dự thảo bảng tiêu chí chấm điểm của %(cluster)s") % {"cluster": table.cluster},
        url=_url("table_detail", table.pk),
    )


@TABLE.after_commit(workflow.ADOPT)
def _notify_adopted(table: ScoringTable, step: Step) -> None:
    notify(
        users=_member_users(table.cluster, table.year),
        title=_("Bảng tiêu chí năm %(year)s của %(cluster)s đã được thông qua")
        % {"year": table.year, "cluster": table.cluster},
        url=_url("table_detail", table.pk),
        email=False,
    )


# ---------------------------------------------------------------- scoring rounds


@transaction.atomic
def round_create(
    *,
    actor: User | None,
    cluster: Cluster,
    year: int,
    table: ScoringTable,
    self_due: date,
    peer_due: date,
    verify_due: date | None = None,
    period: str = "year_end",
) -> ScoringRound:
    _head_check(actor, cluster, year)
    if table.cluster_id != cluster.pk or table.year != year:
        raise ValidationError({"table": _("Bảng tiêu chí phải của cụm, khối và năm này.")})
    if peer_due < self_due:
        raise ValidationError({"peer_due": _("Hạn chấm chéo phải sau hạn tự chấm.")})
    if verify_due is not None and verify_due < peer_due:
        raise ValidationError({"verify_due": _("Hạn thẩm định phải sau hạn chấm chéo.")})
    return audited_create(
        ScoringRound(
            cluster=cluster,
            year=year,
            period=period,
            table=table,
            self_due=self_due,
            peer_due=peer_due,
            verify_due=verify_due,
        ),
        actor=actor,
        duplicate=_("Cụm, khối đã có đợt chấm điểm của kỳ này."),
        duplicate_field="period",
    )


@transaction.atomic
def round_update(
    *, actor: User | None, round_: ScoringRound, version: int | None = None, **changes: Any
) -> ScoringRound:
    row = _locked(ScoringRound, round_.pk, version)
    _head_check(actor, row.cluster, row.year)
    if row.status == RoundStatus.CLOSED:
        raise ValidationError(_("Đợt chấm đã chốt kết quả."))
    if "table" in changes and row.status != RoundStatus.DRAFT:
        raise ValidationError({"table": _("Đợt chấm đã mở: không đổi bảng tiêu chí.")})
    changes["version"] = row.version + 1
    return audited_update(row, actor=actor, changes=changes, locked=True)


def round_transition(
    *, actor: User | None, round_: ScoringRound, action: str, on: date | None = None
) -> ScoringRound:
    return transition_perform(workflow=ROUND, record=round_, action=action, actor=actor, on=on)


def round_members(round_: ScoringRound) -> list[Organization]:
    """The members scored in the round: those holding a self card once it is open, else today's members."""
    ids = list(round_.cards.filter(stage=Stage.SELF).values_list("target_id", flat=True))
    if ids:
        return list(Organization.objects.filter(pk__in=ids).order_by("sort_key", "pk"))
    return members_on(round_.cluster, year_day(round_.year))


@ROUND.on(workflow.OPEN)
def _open_self_cards(round_: ScoringRound, step: Step) -> None:
    round_.opened_at = step.now
    round_.version += 1
    members = members_on(round_.cluster, step.on or timezone.localdate())
    Scorecard.objects.bulk_create(
        [Scorecard(round=round_, stage=Stage.SELF, scorer=m, target=m) for m in members],
        ignore_conflicts=True,
    )


@ROUND.on(workflow.PEER)
def _open_peer_cards(round_: ScoringRound, step: Step) -> None:
    round_.version += 1
    members = round_members(round_)
    Scorecard.objects.bulk_create(
        [
            Scorecard(round=round_, stage=Stage.PEER, scorer=scorer, target=target)
            for scorer in members
            for target in members
            if scorer.pk != target.pk
        ],
        ignore_conflicts=True,
    )


@ROUND.on(workflow.VERIFY)
def _open_head_cards(round_: ScoringRound, step: Step) -> None:
    """The head's verification cards, one per member, prefilled with the member's own scores."""
    round_.version += 1
    rota = rota_of(round_.cluster, round_.year)
    if rota is None:
        raise ValidationError(_("Chưa phân công Trưởng cụm, khối năm %(year)s.") % {"year": round_.year})
    for member in round_members(round_):
        card, _created = Scorecard.objects.get_or_create(
            round=round_, stage=Stage.HEAD, scorer=rota.head, target=member
        )
        own = Score.objects.filter(card__round=round_, card__stage=Stage.SELF, card__target=member)
        for score in own:
            _score_write(card, score.criterion, score.points, "", step.actor)


@ROUND.on(workflow.CLOSE)
def _fix_ranking(round_: ScoringRound, step: Step) -> None:
    round_.closed_at = step.now
    round_.version += 1
    round_.ranking = [s.as_json() for s in round_standings(round_)]


@ROUND.after_commit(workflow.OPEN)
def _notify_open(round_: ScoringRound, step: Step) -> None:
    notify(
        users=_member_users(round_.cluster, round_.year),
        title=_("Tự chấm điểm thi đua %(round)s, hạn %(due)s")
        % {"round": round_, "due": f"{round_.self_due:%d/%m/%Y}"},
        url=_url("round_detail", round_.pk),
    )


@ROUND.after_commit(workflow.PEER)
def _notify_peer(round_: ScoringRound, step: Step) -> None:
    notify(
        users=_member_users(round_.cluster, round_.year),
        title=_("Chấm chéo %(round)s, hạn %(due)s") % {"round": round_, "due": f"{round_.peer_due:%d/%m/%Y}"},
        url=_url("round_detail", round_.pk),
    )


# ---------------------------------------------------------------- scores


def _score_write(
    card: Scorecard, criterion: Criterion, points: Decimal, note: str, actor: User | None
) -> Score:
    score = Score.objects.filter(card=card, criterion=criterion).first()
    author = _actor(actor)
    now = timezone.now()
    if score is None:
        score = Score.objects.create(
            card=card, criterion=criterion, points=points, note=note, updated_by=author, updated_at=now
        )
    elif score.points == points and score.note == note:
        return score
    else:
        score.points, score.note, score.updated_by, score.updated_at = points, note, author, now
        score.save(update_fields=["points", "note", "updated_by", "updated_at"])
    ScoreRevision.objects.create(score=score, points=points, note=note, author=author, at=now)
    return score


def card_editable_by(actor: User | None, card: Scorecard) -> bool:
    if card.stage == Stage.HEAD:
        return is_head(actor, card.round.cluster, card.round.year)
    return acts_for(actor, card.scorer)


@transaction.atomic
def scores_save(
    *,
    actor: User | None,
    card: Scorecard,
    values: Mapping[int, tuple[Any, str]],
    version: int | None = None,
) -> Scorecard:
    """Write a draft card's scores ({criterion id: (points, note)}; empty points leave a criterion unscored).
    Every value is checked against the criterion's maximum and the table's precision before anything is written;
    each change is kept with its author in the score's history."""
    row = _locked(Scorecard, card.pk, version)
    _require(card_editable_by(actor, row))
    if row.status != CardStatus.DRAFT:
        raise ValidationError(_("Phiếu đã gửi: đề nghị Trưởng khối trả lại để chấm lại."))
    if row.round.status != workflow.STAGE_OF_ROUND[row.stage]:
        raise ValidationError(_("Đợt chấm không ở bước “%(stage)s”.") % {"stage": row.get_stage_display()})
    table = row.round.table
    criteria = {c.pk: c for c in Criterion.objects.filter(group__table=table)}
    errors: dict[str, list[str]] = {}
    clean: list[tuple[Criterion, Decimal, str]] = []
    for criterion_id, (raw, note) in values.items():
        criterion = criteria.get(int(criterion_id))
        if criterion is None:
            raise ValidationError(_("Tiêu chí không thuộc bảng của đợt chấm."))
        if raw is None or str(raw).strip() == "":
            continue
        field = f"score_{criterion.pk}"
        try:
            points = _check_points(raw, field, precision=table.precision)
        except ValidationError as error:
            errors.setdefault(field, []).extend(
                [_("Tiêu chí %(code)s: %(msg)s") % {"code": criterion.code, "msg": m} for m in error.messages]
            )
            continue
        if points > criterion.max_points:
            errors.setdefault(field, []).append(
                _("Tiêu chí %(code)s: tối đa %(max)s điểm.")
                % {"code": criterion.code, "max": workflow.points_text(criterion.max_points)}
            )
            continue
        clean.append((criterion, points, (note or "").strip()[:1000]))
    if errors:
        raise ValidationError(errors)
    before = {s.criterion_id: str(s.points) for s in row.scores.all()}
    for criterion, points, note in clean:
        _score_write(row, criterion, points, note, actor)
    row.version += 1
    row.save(update_fields=["version"])
    after = {s.criterion_id: str(s.points) for s in row.scores.all()}
    if before != after:
        audit_record(action="cluster_scorecard.score", instance=row, before=before, after=after, actor=actor)
    return row


@transaction.atomic
def evidence_add(
    *,
    actor: User | None,
    card: Scorecard,
    title: str,
    upload: CheckedUpload,
    criterion: Criterion | None = None,
) -> Evidence:
    row = _locked(Scorecard, card.pk)
    _require(card_editable_by(actor, row) and row.stage == Stage.SELF)
    if row.status != CardStatus.DRAFT:
        raise ValidationError(_("Phiếu đã gửi: không thêm minh chứng."))
    if criterion is not None and criterion.group.table_id != row.round.table_id:
        raise ValidationError({"criterion": _("Tiêu chí không thuộc bảng của đợt chấm.")})
    evidence = Evidence(
        card=row,
        criterion=criterion,
        title=title.strip() or upload.name,
        original_name=upload.name,
        content_type=upload.content_type,
        size=upload.size,
        sha256=sha256_hex(upload.data),
        uploaded_by=_actor(actor),
    )
    evidence.file.save(upload.name, upload.as_uploaded_file(), save=False)
    return audited_create(evidence, actor=actor)


@transaction.atomic
def evidence_delete(*, actor: User | None, evidence: Evidence) -> None:
    _require(card_editable_by(actor, evidence.card))
    if evidence.card.status != CardStatus.DRAFT:
        raise ValidationError(_("Phiếu đã gửi: không xóa minh chứng."))
    audited_delete(evidence, actor=actor)


def card_transition(*, actor: User | None, card: Scorecard, action: str, reason: str = "") -> Scorecard:
    return transition_perform(workflow=CARD, record=card, action=action, actor=actor, reason=reason)


@CARD.on(workflow.SUBMIT)
def _stamp_submitted(card: Scorecard, step: Step) -> None:
    card.submitted_at = step.now
    card.submitted_by = _actor(step.actor)
    card.return_reason = ""
    card.version += 1


@CARD.on(workflow.RETURN)
def _stamp_returned(card: Scorecard, step: Step) -> None:
    card.submitted_at = None
    card.return_reason = step.reason
    card.version += 1


@CARD.after_commit(workflow.RETURN)
def _notify_returned(card: Scorecard, step: Step) -> None:
    notify(
        users=users_holding(*workflow.AGENCY_ROLES, organization=card.scorer),
        title=_("Phiếu chấm bị trả lại: %(card)s") % {"card": card},
        body=step.reason,
        url=_url("card_detail", card.pk),
    )


# ---------------------------------------------------------------- the vote for the leader


def vote_defaults(cluster: Cluster) -> tuple[str, int, bool]:
    """(method, threshold %, to verify) from the cluster's choice or the province's configuration."""
    config = rule_config_for(organization=cluster.province)
    method = cluster.vote_method or str(config.get("cluster.vote_method") or VoteMethod.SECRET)
    threshold = int(config.get("cluster.vote_threshold_pct") or 50)
    return method, threshold, config.to_verify("cluster.vote_threshold_pct")


@transaction.atomic
def vote_create(
    *,
    actor: User | None,
    round_: ScoringRound,
    held_on: date,
    place: str = "",
    candidate: Organization | None = None,
    method: str | None = None,
) -> LeaderVote:
    """The bloc meeting's vote, for the first of the closed round's ranking unless the head names another."""
    _head_check(actor, round_.cluster, round_.year)
    if round_.status != RoundStatus.CLOSED:
        raise ValidationError(_("Đợt chấm điểm chưa chốt kết quả xếp hạng."))
    ranked = [row for row in round_.ranking if row.get("rank")]
    if candidate is None:
        if not ranked:
            raise ValidationError(_("Chưa có đơn vị nào được xếp hạng."))
        candidate = Organization.objects.get(pk=ranked[0]["member"])
    elif candidate.pk not in {row["member"] for row in round_.ranking}:
        raise ValidationError({"candidate": _("Đơn vị không được chấm điểm trong đợt này.")})
    default_method, threshold, to_verify = vote_defaults(round_.cluster)
    method = method or default_method
    if method not in (VoteMethod.SECRET, VoteMethod.HANDS):
        raise ValidationError({"method": _("Chọn bỏ phiếu kín hoặc biểu quyết giơ tay.")})
    return audited_create(
        LeaderVote(
            round=round_,
            candidate=candidate,
            method=method,
            held_on=held_on,
            place=place,
            electorate=len(round_members(round_)),
            threshold_pct=threshold,
            threshold_to_verify=to_verify,
        ),
        actor=actor,
        duplicate=_("Đợt chấm này đã có biểu quyết suy tôn."),
        duplicate_field="round",
    )


def _context(vote: LeaderVote) -> str:
    return f"thidua-cluster-vote:{vote.pk}:{vote.public_key}"


def vote_open(*, actor: User | None, vote: LeaderVote) -> str:
    """Open the secret vote; returns the tally code, shown once to the head and stored nowhere."""
    code, public = crypto.ballot_keys()
    with transaction.atomic():
        vote = transition_perform(workflow=VOTE, record=vote, action=workflow.OPEN, actor=actor)
        LeaderVote.objects.filter(pk=vote.pk).update(public_key=public)
        VoteUrn.objects.create(vote=vote, sealed=[])
        round_ = vote.round
        transaction.on_commit(
            lambda: notify(
                users=_member_users(round_.cluster, round_.year),
                title=_("Bỏ phiếu suy tôn đơn vị dẫn đầu %(cluster)s") % {"cluster": round_.cluster},
                url=_url("vote_detail", vote.pk),
                email=False,
            )
        )
    return code


def _locked_vote(vote: LeaderVote) -> LeaderVote:
    return (
        LeaderVote.objects.select_for_update(of=("self",))
        .select_related("round__cluster__province", "candidate")
        .get(pk=vote.pk)
    )


def vote_cast(*, actor: User | None, vote: LeaderVote, member: Organization, choice: str) -> str:
    """The representative of `member` votes once; returns the receipt, shown once. The roll says the member
    voted; the sealed choice goes into the reshuffled urn, with nothing linking the two."""
    if choice not in CHOICES:
        raise ValidationError({"choice": _("Chọn đồng ý, không đồng ý hoặc không biểu quyết.")})
    with transaction.atomic():
        vote = _locked_vote(vote)
        _require(acts_for(actor, member))
        if vote.status != VoteStatus.OPEN:
            raise ValidationError(_("Cuộc bỏ phiếu không đang mở."))
        if member.pk not in {m.pk for m in round_members(vote.round)}:
            raise ValidationError({"member": _("Chỉ thành viên cụm, khối bỏ phiếu.")})
        if VoteRoll.objects.filter(vote=vote, member=member).exists():
            raise ValidationError(_("%(org)s đã bỏ phiếu.") % {"org": member.short_name or member.name})
        receipt = crypto.new_receipt()
        sealed = crypto.seal(
            public_key=vote.public_key, choice=choice, receipt=receipt, context=_context(vote)
        )
        VoteRoll.objects.create(vote=vote, member=member)
        urn = VoteUrn.objects.select_for_update().get(vote=vote)
        entries = [*urn.sealed, sealed]
        _shuffle(entries)
        urn.sealed = entries
        urn.save(update_fields=["sealed"])
        audit_record(action="cluster_vote.cast", instance=vote, after={}, actor=actor)
    return receipt


def vote_close(*, actor: User | None, vote: LeaderVote, tally_code: str) -> LeaderVote:
    """Close with the tally code: the urn is opened in memory, its choices written in shuffled order with
    random ids, and the urn deleted."""
    with transaction.atomic():
        vote = _locked_vote(vote)
        _require(VOTE.authorize(actor, vote, VOTE.roles_for(vote.status, workflow.CLOSE) or frozenset()))
        if vote.status == VoteStatus.OPEN and not crypto.code_opens(tally_code, vote.public_key):
            raise ValidationError({"tally_code": _("Mã kiểm phiếu không đúng.")})
        context = _context(vote)
        vote = transition_perform(workflow=VOTE, record=vote, action=workflow.CLOSE, actor=actor)
        private = crypto.private_key_from_code(tally_code)
        urn = VoteUrn.objects.select_for_update().get(vote=vote)
        try:
            opened = [crypto.unseal(private=private, sealed=entry, context=context) for entry in urn.sealed]
        except crypto.SealError as error:
            raise ValidationError(_("Hòm phiếu bị hỏng: có phiếu không mở được.")) from error
        if len(opened) != VoteRoll.objects.filter(vote=vote).count():
            raise ValidationError(_("Số phiếu trong hòm không khớp với số thành viên đã bỏ phiếu."))
        _shuffle(opened)
        VoteChoice.objects.bulk_create(
            [
                VoteChoice(id=uuid.uuid4(), vote=vote, choice=choice, receipt=receipt)
                for choice, receipt in opened
            ]
        )
        urn.delete()
        LeaderVote.objects.filter(pk=vote.pk).update(public_key="")
        vote.public_key = ""
    return vote


def vote_tally(*, actor: User | None, vote: LeaderVote, minutes: str = "") -> LeaderVote:
    with transaction.atomic():
        if minutes:
            LeaderVote.objects.filter(pk=vote.pk).update(minutes=minutes)
        return transition_perform(workflow=VOTE, record=vote, action=workflow.TALLY, actor=actor)


def vote_record(
    *,
    actor: User | None,
    vote: LeaderVote,
    agree: int,
    disagree: int,
    abstain: int = 0,
    minutes: str = "",
) -> LeaderVote:
    """The head types the counts of a show of hands (and the minutes); the result follows the threshold."""
    counts = {"agree": agree, "disagree": disagree, "abstain": abstain}
    for name, value in counts.items():
        if value is None or int(value) < 0:
            raise ValidationError({name: _("Số phiếu không được âm.")})
    electorate = vote.electorate or len(round_members(vote.round))
    if agree + disagree + abstain > electorate:
        raise ValidationError(
            {"agree": _("Tổng số biểu quyết vượt số thành viên (%(n)s).") % {"n": electorate}}
        )
    with transaction.atomic():
        LeaderVote.objects.filter(pk=vote.pk).update(
            agree=agree,
            disagree=disagree,
            abstain=abstain,
            present=agree + disagree + abstain,
            minutes=minutes,
        )
        return transition_perform(workflow=VOTE, record=vote, action=workflow.RECORD, actor=actor)


def vote_passes(*, agree: int, electorate: int, threshold_pct: int) -> bool:
    """More than `threshold_pct` % of all the bloc's members agree (Fraction arithmetic, no rounding)."""
    return electorate > 0 and Fraction(agree, electorate) > Fraction(threshold_pct, 100)


def _count(vote: LeaderVote, step: Step) -> None:
    if vote.method == VoteMethod.SECRET:
        choices = list(VoteChoice.objects.filter(vote=vote).values_list("choice", flat=True))
        vote.agree = choices.count("agree")
        vote.disagree = choices.count("disagree")
        vote.abstain = choices.count("abstain")
        vote.present = len(choices)
    else:
        fresh = LeaderVote.objects.get(pk=vote.pk)
        vote.agree, vote.disagree, vote.abstain, vote.present = (
            fresh.agree,
            fresh.disagree,
            fresh.abstain,
            fresh.present,
        )
        vote.minutes = fresh.minutes
    if vote.method == VoteMethod.SECRET:
        vote.minutes = LeaderVote.objects.filter(pk=vote.pk).values_list("minutes", flat=True).first() or ""
    vote.passed = vote_passes(
        agree=vote.agree or 0, electorate=vote.electorate or 0, threshold_pct=vote.threshold_pct or 50
    )
    vote.tallied_at = step.now
    vote.version += 1
    if vote.passed:
        ranks_write(vote=vote, actor=step.actor)


VOTE.on(workflow.TALLY)(_count)
VOTE.on(workflow.RECORD)(_count)


def final_ranks(vote: LeaderVote) -> dict[int, int]:
    """Each member's rank after the vote: the hailed candidate first, the others in the round's order."""
    order = [row["member"] for row in vote.round.ranking if row.get("rank")]
    order = [vote.candidate_id] + [m for m in order if m != vote.candidate_id]
    return {member: position for position, member in enumerate(order, start=1)}


def ranks_write(*, vote: LeaderVote, actor: User | None) -> list[int]:
    """Write each member's rank on its collective rating of the year (`cluster_rank`, read by the rules engine);
    returns the members that have no rating of the year yet (their rank cannot be written)."""
    ranks = final_ranks(vote)
    year = vote.round.year
    missing = []
    rows = {
        a.organization_id: a
        for a in CollectiveAppraisal.objects.select_for_update().filter(organization_id__in=ranks, year=year)
    }
    for member, rank in ranks.items():
        appraisal = rows.get(member)
        if appraisal is None:
            missing.append(member)
            continue
        if appraisal.cluster_rank != rank:
            audited_update(appraisal, actor=actor, changes={"cluster_rank": rank}, locked=True)
    return missing


@VOTE.after_commit(workflow.TALLY)
@VOTE.after_commit(workflow.RECORD)
def _notify_result(vote: LeaderVote, step: Step) -> None:
    verdict = _("được suy tôn") if vote.passed else _("không đủ số phiếu suy tôn")
    notify(
        users=_member_users(vote.round.cluster, vote.round.year),
        title=_("%(org)s %(verdict)s dẫn đầu %(cluster)s năm %(year)s")
        % {"org": vote.candidate, "verdict": verdict, "cluster": vote.round.cluster, "year": vote.round.year},
        url=_url("vote_detail", vote.pk),
    )


# ---------------------------------------------------------------- the proposal to the provincial council


def proposal_allows_collective(batch: Any, organization: Organization) -> bool:
    """A bloc's batch (unit = the year's head, office = the province) may name the bloc's members of its year."""
    proposal = ClusterProposal.objects.filter(batch_id=batch.pk).select_related("round__cluster").first()
    if proposal is None:
        return False
    members = round_members(proposal.round)
    return organization.pk in {m.pk for m in members}


@transaction.atomic
def proposal_create(
    *,
    actor: User | None,
    round_: ScoringRound,
    runners_up: Iterable[Organization] = (),
    exceptional: bool = False,
    achievement: str = "",
) -> ClusterProposal:
    """The head's tờ trình to the provincial council: Cờ thi đua cấp tỉnh for the hailed leader, Bằng khen cấp
    tỉnh for the runners-up named, and a Cờ thi đua của Chính phủ proposal when the leader is exceptional. Each
    line carries the rules engine's verdict (the leader's `cluster_rank` and the flag's standards). The dossier
    is filled as far as the bloc can: each line's achievement report prefilled from the data (the member edits
    it), the tờ trình, the bloc meeting's minutes and, on the leader's line, the scoring and suy tôn minutes
    (`documents.proposal_dossier_files`)."""
    _head_check(actor, round_.cluster, round_.year)
    vote = LeaderVote.objects.filter(round=round_).select_related("candidate").first()
    if vote is None or vote.status != VoteStatus.TALLIED or not vote.passed:
        raise ValidationError(_("Chưa có kết quả suy tôn đơn vị dẫn đầu."))
    if ClusterProposal.objects.filter(round=round_).exists():
        raise ValidationError(_("Đợt chấm này đã có tờ trình."))
    runners = list(runners_up)
    config = rule_config_for(organization=round_.cluster.province)
    limit = int(config.get("cluster.runners_up") or 0)
    if len(runners) > limit:
        raise ValidationError(
            {
                "runners_up": _("Cụm, khối đề nghị Bằng khen cho tối đa %(n)s đơn vị xếp sau đơn vị dẫn đầu.")
                % {"n": limit}
            }
        )
    ranks = final_ranks(vote)
    for org in runners:
        if org.pk == vote.candidate_id or org.pk not in ranks:
            raise ValidationError(
                {"runners_up": _("%(org)s không là đơn vị xếp sau trong đợt chấm.") % {"org": org.name}}
            )
    rota = rota_of(round_.cluster, round_.year)
    assert rota is not None
    batch = nominations.batch_create(
        actor=actor,
        unit=rota.head,
        year=round_.year,
        title=_("Tờ trình đề nghị khen thưởng các đơn vị %(cluster)s năm %(year)s")
        % {"cluster": round_.cluster, "year": round_.year},
        province=True,
        check_permission=False,
    )
    proposal = audited_create(
        ClusterProposal(round=round_, batch=batch, created_by=_actor(actor)), actor=actor
    )
    text = achievement or _("Được %(cluster)s suy tôn dẫn đầu năm %(year)s.") % {
        "cluster": round_.cluster,
        "year": round_.year,
    }
    nominations.nomination_add(
        actor=actor,
        batch=batch,
        code=AwardCode.CO_TINH,
        organization=vote.candidate,
        achievement=text,
        check_permission=False,
    )
    if exceptional:
        nominations.nomination_add(
            actor=actor,
            batch=batch,
            code=AwardCode.CO_CHINH_PHU,
            organization=vote.candidate,
            achievement=text,
            check_permission=False,
        )
    for org in sorted(runners, key=lambda o: ranks[o.pk]):
        nominations.nomination_add(
            actor=actor,
            batch=batch,
            code=AwardCode.BANG_KHEN_TINH,
            organization=org,
            achievement=_("Xếp thứ %(rank)s trong %(cluster)s năm %(year)s.")
            % {"rank": ranks[org.pk], "cluster": round_.cluster, "year": round_.year},
            check_permission=False,
        )
    for line in batch.nominations.all():
        achievement_report_prefill(actor=actor, nomination=line, check_permission=False)
    for kind, name, data, line in documents.proposal_dossier_files(proposal):
        dossier_item_store(actor=actor, batch=batch, kind=kind, name=name, data=data, nomination=line)
    return proposal


def proposal_send(*, actor: User | None, proposal: ClusterProposal) -> ClusterProposal:
    """Send the bloc's tờ trình to the province (the nominations lifecycle's `submit`)."""
    _head_check(actor, proposal.round.cluster, proposal.round.year)
    if proposal.batch.status != BatchStatus.DRAFT:
        raise ValidationError(_("Tờ trình đã được gửi."))
    nominations.batch_transition(actor=actor, batch=proposal.batch, action=BATCH_SUBMIT)
    return proposal


def can_send(actor: User | None, cluster: Cluster, year: int) -> bool:
    return is_head(actor, cluster, year) and has_role(actor, Role.OFFICER, Role.SIGNER)
