"""The review report (Báo cáo sơ kết, tổng kết) filled from the movement's data with its charts embedded as
images: the figures and the charts' data against a hand-computed fixture, the DOCX opened with python-docx
(paragraphs, tables, inline pictures and their sizes), the PDF read with poppler (pdftotext, pdfimages), the
charts drawn from the review's snapshot so a held review's report does not move with later data, and the
seed movement's reviews rendered."""

from __future__ import annotations

import io
import shutil
import subprocess
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from docx import Document
from docx.shared import Mm
from PIL import Image as PILImage

from thidua.appraisals.models import Registration, RegistrationLine, RegistrationRound, RegistrationStatus
from thidua.commendations.models import AwardRecord, AwardStatus
from thidua.documents import charts
from thidua.documents.layout import Heading, Image, Paragraph, Table, plain_text, render_docx, render_pdf
from thidua.documents.tests.conftest import seed_demo  # noqa: F401
from thidua.movements import selectors, services
from thidua.movements.documents import CHART_PIXELS, CHART_WIDTH_MM, review_report_document
from thidua.movements.models import (
    ExemplaryKind,
    ExemplaryModel,
    MovementAwardPlan,
    ProgressReport,
    Replication,
    ReportStatus,
    ReportValue,
    Review,
    ReviewKind,
    Target,
)
from thidua.organizations.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
HELD_ON = date(2022, 12, 31)
INNOVATIONS = "Số sáng kiến được công nhận"
ON_TIME = "Tỷ lệ hồ sơ giải quyết đúng hạn"
HEADINGS = [
    "I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU",
    "II. TÌNH HÌNH THAM GIA, BÁO CÁO CỦA CÁC ĐƠN VỊ",
    "III. ĐIỂN HÌNH TIÊN TIẾN, MÔ HÌNH MỚI",
    "IV. KHEN THƯỞNG TRONG PHONG TRÀO",
    "V. ĐÁNH GIÁ CHUNG",
    "VI. PHƯƠNG HƯỚNG, NHIỆM VỤ",
    "VII. ĐỀ XUẤT, KIẾN NGHỊ",
]
CAPTIONS = [
    "Biểu đồ 1. Mức độ hoàn thành các chỉ tiêu theo từng nội dung (%)",
    "Biểu đồ 2. Số đơn vị tham gia, gửi báo cáo qua các kỳ báo cáo",
    "Biểu đồ 3. Điển hình tiên tiến, mô hình mới theo loại và số nơi nhân rộng",
    "Biểu đồ 4. Khen thưởng theo danh hiệu, hình thức",
    "Biểu đồ 5. Khen thưởng theo năm và cấp khen thưởng",
]


def _at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 10, 0, tzinfo=TZ)


def _report(movement, unit, year, period, due_on, status, *, sent=None, reviewed=None, values=()):
    report = ProgressReport.objects.create(
        movement=movement,
        organization=unit,
        year=year,
        period=period,
        due_on=due_on,
        status=status,
        submitted_at=_at(sent) if sent else None,
        reviewed_at=_at(reviewed) if reviewed else None,
    )
    for target, value in values:
        ReportValue.objects.create(report=report, target=target, value=Decimal(value))
    return report


