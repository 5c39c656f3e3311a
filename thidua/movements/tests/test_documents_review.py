"""The review report counts the commendations given under the movement and names the higher ones."""

import pytest

from thidua.commendations.models import AwardRecord
from thidua.documents.layout import Heading, plain_text
from thidua.movements import selectors
from thidua.movements.documents import review_report_document
from thidua.movements.models import Review, ReviewKind
from thidua.organizations.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_review_report_lists_commendations_under_the_movement(launched, org_tree):
    an = PersonFactory(family_name="Nguyễn", middle_name="Văn", given_name="An")
    binh = PersonFactory(family_name="Trần", middle_name="Thị", given_name="Bình")
    for person in (an, binh):
        AwardRecord.objects.create(code="LDTT", person=person, year=2022, movement=launched)
    AwardRecord.objects.create(
        code="CSTD_TINH", person=an, year=2022, movement=launched, decision_number="12/QĐ-UBND"
    )
    AwardRecord.objects.create(code="LDTT", person=an, year=2021)  # not under this movement

    lines = selectors.commendations_for(movement=launched)
    assert lines[0] == "Lao động tiên tiến: năm 2022: 2"
    assert (
        "Chiến sĩ thi đua cấp bộ, ban, ngành, tỉnh năm 2022: Nguyễn Văn An (Quyết định số 12/QĐ-UBND)"
        in lines
    )

    review = Review.objects.create(
        movement=launched, kind=ReviewKind.MIDTERM, scheduled_on=launched.launched_on
    )
    document = review_report_document(review, data=selectors.review_report_data(review=review))
    text = " ".join(plain_text(block.content) for block in document.body if hasattr(block, "content"))
    assert "Lao động tiên tiến: năm 2022: 2" in text
    assert "Nguyễn Văn An" in text


def test_office_writes_the_overall_assessment_printed_in_the_report(client, launched, people):
    review = Review.objects.create(
        movement=launched, kind=ReviewKind.FINAL, scheduled_on=launched.launched_on
    )
    client.force_login(people["head_a"])
    url = f"/phong-trao/so-ket/{review.pk}/danh-gia/"
    assert client.post(url, {"summary": "X"}).status_code == 403
    client.force_login(people["officer"])
    assert client.post(url, {"summary": "Phong trào được triển khai đồng bộ, hiệu quả."}).status_code == 302
    review.refresh_from_db()
    document = review_report_document(review, data=selectors.review_report_data(review=review))
    headings = [block.text for block in document.body if isinstance(block, Heading)]
    assert "V. ĐÁNH GIÁ CHUNG" in headings
    text = " ".join(plain_text(block.content) for block in document.body if hasattr(block, "content"))
    assert "Phong trào được triển khai đồng bộ, hiệu quả." in text
