"""Writes of the council: councils and members, sessions and their agenda, conflicts, the ballot and its tally.

Every write checks the actor's role in the council's agency, runs in a transaction and is audited. The ballot
writes keep its secrecy (docs/council.md, "Ballot secrecy"): a vote writes one roll row (member, how) and one
sealed entry in the item's urn, whose list is reshuffled; its audit event says that a vote was cast on the item,
never the choice; the receipt code is returned to the voter's page and stored nowhere but inside the sealed
entry. Nothing here logs a choice.
"""

from __future__ import annotations

import datetime as dt
import secrets
import uuid
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import ProtectedError, Q
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from thidua.accounts.models import Role, RoleGrant, User
from thidua.accounts.scope import has_role
from thidua.audit.services import (
    audit_record,
    audited_create,
    audited_delete,
    audited_update,
    model_snapshot,
)
from thidua.core.workflow import Step, transition_perform
from thidua.nominations import workflow as nomination_workflow
from thidua.nominations.models import Nomination, NominationStatus
from thidua.notifications.services import notify, users_holding
from thidua.organizations.models import Assignment, Organization
from thidua.rules.services import rule_config_for

from . import crypto, selectors, tally, workflow
from .models import (
    AgendaItem,
    BallotChoice,
    BallotRoll,
    BallotState,
    BallotUrn,
    Choice,
    Conflict,
    ConflictSource,
    Council,
    CouncilMember,
    MemberRole,
    Session,
    SessionStatus,
    VoteMethod,
)
from .workflow import BALLOT, SESSION, can_manage_session

_shuffle = secrets.SystemRandom().shuffle


def _require(condition: bool) -> None:
    if not condition:
        raise PermissionDenied


def can_manage_council(actor: User | None, council: Council) -> bool:
    return has_role(actor, *workflow.COUNCIL_MANAGERS, organization=council.agency)


# ---------------------------------------------------------------- councils and members


def council_create(
    *,
    actor: User | None,
    agency: Organization,
    name: str,
    term_from: dt.date,
    term_to: dt.date | None = None,
    decision: str = "",
    conflicted_in_base: bool = True,
) -> Council:
    """A council of `agency` for a term (the standing office of the agency creates it)."""
    _require(has_role(actor, *workflow.COUNCIL_MANAGERS, organization=agency))
    with transaction.atomic():
        return audited_create(
            Council(
                agency=agency,
                name=name,
                term_from=term_from,
                term_to=term_to,
                decision=decision,
                conflicted_in_base=conflicted_in_base,
            ),
            actor=actor,
        )


def council_update(*, actor: User | None, council: Council, **changes: Any) -> Council:
    _require(can_manage_council(actor, council))
    allowed = {"name", "term_from", "term_to", "decision", "conflicted_in_base"}
    unknown = set(changes) - allowed
    if unknown:
        raise TypeError(f"unknown fields {sorted(unknown)}")
    with transaction.atomic():
        return audited_update(council, actor=actor, changes=changes)


def member_add(
    *,
    actor: User | None,
    council: Council,
    user: User,
    role: str,
    valid_from: dt.date | None = None,
    valid_to: dt.date | None = None,
    person: Any = None,
    position: str = "",
    full_name: str = "",
) -> CouncilMember:
    """A member (a login is needed to vote); `person` defaults to the login's staff record. The login is
    granted the council role in the agency for the term when it does not hold it yet, so that the member reads
    the nominations and dossiers on the agenda like the other members."""
    _require(can_manage_council(actor, council))
    with transaction.atomic():
        _grant_council_role(
            actor=actor,
            council=council,
            user=user,
            role=Role.COUNCIL_SECRETARY if role == MemberRole.SECRETARY else Role.COUNCIL_MEMBER,
            valid_from=valid_from or council.term_from,
            valid_to=valid_to or council.term_to,
        )
        return audited_create(
            CouncilMember(
                council=council,
                user=user,
                person=person if person is not None else user.person,
                role=role,
                position=position,
                full_name=full_name,
                valid_from=valid_from or council.term_from,
                valid_to=valid_to,
            ),
            actor=actor,
            exclude=("rank",),
            duplicate=str(_("Tài khoản này đã là thành viên của Hội đồng.")),
            duplicate_field="user",
        )


