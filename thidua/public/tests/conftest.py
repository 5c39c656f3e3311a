"""The public site's world, on the project's `org_tree` (province → agency with divisions A and B, another agency):
decisions of the province registered from their scan (the cheapest way to an issued decision with awards in the
registry), some published, one not, one published then revoked, one published then withdrawn; and one awardee
with distinctive private values that must never reach a public page.

Given names are chosen so that Vietnamese order differs from code-point order: Anh < Ân < Bình < Dũng < Đức
(a < â, d < đ), while code points sort Anh, Bình, Dũng, Ân, Đức.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from thidua.appraisals.models import Appraisal, Discipline
from thidua.core.tests.route_matrix import make_people
from thidua.decisions import services as decision_services
from thidua.decisions.models import Decision, DecisionKind
from thidua.decisions.tests import factories as f
from thidua.movements.models import ExemplaryModel, Movement, MovementLevel, Replication
from thidua.organizations.models import Ethnicity, Organization, Person
from thidua.public import services

# Private values of the awardee Anh: none of these may appear on a public page or in the open data.
PRIVATE: dict[str, Any] = {
    "birth_date": date(1977, 7, 19),
    "staff_code": "NV-778899",
    "ethnicity": "Pà Thẻn",
    "email": "bi-mat-7731@example.org",
    "rating_note": "ghi-chu-xep-loai-5521",
    "discipline_reason": "Khiển trách do vi phạm QZX-4410",
    "discipline_number": "KL-99/QĐ-SKHCN",
}
PRIVATE_TEXTS = (
    "19/07/1977",
    "1977-07-19",
    PRIVATE["staff_code"],
    PRIVATE["ethnicity"],
    PRIVATE["email"],
    PRIVATE["rating_note"],
    PRIVATE["discipline_reason"],
    PRIVATE["discipline_number"],
    "Không hoàn thành nhiệm vụ",
    "MC-31337",  # an exemplary model's internal evidence
    "KHTNV",
)


def _person(unit: Organization, family: str, middle: str, given: str) -> Person:
    return f.person(unit, given, family, middle)


def register(
    officer: Any,
    agency: Organization,
    subjects: list[tuple[str, Any]],
    *,
    number: str,
    year: int = 2024,
    decided_on: date = date(2025, 4, 2),
) -> Decision:
    """An external decision of the province for `agency`, registered (issued, awards in the registry)."""
    decision = decision_services.decision_create(
        actor=officer,
        agency=agency,
        year=year,
        kind=DecisionKind.EXTERNAL,
        number_symbol=number,
        decided_on=decided_on,
        deciding_body="Ủy ban nhân dân tỉnh Yên Bái",
        scan=f.scan(),
        on=decided_on,
    )
    for code, subject in subjects:
        key = "organization" if isinstance(subject, Organization) else "person"
        decision_services.line_add(actor=officer, decision=decision, code=code, **{key: subject})
    decision.refresh_from_db()
    decision = decision_services.decision_transition(actor=officer, decision=decision, action="register")
    decision.refresh_from_db()
    return decision


@pytest.fixture
def people(org_tree, make_user) -> dict[str, Any]:
    return make_people(make_user, org_tree, **f.cast(org_tree))


@pytest.fixture
def world(org_tree, people) -> dict[str, Any]:
    officer = people["officer"]
    agency, div_a, div_b = org_tree["agency"], org_tree["div_a"], org_tree["div_b"]
    anh = _person(div_a, "Lê", "Văn", "Anh")
    ethnicity = Ethnicity.objects.filter(name=PRIVATE["ethnicity"]).first() or Ethnicity.objects.create(
        code="ZZ", name=PRIVATE["ethnicity"]
    )
    Person.objects.filter(pk=anh.pk).update(
        date_of_birth=PRIVATE["birth_date"], staff_code=PRIVATE["staff_code"], ethnicity=ethnicity
    )
    anh.refresh_from_db()
    anh.save()  # the search text follows the staff code
    people["staff_a"].__class__.objects.filter(pk=people["staff_a"].pk).update(email=PRIVATE["email"])
    Appraisal.objects.create(
        person=anh, year=2024, organization=div_a, rating="KHTNV", note=PRIVATE["rating_note"]
    )
    Discipline.objects.create(
        person=anh,
        form="khien_trach",
        decision_number=PRIVATE["discipline_number"],
        decided_on=date(2023, 1, 5),
        effective_from=date(2023, 1, 5),
        reason=PRIVATE["discipline_reason"],
    )
    duc = _person(div_a, "Trần", "Minh", "Đức")
    an = _person(div_b, "Phạm", "Thị", "Ân")
    dung = _person(div_b, "Hoàng", "Văn", "Dũng")
    binh = _person(div_a, "Đỗ", "Thị", "Bình")
    khoi = _person(div_a, "Nguyễn", "Văn", "Khôi")
    luc = _person(div_a, "Hoàng", "Văn", "Lực")
    mai = _person(div_b, "Vũ", "Thị", "Mai")
    d2024 = register(
        officer,
        agency,
        [("BANG_KHEN_TINH", anh), ("BANG_KHEN_TINH", duc), ("BANG_KHEN_TINH", div_b)],
        number="101/QĐ-UBND",
    )
    d2023 = register(
        officer,
        agency,
        [("BANG_KHEN_TINH", an), ("BANG_KHEN_TINH", dung), ("BANG_KHEN_TINH", binh)],
        number="202/QĐ-UBND",
        year=2023,
        decided_on=date(2024, 4, 10),
    )
    unpublished = register(officer, agency, [("BANG_KHEN_TINH", khoi)], number="303/QĐ-UBND")
    revoked = register(officer, agency, [("BANG_KHEN_TINH", luc)], number="404/QĐ-UBND")
    withdrawn = register(officer, agency, [("BANG_KHEN_TINH", mai)], number="505/QĐ-UBND")
    for decision in (d2024, d2023, revoked, withdrawn):
        services.decision_publish(actor=officer, decision=decision)
    services.decision_withdraw(actor=officer, decision=withdrawn)
    decision_services.decision_transition(
        actor=officer,
        decision=revoked,
        action="revoke",
        reason="Có quyết định thay thế",
        revoking_number="45/QĐ-UBND",
        revoking_date=date(2025, 5, 5),
    )
    revoked.refresh_from_db()
    movement = Movement.objects.create(
        code="M-PUB",
        level=MovementLevel.AGENCY,
        title="Phong trào thi đua Chuyển đổi số",
        period_start=2021,
        period_end=2025,
        launching_organization=agency,
    )
    exemplary = ExemplaryModel.objects.create(
        movement=movement,
        kind="person",
        person=anh,
        organization=div_a,
        title="Tấm gương số hóa hồ sơ",
        story="Anh Anh số hóa 10.000 hồ sơ lưu trữ.",
        evidence="Minh chứng nội bộ MC-31337",
        published=True,
    )
    Replication.objects.create(
        model=exemplary, organization=div_b, replicated_on=date(2024, 6, 1), note="Áp dụng"
    )
    draft_model = ExemplaryModel.objects.create(
        movement=movement, kind="model", organization=div_b, title="Mô hình chưa công bố", story="Chưa"
    )
    return {
        "exemplary": exemplary,
        "draft_model": draft_model,
        "d2024": d2024,
        "d2023": d2023,
        "unpublished": unpublished,
        "revoked": revoked,
        "withdrawn": withdrawn,
        "anh": anh,
        "hidden_names": ("Khôi", "Lực", "Mai"),
        "agency": agency,
        "div_a": div_a,
        "div_b": div_b,
    }
