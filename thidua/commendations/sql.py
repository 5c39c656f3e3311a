"""The raw SQL of the award history import (`history.py`): the award's checks as set queries over the staged file,
the resolution of people, units and stored awards, the counts and the merge into the registry."""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.utils.translation import gettext as _

from thidua.core.codes import AwardTrack
from thidua.exchange.columns import Column
from thidua.exchange.sql import Stage
from thidua.organizations.models import Organization, Person

from .models import AwardRecord, AwardStatus, award_period_errors
from .services import AWARD_BULK_FIELDS

STAGE = "award_history_stage"
RESOLVED = "award_history_rows"
# The stored fields a matched award takes from the file: those of the Excel import.
FIELDS = AWARD_BULK_FIELDS


def _text(template: str, name: str) -> tuple[str, str]:
    """A translated message around its one ``%(name)s``: the text before and after, for SQL to join."""
    before, _sep, after = (template % {name: "\x00"}).partition("\x00")
    return before, after


def _differs(left: str, right: str) -> str:
    """NULL-safe inequality, in each database's words."""
    operator = "IS DISTINCT FROM" if connection.vendor == "postgresql" else "IS NOT"
    return f"{left} {operator} {right}"


def row_queries(stage: Stage, columns: dict[str, Column]) -> list[tuple[str, list[Any]]]:
    """The award's own checks, as sets: one subject per row, the people and units named, the period (the
    duplicates of the award's key are `duplicate_query`, over the rows these find clean)."""
    s, person, unit = stage.table, Person._meta.db_table, Organization._meta.db_table
    staff, unit_code = (
        stage.value("staff_code"),
        stage.value("unit_code"),
    )  # NULL when the file lacks the column
    queries: list[tuple[str, list[Any]]] = [
        (
            f"SELECT row_no, CAST(NULL AS text), CAST(%s AS text) FROM {s} s "
            f"WHERE ({staff} IS NULL) = ({unit_code} IS NULL)",
            [_("Ghi đúng một trong hai cột 'Mã cán bộ' (cá nhân) hoặc 'Mã đơn vị (tập thể)'.")],
        )
    ]
    for key, table, field, message in (
        ("staff_code", person, "staff_code", _("Không tìm thấy cán bộ có mã “%(code)s”.")),
        ("unit_code", unit, "code", _("Không tìm thấy đơn vị có mã “%(code)s”.")),
    ):
        if stage.has(key):
            queries.append(_unknown_code_query(stage, key, table, field, columns[key].header, message))
    queries.extend(_period_queries(stage, columns))
    return queries


def _unknown_code_query(
    stage: Stage, key: str, table: str, field: str, header: str, message: str
) -> tuple[str, list[Any]]:
    """Rows naming in column ``key`` a code that ``table.field`` does not hold; ``message`` names the code."""
    code = stage.value(key)
    before, after = _text(message, "code")
    return (
        f"SELECT row_no, CAST(%s AS text), CAST(%s AS text) || {code} || CAST(%s AS text) FROM {stage.table} s "
        f"WHERE {code} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM {table} t WHERE t.{field} = {code})",
        [header, before, after],
    )


def _period_queries(stage: Stage, columns: dict[str, Column]) -> list[tuple[str, list[Any]]]:
    """The period of achievement, by `award_period_errors` on each distinct pair of years (a handful)."""
    if not stage.has("period_from") and not stage.has("period_to"):
        return []
    first, last = stage.value("period_from"), stage.value("period_to")
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT DISTINCT {first}, {last} FROM {stage.table} s {stage.joins()} "
            f"WHERE {first} IS NOT NULL OR {last} IS NOT NULL"
        )
        pairs = cursor.fetchall()
    queries = []
    for pf, pt in pairs:
        for key, message in award_period_errors(pf, pt).items():
            queries.append(
                (
                    f"SELECT row_no, CAST(%s AS text), CAST(%s AS text) FROM {stage.table} s {stage.joins()} "
                    f"WHERE COALESCE({first}, -1) = %s AND COALESCE({last}, -1) = %s",
                    [columns[key].header, message, -1 if pf is None else pf, -1 if pt is None else pt],
                )
            )
    return queries


def _key(stage: Stage) -> list[str]:
    return [
        stage.value("code"),
        f"COALESCE({stage.value('staff_code')}, '')",
        f"COALESCE({stage.value('unit_code')}, '')",
        f"CAST({stage.value('year')} AS text)",
        f"COALESCE({stage.value('track')}, %s)",
        f"COALESCE({stage.value('status')}, %s)",
    ]


def has_repeated_keys(stage: Stage) -> bool:
    """Whether any award's key comes twice in the file (one hash aggregate; the rows and their messages are only
    looked for when it does)."""
    key = ", ".join(_key(stage))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT 1 FROM {stage.table} s {stage.joins()} WHERE {stage.value('code')} IS NOT NULL "
            f"AND {stage.value('year')} IS NOT NULL GROUP BY {key} HAVING COUNT(*) > 1 LIMIT 1",
            [AwardTrack.CONG_TRANG, AwardStatus.ACTIVE],
        )
        return cursor.fetchone() is not None