def _grant_council_role(
    *,
    actor: User | None,
    council: Council,
    user: User,
    role: str,
    valid_from: dt.date,
    valid_to: dt.date | None,
) -> None:
    if has_role(user, Role.COUNCIL_MEMBER, Role.COUNCIL_SECRETARY, organization=council.agency):
        return
    audited_create(
        RoleGrant(
            user=user,
            role=role,
            organization=council.agency,
            include_subunits=True,
            valid_from=valid_from,
            valid_to=valid_to,
        ),
        actor=actor,
    )


def member_update(*, actor: User | None, member: CouncilMember, **changes: Any) -> CouncilMember:
    _require(can_manage_council(actor, member.council))
    allowed = {"role", "person", "full_name", "position", "valid_from", "valid_to"}
    unknown = set(changes) - allowed
    if unknown:
        raise TypeError(f"unknown fields {sorted(unknown)}")
    with transaction.atomic():
        return audited_update(member, actor=actor, changes=changes, exclude=("rank",))


def member_remove(*, actor: User | None, member: CouncilMember) -> None:
    """Remove a member who never took part in a ballot; a member who did keeps the record (set an end date)."""
    _require(can_manage_council(actor, member.council))
    if Conflict.objects.filter(member=member).exists() or BallotRoll.objects.filter(member=member).exists():
        raise ValidationError(
            _("Thành viên đã tham gia biểu quyết: không xóa được, hãy ghi ngày kết thúc nhiệm vụ.")
        )
    try:
        with transaction.atomic():
            audited_delete(member, actor=actor)
    except ProtectedError as error:
        raise ValidationError(
            _("Thành viên đã tham gia biểu quyết: không xóa được, hãy ghi ngày kết thúc nhiệm vụ.")
        ) from error


def _member_users(session: Session) -> list[User]:
    return [m.user for m in selectors.members_of(session.council, on=session.held_on)]


def _url(name: str, *args: Any) -> str:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


def _day(value: dt.date) -> str:
    return value.strftime("%d/%m/%Y")


# ---------------------------------------------------------------- sessions


def session_create(
    *,
    actor: User | None,
    council: Council,
    held_on: dt.date,
    place: str,
    number: str = "",
    agenda: str = "",
) -> Session:
    """A planned session; the council's members are told (in the application and by e-mail)."""
    _require(has_role(actor, *workflow.SESSION_MANAGERS, organization=council.agency))
    with transaction.atomic():
        session = audited_create(
            Session(
                council=council,
                held_on=held_on,
                place=place,
                number=number,
                agenda=agenda,
                created_by=actor if getattr(actor, "is_authenticated", False) else None,
            ),
            actor=actor,
        )
        transaction.on_commit(lambda: _notify_planned(session))
    return session


def _notify_planned(session: Session) -> None:
    notify(
        users=_member_users(session),
        title=_("Lịch họp Hội đồng Thi đua – Khen thưởng ngày %(day)s") % {"day": _day(session.held_on)},
        body=_("%(council)s họp ngày %(day)s tại %(place)s.")
        % {"council": session.council.name, "day": _day(session.held_on), "place": session.place},
        url=_url("council:session_detail", session.pk),
    )


def session_update(*, actor: User | None, session: Session, **changes: Any) -> Session:
    _require(can_manage_session(actor, session))
    if session.status != SessionStatus.PLANNED:
        raise ValidationError(_("Chỉ sửa được phiên họp chưa khai mạc."))
    allowed = {"held_on", "place", "number", "agenda"}
    unknown = set(changes) - allowed
    if unknown:
        raise TypeError(f"unknown fields {sorted(unknown)}")
    with transaction.atomic():
        return audited_update(session, actor=actor, changes=changes)


def session_transition(
    *, actor: User | None, session: Session, action: str, reason: str = "", on: dt.date | None = None
) -> Session:
    """Open, close or cancel a session (`workflow.SESSION`)."""
    return transition_perform(
        workflow=SESSION, record=session, action=action, actor=actor, reason=reason, on=on
    )


@SESSION.on(workflow.OPEN)
def _stamp_open(session: Session, step: Step) -> None:
    session.opened_at = step.now


@SESSION.on(workflow.CLOSE)
def _stamp_close(session: Session, step: Step) -> None:
    session.closed_at = step.now


@SESSION.on(workflow.CANCEL)
def _keep_reason(session: Session, step: Step) -> None:
    session.cancel_reason = step.reason


