"""Render a document from its records with the Decree 30 layout.

    python manage.py render_document movement-launch YB-SKHCN-2021-2025 --format pdf --output letter.pdf
    python manage.py render_document movement-review 12 --format docx --output review.docx

``movement-launch`` takes a movement id or code; ``movement-review`` a review id. A launched movement's letter
carries the number and date it was issued with; a draft is rendered with an empty number.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from thidua.documents.layout import render_docx, render_pdf
from thidua.documents.selectors import document_for

KINDS = ("movement-launch", "movement-review")


class Command(BaseCommand):
    help = "Xuất văn bản (DOCX hoặc PDF) theo thể thức Nghị định 30/2020/NĐ-CP."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=KINDS, help="Loại văn bản.")
        parser.add_argument("key", help="Mã hoặc số hiệu (id) của bản ghi.")
        parser.add_argument("--format", choices=("docx", "pdf"), default="pdf", dest="fmt")
        parser.add_argument("--output", required=True, help="Tệp đầu ra.")

    def handle(self, *args, kind: str, key: str, fmt: str, output: str, **options):
        from thidua.movements import selectors as movement_selectors
        from thidua.movements.documents import movement_launch_document, review_report_document
        from thidua.movements.models import Movement, Review
        from thidua.movements.services import LAUNCH_PURPOSE, REVIEW_PURPOSE

        if kind == "movement-launch":
            movement = Movement.objects.filter(code=key).first()
            if movement is None and key.isdigit():
                movement = Movement.objects.filter(pk=int(key)).first()
            if movement is None:
                raise CommandError(f"Không tìm thấy phong trào {key!r}.")
            movement = movement_selectors.movement_with_content(movement=movement)
            issued = document_for(source=movement, purpose=LAUNCH_PURPOSE)
            content = movement_launch_document(
                movement,
                number_symbol=issued.number_symbol if issued else None,
                issued_on=issued.issued_on if issued else None,
            )
        else:
            review = (
                Review.objects.select_related("movement").filter(pk=int(key) if key.isdigit() else 0).first()
            )
            if review is None:
                raise CommandError(f"Không tìm thấy đợt sơ kết, tổng kết {key!r}.")
            issued = document_for(source=review, purpose=REVIEW_PURPOSE)
            content = review_report_document(
                review,
                data=movement_selectors.review_report_data(review=review),
                number_symbol=issued.number_symbol if issued else None,
                issued_on=issued.issued_on if issued else None,
            )
        data = render_pdf(content) if fmt == "pdf" else render_docx(content)
        Path(output).write_bytes(data)
        self.stdout.write(f"{output}: {len(data)} bytes")
