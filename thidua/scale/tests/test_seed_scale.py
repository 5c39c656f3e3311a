"""`seed_scale`: deterministic, resumable, refuses to mix, and the data it writes is valid for the app."""

import hashlib
from io import StringIO
from typing import Any

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse

from thidua.accounts.models import Role
from thidua.appraisals.models import Appraisal
from thidua.commendations.models import AwardRecord
from thidua.core import vn_text
from thidua.organizations.models import Assignment, Organization, Person
from thidua.rules.loader import scope_load
from thidua.scale import generate
from thidua.scale.generate import COLUMNS, Plan
from thidua.scale.models import ScaleChunk, ScaleRun
from thidua.scale.services import SeedRefused, scale_seed

PLAN = Plan(people=300, years=2, awards=600, seed=7, chunk=100)
MODELS: dict[str, Any] = {model._meta.db_table: model for model in apps.get_models()}


def checksum() -> str:
    """sha256 over every generated table's rows, ordered by id, in the generator's columns."""
    digest = hashlib.sha256()
    for table, columns in COLUMNS.items():
        for row in MODELS[table].objects.order_by("id").values_list(*columns):
            digest.update(repr(row).encode())
    return digest.hexdigest()


def generated_rows_delete() -> None:
    for table in reversed(COLUMNS):
        if table == "organizations_organization":
            Organization.objects.update(parent=None)
        MODELS[table].objects.all().delete()
    ScaleRun.objects.all().delete()


class Interrupted(Exception):
    pass


@pytest.mark.django_db
def test_two_runs_with_the_same_seed_write_identical_rows():
    scale_seed(plan=PLAN)
    first = checksum()
    assert Person.objects.count() == 300
    generated_rows_delete()
    scale_seed(plan=PLAN)
    assert checksum() == first
    generated_rows_delete()
    scale_seed(plan=Plan(people=300, years=2, awards=600, seed=8, chunk=100))
    assert checksum() != first


@pytest.mark.django_db
def test_an_interrupted_run_resumes_at_its_first_missing_chunk_with_the_same_rows():
    scale_seed(plan=PLAN)
    uninterrupted = checksum()
    generated_rows_delete()

    def fail_in_second_people_chunk(step: str, number: int) -> None:
        if (step, number) == ("people", 1):
            raise Interrupted

    with pytest.raises(Interrupted):
        scale_seed(plan=PLAN, before_commit=fail_in_second_people_chunk)
    # The failing chunk is all or nothing: its rows went with its transaction.
    assert set(ScaleChunk.objects.values_list("step", "number")) == {("organizations", 0), ("people", 0)}
    assert Person.objects.count() == 100
    assert not Appraisal.objects.filter(person_id__gt=100).exists()

    report = scale_seed(plan=PLAN)
    assert (report.chunks_skipped, report.chunks_loaded) == (2, len(PLAN.steps()) - 2)
    assert Person.objects.count() == 300
    assert checksum() == uninterrupted
    # A finished run loads nothing more.
    again = scale_seed(plan=PLAN)
    assert (again.chunks_loaded, again.rows) == (0, 0)
    assert checksum() == uninterrupted


@pytest.mark.django_db
def test_refuses_other_parameters_and_a_database_with_other_data(org_tree):
    with pytest.raises(SeedRefused):
        scale_seed(plan=PLAN)
    assert not ScaleRun.objects.exists()
    for organization in sorted(org_tree.values(), key=lambda o: -len(o.path)):
        organization.delete()
    scale_seed(plan=PLAN)
    with pytest.raises(SeedRefused):
        scale_seed(plan=Plan(people=300, years=2, awards=600, seed=8, chunk=100))


@pytest.mark.django_db
def test_postgresql_loads_through_copy_and_sequences_follow_the_generated_ids(monkeypatch):
    calls = []
    from thidua.scale import sql

    real_copy = sql.copy_from_stdin

    def spy(table, columns, rows):
        calls.append(table)
        return real_copy(table, columns, rows)

    analyzed: list[str] = []
    monkeypatch.setattr(sql, "copy_from_stdin", spy)
    monkeypatch.setattr(sql, "table_analyze", analyzed.append)
    report = scale_seed(plan=PLAN)
    if connection.vendor == "postgresql":
        assert report.method == "copy"
        assert set(calls) == set(COLUMNS)
        assert analyzed == list(COLUMNS)
        assert report.database_bytes and report.database_bytes > 0
    else:
        assert report.method == "executemany" and calls == [] and analyzed == []
    # The ORM's next id comes after the generated ones.
    person = Person.objects.create(family_name="Lê", given_name="Mới", sex="F", staff_code="MOI-1")
    assert person.pk > 300
    award = AwardRecord.objects.create(code="GIAY_KHEN", person=person, year=2025)
    assert award.pk > max(AwardRecord.objects.exclude(pk=award.pk).values_list("pk", flat=True))


