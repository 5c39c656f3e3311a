"""Nothing private reaches the public site: every public page and the open data are rendered for an awardee with
distinctive private values (birth date, staff code, ethnicity, the e-mail of the login linked to the person, a
yearly rating and its note, a discipline, an exemplary model's internal evidence) and none may appear; and the
open data's serializer reads only the columns `fields.PUBLIC_COLUMNS` allows and writes only `PUBLIC_FIELDS`."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.db.models import ForeignObjectRel

from thidua.public import opendata
from thidua.public.fields import PUBLIC_COLUMNS, PUBLIC_FIELDS
from thidua.public.models import PublicAward

from .conftest import PRIVATE_TEXTS

pytestmark = pytest.mark.django_db


def _pages(world) -> list[str]:
    d = world["d2024"].pk
    return [
        "/cong-bo/",
        "/cong-bo/bang-vang/",
        "/cong-bo/bang-vang/?q=anh",
        "/cong-bo/bang-vang/?nam=2024&hinh-thuc=BANG_KHEN_TINH",
        f"/cong-bo/bang-vang/?don-vi={world['div_a'].pk}",
        "/cong-bo/quyet-dinh/",
        f"/cong-bo/quyet-dinh/{d}/",
        "/cong-bo/dien-hinh/",
        f"/cong-bo/dien-hinh/{world['exemplary'].pk}/",
        "/cong-bo/du-lieu-mo/",
        "/cong-bo/du-lieu-mo/awards.csv",
        "/cong-bo/du-lieu-mo/awards.json",
        "/cong-bo/du-lieu-mo/schema.json",
    ]


def _body(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode("utf-8-sig")
    return response.content.decode()


@pytest.mark.parametrize("language", ["vi", "en"])
def test_no_private_value_reaches_a_public_page_or_the_open_data(client, world, language):
    client.cookies["thidua_language"] = language
    for url in _pages(world):
        response = client.get(url)
        assert response.status_code == 200, url
        body = _body(response)
        for private in PRIVATE_TEXTS:
            assert private not in body, (url, private)
    # The awardee is there (the check above looked at pages that name her).
    assert "Lê Văn Anh" in _body(client.get("/cong-bo/bang-vang/"))
    assert "Lê Văn Anh" in _body(client.get("/cong-bo/du-lieu-mo/awards.csv"))
    assert "Tấm gương số hóa hồ sơ" in _body(client.get(f"/cong-bo/dien-hinh/{world['exemplary'].pk}/"))


def test_the_private_values_are_really_in_the_database(world):
    """The fixture holds what the test above looks for (else that test would prove nothing)."""
    anh = world["anh"]
    anh.refresh_from_db()
    assert anh.date_of_birth == date(1977, 7, 19) and anh.staff_code == "NV-778899"
    assert anh.ethnicity.name == "Pà Thẻn"
    assert anh.appraisals.get().rating == "KHTNV" and anh.disciplines.exists()


def _columns(path: str) -> list[tuple[str, str]]:
    """(model label, field name) of each step of an ORM path from PublicAward."""
    model: Any = PublicAward
    steps = []
    for part in path.split("__"):
        field = model._meta.get_field(part)
        steps.append((model._meta.label_lower, field.name))
        if field.is_relation and not isinstance(field, ForeignObjectRel):
            model = field.related_model
    return steps


def test_the_open_data_reads_only_public_columns():
    for key, path in opendata.AWARD_SOURCE.items():
        for label, column in _columns(path):
            assert column in PUBLIC_COLUMNS.get(label, ()), (key, path, label, column)


def test_a_public_column_list_names_no_private_field():
    private = {"date_of_birth", "ethnicity", "staff_code", "email", "phone", "rating", "reason", "evidence",
               "search_text_private", "sex", "recruited_on", "note_private"}  # fmt: skip
    for label, columns in PUBLIC_COLUMNS.items():
        assert not (set(columns) & private), label


def test_the_open_data_writes_exactly_the_public_fields(world, rf):
    rows = list(opendata.award_rows(PublicAward.objects.all()))
    records = [opendata.award_record(row, absolute=lambda p: "http://testserver" + p) for row in rows]
    assert records and all(tuple(record) == PUBLIC_FIELDS["award"] for record in records)
    assert set(opendata.AWARD_SOURCE) | set(opendata.DERIVED) == set(PUBLIC_FIELDS["award"])
    schema = opendata.schema()["$defs"]["award"]
    assert tuple(schema["properties"]) == PUBLIC_FIELDS["award"] == tuple(schema["required"])
