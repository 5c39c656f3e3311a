"""The decisions app's Word templates: the kinds the office may replace, their fields, the built-in defaults, and
the hook that makes a decision's DOCX from the agency's active template.

Three kinds (registered with `registry.template_kind` by :func:`register`, which `apps.py` calls in `ready()`):

- ``decision`` — Quyết định khen thưởng: masthead, title, the "Căn cứ" lines, Điều 1–3, the signature, and the
  annexed list of awardees grouped by form;
- ``proposal`` — Tờ trình đề nghị khen thưởng: the same masthead and annex, "Kính gửi", the body paragraphs;
- ``award_list`` — Danh sách khen thưởng: the annexed list alone (to print or send on its own).

Every template sees the same fields (:data:`SAMPLE` lists them with a sample value each; the upload check renders
a template with the samples); each kind requires the ones without which the document would be wrong (a decision
without its number or its awardees). The built-in default of each kind is the Decree 30 layout itself
(`documents.layout.render_docx`) rendered with the placeholders as its text, with docxtpl's paragraph and row tags
put around what repeats (the "Căn cứ" lines, each form's heading and table, the awardee row, the "Nơi nhận"
lines): what the office downloads is the layout the system prints, and `check_template` accepts it.

A decision's DOCX (`documents.docx_for`, called when the head signs) comes from the agency's active template for
its kind when there is one (:func:`office_docx`, appended to `documents.TEMPLATE_RENDERER`), recorded on the
decision as "Mẫu của cơ quan, phiên bản N" with the template's SHA-256. Rendering runs in the request: a template
of the default's shape renders a decision of 1,000 awardees in about a second here (docs/documents-signing.md,
"Word templates"), and the template runs in Jinja's sandbox.
"""

from __future__ import annotations

import copy
import functools
import io
import re
from collections.abc import Iterable
from datetime import date
from typing import Any, cast

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph as DocxParagraph

from thidua.core.registry import TemplateKind, registry
from thidua.documents import selectors as document_selectors
from thidua.documents import services as document_services
from thidua.documents.formatting import place_date_line, vn_date, vn_number
from thidua.documents.layout import (
    Block,
    Heading,
    OfficialDocument,
    PageBreak,
    Paragraph,
    Run,
    Signature,
    Table,
    plain_text,
    render_docx,
)
from thidua.documents.word_templates import TemplateError, TemplateSpec, render_template
from thidua.rules.engine.codes import CATALOGUE

from . import documents
from .models import Decision, DecisionKind, DecisionLine

DECISION = "decision"
PROPOSAL = "proposal"
AWARD_LIST = "award_list"
# The template kind of each kind of decision the system writes (an external decision is not written here).
KIND_OF = {DecisionKind.AWARD: DECISION, DecisionKind.PROPOSAL: PROPOSAL}

_SAMPLE_LINES = [
    {"stt": "1", "ho_ten": "Trần Thị Hoa", "don_vi": "Văn phòng Sở", "so_tien": "351.000"},
    {
        "stt": "2",
        "ho_ten": "Phòng Quản lý khoa học",
        "don_vi": "Sở Khoa học và Công nghệ",
        "so_tien": "702.000",
    },
]

