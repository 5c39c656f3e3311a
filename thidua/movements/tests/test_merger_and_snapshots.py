"""The 2025 merger in the movements: documents dated after it are issued by the successor, rounds and
replications go only to units alive then; reviews print a snapshot as of their date; a movement is not closed
with reports unsent without a reason; a round cannot be due in the past."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.template import Context, Template
from django.utils import timezone

from thidua.commendations.models import AwardRecord
from thidua.documents.layout import plain_text
from thidua.documents.selectors import issuer_on
from thidua.documents.tests.conftest import seed_demo  # noqa: F401
from thidua.movements import forms, selectors, services
from thidua.movements.documents import movement_launch_document, review_report_document
from thidua.movements.models import (
    ExemplaryModel,
    Movement,
    MovementStatus,
    ProgressReport,
    Review,
    ReviewKind,
    Target,
)
from thidua.organizations.models import Organization

pytestmark = pytest.mark.django_db


def _text(document) -> str:
    return " ".join(plain_text(b.content) for b in document.body if hasattr(b, "content"))


def _officer():
    from thidua.accounts.models import User

    return User.objects.get(username="vanphong")


def test_unit_label_names_the_agency_and_the_end_date(seed_demo):  # noqa: F811
    old = Organization.objects.select_related("parent").get(code="YB-SKHCN-VP")
    new = Organization.objects.select_related("parent").get(code="LC-SKHCN-VP")
    template = Template("{% load units %}{{ old|unit_label }} | {{ new|unit_label }}")
    text = template.render(Context({"old": old, "new": new}))
    assert (
        text == "Văn phòng Sở – Sở KH&amp;CN Yên Bái (đến 30/06/2025) | Văn phòng Sở – Sở KH&amp;CN Lào Cai"
    )


def test_issuer_after_the_merger_is_the_successor(seed_demo):  # noqa: F811
    department = seed_demo["orgs"].agencies[0]
    assert issuer_on(department, date(2025, 6, 30)) == department
    assert issuer_on(department, date(2025, 7, 1)).code == "LC-SKHCN"


def test_final_review_held_after_the_merger_is_issued_by_the_successor(seed_demo):  # noqa: F811
    seed = seed_demo["seed"]
    services.movement_transition(
        actor=_officer(), movement=seed, action="hold_final_review", on=date(2026, 1, 15)
    )
    review = Review.objects.select_related("report_document__issuer").get(
        movement=seed, kind=ReviewKind.FINAL
    )
    assert review.report_document is not None
    assert review.report_document.issuer.code == "LC-SKHCN"
    assert review.report_document.number_symbol == "01/BC-SKHCN-VP"  # the successor's register of 2026
    review.movement = selectors.movement_with_content(movement=seed)
    document = review_report_document(
        review, data=selectors.review_figures(review=review), issued_on=review.held_on
    )
    assert document.issuer_parent == "UBND TỈNH LÀO CAI"
    assert document.issuer == "SỞ KHOA HỌC VÀ CÔNG NGHỆ"
    assert document.place_date.startswith(
        "Lào Cai, ngày 15 tháng 01 năm 2026"
    ) or document.place_date.startswith("Lào Cai, ngày 15 tháng 1 năm 2026")
    assert "Sở Khoa học và Công nghệ tỉnh Lào Cai báo cáo kết quả tổng kết" in _text(document)
    # history before the merger stays under the old names
    letter = movement_launch_document(seed, issued_on=seed.launched_on)
    assert letter.issuer_parent == "UBND TỈNH YÊN BÁI"
    assert letter.place_date.startswith("Yên Bái, ngày")
    midterm = Review.objects.get(movement=seed, kind=ReviewKind.MIDTERM)
    assert midterm.report_document is not None and midterm.report_document.issuer.code == "YB-SKHCN"


def test_midterm_review_counts_only_facts_up_to_its_date(seed_demo):  # noqa: F811
    seed = seed_demo["seed"]
    review = Review.objects.select_related("movement").get(movement=seed, kind=ReviewKind.MIDTERM)
    assert review.held_on == date(2023, 6, 15)
    snapshot = review.snapshot
    assert snapshot is not None and snapshot["as_of"] == "2023-06-15"
    assert {row["year"] for row in snapshot["progress"]["targets"]} == {2021, 2022, 2023}
    # the 2021 and 2022 yearly reports, not those of 2023 (due in December), 2024 or 2025
    per_year = ProgressReport.objects.filter(movement=seed, year=2021).count()
    assert snapshot["report_counts"]["total"] == 2 * per_year
    assert snapshot["report_counts"]["accepted"] == 2 * per_year
    # the TTRA replication of 01/03/2024 came after the review
    replicated = [m["replicated_in"] for m in snapshot["exemplary_models"]]
    assert all("Thanh tra Sở" not in names for names in replicated)
    # awards: those decided by the review's date count, later ones never
    AwardRecord.objects.create(
        code="CSTD_TINH", organization=seed.launching_organization, year=2022, movement=seed,
        decided_on=date(2023, 2, 1), decision_number="01/QĐ-UBND",
    )  # fmt: skip
    AwardRecord.objects.create(
        code="CSTD_TINH", organization=seed.launching_organization, year=2024, movement=seed,
        decided_on=date(2025, 2, 1), decision_number="02/QĐ-UBND",
    )  # fmt: skip
    as_of = selectors.review_report_data(review=review, as_of=review.held_on)
    assert any("01/QĐ-UBND" in line for line in as_of["awards"])
    assert not any("2024" in line or "02/QĐ-UBND" in line for line in as_of["awards"])
    # the stored snapshot does not move with later data, and the document says as of when
    document = review_report_document(review, data=selectors.review_figures(review=review))
    text = _text(document)
    assert "Số liệu tính đến ngày 15/06/2023." in text
    assert "02/QĐ-UBND" not in text
    assert f"Tổng số báo cáo: {2 * per_year};" in text


def test_holding_a_review_stores_its_snapshot(launched, people):
    services.movement_transition(
        actor=people["officer"], movement=launched, action="hold_midterm_review", on=date(2023, 6, 1)
    )
    review = Review.objects.get(movement=launched, kind=ReviewKind.MIDTERM)
    assert review.snapshot is not None and review.snapshot["as_of"] == "2023-06-01"


def test_report_round_goes_only_to_units_alive_on_its_due_date(seed_demo):  # noqa: F811
    seed = seed_demo["seed"]
    officer = _officer()
    due = timezone.localdate() + timedelta(days=10)
    with pytest.raises(ValidationError) as refused:
        services.report_round_open(actor=officer, movement=seed, year=2025, period="year", due_on=due)
    assert "due_on" in refused.value.message_dict
    assert "Hạn gửi" in refused.value.message_dict["due_on"][0]
    assert not ProgressReport.objects.filter(movement=seed, year=2025, period="year").exists()
    # a successor unit with a target of its own is asked; the dissolved ones are not
    successor_vp = Organization.objects.get(code="LC-SKHCN-VP")
    services.target_create(
        actor=officer, movement=seed, organization=successor_vp, year=2025,
        indicator="Tỷ lệ hồ sơ giải quyết đúng hạn", unit_of_measure="%", target_value=Decimal(100),
    )  # fmt: skip
    reports = services.report_round_open(actor=officer, movement=seed, year=2025, period="year", due_on=due)
    assert [r.organization_id for r in reports] == [successor_vp.pk]


def test_report_round_cannot_be_due_in_the_past(launched, people, org_tree):
    Target.objects.create(
        movement=launched, organization=org_tree["div_a"], year=2021, indicator="X", unit_of_measure="x",
        target_value=1,
    )  # fmt: skip
    yesterday = timezone.localdate() - timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        services.report_round_open(
            actor=people["officer"], movement=launched, year=2021, period="h1", due_on=yesterday
        )
    assert refused.value.message_dict["due_on"] == ["Hạn gửi đã qua: chọn hạn gửi từ hôm nay trở đi."]
    form = forms.ReportRoundForm({"year": 2021, "period": "h1", "due_on": yesterday.strftime("%d/%m/%Y")})
    assert not form.is_valid()
    assert form.errors["due_on"] == ["Ngày này đã qua, hãy chọn từ hôm nay trở đi."]


def test_replication_outside_the_movement_tree_names_the_field(launched, people, org_tree):
    model = ExemplaryModel.objects.create(
        movement=launched, kind="model", title="Mô hình", organization=org_tree["div_a"], story="S"
    )
    with pytest.raises(ValidationError) as refused:
        services.replication_add(
            actor=people["officer"],
            model=model,
            organization=org_tree["other"],
            replicated_on=date(2023, 1, 1),
        )
    assert "Đơn vị nhân rộng" in refused.value.message_dict["organization"][0]
    form = forms.ReplicationForm(
        {"organization": org_tree["other"].pk, "replicated_on": "01/01/2023"}, movement=launched
    )
    assert not form.is_valid()
    assert form.error_lines()[0].startswith("Đơn vị nhân rộng: ")


def test_replication_by_a_unit_that_no_longer_exists_is_refused(seed_demo):  # noqa: F811
    model = ExemplaryModel.objects.filter(movement=seed_demo["seed"]).first()
    assert model is not None
    old_qlkh = Organization.objects.get(code="YB-SKHCN-QLKH")
    with pytest.raises(ValidationError) as refused:
        services.replication_add(
            actor=_officer(), model=model, organization=old_qlkh, replicated_on=date(2025, 9, 1)
        )
    assert "replicated_on" in refused.value.message_dict
    # its successor, a unit of the movement's successor agency, may replicate it
    new_qlkh = Organization.objects.get(code="LC-SKHCN-QLKH")
    services.replication_add(
        actor=_officer(), model=model, organization=new_qlkh, replicated_on=date(2025, 9, 1)
    )


def _final_held_with_unsent(launched, people, org_tree) -> Movement:
    Movement.objects.filter(pk=launched.pk).update(status=MovementStatus.FINAL_REVIEW_HELD)
    ProgressReport.objects.create(
        movement=launched, organization=org_tree["div_a"], year=2021, period="year", due_on=date(2021, 12, 15)
    )
    launched.refresh_from_db()
    return launched


def test_closing_with_unsent_reports_requires_a_reason(launched, people, org_tree):
    movement = _final_held_with_unsent(launched, people, org_tree)
    with pytest.raises(ValidationError) as refused:
        services.movement_transition(actor=people["officer"], movement=movement, action="close")
    assert "Lý do kết thúc: còn 1 báo cáo chưa gửi" in refused.value.messages[0]
    movement.refresh_from_db()
    assert movement.status == MovementStatus.FINAL_REVIEW_HELD
    closed = services.movement_transition(
        actor=people["officer"], movement=movement, action="close", reason="Đơn vị đã giải thể."
    )
    assert closed.status == MovementStatus.CLOSED
    assert Movement.objects.get(pk=movement.pk).closed_reason == "Đơn vị đã giải thể."


def test_movement_page_warns_of_unsent_reports_and_marks_an_overdue_review(
    client, launched, people, org_tree
):
    movement = _final_held_with_unsent(launched, people, org_tree)
    Review.objects.create(movement=movement, kind=ReviewKind.FINAL, scheduled_on=date(2025, 12, 10))
    client.force_login(people["officer"])
    page = client.get(f"/phong-trao/{movement.pk}/").content.decode()
    assert 'data-testid="close-unsent"' in page and "Còn 1 báo cáo tiến độ chưa gửi" in page
    assert 'name="reason"' in page
    assert 'data-testid="review-overdue"' in page
    response = client.post(f"/phong-trao/{movement.pk}/chuyen-trang-thai/", {"action": "close"}, follow=True)
    assert "Lý do kết thúc: còn 1 báo cáo chưa gửi" in response.content.decode()


def test_movement_page_folds_targets_per_unit_without_repeating_section_two(
    client, launched, people, org_tree
):
    for unit in (org_tree["div_a"], org_tree["div_b"]):
        for year in (2021, 2022):
            Target.objects.create(
                movement=launched, organization=unit, year=year, indicator="Chỉ tiêu", unit_of_measure="x",
                target_value=1,
            )  # fmt: skip
    client.force_login(people["officer"])
    page = client.get(f"/phong-trao/{launched.pk}/").content.decode()
    assert page.count('data-testid="target-group"') == 2
    assert 'class="table-responsive' in page
    assert 'class="badge text-bg-light"' not in page  # the party no longer repeats each paragraph's start
    assert page.count('class="h5 mt-4 border-bottom pb-1" data-testid="letter-heading"') == 2


def test_report_round_form_on_the_page_names_the_due_date(client, launched, people, org_tree):
    client.force_login(people["officer"])
    yesterday = timezone.localdate() - timedelta(days=1)
    response = client.post(
        f"/phong-trao/{launched.pk}/ky-bao-cao/",
        {"year": 2021, "period": "h1", "due_on": yesterday.strftime("%d/%m/%Y")},
        follow=True,
    )
    assert "Hạn gửi: Ngày này đã qua, hãy chọn từ hôm nay trở đi." in response.content.decode()
    assert not ProgressReport.objects.filter(movement=launched).exists()


def test_registration_round_goes_only_to_units_alive_on_its_deadline(seed_demo):  # noqa: F811
    from thidua.appraisals.services import registration_round_open

    department = seed_demo["orgs"].agencies[0]
    round_ = registration_round_open(
        actor=None, organization=department, year=2025, deadline=date(2025, 3, 31)
    )
    assert round_.registrations.count() == department.children.count()
    late = registration_round_open(
        actor=None,
        organization=Organization.objects.get(code="UBND-YB"),
        year=2025,
        deadline=date(2025, 8, 1),
    )
    assert not late.registrations.filter(unit__valid_to__lt=date(2025, 8, 1)).exists()
