"""Movement rules, targets, the report cycle, attachments by content, reviews and exemplary models."""

import io
import zipfile
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from docx import Document
from openpyxl import Workbook
from PIL import Image

from thidua.core import uploads
from thidua.documents.models import IssuedDocument
from thidua.movements import selectors, services
from thidua.movements.models import MovementKind, MovementStatus, ReportStatus, Review


def test_phase_kind_is_refused_for_movements_launched_from_2024(make_movement, people):
    movement = make_movement(kind=MovementKind.THEMATIC)
    movement.kind = MovementKind.PHASE
    movement.launched_on = date(2024, 1, 1)
    with pytest.raises(ValidationError) as excinfo:
        movement.full_clean()
    assert "Điều 16 khoản 1" in str(excinfo.value)
    assert "06/2022/QH15" in str(excinfo.value)


def test_phase_kind_is_accepted_for_movements_launched_before_2024(make_movement):
    movement = make_movement(
        kind=MovementKind.PHASE, status=MovementStatus.LAUNCHED, launched_on=date(2023, 12, 31)
    )
    movement.full_clean()


def test_a_draft_in_phase_kind_cannot_be_launched_today(make_movement, people):
    movement = make_movement(kind=MovementKind.THEMATIC)
    movement.kind = MovementKind.PHASE
    movement.save()
    with pytest.raises(ValidationError):
        services.movement_transition(
            actor=people["officer"], movement=movement, action="launch", on=date(2025, 2, 1)
        )


def test_launch_numbers_the_letter_from_the_register(make_movement, people):
    first = make_movement()
    second = make_movement()
    services.movement_transition(
        actor=people["officer"], movement=first, action="launch", on=date(2021, 3, 5)
    )
    services.movement_transition(
        actor=people["officer"], movement=second, action="launch", on=date(2021, 4, 1)
    )
    symbols = list(IssuedDocument.objects.order_by("number").values_list("number_symbol", flat=True))
    assert symbols == ["01/SKHCN-VP", "02/SKHCN-VP"]


def test_launch_requires_objectives_and_solutions(make_movement, people):
    movement = make_movement()
    services.movement_update(actor=people["officer"], movement=movement, objectives=[], solutions=[])
    with pytest.raises(ValidationError):
        services.movement_transition(actor=people["officer"], movement=movement, action="launch")


def test_launched_movement_content_is_frozen(launched, people):
    with pytest.raises(ValidationError):
        services.movement_update(actor=people["officer"], movement=launched, title="Khác")


def test_other_agency_officer_cannot_create_here(org_tree, people):
    with pytest.raises(PermissionDenied):
        services.movement_create(
            actor=people["other_officer"],
            code="X",
            level="agency",
            title="T",
            period_start=2021,
            period_end=2021,
            launching_organization=org_tree["agency"],
        )


def test_target_must_be_in_the_launchers_tree_and_period(launched, org_tree, people):
    with pytest.raises(ValidationError):
        services.target_create(
            actor=people["officer"],
            movement=launched,
            organization=org_tree["other"],
            year=2021,
            indicator="x",
            unit_of_measure="x",
            target_value=Decimal(1),
        )
    with pytest.raises(ValidationError):
        services.target_create(
            actor=people["officer"],
            movement=launched,
            organization=org_tree["div_a"],
            year=2030,
            indicator="x",
            unit_of_measure="x",
            target_value=Decimal(1),
        )


def test_progress_rolls_up_only_accepted_values(report_cycle, launched, org_tree, people):
    report = report_cycle["reports"][org_tree["div_a"].pk]
    target = report_cycle["targets"][0]
    services.report_save(
        actor=people["head_a"], report=report, values={target.pk: Decimal(2)}, narrative="Tốt"
    )
    services.report_transition(actor=people["head_a"], report=report, action="submit")
    assert selectors.movement_progress(movement=launched)["overall"] == 0
    services.report_transition(actor=people["officer"], report=report, action="accept")
    progress = selectors.movement_progress(movement=launched)
    assert progress["overall"] == pytest.approx(25.0)  # div_a 50 %, div_b 0 %
    assert {row["organization"].pk: row["pct"] for row in progress["units"]}[org_tree["div_a"].pk] == 50


def test_unit_head_cannot_fill_another_units_report(report_cycle, org_tree, people):
    report = report_cycle["reports"][org_tree["div_a"].pk]
    with pytest.raises(PermissionDenied):
        services.report_save(actor=people["head_b"], report=report, values={}, narrative="x")


