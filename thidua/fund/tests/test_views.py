"""Every page of the fund: anonymous users go to the login page; the agency's office writes, its signing leader
reads, unit heads and staff get 403, another agency's officer 404; paying through the page (and its refusals) in
Vietnamese; the decision's section; the dashboard tile; pinned query counts on the year's page."""

from datetime import date

import pytest
from django.urls import reverse

from thidua.core.registry import render_sections
from thidua.core.tests.route_matrix import ROLES, RouteMatrix
from thidua.decisions import services as decision_services
from thidua.decisions.tests import factories as f
from thidua.fund import dashboard, services, urls
from thidua.fund.models import Category, EntryStatus, FundEntry, Source


@pytest.fixture
def world(org_tree, people, issued):
    officer, agency = people["officer"], org_tree["agency"]
    services.fund_year_save(actor=officer, agency=agency, year=2025, opening_balance=10_000_000)
    income = services.income_add(
        actor=officer,
        agency=agency,
        year=2025,
        source=Source.BUDGET,
        amount=60_000_000,
        entry_date=date(2025, 1, 10),
        description="Dự toán",
    )
    paper = f.external(officer, agency, [("BANG_KHEN_TINH", people["awardee"])])
    external = decision_services.decision_transition(actor=officer, decision=paper, action="register")
    return {
        "agency": agency,
        "decision": issued,
        "external": external,
        "income": income,
        "planned": FundEntry.objects.filter(decision=issued).order_by("pk").first(),
    }


def routes(world):
    a = world["agency"].pk
    q = f"?co-quan={a}"
    planned, income = world["planned"].pk, world["income"].pk
    return {
        "index": ("get", reverse("fund:index") + q, {}),
        "year": ("get", reverse("fund:year", args=[2025]) + q, {}),
        "book": ("get", reverse("fund:book", args=[2025]) + q, {}),
        "income_create": ("get", reverse("fund:income_create", args=[2025]) + q, {}),
        "spending_create": ("get", reverse("fund:spending_create", args=[2025]) + q, {}),
        "report": ("get", reverse("fund:report", args=[2025]) + q, {}),
        "report_xlsx": ("get", reverse("fund:report_xlsx", args=[2025]) + q, {}),
        "entry_pay": ("get", reverse("fund:entry_pay", args=[planned]), {}),
        "entry_cancel": ("get", reverse("fund:entry_cancel", args=[income]), {}),
        "decision": ("get", reverse("fund:decision", args=[world["decision"].pk]), {}),
        "decision_funding": (
            "post",
            reverse("fund:decision_funding", args=[world["external"].pk]),
            {"pays": "on"},
        ),
        # The writes, posted: refused users change nothing (the matrix compares every table).
        "entry_pay+post": (
            "post",
            reverse("fund:entry_pay", args=[planned]),
            {"paid_on": "27/03/2025", "voucher": "PC-01", "version": "1"},
        ),
        "income_create+post": (
            "post",
            reverse("fund:income_create", args=[2025]) + q,
            {"source": "budget", "amount": "1.000.000", "entry_date": "02/02/2025", "description": "Bổ sung"},
        ),
    }


READ = {"officer", "signer"}
ALLOWED = {
    "index": READ,
    "year": READ,
    "report": READ,
    "report_xlsx": READ,
    "decision": READ,
}

MATRIX = RouteMatrix(
    urls=urls,
    routes=routes,
    allowed=ALLOWED,
    roles=(*ROLES, "signer"),
    variants=("entry_pay+post", "income_create+post"),
)
(
    test_every_route_is_covered_and_declares_its_permission,
    test_anonymous_is_sent_to_login,
    test_route_permissions,
) = MATRIX.tests()


pytestmark = pytest.mark.django_db


