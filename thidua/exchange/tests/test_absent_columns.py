"""A column a file does not carry keeps what is stored: a file of ratings alone does not clear the notes, and an
old template does not clear the fields added since (nothing lost by an import)."""

from datetime import date

from thidua.appraisals.models import Appraisal
from thidua.commendations.models import AwardRecord
from thidua.exchange.services import facts_import_rows


def test_a_file_without_the_note_column_keeps_the_notes(facts_world):
    person = facts_world["people"]["CB001"]
    Appraisal.objects.create(
        person=person, year=2024, organization=facts_world["orgs"]["div_a"], rating="HTTNV", note="Giữ nguyên"
    )
    outcome = facts_import_rows(
        kind_name="ratings",
        rows=[(2, {"staff_code": "CB001", "year": 2024, "rating": "HTXSNV"})],
        user=facts_world["officer"],
        dry_run=False,
    )
    assert outcome.written, outcome.error_lines()
    appraisal = Appraisal.objects.get(person=person, year=2024)
    assert appraisal.rating == "HTXSNV" and appraisal.note == "Giữ nguyên"


def test_an_old_award_template_keeps_the_period_and_an_empty_cell_clears_it(facts_world):
    person = facts_world["people"]["CB001"]
    AwardRecord.objects.create(
        person=person,
        code="BANG_KHEN_TINH",
        year=2024,
        period_from=2023,
        period_to=2024,
        decided_on=date(2025, 1, 5),
    )
    row = {"staff_code": "CB001", "code": "BANG_KHEN_TINH", "year": 2024, "decision_number": "5/QĐ"}
    outcome = facts_import_rows(
        kind_name="awards", rows=[(2, row)], user=facts_world["officer"], dry_run=False
    )
    assert outcome.written, outcome.error_lines()
    award = AwardRecord.objects.get(person=person)
    assert (award.period_from, award.period_to, award.decision_number) == (2023, 2024, "5/QĐ")
    # A column that is there but empty is a value: the user cleared it.
    cleared = {**row, "period_from": None, "period_to": None}
    outcome = facts_import_rows(
        kind_name="awards", rows=[(2, cleared)], user=facts_world["officer"], dry_run=False
    )
    assert outcome.written, outcome.error_lines()
    award.refresh_from_db()
    assert (award.period_from, award.period_to) == (None, None)
