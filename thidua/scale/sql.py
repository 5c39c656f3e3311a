"""The raw SQL of the national data set (the only raw SQL of the app): PostgreSQL's COPY, the INSERT fallback,
the sequences and the planner's statistics after loading, and the database's size."""

from collections.abc import Iterable, Sequence

from django.db import connection


def _quoted(table: str, columns: Sequence[str]) -> tuple[str, str]:
    qn = connection.ops.quote_name
    return qn(table), ", ".join(qn(column) for column in columns)


def copy_from_stdin(table: str, columns: Sequence[str], rows: Iterable[tuple]) -> int:
    """PostgreSQL: stream `rows` into `table` through `COPY ... FROM STDIN` (psycopg 3's `cursor.copy()`)."""
    name, names = _quoted(table, columns)
    count = 0
    with connection.cursor() as cursor, cursor.copy(f"COPY {name} ({names}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
            count += 1
    return count


def insert_many(table: str, columns: Sequence[str], rows: Iterable[tuple]) -> int:
    """Any other database (SQLite in tests and `make run`): a plain executemany INSERT."""
    name, names = _quoted(table, columns)
    placeholders = ", ".join(["%s"] * len(columns))
    batch = list(rows)
    with connection.cursor() as cursor:
        # The table and column names come from the generator's fixed COLUMNS, quoted.
        cursor.executemany(f"INSERT INTO {name} ({names}) VALUES ({placeholders})", batch)  # noqa: S608
    return len(batch)


def sequence_reset(table: str) -> None:
    """PostgreSQL: move `table`'s id sequence past the ids the generator assigned."""
    name, _names = _quoted(table, ["id"])
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT setval(pg_get_serial_sequence(%s, 'id'), COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) FROM {name}",  # noqa: S608
            [table],
        )


def table_analyze(table: str) -> None:
    """PostgreSQL: refresh the planner's statistics of a freshly loaded table."""
    name, _names = _quoted(table, ["id"])
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {name}")


def database_size() -> int:
    """PostgreSQL: the current database's size in bytes."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_database_size(current_database())")
        return int(cursor.fetchone()[0])
