"""The scoring part of the clusters' route × role matrix (combined in test_views.py): how to call each route of
views_scoring.py with the world of tests/world.py, and which roles get through.

Whoever reads the cluster (the province's officer, the year's head B, the member A) reads its rounds, ranking and
votes; an agency outside the bloc and another province's officer get 404, A's staff (no officer or signer role)
403. A card is opened by its scorer (A's officer for A's self card), the year's head and the province's officer;
it is written by its scorer only (the province's officer oversees but never speaks for a member). The head's
actions (a round's settings and steps, the vote, the proposal) are the head's officer's and the province's
officer's.

The world has no evidence file: `routes` attaches one to A's self card of the mid-year round (as A's officer)."""

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from thidua.clusters import services
from thidua.core.tests.route_matrix import Route
from thidua.core.uploads import upload_check

from .conftest import YEAR
from .world import PDF

READERS = {"province_officer", "head_officer", "member_officer"}
HEAD = {"province_officer", "head_officer"}
SCORER = {"member_officer"}


def routes(world: dict[str, Any]) -> dict[str, Route]:
    bloc = world["bloc"]
    mid = world["mid_round"]
    closed = world["closed_round"]
    card = world["own_card"]
    vote = world["vote"]
    evidence = services.evidence_add(
        actor=bloc.officers["A"],
        card=card,
        title="Báo cáo kết quả 6 tháng",
        upload=upload_check(data=PDF, name="bao-cao.pdf"),
    )

    def url(name: str, *args: Any) -> str:
        return reverse(f"clusters:{name}", args=args)

    return {
        "agency_view": ("get", url("agency_view"), {}),
        "round_create": ("get", url("round_create", world["cluster"].pk), {"nam": YEAR}),
        "round_detail": ("get", url("round_detail", mid.pk), {}),
        "round_update": ("get", url("round_update", mid.pk), {}),
        # Not every self card is in: the step is refused with a message (the page comes back).
        "round_transition": ("post", url("round_transition", mid.pk, "peer"), {}),
        "ranking": ("get", url("ranking", closed.pk), {}),
        "card_detail": ("get", url("card_detail", card.pk), {}),
        # A's card lacks scores: refused with a message to A's officer; the head may not send A's card (403).
        "card_transition": ("post", url("card_transition", card.pk, "submit"), {}),
        "evidence_add": (
            "post",
            url("evidence_add", card.pk),
            {
                "title": "Kế hoạch cải cách hành chính",
                "file": SimpleUploadedFile("ke-hoach.pdf", PDF, content_type="application/pdf"),
            },
        ),
        "evidence_download": ("get", url("evidence_download", evidence.pk), {}),
        "evidence_delete": ("post", url("evidence_delete", evidence.pk), {}),
        # The closed round already has its vote: the head is sent to it.
        "vote_create": ("get", url("vote_create", closed.pk), {}),
        "vote_detail": ("get", url("vote_detail", vote.pk), {}),
        "vote_open": ("post", url("vote_open", vote.pk), {}),
        # The vote is not open yet: a member's representative is told so (the province speaks for no member).
        "vote_cast": ("post", url("vote_cast", vote.pk), {"member": bloc.members[0].pk, "choice": "agree"}),
        "vote_close": ("post", url("vote_close", vote.pk), {"tally_code": "khong-dung"}),
        "vote_tally": ("post", url("vote_tally", vote.pk), {"minutes": ""}),
        "vote_record": ("post", url("vote_record", vote.pk), {"agree": 4, "disagree": 0, "abstain": 0}),
        "proposal_create": ("get", url("proposal_create", world["old_round"].pk), {}),
        "proposal_send": ("post", url("proposal_send", world["proposal"].pk), {}),
    }


ALLOWED: dict[str, set[str]] = {
    # An officer or a signing leader opens the page (it says so when the agency is in no bloc).
    "agency_view": READERS | {"outsider_officer", "other_province"},
    "round_create": HEAD,
    "round_detail": READERS,
    "round_update": HEAD,
    "round_transition": HEAD,
    "ranking": READERS,
    "card_detail": READERS,
    "card_transition": SCORER,
    "evidence_add": SCORER,
    "evidence_download": READERS,
    "evidence_delete": SCORER,
    "vote_create": HEAD,
    "vote_detail": READERS,
    "vote_open": HEAD,
    # A member's representative (A's officer for A, the head's officer for B).
    "vote_cast": {"member_officer", "head_officer"},
    "vote_close": HEAD,
    "vote_tally": HEAD,
    "vote_record": HEAD,
    "proposal_create": HEAD,
    "proposal_send": HEAD,
}