@pytest.fixture
def movement_data(launched, org_tree):
    """A movement's 2021–2023 in the agency of `org_tree`, the mid-term review to be held on 31/12/2022.

    Targets of 2021: innovations 4 for each division (A reaches 4, B 2), on-time files 100 % for each (A 90,
    B nothing reported). Reports: the 2021 yearly round accepted for both; the 2022 half-year round sent by A
    only; a 2023 round not yet begun. Registrations: 2021 A sent (2 people and the unit), B not sent; 2022 both
    sent (B: 1 person). Awards: 3 LĐTT and 1 CSTĐCS of 2021, a Bằng khen tỉnh decided on 01/05/2022, another
    decided after the review and a revoked one. Exemplary models: a person and a model (replicated once by the
    review, once after), a collective recognised after the review. The plan: 3 Bằng khen tỉnh at the mid-term."""
    agency, div_a, div_b = org_tree["agency"], org_tree["div_a"], org_tree["div_b"]
    targets = {
        (unit, indicator): Target.objects.create(
            movement=launched,
            organization=org_tree[unit],
            year=2021,
            indicator=indicator,
            unit_of_measure=measure,
            target_value=Decimal(value),
        )  # fmt: skip
        for unit in ("div_a", "div_b")
        for indicator, measure, value in ((INNOVATIONS, "sáng kiến", 4), (ON_TIME, "%", 100))
    }
    accepted = {"sent": date(2021, 12, 10), "reviewed": date(2021, 12, 20)}
    _report(
        launched, div_a, 2021, "year", date(2021, 12, 15), ReportStatus.ACCEPTED, **accepted,
        values=[(targets["div_a", INNOVATIONS], 4), (targets["div_a", ON_TIME], 90)],
    )  # fmt: skip
    _report(
        launched, div_b, 2021, "year", date(2021, 12, 15), ReportStatus.ACCEPTED, **accepted,
        values=[(targets["div_b", INNOVATIONS], 2)],
    )  # fmt: skip
    _report(launched, div_a, 2022, "h1", date(2022, 6, 20), ReportStatus.SENT, sent=date(2022, 6, 18))
    _report(launched, div_b, 2022, "h1", date(2022, 6, 20), ReportStatus.NOT_SENT)
    _report(launched, div_a, 2023, "year", date(2023, 12, 15), ReportStatus.NOT_SENT)

    people = [PersonFactory() for _ in range(4)]
    round_2021 = RegistrationRound.objects.create(organization=agency, year=2021, deadline=date(2021, 1, 31))
    sent_a = Registration.objects.create(
        round=round_2021, unit=div_a, status=RegistrationStatus.ACCEPTED, sent_at=_at(date(2021, 1, 20))
    )
    Registration.objects.create(round=round_2021, unit=div_b)
    for person in people[:2]:
        RegistrationLine.objects.create(registration=sent_a, person=person, code="LDTT")
    RegistrationLine.objects.create(registration=sent_a, person=None, code="TTLDTT")
    round_2022 = RegistrationRound.objects.create(organization=agency, year=2022, deadline=date(2022, 1, 31))
    for unit in (div_a, div_b):
        registration = Registration.objects.create(
            round=round_2022, unit=unit, status=RegistrationStatus.SENT, sent_at=_at(date(2022, 1, 25))
        )
    RegistrationLine.objects.create(registration=registration, person=people[2], code="CSTDCS")

    for person in people[:3]:
        AwardRecord.objects.create(code="LDTT", person=person, year=2021, movement=launched)
    AwardRecord.objects.create(code="CSTDCS", person=people[0], year=2021, movement=launched)
    AwardRecord.objects.create(
        code="BANG_KHEN_TINH", organization=div_a, year=2022, movement=launched,
        decided_on=date(2022, 5, 1), decision_number="15/QĐ-UBND",
    )  # fmt: skip
    AwardRecord.objects.create(
        code="BANG_KHEN_TINH", organization=div_b, year=2022, movement=launched, decided_on=date(2023, 2, 1)
    )
    AwardRecord.objects.create(
        code="GIAY_KHEN", person=people[3], year=2021, movement=launched, status=AwardStatus.REVOKED
    )

    ExemplaryModel.objects.create(
        movement=launched, kind=ExemplaryKind.PERSON, person=people[0], organization=div_a,
        title="Nguyễn Văn An, chuyên viên tiêu biểu", story="Có 2 sáng kiến.", recognized_on=date(2022, 3, 1),
    )  # fmt: skip
    model = ExemplaryModel.objects.create(
        movement=launched, kind=ExemplaryKind.MODEL, organization=div_b, title="Một cửa điện tử",
        story="Tiếp nhận hồ sơ trực tuyến.", recognized_on=date(2022, 4, 1),
    )  # fmt: skip
    Replication.objects.create(model=model, organization=div_a, replicated_on=date(2022, 9, 1))
    Replication.objects.create(model=model, organization=agency, replicated_on=date(2023, 3, 1))
    ExemplaryModel.objects.create(
        movement=launched, kind=ExemplaryKind.COLLECTIVE, organization=div_a, title="Văn phòng xanh",
        story="Tiết kiệm giấy.", recognized_on=date(2023, 1, 10),
    )  # fmt: skip

    MovementAwardPlan.objects.create(
        movement=launched, code="BANG_KHEN_TINH", stage=ReviewKind.MIDTERM, planned_count=3
    )
    MovementAwardPlan.objects.create(
        movement=launched, code="CO_TINH", stage=ReviewKind.FINAL, planned_count=1
    )
    return launched


