"""The demo Department and its movements (the seed movement among them), built once per test that asks."""

import random

import pytest


@pytest.fixture
def seed_demo(db):
    from thidua.accounts.demo import build_users
    from thidua.movements.demo import SEED_CODE, build_movements
    from thidua.movements.models import Movement
    from thidua.organizations.demo import build_organizations, build_people

    rng = random.Random(2021)
    orgs = build_organizations()
    people = build_people(rng=rng, orgs=orgs, people=160, first_year=2021, last_year=2025)
    build_users(orgs=orgs)
    build_movements(rng=rng, orgs=orgs, people=people, first_year=2021, last_year=2025)
    return {"orgs": orgs, "seed": Movement.objects.get(code=SEED_CODE)}
