from datetime import date

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
    assert response.context["count"] == 16
    assert client.get(url, {"year": 2024, "code": "TTLDTT"}).context["count"] == 1
    client.force_login(facts_world["other_officer"])
    assert client.get(url).context["count"] == 1


def test_officer_records_corrects_and_revokes_an_award(client, facts_world):
    from thidua.audit.models import AuditEvent

    create = reverse("commendations:award_create")
    form = {
        "subject_code": "CB001",
        "code": "BANG_KHEN_TINH",
        "year": 2023,
        "track": "cong_trang",
        "decision_number": "1234/QĐ-UBND",
        "decided_on": "15/03/2024",
        "deciding_body": "UBND tỉnh Yên Bái",
    }
    client.force_login(facts_world["head_a"])
    assert client.get(create).status_code == 403
    client.force_login(facts_world["other_officer"])
    response = client.post(create, form)
    assert response.status_code == 200 and "không thuộc đơn vị bạn quản lý" in response.content.decode()
    client.force_login(facts_world["officer"])
    assert client.post(create, {**form, "subject_code": "NOPE"}).status_code == 200
    assert client.post(create, {**form, "decided_on": "2024-03-15"}).status_code == 200  # dd/mm/yyyy only
    assert client.post(create, form).status_code == 302
    award = AwardRecord.objects.get(code="BANG_KHEN_TINH")
    assert award.person == facts_world["people"]["CB001"] and award.decided_on == date(2024, 3, 15)

    edit = reverse("commendations:award_edit", args=[award.pk])
    client.force_login(facts_world["other_officer"])
    assert client.get(edit).status_code == 404
    client.force_login(facts_world["officer"])
    assert client.post(edit, {**form, "decision_number": "1235/QĐ-UBND"}).status_code == 302
    award.refresh_from_db()
    assert award.decision_number == "1235/QĐ-UBND"
    revoke = reverse("commendations:award_revoke", args=[award.pk])
    client.post(revoke, {"reason": ""})
    award.refresh_from_db()
    assert award.status == "active"
    client.post(revoke, {"reason": "Quyết định 99/QĐ-UBND: kê khai không đúng thành tích"})
    award.refresh_from_db()
    assert award.status == "revoked" and "99/QĐ-UBND" in award.note
    events = AuditEvent.objects.filter(object_type="commendations.awardrecord").order_by("id")
    actions = list(events.values_list("action", flat=True))
    assert actions == ["create", "update", "update"]


def test_following_the_revoke_link_shows_the_award_with_its_revocation_form(client, facts_world):
    """A GET on the revoke URL (a bookmark, a reload) is not a blank 405: it shows the confirmation form."""
    from django.urls import reverse

    from thidua.commendations.models import AwardRecord

    award = AwardRecord.objects.create(
        person=facts_world["people"]["CB001"], code="LDTT", year=2024, decision_number="1/QĐ"
    )
    client.force_login(facts_world["officer"])
    response = client.get(reverse("commendations:award_revoke", args=[award.pk]), follow=True)
    assert response.status_code == 200
    assert 'name="reason"' in response.content.decode()
    award.refresh_from_db()
    assert award.status == "active"


def test_the_registry_form_refuses_half_a_period_or_one_backwards(client, facts_world):
    """The form keeps the same rule as the Excel import: both years or neither, the first not after the last."""
    from django.urls import reverse

    from thidua.commendations.models import AwardRecord

    client.force_login(facts_world["officer"])
    base = {"subject_code": "CB001", "code": "BANG_KHEN_TINH", "year": 2024, "track": "cong_trang"}
    for period, field in (
        ({"period_from": 2023}, "period_to"),
        ({"period_from": 2024, "period_to": 2023}, "period_to"),
    ):
        response = client.post(reverse("commendations:award_create"), {**base, **period})
        assert response.status_code == 200
        assert field in response.context["form"].errors, period
    assert not AwardRecord.objects.exists()
    response = client.post(
        reverse("commendations:award_create"), {**base, "period_from": 2023, "period_to": 2024}
    )
    assert response.status_code == 302
    assert AwardRecord.objects.get().period_from == 2023