# Every field a template may use, with the sample value the upload check renders it with.
SAMPLE: dict[str, Any] = {
    "co_quan_cap_tren": "UBND TỈNH YÊN BÁI",  # the parent's line of the masthead ("" for a province)
    "co_quan": "SỞ KHOA HỌC VÀ CÔNG NGHỆ",  # the issuer's line of the masthead
    "so_ky_hieu": "12/QĐ-SKHCN",  # the number and symbol, without "Số:"
    "ngay_thang": "Yên Bái, ngày 20 tháng 3 năm 2025",  # the place-date line
    "dia_danh": "Yên Bái",
    "ngay": "20/03/2025",
    "nam": "2024",  # the year of the achievements
    "loai_van_ban": "QUYẾT ĐỊNH",
    "trich_yeu": "Về việc tặng Giấy khen năm 2024",
    "kinh_gui": "Chủ tịch Ủy ban nhân dân tỉnh",  # a proposal's addressees, "; " between them
    "chuc_danh_thu_truong": "GIÁM ĐỐC SỞ KHOA HỌC VÀ CÔNG NGHỆ TỈNH YÊN BÁI",  # the line above "Căn cứ"
    "can_cu": [
        "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
        "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ;",
        "Theo đề nghị của Chánh Văn phòng.",
    ],
    "dieu_1": "Tặng Giấy khen cho 01 cá nhân và 01 tập thể có tên trong danh sách kèm theo.",
    "dieu_2": "Kèm theo Giấy khen là tiền thưởng theo quy định, tổng số tiền 1.053.000 đồng.",
    "dieu_3": "Quyết định này có hiệu lực kể từ ngày ký.",
    "noi_dung": [
        "Sở Khoa học và Công nghệ kính trình xem xét, khen thưởng cho các cá nhân, tập thể có thành tích năm 2024:",
        "- Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh: 1 cá nhân.",
    ],
    "tieu_de_danh_sach": "DANH SÁCH KHEN THƯỞNG",
    "kem_theo": "Quyết định số 12/QĐ-SKHCN ngày 20/03/2025",
    "nhom": [
        {
            "stt": "1",
            "ten_hinh_thuc": "Giấy khen",
            "so_luong": "1 cá nhân, 1 tập thể",
            "tham_quyen": "Giám đốc Sở",
            "so_tien": "1.053.000",
            "danh_sach": _SAMPLE_LINES,
        }
    ],
    "tong_so": "2",
    "tong_tien": "1.053.000",
    "quyen_han": "KT.",  # the signing authority: "KT.", "TM.", "Q.", ... or ""
    "thu_truong": "GIÁM ĐỐC",  # the head's position
    "chuc_danh_ky": "KT. GIÁM ĐỐC",  # the first line of the signature block
    "chuc_vu_ky": "PHÓ GIÁM ĐỐC",  # the signer's own position under it ("" when the head signs)
    "nguoi_ky": "Nguyễn Văn Bình",
    "noi_nhan": ["Như Điều 3;", "Lưu: VT, VP."],
}

LABELS = {
    DECISION: gettext_lazy("Quyết định khen thưởng"),
    PROPOSAL: gettext_lazy("Tờ trình đề nghị khen thưởng"),
    AWARD_LIST: gettext_lazy("Danh sách khen thưởng (phụ lục kèm theo)"),
}
_MASTHEAD = {"so_ky_hieu", "ngay_thang", "co_quan", "trich_yeu", "nhom", "nguoi_ky", "chuc_danh_ky"}
# The spec's name goes into the upload check's messages ("Mẫu dùng trường không có trong …"): translated lazily.
SPECS = {
    DECISION: TemplateSpec(
        name=cast(str, LABELS[DECISION]), sample=SAMPLE, required=frozenset(_MASTHEAD | {"can_cu", "dieu_1"})
    ),
    PROPOSAL: TemplateSpec(
        name=cast(str, LABELS[PROPOSAL]), sample=SAMPLE, required=frozenset(_MASTHEAD | {"kinh_gui"})
    ),
    AWARD_LIST: TemplateSpec(
        name=cast(str, gettext_lazy("Danh sách khen thưởng")),
        sample=SAMPLE,
        required=frozenset({"kem_theo", "nhom"}),
    ),
}
# The title in the default .docx's properties (document text, like the layout's, not the interface's).
_FILE_TITLES = {
    DECISION: "Mẫu Quyết định khen thưởng",
    PROPOSAL: "Mẫu Tờ trình đề nghị khen thưởng",
    AWARD_LIST: "Mẫu Danh sách khen thưởng",
}


# ---------------------------------------------------------------- the context of a decision


def _counts(members: list[DecisionLine]) -> str:
    people = sum(1 for line in members if line.person_id)
    collectives = len(members) - people
    parts = []
    if people:
        parts.append(f"{people} cá nhân")
    if collectives:
        parts.append(f"{collectives} tập thể")
    return ", ".join(parts)


def _money(amount: int | None) -> str:
    return vn_number(amount) if amount is not None else "—"


def _groups(lines: list[DecisionLine]) -> list[dict[str, Any]]:
    out = []
    for index, (code, members) in enumerate(documents.groups(lines), start=1):
        entry = CATALOGUE[code]
        out.append(
            {
                "stt": str(index),
                "ten_hinh_thuc": entry.name_vi,
                "so_luong": _counts(members),
                "tham_quyen": entry.decided_by,
                "so_tien": _money(sum(line.amount or 0 for line in members)),
                "danh_sach": [
                    {
                        "stt": str(n),
                        "ho_ten": line.subject_name,
                        "don_vi": line.subject_unit,
                        "so_tien": _money(line.amount),
                    }
                    for n, line in enumerate(members, start=1)
                ],
            }
        )
    return out


