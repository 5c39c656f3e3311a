"""Keyset pagination (core.keyset): walking forward page by page gives every row once, in order, whatever the page
size and however many rows share the first key; walking back from any page gives the pages before it; a cursor that
is not ours is the first page."""

from __future__ import annotations

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thidua.core.keyset import decode_cursor, encode_cursor, keyset_page
from thidua.organizations.models import Organization, OrganizationKind

ORDER = ("name", "pk")


def _walk_forward(qs, size):
    pages, cursor = [], None
    while True:
        page = keyset_page(qs, order=ORDER, size=size, after=cursor)
        pages.append(page)
        if page.next_cursor is None:
            return pages
        cursor = page.next_cursor


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    names=st.lists(st.sampled_from(["An", "Ân", "Bình", "Đức", "B", "b"]), min_size=0, max_size=14),
    size=st.integers(min_value=1, max_value=5),
)
@pytest.mark.django_db
def test_forward_gives_every_row_once_in_order_and_back_retraces(names, size):
    with transaction.atomic():
        for n, name in enumerate(names):
            Organization.objects.create(kind=OrganizationKind.DIVISION, code=f"K{n}", name=name)
        qs = Organization.objects.filter(code__startswith="K")
        expected = list(qs.order_by(*ORDER).values_list("pk", flat=True))
        pages = _walk_forward(qs, size)
        assert [row.pk for page in pages for row in page] == expected
        assert all(len(page) == size for page in pages[:-1])
        assert pages[0].is_first and pages[0].previous_cursor is None
        assert all(not page.is_first and page.previous_cursor for page in pages[1:] if len(page))
        for later, earlier in zip(pages[1:], pages[:-1], strict=True):
            back = keyset_page(qs, order=ORDER, size=size, before=later.previous_cursor)
            assert [row.pk for row in back] == [row.pk for row in earlier]
            assert back.is_first == earlier.is_first
        transaction.set_rollback(True)


def test_cursors_round_trip_and_foreign_ones_are_refused():
    cursor = encode_cursor(["Nguyễn Văn Ân", 42])
    assert decode_cursor(cursor, 2) == ["Nguyễn Văn Ân", 42]
    assert decode_cursor(cursor, 3) is None  # another ordering's cursor
    for foreign in ("", None, "%%%", "bm90IGpzb24", encode_cursor([True, 1]), encode_cursor([[1], 2])):
        assert decode_cursor(foreign, 2) is None
    assert decode_cursor(cursor, 2, (str, int)) == ["Nguyễn Văn Ân", 42]
    assert decode_cursor(cursor, 2, (int, int)) is None  # another list's cursor


@pytest.mark.django_db
def test_one_query_per_page(django_assert_num_queries):
    for n in range(7):
        Organization.objects.create(kind=OrganizationKind.DIVISION, code=f"K{n}", name=f"Đơn vị {n % 3}")
    qs = Organization.objects.filter(code__startswith="K")
    with django_assert_num_queries(1):
        page = keyset_page(qs, order=ORDER, size=3)
    with django_assert_num_queries(1):
        keyset_page(qs, order=ORDER, size=3, after=page.next_cursor)
