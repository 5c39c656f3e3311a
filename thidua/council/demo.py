"""Demo council: the Council of the Yên Bái Department (the director chairs, the office is the standing member,
the council secretary, the council member, the trade union, the youth union and the head of the science
division are members) meets on 12/03/2025 on the Department's accepted 2024 lines, after the disclosure of
February. Every item is voted through the real ballot (tally code, sealed urn, receipts): one member is absent
and votes in writing, one member declares a conflict of interest, and the system flags members from a
nominee's unit. Skipped cleanly when the nominations demo has left no accepted 2024 line.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from thidua.accounts.models import User
from thidua.organizations.models import Organization

from . import selectors, services
from .models import Choice, CouncilMember, MemberRole, Session
from .workflow import open_problems

YEAR = 2024
HELD_ON = dt.date(2025, 3, 12)
TZ = ZoneInfo("Asia/Ho_Chi_Minh")
DEPARTMENT_CODE = "YB-SKHCN"
# username, role in the council, position, name (for the logins without a staff record)
MEMBERS = (
    ("giamdoc", MemberRole.CHAIR, "Giám đốc Sở", ""),
    ("vanphong", MemberRole.STANDING, "Văn phòng Sở", ""),
    ("thuky", MemberRole.SECRETARY, "Văn phòng Sở", "Đinh Thị Lan"),
    ("hoidong", MemberRole.MEMBER, "Phó Giám đốc Sở", "Phạm Quang Huy"),
    ("congdoan", MemberRole.MEMBER, "Chủ tịch Công đoàn cơ sở", "Lý Thị Mai"),
    ("doanthanhnien", MemberRole.MEMBER, "Bí thư Chi đoàn", "Hà Văn Tuấn"),
    ("truongphong", MemberRole.MEMBER, "Trưởng phòng Quản lý khoa học", ""),
)
ABSENT = "doanthanhnien"  # votes in writing
DECLARES = "congdoan"  # declares a conflict on the first item


def _at(hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(HELD_ON, dt.time(hour, minute), tzinfo=TZ)


def _choice(rng: Any) -> str:
    draw = rng.random()
    return Choice.AGREE if draw < 0.9 else (Choice.DISAGREE if draw < 0.96 else Choice.ABSTAIN)


def build_council(*, rng: Any, orgs: Any, people: Any, first_year: int, last_year: int) -> str | None:
    department = (
        orgs.agencies[0] if orgs is not None else Organization.objects.filter(code=DEPARTMENT_CODE).first()
    )
    users = {u.username: u for u in User.objects.filter(username__in=[m[0] for m in MEMBERS])}
    if department is None or len(users) != len(MEMBERS) or not (first_year <= YEAR <= last_year):
        return "bỏ qua (không có Sở hoặc tài khoản thành viên Hội đồng)"
    officer, secretary = users["vanphong"], users["thuky"]
    council = services.council_create(
        actor=officer,
        agency=department,
        name="Hội đồng Thi đua – Khen thưởng Sở Khoa học và Công nghệ tỉnh Yên Bái",
        term_from=dt.date(2024, 1, 1),
        term_to=dt.date(2025, 6, 30),
        decision="Quyết định của Giám đốc Sở về việc kiện toàn Hội đồng Thi đua – Khen thưởng Sở",
    )
    members: dict[str, CouncilMember] = {}
    for username, role, position, name in MEMBERS:
        members[username] = services.member_add(
            actor=officer, council=council, user=users[username], role=role, position=position, full_name=name
        )
    session = services.session_create(
        actor=secretary,
        council=council,
        held_on=HELD_ON,
        place="Phòng họp tầng 3, Sở Khoa học và Công nghệ",
        number="01/2025",
        agenda="Xét đề nghị khen thưởng năm 2024 của các phòng, đơn vị thuộc Sở.",
    )
    lines = [n for n in selectors.agenda_candidates(session=session) if n.year == YEAR]
    if not lines:
        return (
            "Hội đồng, 7 thành viên; phiên họp chưa có chương trình (chưa có đề nghị năm 2024 được chấp nhận)"
        )
    items = services.agenda_add(actor=secretary, session=session, nominations=lines, on=HELD_ON)
    problems = [str(p) for p in open_problems(session, on=HELD_ON)]
    if problems:
        return (
            f"Hội đồng, {len(items)} đề nghị trong chương trình; phiên họp chưa khai mạc được: {problems[0]}"
        )
    services.session_transition(actor=secretary, session=session, action="open", on=HELD_ON)
    services.conflict_declare(
        actor=users[DECLARES],
        item=items[0],
        note="Người được đề nghị là người thân trong gia đình của thành viên.",
    )
    passed = 0
    for item in items:
        code = services.ballot_open(actor=secretary, item=item, on=HELD_ON)
        blocked = set(item.conflicts.values_list("member__user__username", flat=True))
        for username, member in members.items():
            if username in blocked:
                continue
            if username == ABSENT:
                services.ballot_cast_written(actor=secretary, item=item, member=member, choice=_choice(rng))
            else:
                services.ballot_cast(actor=users[username], item=item, choice=_choice(rng))
        services.ballot_close(actor=secretary, item=item, tally_code=code)
        item = services.ballot_tally(actor=secretary, item=item)
        passed += bool(item.passed)
    services.session_transition(actor=secretary, session=session, action="close", on=HELD_ON)
    Session.objects.filter(pk=session.pk).update(opened_at=_at(8), closed_at=_at(11, 30))
    session.items.update(tallied_at=_at(10, 45))
    return (
        f"Hội đồng 7 thành viên; phiên họp {HELD_ON:%d/%m/%Y}: {len(items)} đề nghị, {passed} được thông qua"
    )
