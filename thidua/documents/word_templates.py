"""Word templates the office edits: check an uploaded .docx template (docxtpl placeholders) and render it.

A template is a .docx with Jinja placeholders as docxtpl reads them: ``{{ so_ky_hieu }}`` in the text,
``{%tr for a in danh_sach %}`` … ``{%tr endfor %}`` for table rows, ``{%p if … %}`` for paragraphs. The office
downloads the default, changes it in Word and uploads it; :func:`check_template` refuses a template that lacks a
required field, uses a field that does not exist (a typo would print nothing), has a Jinja syntax error, is not on
the expected paper, carries macros, or does not render with sample data into a document Word can open, and gives
each reason in Vietnamese. Templates run in Jinja's sandbox with autoescaping (a value with ``&`` or ``<`` cannot
break the document's XML, a template cannot reach Python internals) and strict undefined values (a missing value is
an error, not a blank).

No domain model comes in: the caller describes each kind of template with a :class:`TemplateSpec`.
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from docx import Document
from docxtpl import DocxTemplate
from jinja2 import StrictUndefined, TemplateSyntaxError, UndefinedError
from jinja2 import TemplateError as JinjaTemplateError
from jinja2.sandbox import SandboxedEnvironment, SecurityError
from lxml import etree

__all__ = [
    "TemplateCheck",
    "TemplateError",
    "TemplateSpec",
    "check_template",
    "render_template",
]

DOCX_MAIN = "word/document.xml"
MACRO_PARTS = ("word/vbaProject.bin", "word/vbaData.xml")
EMU_PER_MM = 36000


class TemplateError(ValueError):
    """A template that cannot be used, or a rendering that failed; ``problems`` are the reasons (Vietnamese)."""

    def __init__(self, problems: list[str] | tuple[str, ...]):
        self.problems = tuple(problems)
        super().__init__("; ".join(self.problems))


@dataclass(frozen=True)
class TemplateSpec:
    """A kind of template: the fields it may use (with a sample value each, for the trial rendering), the fields it
    must use, and the paper (width × height in mm, ``None`` for any)."""

    name: str
    sample: Mapping[str, Any]
    required: frozenset[str] = frozenset()
    page_mm: tuple[float, float] | None = (210.0, 297.0)

    def __post_init__(self) -> None:
        missing = self.required - set(self.sample)
        if missing:
            raise ValueError(f"required fields without a sample value: {sorted(missing)}")


@dataclass(frozen=True)
class TemplateCheck:
    """The result of checking a template: usable when ``problems`` is empty."""

    problems: tuple[str, ...]
    variables: frozenset[str] = frozenset()
    sha256: str = ""
    warnings: tuple[str, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return not self.problems


def _environment() -> SandboxedEnvironment:
    return SandboxedEnvironment(autoescape=True, undefined=StrictUndefined)


def _names(names: set[str] | frozenset[str]) -> str:
    return ", ".join("{{ " + name + " }}" for name in sorted(names))


_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}")


def _paragraph_texts(data: bytes) -> list[str]:
    document = Document(io.BytesIO(data))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        texts += [cell.text for row in table.rows for cell in row.cells]
    for section in document.sections:
        texts += [p.text for p in section.header.paragraphs] + [p.text for p in section.footer.paragraphs]
    return texts


def _faulty_paragraph(data: bytes) -> str | None:
    """The first paragraph with a placeholder that does not parse on its own or is left open (a hint only:
    a block may span paragraphs, so an unclosed ``{% if %}`` is not located)."""
    env = _environment()
    for text in _paragraph_texts(data):
        rest = _TAG.sub("", text)
        if "{{" in rest or "}}" in rest or "{%" in rest or "%}" in rest:
            return text
        for tag in _TAG.findall(text):
            if tag.startswith("{{"):
                try:
                    env.parse(tag)
                except TemplateSyntaxError:
                    return text
    return None


def _syntax_problem(exc: TemplateSyntaxError, data: bytes | None = None) -> str:
    message = _("Lỗi cú pháp trong mẫu: {error}.").format(error=exc.message or str(exc))
    where = _faulty_paragraph(data) if data is not None else None
    if where:
        message += " " + _("Ở đoạn: “{text}”.").format(text=" ".join(where.split())[:120])
    return message


def _open_package(data: bytes) -> str | None:
    """A reason the bytes are not a plain Word document, or None."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            content_types = archive.read("[Content_Types].xml") if "[Content_Types].xml" in names else b""
    except zipfile.BadZipFile:
        return _("Tệp không phải tài liệu Word (.docx).")
    if DOCX_MAIN not in names:
        return _("Tệp không phải tài liệu Word (.docx).")
    if any(part in names for part in MACRO_PARTS) or b"macroEnabled" in content_types:
        return _("Mẫu chứa macro (.docm); hãy lưu lại dưới dạng .docx không có macro.")
    return None


