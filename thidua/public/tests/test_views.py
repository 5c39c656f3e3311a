"""The public site's pages: the route × role matrix (every public page answers anonymous readers; the office's
publish and withdraw buttons answer the agency's officer only), what appears and what never does, the honour
board's filters, search and order, the validators and cache headers, and pinned query counts."""

from __future__ import annotations

import html
import re

import pytest
from django.urls import reverse

from thidua.core.tests.route_matrix import RouteMatrix
from thidua.public import urls
from thidua.public.models import PublishedDecision

pytestmark = pytest.mark.django_db


def routes(world):
    d = world["d2024"]
    return {
        "home": ("get", "/cong-bo/", {}),
        "honour_board": ("get", "/cong-bo/bang-vang/", {}),
        "decision_list": ("get", "/cong-bo/quyet-dinh/", {}),
        "decision": ("get", f"/cong-bo/quyet-dinh/{d.pk}/", {}),
        "exemplary_list": ("get", "/cong-bo/dien-hinh/", {}),
        "exemplary_detail": ("get", f"/cong-bo/dien-hinh/{world['exemplary'].pk}/", {}),
        "open_data": ("get", "/cong-bo/du-lieu-mo/", {}),
        "awards_csv": ("get", "/cong-bo/du-lieu-mo/awards.csv", {}),
        "awards_json": ("get", "/cong-bo/du-lieu-mo/awards.json", {}),
        "schema": ("get", "/cong-bo/du-lieu-mo/schema.json", {}),
        "language": ("get", "/cong-bo/ngon-ngu/?lang=en&next=/cong-bo/", {}),
        # The unpublished decision: the officer publishes it, nobody else changes anything.
        "publish": ("post", f"/cong-bo/cong-bo-quyet-dinh/{world['unpublished'].pk}/", {}),
        "withdraw": ("post", f"/cong-bo/go-quyet-dinh/{d.pk}/", {}),
    }


PUBLIC = {
    "home",
    "honour_board",
    "decision_list",
    "decision",
    "exemplary_list",
    "exemplary_detail",
    "open_data",
    "awards_csv",
    "awards_json",
    "schema",
    "language",
}
MATRIX = RouteMatrix(
    urls=urls,
    routes=routes,
    allowed={"publish": {"officer"}, "withdraw": {"officer"}},
    public=PUBLIC,
)
(
    test_every_route_is_covered_and_declares_its_permission,
    test_anonymous_is_sent_to_login,
    test_route_permissions,
) = MATRIX.tests()


def _names(response) -> list[str]:
    html = response.content.decode()
    return [
        re.sub(r"\s+", " ", name).strip() for name in re.findall(r'data-testid="award-name">([^<]*)<', html)
    ]


def test_every_public_page_answers_an_anonymous_reader(client, world):
    for name in sorted(PUBLIC - {"language"}):
        response = client.get(routes(world)[name][1])
        assert response.status_code == 200, name


def test_honour_board_sorts_by_given_name_in_vietnamese_order(client, world):
    names = _names(client.get("/cong-bo/bang-vang/"))
    # Collectives sort by their name (Phòng …), people by given name: Anh < Ân < Bình < Dũng < Đức.
    assert names == [
        "Lê Văn Anh",
        "Phạm Thị Ân",
        "Đỗ Thị Bình",
        "Hoàng Văn Dũng",
        "Trần Minh Đức",
        "Phòng Quản lý khoa học",
    ]


def test_unpublished_revoked_and_withdrawn_decisions_never_appear(client, world):
    for url in (
        "/cong-bo/bang-vang/",
        "/cong-bo/quyet-dinh/",
        "/cong-bo/du-lieu-mo/awards.csv",
        "/cong-bo/du-lieu-mo/awards.json",
    ):
        body = b"".join(client.get(url).streaming_content) if url.endswith(("csv", "json")) else None
        text = body.decode() if body is not None else client.get(url).content.decode()
        for hidden in world["hidden_names"]:
            assert hidden not in text, (url, hidden)
        for number in ("303/QĐ-UBND", "404/QĐ-UBND", "505/QĐ-UBND"):
            assert number not in text, (url, number)
    for key in ("unpublished", "revoked", "withdrawn"):
        assert client.get(f"/cong-bo/quyet-dinh/{world[key].pk}/").status_code == 404, key


