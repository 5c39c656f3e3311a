"""Reading an uploaded .xlsx safely: size, zip directory and decompressed sizes checked before parsing;
merged cells and formulas refused; the number of rows read is bounded (openpyxl read_only would otherwise walk
millions of empty rows). Every refusal is a `FileRefused` with a Vietnamese message; nothing crashes."""

import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from thidua.core import vn_text

from .columns import Column

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
DEFAULT_MAX_UNCOMPRESSED = 300 * 1024 * 1024
DEFAULT_MAX_ROWS = 60_000
MAX_RATIO = 200  # a member decompressing to more than 200× its compressed size, above 10 MB, is a bomb
MAX_MEMBERS = 2_000
MAX_COLUMNS = 60
DATA_SHEET = "Dữ liệu"

_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+[0-9]+(?::[A-Z]+[0-9]+)?)"')


class FileRefused(Exception):
    """The whole file is refused (not an xlsx, too large, merged cells, wrong headers...)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass
class RowError:
    row: int
    column: str | None
    message: str
    code: str = ""  # "scope" when the row names a person or unit outside the user's scope

    def __str__(self) -> str:
        if self.column:
            return _("Dòng %(row)s, cột '%(column)s': %(message)s") % {
                "row": self.row,
                "column": self.column,
                "message": self.message,
            }
        return _("Dòng %(row)s: %(message)s") % {"row": self.row, "message": self.message}

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "message": self.message, "text": str(self)}


@dataclass
class Table:
    """Raw cell values by column key, with the Excel row number; formula cells as errors."""

    rows: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


def limits() -> tuple[int, int, int]:
    return (
        int(getattr(settings, "THIDUA_IMPORT_MAX_BYTES", DEFAULT_MAX_BYTES)),
        int(getattr(settings, "THIDUA_IMPORT_MAX_UNCOMPRESSED", DEFAULT_MAX_UNCOMPRESSED)),
        int(getattr(settings, "THIDUA_IMPORT_MAX_ROWS", DEFAULT_MAX_ROWS)),
    )


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}".replace(".", ",")


def _not_xlsx() -> FileRefused:
    return FileRefused(
        _(
            "Tệp không phải là bảng tính Excel .xlsx (tệp .xls cũ, PDF, CSV hay tệp đã đổi đuôi đều "
            "không dùng được). Hãy tải tệp mẫu của hệ thống, nhập dữ liệu và lưu dưới dạng .xlsx."
        )
    )


def check_archive(data: bytes) -> zipfile.ZipFile:
    """Refuse what is not a plain xlsx before any XML is parsed."""
    max_bytes, max_uncompressed, _rows = limits()
    if len(data) > max_bytes:
        raise FileRefused(
            _("Tệp quá lớn (%(size)s MB); giới hạn là %(max)s MB. Hãy chia thành nhiều tệp.")
            % {"size": _mb(len(data)), "max": _mb(max_bytes)}
        )
    if not data.startswith(b"PK\x03\x04"):
        raise _not_xlsx()
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise _not_xlsx() from None
    names = {m.filename for m in members}
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise _not_xlsx()
    if len(members) > MAX_MEMBERS:
        raise FileRefused(_("Tệp Excel có cấu trúc bất thường (quá nhiều thành phần); không nhập."))
    declared = sum(m.file_size for m in members)
    bomb = FileRefused(
        _(
            "Tệp Excel có dung lượng giải nén bất thường (vượt %(max)s MB): có thể là tệp nén độc hại "
            "(zip bomb); không nhập."
        )
        % {"max": _mb(max_uncompressed)}
    )
    if declared > max_uncompressed:
        raise bomb
    for member in members:
        if member.flag_bits & 0x1:
            raise FileRefused(_("Tệp Excel được đặt mật khẩu; hãy bỏ mật khẩu rồi tải lên lại."))
        if member.file_size > 10 * 1024 * 1024 and member.file_size > MAX_RATIO * max(
            member.compress_size, 1
        ):
            raise bomb
    # The directory can lie: decompress in chunks and count, never trusting the declared sizes.
    total = 0
    try:
        for member in members:
            with archive.open(member) as stream:
                while chunk := stream.read(1024 * 1024):
                    total += len(chunk)
                    if total > max_uncompressed:
                        raise bomb
    except FileRefused:
        raise
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError, NotImplementedError):
        raise FileRefused(
            _("Tệp Excel bị hỏng (không giải nén được); hãy lưu lại tệp bằng Excel rồi tải lên.")
        ) from None
    return archive


def _refuse_merged(archive: zipfile.ZipFile, path: str) -> None:
    tail = b""
    with archive.open(path.lstrip("/")) as stream:
        while chunk := stream.read(1024 * 1024):
            found = _MERGE.search(tail + chunk)
            if found:
                raise FileRefused(
                    _(
                        "Bảng tính có ô gộp (merge) ở vùng %(ref)s. Hãy bỏ gộp ô (dòng tiêu đề phải giữ nguyên như "
                        "tệp mẫu, mỗi cột một ô) rồi tải lên lại."
                    )
                    % {"ref": found.group(1).decode()}
                )
            tail = chunk[-200:]


_ROW = re.compile(rb'<(?:\w+:)?row\s[^>]*?\br="(\d+)"')
_VALUE = re.compile(rb"<(?:\w+:)?(?:v|is|f)[\s>]")


def _has_data_beyond(archive: zipfile.ZipFile, path: str, last_row: int) -> bool:
    """Whether any cell with a value or formula lies below `last_row` (a fast byte scan, no XML parsing)."""
    tail = b""
    beyond = False
    with archive.open(path.lstrip("/")) as stream:
        while chunk := stream.read(1024 * 1024):
            window = tail + chunk
            if not beyond:
                for match in _ROW.finditer(window):
                    if int(match.group(1)) > last_row:
                        beyond = True
                        window = window[match.start() :]
                        break
            if beyond and _VALUE.search(window):
                return True
            tail = window[-300:]
    return False


def _header_map(header: tuple, columns: list[Column]) -> dict[int, Column]:
    by_name = {vn_text.fold(" ".join(c.header.split())): c for c in columns}
    mapping: dict[int, Column] = {}
    unknown = []
    for index, value in enumerate(header):
        if value is None or str(value).strip() == "":
            continue
        column = by_name.get(vn_text.fold(" ".join(str(value).split())))
        if column is None:
            unknown.append(str(value).strip())
        elif column in mapping.values():
            raise FileRefused(_("Cột '%(name)s' xuất hiện hai lần ở dòng tiêu đề.") % {"name": column.header})
        else:
            mapping[index] = column
    missing = [c.header for c in columns if c.required and c not in mapping.values()]
    if unknown or missing:
        expected = ", ".join(f"'{c.header}'" for c in columns)
        parts = []
        if missing:
            parts.append(_("thiếu cột %(cols)s") % {"cols": ", ".join(f"'{m}'" for m in missing)})
        if unknown:
            parts.append(
                _("cột không có trong mẫu %(cols)s") % {"cols": ", ".join(f"'{u}'" for u in unknown)}
            )
        raise FileRefused(
            _(
                "Dòng tiêu đề không đúng mẫu (%(problems)s). Các cột của mẫu: %(expected)s. Hãy tải tệp "
                "mẫu từ hệ thống."
            )
            % {"problems": "; ".join(parts), "expected": expected}
        )
    return mapping


def read_table(
    data: bytes, columns: list[Column], *, progress: Callable[[float], None] | None = None
) -> Table:
    """The data rows of the first sheet (or the sheet named 'Dữ liệu') as raw values by column key."""
    archive = check_archive(data)
    _bytes, _unc, max_rows = limits()
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception:  # openpyxl raises many kinds on a damaged file; all mean the same to the user
        raise FileRefused(_("Không đọc được tệp Excel: tệp hỏng hoặc không đúng định dạng .xlsx.")) from None
    try:
        sheets = workbook.worksheets
        if not sheets:
            raise FileRefused(_("Tệp Excel không có trang tính nào."))
        sheet = next((s for s in sheets if s.title == DATA_SHEET), sheets[0])
        path = getattr(sheet, "_worksheet_path", None)
        if path:
            _refuse_merged(archive, path)
        table = Table()
        rows = sheet.iter_rows(min_row=1, max_row=max_rows + 2, max_col=MAX_COLUMNS)
        try:
            header_cells = next(rows)
        except StopIteration:
            raise FileRefused(_("Bảng tính trống: không có dòng tiêu đề.")) from None
        header = tuple(getattr(c, "value", None) for c in header_cells)
        mapping = _header_map(header, columns)
        count = 0
        row_number = 1
        estimate = max(1, min(getattr(sheet, "max_row", None) or max_rows, max_rows + 1))
        step = max(1, estimate // 20)
        for row_number, cells in enumerate(rows, start=2):
            values: dict[str, Any] = {}
            empty = True
            for index, cell in enumerate(cells):
                value = getattr(cell, "value", None)
                if value is None or (isinstance(value, str) and not value.strip()):
                    continue
                column = mapping.get(index)
                if column is None:
                    continue
                empty = False
                if getattr(cell, "data_type", None) == "f":
                    table.errors.append(
                        RowError(
                            row_number,
                            column.header,
                            _("Ô %(ref)s chứa công thức; hãy dán giá trị (Paste Values) thay cho công thức.")
                            % {"ref": f"{get_column_letter(index + 1)}{row_number}"},
                        )
                    )
                    continue
                values[column.key] = value
            if empty:
                continue
            count += 1
            if count > max_rows:
                raise FileRefused(
                    _("Tệp có hơn %(max)s dòng dữ liệu; hãy chia thành nhiều tệp.")
                    % {"max": f"{max_rows:,}".replace(",", ".")}
                )
            table.rows.append((row_number, values))
            if progress and count % step == 0:
                progress(min(1.0, row_number / estimate))
        if row_number >= max_rows + 2 and path and _has_data_beyond(archive, path, max_rows + 2):
            raise FileRefused(
                _(
                    "Tệp có dữ liệu ở sau dòng %(last)s (quá %(max)s dòng dữ liệu); hãy xóa các dòng thừa "
                    "hoặc chia thành nhiều tệp."
                )
                % {"last": f"{max_rows + 2:,}".replace(",", "."), "max": f"{max_rows:,}".replace(",", ".")}
            )
    except FileRefused:
        raise
    except Exception:
        raise FileRefused(_("Không đọc được tệp Excel: tệp hỏng hoặc không đúng định dạng .xlsx.")) from None
    finally:
        workbook.close()
    if not table.rows and not table.errors:
        raise FileRefused(_("Tệp không có dòng dữ liệu nào dưới dòng tiêu đề."))
    return table
