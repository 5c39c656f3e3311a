"""Every page: anonymous users are sent to log in; another unit's users get 403 or 404; list pages have a
bounded number of queries."""

from datetime import date

import pytest
from django.urls import reverse

from thidua.appraisals import services
from thidua.appraisals.models import Appraisal, CollectiveAppraisal, Discipline, Leave, Registration
from thidua.organizations.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def facts(facts_world):
    people, orgs = facts_world["people"], facts_world["orgs"]
    appraisal = Appraisal.objects.create(
        person=people["CB001"], year=2024, rating="HTTNV", organization=orgs["div_a"]
    )
    leave = Leave.objects.create(person=people["CB001"], year=2024, kind="sick", working_days=3)
    discipline = Discipline.objects.create(
        person=people["CB001"],
        form="khien_trach",
        decided_on=date(2024, 2, 1),
        effective_from=date(2024, 2, 1),
    )
    collective = CollectiveAppraisal.objects.create(organization=orgs["div_a"], year=2024, rating="HTXSNV")
    round_ = services.registration_round_open(
        actor=None, organization=orgs["agency"], year=2026, deadline=date(2026, 1, 31)
    )
    registration = Registration.objects.get(round=round_, unit=orgs["div_a"])
    return {
        "xep-loai": appraisal,
        "nghi": leave,
        "ky-luat": discipline,
        "tap-the": collective,
        "round": round_,
        "registration": registration,
        **facts_world,
    }


SLUGS = ["xep-loai", "nghi", "ky-luat", "tap-the"]


def _urls(facts):
    urls = [
        reverse("appraisals:home"),
        reverse("appraisals:round_create"),
        reverse("appraisals:round_detail", args=[facts["round"].pk]),
        reverse("appraisals:round_export", args=[facts["round"].pk]),
        reverse("appraisals:registration_detail", args=[facts["registration"].pk]),
    ]
    for slug in SLUGS:
        urls += [
            reverse("appraisals:fact_list", args=[slug]),
            reverse("appraisals:fact_create", args=[slug]),
            reverse("appraisals:fact_edit", args=[slug, facts[slug].pk]),
        ]
    return urls


def test_anonymous_is_redirected_to_login_everywhere(client, facts):
    for url in _urls(facts):
        response = client.get(url)
        assert response.status_code == 302 and "/tai-khoan/" in response["Location"], url


def test_officer_reaches_every_page(client, facts):
    client.force_login(facts["officer"])
    for url in _urls(facts):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("slug", SLUGS)
def test_other_agency_officer_gets_404_on_records_and_sees_none_listed(client, facts, slug):
    client.force_login(facts["other_officer"])
    assert client.get(reverse("appraisals:fact_edit", args=[slug, facts[slug].pk])).status_code == 404
    assert client.post(reverse("appraisals:fact_delete", args=[slug, facts[slug].pk])).status_code == 404
    response = client.get(reverse("appraisals:fact_list", args=[slug]))
    assert response.status_code == 200 and not response.context["rows"]


def test_other_agency_cannot_see_registration_or_round(client, facts):
    client.force_login(facts["other_officer"])
    assert client.get(reverse("appraisals:round_detail", args=[facts["round"].pk])).status_code == 404
    assert (
        client.get(reverse("appraisals:registration_detail", args=[facts["registration"].pk])).status_code
        == 404
    )
    url = reverse("appraisals:registration_action", args=[facts["registration"].pk, "send"])
    assert client.post(url).status_code == 404


def test_staff_see_their_own_facts_only_and_cannot_edit(client, facts, make_user):
    client.force_login(facts["staff"])
    response = client.get(reverse("appraisals:fact_list", args=["xep-loai"]))
    assert [r["cells"][1] for r in response.context["rows"]] == ["CB001"]
    assert client.get(reverse("appraisals:fact_create", args=["xep-loai"])).status_code == 403
    assert client.get(reverse("appraisals:round_create")).status_code == 403


def test_unit_head_edits_own_unit_but_not_division_b(client, facts):
    client.force_login(facts["head_a"])
    response = client.post(
        reverse("appraisals:fact_create", args=["xep-loai"]),
        {"staff_code": "CB004", "year": 2024, "rating": "HTTNV"},
    )
    assert "staff_code" in response.context["form"].errors
    response = client.post(
        reverse("appraisals:fact_create", args=["xep-loai"]),
        {"staff_code": "CB002", "year": 2024, "rating": "HTXSNV"},
    )
    assert response.status_code == 302
    assert Appraisal.objects.get(person__staff_code="CB002").months_worked == 12


