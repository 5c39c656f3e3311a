"""API routes of the council: sessions and their agenda with results, the session and ballot steps, votes,
written votes, conflicts and the published tally.

Reads go through the scoped selectors (404 outside the caller's scope); writes call the same services as the
pages, which check the caller's role again (403). The tally code (when a ballot opens) and the receipt (after a
vote) are in the answer only: nothing keeps them.
"""

from __future__ import annotations

from datetime import date, datetime

from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.pagination import paginate

from thidua.api.pagination import Id, Pagination
from thidua.documents.validators import DocumentText

from . import selectors, services
from .models import BallotState, Choice, SessionStatus
from .workflow import open_problems

router = Router(tags=["council"])


class SessionOut(Schema):
    id: int
    council_id: int
    council: str
    number: str
    held_on: date
    place: str
    status: str
    opened_at: datetime | None
    closed_at: datetime | None

    @staticmethod
    def resolve_council(obj) -> str:
        return obj.council.name


class ItemOut(Schema):
    id: int
    position: int
    nomination_id: int
    code: str
    subject: str
    ballot_type: str
    ballot_state: str
    threshold: str
    threshold_basis: str
    threshold_source: str
    threshold_to_verify: bool
    quorum: str
    members_total: int | None
    conflicted: int | None
    members_present: int | None
    written_votes: int | None
    agree: int | None
    disagree: int | None
    abstain: int | None
    quorum_met: bool | None
    passed: bool | None

    @staticmethod
    def resolve_code(obj) -> str:
        return obj.nomination.code

    @staticmethod
    def resolve_subject(obj) -> str:
        return str(obj.nomination.subject)


class SessionDetailOut(SessionOut):
    items: list[ItemOut]
    open_problems: list[str]

    @staticmethod
    def resolve_items(obj) -> list:
        return list(selectors.items_of(obj))

    @staticmethod
    def resolve_open_problems(obj) -> list[str]:
        return [str(p) for p in open_problems(obj)] if obj.status == SessionStatus.PLANNED else []


class TransitionIn(Schema):
    action: str
    reason: DocumentText = ""


class TallyCodeOut(Schema):
    item_id: int
    tally_code: str


class CloseIn(Schema):
    tally_code: str


class VoteIn(Schema):
    choice: Choice


class WrittenVoteIn(VoteIn):
    member_id: Id


class ReceiptOut(Schema):
    item_id: int
    receipt: str


class ConflictIn(Schema):
    note: DocumentText


class ConflictOut(Schema):
    id: int
    item_id: int
    member_id: int
    source: str
    note: str


class PublishedChoiceOut(Schema):
    receipt: str
    choice: str


def _item(request, item_id: int):
    return selectors.item_get_visible(user=request.auth, pk=item_id)


@router.get("/council/sessions", response=list[SessionOut], summary="Danh sách phiên họp Hội đồng")
@paginate(Pagination)
def session_list(request):
    return selectors.session_list_visible_to(user=request.auth)


@router.get(
    "/council/sessions/{session_id}", response=SessionDetailOut, summary="Phiên họp, chương trình và kết quả"
)
def session_get(request, session_id: int):
    return selectors.session_get_visible(user=request.auth, pk=session_id)


@router.post(
    "/council/sessions/{session_id}/transitions",
    response=SessionDetailOut,
    summary="Khai mạc, bế mạc hoặc hủy phiên họp",
)
def session_transition(request, session_id: int, payload: TransitionIn):
    session = selectors.session_get_visible(user=request.auth, pk=session_id)
    session = services.session_transition(
        actor=request.auth, session=session, action=payload.action, reason=payload.reason
    )
    return selectors.session_get_visible(user=request.auth, pk=session.pk)


@router.post(
    "/council/items/{item_id}/ballot/open",
    response=TallyCodeOut,
    summary="Mở bỏ phiếu một nội dung (mã kiểm phiếu trả về một lần)",
)
def ballot_open(request, item_id: int):
    item = _item(request, item_id)
    return {"item_id": item.pk, "tally_code": services.ballot_open(actor=request.auth, item=item)}


@router.post(
    "/council/items/{item_id}/ballot/close", response=ItemOut, summary="Đóng bỏ phiếu bằng mã kiểm phiếu"
)
def ballot_close(request, item_id: int, payload: CloseIn):
    item = services.ballot_close(
        actor=request.auth, item=_item(request, item_id), tally_code=payload.tally_code
    )
    return _item(request, item.pk)


@router.post("/council/items/{item_id}/ballot/tally", response=ItemOut, summary="Kiểm phiếu một nội dung")
def ballot_tally(request, item_id: int):
    item = services.ballot_tally(actor=request.auth, item=_item(request, item_id))
    return _item(request, item.pk)


@router.post(
    "/council/items/{item_id}/votes", response=ReceiptOut, summary="Bỏ phiếu (mã biên nhận trả về một lần)"
)
def ballot_cast(request, item_id: int, payload: VoteIn):
    item = _item(request, item_id)
    return {
        "item_id": item.pk,
        "receipt": services.ballot_cast(actor=request.auth, item=item, choice=payload.choice),
    }


@router.post(
    "/council/items/{item_id}/written-votes",
    response=ReceiptOut,
    summary="Nhập phiếu bằng văn bản của thành viên vắng mặt",
)
def ballot_cast_written(request, item_id: int, payload: WrittenVoteIn):
    item = _item(request, item_id)
    member = get_object_or_404(selectors.members_of(item.session.council), pk=payload.member_id)
    receipt = services.ballot_cast_written(
        actor=request.auth, item=item, member=member, choice=payload.choice
    )
    return {"item_id": item.pk, "receipt": receipt}


@router.post(
    "/council/items/{item_id}/conflicts",
    response=ConflictOut,
    summary="Khai báo xung đột lợi ích với một nội dung",
)
def conflict_declare(request, item_id: int, payload: ConflictIn):
    return services.conflict_declare(actor=request.auth, item=_item(request, item_id), note=payload.note)


@router.get(
    "/council/items/{item_id}/tally",
    response=list[PublishedChoiceOut],
    summary="Kết quả kiểm phiếu công bố: mã biên nhận và lựa chọn",
)
def published_tally(request, item_id: int):
    item = _item(request, item_id)
    return selectors.choices_of(item) if item.ballot_state == BallotState.TALLIED else []
