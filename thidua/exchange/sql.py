"""The raw SQL of large CSV files, checked by sets, not by rows (issue 16: a million historical award rows).

The file is copied as it is into a temporary table of text columns — PostgreSQL's ``COPY ... FROM STDIN`` reads
the bytes after the header line, so the database, not Python, splits the rows; SQLite takes them through
``executemany`` — with each row's number in the file. The checks then run on sets:

- a column of a closed type (a number, a date, a code of a catalogue) is checked on its *distinct* values, by the
  same `Column.parse` and the same Vietnamese messages as an Excel cell: a million rows of years are a hundred
  values. The typed values go to a small map table per column that the kind's merge joins;
- empty required cells and over-long text are found by one query each;
- the kind adds its own set checks (unknown codes of people and units, duplicates in the file) and its merge
  (`thidua.commendations.history`, its SQL in `thidua.commendations.sql`).

Errors come back as `RowError`s in row order, the first `MAX_ERRORS` of them with the total count. Nothing outside
the temporary tables is written until the kind's merge, which is one transaction.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import IO, Any

from django.db import connection, transaction
from django.utils.translation import gettext as _

from thidua.core import vn_text

from .columns import BOOL, CODE, DATE, DECIMAL, INT, TEXT, CellError, Column
from .reader import FileRefused, RowError

MAX_ERRORS = 1000
BATCH = 10_000
READ_BYTES = 1 << 20
# SQL types of the typed values in the map tables.
SQL_TYPES = {INT: "bigint", DATE: "date", DECIMAL: "numeric(14,2)", CODE: "text", BOOL: "boolean"}


@dataclass
class Stage:
    """A CSV file in a temporary table: ``table`` holds ``row_no`` and one text column ``c_<key>`` per column of
    the file's header; ``columns`` are the kind's columns the file carries."""

    table: str
    columns: list[Column]
    template: list[Column] = field(default_factory=list)  # every column of the kind's template
    rows: int = 0
    maps: dict[str, str] = field(default_factory=dict)  # column key → its map table

    def raw(self, key: str, alias: str = "s") -> str:
        """The cell, trimmed, NULL when empty."""
        return f"NULLIF(TRIM({alias}.c_{key}), '')"

    def value(self, key: str, alias: str = "s") -> str:
        """The typed value of column ``key`` (its map table's, for a closed type; the trimmed text otherwise);
        NULL when the file has no such column."""
        if key in self.maps:
            return f"m_{key}.value"
        if any(c.key == key for c in self.columns):
            return self.raw(key, alias)
        column = next((c for c in self.template if c.key == key), None)
        return f"CAST(NULL AS {SQL_TYPES.get(column.type, 'text') if column else 'text'})"

    def joins(self, alias: str = "s") -> str:
        """The joins of the map tables, for a query over the stage."""
        return " ".join(
            f"LEFT JOIN {table} m_{key} ON m_{key}.raw = {self.raw(key, alias)}"
            for key, table in self.maps.items()
        )

    def has(self, key: str) -> bool:
        return any(c.key == key for c in self.columns)

    def drop(self) -> None:
        with connection.cursor() as cursor:
            for table in [*self.maps.values(), self.table]:
                cursor.execute(f"DROP TABLE IF EXISTS {table}")


def _header(first_line: bytes, columns: list[Column]) -> tuple[str, list[Column | None]]:
    """The delimiter and, per field of the header, the kind's column it names (None: an informational column,
    read and ignored). Refuses an unknown, repeated or missing required header, naming it."""
    try:
        text = first_line.decode("utf-8-sig").rstrip("\r\n")
    except UnicodeDecodeError:
        raise FileRefused(_("Tệp CSV phải được lưu với bảng mã UTF-8 (Excel: “CSV UTF-8”).")) from None
    delimiter = ";" if text.count(";") > text.count(",") else ","
    fields = next(csv.reader([text], delimiter=delimiter))
    by_header = {vn_text.fold(c.header): c for c in columns}
    by_header.update({c.key: c for c in columns})
    mapped: list[Column | None] = []
    seen: set[str] = set()
    for name in fields:
        column = by_header.get(vn_text.fold(name.strip()))
        if column is None:
            raise FileRefused(
                _("Cột “%(name)s” không có trong mẫu; các cột của mẫu: %(headers)s.")
                % {"name": name.strip(), "headers": ", ".join(c.header for c in columns)}
            )
        if column.key in seen:
            raise FileRefused(_("Cột “%(name)s” có hai lần trong dòng tiêu đề.") % {"name": column.header})
        seen.add(column.key)
        mapped.append(None if column.informational else column)
    for column in columns:
        if column.required and column.key not in seen:
            raise FileRefused(_("Tệp thiếu cột bắt buộc “%(name)s”.") % {"name": column.header})
    return delimiter, mapped


def stage_csv(
    handle: IO[bytes],
    *,
    name: str,
    columns: list[Column],
    size: int,
    progress: Callable[[float], None] | None = None,
) -> Stage:
    """Copy the CSV file ``handle`` (``size`` bytes) into a new temporary table ``name``; progress by bytes read.
    Refuses (FileRefused) a file that is not UTF-8 CSV, has an unknown header or a row of the wrong width."""
    delimiter, mapped = _header(handle.readline(), columns)
    names = [f"c_{c.key}" if c is not None else f"c_ignored_{n}" for n, c in enumerate(mapped)]
    stage = Stage(table=name, columns=[c for c in mapped if c is not None], template=columns)
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {name}")
        if connection.vendor == "postgresql":
            cursor.execute(
                f"CREATE TEMPORARY TABLE {name} (row_no bigint GENERATED ALWAYS AS IDENTITY (START WITH 2), "
                + ", ".join(f"{n} text" for n in names)
                + ")"
            )
        else:
            cursor.execute(
                f"CREATE TEMPORARY TABLE {name} (row_no integer PRIMARY KEY, "
                + ", ".join(f"{n} text" for n in names)
                + ")"
            )
    if connection.vendor == "postgresql":
        with transaction.atomic():  # a refused COPY leaves the caller's transaction usable
            _copy(handle, stage, names, delimiter, size, progress)
    else:
        _insert(handle, stage, names, delimiter, size, progress)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {name}")
        stage.rows = cursor.fetchone()[0]
        if connection.vendor == "postgresql":
            cursor.execute(f"ANALYZE {name}")
    return stage


def _copy(
    handle: IO[bytes],
    stage: Stage,
    names: list[str],
    delimiter: str,
    size: int,
    progress: Callable[[float], None] | None,
) -> None:
    """PostgreSQL: the bytes after the header straight into COPY (CSV format: quotes, doubled quotes and line
    breaks inside quotes as Excel writes them)."""
    import psycopg

    statement = (
        f"COPY {stage.table} ({', '.join(names)}) FROM STDIN WITH (FORMAT csv, DELIMITER '{delimiter}')"
    )
    try:
        # One statement: the connection is busy until it ends, so progress (a write on the same connection) is
        # reported after it (a million rows take seconds).
        with connection.cursor() as cursor, cursor.copy(statement) as copy:
            while chunk := handle.read(READ_BYTES):
                copy.write(chunk)
    except psycopg.errors.CharacterNotInRepertoire:
        raise FileRefused(_("Tệp CSV phải được lưu với bảng mã UTF-8 (Excel: “CSV UTF-8”).")) from None
    except (psycopg.errors.BadCopyFileFormat, psycopg.errors.DataError) as exc:
        line = _copy_line(exc)
        raise FileRefused(
            _("Dòng %(row)s: số cột khác dòng tiêu đề (%(n)s cột).") % {"row": line, "n": len(names)}
        ) from None
    if progress:
        progress(1.0)


def _copy_line(exc: Any) -> str:
    """The file's line of a COPY error (PostgreSQL counts the header as line 1 of what it read, not of the file:
    it read from line 2)."""
    context = getattr(getattr(exc, "diag", None), "context", "") or ""
    found = re.search(r"line (\d+)", context)
    return str(int(found.group(1)) + 1) if found else "?"


def _insert(
    handle: IO[bytes],
    stage: Stage,
    names: list[str],
    delimiter: str,
    size: int,
    progress: Callable[[float], None] | None,
) -> None:
    """SQLite (and the tests): Python's csv reader, batches through executemany."""
    text = io.TextIOWrapper(handle, encoding="utf-8", newline="")
    statement = f"INSERT INTO {stage.table} (row_no, {', '.join(names)}) VALUES ({', '.join(['%s'] * (len(names) + 1))})"
    batch: list[list[Any]] = []
    try:
        with connection.cursor() as cursor:
            for number, row in enumerate(csv.reader(text, delimiter=delimiter), start=2):
                if len(row) != len(names):
                    raise FileRefused(
                        _("Dòng %(row)s: số cột khác dòng tiêu đề (%(n)s cột).")
                        % {"row": number, "n": len(names)}
                    )
                batch.append([number, *(cell if cell != "" else None for cell in row)])
                if len(batch) == BATCH:
                    cursor.executemany(statement, batch)
                    batch.clear()
                    if progress:
                        progress(handle.tell() / max(size, 1))
            if batch:
                cursor.executemany(statement, batch)
    except UnicodeDecodeError:
        raise FileRefused(_("Tệp CSV phải được lưu với bảng mã UTF-8 (Excel: “CSV UTF-8”).")) from None
    finally:
        text.detach()


