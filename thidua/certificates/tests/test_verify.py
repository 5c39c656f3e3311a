"""The public verification page: what a certificate shows and nothing private, the same 404 for every miss (unknown
code, a draft's, a proposal's), revoked awards shown as revoked, the throttle on misses, the cache headers, the
typed-code form, and the registry's link from each award to its page."""

from __future__ import annotations

import dataclasses
import re

import pytest
from django.test import Client
from django.urls import reverse

from thidua.certificates import selectors, services
from thidua.certificates.models import PrintedCertificate
from thidua.certificates.selectors import PublicCertificate
from thidua.commendations.models import AwardRecord, AwardStatus
from thidua.core.registry import registry
from thidua.decisions.models import Decision, DecisionKind, DecisionLine, DecisionStatus
from thidua.organizations.models import Person

from .conftest import AMOUNT, BIRTH, NUMBER, STAFF_CODE

pytestmark = pytest.mark.django_db

# Everything the page may show: the printed certificate's fields and whether it still holds.
PUBLIC_FIELDS = {
    "awardee_name",
    "unit",
    "form",
    "achievement_year",
    "decision_number",
    "decision_date",
    "deciding_body",
    "valid",
    "status",
    "revoked_by",
    "serials",
}


def _url(line) -> str:
    return reverse("certificates:verify", args=[line.verify_code])


def _without_tokens(html: str) -> str:
    """The page without its per-request CSRF tokens and the language switch's return address (the visitor's own
    address): what may differ between two answers that say the same."""
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
    html = re.sub(r'name="next" type="hidden" value="[^"]+"', "", html)
    return re.sub(r'"X-CSRFToken": "[^"]+"', "", html)


def test_the_page_shows_what_the_certificate_shows(client, decision):
    line = decision.lines.get(position=1)
    response = client.get(_url(line))
    assert response.status_code == 200
    text = response.content.decode()
    for expected in (
        "Nguyễn Thị Hằng",
        "Văn phòng Sở",
        "Giấy khen",
        "2024",
        NUMBER,
        "20/03/2025",
        "Sở Khoa học và Công nghệ tỉnh Yên Bái",
        "Có hiệu lực",
    ):
        assert expected in text, expected
    assert "Đã bị hủy bỏ" not in text


def test_only_the_printed_fields_reach_the_page_and_nothing_private(client, decision):
    line = decision.lines.get(position=1)
    person = line.person
    assert person.staff_code == STAFF_CODE and person.date_of_birth == BIRTH and line.amount == AMOUNT
    response = client.get(_url(line))
    # The template gets a plain record of the printed fields, not the line, the person or the award.
    shown = response.context["certificate"]
    assert isinstance(shown, PublicCertificate)
    assert {f.name for f in dataclasses.fields(PublicCertificate)} == PUBLIC_FIELDS
    values = [value for context in response.context for layer in context.dicts for value in layer.values()]
    private_types = (DecisionLine, Decision, Person, AwardRecord)
    assert not [value for value in values if isinstance(value, private_types)]
    text = response.content.decode()
    for private in (
        STAFF_CODE,
        BIRTH.strftime("%d/%m/%Y"),
        BIRTH.isoformat(),
        str(BIRTH.year),
        "1.490.000",
        str(AMOUNT),
        line.achievement,
        person.get_sex_display(),
    ):
        assert private not in text, private
    # A collective's page shows its name and its parent, as its certificate does.
    collective = decision.lines.get(organization__isnull=False)
    text = client.get(_url(collective)).content.decode()
    assert "Phòng Quản lý khoa học" in text and "Tập thể lao động tiên tiến" in text


def test_every_miss_is_the_same_404(client, make_decision, awardees, decision):
    draft = make_decision([(awardees[0], "CSTDCS")], status=DecisionStatus.DRAFT)
    submitted = make_decision([(awardees[1], "CSTDCS")], status=DecisionStatus.SIGNED, number="46/QĐ-SKHCN")
    proposal = make_decision(
        [(awardees[2], "BANG_KHEN_TINH")],
        kind=DecisionKind.PROPOSAL,
        number="12/TTr-SKHCN",
        with_awards=False,
    )
    pages = []
    for code in (
        "Zz9-unknown_0",
        draft.lines.get().verify_code,
        submitted.lines.get().verify_code,
        proposal.lines.get().verify_code,
    ):
        response = client.get(reverse("certificates:verify", args=[code]))
        assert response.status_code == 404, code
        assert "no-store" in response["Cache-Control"] and "public" not in response["Cache-Control"]
        pages.append(_without_tokens(response.content.decode()))
    assert len(set(pages)) == 1
    assert "Không tìm thấy giấy khen nào có mã xác minh này" in pages[0]
    # The line of an issued decision is found.
    assert client.get(_url(decision.lines.first())).status_code == 200


