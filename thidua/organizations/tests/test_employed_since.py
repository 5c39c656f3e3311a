"""A person's `employed_since` (first day at the agency, contract included) is entered and read back
everywhere a person is: the Excel kind `people` (import, export, template), the API and the person page."""

from datetime import date, datetime

import pytest

from thidua.accounts.models import ApiToken, Role
from thidua.audit.models import AuditEvent
from thidua.exchange.services import facts_export, facts_import_file, facts_template
from thidua.organizations.models import Person

from .xlsx import sheet_rows, template_header, xlsx

pytestmark = pytest.mark.django_db

COLUMN = "Làm việc tại cơ quan từ ngày (kể cả hợp đồng)"
HEADER = [
    "Mã cán bộ",
    "Họ",
    "Tên đệm",
    "Tên",
    "Giới tính",
    "Ngày tuyển dụng",
    COLUMN,
    "Ngày nghỉ hưu, thôi việc",
]


def test_people_import_writes_employed_since_and_audits_it(facts_world):
    data = xlsx(
        HEADER,
        [
            ["CB001", "Nguyễn", "Văn", "An", "Nam", datetime(2010, 1, 1), datetime(2008, 3, 15), None],
            ["CB002", "Trần", "Văn", "Bình", "Nam", "01/01/2010", "01/09/2009", None],
        ],
    )
    outcome = facts_import_file(kind_name="people", data=data, user=facts_world["officer"], dry_run=False)
    assert outcome.written, outcome.error_lines()
    assert (outcome.created, outcome.updated) == (0, 2)
    stored = dict(
        Person.objects.filter(staff_code__in=["CB001", "CB002"]).values_list("staff_code", "employed_since")
    )
    assert stored == {"CB001": date(2008, 3, 15), "CB002": date(2009, 9, 1)}
    cb001 = facts_world["people"]["CB001"]
    event = AuditEvent.objects.get(
        object_type="organizations.person", action="update", object_id=str(cb001.pk)
    )
    assert event.after is not None and event.before is not None
    assert event.before["employed_since"] is None and event.after["employed_since"] == "2008-03-15"


def test_people_template_and_export_carry_employed_since(facts_world):
    header = template_header(facts_template(kind_name="people"))
    assert header.index(COLUMN) == header.index("Ngày tuyển dụng") + 1
    Person.objects.filter(staff_code="CB003").update(employed_since=date(2007, 6, 1))
    exported = facts_export(kind_name="people", user=facts_world["officer"])
    assert exported is not None
    rows = {row["Mã cán bộ"]: row for row in sheet_rows(exported)}
    assert rows["CB003"][COLUMN] == datetime(2007, 6, 1)
    assert rows["CB001"][COLUMN] is None
    # export → import round-trips: nothing changes
    again = facts_import_file(kind_name="people", data=exported, user=facts_world["officer"], dry_run=False)
    assert again.written and Person.objects.get(staff_code="CB003").employed_since == date(2007, 6, 1)


def test_a_bad_employed_since_is_refused_naming_its_column(facts_world):
    data = xlsx(
        HEADER,
        [
            ["CB001", "Nguyễn", "Văn", "An", "Nam", "01/01/2010", "31/02/2008", None],
            ["CB002", "Trần", "Văn", "Bình", "Nam", "01/01/2010", "01/01/2021", "31/12/2020"],
        ],
    )
    outcome = facts_import_file(kind_name="people", data=data, user=facts_world["officer"], dry_run=False)
    assert outcome.error_lines() == [
        f"Dòng 2, cột '{COLUMN}': Ngày “31/02/2008” không hợp lệ: ghi theo dạng dd/mm/yyyy, ví dụ 05/09/2024.",
        f"Dòng 3, cột '{COLUMN}': Ngày bắt đầu làm việc tại cơ quan phải trước ngày nghỉ hưu, thôi việc.",
    ]
    assert not Person.objects.filter(employed_since__isnull=False).exists()


def test_people_bulk_api_takes_employed_since(client, facts_world):
    token = ApiToken.issue(user=facts_world["officer"], name="test")[1]
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    item = {
        "staff_code": "CB004",
        "family_name": "Phạm",
        "middle_name": "Văn",
        "given_name": "Dũng",
        "sex": "M",
        "recruited_on": "2010-01-01",
        "employed_since": "2009-05-04",
    }
    response = client.post(
        "/api/v1/exchange/people/bulk", {"items": [item]}, content_type="application/json", **headers
    )
    assert response.status_code == 200, response.content
    assert Person.objects.get(staff_code="CB004").employed_since == date(2009, 5, 4)
    listed = client.get("/api/v1/exchange/people", **headers).json()["items"]
    assert {i["staff_code"]: i["employed_since"] for i in listed}["CB004"] == "2009-05-04"
    bad = client.post(
        "/api/v1/exchange/people/bulk",
        {"items": [{**item, "employed_since": "04/05/20099"}]},
        content_type="application/json",
        **headers,
    )
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["column"] == COLUMN


def test_person_api_reads_creates_replaces_and_patches_employed_since(client, facts_world, make_user):
    admin = make_user(Role.ADMIN, facts_world["orgs"]["province"])
    headers = {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(user=admin, name='test')[1]}"}
    person = facts_world["people"]["CB001"]
    url = f"/api/v1/people/{person.pk}"
    body = client.get(url, **headers).json()
    assert body["employed_since"] is None
    patched = client.patch(url, {"employed_since": "2008-02-01"}, content_type="application/json", **headers)
    assert patched.status_code == 200 and patched.json()["employed_since"] == "2008-02-01"
    person.refresh_from_db()
    assert person.employed_since == date(2008, 2, 1)
    body = client.get(url, **headers).json()
    for key in ("id", "full_name", "ethnicity"):
        body.pop(key)
    assert (
        client.put(
            url, {**body, "employed_since": None}, content_type="application/json", **headers
        ).status_code
        == 200
    )
    person.refresh_from_db()
    assert person.employed_since is None
    created = client.post(
        "/api/v1/people",
        {
            "staff_code": "CB777",
            "family_name": "Hà",
            "given_name": "Mai",
            "sex": "F",
            "employed_since": "2015-07-01",
        },
        content_type="application/json",
        **headers,
    )
    assert created.status_code == 201 and created.json()["employed_since"] == "2015-07-01"
    bad = client.patch(url, {"employed_since": "không rõ"}, content_type="application/json", **headers)
    assert bad.status_code == 422


def test_person_page_shows_employed_since(client, facts_world):
    person = facts_world["people"]["CB001"]
    client.force_login(facts_world["officer"])
    url = f"/can-bo/{person.pk}/"
    assert "Làm việc tại cơ quan từ ngày" not in client.get(url).content.decode()
    Person.objects.filter(pk=person.pk).update(employed_since=date(2008, 3, 15))
    page = client.get(url).content.decode()
    assert "Làm việc tại cơ quan từ ngày" in page and "15/03/2008" in page


def test_admin_edits_employed_since(client, facts_world, make_user):
    person = facts_world["people"]["CB001"]
    client.force_login(make_user(is_staff=True, is_superuser=True))
    page = client.get(f"/quan-tri/organizations/person/{person.pk}/change/").content.decode()
    assert 'name="employed_since"' in page