def _distinct(stage: Stage, column: Column) -> Iterator[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT DISTINCT {stage.raw(column.key)} FROM {stage.table} s WHERE {stage.raw(column.key)} IS NOT NULL"
        )
        for (value,) in cursor.fetchall():
            yield value


def _stored(value: Any) -> Any:
    """A typed value as the map table takes it (SQLite: dates as ISO text, decimals as text, as Django stores
    them)."""
    if connection.vendor != "postgresql":
        if isinstance(value, date):
            return value.isoformat()
        if isinstance(value, Decimal):
            return str(value)
    return value


def check_cells(stage: Stage) -> None:
    """Per column of a closed type, its distinct values parsed once into a map table ``(raw, value, error)``."""
    for column in stage.columns:
        if column.type == TEXT:
            continue
        table = f"{stage.table}_m_{column.key}"
        rows: list[tuple[str, Any, str | None]] = []
        for raw in _distinct(stage, column):
            try:
                rows.append((raw, _stored(column.parse(raw)), None))
            except CellError as exc:
                rows.append((raw, None, str(exc)))
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {table}")
            cursor.execute(
                f"CREATE TEMPORARY TABLE {table} (raw text PRIMARY KEY, value {SQL_TYPES[column.type]}, error text)"
            )
            cursor.executemany(f"INSERT INTO {table} (raw, value, error) VALUES (%s, %s, %s)", rows)
        stage.maps[column.key] = table


