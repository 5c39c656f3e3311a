"""The statistics page and the public honour board on the seeded demo (`make bench`, after the sweep).

- statistics page (`/thong-ke/`, the province's administrator, a five-year period) and the honour board
  (`/cong-bo/bang-vang/`, anonymous; first page, a year filter, a search without diacritics): the median time of
  the whole request through Django's test client and its query count, against the floor of the same SQL statements
  the page ran, replayed through a bare cursor in the same run (the aggregates without the ORM, the templates and
  the middleware);
- the honour board's throughput under a bounded loopback load against a bare Django view served by the same
  gunicorn (web_load.py).

The 50,000-person demo has only the few decisions of the Department's cycle; to give the honour board a
realistic size, the benchmark publishes the registry's awards of 2020–2024 once, as one issued decision per year
(`_publish_registry`), written in bulk like the publishing service writes them.
"""

from __future__ import annotations

import gc
import statistics
import time
from datetime import UTC, datetime

import web_load

BULK = 5_000


def _flush(publication, batch: list) -> None:
    """Write a batch of (decision line, award) pairs and their public rows through the publishing service's own
    row builder."""
    from thidua.decisions.models import DecisionLine
    from thidua.public.models import PublicAward
    from thidua.public.services import _public_award

    lines = DecisionLine.objects.bulk_create([line for line, _ in batch])
    PublicAward.objects.bulk_create([_public_award(publication, line) for line in lines])
    batch.clear()


def _publish_registry() -> int:
    """One issued, published decision per year 2020–2024 holding the registry's individual awards of that year."""
    from django.db import transaction

    from thidua.commendations.models import AwardRecord, AwardStatus
    from thidua.decisions.models import Decision, DecisionKind, DecisionLine, DecisionStatus
    from thidua.organizations.models import Organization
    from thidua.public.models import PublicAward, PublishedDecision

    if PublishedDecision.objects.filter(decision__title__startswith="[bench]").exists():
        return PublicAward.objects.filter(publication__decision__title__startswith="[bench]").count()
    root = Organization.objects.get(code="UBND-YB")
    when = datetime(2025, 1, 15, tzinfo=UTC)
    written = 0
    for year in range(2020, 2025):
        with transaction.atomic():
            decision = Decision.objects.create(
                agency=root,
                kind=DecisionKind.AWARD,
                status=DecisionStatus.ISSUED,
                year=year,
                title=f"[bench] Khen thưởng năm {year}",
                deciding_body=root.name,
            )
            publication = PublishedDecision.objects.create(
                decision=decision, published_at=when, changed_at=when
            )
            awards = (
                AwardRecord.objects.filter(year=year, status=AwardStatus.ACTIVE, person__isnull=False)
                .exclude(pk__in=DecisionLine.objects.filter(award__isnull=False).values("award_id"))
                .select_related("person", "organization")
                .order_by("pk")
            )
            batch: list[tuple[DecisionLine, AwardRecord]] = []

            for position, award in enumerate(awards.iterator(chunk_size=BULK), start=1):
                unit = award.organization
                line = DecisionLine(
                    decision=decision,
                    person=award.person,
                    code=award.code,
                    track=award.track,
                    year=year,
                    subject_name=award.person.full_name,
                    subject_unit=unit.name if unit is not None else "",
                    unit=unit,
                    position=position,
                    award=award,
                )
                batch.append((line, award))
                written += 1
                if len(batch) >= BULK:
                    _flush(publication, batch)
            if batch:
                _flush(publication, batch)
    return written


def _measure(client, url: str, repeat: int) -> tuple[float, int, float]:
    """(median seconds of the request, its query count, median seconds of its SQL replayed on a bare cursor).

    The page is asked once first to warm what it caches (the honour board's options and counts, kept per
    publication state); the queries measured, and replayed as the floor, are those of a warm request."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    statements = [query["sql"] for query in captured.captured_queries]
    pages, floors = [], []
    for _ in range(repeat):
        gc.collect()
        started = time.perf_counter()
        client.get(url)
        pages.append(time.perf_counter() - started)
        started = time.perf_counter()
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
                if cursor.description is not None:
                    cursor.fetchall()
        floors.append(time.perf_counter() - started)
    return statistics.median(pages), len(statements), statistics.median(floors)


def _deep_board_page(client) -> str:
    """The address of the board's page after the row in the middle of the board (a reader who pressed "Trang sau"
    two thousand times), built from the page's own cursor."""
    from thidua.core.keyset import encode_cursor
    from thidua.public.selectors import awards_visible

    visible = awards_visible().order_by("sort_key", "pk")
    middle = visible.values_list("sort_key", "pk")[visible.count() // 2]
    return f"/cong-bo/bang-vang/?sau={encode_cursor(list(middle))}"


def run(*, database_url: str, repeat: int = 5, load_seconds: float = 10) -> None:
    from django.contrib.auth import get_user_model
    from django.test import Client

    started = time.perf_counter()
    published = _publish_registry()
    print(
        f"\nhonour board data: {published:,} published awards (2020–2024) ready in {time.perf_counter() - started:.1f} s"
    )

    # The demo's system administrator (the whole province in scope).
    admin = get_user_model().objects.filter(username="admin").first() or (
        get_user_model().objects.filter(is_superuser=True).order_by("pk").first()
    )
    officer = Client(HTTP_ACCEPT_LANGUAGE="vi", HTTP_HOST="127.0.0.1")
    officer.force_login(admin)
    public = Client(HTTP_ACCEPT_LANGUAGE="vi", HTTP_HOST="127.0.0.1")
    cases = [
        ("statistics, 2020–2024, whole scope", officer, "/thong-ke/?year_from=2020&year_to=2024"),
        ("statistics, 2024", officer, "/thong-ke/?year_from=2024&year_to=2024"),
        ("honour board, first page", public, "/cong-bo/bang-vang/"),
        ("honour board, year 2023", public, "/cong-bo/bang-vang/?nam=2023"),
        ("honour board, search 'nguyen van'", public, "/cong-bo/bang-vang/?q=nguyen+van"),
        ("honour board, a deep page (keyset)", public, _deep_board_page(public)),
    ]
    print(
        f"pages (median of {repeat}; floor = the page's own SQL replayed on a bare cursor in the same run):"
    )
    from django.core.cache import cache

    for label, client, url in cases:
        if client is public:
            cache.clear()
            started = time.perf_counter()
            client.get(url)
            cold = time.perf_counter() - started
            print(f"  {label + ' (empty cache)':<38} {cold * 1000:8.1f} ms")
        page, queries, floor = _measure(client, url, repeat)
        print(
            f"  {label:<38} {page * 1000:8.1f} ms  {queries:3d} queries  floor {floor * 1000:8.1f} ms  "
            f"→ ratio {page / floor:5.2f}"
        )
    web_load.report(
        web_load.compare(
            database_url, ["/cong-bo/bang-vang/", "/cong-bo/bang-vang/?nam=2023"], seconds=load_seconds
        )
    )
