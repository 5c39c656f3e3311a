"""Reuse the movement fixtures (a movement in `org_tree`, people with roles) in the documents tests."""

import random

import pytest

from thidua.movements.tests.conftest import launched, make_movement, people, report_cycle, signer  # noqa: F401


@pytest.fixture
def seed_demo(db):
    from thidua.accounts.demo import build_users
    from thidua.movements.demo import SEED_CODE, build_movements
    from thidua.movements.models import Movement
    from thidua.organizations.demo import build_organizations, build_people

    rng = random.Random(2021)
    orgs = build_organizations()
    persons = build_people(rng=rng, orgs=orgs, people=160, first_year=2021, last_year=2025)
    build_users(orgs=orgs)
    build_movements(rng=rng, orgs=orgs, people=persons, first_year=2021, last_year=2025)
    return {"orgs": orgs, "seed": Movement.objects.get(code=SEED_CODE)}
