"""The documents a movement produces, as :class:`OfficialDocument` for the shared Decree 30 renderer.

- the launch document (Công văn phát động or Kế hoạch), built from the movement's own records so that the
  demo's seed movement regenerates the seed letter;
- the mid-term or final review report (Báo cáo sơ kết, tổng kết), drafted from targets, reports, registrations,
  exemplary models and commendations, with its charts (``thidua.documents.charts``) embedded as images.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.utils import timezone, translation

from thidua.core.codes import AwardCode
from thidua.documents import charts
from thidua.documents.charts import Series
from thidua.documents.formatting import vn_date, vn_number
from thidua.documents.layout import (
    Block,
    Bullet,
    Heading,
    Image,
    NumberedItem,
    OfficialDocument,
    Paragraph,
    Run,
    Signature,
    Table,
)
from thidua.documents.selectors import issuer_header, issuer_on, issuer_place
from thidua.organizations.models import Organization

from . import markup, selectors
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


# The review report's charts: drawn 900 pixels wide (about 150 dpi), printed 150 mm wide (the text is 165 mm).
CHART_WIDTH_MM = 150.0
CHART_PIXELS = 900


def placeholder(text: str) -> Paragraph:
    """A paragraph the office writes in the DOCX before signing: italic, in square brackets."""
    return Paragraph([Run(f"[{text}]", italic=True)])


class _Charts:
    """Numbers the report's charts ("Biểu đồ 1.", "Biểu đồ 2.", …) in the order they are placed."""

    def __init__(self) -> None:
        self.count = 0

    def image(self, chart: dict[str, Any], caption: str, *, horizontal: bool = False) -> Image:
        self.count += 1
        series = [Series(name, tuple(values)) for name, values in chart["series"]]
        if horizontal:
            data = charts.hbars_png(chart["labels"], series, width=CHART_PIXELS, percent=chart["percent"])
        else:
            data = charts.bars_png(
                chart["labels"], series, width=CHART_PIXELS, height=650, percent=chart["percent"]
            )
        return Image(data, width_mm=CHART_WIDTH_MM, caption=f"Biểu đồ {self.count}. {caption}", alt=caption)


def _unmet_targets(rows: list[dict[str, Any]]) -> list[str]:
    """Per indicator, the units whose targets were not reached by the review (each unit named once)."""
    unmet: dict[tuple[str, str], list[str]] = {}
    for row in rows:
        if row["value"] is None or Decimal(row["value"]) < Decimal(row["target_value"]):
            names = unmet.setdefault((row["indicator"], row["unit_of_measure"]), [])
            if row["organization"] not in names:
                names.append(row["organization"])
    return [
        f"{indicator} ({measure}): chưa đạt tại {len(names)} đơn vị ({', '.join(names)})."
        for (indicator, measure), names in unmet.items()
    ]


