"""An initiative's later, wider recognition (`wider_level`, `wider_recognized_on`) is entered on the form and
travels through the Excel kind `initiatives` and its API: imported, checked with messages naming the column,
audited, exported; the detail page shows it."""

from datetime import date, datetime

import pytest
from django.urls import reverse

from thidua.accounts.models import ApiToken
from thidua.audit.models import AuditEvent
from thidua.exchange.kinds import get_kind
from thidua.exchange.services import facts_export, facts_import_file, facts_template
from thidua.initiatives.models import Initiative, InitiativeAuthor
from thidua.organizations.tests.xlsx import sheet_rows, template_header, xlsx

pytestmark = pytest.mark.django_db

LEVEL, ON = "Phạm vi được công nhận sau (rộng hơn)", "Ngày công nhận phạm vi rộng hơn"
HEADER = [
    "Mã sáng kiến",
    "Tên sáng kiến, đề tài",
    "Loại",
    "Phạm vi ảnh hưởng",
    "Mã đơn vị áp dụng",
    "Ngày công nhận",
    LEVEL,
    ON,
    "Mã cán bộ tác giả",
    "Tỷ lệ đóng góp (%)",
]


def test_initiatives_import_writes_the_wider_scope_and_audits_it(facts_world):
    data = xlsx(
        HEADER,
        [
            [
                "SK-1",
                "Số hóa",
                "initiative",
                "co_so",
                "A-VP",
                "01/10/2023",
                "Cấp bộ, ngành, tỉnh",
                "15/06/2024",
                "CB001",
                60,
            ],
            [
                "SK-1",
                "Số hóa",
                "initiative",
                "co_so",
                "A-VP",
                "01/10/2023",
                "tinh",
                datetime(2024, 6, 15),
                "CB002",
                40,
            ],
            ["SK-2", "Một cửa", "initiative", "co_so", "A-VP", "01/11/2023", None, None, "CB003", 100],
        ],
    )
    outcome = facts_import_file(
        kind_name="initiatives", data=data, user=facts_world["officer"], dry_run=False
    )
    assert outcome.written, outcome.error_lines()
    one, two = Initiative.objects.get(code="SK-1"), Initiative.objects.get(code="SK-2")
    assert (one.wider_level, one.wider_recognized_on) == ("tinh", date(2024, 6, 15))
    assert (two.wider_level, two.wider_recognized_on) == ("", None)
    assert InitiativeAuthor.objects.filter(initiative=one).count() == 2
    event = AuditEvent.objects.get(
        object_type="initiatives.initiative", action="create", object_id=str(one.pk)
    )
    assert event.after is not None
    assert (event.after["wider_level"], event.after["wider_recognized_on"]) == ("tinh", "2024-06-15")

    national = xlsx(
        HEADER,
        [
            [
                "SK-2",
                "Một cửa",
                "initiative",
                "co_so",
                "A-VP",
                "01/11/2023",
                "toan_quoc",
                "02/02/2025",
                "CB003",
                100,
            ]
        ],
    )
    again = facts_import_file(
        kind_name="initiatives", data=national, user=facts_world["officer"], dry_run=False
    )
    assert (again.created, again.updated) == (0, 1)
    update = AuditEvent.objects.get(object_type="initiatives.initiative", action="update")
    assert update.after is not None and update.before is not None
    assert (update.before["wider_level"], update.after["wider_level"]) == ("", "toan_quoc")


def test_initiatives_template_and_export_carry_the_wider_scope(facts_world):
    header = template_header(facts_template(kind_name="initiatives"))
    assert (
        header.index(LEVEL) == header.index("Ngày công nhận") + 1
        and header.index(ON) == header.index(LEVEL) + 1
    )
    item = Initiative.objects.create(
        code="SK-7",
        title="Số hóa",
        kind="initiative",
        level="co_so",
        organization=facts_world["orgs"]["div_a"],
        recognized_on=date(2023, 10, 1),
        wider_level="tinh",
        wider_recognized_on=date(2024, 6, 15),
    )
    InitiativeAuthor.objects.create(initiative=item, person=facts_world["people"]["CB001"], share_pct=100)
    exported = facts_export(kind_name="initiatives", user=facts_world["officer"])
    assert exported is not None
    (row,) = sheet_rows(exported)
    column = get_kind("initiatives").column("wider_level")  # the export writes the code or its name
    assert (column.parse(row[LEVEL]), row[ON]) == ("tinh", datetime(2024, 6, 15))
    again = facts_import_file(
        kind_name="initiatives", data=exported, user=facts_world["officer"], dry_run=False
    )
    assert again.written and (again.created, again.updated) == (0, 1)
    item.refresh_from_db()
    assert (item.wider_level, item.wider_recognized_on) == ("tinh", date(2024, 6, 15))


