"""A decision's documents as :class:`OfficialDocument` for the shared Decree 30 renderer (DOCX and PDF):

- the award decision (QUYẾT ĐỊNH "Về việc tặng ..."): the head's title, the "Căn cứ" lines, Điều 1 (whom it
  awards, by form), Điều 2 (the money and where it comes from), Điều 3 (who carries it out), the signature, and
  the annexed list of awardees grouped by form (people, then collectives) with their amounts and the total;
- the proposal (TỜ TRÌNH) to the deciding level: what is proposed, by form, with the same annexed list.

The DOCX comes from the office's active Word template for the kind when there is one (`docx_for`, filled in by
`thidua.decisions.templates`), else from the same content in the built-in layout; the PDF that is signed is always
the built-in layout's (converting a Word file to PDF needs LibreOffice, which a closed-network server may lack).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.documents.formatting import vn_date, vn_number
from thidua.documents.layout import (
    Block,
    Heading,
    OfficialDocument,
    Paragraph,
    Run,
    Signature,
    Table,
    render_docx,
)
from thidua.documents.selectors import issuer_header, issuer_on, issuer_place
from thidua.rules.engine.codes import CATALOGUE

from .models import Decision, DecisionKind, DecisionLine

DRAFT_NUMBER = "     "
BUILT_IN_TEMPLATE = "Mẫu mặc định theo Nghị định 30/2020/NĐ-CP"


def _head_title(decision: Decision) -> str:
    """The position of the head who signs ("GIÁM ĐỐC")."""
    return "GIÁM ĐỐC"


def signature(decision: Decision) -> Signature:
    position = (decision.signer_position or "").strip()
    head = _head_title(decision)
    if position and position.upper() != head:
        # A deputy signs on the head's behalf: "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC".
        return Signature(
            position=head, name=decision.signer_name, authority="KT.", signer_position=position.upper()
        )
    return Signature(position=head, name=decision.signer_name)


def groups(lines: list[DecisionLine]) -> list[tuple[str, list[DecisionLine]]]:
    """Lines grouped by form, in the catalogue's order; people before collectives within a form."""
    order = {code: i for i, code in enumerate(CATALOGUE)}
    by_code: dict[str, list[DecisionLine]] = defaultdict(list)
    for line in lines:
        by_code[line.code].append(line)
    out = []
    for code in sorted(by_code, key=lambda c: order.get(c, 999)):
        members = sorted(
            by_code[code], key=lambda ln: (ln.organization_id is not None, ln.position, ln.pk or 0)
        )
        out.append((code, members))
    return out


def _counts(members: list[DecisionLine]) -> str:
    people = sum(1 for ln in members if ln.person_id)
    collectives = len(members) - people
    parts = []
    if people:
        parts.append(f"{people} cá nhân")
    if collectives:
        parts.append(f"{collectives} tập thể")
    return ", ".join(parts)


def _money(amount: int | None) -> str:
    return vn_number(amount) if amount is not None else "—"


def annex(
    decision: Decision, lines: list[DecisionLine], *, number_symbol: str, issued_on: date
) -> list[Block]:
    label = "Quyết định" if decision.kind == DecisionKind.AWARD else "Tờ trình"
    blocks: list[Block] = [
        Paragraph(
            [
                Run(
                    "DANH SÁCH "
                    + ("KHEN THƯỞNG" if decision.kind == DecisionKind.AWARD else "ĐỀ NGHỊ KHEN THƯỞNG"),
                    bold=True,
                )
            ],
            align="center",
            indent=False,
        ),
        Paragraph(
            [
                Run(
                    f"(Kèm theo {label} số {number_symbol.strip() or '…'} ngày {vn_date(issued_on)})",
                    italic=True,
                )
            ],
            align="center",
            indent=False,
        ),
    ]
    total = 0
    for index, (code, members) in enumerate(groups(lines), start=1):
        blocks.append(Heading(2, f"{index}. {CATALOGUE[code].name_vi} ({_counts(members)})"))
        rows = []
        for n, line in enumerate(members, start=1):
            total += line.amount or 0
            rows.append((str(n), line.subject_name, line.subject_unit, _money(line.amount)))
        blocks.append(
            Table(
                header=("STT", "Họ và tên, tên tập thể", "Đơn vị", "Số tiền (đồng)"),
                rows=tuple(rows),
                widths=(0.6, 3.2, 3.4, 1.6),
                align=("center", "left", "left", "right"),
            )
        )
    blocks.append(
        Paragraph(
            [Run("Tổng cộng: ", bold=True), f"{len(lines)} trường hợp; số tiền {_money(total)} đồng."],
            indent=False,
        )
    )
    return blocks


