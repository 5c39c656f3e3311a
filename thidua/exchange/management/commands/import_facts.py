"""manage.py import_facts KIND FILE.xlsx [--dry-run]: exit 0 only when the file is clean (and written). A .csv file of
the award registry's history is checked by sets and merged at once (docs/import-export.md)."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from thidua.exchange.kinds import kinds
from thidua.exchange.services import facts_import_csv, facts_import_file, file_digest, is_csv


class Command(BaseCommand):
    help = (
        "Nhập dữ liệu từ tệp Excel theo mẫu (KIND: people, ratings, leave, discipline, initiatives, awards)."
    )

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=sorted(k.name for k in kinds()))
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true", help="Chỉ kiểm tra, không ghi.")

    def handle(self, *args, kind: str, file: str, dry_run: bool, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Không tìm thấy tệp {file}.")
        if is_csv(path.name):  # a large history file, checked by sets (docs/import-export.md)
            with path.open("rb") as handle:
                outcome = facts_import_csv(
                    kind_name=kind,
                    handle=handle,
                    size=path.stat().st_size,
                    user=None,
                    dry_run=dry_run,
                    source=f"import_facts {path.name}",
                    digest=file_digest(handle),
                )
        else:
            outcome = facts_import_file(
                kind_name=kind,
                data=path.read_bytes(),
                user=None,
                dry_run=dry_run,
                source=f"import_facts {path.name}",
            )
        if not outcome.clean:
            for line in outcome.error_lines():
                self.stderr.write(line)
            self.stderr.write(f"Tệp có lỗi; không ghi dòng nào ({outcome.errors_in_all or 1} lỗi).")
            sys.exit(1)
        verb = "Đã ghi" if outcome.written else "Hợp lệ (chạy thử, chưa ghi)"
        self.stdout.write(
            f"{verb}: {outcome.rows} dòng, {outcome.created} thêm mới, {outcome.updated} cập nhật."
        )
