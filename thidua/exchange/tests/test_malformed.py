"""Malformed files are refused with a clear Vietnamese message; never a crash, never a partial import."""

import io
import time
import zipfile

import pytest

from thidua.appraisals.models import Appraisal
from thidua.exchange.services import facts_import_file

from .conftest import RATINGS_HEADER, make_xlsx

pytestmark = pytest.mark.django_db


def _import(data, user=None):
    outcome = facts_import_file(kind_name="ratings", data=data, user=user, dry_run=False)
    assert not outcome.written
    assert Appraisal.objects.count() == 0
    return outcome


def test_pdf_renamed_xlsx_is_refused(facts_world):
    outcome = _import(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF")
    assert outcome.refused.startswith("Tệp không phải là bảng tính Excel .xlsx")


def test_random_bytes_and_a_plain_zip_are_refused(facts_world):
    assert _import(bytes(range(256)) * 40).refused.startswith("Tệp không phải là bảng tính Excel")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("hello.txt", "xin chào")
    assert _import(buffer.getvalue()).refused.startswith("Tệp không phải là bảng tính Excel")


def test_truncated_xlsx_is_refused(facts_world):
    data = make_xlsx([["CB001", "", 2024, "HTTNV"]], header=RATINGS_HEADER)
    assert _import(data[: len(data) // 2]).refused


def test_zip_bomb_is_refused_before_parsing(facts_world, settings):
    settings.THIDUA_IMPORT_MAX_UNCOMPRESSED = 5 * 1024 * 1024
    good = make_xlsx([["CB001", "", 2024, "HTTNV"]], header=RATINGS_HEADER)
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good)) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for item in source.infolist():
            z.writestr(item, source.read(item.filename))
        z.writestr("xl/media/bomb.bin", b"\0" * (20 * 1024 * 1024))
    assert len(buffer.getvalue()) < 200_000
    outcome = _import(buffer.getvalue())
    assert "zip bomb" in outcome.refused


def test_zip_with_lying_directory_is_refused(facts_world, settings):
    """The declared size says small; the real stream is large: decompression is counted, not trusted."""
    settings.THIDUA_IMPORT_MAX_UNCOMPRESSED = 2 * 1024 * 1024
    good = make_xlsx([["CB001", "", 2024, "HTTNV"]], header=RATINGS_HEADER)
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good)) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for item in source.infolist():
            z.writestr(item, source.read(item.filename))
        z.writestr("xl/media/big.bin", b"\0" * (3 * 1024 * 1024))
    raw = bytearray(buffer.getvalue())
    # Patch the central directory's uncompressed size of the last member to 10 bytes.
    cd = raw.rfind(b"PK\x01\x02")
    raw[cd + 24 : cd + 28] = (10).to_bytes(4, "little")
    outcome = _import(bytes(raw))
    assert outcome.refused  # zip bomb or damaged file, never a crash


def test_too_large_file_is_refused(facts_world, settings):
    settings.THIDUA_IMPORT_MAX_BYTES = 1000
    data = make_xlsx([["CB001", "", 2024, "HTTNV"]] * 50, header=RATINGS_HEADER)
    assert _import(data).refused.startswith("Tệp quá lớn")


def test_formulas_are_refused_with_row_and_column(facts_world):
    data = make_xlsx([["CB001", "", 2024, "HTTNV"]], header=RATINGS_HEADER, formulas=[(1, 4, "=6+6")])
    outcome = _import(data, facts_world["officer"])
    assert outcome.error_lines() == [
        "Dòng 2, cột 'Số tháng công tác': Ô E2 chứa công thức; hãy dán giá trị (Paste Values) thay cho công thức."
    ]


def test_merged_header_cells_are_refused(facts_world):
    data = make_xlsx([["CB001", "", 2024, "HTTNV"]], header=RATINGS_HEADER, merge=(0, 0, 0, 1))
    assert "ô gộp (merge) ở vùng A1:B1" in _import(data).refused


def test_wrong_headers_are_refused_with_the_expected_columns(facts_world):
    data = make_xlsx([["CB001", 2024, "HTTNV"]], header=["Mã CB", "Năm", "Xếp loại"])
    refused = _import(data).refused
    assert refused.startswith(
        "Dòng tiêu đề không đúng mẫu (thiếu cột 'Mã cán bộ'; cột không có trong mẫu 'Mã CB')"
    )


def test_empty_sheet_is_refused(facts_world):
    assert (
        _import(make_xlsx([], header=RATINGS_HEADER)).refused
        == "Tệp không có dòng dữ liệu nào dưới dòng tiêu đề."
    )


def _with_empty_rows(data: bytes, count: int) -> bytes:
    """Append `count` empty <row> elements to the sheet XML (as Excel writes formatted empty rows)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                rows = b"".join(b'<row r="%d" s="1" customFormat="1"/>' % n for n in range(3, count + 3))
                content = content.replace(b"</sheetData>", rows + b"</sheetData>")
            z.writestr(item, content)
    return buffer.getvalue()


def test_a_million_trailing_empty_rows_are_ignored_quickly(facts_world, settings):
    settings.THIDUA_IMPORT_MAX_ROWS = 60_000
    data = _with_empty_rows(make_xlsx([["CB001", "", 2024, "HTTNV"]], header=RATINGS_HEADER), 1_000_000)
    started = time.perf_counter()
    outcome = facts_import_file(kind_name="ratings", data=data, user=facts_world["officer"], dry_run=False)
    assert time.perf_counter() - started < 20
    assert outcome.clean and outcome.written and Appraisal.objects.count() == 1


def test_data_beyond_the_row_cap_is_refused(facts_world, settings):
    settings.THIDUA_IMPORT_MAX_ROWS = 5
    data = make_xlsx([["CB001", "", 2020 + i, "HTTNV"] for i in range(6)], header=RATINGS_HEADER)
    assert _import(data).refused == "Tệp có hơn 5 dòng dữ liệu; hãy chia thành nhiều tệp."


def test_a_cell_far_down_is_bounded_by_the_cap(facts_world, settings):
    """A value on row 1,000,000 (a sheet 'a million rows long') stops at the cap instead of walking all rows."""
    settings.THIDUA_IMPORT_MAX_ROWS = 1000
    data = make_xlsx([["CB001", "", 2024, "HTTNV"]], header=RATINGS_HEADER)
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                content = content.replace(
                    b"</sheetData>",
                    b'<row r="1000000"><c r="A1000000" t="inlineStr"><is><t>x</t></is></c></row></sheetData>',
                )
            z.writestr(item, content)
    started = time.perf_counter()
    outcome = facts_import_file(kind_name="ratings", data=buffer.getvalue(), user=None, dry_run=True)
    assert time.perf_counter() - started < 5
    assert outcome.refused == (
        "Tệp có dữ liệu ở sau dòng 1.002 (quá 1.000 dòng dữ liệu); hãy xóa các dòng thừa hoặc "
        "chia thành nhiều tệp."
    )
