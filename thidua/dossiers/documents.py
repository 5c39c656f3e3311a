"""Draft documents of a batch's dossier in the Decree 30/2020 layout: the tờ trình with its list, and the
minutes of the proposing level's meeting. The unit prints, signs and uploads them (the demo stores them as the
signed copies)."""

from __future__ import annotations

import datetime as dt

from thidua.core.codes import AwardCode, AwardTrack
from thidua.documents.layout import Block, Heading, OfficialDocument, Paragraph, Signature, Table
from thidua.documents.selectors import issuer_header, issuer_on, issuer_place
from thidua.nominations.models import Nomination, NominationStatus, ProposalBatch

from .completeness import batch_date, batch_era, subject_name
from .reports import DRAFT_NUMBER, unit_head_at

ERA_BASES = {
    "E1": (
        "Căn cứ Luật Thi đua, khen thưởng năm 2003 và các Luật sửa đổi, bổ sung;",
        "Căn cứ Nghị định số 91/2017/NĐ-CP ngày 31/7/2017 của Chính phủ;",
    ),
    "E2": (
        "Căn cứ Luật Thi đua, khen thưởng ngày 15/6/2022;",
        "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31/12/2023 của Chính phủ;",
    ),
    "E3": (
        "Căn cứ Luật Thi đua, khen thưởng ngày 15/6/2022;",
        "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14/6/2025 của Chính phủ;",
    ),
}


def _lines(batch: ProposalBatch) -> list[Nomination]:
    return list(
        batch.nominations.exclude(status=NominationStatus.WITHDRAWN)
        .select_related("person", "organization")
        .order_by("code", "pk")
    )


def _header(batch: ProposalBatch, day: dt.date) -> tuple[str | None, str, str]:
    unit = issuer_on(batch.unit, day)
    parent, issuer = issuer_header(unit)
    place = issuer_place(unit) or issuer_place(issuer_on(batch.office, day))
    return parent, issuer, place or "…"


def _list_table(lines: list[Nomination]) -> Table:
    return Table(
        header=("TT", "Cá nhân, tập thể", "Danh hiệu, hình thức", "Loại khen thưởng", "Năm"),
        rows=tuple(
            (
                str(i),
                subject_name(line),
                str(AwardCode(line.code).label),
                str(AwardTrack(line.track).label),
                str(line.year),
            )
            for i, line in enumerate(lines, start=1)
        ),
        widths=(0.5, 2.6, 2.6, 1.3, 0.7),
        align=("center", "left", "left", "left", "center"),
    )


def _signer(batch: ProposalBatch, day: dt.date) -> Signature:
    head = unit_head_at(batch.unit, day)
    return Signature(position="THỦ TRƯỞNG ĐƠN VỊ", name=head.person.full_name if head is not None else "")


def proposal_document(batch: ProposalBatch) -> OfficialDocument:
    """The tờ trình of `batch` with the list of its lines, dated and numbered as the batch is (a draft number
    when it has none)."""
    day = batch_date(batch)
    parent, issuer, place = _header(batch, day)
    lines = _lines(batch)
    office = issuer_on(batch.office, day)
    body: list[Block] = [Paragraph(text) for text in ERA_BASES[batch_era(batch)]]
    body.append(
        Paragraph(
            f"{batch.unit.name} đề nghị xét khen thưởng thành tích năm {batch.year} cho {len(lines)} cá nhân, "
            "tập thể có tên trong danh sách dưới đây:"
        )
    )
    body.append(_list_table(lines))
    body.append(Paragraph("Hồ sơ kèm theo: biên bản họp xét, báo cáo thành tích và tài liệu liên quan."))
    body.append(Paragraph(f"Kính trình {office.name} xem xét, quyết định./."))
    symbol = batch.unit.symbol or batch.office.symbol
    return OfficialDocument(
        issuer_parent=parent,
        issuer=issuer,
        number_symbol=batch.number or f"{DRAFT_NUMBER}/TTr{'-' + symbol if symbol else ''}",
        place=place,
        date=day,
        doc_type_title="TỜ TRÌNH",
        abstract=batch.title or f"Đề nghị khen thưởng thành tích năm {batch.year}",
        addressees=(f"Hội đồng Thi đua – Khen thưởng {office.name}",),
        body=tuple(body),
        recipients=("Như trên;", "Lưu: VT."),
        signature=_signer(batch, day),
    )


def minutes_document(batch: ProposalBatch, *, members: int, present: int) -> OfficialDocument:
    """The minutes of the proposing level's meeting that agreed on the list (a draft for the unit to complete)."""
    day = batch_date(batch) - dt.timedelta(days=3)
    parent, issuer, place = _header(batch, day)
    lines = _lines(batch)
    body: list[Block] = [
        Paragraph(
            f"Hôm nay, ngày {day:%d/%m/%Y}, tại {batch.unit.name}, cuộc họp xét thi đua, khen thưởng năm "
            f"{batch.year} được tổ chức với sự tham dự của {present}/{members} thành viên."
        ),
        Heading(1, "I. NỘI DUNG"),
        Paragraph(
            "Cuộc họp xem xét thành tích của các cá nhân, tập thể và biểu quyết danh sách đề nghị khen thưởng."
        ),
        Heading(1, "II. KẾT QUẢ"),
        Paragraph(
            f"{present}/{members} thành viên dự họp nhất trí đề nghị khen thưởng các cá nhân, tập thể sau:"
        ),
        _list_table(lines),
        Paragraph("Cuộc họp kết thúc cùng ngày; biên bản đã được thông qua trước các thành viên dự họp./."),
    ]
    symbol = batch.unit.symbol or batch.office.symbol
    return OfficialDocument(
        issuer_parent=parent,
        issuer=issuer,
        number_symbol=f"{DRAFT_NUMBER}/BB{'-' + symbol if symbol else ''}",
        place=place,
        date=day,
        doc_type_title="BIÊN BẢN",
        abstract=f"Họp xét thi đua, khen thưởng năm {batch.year}",
        body=tuple(body),
        signature=Signature(position="CHỦ TRÌ", name=_signer(batch, day).name),
    )
