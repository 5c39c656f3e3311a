"""The catalogue pages render the rules engine's catalogue: every title and form by name, with who decides, its
legal basis and the eras it applies in, grouped by recipient kind (a household gets the forms the law gives it);
codes only in tooltips and <code>, never in the visible text."""

import re
from html import unescape
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import timezone

from thidua.accounts.models import Role
from thidua.catalogues import catalogue
from thidua.core.codes import AwardCode
from thidua.rules.engine import codes as engine
from thidua.rules.engine.config import RuleConfig
from thidua.rules.engine.eras import RULE_SETS
from thidua.rules.engine.evaluate import RULE_SETS as RULE_TABLES

pytestmark = pytest.mark.django_db

CODES = re.compile(
    r"\b("
    + "|".join(sorted(engine.CATALOGUE, key=len, reverse=True))
    + r"|E[123]|luat-[0-9a-z+-]+|cong_trang|chuyen_de|dot_xuat|nien_han|cong_hien|doi_ngoai|khang_chien"
    + r"|co_so|chinh_phu|nha_nuoc|individual|collective|household|in_force|lapsed|partly_lapsed)\b"
)


class _Visible(HTMLParser):
    """The text a reader sees: not scripts, attributes, nor what is shown as a code (<code>, <abbr>, <kbd>)."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "template", "code", "abbr", "kbd"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template", "code", "abbr", "kbd") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip and data.strip():
            self.parts.append(data.strip())


def visible_text(response) -> str:
    parser = _Visible()
    parser.feed(response.content.decode())
    return " ".join(parser.parts)


@pytest.fixture
def officer_client(client, make_user, org_tree):
    client.force_login(make_user(Role.OFFICER, org_tree["agency"], include_subunits=True))
    return client


def _page(client, name, *args):
    response = client.get(reverse(f"catalogues:{name}", args=args))
    assert response.status_code == 200
    return response, unescape(visible_text(response))


def test_the_titles_page_lists_every_title_of_the_engine_with_who_decides_its_basis_and_era(officer_client):
    response, text = _page(officer_client, "titles")
    html = unescape(response.content.decode())
    for code, award in engine.CATALOGUE.items():
        assert str(AwardCode(code).label) in text, code
        assert award.decided_by in text, code
        assert award.authority_basis in text, code
        assert f'title="Mã: {code}"' in html, code  # the code in a tooltip
        # Criteria of the era in force, from the engine's own legal bases.
        current = next(
            t for t in catalogue.titles(RuleConfig.defaults(), today=timezone.localdate()) if t.code == code
        )
        assert current.current_criteria is not None
        for basis in current.current_criteria.basis:
            assert basis in text, (code, basis)
    for rule_set in RULE_SETS.values():
        assert rule_set.name_vi in text
    assert "đang áp dụng" in text
    assert not CODES.findall(text), CODES.findall(text)


def test_titles_are_grouped_by_recipient_kind_and_a_household_gets_only_its_forms(officer_client):
    groups = catalogue.titles_by_recipient(RuleConfig.defaults(), today=timezone.localdate())
    by_kind = {g["kind"]: [t.code for level in g["levels"] for t in level["titles"]] for g in groups}
    assert set(by_kind[engine.INDIVIDUAL]) == {
        c for c, a in engine.CATALOGUE.items() if engine.INDIVIDUAL in a.subject_kinds
    }
    assert set(by_kind[engine.COLLECTIVE]) == {
        c for c, a in engine.CATALOGUE.items() if engine.COLLECTIVE in a.subject_kinds
    }
    assert by_kind[catalogue.HOUSEHOLD] == [
        "GIAY_KHEN",
        "BANG_KHEN_TINH",
        "BANG_KHEN_TTG",
    ]  # lowest level first
    _response, text = _page(officer_client, "titles")
    assert text.index("Cá nhân") < text.index("Tập thể") < text.index("Hộ gia đình")


@pytest.mark.parametrize("code", sorted(engine.CATALOGUE))
def test_a_title_page_gives_its_criteria_basis_in_every_era_it_applies_in(officer_client, code):
    _response, text = _page(officer_client, "title_detail", code)
    assert str(AwardCode(code).label) in text
    for era, (rules, basis) in RULE_TABLES.items():
        if code not in rules:
            continue
        assert RULE_SETS[era].name_vi in text
        for key in catalogue.CRITERIA_KEYS[code]:
            assert basis[key] in text, (era, key)
    assert not CODES.findall(text), CODES.findall(text)


def test_every_code_of_the_engine_has_its_criteria_keys():
    assert set(catalogue.CRITERIA_KEYS) == set(engine.CATALOGUE)
    for _era, (_rules, basis) in RULE_TABLES.items():
        for keys in catalogue.CRITERIA_KEYS.values():
            assert set(keys) <= set(basis)


def test_an_unknown_title_answers_404(officer_client):
    assert officer_client.get(reverse("catalogues:title_detail", args=["KHONG_CO"])).status_code == 404


def test_the_era_periods_follow_the_configuration(officer_client):
    _response, text = _page(officer_client, "titles")
    assert "Thành tích các năm 2017–2023" in text
    assert "Từ 01/01/2024 đến 30/06/2025" in text
    assert "Từ 01/07/2025" in text


def test_the_tracks_page_names_every_track_with_its_basis_and_resistance_war_files(officer_client):
    _response, text = _page(officer_client, "tracks")
    for code in engine.TRACKS:
        assert str(catalogue.TRACK_NAMES[code]) in text
    assert "Kháng chiến" in text
    assert "chỉ ghi nhận" in text
    for _rules, basis in RULE_TABLES.values():
        assert basis["track"] in text
    assert not CODES.findall(text), CODES.findall(text)


def test_the_recipient_classes_page_lists_the_classes_by_kind(officer_client):
    _response, text = _page(officer_client, "recipients")
    for recipient_class in catalogue.RECIPIENT_CLASSES:
        assert str(recipient_class.name) in text
    assert "0601–0605" in text
    assert "cần xác minh" in text
    assert not CODES.findall(text), CODES.findall(text)


def test_the_menu_offers_the_catalogues(officer_client):
    html = officer_client.get(reverse("core:home")).content.decode()
    for name in ("titles", "tracks", "recipients", "legal_list"):
        assert f'href="{reverse(f"catalogues:{name}")}"' in html
