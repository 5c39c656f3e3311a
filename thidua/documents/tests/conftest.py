"""Reuse the movement fixtures (a movement in `org_tree`, people with roles) in the documents tests."""

from thidua.movements.tests.conftest import launched, make_movement, people, report_cycle, signer  # noqa: F401
