"""Writing the reward fund: the year's book, income, other spending, paying and cancelling, and the entries a
decision brings (one planned spending per awardee when it is issued, cancelled when it is revoked).

Every write is the office's (Role.OFFICER of the agency; checked here again, whatever the page did), runs in a
transaction, locks the row it changes, checks the `version` the page showed (`FundConflict` when another officer
got there first) and is audited. The effects on the decision lifecycle (`effects.py`) call
`decision_entries_write` / `decision_entries_cancel` with the decision's actor, inside the decision's
transaction.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.models import Role, User
from thidua.accounts.scope import has_role
from thidua.audit.services import audit_record, audited_create, model_snapshot
from thidua.decisions.models import Decision, DecisionKind, DecisionLine, DecisionStatus
from thidua.documents.formatting import vn_date, vn_number
from thidua.organizations.models import Organization

from .models import (
    DEFAULT_CEILING,
    Category,
    CeilingBase,
    DecisionFunding,
    Direction,
    EntryStatus,
    FundEntry,
    FundYear,
    Source,
)

LIVE = (EntryStatus.PLANNED, EntryStatus.PAID)


class FundConflict(ValidationError):
    """The page showed an older version of the row than the one stored."""

    def __init__(self, *, current: int, shown: int) -> None:
        super().__init__(
            _(
                "Khoản này vừa được người khác thay đổi (phiên bản hiện tại %(current)s, trang của bạn hiển thị "
                "phiên bản %(shown)s), hãy tải lại trang rồi thao tác lại."
            )
            % {"current": current, "shown": shown},
            code="conflict",
        )


def can_manage_fund(user: Any, agency: Organization) -> bool:
    return has_role(user, Role.OFFICER, organization=agency)


def can_read_fund(user: Any, agency: Organization) -> bool:
    return has_role(user, Role.OFFICER, Role.SIGNER, organization=agency)


def _require_office(actor: User | None, agency: Organization) -> None:
    if not can_manage_fund(actor, agency):
        raise PermissionDenied


def _actor(actor: User | None) -> User | None:
    return actor if getattr(actor, "is_authenticated", False) else None


def _today() -> date:
    return timezone.localdate()


# ---------------------------------------------------------------- which decisions the fund pays


def pays_from_fund(decision: Decision) -> bool:
    """An award decision of the agency pays from its fund; an external decision only when the office chose so
    (`DecisionFunding`); a proposal never."""
    if decision.kind == DecisionKind.AWARD:
        return True
    if decision.kind == DecisionKind.EXTERNAL:
        return DecisionFunding.objects.filter(decision=decision, pays_from_fund=True).exists()
    return False


def charge_date(decision: Decision) -> date:
    """The day the award money is charged to the fund: the decision's date (its year is the fund's year)."""
    if decision.decided_on is not None:
        return decision.decided_on
    return timezone.localdate(decision.issued_at) if decision.issued_at else _today()


def _line_description(decision: Decision, line: DecisionLine) -> str:
    text = _("Tiền thưởng %(award)s – %(name)s, quyết định %(number)s") % {
        "award": line.get_code_display(),
        "name": line.subject_name,
        "number": decision.number_symbol or _("chưa có số"),
    }
    return text[:500]


def decision_entries_write(*, decision: Decision, actor: User | None) -> list[FundEntry]:
    """One planned spending entry per awardee of an issued decision that has an amount and no live entry yet
    (a line without an amount writes none; the fund page lists it as "chưa xác định số tiền"). Idempotent."""
    day = charge_date(decision)
    held = FundEntry.objects.filter(decision_line__decision=decision, status__in=LIVE).values(
        "decision_line_id"
    )
    lines = (
        DecisionLine.objects.filter(decision=decision, amount__isnull=False, amount__gt=0)
        .exclude(pk__in=held)
        .order_by("position", "pk")
    )
    made = []
    for line in lines:
        assert line.amount is not None  # filtered above
        entry = FundEntry(
            agency=decision.agency,
            year=day.year,
            direction=Direction.SPENDING,
            category=Category.AWARD,
            amount=line.amount,
            entry_date=day,
            description=_line_description(decision, line),
            decision=decision,
            decision_line=line,
            status=EntryStatus.PLANNED,
            created_by=_actor(actor),
        )
        made.append(audited_create(entry, actor=actor))
    return made


def _revocation_text(decision: Decision) -> str:
    return _("Quyết định đã bị hủy bỏ theo quyết định %(number)s ngày %(day)s.") % {
        "number": decision.revoking_number or "…",
        "day": vn_date(decision.revoking_date) if decision.revoking_date else "…",
    }


def _update(entry: FundEntry, *, actor: User | None, changes: dict[str, Any]) -> FundEntry:
    """Set `changes` on a locked entry, bump its version, validate, save and audit."""
    before = model_snapshot(entry)
    for name, value in changes.items():
        setattr(entry, name, value)
    entry.version += 1
    entry.full_clean()
    entry.save()
    audit_record(action="update", instance=entry, before=before, after=model_snapshot(entry), actor=actor)
    return entry


def decision_entries_cancel(
    *, decision: Decision, actor: User | None, reason: str = ""
) -> tuple[list[FundEntry], list[FundEntry]]:
    """A revoked decision (or an external one the office no longer pays): its planned entries are cancelled; the
    paid ones stay paid with a note (recovering the money is an income entry the office records). Returns
    (cancelled, kept)."""
    text = reason or _revocation_text(decision)
    cancelled, kept = [], []
    entries = FundEntry.objects.select_for_update().filter(decision=decision, status__in=LIVE).order_by("pk")
    for entry in entries:
        if entry.status == EntryStatus.PLANNED:
            cancelled.append(
                _update(
                    entry, actor=actor, changes={"status": EntryStatus.CANCELLED, "note": _noted(entry, text)}
                )
            )
        else:
            note = _noted(
                entry,
                text + " " + _("Khoản đã chi giữ nguyên; tiền thu hồi (nếu có) ghi thành một khoản thu."),
            )
            kept.append(_update(entry, actor=actor, changes={"note": note}))
    return cancelled, kept


def _noted(entry: FundEntry, text: str) -> str:
    return f"{entry.note}\n{text}".strip() if entry.note else text


@transaction.atomic
def decision_funding_set(
    *, actor: User | None, decision: Decision, pays: bool, note: str = ""
) -> DecisionFunding:
    """Whether an external decision's award money is paid from this agency's fund. Choosing it on an issued
    decision writes its planned entries now; withdrawing it cancels the planned ones and is refused once a line
    has been paid."""
    decision = Decision.objects.select_for_update(of=("self",)).select_related("agency").get(pk=decision.pk)
    _require_office(actor, decision.agency)
    if decision.kind != DecisionKind.EXTERNAL:
        raise ValidationError(
            _(
                "Chỉ chọn nguồn chi cho quyết định của cấp khác; quyết định của cơ quan luôn chi từ quỹ của cơ quan."
            ),
            code="kind",
        )
    funding, created = DecisionFunding.objects.select_for_update().get_or_create(decision=decision)
    before = None if created else model_snapshot(funding)
    if not pays and decision.status in (DecisionStatus.ISSUED, DecisionStatus.REVOKED):
        paid = FundEntry.objects.filter(decision=decision, status=EntryStatus.PAID).count()
        if paid:
            raise ValidationError(
                _(
                    "Đã chi tiền thưởng cho %(n)s người, tập thể theo quyết định này: không bỏ chọn “chi từ quỹ "
                    "của cơ quan” được nữa."
                )
                % {"n": paid},
                code="paid",
            )
    funding.pays_from_fund = pays
    funding.note = note.strip()[:500]
    funding.updated_by = _actor(actor)
    funding.save()
    audit_record(
        action="create" if created else "update",
        instance=funding,
        before=before,
        after=model_snapshot(funding),
        actor=actor,
    )
    if decision.status == DecisionStatus.ISSUED:
        if pays:
            decision_entries_write(decision=decision, actor=actor)
        else:
            decision_entries_cancel(
                decision=decision,
                actor=actor,
                reason=_("Cơ quan không chi tiền thưởng của quyết định này từ quỹ của mình."),
            )
    return funding


# ---------------------------------------------------------------- the year's book


def closing_balance(*, agency: Organization, year: int) -> int:
    """The money the fund held at the end of `year`: opening + income − paid spending (0 for a year never kept)."""
    book = FundYear.objects.filter(agency=agency, year=year).first()
    opening = book.opening_balance if book is not None else 0
    sums = FundEntry.objects.filter(agency=agency, year=year).aggregate(
        income=Sum("amount", filter=Q(direction=Direction.INCOME, status=EntryStatus.PAID)),
        paid=Sum("amount", filter=Q(direction=Direction.SPENDING, status=EntryStatus.PAID)),
    )
    return opening + (sums["income"] or 0) - (sums["paid"] or 0)


BOOK_FIELDS = (
    "opening_balance",
    "ceiling_base_kind",
    "ceiling_base",
    "ceiling_percent",
    "ceiling_verified",
    "ceiling_note",
)


@transaction.atomic
def fund_year_save(
    *, actor: User | None, agency: Organization, year: int, version: int | None = None, **changes: Any
) -> FundYear:
    """Open the year's book (opening balance by default the previous year's closing balance, when positive; the
    ceiling's default percent for its base) or change it."""
    _require_office(actor, agency)
    unknown = set(changes) - set(BOOK_FIELDS)
    if unknown:
        raise TypeError(f"not a field of the book: {sorted(unknown)}")
    book = FundYear.objects.select_for_update().filter(agency=agency, year=year).first()
    if book is None:
        kind = changes.get("ceiling_base_kind") or CeilingBase.SALARY_FUND
        opening = changes.pop("opening_balance", None)
        if opening is None:
            opening = max(closing_balance(agency=agency, year=year - 1), 0)
        book = FundYear(
            agency=agency,
            year=year,
            opening_balance=opening,
            ceiling_base_kind=kind,
            ceiling_percent=DEFAULT_CEILING[CeilingBase(kind)][0],
            created_by=_actor(actor),
        )
        for name, value in changes.items():
            if value is not None:
                setattr(book, name, value)
        return audited_create(book, actor=actor)
    if version is not None and book.version != version:
        raise FundConflict(current=book.version, shown=version)
    before = model_snapshot(book)
    for name, value in changes.items():
        setattr(book, name, value)
    book.version += 1
    book.full_clean()
    book.save()
    audit_record(action="update", instance=book, before=before, after=model_snapshot(book), actor=actor)
    return book


