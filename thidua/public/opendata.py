"""The open data of published awards: one record per awardee of a published decision that stands, as CSV and
JSON, streamed, with the JSON Schema of a record (`schema/awards.schema.json`).

A record is built from the columns of `AWARD_SOURCE` only (each a path that `fields.PUBLIC_COLUMNS` allows) plus
two derived values (the award's name, the decision's public address); its keys are `fields.PUBLIC_FIELDS["award"]`.
Dates are ISO 8601 (YYYY-MM-DD) here, for machines; the pages show dd/mm/yyyy.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from thidua.core.codes import AwardCode

from .fields import PUBLIC_FIELDS

SCHEMA_PATH = Path(__file__).parent / "schema" / "awards.schema.json"
LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"

# public key → the column it is read from (a path from PublicAward).
AWARD_SOURCE: dict[str, str] = {
    "name": "name",
    "unit": "unit_name",
    "collective": "is_collective",
    "year": "year",
    "award_code": "code",
    "track": "track",
    "decision_number": "award__decision_number",
    "decision_date": "award__decided_on",
    "deciding_body": "award__deciding_body",
    "decision_url": "publication__decision_id",
}
DERIVED = {"award": "award_code"}  # the award's Vietnamese name, from its code


def schema() -> dict[str, Any]:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def award_record(row: dict[str, Any], *, absolute: Callable[[str], str]) -> dict[str, Any]:
    """One open-data record from a row of `AWARD_SOURCE` values, keyed in the order of PUBLIC_FIELDS."""
    labels = dict(AwardCode.choices)
    decided_on = row["decision_date"]
    values = {
        **row,
        "award": str(labels.get(row["award_code"], row["award_code"])),
        "decision_date": decided_on.isoformat() if isinstance(decided_on, date) else None,
        "decision_url": absolute(reverse("public:decision", args=[row["decision_url"]])),
    }
    return {key: values[key] for key in PUBLIC_FIELDS["award"]}


def award_rows(qs: QuerySet) -> Iterator[dict[str, Any]]:
    """The visible awards as dicts of public keys, read in chunks (one query, streamed by the database)."""
    keys = list(AWARD_SOURCE)
    columns = [AWARD_SOURCE[key] for key in keys]
    for values in qs.order_by("year", "sort_key", "pk").values_list(*columns).iterator(chunk_size=2000):
        yield dict(zip(keys, values, strict=True))


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_stream(records: Iterable[dict[str, Any]]) -> Iterator[str]:
    """UTF-8 CSV with a byte-order mark (so that spreadsheet programs read the Vietnamese letters), header first."""
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(PUBLIC_FIELDS["award"])
    for record in records:
        yield writer.writerow(
            [
                "true" if v is True else "false" if v is False else ("" if v is None else v)
                for v in record.values()
            ]
        )


def json_stream(
    records: Iterable[dict[str, Any]], *, updated: datetime | None, schema_url: str, source_url: str
) -> Iterator[str]:
    """The JSON document: metadata, then the records one by one (never the whole list in memory)."""
    head = {
        "$schema": schema_url,
        "title": "Khen thưởng đã công bố",
        "source": source_url,
        "license": LICENCE,
        "license_url": LICENCE_URL,
        "updated": updated.isoformat() if updated else None,
    }
    yield json.dumps(head, ensure_ascii=False)[:-1] + ', "awards": ['
    first = True
    for record in records:
        yield ("" if first else ",") + "\n" + json.dumps(record, ensure_ascii=False)
        first = False
    yield "\n]}\n"


# What each field of the open data holds, for the open-data page in the reader's language (the schema file keeps
# its own English descriptions, for machines and developers).
FIELD_DESCRIPTIONS = {
    "name": _("Họ tên cá nhân hoặc tên tập thể, như in trên quyết định."),
    "unit": _("Đơn vị in bên cạnh tên trên quyết định (có thể để trống)."),
    "collective": _("true nếu là tập thể, false nếu là cá nhân."),
    "year": _("Năm thành tích được khen thưởng."),
    "award_code": _("Mã danh hiệu, hình thức khen thưởng theo danh mục dùng chung (xem tệp schema.json)."),
    "award": _("Tên danh hiệu, hình thức khen thưởng bằng tiếng Việt."),
    "track": _("Loại khen thưởng."),
    "decision_number": _("Số, ký hiệu của quyết định."),
    "decision_date": _("Ngày ký quyết định (YYYY-MM-DD)."),
    "deciding_body": _("Cơ quan quyết định."),
    "decision_url": _("Trang của quyết định trên trang công khai."),
}


def field_rows() -> list[tuple[str, str, str]]:
    """(name, JSON type, description in the reader's language) of each field of a published award."""
    rows = []
    for name, spec in schema()["$defs"]["award"]["properties"].items():
        kind = spec.get("type")
        kind = " | ".join(kind) if isinstance(kind, list) else str(kind)
        rows.append((name, kind, str(FIELD_DESCRIPTIONS.get(name, spec.get("description", "")))))
    return rows
