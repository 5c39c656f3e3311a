"""The decision and the proposal as documents, opened and read: the DOCX with python-docx, the signed PDF with
poppler's pdftotext and pypdf — the Decree 30 masthead, "Số: 01/QĐ-…", the "Căn cứ" lines, Điều 1–3, the annex
grouped by form with every awardee, amount and the total; the proposal's "TỜ TRÌNH" and "Kính gửi:"."""

from __future__ import annotations

import io
from datetime import date

import docx
import pytest
from docx.oxml.ns import qn
from pypdf import PdfReader

from thidua.decisions import documents, services
from thidua.decisions.models import DecisionKind
from thidua.documents.layout import render_docx, render_pdf

from . import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(org_tree):
    return f.cast(org_tree)


@pytest.fixture
def signed(org_tree, people):
    """An award decision of five awardees in three forms, signed on 20/03/2025: LĐTT for two people, CSTĐCS for
    one, Giấy khen for a person and for division B."""
    div_a = org_tree["div_a"]
    decision = f.draft(
        people["officer"],
        org_tree["agency"],
        [
            ("GIAY_KHEN", org_tree["div_b"]),
            ("LDTT", people["awardee"]),
            ("CSTDCS", f.person(div_a, "Bình", "Lê")),
            ("LDTT", f.person(org_tree["div_b"], "Cúc", "Phạm", "Thị")),
            ("GIAY_KHEN", f.person(div_a, "Dũng", "Hoàng")),
        ],
        title="Về việc tặng danh hiệu thi đua và Giấy khen năm 2024",
    )
    return f.drive(decision, "signed", people)


def _expect_award_decision(text: str) -> None:
    assert "UBND TỈNH" in text and "SỞ KHOA HỌC VÀ CÔNG NGHỆ" in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Số: 01/QĐ-SKHCN" in text
    assert "Yên Bái, ngày 20 tháng 3 năm 2025" in text
    assert "QUYẾT ĐỊNH" in text and "Về việc tặng danh hiệu thi đua và Giấy khen năm 2024" in text
    assert "GIÁM ĐỐC SỞ KHOA HỌC VÀ CÔNG NGHỆ" in text
    assert "Căn cứ Luật Thi đua, khen thưởng" in text
    assert "Theo đề nghị của Chánh Văn phòng." in text
    for article in ("Điều 1.", "Điều 2.", "Điều 3."):
        assert article in text
    assert (
        "(Lao động tiên tiến: 2 cá nhân; Chiến sĩ thi đua cơ sở: 1 cá nhân; Giấy khen: 1 cá nhân, 1 tập thể)"
        in (text)
    )
    assert "tổng số tiền 5.880.000 đồng" in text  # 710,000 × 3 + 2,340,000 + 1,410,000
    # The annex, grouped by form in the catalogue's order, people before collectives.
    assert "DANH SÁCH KHEN THƯỞNG" in text
    assert "(Kèm theo Quyết định số 01/QĐ-SKHCN ngày 20/03/2025)" in text
    assert "1. Lao động tiên tiến (2 cá nhân)" in text
    assert "2. Chiến sĩ thi đua cơ sở (1 cá nhân)" in text
    assert "3. Giấy khen (1 cá nhân, 1 tập thể)" in text
    assert "Tổng cộng: 5 trường hợp; số tiền 5.880.000 đồng." in text
    assert (
        text.index("1. Lao động tiên tiến") < text.index("2. Chiến sĩ thi đua") < text.index("3. Giấy khen")
    )


def test_the_decision_docx(signed):
    text = f.docx_text(signed.issued_document.docx.read())
    _expect_award_decision(text)
    rows = [line for line in text.splitlines() if " | " in line]
    assert "STT | Họ và tên, tên tập thể | Đơn vị | Số tiền (đồng)" in rows
    for row in (
        "1 | Trần Thị Hoa | Văn phòng Sở | 710.000",
        "2 | Phạm Thị Cúc | Phòng Quản lý khoa học | 710.000",
        "1 | Lê Văn Bình | Văn phòng Sở | 2.340.000",
        "1 | Hoàng Văn Dũng | Văn phòng Sở | 710.000",
        "2 | Phòng Quản lý khoa học | Sở Khoa học và Công nghệ | 1.410.000",
    ):
        assert row in rows, row
    assert "KT." not in text and signed.signer_name in text
    # The signature and "Nơi nhận" close the decision before the annexed list (the body's elements in order).
    signed.issued_document.docx.seek(0)
    body = docx.Document(io.BytesIO(signed.issued_document.docx.read())).element.body
    in_order = "\n".join("".join(t.text or "" for t in element.iter(qn("w:t"))) for element in body)
    assert in_order.index("Nơi nhận:") < in_order.index(signed.signer_name) < in_order.index("DANH SÁCH KHEN")


