from thidua.exchange.tests.conftest import facts_world  # noqa: F401
