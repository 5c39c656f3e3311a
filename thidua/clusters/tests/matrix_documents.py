"""The documents part of the clusters' route × role matrix (combined in test_views.py): how to call each route of
views_documents.py with the world of tests/world.py, and which roles get through.

Whoever reads the cluster reads its documents: the province's officer, the year's head and the members' officers
(A's). An agency of the province outside the bloc and another province's officer get 404; A's staff (no officer
or signer role) 403."""

from typing import Any

from django.urls import reverse

from thidua.core.tests.route_matrix import Route

READERS = {"province_officer", "head_officer", "member_officer"}


def routes(world: dict[str, Any]) -> dict[str, Route]:
    covenant = world["covenant"].pk
    table = world["table"].pk
    closed = world["closed_round"].pk
    vote = world["old_vote"].pk
    return {
        "covenant_docx": ("get", reverse("clusters:covenant_docx", args=[covenant]), {}),
        "covenant_pdf": ("get", reverse("clusters:covenant_pdf", args=[covenant]), {}),
        "table_docx": ("get", reverse("clusters:table_docx", args=[table]), {}),
        "ranking_xlsx": ("get", reverse("clusters:ranking_xlsx", args=[closed]), {}),
        "review_docx": ("get", reverse("clusters:review_docx", args=[closed]), {}),
        "review_pdf": ("get", reverse("clusters:review_pdf", args=[closed]), {}),
        "chart_png": ("get", reverse("clusters:chart_png", args=[closed, "radar"]), {}),
        "vote_minutes_docx": ("get", reverse("clusters:vote_minutes_docx", args=[vote]), {}),
        "vote_minutes_pdf": ("get", reverse("clusters:vote_minutes_pdf", args=[vote]), {}),
    }


ALLOWED: dict[str, set[str]] = dict.fromkeys(
    (
        "covenant_docx",
        "covenant_pdf",
        "table_docx",
        "ranking_xlsx",
        "review_docx",
        "review_pdf",
        "chart_png",
        "vote_minutes_docx",
        "vote_minutes_pdf",
    ),
    READERS,
)
