"""`manage.py eligibility --facts FILE|-`: answer the eligibility contract's JSON on standard output.

Exit status 0 with the answer JSON; on bad input, exit status 2 with a Vietnamese message naming the field on
standard error, and nothing on standard output (nothing is half-answered).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from thidua.rules.engine import ContractError, answer

BAD_INPUT = 2


class Command(BaseCommand):
    help = "Xét điều kiện khen thưởng theo hợp đồng JSON (docs/eligibility-contract.md)."
    stealth_options = ("stdin",)
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--facts",
            required=True,
            metavar="FILE",
            help="Tệp JSON câu hỏi và dữ kiện, hoặc - để đọc từ đầu vào chuẩn.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        source = options["facts"]
        try:
            if source == "-":
                stream = options.get("stdin") or sys.stdin
                text = stream.read()
            else:
                text = Path(source).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"Không đọc được tệp dữ kiện {source}: {exc}", returncode=BAD_INPUT) from exc
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise CommandError(
                f"JSON không hợp lệ (dòng {exc.lineno}, cột {exc.colno}): {exc.msg}", returncode=BAD_INPUT
            ) from exc
        try:
            result = answer(data)
        except ContractError as exc:
            raise CommandError(
                f"Dữ liệu không hợp lệ tại trường {exc.field or '(gốc)'}: {exc.message}", returncode=BAD_INPUT
            ) from exc
        self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
