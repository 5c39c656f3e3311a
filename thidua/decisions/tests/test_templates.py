"""The decisions' Word templates: the built-in defaults pass the upload check and render a real decision; a version
the office uploads makes the DOCX the head's signature stores, and the decision records which version made it.

Every DOCX is opened with python-docx and read back (names, amounts, the office's own text); nothing is mocked:
the decision is drafted, submitted and signed (demo signer) through the real services.
"""

from __future__ import annotations

import io

import docx
import pytest
from django.core.exceptions import ValidationError

from thidua.core.registry import registry
from thidua.decisions import documents, templates
from thidua.decisions.models import DecisionKind, DecisionStatus
from thidua.documents import services as document_services
from thidua.documents.formatting import vn_number
from thidua.documents.word_templates import check_template, render_template

from . import factories as f


@pytest.fixture(autouse=True)
def template_kinds():
    """The three kinds and the DOCX hook, as `DecisionsConfig.ready()` registers them (`templates.register`);
    registered here for the test when the app has not (and taken away after)."""
    added = [kind for kind in templates.template_kinds() if kind.key not in registry.template_kind_map]
    for kind in added:
        registry.template_kind(kind)
    hooked = templates.office_docx not in documents.TEMPLATE_RENDERER
    if hooked:
        documents.TEMPLATE_RENDERER.append(templates.office_docx)
    yield
    for kind in added:
        del registry.template_kind_map[kind.key]
    if hooked:
        documents.TEMPLATE_RENDERER.remove(templates.office_docx)


def docx_text(data: bytes) -> str:
    """Paragraphs and table rows of the body, then the header paragraphs."""
    document = docx.Document(io.BytesIO(data))
    text = f.docx_text(data)
    for section in document.sections:
        text += "\n" + "\n".join(p.text for p in section.header.paragraphs)
    return text


