"""Render a document from its records with the Decree 30 layout.

    python manage.py render_document movement-launch YB-SKHCN-2021-2025 --format pdf --output letter.pdf
    python manage.py render_document movement-review 12 --format docx --output review.docx

The kinds are those the installed apps register (`core.registry.DocumentKind`); each takes the source record's
id or code. An issued document carries the number and date it was issued with; a draft is rendered with an
empty number.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from thidua.core.registry import registry
from thidua.documents.layout import render_docx, render_pdf
from thidua.documents.selectors import document_for


class Command(BaseCommand):
    help = "Xuất văn bản (DOCX hoặc PDF) theo thể thức Nghị định 30/2020/NĐ-CP."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=sorted(registry.document_kinds), help="Loại văn bản.")
        parser.add_argument("key", help="Mã hoặc số hiệu (id) của bản ghi.")
        parser.add_argument("--format", choices=("docx", "pdf"), default="pdf", dest="fmt")
        parser.add_argument("--output", required=True, help="Tệp đầu ra.")

    def handle(self, *args, kind: str, key: str, fmt: str, output: str, **options):
        document_kind = registry.document_kinds[kind]
        source = document_kind.find(key)
        if source is None:
            raise CommandError(f"Không tìm thấy bản ghi {key!r} cho loại văn bản {kind}.")
        issued = document_for(source=source, purpose=kind)
        content = document_kind.build(
            source,
            number_symbol=issued.number_symbol if issued else None,
            issued_on=issued.issued_on if issued else None,
        )
        data = render_pdf(content) if fmt == "pdf" else render_docx(content)
        Path(output).write_bytes(data)
        self.stdout.write(f"{output}: {len(data)} bytes")