@SESSION.after_commit(workflow.OPEN)
def _notify_open(session: Session, step: Step) -> None:
    notify(
        users=_member_users(session),
        title=_("Phiên họp Hội đồng ngày %(day)s đã khai mạc") % {"day": _day(session.held_on)},
        body=_("Bỏ phiếu cho từng nội dung khi Thư ký mở bỏ phiếu."),
        url=_url("council:vote", session.pk),
    )


@SESSION.after_commit(workflow.CANCEL)
def _notify_cancel(session: Session, step: Step) -> None:
    notify(
        users=_member_users(session),
        title=_("Phiên họp Hội đồng ngày %(day)s bị hủy") % {"day": _day(session.held_on)},
        body=step.reason,
        url=_url("council:session_detail", session.pk),
    )


# ---------------------------------------------------------------- agenda and conflicts


def _rule_fields(item: AgendaItem) -> dict[str, Any]:
    session = item.session
    rule = tally.threshold_rule(
        code=item.nomination.code,
        config=rule_config_for(organization=session.council.agency),
        on=session.held_on,
    )
    return {
        "ballot_type": rule.ballot_type,
        "threshold": rule.threshold,
        "threshold_basis": rule.basis,
        "threshold_source": rule.source,
        "threshold_to_verify": rule.to_verify,
        "quorum": rule.quorum,
    }


def agenda_add(
    *, actor: User | None, session: Session, nominations: Iterable[Nomination], on: dt.date | None = None
) -> list[AgendaItem]:
    """Put accepted lines on a planned session's agenda; each is scheduled (`NOMINATION.schedule`) and the
    members' conflicts with it are flagged."""
    _require(can_manage_session(actor, session))
    wanted = [n.pk for n in nominations]
    with transaction.atomic():
        session = Session.objects.select_for_update().select_related("council__agency").get(pk=session.pk)
        if session.status != SessionStatus.PLANNED:
            raise ValidationError(_("Chỉ thêm được đề nghị vào phiên họp chưa khai mạc."))
        candidates = {n.pk: n for n in selectors.agenda_candidates(session=session).filter(pk__in=wanted)}
        missing = [pk for pk in wanted if pk not in candidates]
        if missing:
            raise ValidationError(
                _(
                    "Đề nghị không thể đưa vào phiên họp (chưa được chấp nhận, đã có trong phiên họp khác hoặc "
                    "không thuộc cơ quan của Hội đồng)."
                )
            )
        position = max(session.items.values_list("position", flat=True), default=0)
        items = []
        for pk in wanted:
            nomination = candidates[pk]
            position += 1
            item = AgendaItem(session=session, nomination=nomination, position=position)
            for name, value in _rule_fields(item).items():
                setattr(item, name, value)
            item = audited_create(
                item,
                actor=actor,
                duplicate=str(_("Đề nghị này đã có trong chương trình phiên họp.")),
                duplicate_field="nomination",
            )
            if nomination.status == NominationStatus.ACCEPTED:
                transition_perform(
                    workflow=nomination_workflow.NOMINATION,
                    record=nomination,
                    action=nomination_workflow.SCHEDULE,
                    actor=actor,
                    on=on,
                )
            conflict_flags_refresh(item=item)
            items.append(item)
    return items


def agenda_remove(*, actor: User | None, item: AgendaItem) -> None:
    """Take a line off a planned session's agenda; it stays with the council (on the agenda) for another
    session."""
    with transaction.atomic():
        item = _locked_item(item)
        _require(can_manage_session(actor, item.session))
        if item.session.status != SessionStatus.PLANNED or item.ballot_state != BallotState.PENDING:
            raise ValidationError(_("Chỉ bỏ được đề nghị khỏi phiên họp chưa khai mạc."))
        audited_delete(item, actor=actor)


def _person_of(member: CouncilMember) -> int | None:
    return member.person_id or member.user.person_id


