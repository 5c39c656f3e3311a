"""Word templates: real .docx files built here with python-docx, checked and rendered, the result opened again."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from docx.shared import Mm

from thidua.documents.word_templates import TemplateError, TemplateSpec, check_template, render_template

AWARDEES = [
    {"ho_ten": "Nguyễn Thị Hằng", "hinh_thuc": "Giấy khen"},
    {"ho_ten": "Phòng A & B <Kế toán>", "hinh_thuc": "Tập thể lao động tiên tiến"},
    {"ho_ten": "Lò Văn Mỷ", "hinh_thuc": "Giấy khen"},
]

SPEC = TemplateSpec(
    name="Quyết định khen thưởng",
    sample={
        "co_quan": "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
        "so_ky_hieu": "123/QĐ-SKHCN",
        "trich_yeu": "Về việc khen thưởng năm 2021",
        "danh_sach": AWARDEES[:1],
        "nguoi_ky": "Vũ Xuân Hội",
    },
    required=frozenset({"so_ky_hieu", "trich_yeu", "danh_sach", "nguoi_ky"}),
)


def _docx(
    paragraphs: list[str] | None = None,
    *,
    table: bool = True,
    header: str = "{{ co_quan }}",
    page_mm: tuple[int, int] = (210, 297),
) -> bytes:
    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(page_mm[0]), Mm(page_mm[1])
    section.header.paragraphs[0].text = header
    for text in (
        paragraphs
        if paragraphs is not None
        else ["QUYẾT ĐỊNH", "Số: {{ so_ky_hieu }}", "{{ trich_yeu }}", "Người ký: {{ nguoi_ky }}"]
    ):
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=4, cols=3)
        for cell, text in zip(grid.rows[0].cells, ["STT", "Họ và tên", "Hình thức"], strict=True):
            cell.text = text
        grid.rows[1].cells[0].text = "{%tr for a in danh_sach %}"
        for cell, text in zip(
            grid.rows[2].cells, ["{{ loop.index }}", "{{ a.ho_ten }}", "{{ a.hinh_thuc }}"], strict=True
        ):
            cell.text = text
        grid.rows[3].cells[0].text = "{%tr endfor %}"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    parts += [p.text for p in document.sections[0].header.paragraphs]
    for table in document.tables:
        parts += [" | ".join(cell.text for cell in row.cells) for row in table.rows]
    return "\n".join(parts)


def test_good_template_passes_and_renders_the_awardee_rows():
    template = _docx()
    check = check_template(template, SPEC)
    assert check.ok, check.problems
    assert check.variables == {"co_quan", "so_ky_hieu", "trich_yeu", "danh_sach", "nguoi_ky"}
    assert len(check.sha256) == 64
    context = dict(SPEC.sample, danh_sach=AWARDEES)
    out = render_template(template, context)
    document = docx.Document(io.BytesIO(out))
    [table] = document.tables
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows == [
        ["STT", "Họ và tên", "Hình thức"],
        ["1", "Nguyễn Thị Hằng", "Giấy khen"],
        [
            "2",
            "Phòng A & B <Kế toán>",
            "Tập thể lao động tiên tiến",
        ],  # escaped in the XML, intact in the text
        ["3", "Lò Văn Mỷ", "Giấy khen"],
    ]
    text = _text(out)
    assert "Số: 123/QĐ-SKHCN" in text and "SỞ KHOA HỌC VÀ CÔNG NGHỆ" in text  # header rendered too
    assert "{{" not in text and "{%" not in text


def test_placeholder_split_across_runs_by_word_still_counts():
    # Word often cuts "{{ so_ky_hieu }}" into several runs (a change of formatting, a spell-check mark).
    document = docx.Document(io.BytesIO(_docx(["{{ trich_yeu }} {{ nguoi_ky }}"])))
    paragraph = document.add_paragraph("Số: ")
    paragraph.add_run("{{ so_").bold = True
    paragraph.add_run("ky_hieu }}")
    buffer = io.BytesIO()
    document.save(buffer)
    check = check_template(buffer.getvalue(), SPEC)
    assert check.ok, check.problems
    assert "Số: 123/QĐ-SKHCN" in _text(render_template(buffer.getvalue(), SPEC.sample))


def test_missing_required_field_is_refused_with_its_name():
    check = check_template(_docx(["QUYẾT ĐỊNH", "{{ trich_yeu }}", "{{ nguoi_ky }}"]), SPEC)
    assert not check.ok
    assert check.problems == ("Mẫu thiếu trường bắt buộc: {{ so_ky_hieu }}.",)


def test_unknown_field_is_refused():
    check = check_template(_docx(["{{ so_ky_hieu }} {{ trich_yeu }} {{ nguoi_ky }} {{ ho_tenn }}"]), SPEC)
    assert not check.ok
    assert any("{{ ho_tenn }}" in p and "không có" in p for p in check.problems)


@pytest.mark.parametrize(
    "broken",
    ["{{ so_ky_hieu }", "{% if so_ky_hieu %}không đóng", "{{ so_ky_hieu | }}"],
    ids=["unclosed", "no-endif", "bad-filter"],
)
def test_jinja_syntax_error_is_refused_with_the_reason(broken):
    check = check_template(_docx([broken, "{{ trich_yeu }} {{ nguoi_ky }}"]), SPEC)
    assert not check.ok
    [problem] = check.problems
    assert problem.startswith("Lỗi cú pháp trong mẫu")
    if "if" not in broken:  # an unclosed block may span paragraphs: not located
        assert f"Ở đoạn: “{broken}”" in problem
    with pytest.raises(TemplateError, match="Lỗi cú pháp"):
        render_template(_docx([broken]), SPEC.sample)


def test_template_cannot_reach_python_internals():
    attack = "{{ so_ky_hieu.__class__.__mro__[1].__subclasses__() }} {{ trich_yeu }} {{ nguoi_ky }}"
    check = check_template(_docx([attack]), SPEC)
    assert not check.ok
    assert any("không được phép" in p or "Thiếu dữ liệu" in p for p in check.problems), check.problems


def test_sandbox_limits_are_reported_not_raised():
    check = check_template(
        _docx(["{{ range(10**9) | list }} {{ so_ky_hieu }} {{ trich_yeu }} {{ nguoi_ky }}"]), SPEC
    )
    assert not check.ok
    assert check.problems[0].startswith("Không tạo được tài liệu từ mẫu")


def test_wrong_paper_is_refused():
    check = check_template(_docx(page_mm=(216, 279)), SPEC)  # US Letter
    assert check.problems == ("Khổ giấy của phần 1 trong mẫu là 216 × 279 mm, cần 210 × 297 mm.",)
    landscape = TemplateSpec(name="Giấy khen", sample=SPEC.sample, page_mm=(297, 210))
    assert check_template(_docx(page_mm=(297, 210)), landscape).ok


def test_not_a_word_file_and_macros_are_refused():
    assert check_template(b"%PDF-1.7 ...", SPEC).problems == ("Tệp không phải tài liệu Word (.docx).",)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive, zipfile.ZipFile(io.BytesIO(_docx())) as source:
        for item in source.infolist():
            archive.writestr(item, source.read(item))
        archive.writestr("word/vbaProject.bin", b"\x00macro")
    [problem] = check_template(buffer.getvalue(), SPEC).problems
    assert "macro" in problem


def test_rendering_without_a_value_is_an_error_not_a_blank():
    context = {k: v for k, v in SPEC.sample.items() if k != "nguoi_ky"}
    with pytest.raises(TemplateError, match="Thiếu dữ liệu"):
        render_template(_docx(), context)
