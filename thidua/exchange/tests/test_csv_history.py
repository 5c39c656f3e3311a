"""Large CSV files of award history checked by sets (issue 16; `exchange.sql`, `commendations.history` and `commendations.sql`): the
same errors, row by row, as the Excel import; the same registry after a clean file; all or nothing; one audit event
naming the file by its SHA-256; administrators only; a job with progress through the upload page."""

from __future__ import annotations

import csv
import hashlib
import io
from datetime import date

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thidua.accounts.models import Role
from thidua.audit.models import AuditEvent
from thidua.commendations.exchange import AwardsKind
from thidua.commendations.models import AwardRecord
from thidua.exchange import services
from thidua.exchange.models import ImportJob, ImportStatus
from thidua.organizations.models import Organization, Person

# The template's headers, in its order (what an export of the registry writes, and Excel saves as CSV).
HEADER = [column.header for column in AwardsKind.columns]


def _csv(
    rows: list[list[object]], header: list[str] = HEADER, *, delimiter: str = ",", bom: bool = True
) -> bytes:
    text = io.StringIO()
    writer = csv.writer(text, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    return ("\ufeff" if bom else "").encode() + text.getvalue().encode("utf-8")


def _row(staff="", unit="", code="CSTDCS", year=2023, **extra) -> list[object]:
    values = {
        "track": "",
        "period_from": "",
        "period_to": "",
        "decision_number": "",
        "decided_on": "",
        "deciding_body": "",
        "status": "",
        "note": "",
        **extra,
    }
    return [
        staff,
        unit,
        "",
        code,
        year,
        values["track"],
        values["period_from"],
        values["period_to"],
        values["decision_number"],
        values["decided_on"],
        values["deciding_body"],
        values["status"],
        values["note"],
    ]


def _import(data: bytes, *, user=None, dry_run=False):
    return services.facts_import_csv(
        kind_name="awards",
        handle=io.BytesIO(data),
        size=len(data),
        user=user,
        dry_run=dry_run,
        source="test",
        digest=hashlib.sha256(data).hexdigest(),
    )


def _registry() -> list[tuple]:
    return sorted(
        AwardRecord.objects.values_list(
            "code",
            "person__staff_code",
            "organization__code",
            "year",
            "track",
            "status",
            "period_from",
            "period_to",
            "decision_number",
            "decided_on",
            "deciding_body",
            "note",
        ),
        key=repr,
    )


@pytest.fixture
def admin(make_user):
    return make_user(is_superuser=True, username="quantri")


def test_a_clean_file_is_merged_once_with_one_audit_event(facts_world, admin):
    cb1 = facts_world["people"]["CB001"]
    AwardRecord.objects.create(code="CSTDCS", person=cb1, year=2022, decision_number="cũ")
    data = _csv(
        [
            _row("CB001", code="CSTDCS", year=2022, decision_number="12/QĐ-SKHCN", decided_on="05/12/2022"),
            _row("CB002", code="Chiến sĩ thi đua cơ sở", year=2023, note="Đề tài cấp tỉnh"),
            _row(unit="A-VP", code="TTLDTT", year=2023, deciding_body="Giám đốc Sở"),
            _row(
                "CB004", code="BANG_KHEN_TINH", year=2021, track="chuyen_de", period_from=2019, period_to=2021
            ),
        ]
    )
    dry = _import(data, user=admin, dry_run=True)
    assert (dry.rows, dry.created, dry.updated, dry.errors, dry.written) == (4, 3, 1, [], False)
    assert AwardRecord.objects.count() == 1  # a dry run writes nothing

    outcome = _import(data, user=admin)
    assert (outcome.rows, outcome.created, outcome.updated, outcome.written) == (4, 3, 1, True)
    updated = AwardRecord.objects.get(person=cb1, year=2022)
    assert (updated.decision_number, updated.decided_on) == ("12/QĐ-SKHCN", date(2022, 12, 5))
    collective = AwardRecord.objects.get(organization__code="A-VP")
    assert (collective.code, collective.deciding_body, collective.recency) == (
        "TTLDTT",
        "Giám đốc Sở",
        10000 - 2023,
    )
    thematic = AwardRecord.objects.get(person__staff_code="CB004")
    assert (thematic.track, thematic.period_from, thematic.period_to) == ("chuyen_de", 2019, 2021)
    event = AuditEvent.objects.get(action="import", object_type="exchange.awards")
    assert event.after is not None and event.after["sha256"] == hashlib.sha256(data).hexdigest()
    assert (event.after["rows"], event.after["created"], event.after["updated"]) == (4, 3, 1)

    again = _import(data, user=admin)  # the same file again: nothing new, nothing changed
    assert (again.created, again.updated) == (0, 0)
    assert AwardRecord.objects.count() == 4


# The Excel import's messages, row by row (the header is row 1).
ERRORS = [
    (_row("CB999"), 2, "Mã cán bộ", "Không tìm thấy cán bộ có mã “CB999”."),
    (_row(unit="KHONG-CO"), 3, "Mã đơn vị (tập thể)", "Không tìm thấy đơn vị có mã “KHONG-CO”."),
    (_row("CB001", year="hai nghìn"), 4, "Năm", "“hai nghìn” không phải là số nguyên."),
    (_row("CB001", year=1800), 5, "Năm", "1800 nằm ngoài khoảng cho phép (1990–2100)."),
    (_row("CB001", code="XYZ"), 6, "Danh hiệu, hình thức", "“XYZ” không có trong danh mục"),
    (_row("CB001", code=""), 7, "Danh hiệu, hình thức", "Không được để trống."),
    (_row("CB001", decided_on="31/02/2023"), 8, "Ngày quyết định", "Ngày “31/02/2023” không hợp lệ"),
    (_row("CB001", decision_number="x" * 65), 9, "Số quyết định", "Dài quá 64 ký tự."),
    (_row(), 10, None, "Ghi đúng một trong hai cột"),
    (_row("CB001", unit="A-VP"), 11, None, "Ghi đúng một trong hai cột"),
]


def test_errors_name_the_row_the_column_and_the_excel_message(facts_world, admin):
    outcome = _import(_csv([row for row, *_ in ERRORS]), user=admin)
    assert not outcome.written and AwardRecord.objects.count() == 0
    found = [(e.row, e.column, e.message) for e in outcome.errors]
    for _row_values, row, column, message in ERRORS:
        assert any(r == row and c == column and m.startswith(message) for r, c, m in found), (row, found)
    assert outcome.errors_in_all == len(found) == len(ERRORS)


def test_the_period_and_duplicates_are_checked_on_a_clean_set_of_cells(facts_world, admin):
    outcome = _import(
        _csv(
            [
                _row("CB001", period_from=2020),
                _row("CB002", period_from=2022, period_to=2020),
                _row("CB003", year=2023),
                _row("CB003", year=2023, note="lần hai"),
            ]
        ),
        user=admin,
    )
    found = {(e.row, e.column): e.message for e in outcome.errors}
    assert found[(2, "Giai đoạn thành tích đến năm")].startswith("Ghi cả năm đầu và năm cuối")
    assert found[(3, "Giai đoạn thành tích đến năm")] == (
        "Năm cuối 2020 của giai đoạn thành tích đứng trước năm đầu 2022."
    )
    assert found[(5, None)] == "Trùng với dòng 4 trong tệp (cùng khóa: CB003 – CSTDCS – 2023)."
    assert len(found) == 3 and AwardRecord.objects.count() == 0


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (_csv([_row("CB001")], bom=False).decode().encode("utf-16"), "UTF-8"),
        ("Mã cán bộ,Năm\nCB001,2023\n".encode("cp1258", errors="replace"), "UTF-8"),
        (_csv([_row("CB001")], header=[*HEADER[:-1], "Cột lạ"]), "Cột “Cột lạ” không có trong mẫu"),
        (
            _csv([["CB001", 2023]], header=["Mã cán bộ", "Năm"]),
            "Tệp thiếu cột bắt buộc “Danh hiệu, hình thức”.",
        ),
        (_csv([_row("CB001"), ["CB002", "", "", "CSTDCS"]]), "Dòng 3: số cột khác dòng tiêu đề (13 cột)."),
        (_csv([_row("CB001")], header=[*HEADER[:-1], "Năm"]), "Cột “Năm” có hai lần trong dòng tiêu đề."),
    ],
    ids=["utf16", "cp1258", "unknown-header", "missing-required", "wrong-width", "repeated-header"],
)
def test_unreadable_files_are_refused_with_a_clear_message(facts_world, admin, data, message):
    outcome = _import(data, user=admin)
    assert message in outcome.refused and not outcome.written
    assert AwardRecord.objects.count() == 0