def conflict_flags_refresh(*, item: AgendaItem) -> list[Conflict]:
    """Flag the members who may not vote on `item`: the nominee themself, and members assigned on the session's
    day to the nominee's unit (for a person: the units the nominee is assigned to that day; for a collective: the
    collective or a unit under it). Declared conflicts are kept as they are."""
    session, nomination = item.session, item.nomination
    day = session.held_on
    members = list(selectors.members_of(session.council, on=day))
    active = Q(start_on__lte=day) & (Q(end_on__isnull=True) | Q(end_on__gte=day))
    if nomination.person_id:
        units = list(
            Organization.objects.filter(assignments__person_id=nomination.person_id)
            .filter(
                Q(assignments__start_on__lte=day)
                & (Q(assignments__end_on__isnull=True) | Q(assignments__end_on__gte=day))
            )
            .distinct()
        )
        unit_q = Q(organization__in=units)
    else:
        collective = nomination.organization
        unit_q = Q(organization__path__startswith=collective.path) if collective is not None else Q(pk__in=[])
    persons = {p for p in (_person_of(m) for m in members) if p is not None}
    in_unit = set(
        Assignment.objects.filter(active, unit_q, person_id__in=persons).values_list("person_id", flat=True)
    )
    existing = set(Conflict.objects.filter(item=item).values_list("member_id", flat=True))
    created = []
    for member in members:
        person = _person_of(member)
        if member.pk in existing or person is None:
            continue
        if nomination.person_id and person == nomination.person_id:
            source = ConflictSource.NOMINEE
        elif person in in_unit:
            source = ConflictSource.UNIT
        else:
            continue
        created.append(audited_create(Conflict(item=item, member=member, source=source), actor=None))
    return created


def conflict_declare(*, actor: User | None, item: AgendaItem, note: str) -> Conflict:
    """A member declares a conflict of interest with an item before voting on it: the member will not vote on
    it (docs/council.md, "Conflicts of interest")."""
    with transaction.atomic():
        item = (
            AgendaItem.objects.select_for_update(of=("self",))
            .select_related("session__council")
            .get(pk=item.pk)
        )
        member = selectors.member_for(user=actor, session=item.session)
        _require(member is not None)
        assert member is not None
        if item.ballot_state in (BallotState.CLOSED, BallotState.TALLIED):
            raise ValidationError(_("Nội dung này đã kết thúc bỏ phiếu."))
        if BallotRoll.objects.filter(item=item, member=member).exists():
            raise ValidationError(_("Bạn đã bỏ phiếu cho nội dung này."))
        if not note.strip():
            raise ValidationError({"note": _("Nêu lý do xung đột lợi ích.")})
        return audited_create(
            Conflict(item=item, member=member, source=ConflictSource.DECLARED, note=note.strip()),
            actor=actor,
            duplicate=str(_("Thành viên đã có xung đột lợi ích với nội dung này.")),
            duplicate_field="member",
        )


# ---------------------------------------------------------------- the ballot


def _context(item: AgendaItem) -> str:
    """Bound into every sealed ballot: a sealed entry cannot be moved to another item's urn."""
    return f"thidua-council-item:{item.pk}:{item.public_key}"


def ballot_open(*, actor: User | None, item: AgendaItem, on: dt.date | None = None) -> str:
    """Open an item's ballot; returns the tally code, shown once to the actor and stored nowhere (only its
    public key is). The threshold, basis and quorum are fixed now from the agency's rules configuration."""
    code, public = crypto.ballot_keys()
    with transaction.atomic():
        item = transition_perform(workflow=BALLOT, record=item, action=workflow.OPEN, actor=actor, on=on)
        conflict_flags_refresh(item=item)
        AgendaItem.objects.filter(pk=item.pk).update(public_key=public, **_rule_fields(item))
        BallotUrn.objects.create(item=item, sealed=[])
        session = item.session
        transaction.on_commit(
            lambda: notify(
                users=_member_users(session),
                title=_("Mở bỏ phiếu: %(item)s") % {"item": item.nomination},
                url=_url("council:vote", session.pk),
                email=False,
            )
        )
    return code


def _check_choice(choice: str) -> None:
    if choice not in Choice.values:
        raise ValidationError({"choice": _("Chọn đồng ý, không đồng ý hoặc không biểu quyết.")})


