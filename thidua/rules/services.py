"""The rules engine applied to the database: configuration per province, single checks and discovery sweeps."""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from thidua.audit.services import audit_record, model_snapshot
from thidua.organizations.models import Organization, OrganizationKind, Person
from thidua.organizations.selectors import judging_unit_for

from . import loader
from .engine import codes as catalogue
from .engine.config import RuleConfig
from .engine.evaluate import evaluate
from .engine.facts import Question, SubjectFacts
from .engine.result import Evaluation
from .models import DiscoveryChunk, DiscoveryRun, DiscoveryStatus, RuleOverride
from .sweep import sweep_findings

INDIVIDUAL_CODES = tuple(
    c for c in catalogue.CATALOGUE if "individual" in catalogue.CATALOGUE[c].subject_kinds
)
COLLECTIVE_CODES = tuple(
    c for c in catalogue.CATALOGUE if "collective" in catalogue.CATALOGUE[c].subject_kinds
)


def rule_config_for(*, organization: Organization | None) -> RuleConfig:
    """Defaults overridden by what the agency that `organization` belongs to and its ancestors (the province first)
    have recorded. One rule for every caller: a person's page (their judging unit), a unit's page and a sweep (of an
    agency or of one of its divisions) all resolve to the same agency, so they judge with the same values;
    overrides are the agency's and the province's, never a division's."""
    if organization is None:
        return RuleConfig.defaults()
    ancestor_ids = [int(pk) for pk in organization.path.strip("/").split("/") if pk]
    kinds = dict(Organization.objects.filter(pk__in=ancestor_ids).values_list("pk", "kind"))
    # The chain down to the nearest agency (or the province when the unit sits under no agency).
    agency_index = max(
        (
            i
            for i, pk in enumerate(ancestor_ids)
            if kinds.get(pk) in (OrganizationKind.AGENCY, OrganizationKind.PROVINCE)
        ),
        default=len(ancestor_ids) - 1,
    )
    chain = ancestor_ids[: agency_index + 1]
    rows = RuleOverride.objects.filter(organization_id__in=chain).values_list(
        "organization_id", "key", "value"
    )
    depth = {pk: index for index, pk in enumerate(chain)}
    overrides: dict[str, Any] = {}
    for _org, key, value in sorted(rows, key=lambda row: depth[row[0]]):  # the agency wins over the province
        overrides[key] = value
    return RuleConfig(overrides) if overrides else RuleConfig.defaults()


def rule_override_set(
    *, actor: Any, organization: Organization, key: str, value: Any, source: str
) -> RuleOverride:
    """Record a province's value; refuses unknown keys (the engine validates the whole configuration)."""
    RuleConfig({key: value})  # raises KeyError for an unknown key
    override, created = RuleOverride.objects.select_for_update().get_or_create(
        organization=organization, key=key, defaults={"value": value, "source": source, "updated_by": actor}
    )
    before = None if created else model_snapshot(override)
    if not created:
        override.value, override.source, override.updated_by = value, source, actor
        override.updated_at = timezone.now()
        override.save()
    audit_record(
        action="create" if created else "update",
        instance=override,
        before=before,
        after=model_snapshot(override),
        actor=actor,
    )
    return override


def _judging_organization(person: Person, year: int) -> Organization | None:
    unit_id = judging_unit_for(person=person, year=year)  # the one rule (end dates included)
    return Organization.objects.filter(pk=unit_id).first() if unit_id else None


def person_evaluations(
    *,
    person: Person,
    year: int,
    codes: tuple[str, ...] = INDIVIDUAL_CODES,
    track: str = catalogue.DEFAULT_TRACK,
) -> list[Evaluation]:
    """Every individual title and form for `person` and `year`, with reasons (same code as the sweep), on
    `track` (the merit track by default, as the sweep judges)."""
    subject = loader.person_load(person=person, year=year)
    config = rule_config_for(organization=_judging_organization(person, year))
    return [
        evaluate(subject=subject, question=Question(code, year, track=track), config=config) for code in codes
    ]


FORM_CODES = tuple(c for c in INDIVIDUAL_CODES if catalogue.CATALOGUE[c].kind == catalogue.FORM)
OTHER_TRACK = "dot_xuat"


def person_evaluations_by_track(
    *, person: Person, year: int, codes: tuple[str, ...] = INDIVIDUAL_CODES
) -> tuple[list[Evaluation], dict[str, Evaluation]]:
    """The merit-track evaluations (as the sweep) and, for each form, what a proposal on another track (a one-off
    achievement, `dot_xuat`) would get — one load of the facts."""
    subject = loader.person_load(person=person, year=year)
    config = rule_config_for(organization=_judging_organization(person, year))
    merit = [evaluate(subject=subject, question=Question(code, year), config=config) for code in codes]
    other = {
        code: evaluate(subject=subject, question=Question(code, year, track=OTHER_TRACK), config=config)
        for code in codes
        if code in FORM_CODES
    }
    return merit, other