def test_sent_report_is_locked(report_cycle, org_tree, people):
    report = report_cycle["reports"][org_tree["div_a"].pk]
    services.report_transition(actor=people["head_a"], report=report, action="submit")
    with pytest.raises(ValidationError):
        services.report_save(actor=people["head_a"], report=report, values={}, narrative="x")


def test_overdue(report_cycle, org_tree):
    report = report_cycle["reports"][org_tree["div_a"].pk]
    assert report.is_overdue(date(2021, 12, 16))
    assert not report.is_overdue(date(2021, 12, 15))
    report.status = ReportStatus.ACCEPTED
    assert not report.is_overdue(date(2022, 1, 1))


def _pdf() -> bytes:
    return b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, format="PNG")
    return buffer.getvalue()


def _docx() -> bytes:
    buffer = io.BytesIO()
    Document().save(buffer)
    return buffer.getvalue()


def _xlsx() -> bytes:
    buffer = io.BytesIO()
    Workbook().save(buffer)
    return buffer.getvalue()


def _plain_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a.txt", "x")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("maker", "expected"),
    [(_pdf, "application/pdf"), (_png, "image/png"), (_docx, "wordprocessingml"), (_xlsx, "spreadsheetml")],
)
def test_attachment_type_is_judged_by_content(maker, expected):
    checked = uploads.upload_check(data=maker(), name="minh-chung.pdf")
    assert expected in checked.content_type


@pytest.mark.parametrize("data", [b"MZ\x90\x00 not allowed", b"plain text named .pdf", _plain_zip()])
def test_attachment_with_wrong_content_is_refused(data):
    with pytest.raises(ValidationError):
        uploads.upload_check(data=data, name="minh-chung.pdf")


def test_attachment_size_limit(settings):
    settings.THIDUA_ATTACHMENT_MAX_BYTES = 10
    with pytest.raises(ValidationError):
        uploads.upload_check(data=_pdf(), name="minh-chung.pdf")


def test_report_attach_stores_with_the_detected_extension(report_cycle, org_tree, people):
    report = report_cycle["reports"][org_tree["div_a"].pk]
    attachment = services.report_attach(
        actor=people["head_a"], report=report, name="bang-so-lieu.pdf", data=_docx()
    )
    assert attachment.file.name is not None and attachment.file.name.endswith(".docx")
    assert attachment.size > 0


def test_holding_a_review_drafts_its_report(launched, people):
    services.review_schedule(
        actor=people["officer"], movement=launched, kind="midterm", scheduled_on=date(2023, 6, 15)
    )
    services.movement_transition(
        actor=people["officer"], movement=launched, action="hold_midterm_review", on=date(2023, 6, 16)
    )
    review = Review.objects.get(movement=launched, kind="midterm")
    assert review.held_on == date(2023, 6, 16)
    assert review.report_document is not None
    assert review.report_document.number_symbol == "01/BC-SKHCN-VP"


def test_exemplary_model_publication_and_replication(launched, org_tree, people):
    model = services.exemplary_model_create(
        actor=people["officer"],
        movement=launched,
        kind="model",
        title="Mô hình mới",
        organization=org_tree["div_a"],
        story="Câu chuyện",
    )
    assert not selectors.exemplary_model_list_visible_to(user=people["staff_a"]).exists()
    services.exemplary_model_publish(actor=people["officer"], model=model, published=True)
    assert selectors.exemplary_model_list_visible_to(user=people["staff_a"]).count() == 1
    services.replication_add(
        actor=people["officer"], model=model, organization=org_tree["div_b"], replicated_on=date(2022, 1, 1)
    )
    assert list(model.replicated_in.all()) == [org_tree["div_b"]]
    with pytest.raises(PermissionDenied):
        services.exemplary_model_publish(actor=people["head_a"], model=model, published=False)


def test_visibility_of_movements(make_movement, org_tree, people):
    draft = make_movement()
    launched = make_movement(launch=True)
    unit_movement = make_movement(launch=True, organization=org_tree["div_b"], level="unit")
    other = make_movement(launch=True, organization=org_tree["other"])

    def visible(who):
        return set(selectors.movement_list_visible_to(user=people[who]).values_list("pk", flat=True))

    assert visible("officer") == {draft.pk, launched.pk, unit_movement.pk}
    assert visible("head_a") == {launched.pk}
    assert visible("head_b") == {launched.pk, unit_movement.pk}
    assert visible("staff_a") == {launched.pk}
    assert visible("other_officer") == {other.pk}
