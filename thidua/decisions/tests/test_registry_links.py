"""The documents of decision-written awards on the registry pages (`registry_links.award_links`): the signed PDF of
an award decision, the scan of an external one, the revoking decision, one query for a whole page of awards."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.http import HttpResponse
from django.test import override_settings
from django.urls import include, path

from thidua.commendations.models import AwardRecord
from thidua.core.registry import registry
from thidua.decisions import registry_links
from thidua.decisions.models import Decision, DecisionKind, DecisionLine, DecisionStatus
from thidua.organizations.models import Person

pytestmark = pytest.mark.django_db


def _page(request, pk):  # pragma: no cover - never called: the URL confs below only name routes
    return HttpResponse()


class PdfAndDetail:
    """A URL conf with the decisions pages' two routes (as the pages module will declare them)."""

    urlpatterns = [
        path(
            "",
            include(
                (
                    [
                        path("qd/<int:pk>/", _page, name="decision_detail"),
                        path("qd/<int:pk>/pdf/", _page, name="decision_pdf"),
                    ],
                    "decisions",
                )
            ),
        )
    ]


class DetailOnly:
    urlpatterns = [path("", include(([path("qd/<int:pk>/", _page, name="decision_detail")], "decisions")))]


class Nothing:
    urlpatterns: list = []


@pytest.fixture
def world(org_tree):
    agency = org_tree["agency"]
    people = [
        Person.objects.create(family_name="Nguyễn", given_name=name, sex="M", staff_code=f"R{i}")
        for i, name in enumerate(("An", "Bình", "Chi", "Dũng"))
    ]

    def decision(number: str, **extra) -> Decision:
        return Decision.objects.create(
            agency=agency, year=2024, title="Khen thưởng năm 2024", number_symbol=number, **extra
        )

    signed = decision("15/QĐ-SKHCN", status=DecisionStatus.ISSUED)
    signed.signed_pdf.save("qd-15.pdf", ContentFile(b"%PDF-1.7"), save=True)
    external = decision("300/QĐ-UBND", kind=DecisionKind.EXTERNAL, status=DecisionStatus.ISSUED)
    external.scan.save("qd-300.pdf", ContentFile(b"%PDF-1.4 scan"), save=True)
    revoked = decision(
        "16/QĐ-SKHCN",
        status=DecisionStatus.REVOKED,
        revoking_number="40/QĐ-SKHCN",
        revoking_date=date(2025, 6, 2),
    )
    awards = {}
    for key, person, dec, code in (
        ("signed", people[0], signed, "CSTDCS"),
        ("external", people[1], external, "BANG_KHEN_TINH"),
        ("revoked", people[2], revoked, "LDTT"),
    ):
        award = AwardRecord.objects.create(
            code=code, person=person, year=2024, decision_number=dec.number_symbol
        )
        DecisionLine.objects.create(
            decision=dec, person=person, code=code, year=2024, subject_name=person.full_name, award=award
        )
        awards[key] = award
    awards["by_hand"] = AwardRecord.objects.create(code="LDTT", person=people[3], year=2024)
    return {"awards": awards, "signed": signed, "external": external, "revoked": revoked}


@override_settings(ROOT_URLCONF=PdfAndDetail)
def test_each_decision_written_award_links_its_decisions_file(world, django_assert_num_queries):
    awards = world["awards"]
    with django_assert_num_queries(1):
        links = registry_links.award_links(list(awards.values()))
    assert links[awards["signed"].pk] == [
        ("Quyết định số 15/QĐ-SKHCN (bản ký số)", f"/qd/{world['signed'].pk}/pdf/")
    ]
    assert links[awards["external"].pk] == [
        ("Quyết định số 300/QĐ-UBND (bản chụp)", f"/qd/{world['external'].pk}/pdf/")
    ]
    assert links[awards["revoked"].pk] == [
        ("Quyết định số 16/QĐ-SKHCN", f"/qd/{world['revoked'].pk}/"),
        ("Bị hủy bỏ theo Quyết định số 40/QĐ-SKHCN ngày 02/06/2025", ""),
    ]
    assert awards["by_hand"].pk not in links  # recorded by hand: no decision in the system


@override_settings(ROOT_URLCONF=DetailOnly)
def test_without_the_pdf_page_the_link_falls_back_to_the_decisions_page(world):
    links = registry_links.award_links([world["awards"]["signed"]])
    assert links == {
        world["awards"]["signed"].pk: [
            ("Quyết định số 15/QĐ-SKHCN (bản ký số)", f"/qd/{world['signed'].pk}/")
        ]
    }


@override_settings(ROOT_URLCONF=Nothing)
def test_without_the_decisions_pages_the_label_stays_without_a_link(world):
    links = registry_links.award_links([world["awards"]["external"]])
    assert links == {world["awards"]["external"].pk: [("Quyết định số 300/QĐ-UBND (bản chụp)", "")]}


def test_a_page_of_many_awards_costs_one_query_and_none_costs_nothing(world, django_assert_num_queries):
    signed = world["signed"]
    extra = []
    for i in range(30):
        person = Person.objects.create(family_name="Lê", given_name=f"Tên {i}", sex="F", staff_code=f"Q{i}")
        award = AwardRecord.objects.create(code="LDTT", person=person, year=2024)
        DecisionLine.objects.create(
            decision=signed, person=person, code="LDTT", year=2024, subject_name="x", award=award
        )
        extra.append(award)
    with django_assert_num_queries(1):
        links = registry_links.award_links(extra + list(world["awards"].values()))
    assert len(links) == 33
    with django_assert_num_queries(0):
        assert registry_links.award_links([]) == {}


def test_register_plugs_the_links_into_the_registry(world, monkeypatch):
    monkeypatch.setattr(registry, "award_link_list", [])
    registry_links.register()
    merged = registry.links_for_awards([world["awards"]["signed"], world["awards"]["by_hand"]])
    assert [label for label, _url in merged[world["awards"]["signed"].pk]] == [
        "Quyết định số 15/QĐ-SKHCN (bản ký số)"
    ]
    assert world["awards"]["by_hand"].pk not in merged