_ARTICLE = re.compile(r"Điều (\d+)\.\s*")


def _body_texts(decision: Decision, content: OfficialDocument) -> dict[str, Any]:
    """The articles, the head's line and the other paragraphs of the built document, before its annex."""
    bases = {str(base).strip() for base in decision.bases}
    texts: dict[str, Any] = {"dieu_1": "", "dieu_2": "", "dieu_3": "", "chuc_danh_thu_truong": ""}
    others: list[str] = []
    for position, block in enumerate(content.body):
        if isinstance(block, PageBreak):
            break
        if not isinstance(block, Paragraph):
            continue
        text = plain_text(block.content).strip()
        article = _ARTICLE.match(text)
        if article:
            texts[f"dieu_{article.group(1)}"] = text[article.end() :]
        elif decision.kind == DecisionKind.AWARD and position == 0:
            texts["chuc_danh_thu_truong"] = text
        elif text in bases or text == "QUYẾT ĐỊNH:":
            continue
        else:
            others.append(text)
    texts["noi_dung"] = others
    return texts


def context_for(decision: Decision, content: OfficialDocument) -> dict[str, Any]:
    """What a template of any of the three kinds is rendered with, for `decision` as `content` (the Decree 30
    document `documents.build` made for it: its number, date and texts) shows it."""
    lines = list(decision.lines.order_by("position", "pk"))
    number = content.number_symbol.strip()
    label = "Quyết định" if decision.kind != DecisionKind.PROPOSAL else "Tờ trình"
    signature = content.signature
    titles = signature.title_lines
    context: dict[str, Any] = {
        "co_quan_cap_tren": content.issuer_parent or "",
        "co_quan": content.issuer,
        "so_ky_hieu": number,
        "ngay_thang": content.place_date if content.place else vn_date(content.date),
        "dia_danh": content.place,
        "ngay": vn_date(content.date),
        "nam": str(decision.year),
        "loai_van_ban": content.doc_type_title or "",
        "trich_yeu": content.abstract or "",
        "kinh_gui": "; ".join(content.addressees),
        "can_cu": [str(base) for base in decision.bases],
        "tieu_de_danh_sach": "DANH SÁCH KHEN THƯỞNG"
        if decision.kind != DecisionKind.PROPOSAL
        else "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG",
        "kem_theo": f"{label} số {number or '…'} ngày {vn_date(content.date)}",
        "nhom": _groups(lines),
        "tong_so": str(len(lines)),
        "tong_tien": _money(sum(line.amount or 0 for line in lines)),
        "quyen_han": signature.authority or "",
        "thu_truong": signature.position,
        "chuc_danh_ky": titles[0],
        "chuc_vu_ky": titles[1] if len(titles) > 1 else "",
        "nguoi_ky": signature.name,
        "noi_nhan": list(content.recipients),
    }
    context.update(_body_texts(decision, content))
    return context


# ---------------------------------------------------------------- the built-in defaults


def _paragraphs(document: Any) -> Iterable[DocxParagraph]:
    yield from document.paragraphs
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                yield from cell.paragraphs


def _find(document: Any, text: str) -> DocxParagraph:
    for paragraph in _paragraphs(document):
        if paragraph.text == text:
            return paragraph
    raise LookupError(f"no paragraph {text!r} in the layout")


def _set_text(paragraph: DocxParagraph, text: str) -> None:
    """Replace the paragraph's text, keeping its first run's formatting."""
    runs = paragraph.runs
    runs[0].text = text
    for run in runs[1:]:
        run._r.getparent().remove(run._r)


def _tag_paragraph(tag: str) -> Any:
    p = OxmlElement("w:p")
    r = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = tag
    r.append(t)
    p.append(r)
    return p


def _wrap(first: Any, last: Any, opening: str, closing: str) -> None:
    """Put docxtpl paragraph tags before `first` and after `last` (XML elements of the same parent)."""
    first.addprevious(_tag_paragraph("{%p " + opening + " %}"))
    last.addnext(_tag_paragraph("{%p " + closing + " %}"))


def _wrap_row(document: Any, cell_text: str, opening: str, closing: str) -> None:
    """Put docxtpl row tags around the table row that has a cell `cell_text`."""
    for table in document.tables:
        for row in table.rows:
            if any(cell.text == cell_text for cell in row.cells):
                tr = row._tr
                for tag, place in ((opening, tr.addprevious), (closing, tr.addnext)):
                    twin = copy.deepcopy(tr)
                    for tc in twin.iterchildren(qn("w:tc")):
                        for t in tc.iter(qn("w:t")):
                            t.text = ""
                    first_text = next(twin.iter(qn("w:t")))
                    first_text.text = "{%tr " + tag + " %}"
                    place(twin)
                return
    raise LookupError(f"no row with {cell_text!r} in the layout")


