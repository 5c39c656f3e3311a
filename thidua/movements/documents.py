"""The documents a movement produces, as :class:`OfficialDocument` for the shared Decree 30 renderer.

- the launch document (Công văn phát động or Kế hoạch), built from the movement's own records so that the
  demo's seed movement regenerates the seed letter;
- the mid-term or final review report (Báo cáo sơ kết, tổng kết), drafted from targets, reports, exemplary
  models and commendations.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.utils import timezone

from thidua.documents.formatting import vn_date, vn_number
from thidua.documents.layout import (
    Block,
    Bullet,
    Heading,
    NumberedItem,
    OfficialDocument,
    Paragraph,
    Signature,
    Table,
)
from thidua.documents.selectors import issuer_header, issuer_on, issuer_place
from thidua.organizations.models import Organization

from . import markup
from .models import Channel, LaunchDocumentType, Movement, Review, ReviewKind
from .selectors import movement_with_content, review_figures

# A draft carries no number yet: the clerk writes it when the document is issued ("Số:      /SKHCN-VP").
DRAFT_NUMBER = "     "


def document_issuer(movement: Movement, day: date) -> Organization | None:
    """The organization that issues the movement's document dated ``day``: the launching organization, or its
    successor once it has been restructured (documents after the 2025 merger are issued by Lào Cai)."""
    organization = movement.launching_organization
    return issuer_on(organization, day) if organization is not None else None


def draft_number_symbol(movement: Movement, doc_abbreviation: str | None, day: date | None = None) -> str:
    organization = document_issuer(movement, day or timezone.localdate())
    issuer = organization.symbol if organization is not None else ""
    parts = [p for p in (doc_abbreviation, issuer, movement.drafting_unit_symbol) if p]
    return f"{DRAFT_NUMBER}/{'-'.join(parts)}"


def _signature(movement: Movement) -> Signature:
    name = movement.signer.full_name if movement.signer is not None else ""
    return Signature(
        position=(movement.signer_position or "").upper(),
        name=name,
        authority=movement.signer_authority or None,
        signer_position=(movement.signer_own_position or "").upper() or None,
    )


def _header(movement: Movement, day: date) -> tuple[str | None, str, str]:
    """The issuer lines and place name of a document dated ``day``: those of the successor after a
    restructuring, of the launching organization before."""
    organization = document_issuer(movement, day)
    if organization is None:
        return None, movement.launched_by.upper(), ""
    parent, issuer = issuer_header(organization)
    return parent, issuer, issuer_place(organization)


def launch_abstract(movement: Movement) -> str:
    if movement.abstract:
        return movement.abstract
    return f"Phát động {movement.title[0].lower()}{movement.title[1:]}" if movement.title else ""


def movement_launch_document(
    movement: Movement, *, number_symbol: str | None = None, issued_on: date | None = None
) -> OfficialDocument:
    """The launch letter of ``movement``; without ``number_symbol`` a draft with an empty number."""
    is_plan = movement.document_type == LaunchDocumentType.PLAN
    day = issued_on or movement.launched_on or timezone.localdate()
    parent, issuer, place = _header(movement, day)
    body: list[Block] = [Paragraph(markup.runs(p)) for p in movement.introduction_paragraphs]
    objectives = list(movement.objectives.all())
    solutions = list(movement.solutions.all())
    responsibilities = list(movement.responsibilities.all())
    body.append(Heading(1, "I. MỤC TIÊU VÀ CÁC GIẢI PHÁP CHỦ YẾU"))
    body.append(Heading(2, "1. Mục tiêu"))
    body.extend(Bullet(markup.runs(o.text)) for o in objectives)
    body.append(Heading(2, "2. Các giải pháp chủ yếu"))
    body.extend(NumberedItem(f"{s.number.rstrip('.')}.", markup.runs(s.text)) for s in solutions)
    body.append(Heading(1, "II. TỔ CHỨC THỰC HIỆN"))
    body.extend(NumberedItem(f"{i}.", markup.runs(r.text)) for i, r in enumerate(responsibilities, start=1))
    if movement.closing.strip():
        body.append(Paragraph(markup.runs(movement.closing.strip())))
    recipients = [r.label for r in movement.recipients.all()]
    recipient_lines = tuple(
        f"{label.rstrip(';.')}{'.' if i == len(recipients) - 1 else ';'}"
        for i, label in enumerate(recipients)
    )
    return OfficialDocument(
        issuer_parent=parent,
        issuer=issuer,
        number_symbol=number_symbol or draft_number_symbol(movement, "KH" if is_plan else None, day),
        place=place or "Hà Nội",
        date=day,
        doc_type_title="KẾ HOẠCH" if is_plan else None,
        abstract=launch_abstract(movement),
        addressees=() if is_plan else tuple(movement.addressee_lines),
        body=tuple(body),
        recipients=recipient_lines,
        signature=_signature(movement),
    )


def _review_recipients(movement: Movement) -> tuple[str, ...]:
    lines = [r.label.rstrip(";.") for r in movement.recipients.all() if r.channel != Channel.ARCHIVE]
    archive = f"Lưu: VT, {movement.drafting_unit_symbol}." if movement.drafting_unit_symbol else "Lưu: VT."
    return (*(f"{line};" for line in lines), archive)


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{vn_number(round(value))}%"


def _amount(value: str | None) -> str:
    return "–" if value is None else vn_number(Decimal(value).normalize())


def review_report_document(
    review: Review, *, data: dict, number_symbol: str | None = None, issued_on: date | None = None
) -> OfficialDocument:
    """The review report drafted from ``data``: the review's snapshot (``selectors.review_figures``) or
    figures computed by ``selectors.review_report_data``."""
    movement = review.movement
    is_final = review.kind == ReviewKind.FINAL
    what = "tổng kết" if is_final else "sơ kết"
    day = issued_on or review.held_on or timezone.localdate()
    parent, issuer, place = _header(movement, day)
    issuing = document_issuer(movement, day)
    reporter = issuing.name if issuing is not None else movement.launcher_name
    as_of = date.fromisoformat(data["as_of"]) if data.get("as_of") else day
    launched = f" (phát động ngày {vn_date(movement.launched_on)})" if movement.launched_on else ""
    body: list[Block] = [
        Paragraph(
            f"Thực hiện {markup.plain(movement.title)}{launched}, {reporter} báo cáo kết quả "
            f"{what} phong trào như sau:"
        ),
        Paragraph(f"Số liệu tính đến ngày {as_of:%d/%m/%Y}."),
        Heading(1, "I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU"),
    ]
    progress = data["progress"]
    if progress["targets"]:
        body.append(
            Paragraph(
                f"Tổng số chỉ tiêu giao: {len(progress['targets'])}; số chỉ tiêu đạt: {progress['reached']}; "
                f"mức độ hoàn thành chung: {_pct(progress['overall'])}."
            )
        )
        body.append(
            Table(
                header=("TT", "Đơn vị", "Chỉ tiêu", "Năm", "Kế hoạch", "Đạt", "Tỷ lệ"),
                rows=tuple(
                    (
                        str(i),
                        row["organization"],
                        f"{row['indicator']} ({row['unit_of_measure']})",
                        str(row["year"]),
                        _amount(row["target_value"]),
                        _amount(row["value"]),
                        _pct(row["pct"]),
                    )
                    for i, row in enumerate(progress["targets"], start=1)
                ),
                widths=(0.6, 2.4, 3.4, 0.9, 1.2, 1.2, 1.0),
                align=("center", "left", "left", "center", "right", "right", "right"),
            )
        )
    else:
        body.append(Paragraph("Phong trào chưa giao chỉ tiêu cho các đơn vị."))
    body.append(Heading(1, "II. TÌNH HÌNH BÁO CÁO CỦA CÁC ĐƠN VỊ"))
    counts = data["report_counts"]
    body.append(
        Paragraph(
            f"Tổng số báo cáo: {counts['total']}; đã chấp nhận: {counts['accepted']}; đã gửi chờ xử lý: "
            f"{counts['sent']}; bị trả lại: {counts['returned']}; chưa gửi: {counts['not_sent']}."
        )
    )
    body.append(Heading(1, "III. ĐIỂN HÌNH TIÊN TIẾN, MÔ HÌNH MỚI"))
    models = data["exemplary_models"]
    if models:
        for model in models:
            replicated = ", ".join(model["replicated_in"])
            text = f"{model['title']} ({model['organization']}): {model['story']}"
            if replicated:
                text += f" Đã nhân rộng tại: {replicated}."
            body.append(Bullet(text))
    else:
        body.append(Paragraph("Chưa ghi nhận điển hình tiên tiến, mô hình mới."))
    body.append(Heading(1, "IV. KHEN THƯỞNG TRONG PHONG TRÀO"))
    awards = data["awards"]
    if awards:
        body.extend(Bullet(line) for line in awards)
    else:
        body.append(Paragraph("Chưa có khen thưởng trong phong trào."))
    if review.summary.strip():
        body.append(Heading(1, "V. ĐÁNH GIÁ CHUNG"))
        body.extend(Paragraph(p.strip()) for p in review.summary.split("\n\n") if p.strip())
    return OfficialDocument(
        issuer_parent=parent,
        issuer=issuer,
        number_symbol=number_symbol or draft_number_symbol(movement, "BC", day),
        place=place or "Hà Nội",
        date=day,
        doc_type_title="BÁO CÁO",
        abstract=f"{'Tổng kết' if is_final else 'Sơ kết'} {markup.plain(movement.title)}",
        body=tuple(body),
        recipients=_review_recipients(movement),
        signature=_signature(movement),
    )


# ---- the document kinds this app registers (core.registry): find the source by code or id, build its letter


def launch_source(key: str) -> Movement | None:
    movement = Movement.objects.filter(pk=int(key)).first() if key.isdigit() else None
    if movement is None:
        movement = Movement.objects.filter(code=key).first()
    return movement_with_content(movement=movement) if movement is not None else None


def launch_build(
    movement: Movement, *, number_symbol: str | None, issued_on: date | None
) -> OfficialDocument:
    return movement_launch_document(movement, number_symbol=number_symbol, issued_on=issued_on)


def review_source(key: str) -> Review | None:
    if not key.isdigit():
        return None
    return Review.objects.select_related("movement__launching_organization").filter(pk=int(key)).first()


def review_build(review: Review, *, number_symbol: str | None, issued_on: date | None) -> OfficialDocument:
    return review_report_document(
        review, data=review_figures(review=review), number_symbol=number_symbol, issued_on=issued_on
    )