@pytest.fixture
def held(movement_data, people):
    """The mid-term review held on 31/12/2022 (its snapshot taken and its report numbered)."""
    services.movement_transition(
        actor=people["officer"], movement=movement_data, action="hold_midterm_review", on=HELD_ON
    )
    review = Review.objects.select_related("movement").get(movement=movement_data, kind=ReviewKind.MIDTERM)
    review.movement = selectors.movement_with_content(movement=review.movement)
    return review


def _document(review: Review):
    return review_report_document(review, data=selectors.review_figures(review=review))


def _images(document) -> list[Image]:
    return [block for block in document.body if isinstance(block, Image)]


def _text(document) -> str:
    parts = []
    for block in document.body:
        if isinstance(block, Heading):
            parts.append(block.text)
        elif hasattr(block, "content"):
            parts.append(plain_text(block.content))
        elif isinstance(block, Table):
            parts.extend(" | ".join(row) for row in block.rows)
    return "\n".join(parts)


def test_the_snapshot_holds_the_figures_the_charts_draw(held):
    snapshot = held.snapshot
    assert snapshot["participation"] == {
        "rounds": [
            {"year": 2021, "period": "year", "due_on": "2021-12-15", "units": 2, "sent": 2, "accepted": 2},
            {"year": 2022, "period": "h1", "due_on": "2022-06-20", "units": 2, "sent": 1, "accepted": 0},
        ],
        "registrations": [{"year": 2021, "units": 1, "people": 2}, {"year": 2022, "units": 2, "people": 1}],
    }
    assert snapshot["award_counts"] == [
        {"code": "CSTDCS", "level": "co_so", "year": 2021, "n": 1},
        {"code": "LDTT", "level": "co_so", "year": 2021, "n": 3},
        {"code": "BANG_KHEN_TINH", "level": "tinh", "year": 2022, "n": 1},
    ]
    assert snapshot["award_plan"] == [{"code": "BANG_KHEN_TINH", "planned": 3}]
    assert [(m["kind"], m["replicated_in"]) for m in snapshot["exemplary_models"]] == [
        ("person", []),
        ("model", ["Văn phòng Sở"]),
    ]


def test_the_charts_data_is_computed_by_hand(held):
    figures = selectors.review_figures(review=held)
    assert selectors.review_targets_chart(figures) == {
        "labels": [f"{INNOVATIONS} (sáng kiến)", f"{ON_TIME} (%)"],
        # innovations: A 4/4 = 100 %, B 2/4 = 50 % → mean 75 %, one of two reached; on time: 90 % and 0 %
        "series": [("Mức độ hoàn thành bình quân", [75.0, 45.0]), ("Tỷ lệ chỉ tiêu đạt", [50.0, 0.0])],
        "percent": True,
    }
    assert selectors.review_participation_chart(figures) == {
        "labels": ["Cả năm 2021", "6 tháng đầu năm 2022"],
        "series": [
            ("Đơn vị đăng ký thi đua", [1.0, 2.0]),
            ("Đơn vị phải báo cáo", [2.0, 2.0]),
            ("Đơn vị đã gửi báo cáo", [2.0, 1.0]),
            ("Báo cáo được chấp nhận", [2.0, 0.0]),
        ],
        "percent": False,
    }
    assert selectors.review_models_chart(figures) == {
        "labels": ["Cá nhân điển hình tiên tiến", "Mô hình mới, cách làm hay"],
        "series": [("Điển hình, mô hình", [1.0, 1.0]), ("Nơi nhân rộng", [0.0, 1.0])],
        "percent": False,
    }
    assert selectors.review_awards_by_form_chart(figures) == {
        "labels": ["Lao động tiên tiến", "Chiến sĩ thi đua cơ sở", "Bằng khen cấp bộ, ban, ngành, tỉnh"],
        "series": [("Số lượt khen thưởng", [3.0, 1.0, 1.0])],
        "percent": False,
    }
    assert selectors.review_awards_by_year_chart(figures) == {
        "labels": ["Năm 2021", "Năm 2022"],
        "series": [("Cấp cơ sở", [4.0, 0.0]), ("Cấp bộ, ban, ngành, tỉnh", [0.0, 1.0])],
        "percent": False,
    }