def _check_amount(amount: Any) -> int:
    if (
        isinstance(amount, bool)
        or not isinstance(amount, int | Decimal)
        or amount != int(amount)
        or amount <= 0
    ):
        raise ValidationError({"amount": _("Số tiền phải là số nguyên dương (đồng).")})
    return int(amount)


def _check_day(field: str, day: date | None, year: int) -> date:
    if day is None:
        raise ValidationError({field: _("Nhập ngày (dd/mm/yyyy).")})
    if day.year != year:
        raise ValidationError({field: _("Ngày phải thuộc năm %(year)s của sổ quỹ.") % {"year": year}})
    if day > _today():
        raise ValidationError({field: _("Ngày không được sau hôm nay.")})
    return day


def _check_payment(entry_date: date, paid_on: date | None, voucher: str) -> tuple[date, str]:
    voucher = (voucher or "").strip()
    errors: dict[str, str] = {}
    if paid_on is None:
        errors["paid_on"] = _("Nhập ngày chi (dd/mm/yyyy).")
    elif paid_on < entry_date:
        errors["paid_on"] = _("Ngày chi không được trước ngày %(day)s của khoản chi.") % {
            "day": vn_date(entry_date)
        }
    elif paid_on > _today():
        errors["paid_on"] = _("Ngày chi không được sau hôm nay.")
    if not voucher:
        errors["voucher"] = _("Nhập số chứng từ (phiếu chi, ủy nhiệm chi).")
    elif len(voucher) > 64:
        errors["voucher"] = _("Số chứng từ dài quá 64 ký tự.")
    if errors:
        raise ValidationError(errors)
    assert paid_on is not None
    return paid_on, voucher


