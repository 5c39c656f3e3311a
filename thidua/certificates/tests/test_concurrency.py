"""The certificate book under concurrency: print runs started at the same moment take consecutive numbers, none
twice and none skipped — also when one of them fails after taking its numbers (its transaction gives them back).
PostgreSQL only: row locks and one connection per thread; SQLite serialises every writer on the database file, so
the race cannot happen there."""

from __future__ import annotations

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from thidua.certificates import services
from thidua.certificates.models import PrintedCertificate, SerialRegister

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="row locks and one connection per thread: PostgreSQL (SQLite has one writer at a time)",
    ),
    pytest.mark.django_db(transaction=True),
]


def _at_once(calls):
    """Each call in a thread of its own, all started together; returns what each returned or raised."""
    start = threading.Barrier(len(calls))
    outcome: dict[int, object] = {}

    def run(index, call):
        try:
            start.wait(timeout=30)
            outcome[index] = call()
        except ValidationError as error:
            outcome[index] = "refused: " + error.messages[0]
        except Exception as error:  # reported by the assertions, not lost in the thread
            outcome[index] = f"error: {error!r}"
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert not any(thread.is_alive() for thread in threads)
    return outcome


def test_blocks_taken_at_once_never_overlap(tree):
    agency = tree["agency"]
    outcome = _at_once([lambda: services.serial_take(agency=agency, year=2025, count=3) for _ in range(5)])
    firsts = sorted(outcome.values())
    assert firsts == [1, 4, 7, 10, 13], outcome
    assert SerialRegister.objects.get(agency=agency, year=2025).last_number == 15


def test_print_runs_at_once_number_without_gap_or_duplicate(decision, people):
    officer = people["officer"]
    lines = list(decision.lines.order_by("position"))
    # One line's name fits no box: its run fails after taking its number, and gives it back.
    type(lines[1]).objects.filter(pk=lines[1].pk).update(subject_name="Nguyễn Thị Lan " * 14)
    lines[1].refresh_from_db()
    calls = [
        (
            lambda line=line: services.print_run_create(
                actor=officer, decision=decision, lines=[line], template=None
            )
        )
        for line in lines
    ]
    outcome = _at_once(calls)
    refused = [value for value in outcome.values() if isinstance(value, str)]
    assert len(refused) == 1 and "không vừa" in refused[0], outcome
    year = timezone.localdate().year
    numbers = sorted(
        PrintedCertificate.objects.filter(agency=decision.agency, year=year).values_list("number", flat=True)
    )
    assert numbers == [1, 2, 3]
    assert SerialRegister.objects.get(agency=decision.agency, year=year).last_number == 3
