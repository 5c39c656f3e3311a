"""Real .xlsx files for the kinds' tests, written and read with openpyxl."""

import io

from openpyxl import Workbook, load_workbook


def xlsx(header: list[str], rows: list[list[object]]) -> bytes:
    """A workbook written by openpyxl: the header, then the rows (datetimes become Excel dates)."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def sheet_rows(data: bytes) -> list[dict[str, object]]:
    """The data sheet of an exported file, one dict per row keyed by header."""
    sheet = load_workbook(io.BytesIO(data))["Dữ liệu"]
    rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def template_header(data: bytes) -> list[object]:
    """The header row of a template."""
    return [cell.value for cell in load_workbook(io.BytesIO(data))["Dữ liệu"][1]]
