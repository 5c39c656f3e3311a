"""The council's services: agenda, conflicts, the ballot from opening to tally, results on the nominations,
notifications; refusals for everything that must not happen."""

from datetime import date

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from thidua.audit.models import AuditEvent
from thidua.council import services
from thidua.council.models import (
    AgendaItem,
    BallotChoice,
    BallotRoll,
    BallotState,
    BallotUrn,
    Conflict,
    ConflictSource,
    SessionStatus,
    VoteMethod,
)
from thidua.council.tests.conftest import HELD_ON, voters
from thidua.nominations.models import NominationStatus
from thidua.notifications.models import Notification

pytestmark = pytest.mark.django_db


def run_ballot(item, session, secretary, choices, *, written=()):
    """Open `item`, let the members vote `choices` (member index → choice; written for indexes in `written`),
    close and tally. Returns the tallied item and the receipts by member index."""
    code = services.ballot_open(actor=secretary, item=item)
    members = voters(session)
    receipts = {}
    for index, choice in choices.items():
        member = members[index]
        if index in written:
            receipts[index] = services.ballot_cast_written(
                actor=secretary, item=item, member=member, choice=choice
            )
        else:
            receipts[index] = services.ballot_cast(actor=member.user, item=item, choice=choice)
    services.ballot_close(actor=secretary, item=item, tally_code=code)
    return services.ballot_tally(actor=secretary, item=item), receipts


def test_agenda_schedules_the_line_and_fixes_its_rule(open_session, make_line, people):
    line = make_line("CSTD_TINH")
    session, (item,) = open_session([line])
    line.refresh_from_db()
    assert line.status == NominationStatus.ON_AGENDA
    assert (item.ballot_type, item.threshold, item.threshold_basis) == ("secret", "90%", "total_members")
    assert item.threshold_to_verify  # E2 session: unconfirmed
    assert AuditEvent.objects.filter(action="nomination.schedule", object_id=str(line.pk)).exists()


def test_a_passed_line(open_session, make_line, people, django_capture_on_commit_callbacks):
    line = make_line("CSTD_TINH")
    session, (item,) = open_session([line])
    with django_capture_on_commit_callbacks(execute=True):
        item, receipts = run_ballot(
            item,
            session,
            people["secretary"],
            dict.fromkeys(range(9), "agree") | {9: "disagree"},
            written={8},
        )
    assert (item.members_total, item.members_present, item.written_votes) == (10, 9, 1)
    assert (item.agree, item.disagree, item.abstain, item.quorum_met, item.passed) == (9, 1, 0, True, True)
    line.refresh_from_db()
    assert line.status == NominationStatus.PASSED
    assert "9 đồng ý" in line.result_note and "Thông qua" in line.result_note
    # the published tally lists every receipt with its choice
    published = dict(BallotChoice.objects.filter(item=item).values_list("receipt", "choice"))
    assert published == {receipt: ("disagree" if i == 9 else "agree") for i, receipt in receipts.items()}
    # the unit's head is told the result
    told = Notification.objects.get(user=people["head_a"], title__startswith="Hội đồng thông qua")
    assert told.url == reverse("nominations:line_detail", args=[line.pk])
    assert any("Hội đồng thông qua" in m.subject for m in mail.outbox) or not people["head_a"].email


def test_eight_of_ten_with_two_absent_fails_and_goes_back_to_the_unit(open_session, make_line, people):
    line = make_line("CSTD_TINH")
    session, (item,) = open_session([line])
    item, _ = run_ballot(item, session, people["secretary"], dict.fromkeys(range(8), "agree"))
    assert (item.agree, item.members_total, item.passed) == (8, 10, False)
    line.refresh_from_db()
    assert line.status == NominationStatus.NOT_PASSED
    assert "Không thông qua" in line.result_note