_SAMPLE_ISSUER = "SỞ KHOA HỌC VÀ CÔNG NGHỆ"
_SAMPLE_ABSTRACT = "Về việc tặng danh hiệu thi đua, hình thức khen thưởng năm 2024"
_SAMPLE_DAY = date(2025, 3, 20)
_GROUP_HEADING = "{{ n.stt }}. {{ n.ten_hinh_thuc }} ({{ n.so_luong }})"


def _annex(*, page_break: bool) -> list[Block]:
    blocks: list[Block] = [PageBreak()] if page_break else []
    return [
        *blocks,
        Paragraph([Run("{{ tieu_de_danh_sach }}", bold=True)], align="center", indent=False),
        Paragraph([Run("(Kèm theo {{ kem_theo }})", italic=True)], align="center", indent=False),
        Heading(2, _GROUP_HEADING),
        Table(
            header=("STT", "Họ và tên, tên tập thể", "Đơn vị", "Số tiền (đồng)"),
            rows=(("{{ a.stt }}", "{{ a.ho_ten }}", "{{ a.don_vi }}", "{{ a.so_tien }}"),),
            widths=(0.6, 3.2, 3.4, 1.6),
            align=("center", "left", "left", "right"),
        ),
        Paragraph(
            [Run("Tổng cộng: ", bold=True), "{{ tong_so }} trường hợp; số tiền {{ tong_tien }} đồng."],
            indent=False,
        ),
    ]


def _layout(kind: str) -> OfficialDocument:
    """The Decree 30 document of `kind` with the placeholders as its text (the issuer and abstract with sample
    text, so that the rules under them have a typical length; replaced after rendering)."""
    addressees: tuple[str, ...] = ()
    appendix: list[Block] = []
    if kind == DECISION:
        body: list[Block] = [
            Paragraph([Run("{{ chuc_danh_thu_truong }}", bold=True)], align="center", indent=False),
            Paragraph([Run("{{ cc }}", italic=True)]),
            Paragraph([Run("QUYẾT ĐỊNH:", bold=True)], align="center", indent=False),
            Paragraph([Run("Điều 1. ", bold=True), "{{ dieu_1 }}"]),
            Paragraph([Run("Điều 2. ", bold=True), "{{ dieu_2 }}"]),
            Paragraph([Run("Điều 3. ", bold=True), "{{ dieu_3 }}"]),
        ]
        appendix = _annex(page_break=False)  # after the signature, from a new page
        title = "QUYẾT ĐỊNH"
    elif kind == PROPOSAL:
        body = [Paragraph("{{ cc }}"), Paragraph("{{ d }}")]
        appendix = _annex(page_break=False)
        title, addressees = "TỜ TRÌNH", ("{{ kinh_gui }}",)
    else:
        body = _annex(page_break=False)
        title = "DANH SÁCH"
    return OfficialDocument(
        issuer=_SAMPLE_ISSUER,
        issuer_parent="{{ co_quan_cap_tren }}",
        number_symbol="{{ so_ky_hieu }}",
        place="Yên Bái",
        date=_SAMPLE_DAY,
        doc_type_title=title,
        abstract=_SAMPLE_ABSTRACT,
        addressees=addressees,
        body=tuple(body),
        recipients=("{{ nn }}",),
        signature=Signature(
            position="{{ chuc_danh_ky }}", name="{{ nguoi_ky }}", signer_position="{{ chuc_vu_ky }}"
        ),
        appendix=tuple(appendix),
    )


def _loops(document: Any, kind: str) -> None:
    """The docxtpl tags around what repeats or may be absent."""
    parent = _find(document, "{{ co_quan_cap_tren }}")._p
    _wrap(parent, parent, "if co_quan_cap_tren", "endif")
    position = _find(document, "{{ chuc_vu_ky }}")._p
    _wrap(position, position, "if chuc_vu_ky", "endif")
    recipient = _find(document, "- {{ nn }}")._p
    _wrap(recipient, recipient, "for nn in noi_nhan", "endfor")
    if kind in (DECISION, PROPOSAL):
        basis = _find(document, "{{ cc }}")._p
        _wrap(basis, basis, "for cc in can_cu", "endfor")
    if kind == PROPOSAL:
        text = _find(document, "{{ d }}")._p
        _wrap(text, text, "for d in noi_dung", "endfor")
    heading = _find(document, _GROUP_HEADING)._p
    table = heading.getnext()
    spacer = table.getnext()
    assert table.tag == qn("w:tbl") and spacer.tag == qn("w:p"), "the layout's table moved"
    _wrap(heading, spacer, "for n in nhom", "endfor")
    _wrap_row(document, "{{ a.ho_ten }}", "for a in n.danh_sach", "endfor")


