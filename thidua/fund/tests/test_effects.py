"""The fund follows the decision lifecycle: issuing (or registering an external decision the office pays)
writes one planned spending per awardee with the decision's amounts; revoking cancels the planned ones and keeps
the paid ones with a note; a proposal, and an external decision the deciding level pays, write nothing."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from thidua.decisions import services as decision_services
from thidua.decisions.models import DecisionKind, DecisionLine, DecisionStatus
from thidua.decisions.tests import factories as f
from thidua.fund import selectors, services
from thidua.fund.models import Category, Direction, EntryStatus, FundEntry

pytestmark = pytest.mark.django_db

EXPECTED = {"LDTT": 710_000, "CSTDCS": 2_340_000, "GIAY_KHEN": 1_410_000}


def _entries(decision):
    return list(FundEntry.objects.filter(decision=decision).order_by("decision_line__position", "pk"))


def test_issuing_writes_one_planned_line_per_awardee_with_the_decisions_amounts(issued, org_tree):
    lines = list(issued.lines.order_by("position"))
    # Hand-computed: multiple × 2.340.000 rounded up to 10.000 đồng (collective Giấy khen: 2 × 0,3).
    assert {line.code: line.amount for line in lines} == EXPECTED
    entries = _entries(issued)
    assert [e.decision_line_id for e in entries] == [line.pk for line in lines]
    for entry, line in zip(entries, lines, strict=True):
        assert entry.amount == line.amount
        assert (entry.direction, entry.category, entry.status) == (
            Direction.SPENDING,
            Category.AWARD,
            EntryStatus.PLANNED,
        )
        assert entry.agency == org_tree["agency"]
        assert (entry.year, entry.entry_date) == (2025, f.SIGNED_ON)
        assert line.subject_name in entry.description and issued.number_symbol in entry.description
    money = selectors.decision_money(decision=issued)
    assert money.decision_total == decision_services.total_amount(issued) == sum(EXPECTED.values())
    assert money.fund_total == money.planned_total == sum(EXPECTED.values())
    assert money.matches
    totals = selectors.fund_totals(agency=org_tree["agency"], year=2025)
    assert totals.planned == {Category.AWARD: sum(EXPECTED.values())}
    assert totals.planned_count == 3


def test_nothing_is_written_before_the_decision_is_issued(make_issued):
    signed = make_issued(to=DecisionStatus.SIGNED)
    assert not FundEntry.objects.filter(decision=signed).exists()
    money = selectors.decision_money(decision=signed)
    assert money.pays and not money.expects_entries and money.matches


def test_a_line_without_an_amount_writes_no_entry_and_is_listed_as_unpriced(make_issued, people, org_tree):
    signed = make_issued(to=DecisionStatus.SIGNED)
    unknown = signed.lines.get(code="LDTT")
    DecisionLine.objects.filter(pk=unknown.pk).update(amount=None)
    issued = decision_services.decision_transition(actor=people["officer"], decision=signed, action="issue")
    assert FundEntry.objects.filter(decision=issued).count() == 2
    assert not FundEntry.objects.filter(decision_line=unknown).exists()
    assert [line.pk for line in selectors.unpriced_lines(agency=org_tree["agency"], year=2025)] == [
        unknown.pk
    ]
    money = selectors.decision_money(decision=issued)
    assert money.unpriced == 1 and money.matches  # the unknown amount is in neither total


def test_revoking_cancels_planned_lines_and_keeps_paid_ones_with_a_note(issued, people, org_tree):
    first, second, third = _entries(issued)
    services.entry_pay(
        actor=people["officer"], entry=first, paid_on=date(2025, 3, 27), voucher="PC-01/2025", version=1
    )
    revoked = decision_services.decision_transition(
        actor=people["signer"],
        decision=issued,
        action="revoke",
        reason="Có sai sót về đối tượng",
        revoking_number="45/QĐ-SKHCN",
        revoking_date=date(2025, 5, 5),
    )
    assert revoked.status == DecisionStatus.REVOKED
    first, second, third = (FundEntry.objects.get(pk=e.pk) for e in (first, second, third))
    assert first.status == EntryStatus.PAID and first.voucher == "PC-01/2025"
    assert "45/QĐ-SKHCN" in first.note and "05/05/2025" in first.note and "thu hồi" in first.note
    for entry in (second, third):
        assert entry.status == EntryStatus.CANCELLED
        assert "45/QĐ-SKHCN" in entry.note
    totals = selectors.fund_totals(agency=org_tree["agency"], year=2025)
    assert totals.paid == {Category.AWARD: first.amount} and totals.planned == {}
    money = selectors.decision_money(decision=revoked)
    assert money.matches and money.paid_total == first.amount and money.planned_total == 0


def test_a_cancelled_line_cannot_be_paid_after_the_revocation(issued, people):
    entry = _entries(issued)[0]
    decision_services.decision_transition(
        actor=people["officer"],
        decision=issued,
        action="revoke",
        reason="Sai sót",
        revoking_number="46/QĐ-SKHCN",
        revoking_date=date(2025, 5, 6),
    )
    entry.refresh_from_db()
    with pytest.raises(ValidationError, match="đã bị hủy"):
        services.entry_pay(
            actor=people["officer"],
            entry=entry,
            paid_on=date(2025, 5, 7),
            voucher="PC-9",
            version=entry.version,
        )


def test_a_proposal_writes_nothing(org_tree, people):
    proposal = f.draft(
        people["officer"],
        org_tree["agency"],
        [("BANG_KHEN_TINH", people["awardee"])],
        kind=DecisionKind.PROPOSAL,
    )
    proposal = f.drive(proposal, DecisionStatus.ISSUED, people)
    assert not FundEntry.objects.filter(decision=proposal).exists()
    assert not services.pays_from_fund(proposal)


def test_an_external_decision_pays_from_the_fund_only_when_the_office_chooses_so(org_tree, people):
    officer = people["officer"]
    paper = f.external(officer, org_tree["agency"], [("BANG_KHEN_TINH", people["awardee"])])
    registered = decision_services.decision_transition(actor=officer, decision=paper, action="register")
    assert registered.status == DecisionStatus.ISSUED
    assert not FundEntry.objects.filter(decision=registered).exists()  # the province pays its Bằng khen
    services.decision_funding_set(actor=officer, decision=registered, pays=True, note="Sở chi theo quy chế")
    (entry,) = _entries(registered)
    line = registered.lines.get()
    assert entry.amount == line.amount and entry.entry_date == date(2025, 4, 2) and entry.year == 2025
    # Choosing twice writes nothing more.
    services.decision_funding_set(actor=officer, decision=registered, pays=True)
    assert FundEntry.objects.filter(decision=registered).count() == 1
    # Withdrawing the choice cancels the planned line.
    services.decision_funding_set(actor=officer, decision=registered, pays=False)
    entry.refresh_from_db()
    assert entry.status == EntryStatus.CANCELLED
    # Choosing again writes a new planned line (the cancelled one stays as it was).
    services.decision_funding_set(actor=officer, decision=registered, pays=True)
    assert FundEntry.objects.filter(decision=registered, status=EntryStatus.PLANNED).count() == 1
    assert selectors.decision_money(decision=registered).matches


def test_an_external_decision_chosen_before_it_is_registered_writes_its_lines_on_register(org_tree, people):
    officer = people["officer"]
    paper = f.external(officer, org_tree["agency"], [("BANG_KHEN_TINH", people["awardee"])])
    services.decision_funding_set(actor=officer, decision=paper, pays=True)
    assert not FundEntry.objects.filter(decision=paper).exists()
    registered = decision_services.decision_transition(actor=officer, decision=paper, action="register")
    (entry,) = _entries(registered)
    assert entry.amount == registered.lines.get().amount and entry.status == EntryStatus.PLANNED


def test_withdrawing_the_choice_is_refused_once_a_line_is_paid(org_tree, people):
    officer = people["officer"]
    paper = f.external(officer, org_tree["agency"], [("BANG_KHEN_TINH", people["awardee"])])
    services.decision_funding_set(actor=officer, decision=paper, pays=True)
    registered = decision_services.decision_transition(actor=officer, decision=paper, action="register")
    (entry,) = _entries(registered)
    services.entry_pay(actor=officer, entry=entry, paid_on=date(2025, 4, 10), voucher="UNC-7", version=1)
    with pytest.raises(ValidationError, match="Đã chi tiền thưởng cho 1 người"):
        services.decision_funding_set(actor=officer, decision=registered, pays=False)
    assert registered.funding.pays_from_fund


def test_the_choice_is_only_for_external_decisions(issued, people):
    with pytest.raises(ValidationError, match="Chỉ chọn nguồn chi"):
        services.decision_funding_set(actor=people["officer"], decision=issued, pays=False)