def _page_problems(data: bytes, page_mm: tuple[float, float]) -> list[str]:
    problems = []
    want_w, want_h = page_mm
    for number, section in enumerate(Document(io.BytesIO(data)).sections, start=1):
        if section.page_width is None or section.page_height is None:
            continue
        width, height = section.page_width / EMU_PER_MM, section.page_height / EMU_PER_MM
        if abs(width - want_w) > 1 or abs(height - want_h) > 1:
            problems.append(
                _(
                    "Khổ giấy của phần {n} trong mẫu là {w:.0f} × {h:.0f} mm, cần {ww:.0f} × {wh:.0f} mm."
                ).format(n=number, w=width, h=height, ww=want_w, wh=want_h)
            )
    return problems


def _render(data: bytes, context: Mapping[str, Any]) -> bytes:
    template = DocxTemplate(io.BytesIO(data))
    try:
        template.render(dict(context), jinja_env=_environment(), autoescape=True)
    except TemplateSyntaxError as exc:
        raise TemplateError([_syntax_problem(exc, data)]) from exc
    except SecurityError as exc:
        raise TemplateError([_("Mẫu dùng lệnh không được phép: {error}").format(error=exc)]) from exc
    except UndefinedError as exc:
        raise TemplateError([_("Thiếu dữ liệu cho mẫu: {error}").format(error=exc.message or exc)]) from exc
    except (JinjaTemplateError, ArithmeticError, TypeError, ValueError) as exc:
        # The sandbox's limits (range too big) and type errors of the template's expressions.
        raise TemplateError([_("Không tạo được tài liệu từ mẫu: {error}").format(error=exc)]) from exc
    buffer = io.BytesIO()
    template.save(buffer)
    out = buffer.getvalue()
    # docxtpl repairs broken table XML silently; a strict parse tells whether Word will open the result.
    with zipfile.ZipFile(io.BytesIO(out)) as archive:
        for name in archive.namelist():
            if name.startswith("word/") and name.endswith(".xml"):
                try:
                    etree.fromstring(archive.read(name))
                except etree.XMLSyntaxError as exc:
                    raise TemplateError(
                        [_("Mẫu tạo ra tài liệu Word hỏng ({part}).").format(part=name)]
                    ) from exc
    Document(io.BytesIO(out))
    return out


def check_template(data: bytes, spec: TemplateSpec) -> TemplateCheck:
    """Check an uploaded template against ``spec``; the reasons it cannot be used are in ``problems``."""
    digest = hashlib.sha256(data).hexdigest()
    reason = _open_package(data)
    if reason is not None:
        return TemplateCheck(problems=(reason,), sha256=digest)
    try:
        variables = frozenset(
            DocxTemplate(io.BytesIO(data)).get_undeclared_template_variables(_environment())
        )
    except TemplateSyntaxError as exc:
        return TemplateCheck(problems=(_syntax_problem(exc, data),), sha256=digest)
    except Exception as exc:  # a package python-docx cannot read
        return TemplateCheck(
            problems=(_("Không đọc được tài liệu Word: {error}").format(error=exc),), sha256=digest
        )
    problems = []
    missing = spec.required - variables
    if missing:
        problems.append(_("Mẫu thiếu trường bắt buộc: {fields}.").format(fields=_names(missing)))
    unknown = variables - set(spec.sample)
    if unknown:
        problems.append(
            _("Mẫu dùng trường không có trong {kind}: {fields}.").format(
                kind=spec.name, fields=_names(unknown)
            )
        )
    if spec.page_mm is not None:
        problems.extend(_page_problems(data, spec.page_mm))
    if not problems:
        try:
            _render(data, spec.sample)
        except TemplateError as exc:
            problems.extend(exc.problems)
    return TemplateCheck(problems=tuple(problems), variables=variables, sha256=digest)


def render_template(data: bytes, context: Mapping[str, Any]) -> bytes:
    """The .docx made from template ``data`` with ``context``; :class:`TemplateError` with the reason if it fails
    (a value missing from ``context``, a forbidden construct, a broken result)."""
    reason = _open_package(data)
    if reason is not None:
        raise TemplateError([reason])
    return _render(data, context)
