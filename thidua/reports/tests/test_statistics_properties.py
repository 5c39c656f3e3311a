"""The statistics' two grouped queries (`award_counts`, `staff_counts`) against a plain-Python reading of their
definitions (docs/statistics.md), on random small worlds: random posts (transfers, open and closed posts, several
posts starting the same day), random awards (active and revoked, persons and collectives) and random scopes —
including scopes whose roots nest (single units granted apart), where a post belongs to two rows."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from django.db import transaction
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from thidua.commendations.models import AwardRecord, AwardStatus
from thidua.core.codes import AwardTrack
from thidua.organizations.models import Assignment, Organization, OrganizationKind, Person, Position
from thidua.reports import statistics as stats

YEARS = (2021, 2024)
UNITS = ("agency", "div_a", "div_a1", "div_b", "other")
CODES = ("LDTT", "CSTDCS", "TTLDTT")
TRACKS = (AwardTrack.CONG_TRANG, AwardTrack.CHUYEN_DE)

days = st.dates(min_value=dt.date(YEARS[0], 1, 1), max_value=dt.date(YEARS[1], 12, 31))
# Short posts, several per person: transfers within a year (the last post of the year decides) are common.
posts = st.lists(
    st.tuples(st.sampled_from(UNITS), days, st.one_of(st.none(), st.integers(0, 400))), min_size=1, max_size=4
)
awards = st.lists(
    st.tuples(
        st.integers(0, 4),  # the person's index, or (≥ the people) a collective's
        st.sampled_from(CODES),
        st.integers(*YEARS),
        st.booleans(),  # active
        st.sampled_from(TRACKS),
    ),
    min_size=1,
    max_size=14,
)
worlds = st.fixed_dictionaries({"people": st.lists(posts, min_size=1, max_size=4), "awards": awards})
scopes = st.lists(st.sampled_from(UNITS), min_size=1, max_size=5, unique=True)
periods = st.tuples(st.integers(*YEARS), st.integers(0, 3)).map(lambda p: (p[0], min(p[0] + p[1], YEARS[1])))
recipients = st.sampled_from(["", "person", "collective"])


@pytest.fixture
def tree(org_tree):
    """org_tree with one more level: Văn phòng → Tổ 1 (so that a subtree row holds a unit under it)."""
    div_a1 = Organization.objects.create(
        kind=OrganizationKind.DIVISION, code="A-VP-1", name="Tổ 1", parent=org_tree["div_a"]
    )
    units = {name: org_tree[name] for name in UNITS if name != "div_a1"}
    units["div_a1"] = div_a1
    for unit in units.values():
        unit.refresh_from_db()
    return units


def _build(world, units):
    position, _ = Position.objects.get_or_create(name="Chuyên viên")
    people, post_rows = [], []
    for n, person_posts in enumerate(world["people"]):
        person = Person.objects.create(family_name="Lê", given_name=f"P{n}", sex="F", staff_code=f"H{n}")
        people.append(person)
        for unit, start, length in person_posts:
            end = None if length is None else start + dt.timedelta(days=length)
            post_rows.append(
                Assignment.objects.create(
                    person=person, organization=units[unit], position=position, start_on=start, end_on=end
                )
            )
    award_rows = []
    for subject, code, year, active, track in world["awards"]:
        awardee: Person | None = people[subject] if subject < len(people) else None
        organization = None if awardee else units[UNITS[subject % len(UNITS)]]
        fields = {"code": code, "year": year, "person": awardee, "organization": organization, "track": track}
        if AwardRecord.objects.filter(**fields, status=AwardStatus.ACTIVE).exists():
            continue  # one active award per subject, code, year and track (a database constraint)
        status = AwardStatus.ACTIVE if active else AwardStatus.REVOKED
        award_rows.append(AwardRecord.objects.create(**fields, status=status))
    return post_rows, award_rows


def _overlaps(post, first: dt.date, last: dt.date) -> bool:
    return post.start_on <= last and (post.end_on is None or post.end_on >= first)


def _expected_awards(award_rows, post_rows, ids, filters) -> Counter:
    expected: Counter = Counter()
    for award in award_rows:
        if award.status != AwardStatus.ACTIVE or not filters.year_from <= award.year <= filters.year_to:
            continue
        if filters.recipient == "person" and award.person_id is None:
            continue
        if filters.recipient == "collective" and award.organization_id is None:
            continue
        if award.organization_id is not None:
            unit = award.organization_id if award.organization_id in ids else None
        else:
            first, last = dt.date(award.year, 1, 1), dt.date(award.year, 12, 31)
            held = [
                p
                for p in post_rows
                if p.person_id == award.person_id and p.organization_id in ids and _overlaps(p, first, last)
            ]
            unit = max(held, key=lambda p: (p.start_on, p.pk)).organization_id if held else None
        if unit is not None:
            expected[(award.year, award.code, unit)] += 1
    return expected


def _expected_staff(post_rows, scope, ids, filters, rows) -> dict:
    first, last = dt.date(filters.year_from, 1, 1), dt.date(filters.year_to, 12, 31)
    path_of = {u.pk: u.path for u in scope.units}
    live = [p for p in post_rows if p.organization_id in ids and _overlaps(p, first, last)]
    expected = {"total": len({p.person_id for p in live})}
    for row in rows:
        if row.direct:
            members = [p for p in live if p.organization_id == row.unit.pk]
        else:
            members = [p for p in live if path_of[p.organization_id].startswith(row.unit.path)]
        expected[row.key] = len({p.person_id for p in members})
    return expected


def _expected_by_row(counts: Counter, scope, rows) -> Counter:
    """An award's group counts for the unit's own direct row, else for the first row whose subtree holds it."""
    path_of = {u.pk: u.path for u in scope.units}
    expected: Counter = Counter()
    for (_year, _code, unit), n in counts.items():
        for row in rows:
            if (row.direct and row.unit.pk == unit) or (
                not row.direct
                and not any(r.direct and r.unit.pk == unit for r in rows)
                and path_of.get(unit, "").startswith(row.unit.path)
            ):
                expected[row.key] += n
                break
    return expected


@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(world=worlds, scope_names=scopes, period=periods, recipient=recipients, narrow=st.booleans())
@example(  # a move in July after a post begun in March: the July post decides; two posts begun the same day: the
    # later; posts ending on 1 January or beginning on 31 December
    world={
        "people": [
            [
                ("div_a", dt.date(2023, 1, 1), 180),
                ("div_b", dt.date(2023, 7, 1), None),
                ("div_a1", dt.date(2023, 3, 1), None),
            ],
            [("div_b", dt.date(2022, 5, 1), None), ("div_a", dt.date(2022, 5, 1), None)],
            [("other", dt.date(2022, 6, 1), 214)],  # ends on 1 January 2023: a post of 2023
            [("div_a1", dt.date(2023, 12, 31), None)],  # begins on 31 December 2023: a post of 2023
        ],
        "awards": [
            (0, "LDTT", 2023, True, TRACKS[0]),
            (1, "CSTDCS", 2023, True, TRACKS[0]),
            (2, "LDTT", 2023, True, TRACKS[0]),
            (3, "LDTT", 2023, True, TRACKS[0]),
        ],
    },
    scope_names=list(UNITS),
    period=(2023, 2023),
    recipient="",
    narrow=False,
)
def test_award_and_staff_counts_match_their_definition(tree, world, scope_names, period, recipient, narrow):
    with transaction.atomic():
        post_rows, award_rows = _build(world, tree)
        scope = stats.Scope(sorted((tree[name] for name in scope_names), key=lambda u: u.path))
        unit = scope.units[-1] if narrow else None
        filters = stats.Filters(year_from=period[0], year_to=period[1], unit=unit, recipient=recipient)
        ids = {u.pk for u in scope.units if unit is None or u.path.startswith(unit.path)}
        rows = stats.row_units(scope, unit)

        counts = stats.award_counts(scope=scope, filters=filters)
        got = Counter({(r["year"], r["code"], r["unit"]): r["n"] for r in counts})
        assert len(got) == len(counts)  # one row per (year, code, unit)
        assert got == _expected_awards(award_rows, post_rows, ids, filters)

        staff = stats.staff_counts(scope=scope, filters=filters, rows=rows)
        assert staff == _expected_staff(post_rows, scope, ids, filters, rows)

        table = stats.awards_by_unit(counts, staff, scope=scope, filters=filters, rows=rows)
        expected = _expected_by_row(got, scope, rows)
        shown = {row.key: n for row in rows if (n := expected[row.key]) or staff[row.key]}
        assert [line[1] for line in table.rows[:-1]] == list(shown.values())
        assert table.rows[-1][1] == sum(shown.values())
        transaction.set_rollback(True)


def test_a_scope_whose_roots_nest_counts_a_post_in_both_rows(tree):
    """A unit granted alone (the agency, without its sub-units) and a unit two levels down (Tổ 1, under Văn phòng
    which is not in the scope): both are roots; Tổ 1's staff count for its own row and not for a row of the
    agency's (Văn phòng has none)."""
    position, _ = Position.objects.get_or_create(name="Chuyên viên")
    person = Person.objects.create(family_name="Lê", given_name="An", sex="F", staff_code="N1")
    Assignment.objects.create(
        person=person, organization=tree["div_a1"], position=position, start_on=dt.date(2020, 1, 1)
    )
    scope = stats.Scope([tree["agency"], tree["div_a1"]])
    filters = stats.Filters(year_from=2024, year_to=2024)
    rows = stats.row_units(scope, None)
    staff = stats.staff_counts(scope=scope, filters=filters, rows=rows)
    assert staff == {"total": 1, f"d{tree['agency'].pk}": 0, f"d{tree['div_a1'].pk}": 1}