def test_no_result_without_a_quorum_and_the_line_waits_for_another_session(open_session, make_line, people):
    line = make_line("BANG_KHEN_TINH")
    session, (item,) = open_session([line])
    item, _ = run_ballot(item, session, people["secretary"], {0: "agree", 1: "agree", 2: "agree"})
    assert (item.quorum_met, item.passed) == (False, None)
    line.refresh_from_db()
    assert line.status == NominationStatus.ON_AGENDA
    assert "không đủ số thành viên" in line.result_note
    # it can be put on a later session's agenda (no second `schedule`)
    later = services.session_create(
        actor=people["secretary"], council=session.council, held_on=date(2025, 4, 2), place="Phòng họp"
    )
    (again,) = services.agenda_add(actor=people["secretary"], session=later, nominations=[line])
    assert again.nomination_id == line.pk


def test_a_line_cannot_be_on_two_live_agendas(open_session, make_line, people):
    line = make_line()
    session, _ = open_session([line])
    other = services.session_create(
        actor=people["secretary"], council=session.council, held_on=date(2025, 4, 2), place="Phòng họp"
    )
    with pytest.raises(ValidationError):
        services.agenda_add(actor=people["secretary"], session=other, nominations=[line])


def test_lines_not_accepted_or_of_another_agency_are_refused(
    make_council, make_line, people, org_tree, batch
):
    proposed = make_line(status=NominationStatus.PROPOSED)
    batch.office = org_tree["other"]
    batch.save()
    foreign = make_line()
    planned = services.session_create(
        actor=people["secretary"], council=make_council(4), held_on=HELD_ON, place="P"
    )
    for line in (proposed, foreign):
        with pytest.raises(ValidationError):
            services.agenda_add(actor=people["secretary"], session=planned, nominations=[line])


def test_a_session_does_not_open_without_an_agenda(make_council, people):
    council = make_council(5)
    session = services.session_create(actor=people["secretary"], council=council, held_on=HELD_ON, place="P")
    with pytest.raises(ValidationError, match="chưa có đề nghị"):
        services.session_transition(actor=people["secretary"], session=session, action="open")


def test_the_open_guard_asks_disclosure(make_council, make_line, people, monkeypatch):
    from thidua.council import workflow

    line = make_line()
    session = services.session_create(
        actor=people["secretary"], council=make_council(4), held_on=HELD_ON, place="P"
    )
    services.agenda_add(actor=people["secretary"], session=session, nominations=[line])
    seen = {}

    def problems(*, nominations, on):
        seen["lines"], seen["on"] = list(nominations), on
        return ["Chưa hết thời hạn công khai."]

    monkeypatch.setattr(workflow, "session_open_problems", problems)
    with pytest.raises(ValidationError, match="Chưa hết thời hạn công khai"):
        services.session_transition(actor=people["secretary"], session=session, action="open", on=HELD_ON)
    assert seen == {"lines": [line], "on": HELD_ON}
    session.refresh_from_db()
    assert session.status == SessionStatus.PLANNED


def test_each_member_votes_once(open_session, make_line, people):
    session, (item,) = open_session([make_line()])
    services.ballot_open(actor=people["secretary"], item=item)
    services.ballot_cast(actor=people["member"], item=item, choice="agree")
    with pytest.raises(ValidationError, match="đã bỏ phiếu"):
        services.ballot_cast(actor=people["member"], item=item, choice="disagree")
    member = next(m for m in voters(session) if m.user == people["member"])
    with pytest.raises(ValidationError, match="đã bỏ phiếu"):
        services.ballot_cast_written(actor=people["secretary"], item=item, member=member, choice="agree")
    assert BallotRoll.objects.filter(item=item).count() == 1
    assert len(BallotUrn.objects.get(item=item).sealed) == 1


def test_only_members_vote_and_only_managers_enter_written_votes(open_session, make_line, people):
    session, (item,) = open_session([make_line()])
    services.ballot_open(actor=people["secretary"], item=item)
    with pytest.raises(PermissionDenied):
        services.ballot_cast(actor=people["head_a"], item=item, choice="agree")
    member = voters(session)[5]
    with pytest.raises(PermissionDenied):
        services.ballot_cast_written(actor=people["member"], item=item, member=member, choice="agree")
    with pytest.raises(ValidationError):
        services.ballot_cast(actor=people["member"], item=item, choice="maybe")