def unit_facts(*, organization: Organization, year: int) -> SubjectFacts:
    """A collective's facts for `year`: its own, and its members' (the people it judges that year) from theirs."""
    judged = loader.judging_units(organization=organization, year=year)
    members = [pk for pk, unit in judged.items() if unit == organization.pk]
    facts = loader.people_facts(person_ids=members, first_year=year - loader.LOOKBACK_YEARS, last_year=year)
    return loader.collective_facts(
        organizations=[organization], year=year, members_by_unit={organization.pk: list(facts.values())}
    )[0]


def unit_evaluations(
    *,
    organization: Organization,
    year: int,
    codes: tuple[str, ...] = COLLECTIVE_CODES,
    track: str = catalogue.DEFAULT_TRACK,
) -> list[Evaluation]:
    """Every collective title and form for a unit and `year` on `track`, its members judged from their own
    facts."""
    subject = unit_facts(organization=organization, year=year)
    config = rule_config_for(organization=organization)
    return [
        evaluate(subject=subject, question=Question(code, year, track=track), config=config) for code in codes
    ]


# --- discovery ----------------------------------------------------------------------------------------------


@transaction.atomic
def discovery_start(*, actor: Any, organization: Organization, year: int) -> DiscoveryRun:
    """Queue a sweep; the worker (or, in tests, the immediate backend) runs `discovery_execute`."""
    from .tasks import discovery_task

    run = DiscoveryRun.objects.create(organization=organization, year=year, requested_by=actor)
    audit_record(
        action="discovery", instance=run, after={"organization": organization.pk, "year": year}, actor=actor
    )
    transaction.on_commit(lambda: discovery_task.enqueue(run.pk))
    return run


def _set_progress(run: DiscoveryRun, percent: int, **fields: Any) -> None:
    DiscoveryRun.objects.filter(pk=run.pk).update(progress=percent, **fields)


# The sweep fanned out (issue 16): `discovery_plan` splits a run into chunks of whole units (a unit and the people
# it judges always in the same chunk, so its collective facts are complete), any number of task workers run the
# chunks (`discovery_chunk_execute`), and the last chunk to finish merges the findings in the order a single sweep
# gives them. A chunk writes its findings and its status in one transaction: a worker killed mid-chunk leaves it
# running with an expired lease, and `discovery_resume` queues it again.


def chunk_people() -> int:
    """People per chunk (`THIDUA_DISCOVERY_CHUNK_PEOPLE`, 5,000 by default)."""
    return int(getattr(settings, "THIDUA_DISCOVERY_CHUNK_PEOPLE", 5_000))


def _lease() -> timedelta:
    return timedelta(seconds=int(getattr(settings, "THIDUA_DISCOVERY_LEASE_SECONDS", 600)))


def plan_chunks(
    judged: dict[int, int], units: list[tuple[int, str, bool]], *, size: int
) -> list[tuple[list[list[int]], list[list[int]]]]:
    """Split a sweep: `judged` person → judging unit (in the sweep's person order), `units` (id, path, swept as a
    collective) in the sweep's unit order. Units are taken in path order, so a subtree stays together as far as
    the size allows, and a chunk closes once it holds `size` people or more; a unit is never split. Returns, per
    chunk, its [person, unit, rank] triples and its [unit, rank] collectives, each in the sweep's order (the rank
    is the place in it, which the merge sorts on)."""
    people_of: dict[int, list[int]] = defaultdict(list)
    for person_id, unit_id in judged.items():
        people_of[unit_id].append(person_id)
    rank = {person_id: n for n, person_id in enumerate(judged)}
    unit_rank = {unit_id: n for n, (unit_id, _path, _collective) in enumerate(units)}
    known = {unit_id for unit_id, _path, _collective in units}
    groups: list[list[int]] = [[]]
    count = 0
    # People judged by a unit outside the list (none today: the subtree's units are all listed) go first.
    stray = [unit_id for unit_id in people_of if unit_id not in known]
    for unit_id in [*stray, *[u for u, _p, _c in sorted(units, key=lambda unit: (unit[1], unit[0]))]]:
        if count >= size and groups[-1]:
            groups.append([])
            count = 0
        groups[-1].append(unit_id)
        count += len(people_of.get(unit_id, ()))
    collective = {unit_id for unit_id, _path, is_collective in units if is_collective}
    chunks = []
    for group in groups:
        persons = sorted((p for unit_id in group for p in people_of.get(unit_id, ())), key=rank.__getitem__)
        collectives = sorted((u for u in group if u in collective), key=unit_rank.__getitem__)
        if persons or collectives:
            chunks.append(
                ([[p, judged[p], rank[p]] for p in persons], [[u, unit_rank[u]] for u in collectives])
            )
    return chunks


