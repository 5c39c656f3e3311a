"""An award's period of achievement (`period_from`, `period_to`) travels through the Excel kind `awards` and
its API like every other column: imported, checked with a message naming the column, audited and exported."""

from datetime import date

import pytest
from django.urls import reverse

from thidua.accounts.models import ApiToken
from thidua.audit.models import AuditEvent
from thidua.commendations.models import AwardRecord
from thidua.exchange.services import facts_export, facts_import_file, facts_template
from thidua.organizations.tests.xlsx import sheet_rows, template_header, xlsx

pytestmark = pytest.mark.django_db

FROM, TO = "Giai đoạn thành tích từ năm", "Giai đoạn thành tích đến năm"
HEADER = ["Mã cán bộ", "Mã đơn vị (tập thể)", "Danh hiệu, hình thức", "Năm", "Loại khen thưởng", FROM, TO]


def test_awards_import_writes_the_period_and_audits_it(facts_world):
    data = xlsx(
        HEADER,
        [
            ["CB001", None, "BANG_KHEN_TINH", 2024, "cong_trang", 2023, 2024],
            [None, "A-VP", "TTLDXS", 2024, None, None, None],
        ],
    )
    outcome = facts_import_file(kind_name="awards", data=data, user=facts_world["officer"], dry_run=False)
    assert outcome.written, outcome.error_lines()
    award = AwardRecord.objects.get(code="BANG_KHEN_TINH")
    assert (award.person, award.period_from, award.period_to) == (facts_world["people"]["CB001"], 2023, 2024)
    assert AwardRecord.objects.get(code="TTLDXS").period_from is None
    event = AuditEvent.objects.get(
        object_type="commendations.awardrecord", action="create", object_id=str(award.pk)
    )
    assert event.after is not None
    assert (event.after["period_from"], event.after["period_to"]) == (2023, 2024)

    wider = xlsx(HEADER, [["CB001", None, "BANG_KHEN_TINH", 2024, "cong_trang", 2022, 2024]])
    again = facts_import_file(kind_name="awards", data=wider, user=facts_world["officer"], dry_run=False)
    assert (again.created, again.updated) == (0, 1)
    award.refresh_from_db()
    assert award.period_from == 2022
    update = AuditEvent.objects.get(object_type="commendations.awardrecord", action="update")
    assert update.after is not None and update.before is not None
    assert (update.before["period_from"], update.after["period_from"]) == (2023, 2022)


def test_awards_template_and_export_carry_the_period(facts_world):
    header = template_header(facts_template(kind_name="awards"))
    assert (
        header.index(FROM) == header.index("Loại khen thưởng") + 1
        and header.index(TO) == header.index(FROM) + 1
    )
    AwardRecord.objects.create(
        code="BANG_KHEN_TINH",
        person=facts_world["people"]["CB002"],
        year=2024,
        period_from=2023,
        period_to=2024,
    )
    exported = facts_export(kind_name="awards", user=facts_world["officer"])
    assert exported is not None
    (row,) = sheet_rows(exported)
    assert (row[FROM], row[TO]) == (2023, 2024)
    again = facts_import_file(kind_name="awards", data=exported, user=facts_world["officer"], dry_run=False)
    assert again.written and (again.created, again.updated) == (0, 1)
    assert AwardRecord.objects.get().period_from == 2023


def test_a_bad_period_is_refused_naming_its_column(facts_world):
    data = xlsx(
        HEADER,
        [
            ["CB001", None, "BANG_KHEN_TINH", 2024, None, "hai năm", 2024],
            ["CB002", None, "BANG_KHEN_TINH", 2024, None, 2023, None],
            ["CB003", None, "BANG_KHEN_TINH", 2024, None, 2024, 2022],
            ["CB004", None, "BANG_KHEN_TINH", 2024, None, 1800, 2024],
        ],
    )
    lines = facts_import_file(kind_name="awards", data=data, user=None, dry_run=False).error_lines()
    assert lines == [
        f"Dòng 2, cột '{FROM}': “hai năm” không phải là số nguyên.",
        f"Dòng 3, cột '{TO}': Ghi cả năm đầu và năm cuối của giai đoạn thành tích, hoặc để trống cả hai.",
        f"Dòng 4, cột '{TO}': Năm cuối 2022 của giai đoạn thành tích đứng trước năm đầu 2024.",
        f"Dòng 5, cột '{FROM}': 1800 nằm ngoài khoảng cho phép (1990–2100).",
    ]
    assert not AwardRecord.objects.exists()


def test_awards_api_lists_and_takes_the_period(client, facts_world):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(user=facts_world['officer'], name='t')[1]}"}
    item = {
        "staff_code": "CB001",
        "code": "BANG_KHEN_TINH",
        "year": 2024,
        "period_from": 2023,
        "period_to": 2024,
    }
    response = client.post(
        "/api/v1/awards/bulk", {"items": [item]}, content_type="application/json", **headers
    )
    assert response.status_code == 200, response.content
    (listed,) = client.get("/api/v1/awards?year=2024", **headers).json()["items"]
    assert (listed["period_from"], listed["period_to"]) == (2023, 2024)
    bad = client.post(
        "/api/v1/awards/bulk",
        {"items": [{**item, "period_to": 2020}]},
        content_type="application/json",
        **headers,
    )
    assert bad.status_code == 422 and bad.json()["errors"][0]["column"] == TO
    assert AwardRecord.objects.get().period_to == 2024


def test_registry_form_records_the_period(client, facts_world):
    client.force_login(facts_world["officer"])
    create = reverse("commendations:award_create")
    page = client.get(create).content.decode()
    assert 'name="period_from"' in page and 'name="period_to"' in page
    form = {
        "subject_code": "CB001",
        "code": "BANG_KHEN_TINH",
        "year": 2024,
        "track": "cong_trang",
        "period_from": 2023,
        "period_to": 2024,
        "decided_on": "15/03/2025",
    }
    assert client.post(create, form).status_code == 302
    award = AwardRecord.objects.get()
    assert (award.period_from, award.period_to, award.decided_on) == (2023, 2024, date(2025, 3, 15))