def with_paragraph(data: bytes, text: str, *, before: str) -> bytes:
    """`data` with a paragraph `text` inserted before the first paragraph whose text is `before` (the office's
    edit in Word)."""
    document = docx.Document(io.BytesIO(data))
    anchor = next(p for p in document.paragraphs if p.text == before)
    anchor.insert_paragraph_before(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# ---------------------------------------------------------------- the defaults


@pytest.mark.parametrize("kind", [templates.DECISION, templates.PROPOSAL, templates.AWARD_LIST])
def test_each_default_passes_the_upload_check(kind):
    spec = templates.SPECS[kind]
    data = templates.default_docx(kind)
    check = check_template(data, spec)
    assert check.ok, check.problems
    assert spec.required <= check.variables <= set(spec.sample)
    document = docx.Document(io.BytesIO(data))
    section = document.sections[0]
    assert section.page_width is not None and section.page_height is not None
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert registry.template_kind_map[kind].default() == data
    assert registry.template_kind_map[kind].spec is spec


def test_the_default_decision_renders_the_samples_in_the_decree_30_layout():
    out = render_template(templates.default_docx(templates.DECISION), templates.SAMPLE)
    text = docx_text(out)
    assert "{{" not in text and "{%" not in text
    for expected in (
        "UBND TỈNH YÊN BÁI",
        "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
        "Số: 12/QĐ-SKHCN",
        "Yên Bái, ngày 20 tháng 3 năm 2025",
        "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
        "Điều 1. Tặng Giấy khen",
        "1 | Trần Thị Hoa | Văn phòng Sở | 351.000",
        "2 | Phòng Quản lý khoa học | Sở Khoa học và Công nghệ | 702.000",
        "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nNguyễn Văn Bình",
        "- Như Điều 3;",
    ):
        assert expected in text, expected


def test_optional_lines_disappear_when_empty():
    """No parent line for a province's own decision, no second title line when the head signs."""
    context = dict(
        templates.SAMPLE, co_quan_cap_tren="", chuc_danh_ky="GIÁM ĐỐC", chuc_vu_ky="", quyen_han=""
    )
    out = render_template(templates.default_docx(templates.DECISION), context)
    document = docx.Document(io.BytesIO(out))
    masthead = document.tables[0]
    # The closing table ("Nơi nhận" | signature); the annexed list follows it on a page of its own.
    closing = next(t for t in document.tables if t.rows[0].cells[0].text.startswith("Nơi nhận"))
    assert [p.text for p in masthead.rows[0].cells[0].paragraphs][:1] == ["SỞ KHOA HỌC VÀ CÔNG NGHỆ"]
    signature = [p.text for p in closing.rows[0].cells[1].paragraphs]
    assert signature == ["GIÁM ĐỐC", "Nguyễn Văn Bình"]


# ---------------------------------------------------------------- a real decision


@pytest.fixture
def people(org_tree):
    return f.cast(org_tree)


@pytest.fixture
def decision(org_tree, people):
    """A draft award decision: two people (one with `&` in the unit's name) and a collective."""
    org_tree["div_b"].name = "Phòng Kế hoạch & Tài chính"
    org_tree["div_b"].save()
    someone = f.person(org_tree["div_b"], "Mỷ", "Lò", "Văn")
    return f.draft(
        people["officer"],
        org_tree["agency"],
        [("GIAY_KHEN", people["awardee"]), ("GIAY_KHEN", someone), ("TTLDTT", org_tree["div_b"])],
    )


@pytest.mark.django_db
def test_context_of_a_real_decision_renders_every_awardee(decision):
    content = documents.build(decision, number_symbol="07/QĐ-SKHCN", issued_on=f.SIGNED_ON)
    context = templates.context_for(decision, content)
    assert context["so_ky_hieu"] == "07/QĐ-SKHCN"
    assert context["ngay_thang"] == "Yên Bái, ngày 20 tháng 3 năm 2025"
    assert context["dieu_1"].startswith("Tặng danh hiệu thi đua")
    assert context["can_cu"] == decision.bases
    out = render_template(templates.default_docx(templates.DECISION), context)
    text = docx_text(out)
    assert "{{" not in text
    for line in decision.lines.all():
        assert line.subject_name in text
        assert line.amount and vn_number(line.amount) in text
    assert "Phòng Kế hoạch & Tài chính" in text  # escaped in the XML, intact when read back
    assert "(Kèm theo Quyết định số 07/QĐ-SKHCN ngày 20/03/2025)" in text
    total = sum(line.amount or 0 for line in decision.lines.all())
    assert f"Tổng cộng: 3 trường hợp; số tiền {vn_number(total)} đồng." in text


@pytest.mark.django_db
def test_without_a_template_the_built_in_layout_makes_the_docx(decision, people):
    signed = f.drive(decision, DecisionStatus.SIGNED, people)
    assert signed.template_label == documents.BUILT_IN_TEMPLATE
    assert signed.template_sha256 == ""


@pytest.mark.django_db
def test_signing_stores_the_docx_of_the_agencys_active_template(decision, people, org_tree):
    own = with_paragraph(
        templates.default_docx(templates.DECISION),
        "MẪU RIÊNG CỦA SỞ – LOGO VÀ KHẨU HIỆU",
        before="QUYẾT ĐỊNH",
    )
    version = document_services.template_upload(
        actor=people["officer"], agency=org_tree["agency"], kind=templates.DECISION, data=own, name="mau.docx"
    )
    assert version.active and version.version == 1
    signed = f.drive(decision, DecisionStatus.SIGNED, people)
    assert signed.template_label == "Mẫu của cơ quan, phiên bản 1"
    assert signed.template_sha256 == version.sha256
    assert signed.issued_document is not None
    with signed.issued_document.docx.open("rb") as handle:
        text = docx_text(handle.read())
    assert "MẪU RIÊNG CỦA SỞ – LOGO VÀ KHẨU HIỆU" in text
    assert f"Số: {signed.number_symbol}" in text
    for line in signed.lines.all():
        assert line.subject_name in text


@pytest.mark.django_db
def test_a_proposal_uses_the_proposal_template_not_the_decisions(org_tree, people):
    proposal = f.draft(
        people["officer"],
        org_tree["agency"],
        [("BANG_KHEN_TINH", people["awardee"])],
        kind=DecisionKind.PROPOSAL,
    )
    decision_template = with_paragraph(
        templates.default_docx(templates.DECISION), "DÀNH CHO QUYẾT ĐỊNH", before="QUYẾT ĐỊNH"
    )
    proposal_template = with_paragraph(
        templates.default_docx(templates.PROPOSAL), "DÀNH CHO TỜ TRÌNH", before="TỜ TRÌNH"
    )
    for kind, data in ((templates.DECISION, decision_template), (templates.PROPOSAL, proposal_template)):
        document_services.template_upload(
            actor=people["officer"], agency=org_tree["agency"], kind=kind, data=data
        )
    signed = f.drive(proposal, DecisionStatus.SIGNED, people)
    assert signed.issued_document is not None
    with signed.issued_document.docx.open("rb") as handle:
        text = docx_text(handle.read())
    assert "DÀNH CHO TỜ TRÌNH" in text and "DÀNH CHO QUYẾT ĐỊNH" not in text
    assert "Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh" in text
    assert "Trần Thị Hoa" in text
    assert signed.template_label == "Mẫu của cơ quan, phiên bản 1"


@pytest.mark.django_db
def test_another_agencys_template_is_not_used(decision, people, org_tree):
    document_services.template_upload(
        actor=people["other_officer"],
        agency=org_tree["other"],
        kind=templates.DECISION,
        data=with_paragraph(templates.default_docx(templates.DECISION), "SỞ TÀI CHÍNH", before="QUYẾT ĐỊNH"),
    )
    signed = f.drive(decision, DecisionStatus.SIGNED, people)
    assert signed.template_label == documents.BUILT_IN_TEMPLATE


@pytest.mark.django_db
def test_a_template_that_fails_on_the_decisions_data_refuses_the_signature(people, org_tree):
    """The samples have two awardees in their form; a template naming the second awardee of the first form passes
    the upload check and fails on a decision of one awardee: the signature is refused with the reason and
    nothing is numbered or signed."""
    spec = templates.SPECS[templates.DECISION]
    beyond = with_paragraph(
        templates.default_docx(templates.DECISION),
        "Thứ ba: {{ nhom[0].danh_sach[2].ho_ten }}",
        before="QUYẾT ĐỊNH",
    )
    assert not check_template(beyond, spec).ok  # beyond the samples: refused at upload
    data = with_paragraph(
        templates.default_docx(templates.DECISION),
        "Thứ hai: {{ nhom[0].danh_sach[1].ho_ten }}",
        before="QUYẾT ĐỊNH",
    )
    assert check_template(data, spec).ok
    document_services.template_upload(
        actor=people["officer"], agency=org_tree["agency"], kind=templates.DECISION, data=data
    )
    alone = f.draft(people["officer"], org_tree["agency"], [("GIAY_KHEN", people["awardee"])])
    submitted = f.drive(alone, DecisionStatus.SUBMITTED, people)
    with pytest.raises(ValidationError, match="phiên bản 1.*không tạo được văn bản"):
        f.services.decision_transition(
            actor=people["signer"], decision=submitted, action="sign", on=f.SIGNED_ON
        )
    submitted.refresh_from_db()
    assert submitted.status == DecisionStatus.SUBMITTED
    assert submitted.number_symbol == "" and not submitted.signed_pdf


@pytest.mark.django_db
def test_the_award_list_alone(decision, people, org_tree):
    signed = f.drive(decision, DecisionStatus.SIGNED, people)
    data, label, sha = templates.award_list_docx(signed)
    assert (label, sha) == (documents.BUILT_IN_TEMPLATE, "")
    text = docx_text(data)
    assert text.startswith("DANH SÁCH KHEN THƯỞNG")
    assert f"(Kèm theo Quyết định số {signed.number_symbol} ngày 20/03/2025)" in text
    assert "Nơi nhận" not in text and "CỘNG HÒA" not in text
    for line in signed.lines.all():
        assert line.subject_name in text