@transaction.atomic
def discovery_plan(*, run_id: int, size: int | None = None) -> list[int]:
    """Split the run into chunks (once: planning again returns the same chunks); returns the chunks' ids."""
    run = DiscoveryRun.objects.select_for_update().select_related("organization").get(pk=run_id)
    existing = list(run.chunks.order_by("index").values_list("pk", flat=True))
    if existing:
        return existing
    judged = loader.judging_units(organization=run.organization, year=run.year)
    units = [
        (pk, path, kind != OrganizationKind.PROVINCE)
        for pk, path, kind in Organization.objects.filter(path__startswith=run.organization.path).values_list(
            "pk", "path", "kind"
        )
    ]
    order = {
        pk: n
        for n, pk in enumerate(loader.units_in_sweep_order(run.organization).values_list("pk", flat=True))
    }
    units.sort(key=lambda unit: (order.get(unit[0], -1), unit[0]))
    planned = plan_chunks(judged, units, size=size or chunk_people())
    chunks = DiscoveryChunk.objects.bulk_create(
        DiscoveryChunk(run=run, index=n, people=people, collectives=collectives)
        for n, (people, collectives) in enumerate(planned)
    )
    subjects = sum(len(p) for p, _c in planned) + sum(len(c) for _p, c in planned)
    _set_progress(run, 2, status=DiscoveryStatus.RUNNING, subjects=subjects)
    if not chunks:
        DiscoveryRun.objects.filter(pk=run.pk).update(
            status=DiscoveryStatus.DONE, progress=100, findings=[], finished_at=timezone.now()
        )
    return [chunk.pk for chunk in chunks]


def _claim(chunk_id: int) -> DiscoveryChunk | None:
    """Take the chunk for this worker, unless it is done or another worker holds an unexpired lease on it."""
    now = timezone.now()
    with transaction.atomic():
        chunk = DiscoveryChunk.objects.select_for_update().select_related("run").get(pk=chunk_id)
        if chunk.status in (DiscoveryStatus.DONE, DiscoveryStatus.FAILED):
            return None
        if chunk.status == DiscoveryStatus.RUNNING and chunk.leased_until and chunk.leased_until > now:
            return None
        chunk.status = DiscoveryStatus.RUNNING
        chunk.attempts += 1
        chunk.leased_until = now + _lease()
        chunk.save(update_fields=["status", "attempts", "leased_until"])
    return chunk


def _finding_rows(run: DiscoveryRun, chunk: DiscoveryChunk, processes: int | None) -> list[dict[str, Any]]:
    scope = loader.chunk_load(
        people=[(p, u) for p, u, _rank in chunk.people],
        collective_ids=[u for u, _rank in chunk.collectives],
        year=run.year,
    )
    config = rule_config_for(organization=run.organization)
    rank = {p: r for p, _u, r in chunk.people}
    unit_rank = dict(chunk.collectives)
    unit_ids = {u for _p, u, _r in chunk.people} | set(unit_rank)
    unit_names = dict(Organization.objects.filter(pk__in=unit_ids).values_list("pk", "name"))
    rows: list[dict[str, Any]] = []
    for kind, group in (("individual", scope.people), ("collective", scope.collectives)):
        for finding in sweep_findings(group, year=run.year, config=config, workers=processes):
            unit_id = scope.judging_unit.get(finding.key) if kind == "individual" else finding.key
            rows.append(
                {
                    "kind": kind,
                    "key": finding.key,
                    "name": finding.name,
                    "unit_id": unit_id,
                    "unit": unit_names.get(unit_id or 0, finding.name),
                    "code": finding.code,
                    "status": finding.status,
                    "missing": list(finding.missing),
                    "rule_set": finding.rule_set,
                    "_rank": rank[finding.key] if kind == "individual" else unit_rank[finding.key],
                }
            )
    return rows