def test_a_bad_wider_scope_is_refused_naming_its_column(facts_world):
    base = ["initiative", "tinh", "A-VP", "01/10/2023"]
    data = xlsx(
        HEADER,
        [
            ["SK-1", "A", *base, "quốc tế", "15/06/2024", "CB001", 100],
            ["SK-2", "B", *base, "toan_quoc", "31/02/2024", "CB001", 100],
            ["SK-3", "C", *base, "toan_quoc", None, "CB001", 100],
            ["SK-4", "D", *base, None, "15/06/2024", "CB001", 100],
            ["SK-5", "E", *base, "co_so", "15/06/2024", "CB001", 100],
            ["SK-6", "F", *base, "toan_quoc", "01/09/2023", "CB001", 60],
            ["SK-6", "F", *base, "toan_quoc", "01/09/2024", "CB002", 40],
        ],
    )
    lines = facts_import_file(kind_name="initiatives", data=data, user=None, dry_run=False).error_lines()
    assert lines == [
        f"Dòng 2, cột '{LEVEL}': “quốc tế” không có trong danh mục (co_so, tinh, toan_quoc).",
        f"Dòng 3, cột '{ON}': Ngày “31/02/2024” không hợp lệ: ghi theo dạng dd/mm/yyyy, ví dụ 05/09/2024.",
        f"Dòng 4, cột '{ON}': Ghi ngày công nhận phạm vi rộng hơn.",
        f"Dòng 5, cột '{LEVEL}': Chọn phạm vi được công nhận sau, hoặc để trống ngày công nhận phạm vi rộng hơn.",
        f"Dòng 6, cột '{LEVEL}': Phạm vi được công nhận sau phải rộng hơn phạm vi ảnh hưởng (Cấp bộ, ngành, tỉnh).",
        f"Dòng 7, cột '{ON}': Ngày công nhận phạm vi rộng hơn không được trước ngày công nhận (01/10/2023).",
        f"Dòng 8, cột '{ON}': Khác với dòng 7 của cùng sáng kiến “SK-6”.",
    ]
    assert not Initiative.objects.exists()


def test_initiatives_api_lists_and_takes_the_wider_scope(client, facts_world):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(user=facts_world['officer'], name='t')[1]}"}
    item = {
        "code": "SK-1",
        "title": "Số hóa",
        "kind": "initiative",
        "level": "co_so",
        "unit_code": "A-VP",
        "recognized_on": "2023-10-01",
        "wider_level": "tinh",
        "wider_recognized_on": "2024-06-15",
        "staff_code": "CB001",
    }
    response = client.post(
        "/api/v1/initiatives/bulk", {"items": [item]}, content_type="application/json", **headers
    )
    assert response.status_code == 200, response.content
    (listed,) = client.get("/api/v1/initiatives", **headers).json()["items"]
    assert (listed["wider_level"], listed["wider_recognized_on"]) == ("tinh", "2024-06-15")
    bad = client.post(
        "/api/v1/initiatives/bulk",
        {"items": [{**item, "wider_level": "co_so"}]},
        content_type="application/json",
        **headers,
    )
    assert bad.status_code == 422 and bad.json()["errors"][0]["column"] == LEVEL


def _form(facts_world, **extra):
    return {
        "code": "SK-9",
        "title": "Cải tiến",
        "kind": "initiative",
        "level": "co_so",
        "organization": facts_world["orgs"]["div_a"].pk,
        "recognized_on": "01/12/2023",
        "applied": "on",
        "authors": "CB001; 100",
        **extra,
    }


def test_initiative_form_records_the_wider_scope_and_the_page_shows_it(client, facts_world):
    client.force_login(facts_world["officer"])
    create = reverse("initiatives:create")
    page = client.get(create).content.decode()
    assert 'name="wider_level"' in page and 'name="wider_recognized_on"' in page
    response = client.post(create, _form(facts_world, wider_level="tinh", wider_recognized_on="15/06/2024"))
    assert response.status_code == 302, response.context["form"].errors
    item = Initiative.objects.get(code="SK-9")
    assert (item.wider_level, item.wider_recognized_on) == ("tinh", date(2024, 6, 15))
    detail = client.get(reverse("initiatives:detail", args=[item.pk])).content.decode()
    assert "Phạm vi được công nhận sau (rộng hơn)" in detail and "15/06/2024" in detail

    edit = reverse("initiatives:edit", args=[item.pk])
    response = client.post(
        edit, _form(facts_world, wider_level="toan_quoc", wider_recognized_on="02/02/2025")
    )
    assert response.status_code == 302, response.context["form"].errors
    item.refresh_from_db()
    assert (item.wider_level, item.wider_recognized_on) == ("toan_quoc", date(2025, 2, 2))


def test_initiative_form_refuses_a_narrower_or_undated_wider_scope(client, facts_world):
    client.force_login(facts_world["officer"])
    create = reverse("initiatives:create")
    response = client.post(
        create, _form(facts_world, level="tinh", wider_level="co_so", wider_recognized_on="15/06/2024")
    )
    assert response.status_code == 200
    assert response.context["form"].errors["wider_level"] == [
        "Phạm vi được công nhận sau phải rộng hơn phạm vi ảnh hưởng (Cấp bộ, ngành, tỉnh)."
    ]
    response = client.post(create, _form(facts_world, wider_level="tinh"))
    assert response.context["form"].errors["wider_recognized_on"] == ["Ghi ngày công nhận phạm vi rộng hơn."]
    response = client.post(create, _form(facts_world, wider_level="tinh", wider_recognized_on="01/01/2023"))
    assert response.context["form"].errors["wider_recognized_on"] == [
        "Ngày công nhận phạm vi rộng hơn không được trước ngày công nhận (01/12/2023)."
    ]
    assert not Initiative.objects.exists()