def test_revoking_a_published_decision_withdrew_it(world):
    publication = PublishedDecision.objects.get(decision=world["revoked"])
    assert publication.withdrawn_at is not None


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("nam=2023", ["Phạm Thị Ân", "Đỗ Thị Bình", "Hoàng Văn Dũng"]),
        ("nam=2024", ["Lê Văn Anh", "Trần Minh Đức", "Phòng Quản lý khoa học"]),
        ("q=duc", ["Trần Minh Đức"]),
        ("q=DO+THI", ["Đỗ Thị Bình"]),
        ("q=pham+an", ["Phạm Thị Ân"]),
        ("q=quan+ly+khoa", ["Phạm Thị Ân", "Hoàng Văn Dũng", "Phòng Quản lý khoa học"]),  # name or unit
        ("hinh-thuc=GIAY_KHEN", []),
        ("hinh-thuc=BANG_KHEN_TINH&nam=2023&q=dung", ["Hoàng Văn Dũng"]),
    ],
)
def test_honour_board_filters_and_search_without_diacritics(client, world, query, expected):
    assert _names(client.get(f"/cong-bo/bang-vang/?{query}")) == expected


def test_honour_board_filters_by_unit_and_its_sub_units(client, world):
    div_b = world["div_b"].pk
    assert _names(client.get(f"/cong-bo/bang-vang/?don-vi={div_b}")) == [
        "Phạm Thị Ân",
        "Hoàng Văn Dũng",
        "Phòng Quản lý khoa học",
    ]
    assert len(_names(client.get(f"/cong-bo/bang-vang/?don-vi={world['agency'].pk}"))) == 6


def test_search_does_not_match_a_staff_code(client, world):
    assert _names(client.get("/cong-bo/bang-vang/?q=NV-778899")) == []


def test_decision_page_lists_its_awardees_with_number_date_and_issuer(client, world):
    response = client.get(f"/cong-bo/quyet-dinh/{world['d2024'].pk}/")
    html = response.content.decode()
    assert _names(response) == ["Lê Văn Anh", "Trần Minh Đức", "Phòng Quản lý khoa học"]
    assert "101/QĐ-UBND" in html and "02/04/2025" in html and "Ủy ban nhân dân tỉnh Yên Bái" in html
    assert "quyet-dinh.pdf" not in html and "/media/" not in html


def _link(response, testid: str) -> str:
    """The link's address, or "" when the page has no such link."""
    found = re.search(rf'href="([^"]+)"[^>]*data-testid="{testid}"', response.content.decode())
    return html.unescape(found.group(1)) if found else ""


def test_honour_board_pages_by_keyset_forward_and_back(client, world, monkeypatch):
    monkeypatch.setattr("thidua.public.views.PAGE_SIZE", 4)
    first = client.get("/cong-bo/bang-vang/?nam=&q=")
    assert _names(first) == ["Lê Văn Anh", "Phạm Thị Ân", "Đỗ Thị Bình", "Hoàng Văn Dũng"]
    assert _link(first, "page-previous") == "" and _link(first, "page-first") == ""
    assert "6 khen thưởng" in first.content.decode()
    following = _link(first, "page-next")
    assert following and following.startswith("?nam=&q=&sau=")  # the filters ride along
    second = client.get("/cong-bo/bang-vang/" + following)
    assert _names(second) == ["Trần Minh Đức", "Phòng Quản lý khoa học"]
    assert _link(second, "page-next") == "" and _link(second, "page-first") == "?nam=&q="
    back = client.get("/cong-bo/bang-vang/" + _link(second, "page-previous"))
    assert _names(back) == _names(first) and _link(back, "page-previous") == ""


def test_honour_board_pages_keep_the_filter(client, world, monkeypatch):
    monkeypatch.setattr("thidua.public.views.PAGE_SIZE", 1)
    first = client.get("/cong-bo/bang-vang/?nam=2024")
    second = client.get("/cong-bo/bang-vang/" + _link(first, "page-next"))
    third = client.get("/cong-bo/bang-vang/" + _link(second, "page-next"))
    assert _names(first) + _names(second) + _names(third) == [
        "Lê Văn Anh",
        "Trần Minh Đức",
        "Phòng Quản lý khoa học",
    ]
    assert _link(third, "page-next") == ""


@pytest.mark.parametrize("cursor", ["sau=%%%", "sau=bm90IGpzb24", "truoc=WzEsMiwzXQ", "sau=WyJhIix0cnVlXQ"])
def test_a_cursor_that_is_not_ours_shows_the_first_page(client, world, cursor):
    response = client.get(f"/cong-bo/bang-vang/?{cursor}")
    assert response.status_code == 200 and _names(response)[0] == "Lê Văn Anh"


