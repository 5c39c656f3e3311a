"""The demo step: the demo Department's council meets in March 2025 on its accepted 2024 lines, with one written
vote and one declared conflict, through the real ballot; it skips cleanly without accepted lines."""

import random
from datetime import date

import pytest

from thidua.accounts.demo import build_users
from thidua.core.registry import registry
from thidua.council import demo
from thidua.council.models import BallotChoice, BallotRoll, Conflict, ConflictSource, Council, Session
from thidua.nominations.models import BatchStatus, Nomination, NominationStatus, ProposalBatch
from thidua.organizations.demo import build_organizations
from thidua.organizations.models import Assignment, Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_world():
    orgs = build_organizations()
    build_users(orgs=orgs)
    return orgs


def _build(orgs):
    return demo.build_council(rng=random.Random(7), orgs=orgs, people=[], first_year=2020, last_year=2025)


def _accepted_lines(orgs):
    department, unit = orgs.agencies[0], orgs.units["QLKH"]
    batch = ProposalBatch.objects.create(
        unit=unit,
        office=department,
        year=2024,
        title="Đề nghị khen thưởng năm 2024",
        status=BatchStatus.ACCEPTED,
    )
    lines = []
    for i, code in enumerate(("CSTDCS", "BANG_KHEN_TINH", "GIAY_KHEN")):
        person = Person.objects.create(
            family_name="Lê", middle_name="Thị", given_name=f"Hoa{i}", sex="F", staff_code=f"DEMO-C{i}"
        )
        Assignment.objects.create(
            person=person,
            organization=unit,
            position=next(iter(orgs.positions.values())),
            start_on=date(2018, 1, 1),
        )
        lines.append(
            Nomination.objects.create(
                batch=batch, person=person, code=code, year=2024, status=NominationStatus.ACCEPTED
            )
        )
    return lines


def test_the_step_is_registered_after_disclosure():
    assert any(order == 85 and step.__name__ == "build_council" for order, step in registry.demo_steps)


def test_the_demo_council_skips_without_accepted_lines(demo_world):
    summary = _build(demo_world)
    assert "chưa có đề nghị năm 2024 được chấp nhận" in summary
    council = Council.objects.get()
    assert council.members.count() == 7
    assert not Session.objects.get().items.exists()


def test_the_demo_council_holds_and_tallies_its_march_session(demo_world):
    lines = _accepted_lines(demo_world)
    summary = _build(demo_world)
    session = Session.objects.get()
    assert session.held_on == date(2025, 3, 12) and session.status == "closed"
    assert "3 đề nghị" in summary
    items = list(session.items.order_by("position"))
    assert all(item.ballot_state == "tallied" for item in items)
    assert all(
        BallotChoice.objects.filter(item=item).count() == BallotRoll.objects.filter(item=item).count()
        for item in items
    )
    # one absent member votes in writing on each item; one member declares a conflict
    assert set(
        BallotRoll.objects.filter(method="written").values_list("member__user__username", flat=True)
    ) == {"doanthanhnien"}
    declared = Conflict.objects.filter(source=ConflictSource.DECLARED)
    assert [(c.member.user.username, c.item_id) for c in declared] == [("congdoan", items[0].pk)]
    for line in lines:
        line.refresh_from_db()
        assert line.status in (NominationStatus.PASSED, NominationStatus.NOT_PASSED)
        assert line.result_note.startswith("Phiên họp Hội đồng ngày 12/03/2025")
    names = {m.user.username: m.name for m in session.council.members.select_related("user", "person")}
    assert names["thuky"] == "Đinh Thị Lan" and names["doanthanhnien"] == "Hà Văn Tuấn"
    roles = dict(session.council.members.values_list("user__username", "role"))
    assert roles["giamdoc"] == "chair" and roles["thuky"] == "secretary" and roles["vanphong"] == "standing"