def cell_error_queries(stage: Stage) -> list[tuple[str, list[Any]]]:
    """The queries ``(row_no, header, message)`` of the cells' own errors: empty required cells, text over its
    length, values that did not parse."""
    queries: list[tuple[str, list[Any]]] = []
    for column in stage.columns:
        raw = stage.raw(column.key)
        if column.required:
            queries.append(
                (
                    f"SELECT row_no, CAST(%s AS text), CAST(%s AS text) FROM {stage.table} s WHERE {raw} IS NULL",
                    [column.header, _("Không được để trống.")],
                )
            )
        if column.type == TEXT and column.max_length:
            queries.append(
                (
                    f"SELECT row_no, CAST(%s AS text), CAST(%s AS text) FROM {stage.table} s "
                    f"WHERE LENGTH({raw}) > %s",
                    [column.header, _("Dài quá %(n)s ký tự.") % {"n": column.max_length}, column.max_length],
                )
            )
        if column.key in stage.maps:
            queries.append(
                (
                    f"SELECT s.row_no, CAST(%s AS text), m.error FROM {stage.table} s "
                    f"JOIN {stage.maps[column.key]} m ON m.raw = {raw} WHERE m.error IS NOT NULL",
                    [column.header],
                )
            )
    return queries


def collect_errors(queries: list[tuple[str, list[Any]]]) -> tuple[list[RowError], int]:
    """The first `MAX_ERRORS` errors of all ``queries`` in row order, and how many there are in all."""
    if not queries:
        return [], 0
    union = " UNION ALL ".join(f"SELECT * FROM ({sql}) q{n}" for n, (sql, _p) in enumerate(queries))
    params = [p for _sql, query_params in queries for p in query_params]
    with connection.cursor() as cursor:  # one pass: the first errors, each carrying the count of all
        cursor.execute(
            f"SELECT e.*, COUNT(*) OVER () FROM ({union}) e ORDER BY 1, 2 LIMIT {MAX_ERRORS}", params
        )
        rows = cursor.fetchall()
    errors = [RowError(int(row), header, message) for row, header, message, _total in rows]
    return errors, (rows[0][3] if rows else 0)
