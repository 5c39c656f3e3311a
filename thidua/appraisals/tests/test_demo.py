"""The demo facts: realistic patterns that the rules engine can find (chains of CSTĐCS, one step away,
maternity leave, discipline), consistent across the appraisals, initiatives and award registry."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count

from thidua.appraisals.models import Appraisal, CollectiveAppraisal, Discipline, Leave
from thidua.commendations.models import AwardRecord
from thidua.initiatives.models import Initiative, InitiativeAuthor

pytestmark = pytest.mark.django_db


def test_seed_demo_builds_the_yearly_facts():
    call_command("seed_demo", people=160, stdout=StringIO())
    ratings = dict(Appraisal.objects.values_list("rating").annotate(n=Count("id")))
    assert ratings["HTTNV"] > ratings["HTXSNV"] > ratings["HTNV"] > ratings.get("KHTNV", 0)
    ldtt = AwardRecord.objects.filter(code="LDTT", year=2024).count()
    cstdcs = AwardRecord.objects.filter(code="CSTDCS", year=2024).count()
    assert ldtt > 100 and 0.08 * ldtt <= cstdcs <= 0.25 * ldtt
    chains = (
        AwardRecord.objects.filter(code="CSTDCS", year__in=[2022, 2023, 2024])
        .values("person")
        .annotate(n=Count("id"))
        .filter(n=3)
    )
    assert chains.count() >= 3
    provincial = set(
        InitiativeAuthor.objects.filter(
            initiative__level="tinh", initiative__recognized_on__year__gte=2022
        ).values_list("person_id", flat=True)
    )
    assert {c["person"] for c in chains} & provincial
    assert Leave.objects.filter(kind="maternity").exists()
    assert Discipline.objects.count() >= 2
    assert (
        Initiative.objects.filter(level="co_so").count() > Initiative.objects.filter(level="tinh").count() > 0
    )
    assert CollectiveAppraisal.objects.exists()
    assert AwardRecord.objects.filter(code__in=["TTLDTT", "TTLDXS"]).exists()
    # Every CSTĐCS is backed by a cơ sở initiative used for it (one initiative, one award).
    used = InitiativeAuthor.objects.filter(used_for__code="CSTDCS").count()
    assert used >= 0.9 * AwardRecord.objects.filter(code="CSTDCS").count()
    # The disciplined do not get LĐTT in the year of their discipline.
    for discipline in Discipline.objects.all():
        assert not AwardRecord.objects.filter(
            person=discipline.person, code="LDTT", year=discipline.decided_on.year
        ).exists()