def test_the_figures_are_read_in_a_fixed_number_of_queries(movement_data, django_assert_num_queries):
    review = Review.objects.create(movement=movement_data, kind=ReviewKind.MIDTERM, scheduled_on=HELD_ON)
    review.movement = movement_data
    # targets, reports, report values, examples and their replications, award lines, award counts, the plan,
    # the launcher and its restructurings, registered units and people: whatever the number of rows
    with django_assert_num_queries(12):
        selectors.review_report_data(review=review, as_of=HELD_ON)


def test_the_report_fills_every_section_and_embeds_five_charts(held):
    document = _document(held)
    assert [b.text for b in document.body if isinstance(b, Heading) and b.level == 1] == HEADINGS
    assert [image.caption for image in _images(document)] == CAPTIONS
    text = _text(document)
    assert "Tổng số chỉ tiêu giao: 4; số chỉ tiêu đạt: 1; mức độ hoàn thành chung: 60%." in text
    assert "Năm 2021: 1 đơn vị đăng ký thi đua, 2 cá nhân đăng ký danh hiệu thi đua." in text
    assert "Cả năm 2021 | 2 | 2 | 2 | 100%" in text and "6 tháng đầu năm 2022 | 2 | 1 | 0 | 50%" in text
    assert "Tổng số lượt khen thưởng trong phong trào: 5." in text
    # shortcomings from the data: the targets not reached and the reports outstanding
    assert f"{INNOVATIONS} (sáng kiến): chưa đạt tại 1 đơn vị (Phòng Quản lý khoa học)." in text
    assert f"{ON_TIME} (%): chưa đạt tại 2 đơn vị (Phòng Quản lý khoa học, Văn phòng Sở)." in text
    assert "Còn 1 báo cáo chưa gửi và 0 báo cáo bị trả lại chưa gửi lại." in text
    assert "Tiếp tục thực hiện các mục tiêu, chỉ tiêu của phong trào đến năm 2025" in text
    # the plan of the mid-term against what was awarded by then; the final's plan is not proposed here
    assert "1 | Bằng khen cấp bộ, ban, ngành, tỉnh | 3 | 1" in text
    assert "Cờ thi đua" not in text
    # what the data cannot say is left to the office, in italics and square brackets
    placeholders = [
        plain_text(b.content)
        for b in document.body
        if isinstance(b, Paragraph) and plain_text(b.content).startswith("[")
    ]
    assert len(placeholders) == 5
    assert any("Bài học kinh nghiệm" in p for p in placeholders)


def test_the_docx_holds_the_charts_inline_at_the_chart_width_with_their_captions(held):
    document = _document(held)
    docx = Document(io.BytesIO(render_docx(document)))
    shapes = list(docx.inline_shapes)
    assert len(shapes) == 5
    blobs = [rel.target_part.blob for rel in docx.part.rels.values() if "image" in rel.reltype]
    assert sorted(blobs) == sorted(image.data for image in _images(document))
    sizes = {image.data: PILImage.open(io.BytesIO(image.data)).size for image in _images(document)}
    for shape, image in zip(shapes, _images(document), strict=True):
        width, height = sizes[image.data]
        assert width == CHART_PIXELS
        assert abs(shape.width - Mm(CHART_WIDTH_MM)) < Mm(0.1)
        assert abs(shape.height - Mm(CHART_WIDTH_MM * height / width)) < Mm(0.1)
    # the targets' chart is a horizontal bar chart as tall as its two indicators need; the others 650 high
    assert [sizes[i.data][1] for i in _images(document)] == [
        charts.hbars_height(2, 2, width=CHART_PIXELS),
        650,
        650,
        charts.hbars_height(3, 1, width=CHART_PIXELS),
        650,
    ]
    paragraphs = [p.text for p in docx.paragraphs]
    for caption in CAPTIONS:
        picture = paragraphs.index(caption) - 1
        assert docx.paragraphs[picture]._p.xpath(".//pic:pic")
    assert HEADINGS[-1] in paragraphs
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in docx.tables]
    assert ["TT", "Đơn vị", "Chỉ tiêu", "Năm", "Kế hoạch", "Đạt", "Tỷ lệ"] in [t[0] for t in tables]
    plan = next(t for t in tables if t[0][0:2] == ["TT", "Danh hiệu, hình thức khen thưởng"])
    assert plan[1] == ["1", "Bằng khen cấp bộ, ban, ngành, tỉnh", "3", "1"]
    italic = [p.text for p in docx.paragraphs if p.runs and all(r.italic for r in p.runs)]
    assert "[Bài học kinh nghiệm rút ra qua tổ chức phong trào.]" in italic


