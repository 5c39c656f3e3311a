"""The registry list by keyset pages (issue 16): walking the next links gives every row the filters match once, in
the page order (newest year, then form, then entry); the previous link gives the page before; a cursor that is not
ours is the first page; the count stops at its cap ("Hơn 1000"); a page costs the same queries however many awards
there are and however deep it is; and another agency's officer walks none of ours."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from thidua.commendations import selectors, views
from thidua.commendations.models import AwardRecord
from thidua.core.keyset import encode_cursor
from thidua.organizations.models import Assignment, Person

pytestmark = pytest.mark.django_db

LIST = reverse("commendations:award_list")
CODES = ("LDTT", "CSTDCS", "BANG_KHEN_TINH")


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr(views, "PAGE_SIZE", 4)


def people_with_awards(facts_world, n: int, *, unit: str = "div_a", prefix: str = "K") -> list[Person]:
    """`n` people of `unit`, each with an award a year from 2021 to 2024 in forms and tracks that vary."""
    people = []
    for i in range(n):
        person = Person.objects.create(
            family_name="Lê", given_name=f"Tên {i}", sex="M", staff_code=f"{prefix}{i:03d}"
        )
        Assignment.objects.create(
            person=person,
            organization=facts_world["orgs"][unit],
            position=facts_world["position"],
            start_on=date(2015, 1, 1),
        )
        for year in range(2021, 2025):
            AwardRecord.objects.create(
                code=CODES[(i + year) % 3],
                person=person,
                year=year,
                track="dot_xuat" if (i + year) % 4 == 0 else "cong_trang",
            )
        people.append(person)
    return people


def walk(client, query: dict) -> tuple[list[int], list]:
    """The award ids of every page reached by the next links, and the pages' contexts."""
    seen, pages, cursor = [], [], None
    while True:
        response = client.get(LIST, {**query, **({"sau": cursor} if cursor else {})})
        assert response.status_code == 200
        page = response.context["page"]
        seen += [award.pk for award in page.object_list]
        pages.append(response.context)
        if page.next_cursor is None:
            return seen, pages
        assert 'rel="next"' in response.content.decode()
        cursor = page.next_cursor


def expected(user, query: dict) -> list[int]:
    """The awards the filters match, in page order, straight from the model (no keyset)."""
    qs = AwardRecord.objects.filter(
        pk__in=selectors.award_list_visible_to(user=user, filters=selectors.AwardFilters()).values("pk")
    )
    if "year" in query:
        qs = qs.filter(year=int(query["year"]))
    if "year_from" in query:
        qs = qs.filter(year__gte=int(query["year_from"]))
    if "code" in query:
        qs = qs.filter(code=query["code"])
    if "track" in query:
        qs = qs.filter(track=query["track"])
    if "unit" in query:
        qs = qs.filter(person__assignments__organization_id=int(query["unit"]))
    return list(qs.order_by("-year", "code", "pk").values_list("pk", flat=True))


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"year": "2023"},
        {"year_from": "2022", "code": "LDTT"},
        {"track": "dot_xuat"},
        {"code": "CSTDCS", "track": "cong_trang"},
        {"unit": "div_b"},
    ],
    ids=["all", "year", "years-and-form", "track", "form-and-track", "unit"],
)
def test_next_pages_give_every_row_once_in_order_under_the_filters(client, facts_world, small_pages, query):
    people_with_awards(facts_world, 5)
    people_with_awards(facts_world, 3, unit="div_b", prefix="B")
    if "unit" in query:
        query = {"unit": str(facts_world["orgs"][query["unit"]].pk)}
    officer = facts_world["officer"]
    client.force_login(officer)
    seen, pages = walk(client, query)
    want = expected(officer, query)
    assert len(want) > 4  # more than one page
    assert seen == want
    assert all(len(p["page"].object_list) == 4 for p in pages[:-1])
    assert pages[0]["page"].is_first and not pages[-1]["page"].is_first
    assert all(p["count"] == len(want) and not p["count_more"] for p in pages)


def test_the_previous_link_gives_the_page_before(client, facts_world, small_pages):
    people_with_awards(facts_world, 4)
    client.force_login(facts_world["officer"])
    _seen, pages = walk(client, {"year_from": "2022"})
    assert len(pages) >= 3
    for later, earlier in zip(pages[1:], pages[:-1], strict=True):
        back = client.get(LIST, {"year_from": "2022", "truoc": later["page"].previous_cursor})
        assert [a.pk for a in back.context["page"].object_list] == [a.pk for a in earlier["page"].object_list]
        assert back.context["page"].is_first == earlier["page"].is_first
    # The links keep the filters and drop the old cursor.
    html = client.get(LIST, {"year_from": "2022", "sau": pages[0]["page"].next_cursor}).content.decode()
    assert "?year_from=2022&amp;truoc=" in html and "?year_from=2022&amp;sau=" in html
    assert 'href="?year_from=2022"' in html  # the first page