def test_votes_are_refused_before_opening_and_after_closing(open_session, make_line, people):
    session, (item,) = open_session([make_line()])
    with pytest.raises(ValidationError):
        services.ballot_cast(actor=people["member"], item=item, choice="agree")
    code = services.ballot_open(actor=people["secretary"], item=item)
    services.ballot_close(actor=people["secretary"], item=item, tally_code=code)
    with pytest.raises(ValidationError):
        services.ballot_cast(actor=people["member"], item=item, choice="agree")


def test_a_wrong_tally_code_closes_nothing(open_session, make_line, people):
    session, (item,) = open_session([make_line()])
    code = services.ballot_open(actor=people["secretary"], item=item)
    services.ballot_cast(actor=people["member"], item=item, choice="agree")
    with pytest.raises(ValidationError, match="Mã kiểm phiếu không đúng"):
        services.ballot_close(
            actor=people["secretary"], item=item, tally_code="0000-0000-0000-0000-0000-0000-0000-0000"
        )
    item.refresh_from_db()
    assert item.ballot_state == BallotState.OPEN
    assert BallotUrn.objects.filter(item=item).exists()
    services.ballot_close(actor=people["secretary"], item=item, tally_code=code)
    item.refresh_from_db()
    assert item.ballot_state == BallotState.CLOSED and item.public_key == ""
    assert not BallotUrn.objects.filter(item=item).exists()
    assert BallotChoice.objects.filter(item=item).count() == 1


def test_the_system_flags_the_nominee_and_the_nominees_unit(open_session, make_line, people, org_tree):
    # "member" is assigned to division B; a line for a person of division B flags them, one of division A doesn't.
    line_b = make_line(unit=org_tree["div_b"])
    line_a = make_line()
    session, (item_b, item_a) = open_session([line_b, line_a])
    member = next(m for m in voters(session) if m.user == people["member"])
    assert Conflict.objects.get(item=item_b, member=member).source == ConflictSource.UNIT
    assert not Conflict.objects.filter(item=item_a, member=member).exists()
    # the nominee themself
    own = make_line("BANG_KHEN_TINH", person=people["member"].person)
    later = services.session_create(
        actor=people["secretary"], council=session.council, held_on=HELD_ON, place="P"
    )
    (item_own,) = services.agenda_add(actor=people["secretary"], session=later, nominations=[own])
    assert Conflict.objects.get(item=item_own, member=member).source == ConflictSource.NOMINEE


def test_a_collective_flags_members_of_that_unit(open_session, batch, people, org_tree):
    from thidua.nominations.models import Nomination

    line = Nomination.objects.create(
        batch=batch,
        organization=org_tree["div_b"],
        code="TTLDXS",
        year=2024,
        status=NominationStatus.ACCEPTED,
    )
    session, (item,) = open_session([line])
    assert list(Conflict.objects.filter(item=item).values_list("member__user__username", flat=True)) == [
        "member"
    ]


def test_a_conflicted_member_may_not_vote_and_counts_as_the_council_says(
    open_session, make_line, people, org_tree
):
    line = make_line("CSTD_TINH", unit=org_tree["div_b"])  # flags "member"
    session, (item,) = open_session([line])
    code = services.ballot_open(actor=people["secretary"], item=item)
    with pytest.raises(ValidationError, match="xung đột lợi ích"):
        services.ballot_cast(actor=people["member"], item=item, choice="agree")
    for member in voters(session):
        if member.user != people["member"]:
            services.ballot_cast(actor=member.user, item=item, choice="agree")
    services.ballot_close(actor=people["secretary"], item=item, tally_code=code)
    item = services.ballot_tally(actor=people["secretary"], item=item)
    assert (item.members_total, item.conflicted, item.agree, item.passed) == (10, 1, 9, True)  # 9 of 10


