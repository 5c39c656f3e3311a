"""The demo step (order 94): the Department's fund book for 2025 with the budget's allocation and a printing bill,
and about half of the award money of the issued demo decision paid; without a decision it still opens the book
and skips the payments quietly."""

import random
from datetime import date

import pytest

from thidua.accounts.demo import build_users
from thidua.accounts.models import User
from thidua.core.registry import registry
from thidua.decisions import services as decision_services
from thidua.decisions.tests import factories as f
from thidua.fund import demo, selectors
from thidua.fund.models import Category, EntryStatus, FundEntry, FundYear, Source
from thidua.organizations.demo import build_organizations

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_world():
    orgs = build_organizations()
    build_users(orgs=orgs)
    return orgs


def _build(orgs):
    return demo.build_fund(rng=random.Random(7), orgs=orgs, people=[], first_year=2020, last_year=2025)


def _issue_demo_decision(orgs, n=5):
    department, unit = orgs.agencies[0], orgs.units["QLKH"]
    officer, signer = User.objects.get(username="vanphong"), User.objects.get(username="giamdoc")
    decision = f.draft(officer, department, [("CSTDCS", f.person(unit, f"Demo{i}")) for i in range(n)])
    for action, actor in (("submit", officer), ("sign", signer), ("issue", officer)):
        decision = decision_services.decision_transition(
            actor=actor, decision=decision, action=action, on=date(2025, 3, 20)
        )
    return decision


def test_the_step_is_registered_after_the_decisions_and_certificates():
    assert any(order == 94 and step.__name__ == "build_fund" for order, step in registry.demo_steps)


def test_the_step_pays_about_half_of_the_demo_decisions_award_money(demo_world):
    decision = _issue_demo_decision(demo_world)
    summary = _build(demo_world)
    department = demo_world.agencies[0]
    book = FundYear.objects.get(agency=department, year=2025)
    assert book.opening_balance == 18_450_000 and book.ceiling_amount == 247_200_000
    assert FundEntry.objects.filter(agency=department, source=Source.BUDGET, amount=120_000_000).exists()
    lines = FundEntry.objects.filter(decision=decision)
    paid = lines.filter(status=EntryStatus.PAID)
    assert (lines.count(), paid.count()) == (5, 3)
    assert all(e.voucher and e.paid_on is not None and e.paid_on >= e.entry_date for e in paid)
    assert summary.startswith("Sổ quỹ năm 2025; tiền thưởng: 3/5 dòng đã chi")
    totals = selectors.fund_totals(agency=department, year=2025, book=book)
    assert totals.paid == {Category.AWARD: 3 * 2_340_000, Category.PRINTING: 3_200_000}
    assert totals.planned == {Category.AWARD: 2 * 2_340_000}
    assert totals.balance == 18_450_000 + 120_000_000 - 3 * 2_340_000 - 3_200_000
    assert selectors.decision_money(decision=decision).matches


def test_the_step_opens_the_book_and_skips_the_payments_without_a_decision(demo_world):
    summary = _build(demo_world)
    assert "chưa có quyết định" in summary
    assert FundYear.objects.filter(year=2025).count() == 1
    assert not FundEntry.objects.filter(category=Category.AWARD).exists()


@pytest.mark.django_db
def test_the_step_skips_without_the_demo_accounts():
    orgs = build_organizations()
    assert _build(orgs).startswith("bỏ qua")
    assert not FundYear.objects.exists()