@pytest.mark.skipif(shutil.which("pdfimages") is None, reason="poppler-utils not installed")
def test_the_pdf_prints_the_sections_and_the_five_charts(held, tmp_path: Path):
    path = tmp_path / "review.pdf"
    path.write_bytes(render_pdf(_document(held)))
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
    )
    flat = " ".join(text.stdout.split())
    for line in [*HEADINGS, *CAPTIONS, "Số liệu tính đến ngày 31/12/2022."]:
        assert line in flat
    listing = subprocess.run(["pdfimages", "-list", str(path)], capture_output=True, check=True, text=True)
    images = [line.split() for line in listing.stdout.splitlines()[2:] if line.strip()]
    assert len(images) == 5
    # columns: page num type width height …
    assert [(int(row[3]), int(row[4])) for row in images] == [
        (CHART_PIXELS, charts.hbars_height(2, 2, width=CHART_PIXELS)),
        (CHART_PIXELS, 650),
        (CHART_PIXELS, 650),
        (CHART_PIXELS, charts.hbars_height(3, 1, width=CHART_PIXELS)),
        (CHART_PIXELS, 650),
    ]


def test_a_held_reviews_report_does_not_change_with_later_data(held, org_tree):
    before = _document(held)
    # an award decided before the review but recorded after it, a new example, a report accepted late
    AwardRecord.objects.create(
        code="BANG_KHEN_TINH", organization=org_tree["agency"], year=2022, movement=held.movement,
        decided_on=date(2022, 10, 1),
    )  # fmt: skip
    ExemplaryModel.objects.create(
        movement=held.movement, kind=ExemplaryKind.COLLECTIVE, organization=org_tree["div_b"],
        title="Phòng không khói thuốc", story="…", recognized_on=date(2022, 11, 1),
    )  # fmt: skip
    ProgressReport.objects.filter(movement=held.movement, year=2022).update(
        status=ReportStatus.ACCEPTED, submitted_at=_at(date(2022, 6, 19)), reviewed_at=_at(date(2022, 7, 1))
    )
    held.refresh_from_db()
    after = _document(held)
    assert [i.data for i in _images(after)] == [i.data for i in _images(before)]
    assert _text(after) == _text(before)
    # the same figures computed afresh as of the same day do change: the charts follow the data
    fresh = review_report_document(held, data=selectors.review_report_data(review=held, as_of=HELD_ON))
    changed = [a.data != b.data for a, b in zip(_images(fresh), _images(before), strict=True)]
    assert changed == [False, True, True, True, True]


def test_a_snapshot_taken_before_the_charts_existed_still_renders(held):
    """Reviews held before the charts' figures were kept: no chart is invented for them."""
    old = {k: v for k, v in held.snapshot.items() if k not in ("award_counts", "participation", "award_plan")}
    old["exemplary_models"] = [{k: v for k, v in m.items() if k != "kind"} for m in old["exemplary_models"]]
    document = review_report_document(held, data=old)
    assert [i.caption for i in _images(document)] == [CAPTIONS[0]]
    assert [b.text for b in document.body if isinstance(b, Heading) and b.level == 1] == HEADINGS
    assert render_docx(document)[:2] == b"PK"


def test_the_review_document_is_served_in_scope_only(client, held, people):
    url = f"/phong-trao/so-ket/{held.pk}/bao-cao.docx"
    client.force_login(people["other_officer"])
    assert client.get(url).status_code == 404
    client.force_login(people["officer"])
    response = client.get(url)
    assert response.status_code == 200
    assert len(Document(io.BytesIO(response.content)).inline_shapes) == 5


def test_the_seed_movements_reviews_render_with_their_charts(seed_demo):  # noqa: F811
    seed = selectors.movement_with_content(movement=seed_demo["seed"])
    for kind, count in ((ReviewKind.MIDTERM, 3), (ReviewKind.FINAL, 3)):
        review = Review.objects.get(movement=seed, kind=kind)
        review.movement = seed
        document = _document(review)
        assert len(_images(document)) == count, kind
        assert len(Document(io.BytesIO(render_docx(document))).inline_shapes) == count
        assert render_pdf(document).startswith(b"%PDF")