def _cast(item: AgendaItem, member: CouncilMember, choice: str, method: str) -> str:
    """Write one vote: a roll row and a sealed entry in the reshuffled urn. `item` is locked by the caller."""
    if item.ballot_state != BallotState.OPEN:
        raise ValidationError(_("Nội dung này không đang mở bỏ phiếu."))
    if Conflict.objects.filter(item=item, member=member).exists():
        raise ValidationError(_("Thành viên có xung đột lợi ích với nội dung này nên không biểu quyết."))
    if BallotRoll.objects.filter(item=item, member=member).exists():
        raise ValidationError(_("Thành viên đã bỏ phiếu cho nội dung này."))
    receipt = crypto.new_receipt()
    sealed = crypto.seal(public_key=item.public_key, choice=choice, receipt=receipt, context=_context(item))
    BallotRoll.objects.create(item=item, member=member, method=method)
    urn = BallotUrn.objects.select_for_update().get(item=item)
    entries = [*urn.sealed, sealed]
    _shuffle(entries)
    urn.sealed = entries
    urn.save(update_fields=["sealed"])
    return receipt


def _locked_item(item: AgendaItem) -> AgendaItem:
    return (
        AgendaItem.objects.select_for_update(of=("self",))
        .select_related("session__council__agency", "nomination")
        .get(pk=item.pk)
    )


def ballot_cast(*, actor: User | None, item: AgendaItem, choice: str) -> str:
    """A member votes on an open item (once); returns the receipt code, to be shown once to the voter."""
    _check_choice(choice)
    with transaction.atomic():
        item = _locked_item(item)
        member = selectors.member_for(user=actor, session=item.session)
        _require(member is not None)
        assert member is not None
        receipt = _cast(item, member, choice, VoteMethod.ELECTRONIC)
        audit_record(
            action="council_ballot.cast", instance=item, after={"method": VoteMethod.ELECTRONIC}, actor=actor
        )
    return receipt


def ballot_cast_written(*, actor: User | None, item: AgendaItem, member: CouncilMember, choice: str) -> str:
    """The secretary enters the written vote of an absent member (marked written on the roll); returns the
    receipt code, to be noted on the written ballot."""
    _check_choice(choice)
    with transaction.atomic():
        item = _locked_item(item)
        _require(can_manage_session(actor, item.session))
        if member.council_id != item.session.council_id or not member.active_on(item.session.held_on):
            raise ValidationError(_("Không phải thành viên Hội đồng trong ngày họp."))
        receipt = _cast(item, member, choice, VoteMethod.WRITTEN)
        audit_record(
            action="council_ballot.cast",
            instance=item,
            after={"method": VoteMethod.WRITTEN, "member": member.pk},
            actor=actor,
        )
    return receipt


def ballot_close(*, actor: User | None, item: AgendaItem, tally_code: str) -> AgendaItem:
    """Close an item's ballot with its tally code: the urn is opened in memory, its choices written as
    anonymous rows in a shuffled order with random ids, and the urn deleted."""
    with transaction.atomic():
        item = _locked_item(item)
        _require(
            BALLOT.authorize(actor, item, BALLOT.roles_for(item.ballot_state, workflow.CLOSE) or frozenset())
        )
        if item.ballot_state == BallotState.OPEN and not crypto.code_opens(tally_code, item.public_key):
            raise ValidationError({"tally_code": _("Mã kiểm phiếu không đúng.")})
        context = _context(item)
        item = transition_perform(workflow=BALLOT, record=item, action=workflow.CLOSE, actor=actor)
        private = crypto.private_key_from_code(tally_code)
        urn = BallotUrn.objects.select_for_update().get(item=item)
        try:
            opened = [crypto.unseal(private=private, sealed=entry, context=context) for entry in urn.sealed]
        except crypto.SealError as error:
            raise ValidationError(_("Hòm phiếu bị hỏng: có phiếu không mở được.")) from error
        if len(opened) != BallotRoll.objects.filter(item=item).count():
            raise ValidationError(_("Số phiếu trong hòm không khớp với số thành viên đã bỏ phiếu."))
        _shuffle(opened)
        BallotChoice.objects.bulk_create(
            [
                BallotChoice(id=uuid.uuid4(), item=item, choice=choice, receipt=receipt)
                for choice, receipt in opened
            ]
        )
        urn.delete()
        AgendaItem.objects.filter(pk=item.pk).update(public_key="")
        item.public_key = ""
    return item


def ballot_tally(*, actor: User | None, item: AgendaItem) -> AgendaItem:
    """Count a closed ballot, check the quorum and the threshold, write the result on the item and the line,
    and pass or fail the line (no result without a quorum: the line stays on the agenda for another session)."""
    return transition_perform(workflow=BALLOT, record=item, action=workflow.TALLY, actor=actor)


