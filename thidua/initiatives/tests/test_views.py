from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from thidua.initiatives.models import Initiative, InitiativeAuthor

pytestmark = pytest.mark.django_db


@pytest.fixture
def initiative(facts_world):
    item = Initiative.objects.create(
        code="SK-1",
        title="Số hóa hồ sơ",
        kind="initiative",
        level="co_so",
        organization=facts_world["orgs"]["div_a"],
        recognized_on=date(2024, 10, 1),
    )
    InitiativeAuthor.objects.create(initiative=item, person=facts_world["people"]["CB001"], share_pct=100)
    return item


def test_anonymous_is_redirected(client, initiative):
    for url in (
        reverse("initiatives:list"),
        reverse("initiatives:detail", args=[initiative.pk]),
        reverse("initiatives:create"),
        reverse("initiatives:edit", args=[initiative.pk]),
    ):
        assert client.get(url).status_code == 302


def test_officer_creates_with_authors_and_attaches_a_file(client, facts_world, initiative):
    client.force_login(facts_world["officer"])
    response = client.post(
        reverse("initiatives:create"),
        {
            "code": "SK-2",
            "title": "Cải tiến",
            "kind": "initiative",
            "level": "tinh",
            "organization": facts_world["orgs"]["div_a"].pk,
            "recognized_on": "01/12/2024",
            "applied": "on",
            "authors": "CB001; 60\nCB002; 40",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    created = Initiative.objects.get(code="SK-2")
    assert sorted(created.authors.values_list("share_pct", flat=True)) == [40, 60]
    client.post(
        reverse("initiatives:detail", args=[created.pk]),
        {"file": SimpleUploadedFile("quyet-dinh.pdf", b"%PDF-1.4")},
    )
    assert created.attachments.get().name == "quyet-dinh.pdf"
    attachment = created.attachments.get()
    assert client.get(reverse("initiatives:attachment", args=[created.pk, attachment.pk])).status_code == 200
    assert client.get(reverse("initiatives:list")).status_code == 200


def test_other_agency_gets_404_and_staff_cannot_edit(client, facts_world, initiative):
    client.force_login(facts_world["other_officer"])
    assert client.get(reverse("initiatives:detail", args=[initiative.pk])).status_code == 404
    assert client.get(reverse("initiatives:edit", args=[initiative.pk])).status_code == 404
    client.force_login(facts_world["staff"])
    assert client.get(reverse("initiatives:detail", args=[initiative.pk])).status_code == 200
    assert client.get(reverse("initiatives:edit", args=[initiative.pk])).status_code == 403


def test_list_queries_are_bounded(client, facts_world, initiative, django_assert_max_num_queries):
    for n in range(30):
        item = Initiative.objects.create(
            code=f"SK-X{n}",
            title="T",
            kind="initiative",
            level="co_so",
            organization=facts_world["orgs"]["div_a"],
            recognized_on=date(2024, 1, 1),
        )
        InitiativeAuthor.objects.create(initiative=item, person=facts_world["people"]["CB002"], share_pct=100)
    client.force_login(facts_world["officer"])
    with django_assert_max_num_queries(10):
        assert client.get(reverse("initiatives:list")).status_code == 200


def test_officer_records_the_award_an_initiative_supported_once_only(client, facts_world, initiative):
    from thidua.commendations.models import AwardRecord

    person = facts_world["people"]["CB001"]
    cstdcs = AwardRecord.objects.create(code="CSTDCS", person=person, year=2024)
    later = AwardRecord.objects.create(code="CSTDCS", person=person, year=2025)
    author = initiative.authors.get()
    url = reverse("initiatives:use_for", args=[initiative.pk, author.pk])

    client.force_login(facts_world["other_officer"])
    assert client.post(url, {"award": cstdcs.pk}).status_code == 404
    client.force_login(facts_world["officer"])
    page = client.get(reverse("initiatives:detail", args=[initiative.pk])).content.decode()
    assert f'value="{cstdcs.pk}"' in page and f'value="{later.pk}"' in page
    assert client.post(url, {"award": cstdcs.pk}).status_code == 302
    author.refresh_from_db()
    assert author.used_for == cstdcs
    # One initiative, one award: a second award is refused and the first link stays.
    client.post(url, {"award": later.pk})
    author.refresh_from_db()
    assert author.used_for == cstdcs
