"""The open data: awards.csv and awards.json parse, hold the published awards that stand (and only those), and
validate against the served JSON Schema — checked by a small validator of the keywords the schema uses (type,
const, enum, required, additionalProperties, minimum, $ref, items, format date), since jsonschema is not a
dependency."""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any

import pytest

from thidua.core.codes import AwardTrack
from thidua.public.fields import PUBLIC_FIELDS

pytestmark = pytest.mark.django_db

TYPES = {"string": str, "integer": int, "boolean": bool, "array": list, "object": dict, "null": type(None)}


def validate(value: Any, schema: dict, root: dict, where: str = "$") -> list[str]:
    if "$ref" in schema:
        name = schema["$ref"].removeprefix("#/$defs/")
        return validate(value, root["$defs"][name], root, where)
    errors = []
    kinds = schema.get("type")
    if kinds is not None:
        kinds = kinds if isinstance(kinds, list) else [kinds]
        ok = any(
            isinstance(value, TYPES[k]) and not (k == "integer" and isinstance(value, bool)) for k in kinds
        )
        if not ok:
            return [f"{where}: {value!r} is not {kinds}"]
    if "const" in schema and value != schema["const"]:
        errors.append(f"{where}: {value!r} != {schema['const']!r}")
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{where}: {value!r} not in enum")
    if "minimum" in schema and isinstance(value, int) and value < schema["minimum"]:
        errors.append(f"{where}: {value} < minimum")
    is_date = schema.get("format") == "date" and isinstance(value, str)
    if is_date and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        errors.append(f"{where}: {value!r} is not a date")
    if isinstance(value, dict):
        for key in schema.get("required", []):
            if key not in value:
                errors.append(f"{where}: missing {key}")
        properties = schema.get("properties", {})
        if schema.get("additionalProperties") is False:
            errors += [f"{where}: unexpected {key}" for key in value if key not in properties]
        for key, sub in properties.items():
            if key in value:
                errors += validate(value[key], sub, root, f"{where}.{key}")
    if isinstance(value, list) and "items" in schema:
        for i, item in enumerate(value):
            errors += validate(item, schema["items"], root, f"{where}[{i}]")
    return errors


def test_the_validator_catches_a_bad_record(client, world):
    schema = client.get("/cong-bo/du-lieu-mo/schema.json").json()
    good = json.loads(b"".join(client.get("/cong-bo/du-lieu-mo/awards.json").streaming_content))
    assert validate(good, schema, schema) == []
    bad = json.loads(json.dumps(good))
    bad["awards"][0]["year"] = "2024"
    bad["awards"][1]["birth_date"] = "1977-07-19"
    del bad["awards"][2]["decision_number"]
    errors = validate(bad, schema, schema)
    assert len(errors) == 3, errors


def test_awards_json_parses_and_validates_against_the_schema(client, world):
    response = client.get("/cong-bo/du-lieu-mo/awards.json")
    assert response["Content-Type"].startswith("application/json")
    document = json.loads(b"".join(response.streaming_content))
    schema = client.get("/cong-bo/du-lieu-mo/schema.json").json()
    assert validate(document, schema, schema) == []
    assert document["license"] == "CC BY 4.0"
    assert document["updated"] is not None
    awards = document["awards"]
    assert len(awards) == 6
    anh = next(a for a in awards if a["name"] == "Lê Văn Anh")
    assert anh == {
        "name": "Lê Văn Anh",
        "unit": anh["unit"],
        "collective": False,
        "year": 2024,
        "award_code": "BANG_KHEN_TINH",
        "award": anh["award"],
        "track": "cong_trang",
        "decision_number": "101/QĐ-UBND",
        "decision_date": "2025-04-02",
        "deciding_body": "Ủy ban nhân dân tỉnh Yên Bái",
        "decision_url": f"http://testserver/cong-bo/quyet-dinh/{world['d2024'].pk}/",
    }
    assert "Văn phòng Sở" in anh["unit"] and anh["award"].startswith("Bằng khen")
    collective = next(a for a in awards if a["collective"])
    assert collective["name"] == "Phòng Quản lý khoa học"
    assert {a["year"] for a in awards} == {2023, 2024}


def test_awards_csv_parses_with_the_same_columns(client, world):
    response = client.get("/cong-bo/du-lieu-mo/awards.csv")
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert tuple(rows[0]) == PUBLIC_FIELDS["award"]
    assert len(rows) == 6
    names = [row["name"] for row in rows]
    # Ordered by year, then Vietnamese order of the given name.
    assert names == ["Phạm Thị Ân", "Đỗ Thị Bình", "Hoàng Văn Dũng", "Lê Văn Anh", "Trần Minh Đức",
                     "Phòng Quản lý khoa học"]  # fmt: skip
    assert {row["collective"] for row in rows} == {"true", "false"}
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", row["decision_date"]) for row in rows)


def test_the_schema_is_the_documented_one(client):
    schema = client.get("/cong-bo/du-lieu-mo/schema.json").json()
    award = schema["$defs"]["award"]
    assert tuple(award["properties"]) == PUBLIC_FIELDS["award"]
    assert set(award["properties"]["track"]["enum"]) == set(AwardTrack.values)


def test_the_open_data_page_names_the_licence_and_update_date(client, world):
    from thidua.public.models import PublishedDecision

    html = client.get("/cong-bo/du-lieu-mo/").content.decode()
    latest = PublishedDecision.objects.filter(withdrawn_at__isnull=True).order_by("-published_at").first()
    assert "CC BY 4.0" in html and latest is not None
    from django.utils import timezone

    assert timezone.localtime(latest.published_at).strftime("%d/%m/%Y") in html