def _targets_section(data: dict[str, Any], pictures: _Charts) -> list[Block]:
    progress = data["progress"]
    if not progress["targets"]:
        return [Paragraph("Phong trào chưa giao chỉ tiêu cho các đơn vị.")]
    body: list[Block] = [
        Paragraph(
            f"Tổng số chỉ tiêu giao: {len(progress['targets'])}; số chỉ tiêu đạt: {progress['reached']}; "
            f"mức độ hoàn thành chung: {_pct(progress['overall'])}."
        )
    ]
    chart = selectors.review_targets_chart(data)
    if chart is not None:
        body.append(
            pictures.image(chart, "Mức độ hoàn thành các chỉ tiêu theo từng nội dung (%)", horizontal=True)
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
    return body


def _participation_section(data: dict[str, Any], pictures: _Charts) -> list[Block]:
    counts = data["report_counts"]
    body: list[Block] = [
        Paragraph(
            f"Tổng số báo cáo: {counts['total']}; đã chấp nhận: {counts['accepted']}; đã gửi chờ xử lý: "
            f"{counts['sent']}; bị trả lại: {counts['returned']}; chưa gửi: {counts['not_sent']}."
        )
    ]
    participation = data.get("participation") or {}
    for row in participation.get("registrations", []):
        body.append(
            Bullet(
                f"Năm {row['year']}: {vn_number(row['units'])} đơn vị đăng ký thi đua, "
                f"{vn_number(row['people'])} cá nhân đăng ký danh hiệu thi đua."
            )
        )
    chart = selectors.review_participation_chart(data)
    if chart is not None:
        body.append(pictures.image(chart, "Số đơn vị tham gia, gửi báo cáo qua các kỳ báo cáo"))
        rounds = participation["rounds"]
        body.append(
            Table(
                header=("Kỳ báo cáo", "Phải báo cáo", "Đã gửi", "Được chấp nhận", "Tỷ lệ gửi"),
                rows=tuple(
                    (
                        label,
                        vn_number(r["units"]),
                        vn_number(r["sent"]),
                        vn_number(r["accepted"]),
                        _pct(r["sent"] / r["units"] * 100 if r["units"] else None),
                    )
                    for label, r in zip(chart["labels"], rounds, strict=True)
                ),
                widths=(2.6, 1.3, 1.1, 1.4, 1.1),
                align=("left", "right", "right", "right", "right"),
            )
        )
    return body


def _models_section(data: dict[str, Any], pictures: _Charts) -> list[Block]:
    models = data["exemplary_models"]
    if not models:
        return [Paragraph("Chưa ghi nhận điển hình tiên tiến, mô hình mới.")]
    replications = sum(len(m["replicated_in"]) for m in models)
    body: list[Block] = [
        Paragraph(
            f"Phong trào đã phát hiện, ghi nhận {vn_number(len(models))} điển hình tiên tiến, mô hình mới; "
            f"số lượt nhân rộng tại các đơn vị: {vn_number(replications)}."
        )
    ]
    chart = selectors.review_models_chart(data)
    if chart is not None:
        body.append(pictures.image(chart, "Điển hình tiên tiến, mô hình mới theo loại và số nơi nhân rộng"))
    for model in models:
        replicated = ", ".join(model["replicated_in"])
        text = f"{model['title']} ({model['organization']}): {model['story']}"
        if replicated:
            text += f" Đã nhân rộng tại: {replicated}."
        body.append(Bullet(text))
    return body


def _awards_section(data: dict[str, Any], pictures: _Charts) -> list[Block]:
    awards = data["awards"]
    if not awards:
        return [Paragraph("Chưa có khen thưởng trong phong trào.")]
    body: list[Block] = []
    counts = data.get("award_counts")
    if counts:
        total = sum(row["n"] for row in counts)
        body.append(Paragraph(f"Tổng số lượt khen thưởng trong phong trào: {vn_number(total)}."))
        by_form = selectors.review_awards_by_form_chart(data)
        if by_form is not None:
            body.append(pictures.image(by_form, "Khen thưởng theo danh hiệu, hình thức", horizontal=True))
        by_year = selectors.review_awards_by_year_chart(data)
        if by_year is not None:
            body.append(pictures.image(by_year, "Khen thưởng theo năm và cấp khen thưởng"))
    body.extend(Bullet(line) for line in awards)
    return body


def _assessment_section(review: Review, data: dict[str, Any]) -> list[Block]:
    progress = data["progress"]
    body: list[Block] = [Heading(2, "1. Kết quả đạt được")]
    if progress["targets"]:
        body.append(
            Paragraph(
                f"Các đơn vị đạt {progress['reached']}/{len(progress['targets'])} chỉ tiêu được giao, mức độ "
                f"hoàn thành chung {_pct(progress['overall'])}; {vn_number(len(data['exemplary_models']))} "
                "điển hình tiên tiến, mô hình mới được ghi nhận."
            )
        )
    summary = [p.strip() for p in review.summary.split("\n\n") if p.strip()]
    if summary:
        body.extend(Paragraph(p) for p in summary)
    else:
        body.append(
            placeholder("Đánh giá những kết quả nổi bật, tác dụng của phong trào đối với nhiệm vụ chính trị.")
        )
    body.append(Heading(2, "2. Tồn tại, hạn chế và nguyên nhân"))
    body.extend(Bullet(line) for line in _unmet_targets(progress["targets"]))
    counts = data["report_counts"]
    if counts["not_sent"] or counts["returned"]:
        body.append(
            Bullet(
                f"Còn {counts['not_sent']} báo cáo chưa gửi và {counts['returned']} báo cáo bị trả lại chưa gửi lại."
            )
        )
    body.append(placeholder("Tồn tại, hạn chế khác và nguyên nhân."))
    body.append(Heading(2, "3. Bài học kinh nghiệm"))
    body.append(placeholder("Bài học kinh nghiệm rút ra qua tổ chức phong trào."))
    return body


def _direction_section(review: Review, data: dict[str, Any]) -> list[Block]:
    movement = review.movement
    body: list[Block] = []
    if review.kind == ReviewKind.MIDTERM:
        text = f"Tiếp tục thực hiện các mục tiêu, chỉ tiêu của phong trào đến năm {movement.period_end}"
        if _unmet_targets(data["progress"]["targets"]):
            text += ", tập trung vào các chỉ tiêu chưa đạt nêu tại mục V"
        body.append(Paragraph(text + "."))
        body.append(placeholder("Nhiệm vụ, giải pháp trọng tâm thời gian tới."))
    else:
        body.append(placeholder("Phương hướng, nhiệm vụ của phong trào trong giai đoạn tiếp theo."))
    return body


def _proposal_section(review: Review, data: dict[str, Any]) -> list[Block]:
    body: list[Block] = []
    plan = data.get("award_plan") or []
    if plan:
        awarded: dict[str, int] = {}
        for row in data.get("award_counts") or []:
            awarded[row["code"]] = awarded.get(row["code"], 0) + row["n"]
        what = "sơ kết" if review.kind == ReviewKind.MIDTERM else "tổng kết"
        body.append(Paragraph(f"Khen thưởng dự kiến khi {what} theo kế hoạch của phong trào:"))
        body.append(
            Table(
                header=("TT", "Danh hiệu, hình thức khen thưởng", "Dự kiến", "Đã khen thưởng"),
                rows=tuple(
                    (
                        str(i),
                        str(AwardCode(line["code"]).label),
                        vn_number(line["planned"]),
                        vn_number(awarded.get(line["code"], 0)),
                    )
                    for i, line in enumerate(plan, start=1)
                ),  # fmt: skip
                widths=(0.6, 4.4, 1.2, 1.6),
                align=("center", "left", "right", "right"),
            )
        )
    body.append(
        placeholder("Đề xuất khen thưởng các tập thể, cá nhân tiêu biểu (danh sách kèm theo) và kiến nghị.")
    )
    return body


def review_report_document(
    review: Review, *, data: dict, number_symbol: str | None = None, issued_on: date | None = None
) -> OfficialDocument:
    """The review report drafted from ``data``: the review's snapshot (``selectors.review_figures``) or
    figures computed by ``selectors.review_report_data``; its charts are drawn from the same figures, so a
    held review's report, charts included, does not change with later data. The sections of a review report
    (results by target, participation, exemplary models, awards, assessment with shortcomings and lessons,
    direction, proposals) are filled from the figures where they speak; the rest are placeholders in square
    brackets that the office writes in the DOCX."""
    with translation.override("vi"):  # the document is Vietnamese whatever the reader's language
        return _review_report_document(review, data, number_symbol, issued_on)


def _review_report_document(
    review: Review, data: dict, number_symbol: str | None, issued_on: date | None
) -> OfficialDocument:
    movement = review.movement
    is_final = review.kind == ReviewKind.FINAL
    what = "tổng kết" if is_final else "sơ kết"
    day = issued_on or review.held_on or timezone.localdate()
    parent, issuer, place = _header(movement, day)
    issuing = document_issuer(movement, day)
    reporter = issuing.name if issuing is not None else movement.launcher_name
    as_of = date.fromisoformat(data["as_of"]) if data.get("as_of") else day
    launched = f" (phát động ngày {vn_date(movement.launched_on)})" if movement.launched_on else ""
    pictures = _Charts()
    body: list[Block] = [
        Paragraph(
            f"Thực hiện {markup.plain(movement.title)}{launched}, {reporter} báo cáo kết quả "
            f"{what} phong trào như sau:"
        ),
        Paragraph(f"Số liệu tính đến ngày {as_of:%d/%m/%Y}."),
        Heading(1, "I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU"),
        *_targets_section(data, pictures),
        Heading(1, "II. TÌNH HÌNH THAM GIA, BÁO CÁO CỦA CÁC ĐƠN VỊ"),
        *_participation_section(data, pictures),
        Heading(1, "III. ĐIỂN HÌNH TIÊN TIẾN, MÔ HÌNH MỚI"),
        *_models_section(data, pictures),
        Heading(1, "IV. KHEN THƯỞNG TRONG PHONG TRÀO"),
        *_awards_section(data, pictures),
        Heading(1, "V. ĐÁNH GIÁ CHUNG"),
        *_assessment_section(review, data),
        Heading(1, "VI. PHƯƠNG HƯỚNG, NHIỆM VỤ"),
        *_direction_section(review, data),
        Heading(1, "VII. ĐỀ XUẤT, KIẾN NGHỊ"),
        *_proposal_section(review, data),
    ]
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
