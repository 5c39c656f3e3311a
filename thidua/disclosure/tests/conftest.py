"""Fixtures for disclosure: accepted lines of the agency's 2024 batch (made with the nominations models directly),
the users of the route × role matrix, and a clean cache (the feedback throttle counts in it)."""

from datetime import date

import pytest
from django.core.cache import cache

from thidua.core.tests.route_matrix import make_people
from thidua.nominations.models import Nomination, NominationStatus, ProposalBatch
from thidua.organizations.models import Person


@pytest.fixture(autouse=True)
def _clean_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def people(org_tree, make_user):
    return make_people(make_user, org_tree)


def _person(given: str, code: str) -> Person:
    return Person.objects.create(
        family_name="Lê",
        middle_name="Thị",
        given_name=given,
        sex="F",
        staff_code=code,
        date_of_birth=date(1983, 7, 19),
    )


@pytest.fixture
def batch(org_tree):
    return ProposalBatch.objects.create(
        unit=org_tree["div_a"],
        office=org_tree["agency"],
        year=2024,
        title="Tờ trình đề nghị khen thưởng năm 2024",
        status="accepted",
    )


@pytest.fixture
def lines(batch, org_tree):
    """Three accepted lines: a State-level form (disclosure required, 10 working days by default), a provincial
    form (not required by default) and a collective."""
    state = Nomination.objects.create(
        batch=batch,
        person=_person("Hoa", "DC-001"),
        code="CSTD_TOAN_QUOC",
        year=2024,
        status=NominationStatus.ACCEPTED,
        achievement="Chủ trì hai đề tài cấp tỉnh, một sáng kiến được công nhận cấp tỉnh.",
    )
    local = Nomination.objects.create(
        batch=batch,
        person=_person("Mai", "DC-002"),
        code="BANG_KHEN_TINH",
        year=2024,
        status=NominationStatus.ACCEPTED,
        achievement="Hoàn thành xuất sắc nhiệm vụ hai năm liên tục.",
    )
    collective = Nomination.objects.create(
        batch=batch,
        organization=org_tree["div_a"],
        code="TTLDXS",
        year=2024,
        status=NominationStatus.ACCEPTED,
        achievement="Tập thể hoàn thành xuất sắc nhiệm vụ.",
    )
    return {"state": state, "local": local, "collective": collective}