def duplicate_query(stage: Stage, others: list[tuple[str, list[Any]]]) -> tuple[str, list[Any]]:
    """A row repeating an earlier row's key (code, person or unit, year, track, status), among the rows none of
    the ``others`` queries finds in error: the Excel import's message, naming the first row and the key."""
    key = _key(stage)
    excluded = " UNION ALL ".join(
        f"SELECT q{n}.row_no FROM ({sql}) q{n}" for n, (sql, _p) in enumerate(others)
    )
    excluded = excluded or "SELECT NULL WHERE 1 = 0"
    defaults = [AwardTrack.CONG_TRANG, AwardStatus.ACTIVE]
    parts = _("Trùng với dòng %(row)s trong tệp (cùng khóa: %(key)s).") % {"row": "\x00", "key": "\x01"}
    before, rest = parts.split("\x00")
    middle, after = rest.split("\x01")
    subject = f"COALESCE({stage.value('staff_code')}, {stage.value('unit_code')})"
    key_text = f"{subject} || ' – ' || {stage.value('code')} || ' – ' || CAST({stage.value('year')} AS text)"
    sql = (
        f"SELECT row_no, CAST(NULL AS text), CAST(%s AS text) || CAST(first_row AS text) || CAST(%s AS text) "
        f"|| key_text || CAST(%s AS text) FROM ("
        f"SELECT s.row_no, MIN(s.row_no) OVER (PARTITION BY {', '.join(key)}) AS first_row, {key_text} AS key_text "
        f"FROM {stage.table} s {stage.joins()} WHERE {stage.value('code')} IS NOT NULL "
        f"AND {stage.value('year')} IS NOT NULL AND s.row_no NOT IN ({excluded})) d WHERE row_no > first_row"
    )
    return sql, [before, middle, after, *defaults, *[p for _sql, params in others for p in params]]


def resolve(stage: Stage) -> None:
    """The clean rows with their people, units and typed values, and the active award each one matches (the key
    of the Excel import: code, person or unit, year, track, among the active awards)."""
    award, person, unit = AwardRecord._meta.db_table, Person._meta.db_table, Organization._meta.db_table
    value = stage.value
    rows = (
        f"SELECT s.row_no, {value('code')} AS code, p.id AS person_id, o.id AS organization_id, "
        f"{value('year')} AS year, COALESCE({value('track')}, %s) AS track, "
        f"COALESCE({value('status')}, %s) AS status, {value('period_from')} AS period_from, "
        f"{value('period_to')} AS period_to, COALESCE({value('decision_number')}, '') AS decision_number, "
        f"{value('decided_on')} AS decided_on, COALESCE({value('deciding_body')}, '') AS deciding_body, "
        f"COALESCE({value('note')}, '') AS note "
        f"FROM {stage.table} s {stage.joins()} "
        f"LEFT JOIN {person} p ON p.staff_code = {value('staff_code')} "
        f"LEFT JOIN {unit} o ON o.code = {value('unit_code')}"
    )
    match = "a{n}.code = x.code AND a{n}.year = x.year AND a{n}.track = x.track AND a{n}.status = %s AND x.status = %s"
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {RESOLVED}")
        cursor.execute(
            f"CREATE TEMPORARY TABLE {RESOLVED} AS SELECT x.*, COALESCE(a1.id, a2.id) AS match_id FROM ({rows}) x "
            f"LEFT JOIN {award} a1 ON a1.person_id = x.person_id AND {match.format(n=1)} "
            f"LEFT JOIN {award} a2 ON a2.organization_id = x.organization_id AND {match.format(n=2)}",
            [AwardTrack.CONG_TRANG, AwardStatus.ACTIVE, *[AwardStatus.ACTIVE] * 4],
        )


def _present(stage: Stage) -> list[str]:
    """The stored fields the file carries (a column the file lacks keeps what is stored, as in the Excel import)."""
    return [name for name in FIELDS if stage.has(name)]


def counts(stage: Stage) -> tuple[int, int]:
    award = AwardRecord._meta.db_table
    changed = " OR ".join(_differs(f"a.{name}", f"r.{name}") for name in _present(stage)) or "FALSE"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {RESOLVED} WHERE match_id IS NULL")
        created = cursor.fetchone()[0]
        cursor.execute(
            f"SELECT COUNT(*) FROM {RESOLVED} r JOIN {award} a ON a.id = r.match_id WHERE {changed}"
        )
        updated = cursor.fetchone()[0]
    return created, updated


def merge(stage: Stage) -> None:
    """Into the registry: the matched awards' stored fields, then the new awards."""
    award = AwardRecord._meta.db_table
    present = _present(stage)
    with connection.cursor() as cursor:
        if present:
            changed = " OR ".join(_differs(f"{award}.{name}", f"r.{name}") for name in present)
            cursor.execute(
                f"UPDATE {award} SET {', '.join(f'{name} = r.{name}' for name in present)} "
                f"FROM {RESOLVED} r WHERE {award}.id = r.match_id AND ({changed})"
            )
        columns = ["code", "person_id", "organization_id", "year", "track", "status", *FIELDS]
        cursor.execute(
            f"INSERT INTO {award} ({', '.join(columns)}) SELECT {', '.join(columns)} FROM {RESOLVED} "
            f"WHERE match_id IS NULL ORDER BY row_no"
        )


def drop_resolved() -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {RESOLVED}")
