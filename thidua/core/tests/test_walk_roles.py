"""Every demo role walks the pages it can reach, as a user would: no server error, no link to a page that answers
404, and no internal code in the visible text (titles, award tracks, statuses and rule-set ids are shown by name;
codes belong in tooltips, exports' code columns and the API).

The walk visits one page per route and query shape (the 30th person page says nothing the 1st did not), so every
kind of page a role reaches is read in a few hundred requests.
"""

import re
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urljoin, urlparse

import pytest
from django.test import Client
from django.urls import Resolver404, resolve

from thidua.core.tests.demo_fixtures import demo_once

ROLES = [
    "vanphong",
    "truongphong",
    "nhanvien",
    "giamdoc",
    "admin",
    "hoidong",
    "thuky",
    "congdoan",
    "doanthanhnien",
]
SKIP = re.compile(
    r"(dang-xuat|/xoa/|huy-bo|/i18n/|\.(pdf|docx|xlsx|zip|csv|png|jpg|svg|js|css)(\?|$)|/api/|/quan-tri/|/static/)"
)
CODE = re.compile(
    r"\b(LDTT|CSTDCS|CSTD_TINH|CSTD_TOAN_QUOC|TTLDTT|TTLDXS|CO_TINH|CO_CHINH_PHU|BANG_KHEN_TINH|BANG_KHEN_TTG|"
    r"HCLD_[123]|GIAY_KHEN|not_sent|returned|accepted|cong_trang|chuyen_de|dot_xuat|nien_han|cong_hien|doi_ngoai|"
    r"luat-[0-9a-z+-]+|needs_council_judgement|one_step_away|not_eligible|eligible)\b"
)


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.links: list[str] = []
        self._hidden = 0
        self._code = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "template"):
            self._hidden += 1
        if tag in ("abbr", "code", "kbd"):  # a code shown as a code, its name beside it
            self._code += 1
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.links.append(href)

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template") and self._hidden:
            self._hidden -= 1
        if tag in ("abbr", "code", "kbd") and self._code:
            self._code -= 1

    def handle_data(self, data):
        if not self._hidden and not self._code and data.strip():
            self.text.append(data.strip())


def _shape(path: str) -> tuple:
    url = urlparse(path)
    try:
        name = resolve(url.path).view_name
    except Resolver404:
        name = url.path
    return name, tuple(sorted(key for key, value in parse_qsl(url.query) if value))


def _walk(client: Client, username: str, limit: int = 120) -> list[str]:
    problems: list[str] = []
    queue, seen_paths = [("/", "/")], set()
    seen_shapes: set[tuple[str, tuple[str, ...]]] = set()
    while queue and len(seen_shapes) < limit:
        path, source = queue.pop(0)
        shape = _shape(path)
        if path in seen_paths or shape in seen_shapes:
            continue
        seen_paths.add(path)
        seen_shapes.add(shape)
        response = client.get(path)
        if response.status_code >= 500:
            problems.append(f"{username}: {response.status_code} on {path}")
            continue
        if response.status_code == 404:
            problems.append(f"{username}: link to {path} answers 404 (on {source})")
            continue
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        page = _Page()
        page.feed(response.content.decode())
        codes = sorted(set(CODE.findall(" ".join(page.text))))
        if codes:
            problems.append(f"{username}: codes on {path}: {', '.join(codes[:6])}")
        for href in page.links:
            url = urlparse(urljoin("http://testserver" + path, href))
            target = url.path + ("?" + url.query if url.query else "")
            if url.netloc == "testserver" and not SKIP.search(target):
                queue.append((target, path))
    return problems


demo = demo_once()


@pytest.mark.parametrize("username", ROLES)
def test_each_role_walks_its_pages_without_errors_broken_links_or_codes(demo, db, username):
    client = Client()
    assert client.login(username=username, password="Thidua@2025")
    problems = _walk(client, username)
    assert problems == [], "\n".join(problems)
