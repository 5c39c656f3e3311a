"""Certificates of decision lines, opened and read back: the QR code decodes to the verification URL and that URL
verifies; the text says the form, the name, the decision and the code; printing on a calibrated blank puts each
field at its calibrated place; the certificate book has no gap and no duplicate over runs, reprints replace the
older number (the printed list says so), and a failed run gives its numbers back."""

from __future__ import annotations

import dataclasses
import io
from urllib.parse import urlsplit

import pdfplumber
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from PIL import Image
from pypdf import PdfReader

from thidua.certificates import documents, services
from thidua.certificates.models import Paper, PrintedCertificate, PrintKind, SerialRegister
from thidua.documents import certificates as toolkit
from thidua.documents.tests.test_certificates import assert_fields_at_their_places

from .conftest import NUMBER, SITE

pytestmark = pytest.mark.django_db


def _text(pdf: bytes, page: int = 0) -> str:
    return PdfReader(io.BytesIO(pdf)).pages[page].extract_text()


def _qr_texts(pdf: bytes) -> set[str]:
    """What the QR codes of the PDF's images decode to (zxing-cpp, each image scaled up 8 times)."""
    import zxingcpp

    texts = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for image in page.images:
            assert image.image is not None
            img = image.image.convert("L")
            big = img.resize((img.width * 8, img.height * 8), Image.Resampling.NEAREST)
            [result] = zxingcpp.read_barcodes(big)
            texts.add(result.text)
    return texts


def _year() -> int:
    return timezone.localdate().year


@pytest.fixture
def blank(decision, people):
    """The agency's pre-printed blank, calibrated with a printer that feeds 2 mm right and 1.5 mm up."""
    template = services.template_create(
        actor=people["officer"],
        agency=decision.agency,
        name="Phôi Giấy khen của Sở",
        paper=Paper.A4_LANDSCAPE,
        blank=True,
    )
    layout = dict(template.layout)
    layout |= {"offset_x_mm": 2.0, "offset_y_mm": -1.5}
    return services.template_calibrate(actor=people["officer"], template=template, layout=layout)


def test_the_qr_code_decodes_to_the_verification_url_which_verifies(client, decision):
    line = decision.lines.get(position=1)
    pdf = services.certificates_pdf(decision=decision, lines=[line], template=None)
    [url] = _qr_texts(pdf)
    assert url == f"{SITE}/xac-minh/{line.verify_code}/"
    response = client.get(urlsplit(url).path)
    assert response.status_code == 200
    assert "Nguyễn Thị Hằng" in response.content.decode() and "Có hiệu lực" in response.content.decode()


def test_a_certificate_says_the_form_the_name_the_decision_and_the_code(decision):
    lines = list(decision.lines.order_by("position"))
    pdf = services.certificates_pdf(decision=decision, lines=lines, template=None)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == len(lines) == 4
    first = reader.pages[0].extract_text()
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "GIÁM ĐỐC SỞ KHOA HỌC VÀ CÔNG NGHỆ",
        "TẶNG",
        "GIẤY KHEN",
        "Nguyễn Thị Hằng",
        "Văn phòng Sở",
        "Hoàn thành xuất sắc nhiệm vụ năm 2024",
        f"Quyết định số {NUMBER} ngày 20/03/2025",
        "Yên Bái, ngày 20 tháng 3 năm 2025",
        "Trần Văn Bình",
        f"Mã xác minh: {lines[0].verify_code}",
    ):
        assert expected in first, expected
    # A title: "TẶNG DANH HIỆU" and the title's name; the standard reason when the line has none.
    title = reader.pages[2].extract_text()
    assert "TẶNG DANH HIỆU" in title and "CHIẾN SĨ THI ĐUA CƠ SỞ" in title
    collective = reader.pages[3].extract_text()
    assert "TẬP THỂ LAO ĐỘNG TIÊN TIẾN" in collective and "Phòng Quản lý khoa học" in collective
    assert "Đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm 2024" in collective
    # Each page carries its own line's code, and the QR codes are those of the lines' pages.
    for page, line in zip(reader.pages, lines, strict=True):
        assert f"Mã xác minh: {line.verify_code}" in page.extract_text()
    assert _qr_texts(pdf) == {documents.verify_url(line.verify_code) for line in lines}


