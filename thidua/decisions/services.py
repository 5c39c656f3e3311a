"""Writing decisions: drafts from the council's result, money, signing, issuing into the registry, revoking.

- `decisions_from_session`: the lines a council session passed that no decision holds yet become one award
  decision of the agency's head (titles and forms within the agency's power, `codes.CATALOGUE[...]
  .department_decides`) and one proposal (tờ trình) to the deciding level for the others.
- `decision_create`, `line_add`, `line_remove`, `decision_update`: a draft, its awardees and its legal bases;
  an external decision (paper, another level) is drafted the same way with its number, date, body and scan.
- Money (legal-rules §9): each line's multiple × the lương cơ sở in force on the decision date, rounded up
  (`rules.engine.award_amount` with the agency's configuration), computed on the draft for the expected date and
  fixed when the head signs.
- `decision_transition`: every step along `workflow.DECISION` (audited as `decision.<action>`), with the
  decision locked and its `version` checked (`DecisionConflict` when the page was stale).
- Signing (`sign`): the number from the agency's register (`documents.services.document_issue`), the PDF
  rendered in the Decree 30 layout, signed PAdES with the configured signer (`signer_config`) and stored with its
  SHA-256; the DOCX from the office's active Word template when there is one.
- Issuing (`issue`, `register`): each line becomes an `AwardRecord` (decision number, date, body, movement,
  track, period), its nomination moves to `awarded`, the people and units concerned are notified after commit.
- Revoking (`revoke`): the revoking decision's number and date and a reason; the awards are marked revoked.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F, Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.models import Role, User
from thidua.audit.services import audit_record, audited_create, audited_delete, model_snapshot
from thidua.commendations.models import AwardRecord
from thidua.commendations.services import award_record_create, award_record_revoke
from thidua.core.workflow import Step, transition_perform
from thidua.documents import signing
from thidua.documents.layout import render_pdf
from thidua.documents.pki import DEMO_PASSPHRASE, demo_signer_files
from thidua.documents.services import document_issue
from thidua.nominations import workflow as nomination_workflow
from thidua.nominations.models import Nomination, NominationStatus
from thidua.notifications.services import notify, users_holding
from thidua.organizations.models import Assignment, Organization, Person
from thidua.rules.engine import award_amount
from thidua.rules.engine.codes import CATALOGUE, COLLECTIVE, INDIVIDUAL
from thidua.rules.engine.eras import procedure_era
from thidua.rules.services import rule_config_for

from . import documents
from .models import Decision, DecisionKind, DecisionLine, DecisionStatus
from .workflow import DECISION, ISSUE, REGISTER, REVOKE, SIGN

DECISION_PURPOSE = "decision"
PROPOSAL_PURPOSE = "proposal"
# The Phụ lục III document types the register numbers them under.
DOC_TYPE = {DecisionKind.AWARD: "Quyết định", DecisionKind.PROPOSAL: "Tờ trình"}


class DecisionConflict(ValidationError):
    """The page showed an older version of the decision than the one stored."""

    def __init__(self, *, current: int, shown: int) -> None:
        super().__init__(
            _(
                "Quyết định vừa được người khác thay đổi (phiên bản hiện tại %(current)s, trang của bạn hiển thị "
                "phiên bản %(shown)s), hãy tải lại trang rồi thao tác lại."
            )
            % {"current": current, "shown": shown},
            code="conflict",
        )


def _lock(decision_id: int, version: int | None) -> Decision:
    locked = Decision.objects.select_for_update(of=("self",)).select_related("agency").get(pk=decision_id)
    if version is not None and locked.version != version:
        raise DecisionConflict(current=locked.version, shown=version)
    return locked


def _bump(decision: Decision) -> None:
    Decision.objects.filter(pk=decision.pk).update(version=F("version") + 1)
    decision.version += 1


def _require_draft(decision: Decision) -> None:
    if decision.status != DecisionStatus.DRAFT:
        raise ValidationError(
            _(
                "Quyết định đang ở trạng thái “%(status)s”: chỉ sửa được bản đang soạn; sửa quyết định đã ban hành "
                "bằng một quyết định mới."
            )
            % {"status": decision.get_status_display()},
            code="state",
        )


# ---------------------------------------------------------------- the legal bases


def default_bases(
    *, agency: Organization, on: date, session: Any = None, kind: str = DecisionKind.AWARD
) -> list[str]:
    """The "Căn cứ" lines of the era in force on `on` (legal-rules §1.2): the law and its decree, the council's
    meeting when there is one, and whose proposal it is. The office edits them while the decision is a draft."""
    era = procedure_era(on, rule_config_for(organization=agency))
    law, decree = era.texts[0], era.texts[1]
    lines = [
        f"Căn cứ {law};",
        f"Căn cứ {decree} quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng;",
    ]
    if session is not None:
        lines.append(f"Căn cứ kết quả họp Hội đồng Thi đua – Khen thưởng ngày {session.held_on:%d/%m/%Y};")
    if kind == DecisionKind.AWARD:
        lines.append("Theo đề nghị của Chánh Văn phòng.")
    return lines


# ---------------------------------------------------------------- money


def line_money(line: DecisionLine, *, on: date, config: Any = None) -> None:
    """Set the line's amount, multiple, base salary and basis for a decision dated `on` (not saved)."""
    kind = COLLECTIVE if line.organization_id else INDIVIDUAL
    amount = award_amount(line.code, kind, on, config=config)
    line.amount = amount.amount
    line.multiple = (
        Decimal(str(amount.multiple)).quantize(Decimal("0.01")) if amount.multiple is not None else None
    )
    line.base_salary = amount.base_salary
    line.money_basis = amount.basis[:500]
    line.money_to_verify = amount.to_verify