@pytest.mark.django_db
def test_generated_rows_pass_the_models_validation():
    scale_seed(plan=PLAN)
    for table in COLUMNS:
        sample = list(MODELS[table].objects.order_by("id")[:15]) + list(
            MODELS[table].objects.order_by("-id")[:15]
        )
        assert sample, table
        for row in sample:
            row.full_clean()
    # Derived columns are what the models' own save() computes.
    for person in Person.objects.order_by("?")[:30]:
        sort_key, search_text = person.sort_key, person.search_text
        person.refresh_derived()
        assert (person.sort_key, person.search_text) == (sort_key, search_text)
    for organization in Organization.objects.select_related("parent")[:200]:
        expected = f"{organization.parent.path if organization.parent else '/'}{organization.pk}/"
        assert organization.path == expected
    assert Organization.objects.filter(kind="province").count() == 34


@pytest.mark.django_db
def test_names_carry_diacritics_and_sort_by_given_name():
    scale_seed(plan=PLAN)
    people = list(Person.objects.all())
    assert any(p.family_name == "Nguyễn" for p in people)
    assert any(vn_text.fold(p.given_name) != p.given_name.lower() for p in people)
    # Vietnamese order of the given name first, not code-point order: every "An" before every "Anh", then
    # Bình, Chi, Dũng, and Đức after Dũng (đ is the letter after d).
    at: dict[str, list[int]] = {}
    for index, person in enumerate(people):
        at.setdefault(person.given_name, []).append(index)
    expected = [
        name for name in ("An", "Anh", "Bình", "Chi", "Dũng", "Đức", "Giang", "Hà", "Vân") if name in at
    ]
    assert len(expected) >= 5
    for before, after in zip(expected, expected[1:], strict=False):
        assert max(at[before]) < min(at[after]), (before, after)


@pytest.mark.django_db
def test_rules_loader_reads_a_generated_units_facts():
    scale_seed(plan=PLAN)
    year = PLAN.last_year - 1
    appraisal = Appraisal.objects.filter(year=year).select_related("organization__parent").first()
    assert appraisal is not None and appraisal.organization.parent is not None
    agency = appraisal.organization.parent
    loaded = scope_load(organization=agency, year=year)
    appraised = set(
        Appraisal.objects.filter(year=year, organization__path__startswith=agency.path).values_list(
            "person_id", flat=True
        )
    )
    assert appraised and {facts.key for facts in loaded.people} >= appraised
    ratings = {facts.key: facts.year(year).rating for facts in loaded.people}
    assert all(ratings[pk] for pk in appraised)
    assert loaded.collectives


@pytest.mark.django_db
def test_a_generated_persons_page_answers(client, make_user):
    scale_seed(plan=PLAN)
    assignment = Assignment.objects.filter(person__awards__isnull=False).select_related("person").first()
    assert assignment is not None
    person = assignment.person
    client.force_login(make_user(Role.ADMIN, assignment.organization))
    response = client.get(reverse("organizations:person_detail", args=[person.pk]))
    assert response.status_code == 200
    assert person.given_name in response.content.decode()


@pytest.mark.django_db
def test_command_prints_a_progress_bar_and_the_time(capsys):
    out = StringIO()
    call_command("seed_scale", "--people", "150", "--years", "2", "--chunk", "50", "--seed", "3", stdout=out)
    assert "dòng trong 5 phần (0 phần đã có từ trước), ghi bằng" in out.getvalue()
    assert "\r[" in capsys.readouterr().err
    with pytest.raises(CommandError):
        call_command(
            "seed_scale", "--people", "150", "--years", "2", "--chunk", "50", "--seed", "4", stdout=out
        )


def test_chunks_are_independent_of_what_ran_before():
    plan = Plan(people=250, years=3, awards=800, seed=11, chunk=100)
    tree = generate.national_tree(plan)
    catalogues = generate.Catalogues(
        ethnicity_ids={"Kinh": 1},
        position_ids=dict.fromkeys((name for name, _w in generate.POSITION_WEIGHTS), 1),
    )
    alone = generate.person_rows(plan, tree, catalogues, 2)
    for number in range(3):
        generate.person_rows(plan, tree, catalogues, number)
    assert generate.person_rows(plan, tree, catalogues, 2) == alone
    # Each chunk's ids stay inside its own range.
    first_ids = {
        table: rows[0][0] for table, rows in generate.person_rows(plan, tree, catalogues, 0).items() if rows
    }
    last_ids = {
        table: rows[-1][0] for table, rows in generate.person_rows(plan, tree, catalogues, 1).items() if rows
    }
    assert all(last_ids[table] < rows[0][0] for table, rows in alone.items() if rows)
    assert all(first_ids[table] < last_ids[table] for table in first_ids)