def test_printing_on_the_blank_puts_each_field_at_its_calibrated_place(decision, blank, people):
    layout = blank.certificate_layout()
    assert layout.offset_x_mm == 2.0 and layout.offset_y_mm == -1.5 and not layout.decorated
    lines = list(decision.lines.order_by("position"))[:2]
    run = services.print_run_create(actor=people["officer"], decision=decision, lines=lines, template=blank)
    assert run.kind == PrintKind.BLANK and run.template == blank
    pdf = run.pdf.read()
    for page, line in enumerate(lines):
        certificate = PrintedCertificate.objects.get(run=run, line=line)
        data = documents.with_serial(
            documents.certificate_data(line, decision=decision, layout=layout), certificate.serial
        )
        assert_fields_at_their_places(pdf, layout, data, page=page)
        text = _text(pdf, page)
        # On a blank only what varies is printed; the serial and the code beside it are.
        assert "GIẤY KHEN" not in text and "Độc lập" not in text
        assert f"Số: {certificate.serial}" in text and line.verify_code in text
    # And the QR code sits in its calibrated square, moved by the printer's offset.
    assert layout.qr is not None
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        [image] = document.pages[0].images
    mm = 25.4 / 72
    assert abs(image["x0"] * mm - (layout.qr.x_mm + 2.0)) <= 1.0
    assert abs(image["top"] * mm - (layout.qr.y_mm - 1.5)) <= 1.0
    # The check is sharp: the same page read against the uncalibrated layout fails.
    data = documents.with_serial(
        documents.certificate_data(lines[0], decision=decision, layout=layout),
        PrintedCertificate.objects.get(run=run, line=lines[0]).serial,
    )
    with pytest.raises(AssertionError):
        assert_fields_at_their_places(
            pdf, dataclasses.replace(layout, offset_x_mm=0.0, offset_y_mm=0.0), data
        )


def test_serials_have_no_gap_and_no_duplicate_and_a_reprint_replaces_the_older_number(
    decision, blank, people
):
    officer, year = people["officer"], _year()
    lines = list(decision.lines.order_by("position"))
    first = services.print_run_create(actor=officer, decision=decision, lines=lines[:3], template=blank)
    assert (first.first_number, first.last_number) == (1, 3)
    assert (first.first_serial, first.last_serial) == (f"0001/{year}", f"0003/{year}")
    # The second run reprints the first line (a spoilt blank) and prints the fourth.
    second = services.print_run_create(
        actor=officer, decision=decision, lines=[lines[0], lines[3]], template=None
    )
    assert (second.first_number, second.last_number) == (4, 5) and second.kind == PrintKind.FULL
    numbers = sorted(
        PrintedCertificate.objects.filter(agency=decision.agency, year=year).values_list("number", flat=True)
    )
    assert numbers == [1, 2, 3, 4, 5]
    assert SerialRegister.objects.get(agency=decision.agency, year=year).last_number == 5
    old = PrintedCertificate.objects.get(line=lines[0], number=1)
    new = PrintedCertificate.objects.get(line=lines[0], number=4)
    assert old.replaced_by == new and new.replaced_by is None
    assert PrintedCertificate.objects.filter(line=lines[0], replaced_by__isnull=True).get() == new
    # The printed list of each run: its rows, numbered, the reprint naming the number it replaces.
    with pdfplumber.open(io.BytesIO(second.list_pdf.read())) as document:
        text = document.pages[0].extract_text()
        table = document.pages[0].extract_table()
    assert "DANH SÁCH GIẤY KHEN ĐÃ IN" in text
    assert f"Số đã in: từ 0004/{year} đến 0005/{year} (2 tờ)" in text
    assert table is not None and [row[1] for row in table[1:]] == [f"0004/{year}", f"0005/{year}"]
    assert f"(in lại, thay số 0001/{year})" in (table[1][2] or "").replace("\n", " ")
    assert "in lại" not in (table[2][2] or "")
    with pdfplumber.open(io.BytesIO(first.list_pdf.read())) as document:
        table = document.pages[0].extract_table()
    assert table is not None and [row[1] for row in table[1:]] == [f"000{n}/{year}" for n in (1, 2, 3)]
    # The certificate sent to the printer carries the new number.
    assert f"Số: 0004/{year}" in _text(second.pdf.read(), 0)


def test_a_failed_run_gives_its_numbers_back(decision, blank, people):
    officer = people["officer"]
    line = decision.lines.get(position=1)
    type(line).objects.filter(pk=line.pk).update(subject_name="Nguyễn Thị Hằng " * 12)  # fits no box
    line.refresh_from_db()
    with pytest.raises(ValidationError, match="không vừa"):
        services.print_run_create(actor=officer, decision=decision, lines=[line], template=blank)
    assert not PrintedCertificate.objects.exists()
    assert SerialRegister.objects.filter(last_number__gt=0).count() == 0
    run = services.print_run_create(
        actor=officer, decision=decision, lines=[decision.lines.get(position=2)], template=blank
    )
    assert run.first_number == 1