def test_another_agencys_officer_gets_404_on_every_line_and_decision(client, world, people):
    client.force_login(people["other_officer"])
    for url in (
        reverse("fund:year", args=[2025]) + f"?co-quan={world['agency'].pk}",
        reverse("fund:entry_pay", args=[world["planned"].pk]),
        reverse("fund:decision", args=[world["decision"].pk]),
    ):
        assert client.get(url).status_code == 404, url
    # Their own fund is theirs, and empty.
    page = client.get(reverse("fund:year", args=[2025]))
    assert (
        page.status_code == 200
        and page.context["agency"].pk == people["other_officer"].role_grants.get().organization_id
    )
    assert page.context["entries"] == []


def _number(html: str, testid: str) -> str:
    start = html.index(f'data-testid="{testid}">') + len(f'data-testid="{testid}">')
    return html[start : html.index("<", start)]


def test_the_year_page_shows_both_balances(client, world, people):
    client.force_login(people["signer"])
    html = client.get(reverse("fund:year", args=[2025]) + f"?co-quan={world['agency'].pk}").content.decode()
    assert _number(html, "opening") == "10.000.000"
    assert _number(html, "income-total") == "60.000.000"
    assert _number(html, "paid-total") == "0"
    assert _number(html, "balance") == "70.000.000"
    assert _number(html, "planned-total") == "4.460.000"
    assert _number(html, "balance-after") == "65.540.000"
    assert "Khớp" in html and "Ghi khoản thu" not in html  # the signer reads only


def test_the_officer_pays_a_line_through_the_page_and_a_second_payment_is_refused(client, world, people):
    client.force_login(people["officer"])
    entry = world["planned"]
    back = reverse("fund:decision", args=[world["decision"].pk])
    response = client.post(
        reverse("fund:entry_pay", args=[entry.pk]),
        {"paid_on": "27/03/2025", "voucher": "PC-01/2025", "version": "1", "next": back},
    )
    assert response.status_code == 302 and response["Location"] == back
    entry.refresh_from_db()
    assert (entry.status, entry.paid_on, entry.voucher) == (EntryStatus.PAID, date(2025, 3, 27), "PC-01/2025")
    # The same form posted again (its version is now stale).
    again = client.post(
        reverse("fund:entry_pay", args=[entry.pk]),
        {"paid_on": "28/03/2025", "voucher": "PC-02/2025", "version": "1"},
    )
    assert again.status_code == 200
    assert "vừa được người khác thay đổi" in again.content.decode()
    # With the current version: already paid, named.
    third = client.post(
        reverse("fund:entry_pay", args=[entry.pk]),
        {"paid_on": "28/03/2025", "voucher": "PC-02/2025", "version": "2"},
    )
    assert "Khoản này đã được chi ngày 27/03/2025 (chứng từ số PC-01/2025)." in third.content.decode()
    entry.refresh_from_db()
    assert entry.voucher == "PC-01/2025"