def test_the_signed_pdf(signed):
    data = signed.signed_pdf.read()
    text = f.pdf_text(data)
    _expect_award_decision(text)
    for name in ("Trần Thị Hoa", "Phạm Thị Cúc", "Lê Văn Bình", "Hoàng Văn Dũng", "Phòng Quản lý khoa học"):
        assert name in text
    assert text.count("710.000") >= 3 and "1.410.000" in text and "2.340.000" in text
    # The annex starts on a page of its own, after the signature.
    pages = [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages]
    assert len(pages) >= 2
    first_annex = next(i for i, page in enumerate(pages) if "DANH SÁCH KHEN THƯỞNG" in page)
    assert first_annex > 0 and "Điều 3." in " ".join(pages[:first_annex])
    # Decree 30: the signature and "Nơi nhận" close the decision; the annexed list follows them.
    before, after = " ".join(pages[:first_annex]), " ".join(pages[first_annex:])
    assert "Nơi nhận:" in before and signed.signer_name in before
    assert "Nơi nhận:" not in after and signed.signer_name not in after


def test_docx_for_and_the_pdf_of_the_same_content(signed, monkeypatch):
    """Without an office template `docx_for` is the built-in layout; both renderers read the same `build`."""
    monkeypatch.setattr(documents, "TEMPLATE_RENDERER", [])
    content = documents.build(signed, number_symbol=signed.number_symbol, issued_on=signed.decided_on)
    data, label, sha = documents.docx_for(signed, content=content)
    assert (label, sha) == (documents.BUILT_IN_TEMPLATE, "")
    _expect_award_decision(f.docx_text(data))
    _expect_award_decision(f.pdf_text(render_pdf(content)))


def test_a_template_renderer_makes_the_docx(signed, monkeypatch):
    made = []

    def office_template(decision, content):
        made.append(content.number_symbol)
        return render_docx(content), "Mẫu của Văn phòng, bản 2", "ab" * 32

    monkeypatch.setattr(documents, "TEMPLATE_RENDERER", [office_template])
    content = documents.build(signed, number_symbol=signed.number_symbol, issued_on=signed.decided_on)
    _data, label, sha = documents.docx_for(signed, content=content)
    assert (label, sha, made) == ("Mẫu của Văn phòng, bản 2", "ab" * 32, ["01/QĐ-SKHCN"])


def test_a_deputy_signs_on_the_heads_behalf(org_tree, people):
    decision = f.draft(
        people["officer"],
        org_tree["agency"],
        [("LDTT", people["awardee"])],
        signer_name="Nguyễn Văn Phó",
        signer_position="Phó Giám đốc",
    )
    text = f.docx_text(
        documents.docx_for(decision, content=documents.build(decision, number_symbol=None, issued_on=None))[0]
    )
    assert "KT. GIÁM ĐỐC" in text and "PHÓ GIÁM ĐỐC" in text and "Nguyễn Văn Phó" in text


def test_a_draft_shows_no_number(org_tree, people):
    decision = f.draft(people["officer"], org_tree["agency"], [("LDTT", people["awardee"])])
    content = documents.build(decision, number_symbol=None, issued_on=date(2025, 3, 20))
    text = f.docx_text(render_docx(content))
    assert "QUYẾT ĐỊNH" in text and "/QĐ-" not in text
    assert "(Kèm theo Quyết định số … ngày 20/03/2025)" in text


def test_the_proposal(org_tree, people):
    proposal = f.draft(
        people["officer"],
        org_tree["agency"],
        [
            ("CSTD_TINH", people["awardee"]),
            ("BANG_KHEN_TINH", f.person(org_tree["div_a"], "Bình", "Lê")),
            ("CSTD_TOAN_QUOC", f.person(org_tree["div_b"], "Cúc", "Phạm", "Thị")),
        ],
        kind=DecisionKind.PROPOSAL,
    )
    signed = f.drive(proposal, "signed", people)
    assert signed.number_symbol == "01/TTr-SKHCN"
    assert signed.issued_document is not None
    for text in (f.pdf_text(signed.signed_pdf.read()), f.docx_text(signed.issued_document.docx.read())):
        assert "TỜ TRÌNH" in text and "QUYẾT ĐỊNH:" not in text
        assert "Số: 01/TTr-SKHCN" in text
        assert "Kính gửi:" in text
        # The deciding authorities of its forms (legal-rules §2.2), in the catalogue's order.
        assert "Chủ tịch Ủy ban nhân dân tỉnh" in text and "Thủ tướng Chính phủ" in text
        assert (
            "- Chiến sĩ thi đua cấp bộ, ban, ngành, tỉnh: 1 cá nhân (thẩm quyền: Chủ tịch Ủy ban nhân dân tỉnh)."
            in (text)
        )
        assert "kính trình xem xét, quyết định./." in text
        assert "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG" in text
        assert "(Kèm theo Tờ trình số 01/TTr-SKHCN ngày 20/03/2025)" in text
        for name in ("Trần Thị Hoa", "Lê Văn Bình", "Phạm Thị Cúc"):
            assert name in text
    assert documents.addressees(list(signed.lines.all())) == (
        "Chủ tịch Ủy ban nhân dân tỉnh",
        "Thủ tướng Chính phủ",
    )


def test_the_total_is_the_sum_of_the_lines(signed):
    assert services.total_amount(signed) == sum(signed.lines.values_list("amount", flat=True)) == 5_880_000
