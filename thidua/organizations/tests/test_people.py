"""People: Vietnamese ordering, diacritics-free search (the same on SQLite and PostgreSQL), transfers, audit."""

from datetime import date

import pytest

from thidua.accounts.models import Role
from thidua.audit.models import AuditEvent
from thidua.organizations import selectors, services
from thidua.organizations.models import Person

from .factories import AssignmentFactory, PersonFactory, PositionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(make_user, org_tree):
    return make_user(Role.OFFICER, org_tree["agency"], include_subunits=True)


def _people_in(unit, names):
    for family, middle, given in names:
        AssignmentFactory(
            person=PersonFactory(family_name=family, middle_name=middle, given_name=given),
            organization=unit,
            start_on=date(2020, 1, 1),
        )


def test_list_is_sorted_by_given_name_with_vietnamese_collation(officer, org_tree):
    _people_in(
        org_tree["div_a"],
        [
            ("Lê", "Văn", "Đức"),
            ("Trần", "Thị", "Ân"),
            ("Phạm", "Văn", "Bình"),
            ("Vũ", "Thị", "Ăn"),
            ("Hà", "Thị", "Ánh"),
            ("Đỗ", "Văn", "Anh"),
        ],
    )
    names = [p.given_name for p in selectors.person_list_visible_to(user=officer)]
    assert names == ["Anh", "Ánh", "Ăn", "Ân", "Bình", "Đức"]


@pytest.mark.parametrize(
    "query, expected",
    [
        ("nguyen van an", ["Nguyễn Văn An"]),
        ("NGUYEN VAN AN", ["Nguyễn Văn An"]),
        ("duc", ["Trần Minh Đức"]),
        ("Đức", ["Trần Minh Đức"]),
        ("an nguyen", ["Nguyễn Văn An"]),
        ("hoang thi", ["Hoàng Thị Ánh"]),
        ("xyz", []),
    ],
)
def test_search_ignores_diacritics_and_case(officer, org_tree, query, expected):
    _people_in(org_tree["div_a"], [("Nguyễn", "Văn", "An"), ("Trần", "Minh", "Đức"), ("Hoàng", "Thị", "Ánh")])
    found = [p.full_name for p in selectors.person_list_visible_to(user=officer, query=query)]
    assert found == expected


def test_transfer_mid_year_makes_two_assignments(officer, org_tree):
    person = PersonFactory()
    position = PositionFactory()
    AssignmentFactory(
        person=person, organization=org_tree["div_a"], position=position, start_on=date(2019, 1, 1)
    )
    services.person_transfer(
        actor=officer, person=person, to=org_tree["div_b"], position=position, on=date(2024, 7, 1)
    )
    history = selectors.person_history(person=person)
    assert [(a.organization, a.start_on, a.end_on) for a in history] == [
        (org_tree["div_a"], date(2019, 1, 1), date(2024, 6, 30)),
        (org_tree["div_b"], date(2024, 7, 1), None),
    ]
    assert all(a.overlaps_year(2024) for a in history)


def test_person_create_and_update_are_audited_with_before_and_after(officer):
    person = services.person_create(
        actor=officer, family_name="Nguyễn", middle_name="Thị", given_name="Lan", sex="F", staff_code="X1"
    )
    services.person_update(actor=officer, person=person, given_name="Loan")
    events = list(
        AuditEvent.objects.filter(object_type="organizations.person", object_id=str(person.pk)).order_by("id")
    )
    assert [e.action for e in events] == ["create", "update"]
    assert events[1].before is not None and events[1].after is not None
    assert events[1].before["given_name"] == "Lan" and events[1].after["given_name"] == "Loan"
    assert events[1].actor_id == officer.pk
    person.refresh_from_db()
    assert person.search_text == " nguyen thi loan x1"


def test_person_create_rejects_bad_input_without_writing(officer):
    with pytest.raises(Exception):  # noqa: B017 - full_clean raises ValidationError
        services.person_create(actor=officer, family_name="", given_name="Lan", sex="X", staff_code="X2")
    assert not Person.objects.filter(staff_code="X2").exists()
    assert not AuditEvent.objects.filter(object_type="organizations.person").exists()


def test_subtree_query_uses_materialised_path(org_tree):
    agency = org_tree["agency"]
    agency.refresh_from_db()
    from thidua.organizations.models import Organization

    names = set(Organization.objects.filter(agency.subtree_q()).values_list("code", flat=True))
    assert names == {"A", "A-VP", "A-QLKH"}


def test_lists_do_not_query_per_row(client, officer, org_tree, django_assert_max_num_queries):
    _people_in(org_tree["div_a"], [("Nguyễn", "Văn", f"An{i}") for i in range(30)])
    client.force_login(officer)
    with django_assert_max_num_queries(12):
        assert client.get("/can-bo/").status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get("/don-vi/").status_code == 200
