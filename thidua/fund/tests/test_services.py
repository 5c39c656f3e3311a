"""The fund's writes: only the agency's office writes; paying twice, paying from a stale page or without a date and
voucher is refused with a Vietnamese message naming what is wrong; income and other spending stay in their year;
a decision's award money is cancelled only by revoking the decision; the year's book opens with the previous
year's closing balance."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from thidua.audit.models import AuditEvent
from thidua.fund import selectors, services
from thidua.fund.models import Category, CeilingBase, EntryStatus, FundEntry, FundYear, Source

pytestmark = pytest.mark.django_db


@pytest.fixture
def agency(org_tree):
    return org_tree["agency"]


def _printing(people, agency, **extra):
    values = {
        "actor": people["officer"],
        "agency": agency,
        "year": 2025,
        "category": Category.PRINTING,
        "amount": 1_200_000,
        "entry_date": date(2025, 3, 25),
        "description": "In giấy khen",
    }
    values.update(extra)
    return services.spending_add(**values)


def test_paying_twice_is_refused_with_the_first_payment_named(people, agency):
    entry = _printing(people, agency)
    services.entry_pay(
        actor=people["officer"], entry=entry, paid_on=date(2025, 3, 28), voucher="PC-02", version=1
    )
    with pytest.raises(ValidationError) as refused:
        services.entry_pay(
            actor=people["officer"], entry=entry, paid_on=date(2025, 3, 29), voucher="PC-03", version=None
        )
    assert refused.value.messages == ["Khoản này đã được chi ngày 28/03/2025 (chứng từ số PC-02)."]
    entry.refresh_from_db()
    assert (entry.status, entry.paid_on, entry.voucher, entry.version) == (
        EntryStatus.PAID,
        date(2025, 3, 28),
        "PC-02",
        2,
    )


def test_a_stale_version_is_refused_and_changes_nothing(people, agency):
    entry = _printing(people, agency)
    services.entry_pay(
        actor=people["officer"], entry=entry, paid_on=date(2025, 3, 28), voucher="PC-02", version=1
    )
    with pytest.raises(ValidationError) as refused:
        # A second officer's page still shows version 1.
        services.entry_pay(
            actor=people["both"], entry=entry, paid_on=date(2025, 3, 30), voucher="PC-04", version=1
        )
    assert refused.value.code == "conflict"
    assert "vừa được người khác thay đổi" in refused.value.messages[0]
    assert "phiên bản hiện tại 2" in refused.value.messages[0]
    entry.refresh_from_db()
    assert entry.voucher == "PC-02"


@pytest.mark.parametrize(
    ("paid_on", "voucher", "field", "message"),
    [
        (None, "PC-1", "paid_on", "Nhập ngày chi (dd/mm/yyyy)."),
        (date(2025, 3, 20), "PC-1", "paid_on", "Ngày chi không được trước ngày 25/03/2025 của khoản chi."),
        (date(2099, 1, 1), "PC-1", "paid_on", "Ngày chi không được sau hôm nay."),
        (date(2025, 3, 28), "  ", "voucher", "Nhập số chứng từ (phiếu chi, ủy nhiệm chi)."),
    ],
)
def test_paying_needs_a_date_not_before_the_line_and_a_voucher(
    people, agency, paid_on, voucher, field, message
):
    entry = _printing(people, agency)
    with pytest.raises(ValidationError) as refused:
        services.entry_pay(actor=people["officer"], entry=entry, paid_on=paid_on, voucher=voucher, version=1)
    assert refused.value.message_dict == {field: [message]}
    entry.refresh_from_db()
    assert entry.status == EntryStatus.PLANNED and entry.version == 1


@pytest.mark.parametrize("who", ["signer", "head_a", "staff_a", "other_officer"])
def test_only_the_agencys_office_writes_the_fund(people, agency, who):
    entry = _printing(people, agency)
    actor = people[who]
    with pytest.raises(PermissionDenied):
        services.entry_pay(actor=actor, entry=entry, paid_on=date(2025, 3, 28), voucher="PC-1", version=1)
    with pytest.raises(PermissionDenied):
        services.income_add(
            actor=actor,
            agency=agency,
            year=2025,
            source=Source.BUDGET,
            amount=1,
            entry_date=date(2025, 1, 2),
            description="x",
        )
    with pytest.raises(PermissionDenied):
        services.fund_year_save(actor=actor, agency=agency, year=2025)
    assert FundEntry.objects.count() == 1 and not FundYear.objects.exists()


def test_income_and_spending_stay_in_their_year_with_a_positive_amount(people, agency):
    with pytest.raises(ValidationError) as refused:
        services.income_add(
            actor=people["officer"],
            agency=agency,
            year=2025,
            source=Source.BUDGET,
            amount=5_000_000,
            entry_date=date(2024, 12, 31),
            description="Dự toán",
        )
    assert refused.value.message_dict == {"entry_date": ["Ngày phải thuộc năm 2025 của sổ quỹ."]}
    with pytest.raises(ValidationError) as refused:
        _printing(people, agency, amount=0)
    assert refused.value.message_dict == {"amount": ["Số tiền phải là số nguyên dương (đồng)."]}
    with pytest.raises(ValidationError) as refused:
        _printing(people, agency, category=Category.AWARD)
    assert "ghi tự động khi quyết định ban hành" in refused.value.message_dict["category"][0]


def test_spending_paid_at_once_records_its_date_and_voucher_and_is_audited(people, agency):
    entry = _printing(people, agency, paid_on=date(2025, 3, 28), voucher="PC-02/2025")
    assert (entry.status, entry.paid_on, entry.voucher) == (EntryStatus.PAID, date(2025, 3, 28), "PC-02/2025")
    event = AuditEvent.objects.filter(action="create", object_id=str(entry.pk)).get()
    assert event.after is not None and event.after["voucher"] == "PC-02/2025"


def test_cancelling_follows_what_the_line_is(people, agency, issued):
    officer = people["officer"]
    income = services.income_add(
        actor=officer,
        agency=agency,
        year=2025,
        source=Source.CONTRIBUTION,
        amount=2_000_000,
        entry_date=date(2025, 2, 1),
        description="Công đoàn hỗ trợ",
    )
    cancelled = services.entry_cancel(actor=officer, entry=income, reason="Ghi nhầm", version=1)
    assert cancelled.status == EntryStatus.CANCELLED and "Ghi nhầm" in cancelled.note
    with pytest.raises(ValidationError) as refused:
        services.entry_cancel(actor=officer, entry=income, reason="Lần nữa", version=None)
    assert refused.value.messages == ["Khoản này đã bị hủy."]
    award_line = FundEntry.objects.filter(decision=issued).earliest("pk")
    with pytest.raises(ValidationError) as refused:
        services.entry_cancel(actor=officer, entry=award_line, reason="Người nhận từ chối", version=1)
    assert refused.value.messages == ["Tiền thưởng theo quyết định chỉ hủy khi quyết định bị hủy bỏ."]
    paid = _printing(people, agency, paid_on=date(2025, 3, 28), voucher="PC-9")
    with pytest.raises(ValidationError) as refused:
        services.entry_cancel(actor=officer, entry=paid, reason="Nhầm", version=1)
    assert "Khoản đã chi không hủy được" in refused.value.messages[0]
    with pytest.raises(ValidationError) as refused:
        services.entry_cancel(actor=officer, entry=_printing(people, agency), reason=" ", version=1)
    assert refused.value.message_dict == {"reason": ["Nêu lý do hủy khoản này."]}


def test_a_new_years_book_opens_with_the_previous_years_closing_balance(people, agency):
    officer = people["officer"]
    services.fund_year_save(actor=officer, agency=agency, year=2024, opening_balance=4_000_000)
    services.income_add(
        actor=officer,
        agency=agency,
        year=2024,
        source=Source.BUDGET,
        amount=10_000_000,
        entry_date=date(2024, 1, 15),
        description="Dự toán 2024",
    )
    services.spending_add(
        actor=officer,
        agency=agency,
        year=2024,
        category=Category.ORGANISING,
        amount=3_000_000,
        entry_date=date(2024, 6, 1),
        description="Hội nghị",
        paid_on=date(2024, 6, 2),
        voucher="PC-7",
    )
    # A planned spending is not money gone: it does not lower the closing balance.
    services.spending_add(
        actor=officer,
        agency=agency,
        year=2024,
        category=Category.OTHER,
        amount=500_000,
        entry_date=date(2024, 12, 1),
        description="Chưa chi",
    )
    book = services.fund_year_save(
        actor=officer, agency=agency, year=2025, ceiling_base_kind=CeilingBase.REGULAR_SPENDING
    )
    assert book.opening_balance == 11_000_000
    assert book.ceiling_percent == 1 and not book.ceiling_verified
    assert selectors.fund_totals(agency=agency, year=2025, book=book).balance == 11_000_000


def test_changing_the_book_checks_its_version(people, agency):
    officer = people["officer"]
    book = services.fund_year_save(actor=officer, agency=agency, year=2025, opening_balance=1_000)
    services.fund_year_save(actor=officer, agency=agency, year=2025, version=1, opening_balance=2_000)
    with pytest.raises(ValidationError) as refused:
        services.fund_year_save(actor=officer, agency=agency, year=2025, version=1, opening_balance=3_000)
    assert refused.value.code == "conflict"
    book.refresh_from_db()
    assert (book.opening_balance, book.version) == (2_000, 2)


def test_the_ceiling_is_the_percent_of_its_base(people, agency):
    book = services.fund_year_save(
        actor=people["officer"], agency=agency, year=2025, ceiling_base=1_236_000_000
    )
    assert book.ceiling_amount == 247_200_000  # 20 % (the default, cần xác minh)