def test_bad_money_and_dates_are_named_in_vietnamese(client, world, people):
    client.force_login(people["officer"])
    url = reverse("fund:spending_create", args=[2025]) + f"?co-quan={world['agency'].pk}"
    response = client.post(
        url, {"category": "printing", "amount": "1,5 triệu", "entry_date": "32/01/2025", "description": "In"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Số tiền (đồng) phải là số tiền nguyên (đồng), ví dụ 2.340.000." in html
    assert "Nhập một ngày hợp lệ." in html
    assert not FundEntry.objects.filter(category=Category.PRINTING).exists()
    ok = client.post(
        url,
        {
            "category": "printing",
            "amount": "1.200.000 đ",
            "entry_date": "25/03/2025",
            "description": "In giấy khen",
            "paid_on": "28/03/2025",
            "voucher": "PC-02",
        },
    )
    assert ok.status_code == 302
    entry = FundEntry.objects.get(category=Category.PRINTING)
    assert (entry.amount, entry.status) == (1_200_000, EntryStatus.PAID)


def test_the_office_chooses_to_pay_an_external_decision_from_its_page(client, world, people):
    client.force_login(people["officer"])
    external = world["external"]
    response = client.post(reverse("fund:decision_funding", args=[external.pk]), {"pays": "on"})
    assert response.status_code == 302
    (entry,) = FundEntry.objects.filter(decision=external)
    assert entry.amount == external.lines.get().amount
    page = client.get(reverse("fund:decision", args=[external.pk])).content.decode()
    assert "Chi từ quỹ của cơ quan" in page and "Khớp" in page


def test_the_decision_page_section_shows_the_money_table_to_fund_readers_only(rf, world, people):
    decision = world["decision"]
    for who, shown in (("officer", True), ("signer", True), ("head_a", False), ("other_officer", False)):
        request = rf.get("/")
        request.user = people[who]
        sections = [
            s for s in render_sections("decision", request, decision) if s["template"].startswith("fund/")
        ]
        assert bool(sections) == shown, who
        if shown:
            money = sections[0]["context"]["money"]
            assert money.matches and len(money.rows) == 3


def test_the_decision_page_renders_the_fund_section(client, world, people):
    client.force_login(people["officer"])
    response = client.get(reverse("decisions:decision_detail", args=[world["decision"].pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="fund-section"' in html and "Khớp" in html


def test_the_officers_tile_counts_unpaid_award_money(rf, world, people):
    request = rf.get("/")
    request.user = people["officer"]
    tile = dashboard.unpaid_tile(request)
    assert tile is not None
    (item,) = tile["items"]
    assert str(item.label) == "Tiền thưởng chưa chi: 3 dòng, 4.460.000 đồng"
    assert "trang_thai=planned" in item.url
    for who in ("signer", "head_a", "other_officer"):
        request.user = people[who]
        assert dashboard.unpaid_tile(request) is None, who


def _many_lines(world, people, n):
    for i in range(n):
        services.spending_add(
            actor=people["officer"],
            agency=world["agency"],
            year=2025,
            category=Category.OTHER,
            amount=1000 + i,
            entry_date=date(2025, 4, 1),
            description=f"Khoản {i}",
            paid_on=date(2025, 4, 2) if i % 2 else None,
            voucher=f"PC-{i}" if i % 2 else "",
        )


@pytest.mark.parametrize("who", ["officer", "signer"])
def test_the_year_page_has_a_bounded_number_of_queries(
    client, world, people, who, django_assert_max_num_queries
):
    client.force_login(people[who])
    url = reverse("fund:year", args=[2025]) + f"?co-quan={world['agency'].pk}"
    _many_lines(world, people, 40)
    # session, user, grants, agency, book, totals, lines, unpriced lines, decisions checked, bell, agency switch:
    # the same with 4 lines or 44.
    with django_assert_max_num_queries(11):
        response = client.get(url)
    assert response.status_code == 200
    assert len(response.context["entries"]) == 44  # the income, 3 awardees, 40 lines


def test_the_decision_money_page_and_the_report_have_bounded_queries(
    client, world, people, django_assert_max_num_queries
):
    client.force_login(people["officer"])
    with django_assert_max_num_queries(10):
        assert client.get(reverse("fund:decision", args=[world["decision"].pk])).status_code == 200
    q = f"?co-quan={world['agency'].pk}"
    _many_lines(world, people, 30)
    with django_assert_max_num_queries(10):
        assert client.get(reverse("fund:report", args=[2025]) + q).status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(reverse("fund:report_xlsx", args=[2025]) + q).status_code == 200


def test_filters_narrow_the_lines(client, world, people):
    client.force_login(people["officer"])
    base = reverse("fund:year", args=[2025]) + f"?co-quan={world['agency'].pk}"
    page = client.get(base + "&huong=income")
    assert [e.pk for e in page.context["entries"]] == [world["income"].pk]
    page = client.get(base + "&noi_dung=award&trang_thai=planned")
    assert len(page.context["entries"]) == 3
    page = client.get(base + f"&quyet-dinh={world['decision'].pk}")
    assert len(page.context["entries"]) == 3
    page = client.get(base + "&tim=Dự toán")
    assert [e.pk for e in page.context["entries"]] == [world["income"].pk]


def test_a_year_out_of_range_is_404(client, world, people):
    client.force_login(people["officer"])
    assert client.get(reverse("fund:year", args=[1900])).status_code == 404