def result_note(item: AgendaItem) -> str:
    """The council's result as written on the nomination."""
    day = _day(item.session.held_on)
    if not item.quorum_met:
        return _(
            "Phiên họp Hội đồng ngày %(day)s: không đủ số thành viên tham gia biểu quyết (%(voted)s/%(total)s, "
            "yêu cầu %(quorum)s), chưa có kết quả."
        ) % {
            "day": day,
            "voted": (item.members_present or 0) + (item.written_votes or 0),
            "total": item.members_total,
            "quorum": item.quorum,
        }
    outcome = _("Thông qua") if item.passed else _("Không thông qua")
    return _(
        "Phiên họp Hội đồng ngày %(day)s, %(type)s: %(agree)s đồng ý, %(disagree)s không đồng ý, %(abstain)s "
        "không biểu quyết trên %(total)s thành viên (%(basis)s; ngưỡng %(threshold)s). %(outcome)s."
    ) % {
        "day": day,
        "type": item.get_ballot_type_display().lower(),
        "agree": item.agree,
        "disagree": item.disagree,
        "abstain": item.abstain,
        "total": item.members_total,
        "basis": item.get_threshold_basis_display().lower(),
        "threshold": item.threshold,
        "outcome": outcome,
    }


@BALLOT.on(workflow.TALLY)
def _count(item: AgendaItem, step: Step) -> None:
    session = item.session
    members = list(selectors.members_of(session.council, on=session.held_on))
    member_ids = {m.pk for m in members}
    conflicted = sum(
        1
        for mid in Conflict.objects.filter(item=item).values_list("member_id", flat=True)
        if mid in member_ids
    )
    methods = list(BallotRoll.objects.filter(item=item).values_list("method", flat=True))
    choices = list(BallotChoice.objects.filter(item=item).values_list("choice", flat=True))
    count = tally.Count(
        members_total=len(members),
        conflicted=conflicted,
        present=methods.count(VoteMethod.ELECTRONIC),
        written=methods.count(VoteMethod.WRITTEN),
        agree=choices.count(Choice.AGREE),
        disagree=choices.count(Choice.DISAGREE),
        abstain=choices.count(Choice.ABSTAIN),
    )
    result = tally.ballot_result(
        count,
        threshold=item.threshold,
        basis=item.threshold_basis,
        quorum=item.quorum,
        conflicted_in_base=session.council.conflicted_in_base,
    )
    item.members_total, item.conflicted = count.members_total, count.conflicted
    item.members_present, item.written_votes = count.present, count.written
    item.agree, item.disagree, item.abstain = count.agree, count.disagree, count.abstain
    item.quorum_met, item.passed = result.quorum_met, result.passed
    item.tallied_at = step.now
    nomination = item.nomination
    if result.passed is not None:
        transition_perform(
            workflow=nomination_workflow.NOMINATION,
            record=nomination,
            action=nomination_workflow.PASS if result.passed else nomination_workflow.FAIL,
            actor=step.actor,
            on=step.on,
        )
    note = result_note(item)
    before = model_snapshot(nomination)
    Nomination.objects.filter(pk=nomination.pk).update(result_note=note)
    nomination.refresh_from_db()
    audit_record(
        action="nomination.result",
        instance=nomination,
        before=before,
        after=model_snapshot(nomination),
        actor=step.actor,
    )


@BALLOT.after_commit(workflow.TALLY)
def _notify_result(item: AgendaItem, step: Step) -> None:
    nomination = Nomination.objects.select_related("batch__unit", "batch__created_by").get(
        pk=item.nomination_id
    )
    heads = users_holding(Role.UNIT_HEAD, organization=nomination.batch.unit)
    if nomination.batch.created_by is not None:
        heads.append(nomination.batch.created_by)
    if item.passed is None:
        title = _("Hội đồng chưa có kết quả: %(line)s") % {"line": nomination}
    elif item.passed:
        title = _("Hội đồng thông qua: %(line)s") % {"line": nomination}
    else:
        title = _("Hội đồng không thông qua: %(line)s") % {"line": nomination}
    notify(users=heads, title=title, body=nomination.result_note, url=nomination_url(nomination))


def nomination_url(nomination: Nomination) -> str:
    """The line's page in the nominations app."""
    return _url("nominations:line_detail", nomination.pk)