def discovery_chunk_execute(*, chunk_id: int, processes: int | None = None) -> bool:
    """Run one chunk (a task worker's unit of work): evaluate its subjects, store its findings and its status in
    one transaction, and merge the run when it was the last. False when there was nothing to do (done, or leased
    by another worker). `processes`: the sweep's processes inside this worker (None: one per core)."""
    chunk = _claim(chunk_id)
    if chunk is None:
        return False
    run = DiscoveryRun.objects.select_related("organization").get(pk=chunk.run_id)
    try:
        rows = _finding_rows(run, chunk, processes)
    except Exception as exc:  # the page must say what happened; the worker log keeps the traceback
        with transaction.atomic():
            DiscoveryChunk.objects.filter(pk=chunk.pk).update(
                status=DiscoveryStatus.FAILED, error=str(exc)[:2000], finished_at=timezone.now()
            )
            DiscoveryRun.objects.filter(pk=run.pk).update(
                status=DiscoveryStatus.FAILED, error=str(exc)[:2000], finished_at=timezone.now()
            )
        raise
    with transaction.atomic():
        locked = DiscoveryRun.objects.select_for_update().get(pk=run.pk)
        written = DiscoveryChunk.objects.filter(pk=chunk.pk).exclude(status=DiscoveryStatus.DONE)
        if not written.update(
            status=DiscoveryStatus.DONE, findings=rows, finished_at=timezone.now(), leased_until=None
        ):
            return False  # another worker finished it first (its lease had expired): its findings stand
        _merge_if_complete(locked)
    return True


def _merge_if_complete(run: DiscoveryRun) -> None:
    """With the run locked: progress over the chunks, and when all are done the findings in a single sweep's
    order (every person in the sweep's person order, then every unit in its order) — the same list whatever the
    number of chunks and the order they finished in."""
    chunks = list(run.chunks.order_by("index").values_list("status", flat=True))
    done = sum(1 for status in chunks if status == DiscoveryStatus.DONE)
    if done < len(chunks):
        _set_progress(run, 2 + int(96 * done / len(chunks)))
        return
    if run.status == DiscoveryStatus.DONE:
        return
    individuals: list[dict[str, Any]] = []
    collectives: list[dict[str, Any]] = []
    for findings in run.chunks.order_by("index").values_list("findings", flat=True):
        for row in findings:
            (individuals if row["kind"] == "individual" else collectives).append(row)
    person_rank = {
        p: n for n, p in enumerate(loader.judging_units(organization=run.organization, year=run.year))
    }
    unit_rank = {
        u: n for n, u in enumerate(loader.units_in_sweep_order(run.organization).values_list("pk", flat=True))
    }
    individuals.sort(key=lambda row: person_rank.get(row["key"], len(person_rank)))
    collectives.sort(key=lambda row: unit_rank.get(row["key"], len(unit_rank)))
    DiscoveryRun.objects.filter(pk=run.pk).update(
        status=DiscoveryStatus.DONE,
        progress=100,
        findings=individuals + collectives,
        finished_at=timezone.now(),
    )


def discovery_resume(*, run: DiscoveryRun) -> int:
    """Queue again the chunks of an unfinished run whose worker went silent (lease expired) or that were never
    taken within a lease; returns how many. Called by the run's progress page and `manage.py discovery_resume`."""
    from .tasks import discovery_chunk_task

    if run.status not in (DiscoveryStatus.QUEUED, DiscoveryStatus.RUNNING):
        return 0
    now = timezone.now()
    stale = run.chunks.filter(
        Q(status=DiscoveryStatus.RUNNING, leased_until__lt=now)
        | Q(status=DiscoveryStatus.QUEUED, run__requested_at__lt=now - _lease())
    ).values_list("pk", flat=True)
    ids = list(stale)
    for chunk_id in ids:
        discovery_chunk_task.enqueue(chunk_id)
    return len(ids)


def discovery_fan_out(*, run_id: int) -> int:
    """The background entry: plan the run and queue one task per chunk for any worker; returns the number."""
    from .tasks import discovery_chunk_task

    try:
        chunk_ids = discovery_plan(run_id=run_id)
    except Exception as exc:
        DiscoveryRun.objects.filter(pk=run_id).update(
            status=DiscoveryStatus.FAILED, error=str(exc)[:2000], finished_at=timezone.now()
        )
        raise
    for chunk_id in chunk_ids:
        discovery_chunk_task.enqueue(chunk_id)
    return len(chunk_ids)


def discovery_execute(*, run_id: int, size: int | None = None) -> DiscoveryRun:
    """The whole sweep in this process (one worker): plan, run every chunk, merge."""
    for chunk_id in discovery_plan(run_id=run_id, size=size):
        discovery_chunk_execute(chunk_id=chunk_id)
    run = DiscoveryRun.objects.get(pk=run_id)
    return run
