"""A property of the year's page: for any sequence of entries — income by any source, other spending planned or
paid at once, payments of planned lines, cancellations (allowed or refused) — the page shows

    số dư = opening + Σ income − Σ paid spending
    số dư sau khi chi các khoản đã duyệt = số dư − Σ planned spending

with cancelled entries counted nowhere. Planned spending does not lower "số dư" (the money is still in the fund)
but does lower the second balance (it is committed). The sums here are kept independently of the selectors, from
what each step did."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thidua.fund import services
from thidua.fund.models import Category, EntryStatus, FundEntry, Source

AMOUNT = st.integers(min_value=1, max_value=50_000_000)
DAY = st.integers(min_value=1, max_value=28)
STEP = st.one_of(
    st.tuples(st.just("income"), st.sampled_from(Source.values), AMOUNT, DAY),
    st.tuples(
        st.just("spend"), st.sampled_from(["printing", "organising", "other"]), AMOUNT, DAY, st.booleans()
    ),
    st.tuples(st.just("pay"), st.integers(0, 20)),
    st.tuples(st.just("cancel"), st.integers(0, 20)),
)


def _shown(html: str, testid: str) -> int:
    marker = f'data-testid="{testid}">'
    start = html.index(marker) + len(marker)
    text = html[start : html.index("<", start)]
    sign = -1 if text.startswith("-") else 1
    return sign * int(text.lstrip("-").replace(".", ""))


@pytest.mark.django_db
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(opening=st.integers(0, 100_000_000), steps=st.lists(STEP, max_size=15))
def test_the_page_balances_are_opening_plus_income_minus_spending(client, org_tree, people, opening, steps):
    officer, agency = people["officer"], org_tree["agency"]
    client.force_login(people["signer"])
    with transaction.atomic():
        services.fund_year_save(actor=officer, agency=agency, year=2025, opening_balance=opening)
        income = paid = planned = 0
        for step in steps:
            entries = list(FundEntry.objects.filter(agency=agency).order_by("pk"))
            try:
                if step[0] == "income":
                    _kind, source, amount, day = step
                    services.income_add(
                        actor=officer,
                        agency=agency,
                        year=2025,
                        source=source,
                        amount=amount,
                        entry_date=date(2025, 5, day),
                        description="Thu",
                    )
                    income += amount
                elif step[0] == "spend":
                    _kind, category, amount, day, at_once = step
                    services.spending_add(
                        actor=officer,
                        agency=agency,
                        year=2025,
                        category=Category(category),
                        amount=amount,
                        entry_date=date(2025, 5, day),
                        description="Chi",
                        paid_on=date(2025, 6, 1) if at_once else None,
                        voucher="PC" if at_once else "",
                    )
                    if at_once:
                        paid += amount
                    else:
                        planned += amount
                elif entries:
                    entry = entries[step[1] % len(entries)]
                    if step[0] == "pay":
                        services.entry_pay(
                            actor=officer,
                            entry=entry,
                            paid_on=date(2025, 6, 2),
                            voucher="PC",
                            version=entry.version,
                        )
                        planned -= entry.amount
                        paid += entry.amount
                    else:
                        services.entry_cancel(
                            actor=officer, entry=entry, reason="Nhầm", version=entry.version
                        )
                        if entry.is_income:
                            income -= entry.amount
                        else:
                            planned -= entry.amount
            except ValidationError:
                # Refused (paying a paid or cancelled line, cancelling a paid one): nothing moved.
                assert list(FundEntry.objects.filter(agency=agency).order_by("pk")) == entries
                assert [e.status for e in FundEntry.objects.filter(agency=agency).order_by("pk")] == [
                    e.status for e in entries
                ]
        html = client.get(reverse("fund:year", args=[2025]) + f"?co-quan={agency.pk}").content.decode()
        assert _shown(html, "opening") == opening
        assert _shown(html, "income-total") == income
        assert _shown(html, "paid-total") == paid
        assert _shown(html, "planned-total") == planned
        assert _shown(html, "balance") == opening + income - paid
        assert _shown(html, "balance-after") == opening + income - paid - planned
        statuses = set(FundEntry.objects.filter(agency=agency).values_list("status", flat=True))
        assert statuses <= {EntryStatus.PLANNED, EntryStatus.PAID, EntryStatus.CANCELLED}
        transaction.set_rollback(True)