def test_unit_head_registers_and_sends(client, facts):
    client.force_login(facts["head_a"])
    url = reverse("appraisals:registration_detail", args=[facts["registration"].pk])
    cb1 = facts["people"]["CB001"]
    Person.objects.filter(pk=cb1.pk)  # members are the unit's current people
    response = client.post(url, {"commitments": "Phấn đấu", "collective": ["TTLDXS"], f"p{cb1.pk}": "CSTDCS"})
    assert response.status_code == 302
    client.post(reverse("appraisals:registration_action", args=[facts["registration"].pk, "send"]))
    facts["registration"].refresh_from_db()
    assert facts["registration"].status == "sent"
    assert (
        client.post(
            reverse("appraisals:registration_action", args=[facts["registration"].pk, "accept"])
        ).status_code
        == 403
    )


def test_list_pages_do_not_grow_queries_with_rows(client, facts, django_assert_max_num_queries):
    people = facts["people"]
    for year in range(2010, 2024):
        for code in ("CB001", "CB002", "CB003"):
            Appraisal.objects.create(
                person=people[code], year=year, rating="HTTNV", organization=facts["orgs"]["div_a"]
            )
    client.force_login(facts["officer"])
    for slug in SLUGS:
        with django_assert_max_num_queries(12):
            assert client.get(reverse("appraisals:fact_list", args=[slug])).status_code == 200


def test_person_page_shows_years_side_by_side(client, facts):
    client.force_login(facts["officer"])
    response = client.get(reverse("organizations:person_detail", args=[facts["people"]["CB001"].pk]))
    assert 'data-testid="person-years"' in response.content.decode()
    response = client.get(reverse("organizations:unit_detail", args=[facts["orgs"]["div_a"].pk]))
    assert 'data-testid="unit-years"' in response.content.decode()


def test_bad_years_and_refused_records_are_shown_on_the_form_not_a_server_error(client, facts, facts_world):
    client.force_login(facts_world["officer"])
    url = "/danh-gia/xep-loai/them/"
    response = client.post(url, {"staff_code": "CB001", "year": 5, "rating": "HTTNV"})
    assert response.status_code == 200
    assert response.context["form"].errors["year"]
    # 1991: the person had no assignment that year, so the service refuses the record (no unit judges it).
    response = client.post(url, {"staff_code": "CB001", "year": 1991, "rating": "HTTNV"})
    assert response.status_code == 200
    assert "Cán bộ không công tác tại đơn vị nào trong năm 1991" in response.content.decode()


def test_forms_refuse_what_the_excel_import_refuses_with_vietnamese_messages(client, facts, facts_world):
    client.force_login(facts_world["officer"])
    leave = {
        "staff_code": "CB001",
        "year": 2024,
        "kind": "sick",
        "start_on": "01/03/2024",
        "end_on": "01/02/2024",
        "working_days": 999,
    }
    form = client.post("/danh-gia/nghi/them/", leave).context["form"]
    assert "“Đến ngày” phải sau hoặc bằng “Từ ngày”." in form.errors["end_on"]
    assert form.errors["working_days"]
    form = client.post(
        "/danh-gia/nghi/them/", {**leave, "year": 2020, "end_on": "05/03/2024", "working_days": 3}
    ).context["form"]
    assert "Ngày phải thuộc năm 2020." in form.errors["start_on"]
    discipline = {
        "staff_code": "CB001",
        "form": "",
        "decided_on": "01/03/2024",
        "effective_from": "01/03/2024",
    }
    content = client.post("/danh-gia/ky-luat/them/", discipline).content.decode()
    assert "Chọn hình thức kỷ luật" in content and "Constraint" not in content
    duplicate = client.post(
        "/danh-gia/xep-loai/them/", {"staff_code": "CB001", "year": 2024, "rating": "HTTNV"}
    )
    assert "Cán bộ này đã có đánh giá, xếp loại của năm này." in duplicate.content.decode()


def test_a_leave_across_new_year_is_accepted_under_either_year():
    from thidua.appraisals.models import leave_period_errors

    # Maternity leave from November to April: the forms give the same answer as the Excel import.
    assert leave_period_errors(year=2024, start_on=date(2023, 11, 1), end_on=date(2024, 4, 30)) == {}
    assert leave_period_errors(year=2023, start_on=date(2023, 11, 1), end_on=date(2024, 4, 30)) == {}
    assert "start_on" in leave_period_errors(year=2022, start_on=date(2023, 11, 1), end_on=date(2024, 4, 30))
    assert "end_on" in leave_period_errors(year=2024, start_on=date(2024, 3, 1), end_on=date(2024, 2, 1))
