"""The people list by keyset pages (issue 16): walking the next links gives every person the search matches once,
in Vietnamese order of the given name; the previous link gives the page before; a cursor that is not ours is the
first page; the count stops at its cap; a page costs the same queries for few or many people and at any depth;
and another agency's officer walks none of ours, with or without a cursor taken from our pages."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.urls import reverse

from thidua.core.keyset import encode_cursor
from thidua.organizations import selectors, views
from thidua.organizations.models import Assignment, Person

pytestmark = pytest.mark.django_db

LIST = reverse("organizations:person_list")
GIVEN = ("An", "Ân", "Anh", "Ánh", "Bình", "Dung", "Dũng", "Đức", "Ưng", "Vân")


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr(views, "PERSON_PAGE_SIZE", 3)


def people(
    facts_world, n: int, *, unit: str = "div_a", family: str = "Nguyễn", prefix: str = "K"
) -> list[Person]:
    """`n` people of `unit` whose given names repeat (ties broken by the id), with a current post each."""
    made = []
    for i in range(n):
        person = Person.objects.create(
            family_name=family, middle_name="Văn", given_name=GIVEN[i % len(GIVEN)], sex="M",
            staff_code=f"{prefix}{i:03d}",
        )  # fmt: skip
        Assignment.objects.create(
            person=person,
            organization=facts_world["orgs"][unit],
            position=facts_world["position"],
            start_on=date(2015, 1, 1),
        )
        made.append(person)
    return made


def walk(client, query: dict) -> list:
    pages, cursor = [], None
    while True:
        response = client.get(LIST, {**query, **({"sau": cursor} if cursor else {})})
        assert response.status_code == 200
        pages.append(response.context)
        cursor = response.context["page"].next_cursor
        if cursor is None:
            return pages


def pks(context) -> list[int]:
    return [p.pk for p in context["page"].object_list]


@pytest.mark.parametrize(
    ("query", "unit"),
    [({}, None), ({"q": "nguyen van"}, None), ({"q": "DUNG"}, None), ({}, "div_b"), ({"q": "tran"}, "div_b")],
    ids=["all", "no-diacritics", "upper-case", "unit", "unit-and-search"],
)
def test_next_pages_give_every_person_once_in_vietnamese_order(client, facts_world, small_pages, query, unit):
    people(facts_world, 14)
    people(facts_world, 8, unit="div_b", family="Trần", prefix="B")
    officer = facts_world["officer"]
    organization = facts_world["orgs"][unit] if unit else None
    if organization is not None:
        query = {**query, "unit": str(organization.pk)}
    client.force_login(officer)
    pages = walk(client, query)
    want = list(
        selectors.person_list_visible_to(user=officer, query=query.get("q", ""), organization=organization)
    )
    assert len(want) > 3
    assert [pk for page in pages for pk in pks(page)] == [p.pk for p in want]
    assert [p.sort_key for p in want] == sorted(p.sort_key for p in want)
    assert all(len(page["page"].object_list) == 3 for page in pages[:-1])
    assert all(page["count"] == len(want) and not page["count_more"] for page in pages)
    for later, earlier in zip(pages[1:], pages[:-1], strict=True):
        back = client.get(LIST, {**query, "truoc": later["page"].previous_cursor})
        assert pks(back.context) == pks(earlier)
    # The links keep the search and the unit and drop the old cursor.
    html = client.get(LIST, {**query, "sau": pages[0]["page"].next_cursor}).content.decode()
    links = re.findall(r'href="\?([^"]*)"', html)
    assert sum("truoc=" in link for link in links) == 1 and 'rel="prev"' in html
    assert sum("sau=" in link for link in links) == (1 if len(pages) > 2 else 0)
    if organization is not None:
        assert f"unit={organization.pk}&amp;sau=" in html


def test_the_search_answers_by_htmx_with_the_rows_and_their_pages(client, facts_world, small_pages):
    people(facts_world, 5)
    client.force_login(facts_world["officer"])
    response = client.get(LIST, {"q": "nguyen"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "<html" not in html and 'data-testid="person-table"' in html and "q=nguyen&amp;sau=" in html


@pytest.mark.parametrize(
    "cursor", ["%%%", "bm90IGpzb24", encode_cursor([1, 2]), encode_cursor(["a"]), encode_cursor([False, 1])]
)
def test_a_cursor_that_is_not_ours_shows_the_first_page(client, facts_world, small_pages, cursor):
    people(facts_world, 5)
    client.force_login(facts_world["officer"])
    first = pks(client.get(LIST).context)
    for name in ("sau", "truoc"):
        response = client.get(LIST, {name: cursor})
        assert response.status_code == 200 and pks(response.context) == first
        assert response.context["page"].is_first


def test_the_count_stops_at_its_cap(client, facts_world, small_pages, monkeypatch):
    people(facts_world, 6)
    monkeypatch.setattr(selectors, "PERSON_COUNT_CAP", 4)
    client.force_login(facts_world["officer"])
    response = client.get(LIST)
    assert (response.context["count"], response.context["count_more"]) == (4, True)
    assert "Hơn 4 người" in response.content.decode()
    response = client.get(LIST, {"q": "xyz"})
    assert (response.context["count"], response.context["count_more"]) == (0, False)


@pytest.mark.parametrize("who", ["officer", "head_a"])
def test_a_page_costs_the_same_queries_for_few_or_many_people_and_at_any_depth(
    client, facts_world, small_pages, django_assert_max_num_queries, who
):
    people(facts_world, 4)
    client.force_login(facts_world[who])
    with django_assert_max_num_queries(10) as first:
        assert client.get(LIST).status_code == 200
    few = len(first.captured_queries)
    people(facts_world, 30, prefix="M")
    pages = walk(client, {"q": "nguyen"})
    assert len(pages) > 5
    for cursor in (None, pages[2]["page"].next_cursor, pages[-2]["page"].next_cursor):
        with django_assert_max_num_queries(few) as captured:
            response = client.get(LIST, {"q": "nguyen", **({"sau": cursor} if cursor else {})})
        assert response.status_code == 200 and len(captured.captured_queries) == few
    assert all("OFFSET" not in q["sql"].upper() for q in captured.captured_queries)


def test_another_agencys_officer_walks_none_of_ours(client, facts_world, small_pages):
    ours = {p.pk for p in people(facts_world, 7)} | {p.pk for p in facts_world["people"].values()} - {
        facts_world["people"]["CB900"].pk
    }
    theirs = {p.pk for p in people(facts_world, 4, unit="other", prefix="O")}
    client.force_login(facts_world["officer"])
    our_pages = walk(client, {})
    client.force_login(facts_world["other_officer"])
    seen = {pk for page in walk(client, {}) for pk in pks(page)}
    assert seen.isdisjoint(ours) and theirs <= seen
    for page in our_pages[:-1]:
        assert ours.isdisjoint(pks(client.get(LIST, {"sau": page["page"].next_cursor}).context))
    assert client.get(LIST, {"unit": facts_world["orgs"]["div_a"].pk}).status_code == 404