def test_declaring_a_conflict(open_session, make_line, people):
    session, (item,) = open_session([make_line()])
    conflict = services.conflict_declare(actor=people["member"], item=item, note="Người thân")
    assert conflict.source == ConflictSource.DECLARED
    with pytest.raises(ValidationError):
        services.conflict_declare(actor=people["member"], item=item, note="Lần nữa")
    with pytest.raises(PermissionDenied):
        services.conflict_declare(actor=people["head_a"], item=item, note="x")
    services.ballot_open(actor=people["secretary"], item=item)
    with pytest.raises(ValidationError):
        services.ballot_cast(actor=people["member"], item=item, choice="agree")
    services.ballot_cast(actor=people["officer"], item=item, choice="agree")
    with pytest.raises(ValidationError, match="đã bỏ phiếu"):
        services.conflict_declare(actor=people["officer"], item=item, note="Quá muộn")


def test_closing_the_session_waits_for_every_open_ballot(open_session, make_line, people):
    session, (item,) = open_session([make_line()])
    code = services.ballot_open(actor=people["secretary"], item=item)
    with pytest.raises(ValidationError):
        services.session_transition(actor=people["secretary"], session=session, action="close")
    services.ballot_close(actor=people["secretary"], item=item, tally_code=code)
    with pytest.raises(ValidationError):
        services.session_transition(actor=people["secretary"], session=session, action="close")
    services.ballot_tally(actor=people["secretary"], item=item)
    session = services.session_transition(actor=people["secretary"], session=session, action="close")
    assert session.status == SessionStatus.CLOSED and session.closed_at is not None


def test_cancelled_sessions_release_their_lines(make_council, make_line, people):
    council = make_council(5)
    session = services.session_create(actor=people["secretary"], council=council, held_on=HELD_ON, place="P")
    line = make_line()
    services.agenda_add(actor=people["secretary"], session=session, nominations=[line])
    with pytest.raises(ValidationError):  # a reason is required
        services.session_transition(actor=people["secretary"], session=session, action="cancel")
    services.session_transition(actor=people["secretary"], session=session, action="cancel", reason="Hoãn")
    later = services.session_create(
        actor=people["secretary"], council=council, held_on=date(2025, 4, 1), place="P"
    )
    assert services.agenda_add(actor=people["secretary"], session=later, nominations=[line])


def test_members_are_told_of_the_session(make_council, people, django_capture_on_commit_callbacks):
    council = make_council(4)
    with django_capture_on_commit_callbacks(execute=True):
        services.session_create(
            actor=people["secretary"], council=council, held_on=HELD_ON, place="Phòng họp"
        )
    told = set(
        Notification.objects.filter(title__contains="12/03/2025").values_list("user__username", flat=True)
    )
    assert {"officer", "secretary", "member"} <= told


def test_roles_outside_the_agency_are_forbidden(make_council, people, org_tree):
    council = make_council(4)
    for who in ("other_officer", "head_a", "member"):
        with pytest.raises(PermissionDenied):
            services.session_create(actor=people[who], council=council, held_on=HELD_ON, place="P")
    with pytest.raises(PermissionDenied):
        services.council_create(
            actor=people["other_officer"], agency=org_tree["agency"], name="X", term_from=HELD_ON
        )


def test_a_member_who_voted_cannot_be_removed(open_session, make_line, people):
    session, (item,) = open_session([make_line()])
    services.ballot_open(actor=people["secretary"], item=item)
    services.ballot_cast(actor=people["member"], item=item, choice="agree")
    member = next(m for m in voters(session) if m.user == people["member"])
    with pytest.raises(ValidationError):
        services.member_remove(actor=people["officer"], member=member)


def test_written_votes_are_marked_written(open_session, make_line, people):
    session, (item,) = open_session([make_line()])
    services.ballot_open(actor=people["secretary"], item=item)
    absent = voters(session)[7]
    services.ballot_cast_written(actor=people["secretary"], item=item, member=absent, choice="abstain")
    assert BallotRoll.objects.get(item=item, member=absent).method == VoteMethod.WRITTEN
    event = AuditEvent.objects.filter(action="council_ballot.cast").latest("id")
    assert event.after == {"method": "written", "member": absent.pk}


def test_agenda_items_cannot_be_removed_once_open(open_session, make_line, people):
    session, (item,) = open_session([make_line()])
    with pytest.raises(ValidationError):
        services.agenda_remove(actor=people["secretary"], item=item)
    assert AgendaItem.objects.filter(pk=item.pk).exists()