def test_semicolons_and_keys_instead_of_headers_are_read(facts_world, admin):
    data = _csv([["CB001", "CSTDCS", "2023"]], header=["staff_code", "code", "year"], delimiter=";")
    outcome = _import(data, user=admin)
    assert outcome.written and _registry()[0][:4] == ("CSTDCS", "CB001", None, 2023)


def test_a_failure_inside_the_merge_leaves_nothing(facts_world, admin):
    def fails(outcome):
        raise RuntimeError("mất kết nối")

    data = _csv([_row("CB001"), _row("CB002")])
    with pytest.raises(RuntimeError):
        services.facts_import_csv(
            kind_name="awards",
            handle=io.BytesIO(data),
            size=len(data),
            user=admin,
            dry_run=False,
            after_write=fails,
        )
    assert AwardRecord.objects.count() == 0
    assert not AuditEvent.objects.filter(action="import").exists()


def test_only_a_system_administrator_imports_history(facts_world):
    outcome = _import(_csv([_row("CB001")]), user=facts_world["officer"])
    assert "chỉ quản trị hệ thống" in outcome.refused and AwardRecord.objects.count() == 0


def test_another_kind_takes_no_csv(facts_world, admin):
    data = _csv([["CB001", 2023]], header=["Mã cán bộ", "Năm"])
    outcome = services.facts_import_csv(
        kind_name="ratings", handle=io.BytesIO(data), size=len(data), user=admin, dry_run=True
    )
    assert "nhập bằng tệp Excel" in outcome.refused


