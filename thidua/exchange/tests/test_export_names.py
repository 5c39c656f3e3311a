"""Exports are read by people: coded columns hold names (Lao động tiên tiến, Công trạng), and the same file
imports back; the codes stay in the catalogue sheet and in the API."""

from datetime import date
from io import BytesIO

from openpyxl import load_workbook

from thidua.commendations.models import AwardRecord
from thidua.exchange.services import facts_export, facts_import_file


def test_award_export_names_the_title_and_the_track_and_imports_back(facts_world, client):
    person = facts_world["people"]["CB001"]
    AwardRecord.objects.create(
        code="LDTT",
        person=person,
        year=2023,
        track="cong_trang",
        decision_number="1/QĐ",
        decided_on=date(2024, 1, 5),
    )
    officer = facts_world["officer"]
    data = facts_export(kind_name="awards", user=officer)
    assert data is not None
    sheet = load_workbook(BytesIO(data))["Dữ liệu"]
    header = [c.value for c in sheet[1]]
    row = dict(zip(header, [c.value for c in sheet[2]], strict=False))
    assert row["Danh hiệu, hình thức"] == "Lao động tiên tiến"
    assert row["Loại khen thưởng"] == "Công trạng"
    assert "cong_trang" not in [c.value for c in sheet[2]]
    outcome = facts_import_file(kind_name="awards", data=data, user=officer, dry_run=True)
    assert outcome.clean, outcome.error_lines()
    # The API keeps the codes (machines read codes).
    client.force_login(officer)
    item = client.get("/api/v1/awards").json()["items"][0]
    assert item["code"] == "LDTT" and item["track"] == "cong_trang"
