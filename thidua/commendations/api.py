"""API of the award registry: scoped list and bulk upsert by (code, person or unit, year, track)."""

from ninja import Router

from thidua.exchange.api import add_fact_routes

router = Router(tags=["commendations"])
add_fact_routes(router, "awards", "/awards")
