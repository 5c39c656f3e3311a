"""The tally record and the minutes, opened as DOCX (python-docx) and PDF (pdftotext) and read."""

import io
import subprocess

import docx
import pytest
from django.urls import reverse

from thidua.core.registry import registry
from thidua.council import documents, services
from thidua.council.tests.conftest import voters

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(open_session, make_line, people, make_person, org_tree):
    """A session of 10 members on two lines: one passed (9 agree, one written vote), one with a conflict that
    failed; then closed."""
    secretary = people["secretary"]
    first = make_line("CSTD_TINH", person=make_person(org_tree["div_a"], "Dũng"))
    second = make_line("BANG_KHEN_TINH", unit=org_tree["div_b"])  # flags "member" (division B)
    session, items = open_session([first, second])
    members = voters(session)
    receipts = {}
    for item, agree in zip(items, (9, 3), strict=True):
        code = services.ballot_open(actor=secretary, item=item)
        blocked = set(item.conflicts.values_list("member_id", flat=True))
        for index, member in enumerate(members):
            if member.pk in blocked:
                continue
            choice = "agree" if index < agree else "disagree"
            if index == 9:
                receipts[(item.pk, index)] = services.ballot_cast_written(
                    actor=secretary, item=item, member=member, choice=choice
                )
            else:
                receipts[(item.pk, index)] = services.ballot_cast(actor=member.user, item=item, choice=choice)
        services.ballot_close(actor=secretary, item=item, tally_code=code)
        services.ballot_tally(actor=secretary, item=item)
    session = services.session_transition(actor=secretary, session=session, action="close")
    return {"session": session, "items": items, "receipts": receipts, "members": members}


def _docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(parts)


def _pdf_text(data: bytes) -> str:
    result = subprocess.run(["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True)
    return " ".join(result.stdout.decode().split())


def test_the_tally_record_in_docx(client, held, people):
    client.force_login(people["secretary"])
    response = client.get(
        reverse("council:document", args=[held["session"].pk, "bien-ban-kiem-phieu", "docx"])
    )
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    text = _docx_text(response.content)
    assert "BIÊN BẢN" in text and "Kiểm phiếu biểu quyết đề nghị khen thưởng" in text
    assert "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG" in text
    assert "Tổng số thành viên Hội đồng | 10" in text
    assert "Số phiếu đồng ý | 9" in text
    assert "Số phiếu bằng văn bản của thành viên vắng mặt | 1" in text
    assert "Thành viên không biểu quyết do xung đột lợi ích | 1" in text  # the second line
    assert "90% tổng số thành viên hội đồng (cần xác minh)" in text
    assert "Nghị định 91/2017/NĐ-CP, Điều 45, khoản 8" in text
    assert "Kết quả | Thông qua" in text and "Kết quả | Không thông qua" in text
    for receipt in held["receipts"].values():  # the published receipt list
        assert receipt in text
    assert "CHỦ TỊCH HỘI ĐỒNG" in text and "THƯ KÝ HỘI ĐỒNG" in text


def test_the_minutes_in_pdf(client, held, people):
    client.force_login(people["member"])
    response = client.get(reverse("council:document", args=[held["session"].pk, "bien-ban-hop", "pdf"]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = _pdf_text(response.content)
    assert "BIÊN BẢN" in text
    assert "ngày 12/03/2025, tại Phòng họp số 1" in text
    # 9 present (voted electronically), 1 absent with a written vote
    assert (
        "Tổng số thành viên Hội đồng: 10; có mặt: 9; vắng mặt: 1 (trong đó 1 thành viên gửi phiếu bằng văn bản)"
        in text
    )
    assert "có phiếu bằng văn bản" in text
    assert "Chiến sĩ thi đua" in text
    assert "9/10 90% tổng số" in text and "Thông qua" in text and "Không thông" in text  # a cell may wrap
    assert "Thành viên không biểu quyết do xung đột lợi ích - Nguyễn Văn Bình" in text
    assert "Phiên họp kết thúc lúc" in text


def test_the_minutes_in_docx_name_the_chair_and_the_secretary(held):
    from thidua.documents.layout import render_docx

    members = held["members"]
    chair = next(m for m in members if m.role == "chair")
    secretary = next(m for m in members if m.role == "secretary")
    text = _docx_text(render_docx(documents.minutes_document(held["session"])))
    assert f"Chủ trì: {chair.name}, Chủ tịch Hội đồng. Thư ký: {secretary.name}." in text
    assert "I. THÀNH PHẦN" in text and "III. KẾT QUẢ BIỂU QUYẾT" in text


def test_document_kinds_are_registered():
    for purpose in (documents.TALLY_PURPOSE, documents.MINUTES_PURPOSE):
        assert purpose in registry.document_kinds


def test_the_registered_kind_builds_the_same_document(held):
    kind = registry.document_kinds[documents.TALLY_PURPOSE]
    session = kind.find(str(held["session"].pk))
    built = kind.build(session, number_symbol="03/BB-HĐTĐKT", issued_on=None)
    assert built.number_symbol == "03/BB-HĐTĐKT" and built.doc_type_title == "BIÊN BẢN"
    assert kind.find("nope") is None


def test_unknown_document_names_are_404(client, held, people):
    client.force_login(people["secretary"])
    url = reverse("council:document", args=[held["session"].pk, "bien-ban-khac", "docx"])
    assert client.get(url).status_code == 404
    url = reverse("council:document", args=[held["session"].pk, "bien-ban-hop", "odt"])
    assert client.get(url).status_code == 404