def _strip_to_annex(document: Any) -> None:
    """The award list alone: drop the masthead, title and signature of the layout around the annex."""
    body = document.element.body
    start = _find(document, "{{ tieu_de_danh_sach }}")._p
    for element in list(body):
        if element is start:
            break
        body.remove(element)
    tables = body.findall(qn("w:tbl"))
    body.remove(tables[-1])  # the closing table: "Nơi nhận" and the signature


@functools.cache
def default_docx(kind: str) -> bytes:
    """The built-in template of `kind` as .docx bytes (what the office downloads and edits in Word)."""
    rendered = render_docx(_layout(kind))
    document = Document(io.BytesIO(rendered))
    _set_text(_find(document, _SAMPLE_ISSUER), "{{ co_quan }}")
    _set_text(_find(document, place_date_line("Yên Bái", _SAMPLE_DAY)), "{{ ngay_thang }}")
    if kind != AWARD_LIST:
        _set_text(_find(document, _SAMPLE_ABSTRACT), "{{ trich_yeu }}")
    _loops(document, kind)
    if kind == AWARD_LIST:
        _strip_to_annex(document)
    properties = document.core_properties
    properties.title = _FILE_TITLES[kind]
    properties.subject = "Mẫu văn bản theo Nghị định 30/2020/NĐ-CP"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# ---------------------------------------------------------------- rendering a decision's documents


def office_docx(decision: Decision, content: OfficialDocument) -> tuple[bytes, str, str] | None:
    """The decision's DOCX from its agency's active template for its kind: (bytes, "Mẫu của cơ quan, phiên bản
    N", the template's SHA-256), or None when the agency uses the built-in layout. A template that fails on this
    decision's data refuses the step (ValidationError with the reason): the document must be what the office's
    template makes, or the office goes back to the default."""
    kind = KIND_OF.get(DecisionKind(decision.kind))
    if kind is None:
        return None
    template = document_selectors.active_template(agency=decision.agency, kind=kind)
    if template is None:
        return None
    try:
        data = document_services.template_render(template, context_for(decision, content))
    except TemplateError as exc:
        raise ValidationError(
            _(
                "Mẫu %(kind)s của cơ quan (phiên bản %(version)s) không tạo được văn bản: %(problems)s Hãy sửa mẫu "
                "hoặc chọn dùng mẫu mặc định."
            )
            % {"kind": LABELS[kind], "version": template.version, "problems": " ".join(exc.problems)},
            code="template",
        ) from exc
    return data, template.label, template.sha256


def award_list_docx(decision: Decision, content: OfficialDocument | None = None) -> tuple[bytes, str, str]:
    """The annexed list of awardees alone, from the agency's active "award_list" template or the built-in one:
    (bytes, template label, template SHA-256 — "" for the built-in)."""
    if content is None:
        content = documents.build(
            decision, number_symbol=decision.number_symbol or None, issued_on=decision.decided_on
        )
    context = context_for(decision, content)
    template = document_selectors.active_template(agency=decision.agency, kind=AWARD_LIST)
    if template is not None:
        return document_services.template_render(template, context), template.label, template.sha256
    return render_template(default_docx(AWARD_LIST), context), documents.BUILT_IN_TEMPLATE, ""


def template_kinds() -> list[TemplateKind]:
    return [
        TemplateKind(
            key=key, label=LABELS[key], spec=SPECS[key], default=functools.partial(default_docx, key)
        )
        for key in (DECISION, PROPOSAL, AWARD_LIST)
    ]


def register() -> None:
    """Make the three kinds known to the template pages and the decision's DOCX come from the office's template
    (called once, from `DecisionsConfig.ready()`)."""
    for kind in template_kinds():
        registry.template_kind(kind)
    if office_docx not in documents.TEMPLATE_RENDERER:
        documents.TEMPLATE_RENDERER.append(office_docx)