def lines_reprice(decision: Decision, *, on: date | None = None) -> None:
    """Recompute the money of every line for the decision date (or the expected one: today)."""
    day = on or decision.decided_on or timezone.localdate()
    config = rule_config_for(organization=decision.agency)
    fields = ["amount", "multiple", "base_salary", "money_basis", "money_to_verify"]
    changed = []
    for line in decision.lines.all():
        before = [getattr(line, name) for name in fields]
        line_money(line, on=day, config=config)
        if [getattr(line, name) for name in fields] != before:
            changed.append(line)
    # Only what changed (a draft priced for the signing day writes nothing), in batches: one UPDATE of a
    # thousand CASE branches per field takes seconds on SQLite.
    DecisionLine.objects.bulk_update(changed, fields, batch_size=100)


def total_amount(decision: Decision) -> int:
    return sum(line.amount or 0 for line in decision.lines.all())


# ---------------------------------------------------------------- drafts


def decision_title(*, kind: str, year: int, codes: Iterable[str]) -> str:
    names = sorted({CATALOGUE[c].name_vi for c in codes}) or ["danh hiệu thi đua, hình thức khen thưởng"]
    what = ", ".join(names)
    if kind == DecisionKind.PROPOSAL:
        return f"Đề nghị khen thưởng {what} năm {year}"
    return f"Về việc tặng {what} năm {year}"


