"""Writing proposal batches (tờ trình) and their lines (đề nghị khen thưởng).

- A batch is created for a unit the user acts in and addressed to the agency that handles it (`office_for`: the
  unit's agency, followed through restructurings), or to an advisory unit that pools it (`advisory_offices_for`).
- A line names a person or a collective of the batch's unit, a title or form and a track; it captures the rules
  engine's verdict and reasons at that moment, with the rule set and a digest of the facts (`lines_evaluate`),
  and is re-checked when the batch page is shown or the batch sent or accepted (`lines_recheck`): when the
  verdict or the reasons changed, `recheck_note` says what changed.
- One achievement – one award (Luật Thi đua, khen thưởng 06/2022/QH15, Điều 5, khoản 2; legal-rules §2.1 and §12
  item 7): a second live line or an active award for the same subject and achievement is refused, naming it
  (`award_conflicts`).
- Quotas on the batch and across the live batches of the office and year (`quota_excesses`, `quota_problems`
  in `workflow.SUBMIT_CHECKS`), and a thematic movement's planned awards.
- Optimistic concurrency: every change bumps `ProposalBatch.version`; a page posts the version it showed and a
  stale one is refused (`BatchConflict`) without writing anything.

All transitions go through `thidua.core.workflow.transition_perform`; the effects below keep the lines in step
with their batch and notify after the commit.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.models import Role, User
from thidua.accounts.scope import has_role, managed_organizations, person_years_editable
from thidua.audit.services import audit_record, audited_create, audited_update
from thidua.commendations.models import AwardRecord, AwardStatus, award_period_errors
from thidua.core.codes import AwardCode, AwardTrack
from thidua.core.registry import registry
from thidua.core.workflow import Step, transition_perform
from thidua.documents.selectors import issuer_on
from thidua.movements.models import Movement, MovementAwardPlan
from thidua.notifications.services import notify, users_holding
from thidua.organizations.models import Organization, OrganizationKind, Person
from thidua.organizations.selectors import judging_units_for
from thidua.rules import loader
from thidua.rules.engine import codes as catalogue
from thidua.rules.engine.config import RuleConfig
from thidua.rules.engine.eras import criteria_era, default_as_of
from thidua.rules.engine.evaluate import evaluate
from thidua.rules.engine.facts import Question, SubjectFacts
from thidua.rules.engine.quotas import QUOTA_RULES, Proposal, QuotaExcess, check_quotas
from thidua.rules.services import rule_config_for, unit_facts

from .models import LIVE_STATES, BatchStatus, Nomination, NominationStatus, ProposalBatch
from .workflow import (
    ACCEPT,
    BATCH,
    NOMINATION,
    OFFICE_KINDS,
    POOL,
    PROPOSE,
    RETURN,
    SUBMIT,
    UNIT_SIDE,
    WITHDRAW,
)

B, N = BatchStatus, NominationStatus

# Lines the engine re-checks: not yet decided by the council, not withdrawn.
OPEN_STATES = (N.DRAFT, N.PROPOSED, N.RETURNED, N.ACCEPTED, N.ON_AGENDA)
# Batches whose lines still count against quotas (a withdrawn batch's lines are withdrawn too).
LIVE_BATCH_STATES = (B.DRAFT, B.SUBMITTED, B.RETURNED, B.ACCEPTED)
# A batch whose lines the unit may still add to or correct.
EDITABLE_BATCH_STATES = (B.DRAFT, B.RETURNED)

LAW_ONE_AWARD = "Luật Thi đua, khen thưởng 06/2022/QH15, Điều 5, khoản 2"
SIMPLIFIED_TRACKS = (AwardTrack.DOT_XUAT,)
FORM_CODES = tuple(code for code, entry in catalogue.CATALOGUE.items() if entry.kind == catalogue.FORM)

VERDICT_LABELS = {
    "eligible": "đủ tiêu chuẩn",
    "not_eligible": "chưa đủ tiêu chuẩn",
    "needs_council_judgement": "cần Hội đồng xem xét",
    "unsupported_period": "ngoài phạm vi áp dụng",
}


def nomination_is_simplified(nomination: Nomination) -> bool:
    """Whether the line follows the simplified procedure (thủ tục đơn giản, Luật Thi đua, khen thưởng
    06/2022/QH15, Điều 85; legal-rules §2.6): a one-off achievement, proposed with the tờ trình and a short
    summary of the achievement instead of a full achievement report."""
    return nomination.track in SIMPLIFIED_TRACKS


def verdict_label(verdict: str) -> str:
    return _(VERDICT_LABELS[verdict]) if verdict in VERDICT_LABELS else verdict


class BatchConflict(ValidationError):
    """The page showed an older version of the batch than the one stored: someone else changed it meanwhile."""

    def __init__(self, *, current: int, shown: int) -> None:
        super().__init__(
            _(
                "Tờ trình vừa được người khác thay đổi (phiên bản hiện tại %(current)s, trang của bạn hiển thị "
                "phiên bản %(shown)s), hãy tải lại trang để xem thay đổi rồi thao tác lại."
            )
            % {"current": current, "shown": shown},
            code="conflict",
        )


def _lock_batch(batch_id: int, version: int | None) -> ProposalBatch:
    """Lock the batch row (the one lock every change takes first) and refuse a stale version."""
    locked = (
        ProposalBatch.objects.select_for_update(of=("self",))
        .select_related("unit", "office")
        .get(pk=batch_id)
    )
    if version is not None and locked.version != version:
        raise BatchConflict(current=locked.version, shown=version)
    return locked


def _bump(batch_id: int) -> None:
    ProposalBatch.objects.filter(pk=batch_id).update(version=F("version") + 1)


# ---------------------------------------------------------------- where a batch goes


def _ancestors(unit: Organization) -> list[Organization]:
    """The unit and its ancestors, the root first (one query)."""
    ids = [int(pk) for pk in unit.path.strip("/").split("/") if pk]
    by_id = Organization.objects.in_bulk(ids)
    return [by_id[pk] for pk in ids if pk in by_id]


def agency_of(unit: Organization) -> Organization:
    """The nearest agency (Sở, ban, ngành) at or above the unit; the province when none is."""
    chain = _ancestors(unit)
    for kinds in ((OrganizationKind.AGENCY,), (OrganizationKind.PROVINCE,)):
        for organization in reversed(chain):
            if organization.kind in kinds:
                return organization
    return chain[0] if chain else unit


def office_for(*, unit: Organization, on: date | None = None) -> Organization:
    """The agency whose standing office handles the unit's proposals on `on`: the unit's agency, or the
    successor its restructuring names when it no longer exists that day (the Yên Bái Department's units
    propose to the Lào Cai Department after 01/07/2025)."""
    return issuer_on(agency_of(unit), on or timezone.localdate())


def advisory_offices_for(unit: Organization) -> list[Organization]:
    """Advisory units a batch of `unit` may be addressed to for pooling: the unit's ancestors below its agency
    (a division or unit with sub-units) and the unions of the agency (Công đoàn, Đoàn thanh niên)."""
    agency = agency_of(unit)
    between = [
        o
        for o in _ancestors(unit)
        if o.pk != unit.pk and o.path.startswith(agency.path) and o.pk != agency.pk
    ]
    unions = Organization.objects.filter(path__startswith=agency.path, kind=OrganizationKind.UNION).exclude(
        pk=unit.pk
    )
    return [*between, *unions.order_by("sort_key")]


# ---------------------------------------------------------------- the engine's verdict, captured and re-checked


@dataclasses.dataclass(frozen=True)
class LineCheck:
    """What the engine says about a line now: verdict, reasons (the contract's form), rule set, facts digest."""

    verdict: str
    reasons: list[dict[str, Any]]
    rule_set: str
    digest: str


def _canonical(value: Any) -> Any:
    """The facts as plain JSON, in a stable order whatever the process (sets sorted, no derived fields)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: _canonical(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if f.compare and f.name != "key"
        }
    if isinstance(value, Mapping):
        return [[_canonical(k), _canonical(v)] for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))]
    if isinstance(value, (list, tuple)):
        return [_canonical(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted((_canonical(v) for v in value), key=lambda v: json.dumps(v, default=str))
    if isinstance(value, date):
        return value.isoformat()
    return value


def facts_digest(subject: SubjectFacts) -> str:
    text = json.dumps(_canonical(subject), sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def lines_evaluate(lines: Sequence[Nomination]) -> list[LineCheck]:
    """The engine's answer for each line, loading the facts in bulk: per year, the people of all person lines
    at once (`rules.loader.people_facts`, as the sweep), and each collective as `rules.services.unit_evaluations`
    does; the configuration of the unit judging the subject (`rules.services.rule_config_for`)."""
    people: dict[int, set[int]] = defaultdict(set)
    units: dict[int, set[int]] = defaultdict(set)
    for line in lines:
        if line.person_id:
            people[line.year].add(line.person_id)
        else:
            units[line.year].add(line.organization_id)  # type: ignore[arg-type]
    subjects: dict[tuple[str, int, int], SubjectFacts] = {}
    judge: dict[tuple[str, int, int], int | None] = {}
    for year, person_ids in people.items():
        facts = loader.people_facts(
            person_ids=sorted(person_ids), first_year=year - loader.LOOKBACK_YEARS, last_year=year
        )
        judged = judging_units_for(year=year, person_ids=person_ids)
        for pk in person_ids:
            subjects[("p", pk, year)] = facts[pk]
            judge[("p", pk, year)] = judged.get(pk)
    for year, unit_ids in units.items():
        for organization in Organization.objects.filter(pk__in=unit_ids):
            subjects[("o", organization.pk, year)] = unit_facts(organization=organization, year=year)
            judge[("o", organization.pk, year)] = organization.pk
    judging = Organization.objects.in_bulk({pk for pk in judge.values() if pk is not None})
    configs: dict[int | None, RuleConfig] = {}
    checks = []
    for line in lines:
        key = ("p", line.person_id, line.year) if line.person_id else ("o", line.organization_id, line.year)
        subject = subjects[key]  # type: ignore[index]
        unit_id = judge[key]  # type: ignore[index]
        if unit_id not in configs:
            configs[unit_id] = rule_config_for(organization=judging.get(unit_id) if unit_id else None)
        evaluation = evaluate(
            subject=subject,
            question=Question(line.code, line.year, track=line.track),
            config=configs[unit_id],
        )
        checks.append(
            LineCheck(
                verdict=evaluation.verdict,
                reasons=[reason.to_dict() for reason in evaluation.reasons],
                rule_set=evaluation.rule_set or "",
                digest=facts_digest(subject),
            )
        )
    return checks


def _reason_label(reason: Mapping[str, Any]) -> str:
    mark = {True: "", False: _(" (không đạt)"), None: _(" (chưa xác định)")}.get(reason.get("met"), "")
    return f"{reason.get('text', '')}{mark}"


def recheck_changes(
    *, old_verdict: str, old_reasons: list[dict], new: LineCheck, old_rule_set: str = ""
) -> str:
    """What changed between two checks, in words ("" when the verdict and reasons are the same)."""
    parts = []
    if old_verdict != new.verdict:
        parts.append(
            _("Kết quả: %(old)s → %(new)s")
            % {"old": verdict_label(old_verdict), "new": verdict_label(new.verdict)}
        )
    if old_rule_set and old_rule_set != new.rule_set:
        parts.append(_("bộ quy tắc: %(old)s → %(new)s") % {"old": old_rule_set, "new": new.rule_set})

    def key(reason: Mapping[str, Any]) -> tuple:
        return (reason.get("criterion"), reason.get("met"), reason.get("text"))

    old_keys = {key(r) for r in old_reasons}
    new_keys = {key(r) for r in new.reasons}
    added = [r for r in new.reasons if key(r) not in old_keys]
    removed = [r for r in old_reasons if key(r) not in new_keys]
    if added:
        parts.append(_("thêm lý do: %(reasons)s") % {"reasons": "; ".join(_reason_label(r) for r in added)})
    if removed:
        parts.append(_("bỏ lý do: %(reasons)s") % {"reasons": "; ".join(_reason_label(r) for r in removed)})
    return "; ".join(parts)


RECHECK_FIELDS = ("verdict", "reasons", "rule_set", "facts_digest", "checked_at", "recheck_note")


def lines_recheck(lines: Sequence[Nomination], *, actor: User | None = None) -> list[Nomination]:
    """Evaluate the lines again; store what changed (one UPDATE for all) and say it in `recheck_note` when the
    verdict or the reasons changed (audited as `nomination.recheck`). Returns the lines that changed. Does not
    bump the batch's version: a re-check is not someone's edit."""
    if not lines:
        return []
    now = timezone.now()
    changed = []
    for line, check in zip(lines, lines_evaluate(lines), strict=True):
        same_answer = (
            line.verdict == check.verdict
            and line.reasons == check.reasons
            and line.rule_set == check.rule_set
        )
        if same_answer and line.facts_digest == check.digest:
            continue
        before = {name: getattr(line, name) for name in ("verdict", "reasons", "rule_set", "recheck_note")}
        note = ""
        if not same_answer:
            note = recheck_changes(
                old_verdict=line.verdict, old_reasons=line.reasons, new=check, old_rule_set=line.rule_set
            )
        line.verdict, line.reasons, line.rule_set = check.verdict, check.reasons, check.rule_set
        line.facts_digest, line.checked_at = check.digest, now
        if note:
            day = timezone.localdate().strftime("%d/%m/%Y")
            line.recheck_note = _("Kiểm tra lại ngày %(day)s – %(changes)s") % {"day": day, "changes": note}
            after = {name: getattr(line, name) for name in before}
            audit_record(action="nomination.recheck", instance=line, before=before, after=after, actor=actor)
        changed.append(line)
    if changed:
        Nomination.objects.bulk_update(changed, RECHECK_FIELDS)
    return changed


def batch_recheck(*, batch: ProposalBatch, actor: User | None = None) -> list[Nomination]:
    """Re-check the batch's open lines (a fixed handful of queries for the people, a few per collective)."""
    lines = list(batch.nominations.filter(status__in=OPEN_STATES).select_related("person", "organization"))
    return lines_recheck(lines, actor=actor)


def nomination_recheck(*, nomination: Nomination, actor: User | None = None) -> bool:
    """Re-check one line; True when something changed."""
    return bool(lines_recheck([nomination], actor=actor))


# ---------------------------------------------------------------- one achievement – one award


def _subject_name(person: Person | None, organization: Organization | None) -> str:
    return person.full_name if person is not None else str(organization)


def _code_name(code: str) -> str:
    return str(AwardCode(code).label) if code in AwardCode.values else code


def _track_name(track: str) -> str:
    return str(AwardTrack(track).label) if track in AwardTrack.values else track


def _line_text(line: Nomination) -> str:
    return _(
        "đề nghị %(code)s năm %(year)s (%(track)s) trong tờ trình “%(batch)s” của %(unit)s, trạng thái "
        "“%(status)s”"
    ) % {
        "code": _code_name(line.code),
        "year": line.year,
        "track": _track_name(line.track).lower(),
        "batch": line.batch.title,
        "unit": line.batch.unit.name,
        "status": line.get_status_display(),
    }


def _award_text(award: AwardRecord) -> str:
    text = _("%(code)s năm %(year)s (%(track)s)") % {
        "code": _code_name(award.code),
        "year": award.year,
        "track": _track_name(award.track).lower(),
    }
    if award.period_from and award.period_to:
        text += _(", thành tích giai đoạn %(first)s–%(last)s") % {
            "first": award.period_from,
            "last": award.period_to,
        }
    if award.decision_number:
        text += _(", Quyết định số %(number)s") % {"number": award.decision_number}
        if award.decided_on:
            text += _(" ngày %(day)s") % {"day": award.decided_on.strftime("%d/%m/%Y")}
    return text


def award_conflicts(
    *,
    person: Person | None,
    organization: Organization | None,
    code: str,
    year: int,
    track: str,
    period_from: int | None = None,
    period_to: int | None = None,
    exclude_pk: int | None = None,
) -> list[str]:
    """Why the achievement is already proposed or rewarded (empty: it is not). Refused: another live line or an
    active award of the same code, year and track; for a form, another form on the same track for an
    overlapping period (legal-rules §12 item 7)."""
    subject = Q(person=person) if person is not None else Q(organization=organization)
    name = _subject_name(person, organization)
    problems = []
    lines = Nomination.objects.filter(subject, status__in=LIVE_STATES, track=track).select_related(
        "batch__unit"
    )
    if exclude_pk is not None:
        lines = lines.exclude(pk=exclude_pk)
    awards = AwardRecord.objects.filter(subject, status=AwardStatus.ACTIVE, track=track)
    same = lines.filter(code=code, year=year).first()
    if same is not None:
        problems.append(
            _("%(subject)s đã có %(line)s: một thành tích chỉ được khen thưởng một lần (%(law)s).")
            % {"subject": name, "line": _line_text(same), "law": LAW_ONE_AWARD}
        )
    award = awards.filter(code=code, year=year).first()
    if award is not None:
        problems.append(
            _("%(subject)s đã được tặng %(award)s: một thành tích chỉ được khen thưởng một lần (%(law)s).")
            % {"subject": name, "award": _award_text(award), "law": LAW_ONE_AWARD}
        )
    if code in FORM_CODES:
        first, last = (period_from, period_to) if period_from and period_to else (year, year)
        other = ~Q(code=code, year=year)  # the same code and year is said above
        overlapping_line = (
            lines.filter(other, code__in=FORM_CODES)
            .annotate(span_lo=Coalesce("period_from", "year"), span_hi=Coalesce("period_to", "year"))
            .filter(span_lo__lte=last, span_hi__gte=first)
            .first()
        )
        if overlapping_line is not None:
            problems.append(
                _(
                    "%(subject)s đã có %(line)s cho thành tích trùng thời gian: một thành tích chỉ được khen "
                    "thưởng một hình thức (%(law)s)."
                )
                % {"subject": name, "line": _line_text(overlapping_line), "law": LAW_ONE_AWARD}
            )
        overlapping_award = (
            awards.filter(other, code__in=FORM_CODES)
            .annotate(span_lo=Coalesce("period_from", "year"), span_hi=Coalesce("period_to", "year"))
            .filter(span_lo__lte=last, span_hi__gte=first)
            .first()
        )
        if overlapping_award is not None:
            problems.append(
                _(
                    "%(subject)s đã được tặng %(award)s cho thành tích trùng thời gian: một thành tích chỉ được "
                    "khen thưởng một hình thức (%(law)s)."
                )
                % {"subject": name, "award": _award_text(overlapping_award), "law": LAW_ONE_AWARD}
            )
    return problems


# ---------------------------------------------------------------- batches


def can_act_for_unit(user: User | None, unit: Organization) -> bool:
    """Whether the user writes the unit's proposals (its head, or the agency's standing office)."""
    return has_role(user, *UNIT_SIDE, organization=unit)


def default_title(year: int) -> str:
    return _("Tờ trình đề nghị khen thưởng thành tích năm %(year)s") % {"year": year}


@transaction.atomic
def batch_create(
    *,
    actor: User | None,
    unit: Organization,
    year: int,
    title: str = "",
    number: str = "",
    dated: date | None = None,
    movement: Movement | None = None,
    advisory: Organization | None = None,
    province: bool = False,
    check_permission: bool = True,
) -> ProposalBatch:
    """A draft batch of `unit` for achievement `year`, addressed to the agency's office (`office_for` on its
    date), to `advisory` — an advisory unit that pools it (`advisory_offices_for`) — or, with `province`, to the
    province above the unit (a bloc's proposal to the provincial council, `thidua.clusters`)."""
    if check_permission and not can_act_for_unit(actor, unit):
        raise PermissionDenied
    if unit.kind == OrganizationKind.PROVINCE:
        raise ValidationError({"unit": _("Ủy ban nhân dân tỉnh không lập tờ trình trong hệ thống này.")})
    day = dated or timezone.localdate()
    if province:
        above = [o for o in _ancestors(unit) if o.kind == OrganizationKind.PROVINCE]
        if not above:
            raise ValidationError({"unit": _("%(unit)s không thuộc tỉnh nào.") % {"unit": unit.name}})
        office = above[-1]
    elif advisory is not None:
        if advisory.pk not in {o.pk for o in advisory_offices_for(unit)}:
            raise ValidationError(
                {
                    "advisory": _("%(office)s không phải đơn vị tổng hợp của %(unit)s.")
                    % {
                        "office": advisory.name,
                        "unit": unit.name,
                    }
                }
            )
        office = advisory
    else:
        office = office_for(unit=unit, on=day)
    if movement is not None and not movement.period_start <= year <= movement.period_end:
        raise ValidationError(
            {
                "movement": _("Phong trào “%(title)s” không diễn ra trong năm %(year)s.")
                % {
                    "title": movement.title,
                    "year": year,
                }
            }
        )
    batch = ProposalBatch(
        unit=unit,
        office=office,
        year=year,
        title=(title or "").strip() or default_title(year),
        number=number,
        dated=day,
        movement=movement,
        created_by=actor if actor is not None and actor.is_authenticated else None,
    )
    return audited_create(batch, actor=actor)


@transaction.atomic
def batch_update(
    *,
    actor: User | None,
    batch: ProposalBatch,
    version: int | None = None,
    check_permission: bool = True,
    **changes: Any,
) -> ProposalBatch:
    """Change the header of a draft or returned batch (title, number, date, movement)."""
    locked = _lock_batch(batch.pk, version)
    if check_permission and not can_act_for_unit(actor, locked.unit):
        raise PermissionDenied
    if locked.status not in EDITABLE_BATCH_STATES:
        raise ValidationError(_("Chỉ sửa được tờ trình đang soạn hoặc bị trả lại."))
    allowed = {"title", "number", "dated", "movement"}
    unknown = set(changes) - allowed
    if unknown:
        raise ValueError(f"batch_update: unknown fields {sorted(unknown)}")
    changes["version"] = locked.version + 1
    return audited_update(locked, actor=actor, changes=changes, locked=True)


def _judged_in_unit(person: Person, year: int, unit: Organization) -> bool:
    unit_id = judging_units_for(year=year, person_ids=[person.pk]).get(person.pk)
    if unit_id is None:
        return False
    return Organization.objects.filter(pk=unit_id, path__startswith=unit.path).exists()


def _line_checks(
    *,
    actor: User | None,
    batch: ProposalBatch,
    person: Person | None,
    organization: Organization | None,
    code: str,
    track: str,
    period_from: int | None,
    period_to: int | None,
    movement: Movement | None,
    achievement: str,
    check_permission: bool,
) -> None:
    """Who and what a line may name (raises ValidationError or PermissionDenied)."""
    year = batch.year
    if (person is None) == (organization is None):
        raise ValidationError(_("Đề nghị phải cho một cá nhân hoặc một tập thể."))
    if code not in catalogue.CATALOGUE:
        raise ValidationError({"code": _("Danh hiệu, hình thức không hợp lệ.")})
    kind = catalogue.INDIVIDUAL if person is not None else catalogue.COLLECTIVE
    if kind not in catalogue.CATALOGUE[code].subject_kinds:
        message = (
            _("%(code)s không xét tặng cho cá nhân.")
            if person is not None
            else _("%(code)s không xét tặng cho tập thể.")
        )
        raise ValidationError({"code": message % {"code": _code_name(code)}})
    if track not in AwardTrack.values:
        raise ValidationError({"track": _("Loại khen thưởng không hợp lệ.")})
    if track == AwardTrack.CHUYEN_DE and movement is None:
        raise ValidationError(
            {"movement": _("Khen thưởng theo chuyên đề phải gắn với một phong trào thi đua.")}
        )
    if movement is not None and not movement.period_start <= year <= movement.period_end:
        raise ValidationError(
            {
                "movement": _("Phong trào “%(title)s” không diễn ra trong năm %(year)s.")
                % {
                    "title": movement.title,
                    "year": year,
                }
            }
        )
    if track in SIMPLIFIED_TRACKS and not achievement.strip():
        raise ValidationError(
            {
                "achievement": _(
                    "Khen thưởng đột xuất theo thủ tục đơn giản: nêu tóm tắt thành tích đột xuất để xét."
                )
            }
        )
    errors = award_period_errors(period_from, period_to)
    if errors:
        raise ValidationError(errors)
    if period_to is not None and period_to > year:
        raise ValidationError(
            {"period_to": _("Giai đoạn thành tích kết thúc sau năm %(year)s của tờ trình.") % {"year": year}}
        )
    unit = batch.unit
    if person is not None:
        if not _judged_in_unit(person, year, unit):
            raise ValidationError(
                {
                    "person": _("%(person)s không thuộc %(unit)s trong năm %(year)s.")
                    % {"person": person.full_name, "unit": unit.name, "year": year}
                }
            )
        if check_permission and not person_years_editable(actor, [(person.pk, year)], *UNIT_SIDE):
            raise PermissionDenied
    else:
        assert organization is not None
        outside = not organization.path.startswith(unit.path) and not registry.may_propose_collective(
            batch, organization
        )
        if outside or organization.kind == OrganizationKind.PROVINCE:
            raise ValidationError(
                {
                    "organization": _("%(collective)s không thuộc %(unit)s.")
                    % {"collective": organization.name, "unit": unit.name}
                }
            )
        if (
            check_permission
            and not managed_organizations(actor, *UNIT_SIDE).filter(pk=organization.pk).exists()
        ):
            raise PermissionDenied


@transaction.atomic
def nomination_add(
    *,
    actor: User | None,
    batch: ProposalBatch,
    code: str,
    track: str = AwardTrack.CONG_TRANG,
    person: Person | None = None,
    organization: Organization | None = None,
    period_from: int | None = None,
    period_to: int | None = None,
    movement: Movement | None = None,
    achievement: str = "",
    version: int | None = None,
    check_permission: bool = True,
) -> Nomination:
    """Add a line to a draft or returned batch, with the engine's verdict at this moment. Refuses a subject
    outside the batch's unit or the user's scope, a code for the other kind of subject, a thematic line
    without its movement, a one-off line without its achievement, and a second award for one achievement."""
    locked = _lock_batch(batch.pk, version)
    if check_permission and not can_act_for_unit(actor, locked.unit):
        raise PermissionDenied
    if locked.status not in EDITABLE_BATCH_STATES:
        raise ValidationError(_("Chỉ thêm đề nghị khi tờ trình đang soạn hoặc bị trả lại."))
    movement = (
        movement if movement is not None else (locked.movement if track == AwardTrack.CHUYEN_DE else None)
    )
    _line_checks(
        actor=actor,
        batch=locked,
        person=person,
        organization=organization,
        code=code,
        track=track,
        period_from=period_from,
        period_to=period_to,
        movement=movement,
        achievement=achievement,
        check_permission=check_permission,
    )
    problems = award_conflicts(
        person=person,
        organization=organization,
        code=code,
        year=locked.year,
        track=track,
        period_from=period_from,
        period_to=period_to,
    )
    if problems:
        raise ValidationError(problems, code="one_award")
    line = Nomination(
        batch=locked,
        person=person,
        organization=organization,
        code=code,
        track=track,
        year=locked.year,
        period_from=period_from,
        period_to=period_to,
        movement=movement,
        achievement=achievement.strip(),
    )
    check = lines_evaluate([line])[0]
    line.verdict, line.reasons, line.rule_set = check.verdict, check.reasons, check.rule_set
    line.facts_digest, line.checked_at = check.digest, timezone.now()
    duplicate = (
        _("Cá nhân này đã được đề nghị danh hiệu, hình thức này cho năm thành tích này.")
        if person is not None
        else _("Tập thể này đã được đề nghị danh hiệu, hình thức này cho năm thành tích này.")
    )
    line = audited_create(line, actor=actor, duplicate=duplicate, duplicate_field="code")
    _bump(locked.pk)
    return line


LINE_EDITABLE_STATES = (N.DRAFT, N.RETURNED)


@transaction.atomic
def nomination_update(
    *,
    actor: User | None,
    nomination: Nomination,
    version: int | None = None,
    check_permission: bool = True,
    **changes: Any,
) -> Nomination:
    """Correct a draft or returned line (achievement summary, period, movement), then re-check it. A returned
    line of a batch still with the office is corrected here and proposed again (`propose`)."""
    locked_batch = _lock_batch(nomination.batch_id, version)
    line = (
        Nomination.objects.select_for_update(of=("self",))
        .select_related("person", "organization", "movement")
        .get(pk=nomination.pk)
    )
    line.batch = locked_batch
    if check_permission and not can_act_for_unit(actor, locked_batch.unit):
        raise PermissionDenied
    if line.status not in LINE_EDITABLE_STATES or locked_batch.status not in (
        *EDITABLE_BATCH_STATES,
        B.SUBMITTED,
    ):
        raise ValidationError(_("Chỉ sửa được đề nghị đang soạn hoặc bị trả lại."))
    allowed = {"achievement", "period_from", "period_to", "movement"}
    unknown = set(changes) - allowed
    if unknown:
        raise ValueError(f"nomination_update: unknown fields {sorted(unknown)}")
    merged = {name: changes.get(name, getattr(line, name)) for name in allowed}
    _line_checks(
        actor=actor,
        batch=locked_batch,
        person=line.person,
        organization=line.organization,
        code=line.code,
        track=line.track,
        period_from=merged["period_from"],
        period_to=merged["period_to"],
        movement=merged["movement"],
        achievement=merged["achievement"] or "",
        check_permission=False,  # the subject was checked when the line was added; the unit is checked above
    )
    problems = award_conflicts(
        person=line.person,
        organization=line.organization,
        code=line.code,
        year=line.year,
        track=line.track,
        period_from=merged["period_from"],
        period_to=merged["period_to"],
        exclude_pk=line.pk,
    )
    if problems:
        raise ValidationError(problems, code="one_award")
    if "achievement" in changes:
        changes["achievement"] = (changes["achievement"] or "").strip()
    line = audited_update(line, actor=actor, changes=changes, locked=True)
    lines_recheck([line], actor=actor)
    _bump(locked_batch.pk)
    return line


# ---------------------------------------------------------------- transitions


def batch_transition(
    *,
    actor: User | None,
    batch: ProposalBatch,
    action: str,
    reason: str = "",
    version: int | None = None,
    on: date | None = None,
    check_permission: bool = True,
) -> ProposalBatch:
    """Perform `action` on the batch along `workflow.BATCH` (audited as `proposal_batch.<action>`). Sending
    and accepting re-check the open lines first, so the office sees the engine's verdict of that moment."""
    with transaction.atomic():
        locked = _lock_batch(batch.pk, version)
        if action in (SUBMIT, ACCEPT) and locked.status in (B.DRAFT, B.RETURNED, B.SUBMITTED):
            batch_recheck(batch=locked, actor=actor)
        return transition_perform(
            workflow=BATCH,
            record=locked,
            action=action,
            actor=actor,
            reason=reason,
            on=on,
            check_permission=check_permission,
        )


def nomination_transition(
    *,
    actor: User | None,
    nomination: Nomination,
    action: str,
    reason: str = "",
    version: int | None = None,
    check_permission: bool = True,
) -> Nomination:
    """Perform `action` on one line along `workflow.NOMINATION` (audited as `nomination.<action>`): the office
    accepts a line or returns it with a reason; the unit proposes a corrected line again or withdraws it; the
    council schedules, passes or fails it (`thidua.council`). The batch is locked first, like every change."""
    with transaction.atomic():
        _lock_batch(nomination.batch_id, version)
        if action in (ACCEPT, PROPOSE):
            line = Nomination.objects.select_related("person", "organization").get(pk=nomination.pk)
            if line.status in OPEN_STATES:
                lines_recheck([line], actor=actor)
        return transition_perform(
            workflow=NOMINATION,
            record=nomination,
            action=action,
            actor=actor,
            reason=reason,
            check_permission=check_permission,
        )


@transaction.atomic
def batch_pool(
    *,
    actor: User | None,
    into: ProposalBatch,
    batches: Iterable[ProposalBatch],
    version: int | None = None,
    check_permission: bool = True,
) -> ProposalBatch:
    """An advisory unit gathers the submitted batches addressed to it into its own draft batch: each is
    `pooled` (pointing to `into`), and its lines move into `into`, remembering their first batch."""
    target = _lock_batch(into.pk, version)
    if check_permission and not can_act_for_unit(actor, target.unit):
        raise PermissionDenied
    if target.status not in EDITABLE_BATCH_STATES:
        raise ValidationError(_("Chỉ tổng hợp vào tờ trình đang soạn hoặc bị trả lại."))
    sources = list(batches)
    if not sources:
        raise ValidationError(_("Chọn ít nhất một tờ trình để tổng hợp."))
    moved = 0
    for source in sources:
        if source.pk == target.pk or source.office_id != target.unit_id or source.year != target.year:
            raise ValidationError(
                _("Tờ trình “%(title)s” không gửi đến %(unit)s cho năm %(year)s.")
                % {"title": source.title, "unit": target.unit.name, "year": target.year}
            )
        ProposalBatch.objects.filter(pk=source.pk).update(pooled_into=target)
        transition_perform(
            workflow=BATCH, record=source, action=POOL, actor=actor, check_permission=check_permission
        )
        Nomination.objects.filter(batch=source, origin_batch__isnull=True).update(origin_batch=source)
        moved += Nomination.objects.filter(batch=source).update(batch=target)
    target.refresh_from_db()
    audit_record(
        action="proposal_batch.pool_into",
        instance=target,
        after={"batches": [s.pk for s in sources], "lines": moved},
        actor=actor,
    )
    _bump(target.pk)
    target.refresh_from_db()
    return target


def nominations_from_findings(
    *,
    actor: User | None,
    batch: ProposalBatch,
    items: Sequence[tuple[str, int, str]],
    track: str = AwardTrack.CONG_TRANG,
    version: int | None = None,
) -> tuple[list[Nomination], list[str]]:
    """Lines for the chosen findings of a discovery run ((kind, id, code); kind "individual" or "collective"):
    each is added on its own (`nomination_add`), and a refused one is reported by name, not lost."""
    created: list[Nomination] = []
    problems: list[str] = []
    with transaction.atomic():
        _lock_batch(batch.pk, version)
        people = Person.objects.in_bulk([key for kind, key, _code in items if kind == catalogue.INDIVIDUAL])
        units = Organization.objects.in_bulk(
            [key for kind, key, _code in items if kind == catalogue.COLLECTIVE]
        )
        for kind, key, code in items:
            person = people.get(key) if kind == catalogue.INDIVIDUAL else None
            organization = units.get(key) if kind == catalogue.COLLECTIVE else None
            if person is None and organization is None:
                problems.append(_("Không tìm thấy đối tượng %(key)s.") % {"key": key})
                continue
            name = _subject_name(person, organization)
            try:
                created.append(
                    nomination_add(
                        actor=actor,
                        batch=batch,
                        code=code,
                        track=track,
                        person=person,
                        organization=organization,
                    )
                )
            except ValidationError as error:
                problems.append(
                    _("%(subject)s – %(code)s: %(problem)s")
                    % {"subject": name, "code": _code_name(code), "problem": " ".join(error.messages)}
                )
            except PermissionDenied:
                problems.append(
                    _("%(subject)s – %(code)s: ngoài phạm vi đơn vị bạn được đề nghị.")
                    % {"subject": name, "code": _code_name(code)}
                )
    return created, problems


# ---------------------------------------------------------------- quotas


def _line_unit(line: Nomination) -> Organization:
    return line.origin_batch.unit if line.origin_batch_id else line.batch.unit  # type: ignore[union-attr]


def _quota_lines(*, office: Organization, year: int) -> list[Nomination]:
    """The live lines of the live batches addressed to `office` or to an advisory unit inside it."""
    return list(
        Nomination.objects.filter(
            year=year,
            status__in=LIVE_STATES,
            batch__status__in=(*LIVE_BATCH_STATES, B.POOLED),
            batch__office__path__startswith=office.path,
        ).select_related("batch__unit", "origin_batch__unit")
    )


def quota_excesses(*, office: Organization, year: int) -> list[QuotaExcess]:
    """The quotas in force for `year` (rules engine, `quotas.check_quotas`, with the office's configuration)
    on every live line addressed to the office, per proposing unit and for the whole agency. A base (e.g.
    LĐTT for CSTĐCS) counts the unit's lines and the awards its people or collectives already received."""
    config = rule_config_for(organization=office)
    rule_set = criteria_era(year, default_as_of(year), config)
    era = rule_set.era if rule_set else "E1"
    active = [rule for rule in QUOTA_RULES if config.get(rule[2], era) is not None]
    if not active:  # from 2024 the law sets no rate (legal-rules §12 item 13): nothing to count
        return []
    lines = _quota_lines(office=office, year=year)
    proposals = []
    by_unit: dict[int, Organization] = {}
    subjects: dict[tuple[int, str], set[tuple[str, int]]] = defaultdict(set)
    for line in lines:
        unit = _line_unit(line)
        by_unit[unit.pk] = unit
        subject = ("p", line.person_id) if line.person_id else ("o", line.organization_id)
        proposals.append(Proposal(unit=unit.name, code=line.code, subject_key=subject))
        subjects[(unit.pk, line.code)].add(subject)  # type: ignore[arg-type]
    if not proposals:
        return []
    base_codes = {base for _code, base, _key in active}
    base_counts: dict[tuple[str, str], int] = {}
    for unit in by_unit.values():
        judged = [pk for pk, _u in judging_units_for(year=year, organization=unit).items()]
        for base in base_codes:
            held = set(subjects.get((unit.pk, base), set()))
            awards = AwardRecord.objects.filter(code=base, year=year, status=AwardStatus.ACTIVE)
            held |= {
                ("p", pk) for pk in awards.filter(person_id__in=judged).values_list("person_id", flat=True)
            }
            held |= {
                ("o", pk)
                for pk in awards.filter(organization__path__startswith=unit.path).values_list(
                    "organization_id", flat=True
                )
            }
            base_counts[(unit.name, base)] = len(held)
    return check_quotas(proposals, year=year, base_counts=base_counts, config=config)


def quota_text(excess: QuotaExcess) -> str:
    text = excess.text
    if excess.to_verify:
        text += _(" (cần xác minh)")
    return text


def movement_plan_problems(*, lines: Iterable[Nomination]) -> list[str]:
    """Thematic lines beyond their movement's planned awards (movements.MovementAwardPlan, all stages): the
    awards already linked to the movement plus the live lines for it may not exceed the plan."""
    wanted = {(line.movement_id, line.code) for line in lines if line.movement_id}
    problems = []
    for movement_id, code in sorted(wanted, key=lambda pair: (pair[0] or 0, pair[1])):
        plans = list(
            MovementAwardPlan.objects.filter(movement_id=movement_id, code=code).select_related("movement")
        )
        if not plans:
            continue
        planned = sum(p.planned_count for p in plans)
        awarded = AwardRecord.objects.filter(
            movement_id=movement_id, code=code, status=AwardStatus.ACTIVE
        ).count()
        proposed = Nomination.objects.filter(
            movement_id=movement_id,
            code=code,
            status__in=LIVE_STATES,
            batch__status__in=(*LIVE_BATCH_STATES, B.POOLED),
        ).count()
        if awarded + proposed > planned:
            problems.append(
                _(
                    "Vượt số khen thưởng dự kiến của phong trào “%(title)s”: %(code)s dự kiến %(planned)s, đã "
                    "khen thưởng %(awarded)s, đang đề nghị %(proposed)s."
                )
                % {
                    "title": plans[0].movement.title,
                    "code": _code_name(code),
                    "planned": planned,
                    "awarded": awarded,
                    "proposed": proposed,
                }
            )
    return problems


# The Cờ thi đua của Chính phủ is proposed within 20% of the collectives that meet the provincial flag's standard
# across the whole ministry or province (NĐ 91/2017 Điều 11 khoản 1; CV 5007/BNV-TĐKT): a unit's or a bloc's
# batch only asks the office, which chooses among all the leaders. On a batch it is a warning; on the office's
# own list (`office_quota_report`) it stays a limit.
OFFICE_LIST_QUOTAS = frozenset({"CO_CHINH_PHU"})


def batch_quota_report(*, batch: ProposalBatch) -> dict[str, list[str]]:
    """The quota findings that concern the batch: `blocking` (the law's rates, the movement's plan) and
    `warnings` (a province's own rate from 2024, legal-rules §12 item 13)."""
    office = batch.office if batch.office.kind in OFFICE_KINDS else agency_of(batch.office)
    lines = list(batch.nominations.filter(status__in=LIVE_STATES).select_related("origin_batch__unit"))
    units = {batch.unit.name} | {line.origin_batch.unit.name for line in lines if line.origin_batch_id}  # type: ignore[union-attr]
    blocking: list[str] = []
    warnings: list[str] = []
    for excess in quota_excesses(office=office, year=batch.year):
        if excess.scope == "unit" and excess.unit not in units:
            continue
        if excess.code in OFFICE_LIST_QUOTAS:
            # A request to the office, not yet the proposal the quota limits: the office applies it to its list.
            warnings.append(
                _("%(text)s; cơ quan thường trực áp dụng tỷ lệ này khi lập danh sách đề nghị của mình")
                % {"text": quota_text(excess)}
            )
            continue
        (warnings if excess.provincial_warning else blocking).append(quota_text(excess))
    blocking.extend(movement_plan_problems(lines=lines))
    return {"blocking": blocking, "warnings": warnings}


def quota_problems(batch: ProposalBatch) -> list[str]:
    """`workflow.SUBMIT_CHECKS` entry: the quota excesses that stop the batch from being sent."""
    return batch_quota_report(batch=batch)["blocking"]


def office_quota_report(*, office: Organization, year: int) -> dict[str, list[str]]:
    """Every quota finding of the office's year (shown to the office when it accepts a batch)."""
    blocking: list[str] = []
    warnings: list[str] = []
    for excess in quota_excesses(office=office, year=year):
        (warnings if excess.provincial_warning else blocking).append(quota_text(excess))
    return {"blocking": blocking, "warnings": warnings}


# ---------------------------------------------------------------- effects of the transitions


def _propagate(lines: Iterable[Nomination], action: str, step: Step, reason: str = "") -> None:
    for line in lines:
        transition_perform(
            workflow=NOMINATION,
            record=line,
            action=action,
            actor=step.actor,
            reason=reason,
            check_permission=False,  # the batch's transition was authorized
        )


@BATCH.on(SUBMIT)
def _batch_submitted(batch: ProposalBatch, step: Step) -> None:
    # The lines' guard reads the batch's state: write it before proposing them.
    ProposalBatch.objects.filter(pk=batch.pk).update(status=B.SUBMITTED)
    _propagate(batch.nominations.filter(status__in=(N.DRAFT, N.RETURNED)), PROPOSE, step)
    batch.submitted_at = step.now
    batch.return_reason = ""
    if batch.dated is None:
        batch.dated = step.on or timezone.localdate()
    batch.version += 1


@BATCH.on(RETURN)
def _batch_returned(batch: ProposalBatch, step: Step) -> None:
    _propagate(batch.nominations.filter(status=N.PROPOSED), RETURN, step, reason=step.reason)
    batch.return_reason = step.reason
    batch.version += 1


@BATCH.on(ACCEPT)
def _batch_accepted(batch: ProposalBatch, step: Step) -> None:
    batch.accepted_at = step.now
    batch.version += 1


@BATCH.on(WITHDRAW)
def _batch_withdrawn(batch: ProposalBatch, step: Step) -> None:
    _propagate(batch.nominations.filter(status__in=(N.DRAFT, N.PROPOSED, N.RETURNED)), WITHDRAW, step)
    batch.version += 1


@BATCH.on(POOL)
def _batch_pooled(batch: ProposalBatch, step: Step) -> None:
    batch.version += 1


def _line_changed(line: Nomination, step: Step) -> None:
    _bump(line.batch_id)


for _action in NOMINATION.actions:
    NOMINATION.on(_action)(_line_changed)


@NOMINATION.on(RETURN)
def _line_returned(line: Nomination, step: Step) -> None:
    line.return_reason = step.reason


# ---------------------------------------------------------------- notifications (after the commit)


def _url(name: str, pk: int) -> str:
    return reverse(name, args=[pk])


def office_users(batch: ProposalBatch) -> list[User]:
    """Who receives a batch: the standing office's officers, or the head of the advisory unit it is addressed
    to."""
    role = Role.OFFICER if batch.office.kind in OFFICE_KINDS else Role.UNIT_HEAD
    return users_holding(role, organization=batch.office)


def unit_heads(batch: ProposalBatch) -> list[User]:
    return users_holding(Role.UNIT_HEAD, organization=batch.unit)


@BATCH.after_commit(SUBMIT)
def _notify_submitted(batch: ProposalBatch, step: Step) -> None:
    notify(
        users=office_users(batch),
        title=_("Tờ trình đề nghị khen thưởng mới: %(unit)s, năm %(year)s")
        % {"unit": batch.unit.name, "year": batch.year},
        body=_("%(unit)s đã gửi tờ trình “%(title)s” (%(count)s đề nghị) để kiểm tra.")
        % {"unit": batch.unit.name, "title": batch.title, "count": batch.nominations.count()},
        url=_url("nominations:detail", batch.pk),
    )


@BATCH.after_commit(RETURN)
def _notify_batch_returned(batch: ProposalBatch, step: Step) -> None:
    notify(
        users=unit_heads(batch),
        title=_("Tờ trình bị trả lại: %(title)s") % {"title": batch.title},
        body=_("Lý do: %(reason)s") % {"reason": step.reason},
        url=_url("nominations:detail", batch.pk),
    )


@BATCH.after_commit(ACCEPT)
def _notify_batch_accepted(batch: ProposalBatch, step: Step) -> None:
    accepted = batch.nominations.filter(status=N.ACCEPTED).count()
    notify(
        users=unit_heads(batch),
        title=_("Tờ trình đã được tiếp nhận: %(title)s") % {"title": batch.title},
        body=_("%(office)s đã tiếp nhận tờ trình với %(count)s đề nghị được chấp nhận.")
        % {"office": batch.office.name, "count": accepted},
        url=_url("nominations:detail", batch.pk),
    )


@NOMINATION.after_commit(RETURN)
def _notify_line_returned(line: Nomination, step: Step) -> None:
    batch = line.batch
    if ProposalBatch.objects.filter(pk=batch.pk, status=B.RETURNED).exists():
        return  # the whole batch came back: its own notification says so
    notify(
        users=unit_heads(batch),
        title=_("Đề nghị bị trả lại: %(line)s") % {"line": str(line)},
        body=_("Lý do: %(reason)s") % {"reason": step.reason},
        url=_url("nominations:line_detail", line.pk),
    )
