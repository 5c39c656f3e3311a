"""The base of every kind of facts that travels through Excel and the API's bulk routes.

Each kind lives in the app that owns its table (`appraisals/exchange.py`, ...) and is registered in that app's
`AppConfig.ready()` with `registry.excel_kind(...)`; this toolkit finds the kinds through the registry and
never imports a domain app. A kind gives its columns, resolves and checks its rows in bulk (one query per
lookup, chunked), writes through a bulk service of its app (one audit event per changed row) and exports in
the template's columns, so that export → edit → import round-trips."""

import abc
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from thidua.accounts.models import Role
from thidua.accounts.scope import person_years_editable
from thidua.core.db import filter_in_chunks
from thidua.core.registry import registry

from .columns import INT, Column
from .reader import RowError

CHUNK = 5000
WRITE_ROLES = (Role.OFFICER,)


# The key, in a record's values and in the rows handed to a bulk service, of the columns the row did not carry.
ABSENT = "absent"


@dataclass
class Record:
    row: int
    values: dict[str, Any]
    errors: list[RowError] = field(default_factory=list)

    def error(self, column: Column | str | None, message: str, code: str = "") -> None:
        header = column.header if isinstance(column, Column) else column
        self.errors.append(RowError(self.row, header, message, code))


@dataclass
class Context:
    """Who imports (None: the system, from the command line) and the lookups shared by the checks."""

    user: Any = None
    people: dict[str, tuple[int, date | None, date | None]] = field(default_factory=dict)
    periods: dict[int, list[tuple[date, date | None, int]]] = field(default_factory=dict)


def chunked_filter(qs: QuerySet, field_name: str, values: Iterable[Any]) -> Iterator[Any]:
    """Yield the rows of `qs` filtered by `field_name__in` chunk by chunk (SQLite bounds query parameters)."""
    return filter_in_chunks(qs, field_name, values, CHUNK)


YEAR = Column("year", "Năm", INT, required=True, min_value=1990, max_value=2100, width=8)
STAFF = Column("staff_code", "Mã cán bộ", required=True, max_length=32, width=14)
FULL_NAME = Column("full_name", "Họ và tên", informational=True, width=28)
NOTE = Column("note", "Ghi chú", width=30)


class Kind(abc.ABC):
    """One kind of fact that can be imported and exported; subclasses fill in the abstract steps."""

    name = ""
    label: Any = ""
    columns: list[Column] = []
    # The column that dates a row about a person: the row belongs to the unit that held the person then.
    period_key: str | None = None
    # The columns that name a row's natural key, quoted when a file repeats a key.
    key_columns: tuple[str, ...] = ()
    # Where the kind stands on the exchange page.
    order = 100
    # True when one exported row is not one record (a list is then paged over the rows, not a queryset).
    rows_span_records = False
    # True when the kind also takes a large CSV file checked by sets (`import_csv`; the award registry's history).
    imports_csv = False

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)

    @abc.abstractmethod
    def key(self, record: Record) -> tuple: ...

    @abc.abstractmethod
    def resolve(self, records: list[Record], ctx: Context) -> None: ...

    @abc.abstractmethod
    def upsert(self, records: list[Record], ctx: Context, *, dry_run: bool) -> tuple[int, int]:
        """(new, updated): call the app's bulk service, which writes unless `dry_run`."""

    def count(self, records: list[Record], ctx: Context) -> tuple[int, int]:
        """(new, updated) that writing would give, without writing."""
        return self.upsert(records, ctx, dry_run=True)

    def write(self, records: list[Record], ctx: Context) -> tuple[int, int]:
        """Write the checked rows inside the caller's transaction."""
        return self.upsert(records, ctx, dry_run=False)

    def import_csv(self, handle: Any, **options: Any) -> Any:
        """A large CSV file checked by sets and merged in one transaction (`exchange.sql`); kinds with `imports_csv`
        override this. Returns the filled `Outcome`; raises `FileRefused` for a file it cannot read."""
        raise TypeError(f"{type(self).__name__} takes no CSV file")

    # Export: override these two, or `export_rows` itself (kinds whose rows span several records do).
    def export_queryset(self, *, user: Any, year: int | None) -> QuerySet:
        raise TypeError(f"{type(self).__name__} exports through export_rows")

    def export_row(self, obj: Any) -> dict[str, Any]:
        raise TypeError(f"{type(self).__name__} exports through export_rows")

    def export_rows(self, *, user: Any, year: int | None = None) -> Iterator[dict[str, Any]]:
        for obj in self.export_queryset(user=user, year=year).iterator(chunk_size=2000):
            yield self.export_row(obj)

    # ---- shared checks

    def check_periods(self, records: list[Record], ctx: Context, column: Column, key: str) -> None:
        """Refuse rows dated (by `period_key`) in a year when the person worked in no unit the importer manages.
        Rows must carry `person_id`; the caller skips this for the system and administrators."""
        if not self.period_key:
            return
        dated: dict[int, tuple[int, int]] = {}
        for record in records:
            value = record.values.get(self.period_key)
            year = getattr(value, "year", value)
            if record.values.get("person_id") and isinstance(year, int):
                dated[id(record)] = (record.values["person_id"], year)
        editable = person_years_editable(ctx.user, dated.values(), *WRITE_ROLES)
        for record in records:
            pair = dated.get(id(record))
            if pair is not None and pair not in editable:
                record.error(
                    column,
                    _("Năm %(year)s cán bộ “%(code)s” không công tác tại đơn vị bạn quản lý.")
                    % {"year": pair[1], "code": record.values.get(key, "")},
                    "scope",
                )


def kinds() -> list[Kind]:
    """The kinds the installed apps registered, in their order on the exchange page."""
    return sorted(registry.excel_kinds.values(), key=lambda kind: (kind.order, kind.name))


def find_kind(name: str) -> Kind | None:
    return registry.excel_kinds.get(name)


def get_kind(name: str) -> Kind:
    kind = find_kind(name)
    if kind is None:
        raise ValueError(
            _("Loại dữ liệu “%(name)s” không có; chọn một trong: %(kinds)s.")
            % {"name": name, "kinds": ", ".join(k.name for k in kinds())}
        ) from None
    return kind