@transaction.atomic
def decision_create(
    *,
    actor: User | None,
    agency: Organization,
    year: int,
    kind: str = DecisionKind.AWARD,
    title: str = "",
    session: Any = None,
    movement: Any = None,
    proposal: Decision | None = None,
    bases: list[str] | None = None,
    number_symbol: str = "",
    decided_on: date | None = None,
    deciding_body: str = "",
    signer_name: str = "",
    signer_position: str = "",
    scan: UploadedFile | None = None,
    on: date | None = None,
) -> Decision:
    """A draft decision of `agency` (an award decision, a proposal, or an external decision with its paper's
    number, date and body). `on`: the expected date of signing, which picks the era of the default bases."""
    decision = Decision(
        agency=agency,
        kind=kind,
        year=year,
        title=title or decision_title(kind=kind, year=year, codes=()),
        council_session=session,
        movement=movement,
        proposal=proposal,
        bases=bases
        if bases is not None
        else (
            []
            if kind == DecisionKind.EXTERNAL
            else default_bases(agency=agency, on=on or timezone.localdate(), session=session, kind=kind)
        ),
        number_symbol=number_symbol,
        decided_on=decided_on,
        deciding_body=deciding_body or ("" if kind == DecisionKind.EXTERNAL else agency.name),
        signer_name=signer_name,
        signer_position=signer_position,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    if scan is not None:
        decision.scan.save(Path(scan.name or "ban-chup.pdf").name, scan, save=False)
    return audited_create(decision, actor=actor)


def subject_unit(
    *, person: Person | None, organization: Organization | None, nomination: Nomination | None, on: date
) -> Organization | None:
    """The unit of a line: the collective itself; for a person, the unit that proposed them, else the unit of
    their assignment on `on`."""
    if organization is not None:
        return organization
    if nomination is not None:
        batch = nomination.origin_batch or nomination.batch
        return batch.unit
    assignment = (
        Assignment.objects.filter(person=person, start_on__lte=on)
        .filter(Q(end_on__isnull=True) | Q(end_on__gte=on))
        .select_related("organization")
        .order_by("-start_on", "-pk")
        .first()
    )
    return assignment.organization if assignment is not None else None


def _subject_texts(
    person: Person | None, organization: Organization | None, unit: Organization | None
) -> tuple[str, str]:
    if person is not None:
        return person.full_name, unit.name if unit is not None else ""
    assert organization is not None
    parent = organization.parent
    return organization.name, parent.name if parent is not None else ""


@transaction.atomic
def line_add(
    *,
    actor: User | None,
    decision: Decision,
    code: str,
    person: Person | None = None,
    organization: Organization | None = None,
    year: int | None = None,
    track: str = "",
    nomination: Nomination | None = None,
    movement: Any = None,
    achievement: str = "",
    period_from: int | None = None,
    period_to: int | None = None,
    version: int | None = None,
) -> DecisionLine:
    """Add one awardee to a draft (from a nomination the council passed, or typed for an external decision)."""
    locked = _lock(decision.pk, version)
    _require_draft(locked)
    if nomination is not None:
        person, organization = nomination.person, nomination.organization
        code, track, year = nomination.code, nomination.track, nomination.year
        movement = nomination.movement
        achievement = achievement or nomination.achievement
        period_from, period_to = nomination.period_from, nomination.period_to
        # Awarded: its earlier decision was revoked (a correction); the live decisions are checked below.
        if nomination.status not in (NominationStatus.PASSED, NominationStatus.AWARDED):
            raise ValidationError(_("Đề nghị này chưa được Hội đồng thông qua."), code="not_passed")
        # A line of another agency's proposals never enters this agency's decision (the pages scope it too).
        considered_here = (
            locked.council_session_id is not None
            and nomination.council_items.filter(session_id=locked.council_session_id).exists()
        )
        if nomination.batch.office_id != locked.agency_id and not considered_here:
            raise ValidationError(_("Đề nghị này không gửi cơ quan ra quyết định."), code="other_agency")
        live = DecisionLine.objects.filter(nomination=nomination).exclude(
            decision__status=DecisionStatus.REVOKED
        )
        if live.filter(decision=locked).exists():
            raise ValidationError(_("Đề nghị này đã có trong quyết định này."), code="duplicate")
        others = live.exclude(decision=locked)
        if locked.kind != DecisionKind.PROPOSAL:
            # A line proposed upwards goes on the decision that answers the proposal.
            others = others.exclude(decision__kind=DecisionKind.PROPOSAL)
        if others.exists():
            raise ValidationError(_("Đề nghị này đã có trong một quyết định khác."), code="duplicate")
    if code not in CATALOGUE:
        raise ValidationError({"code": _("Danh hiệu, hình thức không có trong danh mục.")})
    if (person is None) == (organization is None):
        raise ValidationError(_("Mỗi dòng khen thưởng là một cá nhân hoặc một tập thể."))
    day = locked.decided_on or timezone.localdate()
    unit = subject_unit(person=person, organization=organization, nomination=nomination, on=day)
    name, unit_name = _subject_texts(person, organization, unit)
    line = DecisionLine(
        decision=locked,
        nomination=nomination,
        person=person,
        organization=organization,
        code=code,
        track=track or "cong_trang",
        year=year or locked.year,
        period_from=period_from,
        period_to=period_to,
        movement=movement or locked.movement,
        achievement=achievement,
        subject_name=name,
        subject_unit=unit_name,
        unit=unit,
        position=(locked.lines.count() + 1),
    )
    line_money(line, on=day, config=rule_config_for(organization=locked.agency))
    audited_create(line, actor=actor, exclude=("verify_code",))
    _bump(locked)
    return line


@transaction.atomic
def line_remove(*, actor: User | None, line: DecisionLine, version: int | None = None) -> None:
    locked = _lock(line.decision_id, version)
    _require_draft(locked)
    audited_delete(line, actor=actor)
    _bump(locked)


EDITABLE = (
    "title",
    "bases",
    "signer_name",
    "signer_position",
    "number_symbol",
    "decided_on",
    "deciding_body",
)


@transaction.atomic
def decision_update(
    *,
    actor: User | None,
    decision: Decision,
    version: int | None = None,
    scan: UploadedFile | None = None,
    **changes: Any,
) -> Decision:
    """Change a draft's title, bases, signer, and (external) number, date, body and scan."""
    locked = _lock(decision.pk, version)
    _require_draft(locked)
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    before = model_snapshot(locked)
    for name, value in changes.items():
        setattr(locked, name, value)
    if "bases" in changes:
        locked.bases = [str(line).strip() for line in changes["bases"] if str(line).strip()]
    if scan is not None:
        locked.scan.save(Path(scan.name or "ban-chup.pdf").name, scan, save=False)
    locked.full_clean()
    locked.version += 1
    locked.save()
    if "decided_on" in changes and locked.decided_on is not None:
        lines_reprice(locked, on=locked.decided_on)
    audit_record(action="update", instance=locked, before=before, after=model_snapshot(locked), actor=actor)
    return locked


def passed_lines_without_decision(session: Any) -> list[Nomination]:
    """The lines the session passed that no live award or external decision (nor a live proposal) holds yet."""
    # Lines without a nomination (typed from a paper decision) left out: a NULL in a NOT IN list hides every row.
    held = (
        DecisionLine.objects.exclude(decision__status=DecisionStatus.REVOKED)
        .filter(nomination__isnull=False)
        .values("nomination_id")
    )
    return list(
        Nomination.objects.filter(council_items__session=session, status=NominationStatus.PASSED)
        .exclude(pk__in=held)
        .select_related("person", "organization__parent", "movement", "batch__unit", "origin_batch__unit")
        .order_by("code", "pk")
    )


@transaction.atomic
def decisions_from_session(*, actor: User | None, session: Any, on: date | None = None) -> list[Decision]:
    """Draft the award decision (lines within the agency's power) and the proposal (the others) for what the
    session passed and no decision holds yet. Returns the drafts made (none when nothing is left). `on`: the
    expected signing date (default today), which picks the era of the bases and the money."""
    lines = passed_lines_without_decision(session)
    agency = session.council.agency
    made: list[Decision] = []
    for kind, chosen in (
        (DecisionKind.AWARD, [n for n in lines if CATALOGUE[n.code].department_decides]),
        (DecisionKind.PROPOSAL, [n for n in lines if not CATALOGUE[n.code].department_decides]),
    ):
        if not chosen:
            continue
        years = sorted({n.year for n in chosen})
        movements = {n.movement_id for n in chosen}
        decision = decision_create(
            actor=actor,
            agency=agency,
            year=years[-1],
            kind=kind,
            title=decision_title(kind=kind, year=years[-1], codes=[n.code for n in chosen]),
            session=session,
            movement=chosen[0].movement if len(movements) == 1 else None,
            on=on,
        )
        for nomination in chosen:
            line_add(actor=actor, decision=decision, code=nomination.code, nomination=nomination)
        decision.refresh_from_db()
        made.append(decision)
    return made


@transaction.atomic
def lines_copy(*, actor: User | None, decision: Decision, source: Decision) -> list[DecisionLine]:
    """Copy the awardees of `source` (a proposal) into the draft `decision` (the deciding level's answer to it):
    the same nominations, or the same people and collectives with their forms, tracks and years."""
    made = []
    for line in source.lines.select_related("nomination", "person", "organization", "movement").order_by(
        "position", "pk"
    ):
        made.append(
            line_add(
                actor=actor,
                decision=decision,
                code=line.code,
                person=line.person,
                organization=line.organization,
                year=line.year,
                track=line.track,
                nomination=line.nomination,
                movement=line.movement,
                achievement=line.achievement,
                period_from=line.period_from,
                period_to=line.period_to,
            )
        )
    return made


# ---------------------------------------------------------------- the steps


def decision_transition(
    *,
    actor: User | None,
    decision: Decision,
    action: str,
    reason: str = "",
    version: int | None = None,
    revoking_number: str = "",
    revoking_date: date | None = None,
    on: date | None = None,
    check_permission: bool = True,
) -> Decision:
    """Perform `action` along `workflow.DECISION`. Revoking takes the revoking decision's number and date; `on`
    dates a signature (default today)."""
    with transaction.atomic():
        locked = _lock(decision.pk, version)
        if action == REVOKE:
            Decision.objects.filter(pk=locked.pk).update(
                revoking_number=revoking_number.strip(), revoking_date=revoking_date
            )
        locked.version += 1
        Decision.objects.filter(pk=locked.pk).update(version=locked.version)
        return transition_perform(
            workflow=DECISION,
            record=locked,
            action=action,
            actor=actor,
            reason=reason,
            on=on,
            check_permission=check_permission,
        )


@DECISION.on("return")
def _returned(decision: Decision, step: Step) -> None:
    decision.return_reason = step.reason


# ---- signing


def signer_config() -> signing.SignerConfig:
    """The agency's signer from the environment; on a development or test server without one, the demo signer
    (a throwaway CA under `THIDUA_DEMO_SIGNING_DIR`, whose certificate says it is a test one)."""
    config = signing.signer_config_from_env()
    if config is not None:
        return config
    if settings.ENVIRONMENT == "production":
        raise signing.SigningConfigError(
            _("Chưa cấu hình chữ ký số của cơ quan: không ký được quyết định (xem docs/operations.md).")
        )
    p12, _root = demo_signer_files(Path(str(settings.THIDUA_DEMO_SIGNING_DIR)))
    return signing.Pkcs12Config(path=p12, passphrase=DEMO_PASSPHRASE.decode())


def trust_roots() -> list[bytes]:
    """The roots a signature is verified against: the deployment's bundle, and on a development or test server
    the demo root."""
    roots = signing.trust_roots_from_env()
    if settings.ENVIRONMENT != "production":
        root = Path(str(settings.THIDUA_DEMO_SIGNING_DIR)) / "demo-root.pem"
        if root.exists():
            roots.append(root.read_bytes())
    return roots


@DECISION.on(SIGN)
def _sign(decision: Decision, step: Step) -> None:
    """Number, date, money, render, sign, store."""
    day = step.on or timezone.localdate()
    decision.decided_on = day
    lines_reprice(decision, on=day)
    if not decision.signer_name and step.actor is not None:
        decision.signer_name = step.actor.display_name
    try:
        config = signer_config()
        with signing.open_signer(config) as signer:
            issued = document_issue(
                actor=step.actor,
                issuer=decision.agency,
                doc_type=DOC_TYPE[DecisionKind(decision.kind)],
                issued_on=day,
                purpose=DECISION_PURPOSE if decision.kind == DecisionKind.AWARD else PROPOSAL_PURPOSE,
                source=decision,
                build=lambda symbol: documents.build(decision, number_symbol=symbol, issued_on=day),
            )
            decision.number_symbol = issued.number_symbol
            decision.issued_document = issued
            content = documents.build(decision, number_symbol=issued.number_symbol, issued_on=day)
            pdf = render_pdf(content)
            signed = signing.sign_pdf(
                pdf,
                signer=signer,
                reason=f"Ký ban hành {decision.get_kind_display().lower()} số {issued.number_symbol}",
                location=decision.agency.place_name or "",
            )
    except signing.SigningConfigError as exc:
        raise ValidationError(str(exc), code="signing") from exc
    stem = issued.number_symbol.replace("/", "-")
    decision.signed_pdf.save(f"{stem}-da-ky.pdf", ContentFile(signed), save=False)
    decision.signed_sha256 = hashlib.sha256(signed).hexdigest()
    decision.signed_by = step.actor
    decision.signed_at = step.now
    check = signing.verify_pdf(signed, trust_roots=trust_roots())
    decision.signature_subject = (check.signatures[0].signer_subject if check.signatures else "")[:500]
    # The issued document's files are the signed PDF and the DOCX of the same content.
    issued.pdf.save(f"{stem}.pdf", ContentFile(signed), save=False)
    issued.pdf_sha256 = decision.signed_sha256
    docx, label, sha = documents.docx_for(decision, content=content)
    issued.docx.save(f"{stem}.docx", ContentFile(docx), save=False)
    issued.signer_name = decision.signer_name
    block = documents.signature(decision)
    issued.signer_position = block.signer_position or block.position
    issued.signer_competence = block.authority or ""
    issued.save()
    decision.template_label, decision.template_sha256 = label, sha


# ---- issuing and registering


def _write_awards(decision: Decision, step: Step) -> None:
    lines = list(decision.lines.select_related("nomination", "person", "organization"))
    for line in lines:
        award = award_record_create(
            actor=step.actor,
            code=line.code,
            person=line.person,
            organization=line.organization,
            year=line.year,
            track=line.track,
            decision_number=decision.number_symbol,
            decided_on=decision.decided_on,
            deciding_body=decision.deciding_body or decision.agency.name,
            movement=line.movement,
            note=_("Ghi từ quyết định %(number)s.") % {"number": decision.number_symbol},
        )
        if line.period_from is not None:
            AwardRecord.objects.filter(pk=award.pk).update(
                period_from=line.period_from, period_to=line.period_to
            )
        line.award = award
        line.save(update_fields=["award"])
        nomination = line.nomination
        if nomination is not None and nomination.status == NominationStatus.PASSED:
            transition_perform(
                workflow=nomination_workflow.NOMINATION,
                record=nomination,
                action=nomination_workflow.AWARD,
                actor=step.actor,
                check_permission=False,
            )


@DECISION.on(ISSUE)
def _issued(decision: Decision, step: Step) -> None:
    decision.issued_at = step.now
    if decision.awards_on_issue:
        _write_awards(decision, step)


@DECISION.on(REGISTER)
def _registered(decision: Decision, step: Step) -> None:
    decision.issued_at = step.now
    lines_reprice(decision, on=decision.decided_on)
    _write_awards(decision, step)


@DECISION.on(REVOKE)
def _revoked(decision: Decision, step: Step) -> None:
    decision.revoke_reason = step.reason
    note = _("Hủy bỏ theo quyết định %(number)s ngày %(day)s: %(reason)s") % {
        "number": decision.revoking_number,
        "day": f"{decision.revoking_date:%d/%m/%Y}" if decision.revoking_date else "",
        "reason": step.reason,
    }
    for line in decision.lines.select_related("award"):
        if line.award is not None:
            award_record_revoke(actor=step.actor, award=line.award, reason=note)


def decision_url(decision: Decision) -> str:
    try:
        return reverse("decisions:decision_detail", args=[decision.pk])
    except NoReverseMatch:
        return ""


def concerned_users(decision: Decision) -> list[User]:
    """The awardees who have a login, the heads of the units concerned, the office."""
    users: dict[int, User] = {}
    for line in decision.lines.select_related("person__user", "unit"):
        account = getattr(line.person, "user", None) if line.person is not None else None
        if account is not None:
            users[account.pk] = account
        if line.unit is not None:
            for head in users_holding(Role.UNIT_HEAD, organization=line.unit):
                users[head.pk] = head
    for officer in users_holding(Role.OFFICER, organization=decision.agency):
        users[officer.pk] = officer
    return list(users.values())


def _tell(decision: Decision, role: str, title: str, body: str = "") -> None:
    """Notify the holders of `role` in the decision's agency, with a link to the decision."""
    notify(
        users=users_holding(role, organization=decision.agency),
        title=title,
        body=body,
        url=decision_url(decision),
    )


def _fresh(decision: Decision) -> Decision:
    return Decision.objects.select_related("agency").get(pk=decision.pk)


@DECISION.after_commit(ISSUE)
@DECISION.after_commit(REGISTER)
def _notify_issued(decision: Decision, step: Step) -> None:
    decision = _fresh(decision)
    if decision.kind == DecisionKind.PROPOSAL:
        number = {"number": decision.number_symbol}
        _tell(decision, Role.OFFICER, _("Đã gửi tờ trình %(number)s đề nghị khen thưởng") % number)
        return
    title = _("Quyết định khen thưởng %(number)s đã ban hành") % {"number": decision.number_symbol}
    notify(users=concerned_users(decision), title=title, body=decision.title, url=decision_url(decision))


@DECISION.after_commit(SIGN)
def _notify_signed(decision: Decision, step: Step) -> None:
    decision = _fresh(decision)
    number = {"number": decision.number_symbol}
    _tell(decision, Role.OFFICER, _("Lãnh đạo đã ký số %(number)s: chờ ban hành") % number)


@DECISION.after_commit("submit")
def _notify_submitted(decision: Decision, step: Step) -> None:
    decision = _fresh(decision)
    _tell(decision, Role.SIGNER, _("Trình ký: %(title)s") % {"title": decision.title})


@DECISION.after_commit("return")
def _notify_returned(decision: Decision, step: Step) -> None:
    decision = _fresh(decision)
    title = _("Lãnh đạo trả lại dự thảo: %(title)s") % {"title": decision.title}
    _tell(decision, Role.OFFICER, title, body=step.reason)