def test_a_revoked_decision_or_award_is_shown_revoked(client, decision, make_decision, make_person, tree):
    line = decision.lines.get(position=1)
    assert line.award is not None
    AwardRecord.objects.filter(pk=line.award.pk).update(status=AwardStatus.REVOKED)
    text = client.get(_url(line)).content.decode()
    assert "Đã bị hủy bỏ" in text and "Có hiệu lực" not in text

    revoked = make_decision([(make_person(tree["div_b"], "Tú"), "GIAY_KHEN")], status=DecisionStatus.REVOKED)
    revoked.revoking_number, revoked.revoking_date = "60/QĐ-SKHCN", revoked.decided_on.replace(month=6)
    revoked.save()
    response = client.get(_url(revoked.lines.get()))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Đã bị hủy bỏ" in text and "60/QĐ-SKHCN" in text and "20/06/2025" in text


def test_misses_are_throttled_per_address_and_then_every_code_is_refused(client, decision, settings):
    settings.THIDUA_CERTIFICATES_VERIFY_MISSES_PER_HOUR = 3
    good = _url(decision.lines.first())
    for i in range(3):
        assert client.get(reverse("certificates:verify", args=[f"Guess-{i:08d}"])).status_code == 404
    # Past the limit, a right code is refused too: the answer says nothing about which codes exist.
    for url in (good, reverse("certificates:verify", args=["Guess-99999999"])):
        response = client.get(url)
        assert response.status_code == 429
        assert "tạm dừng" in response.content.decode()
        assert "no-store" in response["Cache-Control"]
        assert response["Retry-After"] == "3600"
    # Another address is not affected.
    other = Client(REMOTE_ADDR="203.0.113.9")
    assert other.get(good).status_code == 200


def _cache_control(response) -> set[str]:
    return {part.strip() for part in response["Cache-Control"].split(",")}


def test_hits_are_cacheable_by_anyone_and_a_logged_in_page_by_its_browser_only(
    client, decision, people, settings
):
    response = client.get(_url(decision.lines.first()))
    assert {"public", "max-age=300"} <= _cache_control(response)
    settings.THIDUA_CERTIFICATES_VERIFY_MAX_AGE = 60
    response = client.get(_url(decision.lines.first()))
    assert "max-age=60" in _cache_control(response)
    client.force_login(people["officer"])
    response = client.get(_url(decision.lines.first()))
    assert response.status_code == 200
    assert {"private", "max-age=60"} <= _cache_control(response) and "public" not in _cache_control(response)


def test_the_lookup_is_two_queries_and_shows_the_current_serial_only(
    client, decision, people, django_assert_num_queries
):
    line = decision.lines.get(position=1)
    with django_assert_num_queries(2):
        found = selectors.verification_get(line.verify_code)
    assert found is not None and found.serials == ()
    for _run in range(2):  # printed, then reprinted: the first number is replaced
        services.print_run_create(actor=people["officer"], decision=decision, lines=[line], template=None)
    current = PrintedCertificate.objects.get(line=line, replaced_by__isnull=True)
    old = PrintedCertificate.objects.get(line=line, replaced_by__isnull=False)
    text = client.get(_url(line)).content.decode()
    assert current.serial in text and old.serial not in text


def test_the_typed_code_leads_to_its_page(client, decision):
    line = decision.lines.first()
    form = reverse("certificates:verify_form")
    assert client.get(form).status_code == 200
    spaced = " ".join(line.verify_code[i : i + 4] for i in range(0, len(line.verify_code), 4))
    response = client.get(form, {"ma": f"  {spaced} "})
    assert response.status_code == 302 and response["Location"] == _url(line)
    response = client.get(form, {"ma": f"https://thidua.example.gov.vn/xac-minh/{line.verify_code}/"})
    assert response["Location"] == _url(line)
    response = client.get(form, {"ma": "mã sai!"})
    assert response.status_code == 200
    assert "Mã xác minh gồm 6 đến 32 chữ cái không dấu" in response.content.decode()
    response = client.get(form, {"ma": ""})
    assert response.status_code == 200 and "Trường này là bắt buộc" in response.content.decode()


def test_each_award_of_an_issued_decision_links_to_its_page_in_one_query(
    decision, make_decision, make_person, tree, django_assert_num_queries
):
    assert selectors.award_verify_links in registry.award_link_list
    draft = make_decision([(make_person(tree["div_a"], "Quý"), "GIAY_KHEN")], status=DecisionStatus.DRAFT)
    assert draft.lines.get().award is None
    awards = list(AwardRecord.objects.all())
    unrelated = AwardRecord.objects.create(code="LDTT", person=awards[0].person, year=2023)
    awards.append(unrelated)
    with django_assert_num_queries(1):
        links = selectors.award_verify_links(awards)
    merged = registry.links_for_awards(awards)  # with the other apps' links (the decision's file, ...)
    assert all(set(items) <= set(merged[award_id]) for award_id, items in links.items())
    lines = {line.award_id: line for line in decision.lines.exclude(award__isnull=True)}
    assert len(lines) == 3
    for award_id, line in lines.items():
        assert ("Trang xác minh", _url(line)) in links[award_id]
    assert unrelated.pk not in links