def test_the_upload_page_runs_a_csv_job_for_an_administrator_and_refuses_an_officer(
    facts_world, admin, client
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from thidua.accounts.models import RoleGrant

    RoleGrant.objects.create(user=admin, role=Role.ADMIN, organization=facts_world["orgs"]["province"])
    data = _csv([_row("CB001"), _row(unit="A-VP", code="TTLDTT")])
    url = reverse("exchange:upload", args=["awards"])
    client.force_login(admin)
    page = client.get(url).content.decode()
    assert 'data-testid="csv-history-note"' in page and 'accept=".xlsx,.csv"' in page
    response = client.post(url, {"file": SimpleUploadedFile("lich-su.csv", data), "dry_run": ""})
    job = ImportJob.objects.get()
    assert response.url == reverse("exchange:job", args=[job.pk])
    assert (job.status, job.total_rows, job.created_count, job.progress) == (ImportStatus.DONE, 2, 2, 100)
    assert AwardRecord.objects.count() == 2

    client.force_login(facts_world["officer"])
    page = client.post(
        url, {"file": SimpleUploadedFile("lich-su.csv", data), "dry_run": "on"}
    ).content.decode()
    assert "Tệp CSV chỉ dùng để quản trị hệ thống" in page
    assert ImportJob.objects.count() == 1


def test_a_job_reports_the_number_of_all_errors_beyond_the_first_thousand(facts_world, admin, settings):
    from thidua.exchange import sql as staging

    settings.THIDUA_IMPORT_LEASE_SECONDS = 600
    job = services.import_job_create(
        actor=admin,
        kind_name="awards",
        name="lon.csv",
        data=_csv([_row(f"X{n}") for n in range(staging.MAX_ERRORS + 5)]),
        dry_run=True,
    )
    job = services.import_job_run(job_id=job.pk)
    assert job.status == ImportStatus.INVALID and len(job.errors) <= staging.MAX_ERRORS
    assert f"{staging.MAX_ERRORS + 5} lỗi" in job.message


# ---------------------------------------------------------------- the same registry as the Excel import

STAFF = ["CB001", "CB002", "CB003", "CB404"]
UNITS = ["A-VP", "A-QLKH", "KHONG"]
row_values = st.fixed_dictionaries(
    {
        "subject": st.sampled_from([("staff", s) for s in STAFF] + [("unit", u) for u in UNITS]),
        "code": st.sampled_from(["CSTDCS", "LDTT", "BANG_KHEN_TINH", "TTLDTT", "XYZ"]),
        "year": st.sampled_from([2021, 2022, "2023", 1985]),
        "decision_number": st.sampled_from(["", "5/QĐ", "x" * 70]),
        "period": st.sampled_from([("", ""), (2020, 2022), (2022, 2020), (2020, "")]),
    }
)


def _as_row(values: dict) -> list[object]:
    kind, code = values["subject"]
    period_from, period_to = values["period"]
    return _row(
        code if kind == "staff" else "",
        code if kind == "unit" else "",
        code=values["code"],
        year=values["year"],
        decision_number=values["decision_number"],
        period_from=period_from,
        period_to=period_to,
    )


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(row_values, min_size=1, max_size=8), stored=st.booleans())
def test_csv_and_excel_agree_on_every_file(facts_world, admin, rows, stored):
    """Whatever the rows: the CSV path finds errors exactly when the Excel path does, on the same rows, and a clean
    file leaves the same registry by both paths."""
    from django.db import transaction

    from .conftest import make_xlsx

    def run(importer) -> tuple:
        with transaction.atomic():
            if stored:
                AwardRecord.objects.create(code="CSTDCS", person=facts_world["people"]["CB001"], year=2021)
            outcome = importer()
            result = (sorted({e.row for e in outcome.errors}), outcome.created, outcome.updated, _registry())
            transaction.set_rollback(True)
        return result

    table = [_as_row(values) for values in rows]
    by_csv = run(lambda: _import(_csv(table), user=admin))
    by_excel = run(
        lambda: services.facts_import_file(
            kind_name="awards",
            data=make_xlsx([[v if v != "" else None for v in r] for r in table], header=HEADER),
            user=admin,
            dry_run=False,
        )
    )
    assert by_csv == by_excel
    assert Person.objects.count() == 5 and Organization.objects.filter(code="KHONG").count() == 0


def test_the_command_line_imports_a_csv_file_of_history(facts_world, tmp_path, capsys):
    from django.core.management import call_command

    path = tmp_path / "lich-su.csv"
    path.write_bytes(_csv([_row("CB001"), _row("CB002", year=2020)]))
    call_command("import_facts", "awards", str(path))
    assert "Đã ghi: 2 dòng, 2 thêm mới, 0 cập nhật." in capsys.readouterr().out
    path.write_bytes(_csv([_row("CB999")]))
    with pytest.raises(SystemExit) as exited:
        call_command("import_facts", "awards", str(path))
    assert exited.value.code == 1 and "Không tìm thấy cán bộ có mã “CB999”." in capsys.readouterr().err
    assert AwardRecord.objects.count() == 2
