"""A collective's own discipline (`CollectiveAppraisal.discipline_form`) travels through the Excel kind
`collective` and its API like every other column: imported, checked with a message naming the column, audited
and exported; the collective appraisal form records it."""

import pytest
from django.urls import reverse

from thidua.accounts.models import ApiToken
from thidua.appraisals.models import CollectiveAppraisal
from thidua.audit.models import AuditEvent
from thidua.exchange.kinds import get_kind
from thidua.exchange.services import facts_export, facts_import_file, facts_template
from thidua.organizations.tests.xlsx import sheet_rows, template_header, xlsx

pytestmark = pytest.mark.django_db

COLUMN = "Hình thức kỷ luật của tập thể"
HEADER = ["Mã đơn vị", "Năm", "Xếp loại", "Thứ hạng trong khối thi đua", COLUMN, "Kết quả nổi bật"]


def test_collective_import_writes_the_collectives_discipline_and_audits_it(facts_world):
    data = xlsx(
        HEADER,
        [
            ["A-VP", 2024, "HTTNV", 2, "Khiển trách", "Chậm tiến độ"],
            ["A-QLKH", 2024, "HTXSNV", 1, None, None],
        ],
    )
    outcome = facts_import_file(kind_name="collective", data=data, user=facts_world["officer"], dry_run=False)
    assert outcome.written, outcome.error_lines()
    stored = dict(CollectiveAppraisal.objects.values_list("organization__code", "discipline_form"))
    assert stored == {"A-VP": "khien_trach", "A-QLKH": ""}
    vp = CollectiveAppraisal.objects.get(organization__code="A-VP")
    event = AuditEvent.objects.get(
        object_type="appraisals.collectiveappraisal", action="create", object_id=str(vp.pk)
    )
    assert event.after is not None
    assert event.after["discipline_form"] == "khien_trach"

    lifted = xlsx(HEADER, [["A-VP", 2024, "HTTNV", 2, "canh_cao", "Chậm tiến độ"]])
    again = facts_import_file(kind_name="collective", data=lifted, user=facts_world["officer"], dry_run=False)
    assert (again.created, again.updated) == (0, 1)
    update = AuditEvent.objects.get(object_type="appraisals.collectiveappraisal", action="update")
    assert update.after is not None and update.before is not None
    assert (update.before["discipline_form"], update.after["discipline_form"]) == ("khien_trach", "canh_cao")


def test_collective_template_and_export_carry_the_discipline(facts_world):
    header = template_header(facts_template(kind_name="collective"))
    assert header.index(COLUMN) == header.index("Thứ hạng trong khối thi đua") + 1
    orgs = facts_world["orgs"]
    CollectiveAppraisal.objects.create(
        organization=orgs["div_a"], year=2024, rating="HTNV", discipline_form="canh_cao"
    )
    CollectiveAppraisal.objects.create(organization=orgs["div_b"], year=2024, rating="HTTNV")
    exported = facts_export(kind_name="collective", user=facts_world["officer"])
    assert exported is not None
    rows = {row["Mã đơn vị"]: row for row in sheet_rows(exported)}
    column = get_kind("collective").column("discipline_form")  # the export writes the code or its name
    assert column.parse(rows["A-VP"][COLUMN]) == "canh_cao" and rows["A-QLKH"][COLUMN] is None
    again = facts_import_file(
        kind_name="collective", data=exported, user=facts_world["officer"], dry_run=False
    )
    assert again.written and (again.created, again.updated) == (0, 2)
    assert CollectiveAppraisal.objects.get(organization=orgs["div_a"]).discipline_form == "canh_cao"


def test_a_bad_discipline_is_refused_naming_its_column(facts_world):
    data = xlsx(HEADER, [["A-VP", 2024, "HTTNV", None, "phê bình", None]])
    lines = facts_import_file(kind_name="collective", data=data, user=None, dry_run=False).error_lines()
    assert lines == [
        f"Dòng 2, cột '{COLUMN}': “phê bình” không có trong danh mục "
        "(khien_trach, canh_cao, ha_bac_luong, giang_chuc, cach_chuc, buoc_thoi_viec)."
    ]
    assert not CollectiveAppraisal.objects.exists()


def test_collective_api_lists_and_takes_the_discipline(client, facts_world):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(user=facts_world['officer'], name='t')[1]}"}
    item = {"unit_code": "A-VP", "year": 2024, "rating": "HTTNV", "discipline_form": "khien_trach"}
    response = client.post(
        "/api/v1/collective-appraisals/bulk", {"items": [item]}, content_type="application/json", **headers
    )
    assert response.status_code == 200, response.content
    (listed,) = client.get("/api/v1/collective-appraisals?year=2024", **headers).json()["items"]
    assert listed["discipline_form"] == "khien_trach"
    bad = client.post(
        "/api/v1/collective-appraisals/bulk",
        {"items": [{**item, "discipline_form": "giai_tan"}]},
        content_type="application/json",
        **headers,
    )
    assert bad.status_code == 422 and bad.json()["errors"][0]["column"] == COLUMN


def test_collective_appraisal_form_records_the_discipline(client, facts_world):
    client.force_login(facts_world["officer"])
    create = reverse("appraisals:fact_create", args=["tap-the"])
    assert 'name="discipline_form"' in client.get(create).content.decode()
    form = {
        "organization": facts_world["orgs"]["div_a"].pk,
        "year": 2024,
        "rating": "HTTNV",
        "discipline_form": "canh_cao",
    }
    assert client.post(create, form).status_code == 302
    assert CollectiveAppraisal.objects.get().discipline_form == "canh_cao"
