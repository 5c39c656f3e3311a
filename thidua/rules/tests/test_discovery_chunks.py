"""The sweep fanned out over task workers (issue 16): a run split into chunks of whole units gives exactly the
findings of one sweep over the agency, whatever the chunk size and the order the chunks finish in; a chunk whose
worker died runs again and nothing is lost or counted twice; a chunk leased by a live worker is left to it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from thidua.accounts.models import User
from thidua.core.tests.demo_fixtures import demo_once
from thidua.organizations.models import Organization
from thidua.rules import loader, services
from thidua.rules.models import DiscoveryChunk, DiscoveryRun, DiscoveryStatus
from thidua.rules.sweep import sweep_findings

YEAR = 2024
demo_seeded = demo_once(people=160, years=10, seed=2021)


@pytest.fixture
def agency(demo_seeded, db) -> Organization:
    return Organization.objects.get(code="YB-SKHCN")


def _one_sweep(agency: Organization) -> list[tuple]:
    """The reference: the agency's facts loaded at once and swept in one go (what discovery did before chunks)."""
    scope = loader.scope_load(organization=agency, year=YEAR)
    config = services.rule_config_for(organization=agency)
    rows = []
    for kind, group in (("individual", scope.people), ("collective", scope.collectives)):
        for finding in sweep_findings(group, year=YEAR, config=config, workers=1):
            unit_id = scope.judging_unit.get(finding.key) if kind == "individual" else finding.key
            rows.append((kind, finding.key, unit_id, finding.code, finding.status, tuple(finding.missing)))
    return rows


def _rows(run: DiscoveryRun) -> list[tuple]:
    run.refresh_from_db()
    return [
        (row["kind"], row["key"], row["unit_id"], row["code"], row["status"], tuple(row["missing"]))
        for row in run.findings
    ]


def _run(agency: Organization) -> DiscoveryRun:
    return DiscoveryRun.objects.create(organization=agency, year=YEAR)


# The demo Department: 160 people in 8 units, the largest of 40 or more (a unit is never split). With one person
# per chunk, each of the 8 units is a chunk, and the units without people make a ninth when the database's
# collation of paths (SQLite's binary, PostgreSQL's locale) puts them after the last unit with people.
@pytest.mark.parametrize(("size", "least", "most"), [(1, 8, 9), (25, 3, 8), (60, 2, 5), (100_000, 1, 1)])
def test_any_chunk_size_gives_the_findings_of_one_sweep(agency, size, least, most):
    run = services.discovery_execute(run_id=_run(agency).pk, size=size)
    assert run.status == DiscoveryStatus.DONE and run.progress == 100
    assert least <= run.chunks.count() <= most
    assert _rows(run) == _one_sweep(agency)
    scope = loader.scope_load(organization=agency, year=YEAR)
    assert run.subjects == len(scope.people) + len(scope.collectives)


def test_chunks_finishing_in_any_order_merge_to_the_same_list(agency):
    run = _run(agency)
    chunk_ids = services.discovery_plan(run_id=run.pk, size=1)
    assert len(chunk_ids) in (8, 9)
    for chunk_id in reversed(chunk_ids):
        assert services.discovery_chunk_execute(chunk_id=chunk_id, processes=1)
    assert _rows(run) == _one_sweep(agency)


def test_progress_counts_chunks_and_the_page_shows_them(agency, client):
    run = _run(agency)
    chunk_ids = services.discovery_plan(run_id=run.pk, size=40)
    services.discovery_chunk_execute(chunk_id=chunk_ids[0], processes=1)
    run.refresh_from_db()
    assert run.status == DiscoveryStatus.RUNNING and 2 < run.progress < 100
    client.force_login(User.objects.get(username="vanphong"))
    url = reverse("rules:discovery_run", args=[run.pk])
    page = client.get(url, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="discovery-progress").content.decode()
    assert f"1/{len(chunk_ids)} phần đã xong" in page


def test_a_worker_killed_mid_chunk_loses_nothing(agency, settings):
    """The worker took chunk 1 and died (its lease expires); resuming queues it again — in tests the immediate
    backend runs it at once — and the run completes with every finding exactly once."""
    settings.THIDUA_DISCOVERY_LEASE_SECONDS = 60
    run = _run(agency)
    chunk_ids = services.discovery_plan(run_id=run.pk, size=30)
    for chunk_id in chunk_ids[:1] + chunk_ids[2:]:
        services.discovery_chunk_execute(chunk_id=chunk_id, processes=1)
    assert services._claim(chunk_ids[1]) is not None  # taken by a worker that dies here
    run.refresh_from_db()
    assert run.status == DiscoveryStatus.RUNNING
    assert services.discovery_resume(run=run) == 0  # its lease still runs: it may be working
    DiscoveryChunk.objects.filter(pk=chunk_ids[1]).update(leased_until=timezone.now() - timedelta(seconds=1))
    assert services.discovery_resume(run=run) == 1
    run.refresh_from_db()
    assert run.status == DiscoveryStatus.DONE
    assert DiscoveryChunk.objects.get(pk=chunk_ids[1]).attempts == 2
    assert _rows(run) == _one_sweep(agency)


