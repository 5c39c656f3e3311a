"""The rules engine applied to the database: configuration per province, single checks and discovery sweeps."""

from __future__ import annotations

from typing import Any

from django.db import transaction
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
from .models import DiscoveryRun, DiscoveryStatus, RuleOverride
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


def discovery_execute(*, run_id: int, chunk: int = 20_000) -> DiscoveryRun:
    """Load the agency's facts once, evaluate in memory in chunks (reporting progress), store the findings."""
    run = DiscoveryRun.objects.select_related("organization").get(pk=run_id)
    _set_progress(run, 1, status=DiscoveryStatus.RUNNING)
    try:
        scope = loader.scope_load(organization=run.organization, year=run.year)
        subjects: list[SubjectFacts] = scope.people + scope.collectives
        _set_progress(run, 20, subjects=len(subjects))
        config = rule_config_for(organization=run.organization)
        unit_names = dict(
            Organization.objects.filter(path__startswith=run.organization.path).values_list("pk", "name")
        )
        rows: list[dict[str, Any]] = []
        done = 0
        for kind, group in (("individual", scope.people), ("collective", scope.collectives)):
            for start in range(0, len(group), chunk):
                for finding in sweep_findings(group[start : start + chunk], year=run.year, config=config):
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
                        }
                    )
                done += len(group[start : start + chunk])
                _set_progress(run, 20 + int(75 * done / max(len(subjects), 1)))
        DiscoveryRun.objects.filter(pk=run.pk).update(
            status=DiscoveryStatus.DONE, progress=100, findings=rows, finished_at=timezone.now()
        )
    except Exception as exc:  # the page must say what happened; the worker log keeps the traceback
        DiscoveryRun.objects.filter(pk=run.pk).update(
            status=DiscoveryStatus.FAILED, error=str(exc)[:2000], finished_at=timezone.now()
        )
        raise
    run.refresh_from_db()
    return run
