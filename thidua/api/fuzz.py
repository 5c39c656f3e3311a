"""Fuzz the API against its own OpenAPI document with schemathesis, in process (WSGI, no server).

Every operation of /api/v1/openapi.json gets generated requests, valid and invalid (positive and negative
modes), each sent with the bearer token of every role given; each response must not be a 5xx, must have a
status the operation declares, and must match the declared schema and content type. Used by
thidua/api/tests/test_schemathesis.py (a small budget in `make test`) and scripts/fuzz_api.py (`make fuzz-api`).
"""

from __future__ import annotations

import contextlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


@dataclass
class FuzzReport:
    calls: int = 0
    server_errors: int = 0
    schema_violations: int = 0
    examples: list[str] = field(default_factory=list)  # the first few failures, for the reader
    statuses: Counter[int] = field(default_factory=Counter)

    def note(self, text: str) -> None:
        if len(self.examples) < 20:
            self.examples.append(text)

    def summary(self) -> str:
        statuses = ", ".join(f"{code}: {n}" for code, n in sorted(self.statuses.items()))
        return (
            f"calls: {self.calls}, server errors: {self.server_errors}, "
            f"schema violations: {self.schema_violations} (statuses {statuses})"
        )


@contextlib.contextmanager
def _connections_kept_open() -> Iterator[None]:
    """Django closes the database connection at the end of each request, which would end a test transaction;
    Django's own test client switches that off the same way."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def load_schema(user: Any) -> Any:
    """The app's OpenAPI document as served at /api/v1/openapi.json (to a logged-in user), bound to the WSGI
    app so that schemathesis calls it in process."""
    import schemathesis
    from django.core.wsgi import get_wsgi_application
    from django.test import Client

    client = Client()
    client.force_login(user)
    response = client.get("/api/v1/openapi.json")
    if response.status_code != 200:
        raise RuntimeError(f"/api/v1/openapi.json answered {response.status_code}")
    schema = schemathesis.openapi.from_dict(response.json())
    schema.app = get_wsgi_application()
    schema.location = "/api/v1/openapi.json"
    return schema


def id_pools() -> dict[str, list[int]]:
    """Real primary keys, by the names the API gives them."""
    # A test harness: it reads several apps' tables and sits outside the layers (.importlinter); like its
    # schemathesis and hypothesis imports, these load only when it runs (not a cycle).
    from thidua.council.models import AgendaItem, Session
    from thidua.decisions.models import Decision
    from thidua.disclosure.models import DisclosureNotice, Feedback
    from thidua.exchange.models import ImportJob
    from thidua.movements.models import Movement, ProgressReport, Target
    from thidua.nominations.models import Nomination, ProposalBatch
    from thidua.notifications.models import Notification
    from thidua.organizations.models import Ethnicity, Organization, Person

    def ids(model: Any) -> list[int]:
        return list(model.objects.order_by("pk").values_list("pk", flat=True)[:200])

    units, people, movements = ids(Organization), ids(Person), ids(Movement)
    return {
        "unit_id": units,
        "unit": units,
        "parent_id": units + movements,
        "organization_id": units,
        "launching_organization_id": units,
        "person_id": people,
        "signer_id": people,
        "ethnicity_id": ids(Ethnicity),
        "movement_id": movements,
        "movement": movements,
        "report_id": ids(ProgressReport),
        "target_id": ids(Target),
        "job_id": ids(ImportJob),
        "batch_id": ids(ProposalBatch),
        "nomination_id": ids(Nomination),
        "notice_id": ids(DisclosureNotice),
        "feedback_id": ids(Feedback),
        "notification_id": ids(Notification),
        "session_id": ids(Session),
        "item_id": ids(AgendaItem),
        "decision_id": ids(Decision),
    }


def run(schema: Any, tokens: dict[str, str], *, max_examples: int, seed: int | None = 2026) -> FuzzReport:
    """Send `max_examples` generated requests per operation and generation mode, once per token."""
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import seed as hypothesis_seed
    from hypothesis import strategies as st
    from schemathesis import GenerationMode
    from schemathesis.checks import not_a_server_error
    from schemathesis.core.failures import FailureGroup
    from schemathesis.specs.openapi.checks import (
        content_type_conformance,
        response_schema_conformance,
        status_code_conformance,
    )

    conformance = [status_code_conformance, content_type_conformance, response_schema_conformance]
    report = FuzzReport()
    pools = id_pools()

    def use_real_ids(case: Any, data: Any) -> None:
        """Random ids mostly miss (404); half the time, take a real one, so that the deeper code runs too."""
        for container in (case.path_parameters, case.query, case.body):
            if not isinstance(container, dict):
                continue
            for name, value in list(container.items()):
                pool = pools.get(name)
                if pool and isinstance(value, int) and data.draw(st.booleans()):
                    container[name] = data.draw(st.sampled_from(pool))

    def exercise(case: Any, data: Any) -> None:
        if case.meta is None or case.meta.generation.mode == GenerationMode.POSITIVE:
            use_real_ids(case, data)
        for role, token in tokens.items():
            headers = {"Authorization": f"Bearer {token}"}
            response = case.call(headers=headers)
            report.calls += 1
            report.statuses[response.status_code] += 1
            where = f"{role} {case.method} {case.formatted_path} {case.query or ''}"
            if response.status_code >= 500:
                report.server_errors += 1
                report.note(f"{where} → {response.status_code}: {response.text[:300]}")
                continue
            try:
                case.validate_response(response, checks=[not_a_server_error, *conformance], headers=headers)
            except (Exception, FailureGroup) as failure:  # the checks that failed
                report.schema_violations += 1
                reasons = [
                    " ".join(str(e).split("\n\n")[:2]).replace("\n", " ")[:200]
                    for e in getattr(failure, "exceptions", [failure])
                ]
                report.note(f"{where} → {response.status_code}: {' | '.join(reasons)} {response.text[:150]}")

    with _connections_kept_open():
        for result in schema.get_all_operations():
            operation = result.ok()
            for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
                strategy = operation.as_strategy(generation_mode=mode)
                test = settings(
                    max_examples=max_examples,
                    database=None,
                    deadline=None,
                    phases=[Phase.explicit, Phase.generate],
                    suppress_health_check=list(HealthCheck),
                )(given(case=strategy, data=st.data())(exercise))
                if seed is not None:
                    test = hypothesis_seed(seed)(test)
                test()
    return report
