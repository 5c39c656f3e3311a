"""manage.py export_facts KIND [--year Y] --output F.xlsx: the list in the import template's columns."""

from django.core.management.base import BaseCommand

from thidua.exchange.kinds import kinds
from thidua.exchange.services import facts_export


class Command(BaseCommand):
    help = "Xuất dữ liệu ra tệp Excel theo mẫu nhập (KIND: people, ratings, leave, discipline, initiatives, awards)."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=sorted(k.name for k in kinds()))
        parser.add_argument("--year", type=int, default=None)
        parser.add_argument("--output", required=True)

    def handle(self, *args, kind: str, year: int | None, output: str, **options):
        facts_export(kind_name=kind, user=None, year=year, output=output)
        self.stdout.write(f"Đã xuất {kind} vào {output}.")
