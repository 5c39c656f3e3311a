"""The demo step: skipped cleanly without accepted 2024 lines; otherwise a notice posted on 10/02/2025, closed,
with two pieces of feedback, both handled, so the council's check passes in March 2025."""

from datetime import date

import pytest

from thidua.accounts.models import Role
from thidua.disclosure import demo, services
from thidua.disclosure.models import DisclosureNotice, NoticeStatus
from thidua.nominations.models import Nomination, NominationStatus, ProposalBatch
from thidua.organizations.models import Organization, OrganizationKind, Person


@pytest.fixture
def department(db, make_user):
    province = Organization.objects.create(
        kind=OrganizationKind.PROVINCE, code="UBND-YB", name="UBND tỉnh Yên Bái"
    )
    department = Organization.objects.create(
        kind=OrganizationKind.AGENCY, code="YB-SKHCN", name="Sở KH&CN Yên Bái", parent=province
    )
    unit = Organization.objects.create(
        kind=OrganizationKind.DIVISION, code="YB-SKHCN-VP", name="Văn phòng Sở", parent=department
    )
    make_user(Role.OFFICER, department, include_subunits=True, username="vanphong")
    return {"department": department, "unit": unit}


def _build():
    return demo.build_disclosure(rng=None, orgs=None, people=[], first_year=2016, last_year=2025)


def test_the_demo_step_skips_without_accepted_lines(department):
    assert "bỏ qua" in _build()
    assert not DisclosureNotice.objects.exists()


def test_the_demo_step_discloses_the_department_s_2024_lines(department, django_capture_on_commit_callbacks):
    batch = ProposalBatch.objects.create(
        unit=department["unit"],
        office=department["department"],
        year=2024,
        title="Tờ trình",
        status="accepted",
    )
    person = Person.objects.create(
        family_name="Nguyễn", middle_name="Văn", given_name="An", sex="M", staff_code="X1"
    )
    line = Nomination.objects.create(
        batch=batch, person=person, code="CSTD_TOAN_QUOC", year=2024, status=NominationStatus.ACCEPTED
    )
    with django_capture_on_commit_callbacks(execute=True):
        summary = _build()
    assert "1 thông báo" in summary
    notice = DisclosureNotice.objects.get()
    assert notice.status == NoticeStatus.CLOSED
    assert (notice.posted_at, notice.comment_deadline) == (date(2025, 2, 10), date(2025, 2, 24))
    assert notice.feedback.count() == 2 and not notice.feedback.filter(outcome="").exists()
    assert services.session_open_problems(nominations=[line], on=date(2025, 3, 10)) == []