def _description(text: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError({"description": _("Nhập diễn giải của khoản thu, chi.")})
    return text


@transaction.atomic
def income_add(
    *,
    actor: User | None,
    agency: Organization,
    year: int,
    source: str,
    amount: int,
    entry_date: date,
    description: str,
    note: str = "",
) -> FundEntry:
    """Record money received by the fund (from the budget, contributions, other lawful sources, carried over)."""
    _require_office(actor, agency)
    if source not in Source.values:
        raise ValidationError({"source": _("Chọn nguồn thu.")})
    entry = FundEntry(
        agency=agency,
        year=year,
        direction=Direction.INCOME,
        source=source,
        amount=_check_amount(amount),
        entry_date=_check_day("entry_date", entry_date, year),
        description=_description(description),
        status=EntryStatus.PAID,
        note=note.strip(),
        created_by=_actor(actor),
    )
    return audited_create(entry, actor=actor)


@transaction.atomic
def spending_add(
    *,
    actor: User | None,
    agency: Organization,
    year: int,
    category: str,
    amount: int,
    entry_date: date,
    description: str,
    paid_on: date | None = None,
    voucher: str = "",
    note: str = "",
) -> FundEntry:
    """Record a spending that is not an awardee of a decision (printing, frames, organising, other): planned, or
    paid at once when the date and voucher are given. Award money of a decision comes from the decision."""
    _require_office(actor, agency)
    if category not in Category.values:
        raise ValidationError({"category": _("Chọn nội dung chi.")})
    if category == Category.AWARD:
        raise ValidationError(
            {
                "category": _(
                    "Tiền thưởng theo quyết định được ghi tự động khi quyết định ban hành; với quyết định của cấp "
                    "khác, chọn “chi từ quỹ của cơ quan” trên trang quyết định."
                )
            }
        )
    day = _check_day("entry_date", entry_date, year)
    entry = FundEntry(
        agency=agency,
        year=year,
        direction=Direction.SPENDING,
        category=category,
        amount=_check_amount(amount),
        entry_date=day,
        description=_description(description),
        status=EntryStatus.PLANNED,
        note=note.strip(),
        created_by=_actor(actor),
    )
    if paid_on is not None or voucher.strip():
        entry.paid_on, entry.voucher = _check_payment(day, paid_on, voucher)
        entry.status = EntryStatus.PAID
    return audited_create(entry, actor=actor)


def _lock(entry: FundEntry, version: int | None) -> FundEntry:
    locked = FundEntry.objects.select_for_update(of=("self",)).select_related("agency").get(pk=entry.pk)
    if version is not None and locked.version != version:
        raise FundConflict(current=locked.version, shown=version)
    return locked


@transaction.atomic
def entry_pay(
    *, actor: User | None, entry: FundEntry, paid_on: date | None, voucher: str, version: int | None
) -> FundEntry:
    """Mark a planned spending paid, with the day and the voucher number (số chứng từ). Paying twice, paying a
    cancelled line or paying from a stale page is refused."""
    locked = _lock(entry, version)
    _require_office(actor, locked.agency)
    if locked.direction != Direction.SPENDING:
        raise ValidationError(_("Đây là khoản thu, không phải khoản chi."), code="state")
    if locked.status == EntryStatus.PAID:
        raise ValidationError(
            _("Khoản này đã được chi ngày %(day)s (chứng từ số %(voucher)s).")
            % {"day": vn_date(locked.paid_on) if locked.paid_on else "…", "voucher": locked.voucher},
            code="state",
        )
    if locked.status == EntryStatus.CANCELLED:
        raise ValidationError(_("Khoản này đã bị hủy, không chi được."), code="state")
    paid_on, voucher = _check_payment(locked.entry_date, paid_on, voucher)
    return _update(
        locked, actor=actor, changes={"status": EntryStatus.PAID, "paid_on": paid_on, "voucher": voucher}
    )


@transaction.atomic
def entry_cancel(*, actor: User | None, entry: FundEntry, reason: str, version: int | None) -> FundEntry:
    """Cancel an entry recorded by mistake: an income, or a planned spending that is not a decision's award money
    (that follows its decision: revoking it cancels the line). A paid spending is never cancelled."""
    locked = _lock(entry, version)
    _require_office(actor, locked.agency)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Nêu lý do hủy khoản này.")})
    if locked.status == EntryStatus.CANCELLED:
        raise ValidationError(_("Khoản này đã bị hủy."), code="state")
    if locked.direction == Direction.SPENDING and locked.status == EntryStatus.PAID:
        raise ValidationError(
            _("Khoản đã chi không hủy được; tiền thu hồi (nếu có) ghi thành một khoản thu."), code="state"
        )
    if locked.decision_line_id is not None:
        raise ValidationError(
            _("Tiền thưởng theo quyết định chỉ hủy khi quyết định bị hủy bỏ."), code="state"
        )
    note = _noted(locked, _("Hủy: %(reason)s") % {"reason": reason})
    return _update(locked, actor=actor, changes={"status": EntryStatus.CANCELLED, "note": note})


def money(amount: int | None) -> str:
    """An amount in đồng as printed: 2.340.000."""
    return vn_number(amount or 0)
