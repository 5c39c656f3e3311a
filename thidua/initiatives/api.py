"""API of initiatives: scoped list (one item per author, as in the Excel template) and bulk upsert by code."""

from ninja import Router

from thidua.exchange.api import add_fact_routes

router = Router(tags=["initiatives"])
add_fact_routes(router, "initiatives", "/initiatives")
