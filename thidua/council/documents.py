"""The council's documents, as :class:`OfficialDocument` for the shared Decree 30 renderer (DOCX and PDF):

- the tally record (biên bản kiểm phiếu): per item the counts, the threshold and its basis, the quorum, the
  result, and the published receipt list (every receipt code with its choice, in code order);
- the minutes (biên bản họp): date, place, chair, secretary, members present and absent, the agenda and the
  results.

Legal basis: Luật Thi đua, khen thưởng 06/2022/QH15, Điều 90 (the council); the vote and what is recorded of it,
legal-rules §5 (NĐ 91/2017 Điều 45 khoản 8 for the secret ballot of CSTĐ).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from thidua.documents.formatting import vn_date
from thidua.documents.layout import (
    Block,
    Bullet,
    Heading,
    NumberedItem,
    OfficialDocument,
    Paragraph,
    Run,
    Signature,
    Table,
)
from thidua.documents.selectors import issuer_header, issuer_on, issuer_place
from thidua.rules.wording import plain_basis

from . import selectors
from .models import AgendaItem, BallotState, CouncilMember, MemberRole, Session, VoteMethod

TALLY_PURPOSE = "council-tally"
MINUTES_PURPOSE = "council-minutes"
DRAFT_NUMBER = "     "
COUNCIL_ISSUER = "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG"


@dataclass(frozen=True)
class Attendance:
    present: list[CouncilMember]
    absent: list[CouncilMember]
    written: set[int]  # members (absent) who sent a written vote


def attendance(session: Session, items: list[AgendaItem]) -> Attendance:
    """Members present: those who voted electronically on an item or declared a conflict at the session.
    Absent: the other members on the day (their written votes are noted)."""
    members = list(selectors.members_of(session.council, on=session.held_on))
    here: set[int] = set()
    written: set[int] = set()
    for item in items:
        for row in item.roll.all():
            (here if row.method == VoteMethod.ELECTRONIC else written).add(row.member_id)
        here.update(c.member_id for c in item.conflicts.all() if c.source == "declared")
    return Attendance(
        present=[m for m in members if m.pk in here],
        absent=[m for m in members if m.pk not in here],
        written=written - here,
    )


def _holder(members: list[CouncilMember], role: str) -> CouncilMember | None:
    return next((m for m in members if m.role == role), None)


def _header(session: Session, day: date) -> tuple[str, str]:
    agency = issuer_on(session.council.agency, day)
    _parent, issuer = issuer_header(agency)
    return issuer, issuer_place(agency)


def _subject(item: AgendaItem) -> str:
    nomination = item.nomination
    return f"{nomination.subject} – {nomination.get_code_display()} năm {nomination.year}"


def _result_text(item: AgendaItem) -> str:
    if item.ballot_state != BallotState.TALLIED:
        return "Chưa biểu quyết" if item.ballot_state == BallotState.PENDING else "Chưa kiểm phiếu"
    if not item.quorum_met:
        return "Không đủ số thành viên tham gia biểu quyết: chưa có kết quả"
    return "Thông qua" if item.passed else "Không thông qua"


def _signature(members: list[CouncilMember]) -> Signature:
    chair = _holder(members, MemberRole.CHAIR)
    return Signature(position="CHỦ TỊCH HỘI ĐỒNG", name=chair.name if chair else "")


def _secretary_block(members: list[CouncilMember]) -> list[Block]:
    secretary = _holder(members, MemberRole.SECRETARY)
    return [
        Paragraph([Run("THƯ KÝ HỘI ĐỒNG", bold=True)], align="left", indent=False),
        Paragraph(secretary.name if secretary else "", align="left", indent=False),
    ]


def _opening(session: Session, members: list[CouncilMember], what: str) -> list[Block]:
    chair = _holder(members, MemberRole.CHAIR)
    secretary = _holder(members, MemberRole.SECRETARY)
    return [
        Paragraph(
            f"Hôm nay, ngày {vn_date(session.held_on)}, tại {session.place}, {session.council.name} {what}."
        ),
        Paragraph(
            f"Chủ trì: {chair.name if chair else '…'}, Chủ tịch Hội đồng. "
            f"Thư ký: {secretary.name if secretary else '…'}."
        ),
    ]


def _count_rows(item: AgendaItem) -> tuple[tuple[str, str], ...]:
    basis = item.get_threshold_basis_display() if item.threshold_basis else ""
    verify = " (cần xác minh)" if item.threshold_to_verify else ""
    return (
        ("Hình thức biểu quyết", item.get_ballot_type_display()),
        ("Tổng số thành viên Hội đồng", str(item.members_total)),
        ("Thành viên không biểu quyết do xung đột lợi ích", str(item.conflicted)),
        ("Số thành viên bỏ phiếu trực tiếp", str(item.members_present)),
        ("Số phiếu bằng văn bản của thành viên vắng mặt", str(item.written_votes)),
        ("Số phiếu đồng ý", str(item.agree)),
        ("Số phiếu không đồng ý", str(item.disagree)),
        ("Số phiếu không biểu quyết, không hợp lệ", str(item.abstain)),
        ("Ngưỡng thông qua", f"{item.threshold} {basis.lower()}{verify}"),
        ("Căn cứ", plain_basis(item.threshold_source)),
        ("Số thành viên tối thiểu", f"{item.quorum} – {'đủ' if item.quorum_met else 'không đủ'}"),
        ("Kết quả", _result_text(item)),
    )


def tally_document(
    session: Session, *, number_symbol: str | None = None, issued_on: date | None = None
) -> OfficialDocument:
    """The tally record of the session's ballots."""
    day = issued_on or session.held_on
    items = list(selectors.items_of(session))
    members = list(selectors.members_of(session.council, on=session.held_on))
    agency_line, place = _header(session, day)
    body: list[Block] = [
        *_opening(session, members, "tiến hành kiểm phiếu biểu quyết các đề nghị khen thưởng")
    ]
    counted = [item for item in items if item.ballot_state == BallotState.TALLIED]
    if not counted:
        body.append(Paragraph("Chưa có nội dung nào được kiểm phiếu."))
    for index, item in enumerate(counted, start=1):
        body.append(Heading(2, f"{index}. {_subject(item)}"))
        body.append(
            Table(
                header=("Nội dung", "Kết quả"),
                rows=_count_rows(item),
                widths=(3.0, 4.0),
                align=("left", "left"),
            )
        )
        receipts = selectors.choices_of(item)
        body.append(
            Paragraph(
                "Danh sách mã biên nhận (mỗi thành viên đối chiếu mã biên nhận của mình với lựa chọn đã ghi):"
            )
        )
        body.append(
            Table(
                header=("TT", "Mã biên nhận", "Lựa chọn"),
                rows=tuple(
                    (str(i), choice.receipt, choice.get_choice_display())
                    for i, choice in enumerate(receipts, start=1)
                ),
                widths=(0.6, 2.4, 2.4),
                align=("center", "left", "left"),
            )
        )
    body.extend(_secretary_block(members))
    return OfficialDocument(
        issuer_parent=agency_line,
        issuer=COUNCIL_ISSUER,
        number_symbol=number_symbol or f"{DRAFT_NUMBER}/BB-HĐTĐKT",
        place=place or "Hà Nội",
        date=day,
        doc_type_title="BIÊN BẢN",
        abstract="Kiểm phiếu biểu quyết đề nghị khen thưởng",
        body=tuple(body),
        recipients=("Thành viên Hội đồng;", "Lưu: VT, HĐTĐKT."),
        signature=_signature(members),
    )


