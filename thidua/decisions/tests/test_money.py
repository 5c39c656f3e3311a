"""The money of a decision's lines (legal-rules §9, "Award money", ../shared/docs/legal-rules.md):

- §9.1: amount = multiple × the lương cơ sở in force on the **decision date**, rounded **up** to the next
  10,000 VND (NĐ 98/2023);
- §9.2–9.3: the multiples of the titles and forms per era; a collective gets 2 × the individual's for a form;
- §9.4: the lương cơ sở table — 1,800,000 from 01/07/2023 (NĐ 24/2023), 2,340,000 from 01/07/2024 (NĐ 73/2024).

A draft is priced for the day it is written; the head's signature fixes the date and prices it again
(`services.lines_reprice`); an external decision is priced for the date printed on it.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thidua.decisions import services
from thidua.decisions.models import DecisionLine
from thidua.rules.engine import RuleConfig
from thidua.rules.engine.codes import CATALOGUE, COLLECTIVE, INDIVIDUAL

from . import factories as f

# (code, individual or collective, decision date, amount, multiple, lương cơ sở) — legal-rules §9.
TABLE = [
    # §9.2: CSTĐCS 1.0 × 2,340,000 (NĐ 73/2024 in force on 20/03/2025).
    ("CSTDCS", INDIVIDUAL, date(2025, 3, 20), 2_340_000, "1.00", 2_340_000),
    # §9.3: Giấy khen 0.3 × 2,340,000 = 702,000 → rounded up to 710,000.
    ("GIAY_KHEN", INDIVIDUAL, date(2025, 3, 20), 710_000, "0.30", 2_340_000),
    # §9.3: a collective's Giấy khen is 2 × the individual's: 0.6 × 2,340,000 = 1,404,000 → 1,410,000.
    ("GIAY_KHEN", COLLECTIVE, date(2025, 3, 20), 1_410_000, "0.60", 2_340_000),
    # §9.2: LĐTT 0.3, TTLĐTT 0.8 (a title: no collective doubling): 1,872,000 → 1,880,000.
    ("LDTT", INDIVIDUAL, date(2025, 3, 20), 710_000, "0.30", 2_340_000),
    ("TTLDTT", COLLECTIVE, date(2025, 3, 20), 1_880_000, "0.80", 2_340_000),
    # §9.4: a decision dated 30/06/2024 uses 1,800,000 (NĐ 24/2023); 01/07/2024 the new 2,340,000.
    ("CSTDCS", INDIVIDUAL, date(2024, 6, 30), 1_800_000, "1.00", 1_800_000),
    ("GIAY_KHEN", INDIVIDUAL, date(2024, 6, 30), 540_000, "0.30", 1_800_000),
    ("GIAY_KHEN", COLLECTIVE, date(2024, 6, 30), 1_080_000, "0.60", 1_800_000),
    ("CSTDCS", INDIVIDUAL, date(2024, 7, 1), 2_340_000, "1.00", 2_340_000),
    # §9.3: Bằng khen tỉnh 1.0 under NĐ 98 (to 30/06/2025), 1.5 under NĐ 152 (from 01/07/2025).
    ("BANG_KHEN_TINH", INDIVIDUAL, date(2025, 6, 30), 2_340_000, "1.00", 2_340_000),
    ("BANG_KHEN_TINH", INDIVIDUAL, date(2025, 7, 1), 3_510_000, "1.50", 2_340_000),
    ("BANG_KHEN_TINH", COLLECTIVE, date(2025, 7, 1), 7_020_000, "3.00", 2_340_000),
    # §9.2: CSTĐ tỉnh 3.0 × 1,390,000 (NĐ 72/2018, in force 01/07/2018–30/06/2019).
    ("CSTD_TINH", INDIVIDUAL, date(2019, 1, 15), 4_170_000, "3.00", 1_390_000),
]


def _line(code: str, kind: str) -> DecisionLine:
    """An unsaved line of a person or a collective (only which one it is matters to the money)."""
    if kind == COLLECTIVE:
        return DecisionLine(code=code, organization_id=1)
    return DecisionLine(code=code, person_id=1)


@pytest.mark.parametrize(("code", "kind", "day", "amount", "multiple", "salary"), TABLE)
def test_the_amount_of_a_line(code, kind, day, amount, multiple, salary):
    line = _line(code, kind)
    services.line_money(line, on=day, config=RuleConfig.defaults())
    assert (line.amount, line.multiple, line.base_salary) == (amount, Decimal(multiple), salary)
    assert "lương cơ sở" in line.money_basis


def test_the_basis_names_the_decrees():
    line = _line("CSTDCS", INDIVIDUAL)
    services.line_money(line, on=date(2024, 6, 30), config=RuleConfig.defaults())
    assert line.money_basis == "Nghị định 98/2023/NĐ-CP, Điều 54; lương cơ sở: Nghị định 24/2023/NĐ-CP"
    assert line.money_to_verify is False


def test_an_unknown_multiple_is_no_amount_and_is_flagged():
    """§9.3: no multiple is confirmed for a Bằng khen of the Prime Minister under NĐ 98 — no guess."""
    line = _line("BANG_KHEN_TTG", INDIVIDUAL)
    services.line_money(line, on=date(2025, 3, 20), config=RuleConfig.defaults())
    assert line.amount is None and line.money_to_verify is True and "chưa xác định hệ số" in line.money_basis


# ---------------------------------------------------------------- on real decisions


@pytest.fixture
def people(org_tree):
    return f.cast(org_tree)


@pytest.mark.django_db
def test_an_external_decision_is_priced_for_its_own_date(org_tree, people):
    decision = f.external(
        people["officer"],
        org_tree["agency"],
        [("CSTDCS", people["awardee"]), ("GIAY_KHEN", org_tree["div_b"])],
        decided_on=date(2024, 6, 30),
    )
    assert sorted(decision.lines.values_list("amount", "base_salary")) == [
        (1_080_000, 1_800_000),
        (1_800_000, 1_800_000),
    ]
    # Its date corrected before registering: priced again.
    services.decision_update(actor=people["officer"], decision=decision, decided_on=date(2025, 3, 20))
    assert list(decision.lines.order_by("amount").values_list("amount", flat=True)) == [1_410_000, 2_340_000]
    assert services.total_amount(decision) == 3_750_000


@pytest.mark.django_db
def test_signing_prices_the_lines_for_the_signing_date(org_tree, people):
    """Drafted today (lương cơ sở 2,340,000), signed with the date 30/06/2024: the lines, the total of Điều 2
    and the annex are those of 1,800,000."""
    decision = f.draft(
        people["officer"],
        org_tree["agency"],
        [
            ("CSTDCS", people["awardee"]),
            ("LDTT", f.person(org_tree["div_a"])),
            ("GIAY_KHEN", org_tree["div_b"]),
        ],
    )
    assert list(decision.lines.order_by("amount").values_list("amount", flat=True)) == [
        710_000,
        1_410_000,
        2_340_000,
    ]
    signed = f.drive(decision, "signed", people, on=date(2024, 6, 30))
    assert signed.decided_on == date(2024, 6, 30)
    lines = list(signed.lines.order_by("code"))
    assert [(ln.code, ln.amount, ln.base_salary) for ln in lines] == [
        ("CSTDCS", 1_800_000, 1_800_000),
        ("GIAY_KHEN", 1_080_000, 1_800_000),
        ("LDTT", 540_000, 1_800_000),
    ]
    assert services.total_amount(signed) == 3_420_000
    text = f.pdf_text(signed.signed_pdf.read())
    assert "tổng số tiền 3.420.000 đồng" in text
    assert "1.800.000" in text and "2.340.000" not in text


def _updates(queries) -> int:
    return sum(1 for q in queries.captured_queries if q["sql"].lstrip().upper().startswith("UPDATE"))


@pytest.mark.django_db
def test_a_reprice_writes_only_what_changed_in_batches(org_tree, people):
    """Signing re-prices every line: for the day the draft was priced, nothing is written; for another day,
    the lines are written a hundred at a time (one UPDATE of a thousand CASE branches takes seconds)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    decision = f.external(people["officer"], org_tree["agency"], [], decided_on=date(2025, 3, 20))
    for i in range(150):
        services.line_add(
            actor=None, decision=decision, code="LDTT", person=f.person(org_tree["div_a"], f"P{i}")
        )
    with CaptureQueriesContext(connection) as same_day:
        services.lines_reprice(decision, on=date(2025, 3, 20))
    assert _updates(same_day) == 0
    with CaptureQueriesContext(connection) as other_day:
        services.lines_reprice(decision, on=date(2024, 6, 30))
    assert _updates(other_day) == 2
    assert set(decision.lines.values_list("amount", flat=True)) == {540_000}


# ---------------------------------------------------------------- the property

PRICED = [(code, kind) for code, entry in CATALOGUE.items() for kind in sorted(entry.subject_kinds)]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(PRICED),
    st.dates(min_value=date(2016, 5, 1), max_value=date(2031, 12, 31)),
)
def test_an_amount_is_the_multiple_of_the_salary_rounded_up_to_ten_thousand(code_kind, day):
    code, kind = code_kind
    line = _line(code, kind)
    services.line_money(line, on=day, config=RuleConfig.defaults())
    if line.amount is None:  # §9.3: a multiple no source confirms is left to be verified, never guessed
        assert line.money_to_verify and line.base_salary is not None
        return
    assert line.multiple is not None and line.base_salary is not None
    exact = line.multiple * line.base_salary
    assert line.amount % 10_000 == 0
    assert exact <= line.amount < exact + 10_000
    # A day later it is the same unless the salary table or the era changed in between.
    later = _line(code, kind)
    services.line_money(later, on=day + timedelta(days=1), config=RuleConfig.defaults())
    if (later.base_salary, later.multiple) == (line.base_salary, line.multiple):
        assert later.amount == line.amount
