"""Demo decisions: the Department's office drafts, from the council's session of 12/03/2025, the Director's award
decision (Chiến sĩ thi đua cơ sở, Giấy khen: within the Department's power) and the proposal (tờ trình) to the
province for the higher forms; both are submitted, signed PAdES with the demo signer on 20/03/2025 (numbered
from the Department's register) and issued — the award decision writes its awards into the registry. The
province answers on 15/04/2025 with decision 512/QĐ-UBND, registered from its scan (a one-page PDF rendered here
in the Decree 30 layout, marked as an illustration) with the proposal's lines: the registry gains those awards
too. Skipped cleanly without the council's closed session or the demo logins.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from django.core.files.uploadedfile import SimpleUploadedFile

from thidua.accounts.models import User
from thidua.council.demo import DEPARTMENT_CODE, HELD_ON
from thidua.council.models import Session, SessionStatus
from thidua.documents.layout import OfficialDocument, Paragraph, Run, Signature, render_pdf
from thidua.rules.engine.codes import CATALOGUE

from . import services
from .models import Decision, DecisionKind
from .workflow import ISSUE, REGISTER, SIGN, SUBMIT

SIGNED_ON = dt.date(2025, 3, 20)
ANSWERED_ON = dt.date(2025, 4, 15)
PROVINCE_NUMBER = "512/QĐ-UBND"
PROVINCE = "Ủy ban nhân dân tỉnh Yên Bái"
PROVINCE_SIGNER = ("Nguyễn Minh Quang", "Phó Chủ tịch")  # a made-up name: demo data
TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def _at(day: dt.date, hour: int, minute: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=TZ)


def province_scan(proposal: Decision, lines: list[Any]) -> bytes:
    """A one-page stand-in for the scan of the province's paper decision (what the office would upload)."""
    names = "; ".join(line.subject_name for line in lines) or "…"
    forms = ", ".join(sorted({CATALOGUE[line.code].name_vi for line in lines})) or "…"
    content = OfficialDocument(
        issuer=PROVINCE.upper(),
        number_symbol=PROVINCE_NUMBER,
        place="Yên Bái",
        date=ANSWERED_ON,
        doc_type_title="QUYẾT ĐỊNH",
        abstract=f"Về việc tặng {forms} năm {proposal.year}",
        body=(
            Paragraph(
                [Run("(Bản chụp minh họa của dữ liệu mẫu)", italic=True)], align="center", indent=False
            ),
            Paragraph(
                [Run("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH YÊN BÁI", bold=True)], align="center", indent=False
            ),
            Paragraph(
                [
                    Run(
                        f"Căn cứ Luật Thi đua, khen thưởng năm 2022; xét đề nghị của {proposal.agency.name} tại Tờ "
                        f"trình số {proposal.number_symbol} ngày {proposal.decided_on:%d/%m/%Y};",
                        italic=True,
                    )
                ]
            ),
            Paragraph([Run("QUYẾT ĐỊNH:", bold=True)], align="center", indent=False),
            Paragraph([Run("Điều 1. ", bold=True), f"Tặng {forms} năm {proposal.year} cho: {names}."]),
            Paragraph(
                [
                    Run("Điều 2. ", bold=True),
                    "Quyết định có hiệu lực kể từ ngày ký. Chánh Văn phòng Ủy ban nhân dân tỉnh, "
                    f"{proposal.agency.name} và các tập thể, cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành./.",
                ]
            ),
        ),
        recipients=("Như Điều 2;", "Lưu: VT, NC."),
        signature=Signature(
            position="CHỦ TỊCH",
            name=PROVINCE_SIGNER[0],
            authority="KT.",
            signer_position=PROVINCE_SIGNER[1].upper(),
        ),
    )
    return render_pdf(content)


def build_decisions(*, rng: Any, orgs: Any, people: Any, first_year: int, last_year: int) -> str | None:
    session = (
        Session.objects.filter(
            held_on=HELD_ON, status=SessionStatus.CLOSED, council__agency__code=DEPARTMENT_CODE
        )
        .select_related("council__agency")
        .first()
    )
    users = {u.username: u for u in User.objects.filter(username__in=("vanphong", "giamdoc"))}
    if session is None or len(users) != 2:
        return "bỏ qua (không có phiên họp Hội đồng đã bế mạc hoặc tài khoản văn phòng, giám đốc)"
    officer, director = users["vanphong"], users["giamdoc"]
    made = services.decisions_from_session(actor=officer, session=session, on=SIGNED_ON)
    if not made:
        return "bỏ qua (phiên họp không còn đề nghị được thông qua chưa có quyết định)"
    done = []
    for decision in made:
        decision = services.decision_transition(
            actor=officer, decision=decision, action=SUBMIT, version=decision.version
        )
        decision = services.decision_transition(
            actor=director, decision=decision, action=SIGN, version=decision.version, on=SIGNED_ON
        )
        decision = services.decision_transition(
            actor=officer, decision=decision, action=ISSUE, version=decision.version
        )
        # The steps ran today; the story has them on the day the Director signed.
        Decision.objects.filter(pk=decision.pk).update(
            signed_at=_at(SIGNED_ON, 9, rng.randrange(60)), issued_at=_at(SIGNED_ON, 14, rng.randrange(60))
        )
        done.append(decision)
    summary = [f"{d.get_kind_display()} {d.number_symbol} ({d.lines.count()} trường hợp)" for d in done]
    proposal = next((d for d in done if d.kind == DecisionKind.PROPOSAL), None)
    if proposal is not None:
        lines = list(proposal.lines.order_by("position", "pk"))
        scan = SimpleUploadedFile(
            "512-QD-UBND-ban-chup.pdf", province_scan(proposal, lines), content_type="application/pdf"
        )
        forms = ", ".join(sorted({CATALOGUE[line.code].name_vi for line in lines}))
        answer = services.decision_create(
            actor=officer,
            agency=proposal.agency,
            year=proposal.year,
            kind=DecisionKind.EXTERNAL,
            title=f"Về việc tặng {forms} năm {proposal.year}",
            proposal=proposal,
            movement=proposal.movement,
            number_symbol=PROVINCE_NUMBER,
            decided_on=ANSWERED_ON,
            deciding_body=PROVINCE,
            signer_name=PROVINCE_SIGNER[0],
            signer_position=PROVINCE_SIGNER[1],
            scan=scan,
        )
        services.lines_copy(actor=officer, decision=answer, source=proposal)
        answer.refresh_from_db()
        answer = services.decision_transition(
            actor=officer, decision=answer, action=REGISTER, version=answer.version
        )
        Decision.objects.filter(pk=answer.pk).update(issued_at=_at(ANSWERED_ON + dt.timedelta(days=3), 10, 0))
        summary.append(f"quyết định {PROVINCE_NUMBER} của tỉnh ghi nhận ({len(lines)} trường hợp)")
    return "; ".join(summary)