@pytest.mark.parametrize(
    "cursor",
    ["%%%", "bm90IGpzb24", encode_cursor(["Nguyễn", 1]), encode_cursor([1, 2]), encode_cursor(["a", "b", 1])],
)
def test_a_cursor_that_is_not_ours_shows_the_first_page(client, facts_world, small_pages, cursor):
    people_with_awards(facts_world, 2)
    client.force_login(facts_world["officer"])
    first = [a.pk for a in client.get(LIST).context["page"].object_list]
    for name in ("sau", "truoc"):
        response = client.get(LIST, {name: cursor})
        assert response.status_code == 200
        assert [a.pk for a in response.context["page"].object_list] == first
        assert response.context["page"].is_first


def test_the_count_stops_at_its_cap(client, facts_world, small_pages, monkeypatch):
    people_with_awards(facts_world, 2)  # 8 awards
    client.force_login(facts_world["officer"])
    monkeypatch.setattr(selectors, "COUNT_CAP", 5)
    response = client.get(LIST)
    assert (response.context["count"], response.context["count_more"]) == (5, True)
    assert "Hơn 5 bản ghi" in response.content.decode()
    response = client.get(LIST, {"year": "2024"})
    assert (response.context["count"], response.context["count_more"]) == (2, False)
    assert "2 bản ghi" in response.content.decode() and "Hơn" not in response.content.decode()


def test_the_count_reads_no_more_rows_than_its_cap(facts_world, django_assert_max_num_queries):
    with django_assert_max_num_queries(2) as captured:  # the user's grants, the count
        selectors.award_count_capped(user=facts_world["officer"], filters=selectors.AwardFilters(), cap=7)
    sql = captured.captured_queries[-1]["sql"].upper()
    assert sql.startswith("SELECT COUNT(*) FROM (SELECT") and "LIMIT 8" in sql


@pytest.mark.parametrize("who", ["officer", "head_a"])
def test_a_page_costs_the_same_queries_for_few_or_many_awards_and_at_any_depth(
    client, facts_world, small_pages, django_assert_max_num_queries, who
):
    people_with_awards(facts_world, 2)
    client.force_login(facts_world[who])
    with django_assert_max_num_queries(12) as first:
        response = client.get(LIST, {"year_from": "2021"})
    few = len(first.captured_queries)
    people_with_awards(facts_world, 12, prefix="M")
    _seen, pages = walk(client, {"year_from": "2021"})
    assert len(pages) > 5
    for cursor in (None, pages[3]["page"].next_cursor, pages[-2]["page"].next_cursor):
        with django_assert_max_num_queries(few) as captured:
            response = client.get(LIST, {"year_from": "2021", **({"sau": cursor} if cursor else {})})
        assert response.status_code == 200
        assert len(captured.captured_queries) == few
    # The page and the count: no OFFSET, no COUNT over the whole list.
    sql = " ".join(q["sql"] for q in captured.captured_queries)
    assert "OFFSET" not in sql.upper()


def test_another_agencys_officer_walks_none_of_ours(client, facts_world, small_pages):
    ours = people_with_awards(facts_world, 3)
    theirs = people_with_awards(facts_world, 2, unit="other", prefix="O")
    client.force_login(facts_world["other_officer"])
    seen, pages = walk(client, {})
    ours_ids = set(AwardRecord.objects.filter(person__in=ours).values_list("pk", flat=True))
    assert set(seen).isdisjoint(ours_ids)
    assert set(AwardRecord.objects.filter(person__in=theirs).values_list("pk", flat=True)) <= set(seen)
    # A cursor taken from our pages shows nothing of ours either.
    client.force_login(facts_world["officer"])
    _ours_seen, our_pages = walk(client, {})
    client.force_login(facts_world["other_officer"])
    for page in our_pages[:-1]:
        response = client.get(LIST, {"sau": page["page"].next_cursor})
        assert ours_ids.isdisjoint(a.pk for a in response.context["page"].object_list)
    # Nor our unit as a filter.
    assert client.get(LIST, {"unit": facts_world["orgs"]["div_a"].pk}).status_code == 404


@pytest.mark.parametrize("small", [50, 0], ids=["read-first", "walk"])
def test_the_unit_filter_gives_the_same_pages_read_first_or_by_the_walk(
    client, facts_world, small_pages, monkeypatch, small
):
    """A small unit's awards are read first and sorted, a big one's by the walk of the page index: the same
    rows in the same order, the unit's collectives included, within the user's scope."""
    monkeypatch.setattr(selectors, "SMALL_UNIT_PEOPLE", small)
    people_with_awards(facts_world, 3)
    people_with_awards(facts_world, 3, unit="div_b", prefix="B")
    AwardRecord.objects.create(code="TTLDTT", organization=facts_world["orgs"]["div_a"], year=2023)
    query = {"unit": str(facts_world["orgs"]["div_a"].pk)}
    for who in ("officer", "head_a"):
        client.force_login(facts_world[who])
        seen, _pages = walk(client, query)
        want = list(
            selectors.award_list_visible_to(
                user=facts_world[who], filters=selectors.AwardFilters(unit=facts_world["orgs"]["div_a"])
            )
            .order_by("-year", "code", "pk")
            .values_list("pk", flat=True)
        )
        assert seen == want and len(want) == 13