def test_cache_headers_etag_and_304(client, world, people):
    url = "/cong-bo/bang-vang/?nam=2024"
    response = client.get(url)
    assert response.status_code == 200
    assert "public" in response["Cache-Control"] and "max-age=300" in response["Cache-Control"]
    etag, modified = response["ETag"], response["Last-Modified"]
    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    # Another filter is another representation.
    assert client.get("/cong-bo/bang-vang/?nam=2023", HTTP_IF_NONE_MATCH=etag).status_code == 200
    # Withdrawing a decision changes both validators.
    from thidua.public import services

    services.decision_withdraw(actor=people["officer"], decision=world["d2023"])
    fresh = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert fresh.status_code == 200 and fresh["ETag"] != etag
    for name in ("awards_csv", "awards_json"):
        data = client.get(reverse(f"public:{name}"))
        assert "public" in data["Cache-Control"] and data.has_header("ETag"), name
        assert client.get(reverse(f"public:{name}"), HTTP_IF_NONE_MATCH=data["ETag"]).status_code == 304


def test_an_anonymous_page_is_rendered_once_per_state(client, world, people, django_assert_num_queries):
    url = "/cong-bo/bang-vang/?nam=2023"
    first = client.get(url).content
    with django_assert_num_queries(1):  # the state; the page comes from the cache
        again = client.get(url)
    assert again.content == first and again["ETag"] and "public" in again["Cache-Control"]
    assert "Phạm Thị Ân" in again.content.decode()
    from thidua.public import services

    services.decision_withdraw(actor=people["officer"], decision=world["d2023"])
    assert "Phạm Thị Ân" not in client.get(url).content.decode()  # a new state, a new page
    client.force_login(people["head_a"])
    with django_assert_num_queries(5):  # signed in: the session, the user, its roles, the state, the page
        client.get(url)


def test_a_signed_in_reader_gets_a_private_copy(client, world, people):
    client.force_login(people["head_a"])
    assert "private" in client.get("/cong-bo/bang-vang/")["Cache-Control"]


def test_the_public_shell_holds_no_csrf_token_nor_sets_a_cookie(client, world):
    response = client.get("/cong-bo/bang-vang/")
    assert "csrfmiddlewaretoken" not in response.content.decode()
    assert "csrftoken" not in response.cookies


def test_language_switch_sets_the_cookie_and_goes_back(client, world):
    response = client.get("/cong-bo/ngon-ngu/?lang=en&next=/cong-bo/bang-vang/")
    assert response.status_code == 302 and response["Location"] == "/cong-bo/bang-vang/"
    assert response.cookies["thidua_language"].value == "en"
    assert client.get("/cong-bo/ngon-ngu/?lang=en&next=https://evil.example/")["Location"] == "/cong-bo/"


def _rows(n: int, people, org_tree):
    """n more people of division A in one more published decision."""
    from thidua.public import services

    from .conftest import _person, register

    subjects = [("BANG_KHEN_TINH", _person(org_tree["div_a"], "Ngô", "Văn", f"Thêm{i}")) for i in range(n)]
    decision = register(people["officer"], org_tree["agency"], subjects, number=f"9{n}/QĐ-UBND")
    services.decision_publish(actor=people["officer"], decision=decision)


@pytest.mark.parametrize("extra", [0, 12])
def test_query_counts_do_not_grow_with_rows(
    client, world, people, org_tree, extra, django_assert_num_queries
):
    if extra:
        _rows(extra, people, org_tree)
    # The board: the state (1), the page (1), the count (1) and the filter options (2) the first time in this
    # state, the session-less shell (0); then the state and the page only, the rest from the cache.
    with django_assert_num_queries(5):
        assert client.get("/cong-bo/bang-vang/?nam=2024").status_code == 200
    with django_assert_num_queries(2):
        assert client.get("/cong-bo/bang-vang/?nam=2024&trang=").status_code == 200
    with django_assert_num_queries(3):  # another filter: its count once, the options still cached
        assert client.get("/cong-bo/bang-vang/?nam=2023").status_code == 200
    with django_assert_num_queries(3):  # the state, the count and the page
        assert client.get("/cong-bo/quyet-dinh/").status_code == 200
    with django_assert_num_queries(3):  # the state, the decision, its awardees
        assert client.get(f"/cong-bo/quyet-dinh/{world['d2024'].pk}/").status_code == 200
    with django_assert_num_queries(2):  # the state and the rows, streamed
        body = b"".join(client.get("/cong-bo/du-lieu-mo/awards.csv").streaming_content)
    assert body.count(b"\n") == 1 + 6 + extra
    etag = client.get("/cong-bo/quyet-dinh/")["ETag"]
    with django_assert_num_queries(1):  # a 304 costs the state only
        assert client.get("/cong-bo/quyet-dinh/", HTTP_IF_NONE_MATCH=etag).status_code == 304