def test_a_chunk_runs_once_and_a_live_lease_is_respected(agency):
    run = _run(agency)
    first, *_ = services.discovery_plan(run_id=run.pk, size=30)
    assert services.discovery_plan(run_id=run.pk, size=5) == [first, *_]  # planning twice changes nothing
    assert services._claim(first) is not None
    assert services.discovery_chunk_execute(chunk_id=first, processes=1) is False  # another worker holds it
    DiscoveryChunk.objects.filter(pk=first).update(leased_until=timezone.now() - timedelta(seconds=1))
    assert services.discovery_chunk_execute(chunk_id=first, processes=1) is True
    findings = DiscoveryChunk.objects.get(pk=first).findings
    assert services.discovery_chunk_execute(chunk_id=first, processes=1) is False  # done: nothing again
    assert DiscoveryChunk.objects.get(pk=first).findings == findings


def test_a_failing_chunk_fails_the_run_with_its_message(agency, monkeypatch):
    run = _run(agency)
    first, *_ = services.discovery_plan(run_id=run.pk, size=30)

    def broken(**kwargs):
        raise RuntimeError("ổ đĩa đầy")

    monkeypatch.setattr(loader, "chunk_load", broken)
    with pytest.raises(RuntimeError):
        services.discovery_chunk_execute(chunk_id=first, processes=1)
    run.refresh_from_db()
    assert run.status == DiscoveryStatus.FAILED and "ổ đĩa đầy" in run.error
    assert DiscoveryChunk.objects.get(pk=first).status == DiscoveryStatus.FAILED


def test_the_background_entry_fans_out_one_task_per_chunk(
    agency, settings, django_capture_on_commit_callbacks
):
    settings.THIDUA_DISCOVERY_CHUNK_PEOPLE = 40
    with django_capture_on_commit_callbacks(execute=True):
        run = services.discovery_start(
            actor=User.objects.get(username="vanphong"), organization=agency, year=YEAR
        )
    run.refresh_from_db()
    assert run.status == DiscoveryStatus.DONE and run.chunks.count() >= 3
    assert all(chunk.attempts == 1 for chunk in run.chunks.all())
    assert _rows(run) == _one_sweep(agency)


def test_resume_command_queues_the_silent_chunks(agency):
    run = _run(agency)
    chunk_ids = services.discovery_plan(run_id=run.pk, size=30)
    DiscoveryChunk.objects.filter(pk__in=chunk_ids).update(
        status=DiscoveryStatus.RUNNING, leased_until=timezone.now() - timedelta(seconds=1)
    )
    call_command("discovery_resume", verbosity=0)
    run.refresh_from_db()
    assert run.status == DiscoveryStatus.DONE and _rows(run) == _one_sweep(agency)


# ---------------------------------------------------------------- the plan, pure


@st.composite
def worlds(draw):
    units = draw(st.lists(st.sampled_from("abcdefgh"), min_size=1, max_size=8, unique=True))
    paths = {n: "/".join(units[: n + 1]) for n in range(len(units))}  # a chain: each under the previous
    unit_rows = [(n, paths[n], draw(st.booleans())) for n in range(len(units))]
    people = draw(st.lists(st.sampled_from(range(len(units))), max_size=40))
    judged = {1000 + n: unit for n, unit in enumerate(people)}
    return judged, unit_rows


@given(world=worlds(), size=st.integers(min_value=1, max_value=15))
def test_the_plan_takes_everyone_once_keeps_units_whole_and_closes_at_the_size(world, size):
    judged, units = world
    chunks = services.plan_chunks(judged, units, size=size)
    people = [p for chunk_people, _c in chunks for p, _u, _r in chunk_people]
    assert sorted(people) == sorted(judged)
    collectives = [u for _p, chunk_collectives in chunks for u, _r in chunk_collectives]
    assert sorted(collectives) == sorted(u for u, _path, is_collective in units if is_collective)
    unit_of_chunk: dict[int, int] = {}
    for n, (chunk_people, _c) in enumerate(chunks):
        for person, unit, _rank in chunk_people:
            assert judged[person] == unit
            assert unit_of_chunk.setdefault(unit, n) == n  # a unit is never split
        ranks = [rank for _p, _u, rank in chunk_people]
        assert ranks == sorted(ranks)
    for chunk_people, _c in chunks[:-1]:
        assert len(chunk_people) >= size or not chunk_people
