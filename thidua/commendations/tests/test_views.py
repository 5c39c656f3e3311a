import pytest
from django.urls import reverse

from thidua.commendations.models import AwardRecord

pytestmark = pytest.mark.django_db


def test_registry_is_scoped_filtered_and_query_bounded(client, facts_world, django_assert_max_num_queries):
    for year in range(2010, 2025):
        AwardRecord.objects.create(code="LDTT", person=facts_world["people"]["CB001"], year=year)
    AwardRecord.objects.create(code="TTLDTT", organization=facts_world["orgs"]["div_a"], year=2024)
    AwardRecord.objects.create(code="LDTT", person=facts_world["people"]["CB900"], year=2024)
    url = reverse("commendations:award_list")
    assert client.get(url).status_code == 302
    client.force_login(facts_world["officer"])
    with django_assert_max_num_queries(10):
        response = client.get(url)
    assert response.context["page"].paginator.count == 16
    assert client.get(url, {"year": 2024, "code": "TTLDTT"}).context["page"].paginator.count == 1
    client.force_login(facts_world["other_officer"])
    assert client.get(url).context["page"].paginator.count == 1
