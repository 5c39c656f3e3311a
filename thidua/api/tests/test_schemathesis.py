"""The API keeps its own contract: schemathesis sends generated requests (valid and invalid) to every operation
of /api/v1/openapi.json with the tokens of an officer and of a unit head of the demo data, and no answer is a
5xx, has an undeclared status or breaks the declared schema. A small budget here; `make fuzz-api` runs a long one.
"""

import time

import pytest
from django.core.management import call_command

from thidua.accounts.models import ApiToken, User
from thidua.api import fuzz

pytestmark = pytest.mark.django_db

ROLES = {"officer": "vanphong", "unit_head": "truongphong"}


@pytest.fixture
def demo_tokens():
    call_command("seed_demo", people=20, years=2, seed=7, verbosity=0)
    return {
        role: ApiToken.issue(user=User.objects.get(username=name), name="fuzz")[1]
        for role, name in ROLES.items()
    }


def test_api_answers_every_generated_request_within_its_declared_contract(demo_tokens):
    started = time.perf_counter()
    schema = fuzz.load_schema(User.objects.get(username=ROLES["officer"]))
    report = fuzz.run(schema, demo_tokens, max_examples=6)
    print(report.summary(), f"in {time.perf_counter() - started:.1f} s")
    assert report.calls > 800
    assert (report.server_errors, report.schema_violations) == (0, 0), "\n".join(report.examples)
