"""The achievement report: prefilled from the data, editable, rendered in the era's form as DOCX (opened with
python-docx) and PDF (read with pdftotext)."""

import io
import subprocess
from datetime import date
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from docx import Document
from docx.shared import Mm

from thidua.documents.layout import render_docx, render_pdf
from thidua.documents.tests.checks import assert_a4_with_decree_30_margins
from thidua.dossiers import services
from thidua.dossiers.catalogue import DossierKind
from thidua.dossiers.models import AchievementReport
from thidua.dossiers.reports import report_document, report_period, report_prefill


def docx_text(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(parts)


def pdf_text(data: bytes) -> str:
    result = subprocess.run(["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True)
    return " ".join(result.stdout.decode("utf-8").split())


@pytest.mark.django_db
def test_the_prefill_reads_the_persons_data(lines):
    line = lines["cstd_tinh"]
    assert report_period(line) == (2022, 2024)  # three years: the CSTĐCS the title looks back on
    sections = report_prefill(line)
    assert sections["profile"].splitlines()[:3] == [
        "Họ và tên: Nguyễn Thị Lan",
        "Năm sinh: 1985",
        "Giới tính: Nữ",
    ]
    assert "Chức vụ: Chuyên viên chính" in sections["profile"]
    assert "Đơn vị công tác: Văn phòng Sở, Sở Khoa học và Công nghệ" in sections["profile"]
    assert sections["achievements"].splitlines() == [
        "Chủ trì số hóa hồ sơ.",
        "Năm 2022: xếp loại hoàn thành tốt nhiệm vụ.",
        "Năm 2023: xếp loại hoàn thành xuất sắc nhiệm vụ; đạt Chiến sĩ thi đua cơ sở.",
        "Năm 2024: xếp loại hoàn thành xuất sắc nhiệm vụ.",
    ]
    assert sections["initiatives"] == (
        "Sáng kiến “Số hóa hồ sơ thi đua khen thưởng”; Quyết định công nhận số 42/QĐ-SKHCN ngày 10/06/2024 của "
        "Hội đồng sáng kiến Sở; phạm vi ảnh hưởng: cấp cơ sở."
    )
    assert sections["awards"] == (
        "2023 | Chiến sĩ thi đua cơ sở | 15/QĐ-SKHCN ngày 20/01/2024 | Sở Khoa học và Công nghệ"
    )
    assert sections["discipline"] == "Không vi phạm, không bị kỷ luật trong giai đoạn 2022–2024."


@pytest.mark.django_db
def test_the_prefill_says_a_discipline(lines, person):
    from thidua.appraisals.models import Discipline

    Discipline.objects.create(
        person=person,
        form="khien_trach",
        decision_number="7/QĐ-SKHCN",
        decided_on=date(2022, 3, 1),
        effective_from=date(2022, 3, 1),
        effective_to=date(2023, 2, 28),
    )
    assert report_prefill(lines["cstd_tinh"])["discipline"] == (
        "Bị kỷ luật khiển trách theo Quyết định số 7/QĐ-SKHCN ngày 01/03/2022, hiệu lực từ ngày 01/03/2022 đến "
        "ngày 28/02/2023."
    )


@pytest.mark.django_db
def test_the_collective_prefill_reads_the_units_data(lines):
    sections = report_prefill(lines["ttldxs"])
    assert "Tên tập thể: Văn phòng Sở" in sections["profile"]
    assert "Đơn vị cấp trên trực tiếp: Sở Khoa học và Công nghệ" in sections["profile"]
    # Both people assigned to the division at the end of 2024.
    assert (
        "Tổng số cán bộ, công chức, viên chức, người lao động: 2 người (tại ngày 31/12/2024)"
        in sections["profile"]
    )
    assert (
        "Năm 2024: xếp loại hoàn thành xuất sắc nhiệm vụ; Hoàn thành 100% chỉ tiêu."
        in sections["achievements"]
    )
    assert "Số hóa hồ sơ thi đua khen thưởng" in sections["initiatives"]  # an initiative applied in the unit


@pytest.mark.django_db
def test_the_report_docx_holds_the_prefilled_data_in_the_decree_30_layout(lines):
    data = render_docx(report_document(lines["cstd_tinh"]))
    text = docx_text(data)
    for expected in (
        "BÁO CÁO THÀNH TÍCH",
        "Đề nghị tặng Chiến sĩ thi đua cấp bộ, ban, ngành, tỉnh giai đoạn 2022–2024",
        "Mẫu báo cáo thành tích – Thông tư 01/2024/TT-BNV",  # the form of era E2 (batch dated 01/2025)
        "Họ và tên: Nguyễn Thị Lan",
        "Năm sinh: 1985",
        "Năm 2023: xếp loại hoàn thành xuất sắc nhiệm vụ; đạt Chiến sĩ thi đua cơ sở.",
        "Số hóa hồ sơ thi đua khen thưởng",
        "2023 | Chiến sĩ thi đua cơ sở | 15/QĐ-SKHCN ngày 20/01/2024 | Sở Khoa học và Công nghệ",
        "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG",
        "NGƯỜI BÁO CÁO THÀNH TÍCH",
    ):
        assert expected in text, expected
    document = Document(io.BytesIO(data))
    assert_a4_with_decree_30_margins(document.sections[0], tolerance=Mm(0.5))
    header = document.tables[1].rows[0].cells  # the awards table, between the masthead and the signature
    assert [c.text for c in header] == [
        "Năm",
        "Danh hiệu, hình thức",
        "Số, ngày quyết định",
        "Cơ quan ban hành",
    ]


@pytest.mark.django_db
def test_the_report_pdf_holds_the_prefilled_data(lines):
    text = pdf_text(render_pdf(report_document(lines["cstd_tinh"])))
    for expected in (
        "BÁO CÁO THÀNH TÍCH",
        "Nguyễn Thị Lan",
        "Năm sinh: 1985",
        "Năm 2022: xếp loại hoàn thành tốt nhiệm vụ.",
        "Năm 2024: xếp loại hoàn thành xuất sắc nhiệm vụ.",
        "15/QĐ-SKHCN",
        "42/QĐ-SKHCN",
        "Ngày 10/06/2024".lower()[1:],  # "gày 10/06/2024": case of the first letter aside
    ):
        assert expected in text, expected


@pytest.mark.django_db
def test_the_collective_report_is_signed_by_the_head_of_the_unit(lines, org_tree):
    text = docx_text(render_docx(report_document(lines["ttldxs"])))
    assert "I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH" in text and "THỦ TRƯỞNG ĐƠN VỊ" in text
    assert "Đề nghị tặng Tập thể lao động xuất sắc năm 2024" in text


@pytest.mark.django_db
def test_editing_a_section_changes_the_output(lines, head_a):
    line = lines["cstd_tinh"]
    sections = report_prefill(line)
    sections["duties"] = "Phụ trách công tác chuyển đổi số của Văn phòng."
    sections["awards"] = "Bằng khen của Bộ Khoa học và Công nghệ năm 2020."
    report = services.achievement_report_save(actor=head_a, nomination=line, sections=sections, version=0)
    assert report.version == 1 and report.form_code == "E2-individual-merit"
    text = docx_text(render_docx(report_document(line)))
    assert "Phụ trách công tác chuyển đổi số của Văn phòng." in text
    assert "Thực hiện chức trách, nhiệm vụ của chuyên viên chính" not in text
    assert "Bằng khen của Bộ Khoa học và Công nghệ năm 2020." in text  # not a table row: a paragraph
    assert "Chuyên viên chính" in text  # the header line still comes from the data
    pdf = pdf_text(render_pdf(report_document(line)))
    assert "Phụ trách công tác chuyển đổi số của Văn phòng." in pdf


@pytest.mark.django_db
def test_a_stale_edit_is_refused_and_loses_nothing(lines, head_a, people):
    line = lines["cstd_tinh"]
    first = services.achievement_report_save(
        actor=head_a, nomination=line, sections={"duties": "A"}, version=0
    )
    services.achievement_report_save(
        actor=people["officer"], nomination=line, sections={"duties": "B"}, version=first.version
    )
    with pytest.raises(ValidationError, match="người khác sửa"):
        services.achievement_report_save(actor=head_a, nomination=line, sections={"duties": "C"}, version=1)
    assert AchievementReport.objects.get().sections["duties"] == "B"
    with pytest.raises(ValidationError, match="người khác"):  # a second "new" report
        services.achievement_report_save(actor=head_a, nomination=line, sections={"duties": "D"}, version=0)


@pytest.mark.django_db
def test_control_characters_are_refused_with_the_section(lines, head_a):
    with pytest.raises(ValidationError) as refused:
        services.achievement_report_save(
            actor=head_a, nomination=lines["ldtt"], sections={"duties": "Có ký tự \x07 lạ"}, version=0
        )
    assert "duties" in refused.value.message_dict


@pytest.mark.django_db
def test_a_report_under_decree_91_uses_form_02(batch, lines):
    batch.dated = date(2023, 12, 15)
    batch.save()
    text = docx_text(render_docx(report_document(lines["cstd_tinh"])))
    assert "Mẫu số 02 – Nghị định 91/2017/NĐ-CP" in text
    collective = docx_text(render_docx(report_document(lines["ttldxs"])))
    assert "Mẫu số 01 – Nghị định 91/2017/NĐ-CP" in collective


@pytest.mark.django_db
def test_the_document_kind_renders_the_report(lines, tmp_path: Path):
    output = tmp_path / "bao-cao.docx"
    call_command(
        "render_document",
        "achievement-report",
        str(lines["cstd_tinh"].pk),
        "--format",
        "docx",
        "--output",
        str(output),
    )
    assert "Họ và tên: Nguyễn Thị Lan" in docx_text(output.read_bytes())


@pytest.mark.django_db
def test_a_generated_report_counts_as_the_report_item(lines, head_a):
    from thidua.dossiers.completeness import batch_dossier

    def report_status():
        line = next(
            ld for ld in batch_dossier(lines["ttldxs"].batch).lines if ld.nomination == lines["ttldxs"]
        )
        return next(s for s in line.statuses if s.kind == DossierKind.REPORT)

    assert not report_status().present
    services.achievement_report_prefill(actor=head_a, nomination=lines["ttldxs"])
    assert report_status().present and report_status().report is not None
