"""The setup part of the clusters' route × role matrix (combined in test_views.py): how to call each route of
views_setup.py with the world of tests/world.py, and which roles get through."""

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from thidua.core.tests.route_matrix import Route

from .conftest import YEAR
from .world import PDF

READERS = {"province_officer", "head_officer", "member_officer"}
PROVINCE = {"province_officer"}


def routes(world: dict[str, Any]) -> dict[str, Route]:
    cluster = world["cluster"]
    bloc = world["bloc"]
    draft = world["draft_table"]

    def url(name: str, *args: Any) -> str:
        return reverse(f"clusters:{name}", args=args)

    return {
        "index": ("get", url("index"), {}),
        "cluster_create": ("get", url("cluster_create"), {}),
        "cluster_detail": ("get", url("cluster_detail", cluster.pk), {"nam": YEAR}),
        "cluster_update": ("get", url("cluster_update", cluster.pk), {}),
        "member_add": ("get", url("member_add", cluster.pk), {}),
        "member_end": ("get", url("member_end", world["membership"].pk), {}),
        "rota_set": ("get", url("rota_set", cluster.pk), {"nam": YEAR}),
        "document_add": (
            "post",
            url("document_add", cluster.pk),
            {
                "kind": "minutes",
                "title": "Biên bản họp khối",
                "year": YEAR,
                "file": SimpleUploadedFile("bien-ban.pdf", PDF, content_type="application/pdf"),
            },
        ),
        "document_download": ("get", url("document_download", world["document"].pk), {}),
        "document_delete": ("post", url("document_delete", world["document"].pk), {}),
        "covenant_create": ("get", url("covenant_create", cluster.pk, YEAR - 1), {}),
        "covenant_detail": ("get", url("covenant_detail", world["covenant"].pk), {}),
        "covenant_update": ("get", url("covenant_update", world["covenant"].pk), {}),
        "target_add": (
            "post",
            url("target_add", world["covenant"].pk),
            {"text": "Giải ngân vốn đầu tư công đạt 95%", "measure": "95%"},
        ),
        "target_delete": ("post", url("target_delete", world["target"].pk), {}),
        "covenant_sign": ("get", url("covenant_sign", world["covenant"].pk), {}),
        "table_create": ("get", url("table_create", cluster.pk, YEAR), {}),
        "table_detail": ("get", url("table_detail", world["table"].pk), {}),
        "table_update": ("get", url("table_update", draft.pk), {}),
        "group_add": (
            "post",
            url("group_add", draft.pk),
            {"code": "III", "title": "Công tác khác", "max_points": "10", "version": draft.version},
        ),
        "group_update": ("get", url("group_update", world["group"].pk), {}),
        "group_delete": ("post", url("group_delete", world["group"].pk), {}),
        "criterion_add": (
            "post",
            url("criterion_add", world["group"].pk),
            {
                f"g{world['group'].pk}-code": "1.3",
                f"g{world['group'].pk}-title": "Chuyển đổi số",
                f"g{world['group'].pk}-kind": "standard",
                f"g{world['group'].pk}-max_points": "5",
            },
        ),
        "criterion_update": ("get", url("criterion_update", world["criterion"].pk), {}),
        "criterion_delete": ("post", url("criterion_delete", world["criterion"].pk), {}),
        "comment_add": (
            "post",
            url("comment_add", draft.pk),
            {"organization": bloc.members[0].pk, "text": "Đề nghị tăng điểm tiêu chí 1.2"},
        ),
        "table_transition": ("post", url("table_transition", draft.pk, "consult"), {}),
        "table_new_version": ("post", url("table_new_version", world["table"].pk), {}),
    }


ALLOWED: dict[str, set[str]] = {
    # An officer or a signing leader reads the list (empty when the agency is in no bloc).
    "index": READERS | {"outsider_officer", "other_province"},
    # Any province's officer sets the clusters of their own province (the other province's officer too, there).
    "cluster_create": PROVINCE | {"other_province"},
    "cluster_detail": READERS,
    "cluster_update": PROVINCE,
    "member_add": PROVINCE,
    "member_end": PROVINCE,
    "rota_set": PROVINCE,
    "document_download": READERS,
    # The decision of the division has no year: the province's office keeps it, not the year's head.
    "document_delete": PROVINCE,
    "covenant_detail": READERS,
    "table_detail": READERS,
    # A comment is given by a member in its own name (A's officer for A; the head's officer speaks for B only,
    # so the world's POST naming A is refused to it by the form).
    "comment_add": {"member_officer", "head_officer"},
}