def test_revoked_awards_a_template_of_other_codes_and_other_agencies_are_refused(
    decision, blank, people, make_decision, make_person, tree
):
    officer = people["officer"]
    lines = list(decision.lines.order_by("position"))
    narrow = services.template_create(
        actor=officer,
        agency=decision.agency,
        name="Phôi Giấy khen",
        paper=Paper.A4_LANDSCAPE,
        blank=True,
        codes=["GIAY_KHEN"],
    )
    with pytest.raises(ValidationError, match="không dùng cho danh hiệu, hình thức của: Nguyễn Thị Mai"):
        services.print_run_create(actor=officer, decision=decision, lines=lines[1:3], template=narrow)
    assert (
        services.print_run_create(actor=officer, decision=decision, lines=lines[:2], template=narrow).count
        == 2
    )
    with pytest.raises(PermissionDenied):
        services.print_run_create(
            actor=people["other_officer"], decision=decision, lines=lines, template=None
        )
    with pytest.raises(PermissionDenied):
        services.print_run_create(actor=people["signer"], decision=decision, lines=lines, template=None)
    other_blank = services.template_create(
        actor=people["other_officer"], agency=tree["other"], name="Phôi", paper=Paper.A4_LANDSCAPE, blank=True
    )
    with pytest.raises(ValidationError, match="không thuộc cơ quan"):
        services.print_run_create(actor=officer, decision=decision, lines=lines[:1], template=other_blank)
    revoked = make_decision(
        [(make_person(tree["div_a"], "Tú"), "GIAY_KHEN")], status="revoked", number="9/QĐ-SKHCN"
    )
    with pytest.raises(ValidationError, match="đã bị hủy bỏ"):
        services.print_run_create(
            actor=officer, decision=revoked, lines=list(revoked.lines.all()), template=None
        )
    with pytest.raises(ValidationError, match="đã bị hủy bỏ"):
        services.certificates_pdf(decision=revoked, lines=list(revoked.lines.all()), template=None)


def test_templates_start_from_the_preset_of_their_paper_and_bad_layouts_name_the_field(decision, people):
    officer = people["officer"]
    portrait = services.template_create(
        actor=officer, agency=decision.agency, name="Giấy khen A4 dọc", paper=Paper.A4_PORTRAIT, blank=False
    )
    layout = portrait.certificate_layout()
    assert (layout.page_width_mm, layout.page_height_mm) == (210.0, 297.0) and layout.decorated
    assert portrait.calibrated_at is None
    pdf = services.certificates_pdf(
        decision=decision, lines=[decision.lines.get(position=1)], template=portrait
    )
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        page = document.pages[0]
        assert round(page.width * 25.4 / 72) == 210 and round(page.height * 25.4 / 72) == 297
    bad = portrait.certificate_layout().to_dict()
    bad["fields"]["awardee_name"]["x_mm"] = -3
    bad["fields"]["reason"]["x_mm"] = 150  # + its width is past the sheet's 210 mm
    with pytest.raises(ValidationError) as refused:
        services.template_calibrate(actor=officer, template=portrait, layout=bad)
    messages = refused.value.messages
    assert any(m.startswith("Họ tên, tên tập thể: tọa độ và độ rộng không được âm") for m in messages), (
        messages
    )
    assert any(m.startswith("Thành tích: ô nằm ngoài khổ giấy 210.0 × 297.0 mm") for m in messages), messages
    portrait.refresh_from_db()
    assert portrait.calibrated_at is None
    good = portrait.certificate_layout().to_dict()
    good["fields"]["awardee_name"]["size_pt"] = 20
    calibrated = services.template_calibrate(actor=officer, template=portrait, layout=good)
    assert calibrated.calibrated_by == officer and calibrated.calibrated_at is not None
    assert calibrated.certificate_layout().fields["awardee_name"].size_pt == 20


def test_the_sample_layout_of_the_toolkit_is_what_a_new_blank_template_starts_from(decision, people):
    template = services.template_create(
        actor=people["officer"], agency=decision.agency, name="Phôi", paper=Paper.A4_LANDSCAPE, blank=True
    )
    assert template.is_blank
    assert template.certificate_layout() == dataclasses.replace(toolkit.SAMPLE_BLANK_LAYOUT, name="Phôi")