def _names(members: list[CouncilMember], written: set[int] | None = None) -> list[Block]:
    if not members:
        return [Bullet("Không có.")]
    lines: list[Block] = []
    for member in members:
        extra = " – có phiếu bằng văn bản" if written and member.pk in written else ""
        lines.append(Bullet(f"{member.name}, {member.get_role_display()}{extra}"))
    return lines


def minutes_document(
    session: Session, *, number_symbol: str | None = None, issued_on: date | None = None
) -> OfficialDocument:
    """The minutes of the session."""
    day = issued_on or session.held_on
    items = list(selectors.items_of(session))
    members = list(selectors.members_of(session.council, on=session.held_on))
    presence = attendance(session, items)
    agency_line, place = _header(session, day)
    body: list[Block] = [*_opening(session, members, "họp xét đề nghị khen thưởng")]
    body.append(Heading(1, "I. THÀNH PHẦN"))
    body.append(
        Paragraph(
            f"Tổng số thành viên Hội đồng: {len(members)}; có mặt: {len(presence.present)}; vắng mặt: "
            f"{len(presence.absent)} (trong đó {len(presence.written)} thành viên gửi phiếu bằng văn bản)."
        )
    )
    body.append(Heading(2, "1. Thành viên có mặt"))
    body.extend(_names(presence.present))
    body.append(Heading(2, "2. Thành viên vắng mặt"))
    body.extend(_names(presence.absent, presence.written))
    body.append(Heading(1, "II. NỘI DUNG"))
    if session.agenda.strip():
        body.extend(Paragraph(p.strip()) for p in session.agenda.split("\n\n") if p.strip())
    body.extend(NumberedItem(f"{i}.", _subject(item)) for i, item in enumerate(items, start=1))
    body.append(Heading(1, "III. KẾT QUẢ BIỂU QUYẾT"))
    rows = []
    for i, item in enumerate(items, start=1):
        counted = item.ballot_state == BallotState.TALLIED
        rows.append(
            (
                str(i),
                _subject(item),
                item.get_ballot_type_display(),
                f"{item.agree}/{item.members_total}" if counted else "–",
                f"{item.threshold} {item.get_threshold_basis_display().lower()}"
                if item.threshold_basis
                else "",
                _result_text(item),
            )
        )
    body.append(
        Table(
            header=("TT", "Đề nghị", "Hình thức", "Đồng ý", "Ngưỡng", "Kết quả"),
            rows=tuple(rows),
            widths=(0.5, 3.2, 1.2, 0.9, 1.8, 1.6),
            align=("center", "left", "left", "center", "left", "left"),
        )
    )
    conflicts = [(item, c) for item in items for c in item.conflicts.all()]
    if conflicts:
        body.append(Heading(2, "Thành viên không biểu quyết do xung đột lợi ích"))
        body.extend(
            Bullet(
                f"{c.member.name} – {_subject(item)}: {c.get_source_display().lower()}{': ' + c.note if c.note else ''}"
            )
            for item, c in conflicts
        )
    closed = timezone.localtime(session.closed_at) if session.closed_at else None
    body.append(
        Paragraph(
            f"Phiên họp kết thúc lúc {closed:%H} giờ {closed:%M} cùng ngày."
            if closed
            else "Phiên họp chưa kết thúc."
        )
    )
    body.extend(_secretary_block(members))
    return OfficialDocument(
        issuer_parent=agency_line,
        issuer=COUNCIL_ISSUER,
        number_symbol=number_symbol or f"{DRAFT_NUMBER}/BB-HĐTĐKT",
        place=place or "Hà Nội",
        date=day,
        doc_type_title="BIÊN BẢN",
        abstract="Họp Hội đồng Thi đua - Khen thưởng xét đề nghị khen thưởng",
        body=tuple(body),
        recipients=("Thành viên Hội đồng;", "Lưu: VT, HĐTĐKT."),
        signature=_signature(members),
    )


# ---- the document kinds this app registers (core.registry): find the session by id, build its record


def session_source(key: str) -> Session | None:
    if not key.isdigit():
        return None
    return Session.objects.select_related("council__agency").filter(pk=int(key)).first()


def tally_build(session: Session, *, number_symbol: str | None, issued_on: date | None) -> OfficialDocument:
    return tally_document(session, number_symbol=number_symbol, issued_on=issued_on)


def minutes_build(session: Session, *, number_symbol: str | None, issued_on: date | None) -> OfficialDocument:
    return minutes_document(session, number_symbol=number_symbol, issued_on=issued_on)