def _award_body(decision: Decision, lines: list[DecisionLine], *, agency_name: str) -> list[Block]:
    head = f"{_head_title(decision)} {agency_name.upper()}"
    body: list[Block] = [Paragraph([Run(head, bold=True)], align="center", indent=False)]
    body += [Paragraph([Run(base, italic=True)]) for base in decision.bases]
    body.append(Paragraph([Run("QUYẾT ĐỊNH:", bold=True)], align="center", indent=False))
    forms = "; ".join(f"{CATALOGUE[code].name_vi}: {_counts(members)}" for code, members in groups(lines))
    body.append(
        Paragraph(
            [
                Run("Điều 1. ", bold=True),
                f"Tặng danh hiệu thi đua, hình thức khen thưởng năm {decision.year} cho các cá nhân, tập thể có tên "
                f"trong danh sách kèm theo ({forms}), đã có thành tích trong phong trào thi đua và thực hiện nhiệm vụ "
                "chính trị của cơ quan, đơn vị.",
            ]
        )
    )
    total = sum(line.amount or 0 for line in lines)
    body.append(
        Paragraph(
            [
                Run("Điều 2. ", bold=True),
                "Kèm theo danh hiệu, hình thức khen thưởng là tiền thưởng theo quy định, tổng số tiền "
                f"{_money(total)} đồng (mức cụ thể tại danh sách kèm theo), chi từ Quỹ thi đua, khen thưởng của "
                f"{agency_name}.",
            ]
        )
    )
    body.append(
        Paragraph(
            [
                Run("Điều 3. ", bold=True),
                "Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng, Trưởng các phòng, đơn vị trực thuộc "
                "và các cá nhân, tập thể có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.",
            ]
        )
    )
    return body


def _proposal_body(decision: Decision, lines: list[DecisionLine], *, agency_name: str) -> list[Block]:
    body: list[Block] = [Paragraph(base) for base in decision.bases]
    body.append(
        Paragraph(
            f"{agency_name} kính trình xem xét, khen thưởng cho các cá nhân, tập thể có thành tích năm "
            f"{decision.year}, cụ thể:"
        )
    )
    for code, members in groups(lines):
        entry = CATALOGUE[code]
        body.append(Paragraph(f"- {entry.name_vi}: {_counts(members)} (thẩm quyền: {entry.decided_by})."))
    body.append(
        Paragraph(
            "Hồ sơ đề nghị của từng trường hợp (báo cáo thành tích, biên bản họp và kết quả bỏ phiếu của Hội đồng "
            "Thi đua – Khen thưởng, văn bản xác nhận có liên quan) gửi kèm theo Tờ trình này."
        )
    )
    body.append(Paragraph(f"{agency_name} kính trình xem xét, quyết định./."))
    return body


def addressees(lines: list[DecisionLine]) -> tuple[str, ...]:
    """Whom a proposal goes to: the deciding authorities of its forms."""
    seen: list[str] = []
    for code, _members in groups(lines):
        who = CATALOGUE[code].decided_by
        if who not in seen:
            seen.append(who)
    return tuple(seen)


def build(decision: Decision, *, number_symbol: str | None, issued_on: date | None) -> OfficialDocument:
    """The decision or proposal as a Decree 30 document (a draft without number shows blanks)."""
    day = issued_on or decision.decided_on or timezone.localdate()
    agency = issuer_on(decision.agency, day)
    parent, issuer = issuer_header(agency)
    lines = list(decision.lines.order_by("position", "pk"))
    if decision.kind == DecisionKind.PROPOSAL:
        body = _proposal_body(decision, lines, agency_name=agency.name)
        doc_type, recipients, to = "TỜ TRÌNH", ("Như trên;", "Lưu: VT, VP."), addressees(lines)
    else:
        body = _award_body(decision, lines, agency_name=agency.name)
        doc_type, recipients, to = "QUYẾT ĐỊNH", ("Như Điều 3;", "Lưu: VT, VP."), ()
    place = issuer_place(agency)
    if not place:
        # The date line needs it (Decree 30); refused with a message rather than a crash of the renderer.
        raise ValidationError(
            _(
                "Chưa ghi địa danh của %(agency)s (dòng ngày tháng của văn bản): hãy bổ sung trong thông tin đơn vị."
            )
            % {"agency": agency.name},
            code="place",
        )
    symbol = number_symbol or DRAFT_NUMBER
    return OfficialDocument(
        issuer=issuer,
        issuer_parent=parent,
        number_symbol=symbol,
        place=place,
        date=day,
        doc_type_title=doc_type,
        abstract=decision.title,
        addressees=to,
        body=tuple(body),
        recipients=recipients,
        signature=signature(decision),
        appendix=tuple(annex(decision, lines, number_symbol=symbol, issued_on=day)),
    )


# (decision, content) → (docx bytes, template label, template sha256) from the office's active Word template, or
# None when there is none for the kind. Set by `thidua.decisions.templates`.
TEMPLATE_RENDERER: list[Callable[[Decision, OfficialDocument], tuple[bytes, str, str] | None]] = []


def docx_for(decision: Decision, *, content: OfficialDocument) -> tuple[bytes, str, str]:
    """The DOCX of a decision: from the office's active Word template, else the built-in layout."""
    for renderer in TEMPLATE_RENDERER:
        made = renderer(decision, content)
        if made is not None:
            return made
    return render_docx(content), BUILT_IN_TEMPLATE, ""
