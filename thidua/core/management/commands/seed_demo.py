"""Build the demo Department (Sở KH&CN Yên Bái): units, people, accounts and yearly facts.

    python manage.py seed_demo                       # 160 people, 2016–2025
    python manage.py seed_demo --people 50000 --years 10 --seed 7   # benchmark scale, deterministic

Each installed app registers its steps (`registry.demo_step` in its `AppConfig.ready()`: the tree and people,
the accounts, then the yearly facts); the command runs them in their order, one transaction per step, and
refuses to run twice on the same database unless --reset is given. It names no app: an app that is not
installed adds no step.
"""

import random
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from thidua.core.registry import DemoData, registry


class Command(BaseCommand):
    help = "Tạo dữ liệu mẫu: Sở Khoa học và Công nghệ tỉnh Yên Bái (đơn vị, cán bộ, tài khoản, dữ liệu hằng năm)."

    def add_arguments(self, parser):
        parser.add_argument("--people", type=int, default=160, help="Số cán bộ (mặc định 160).")
        parser.add_argument(
            "--years", type=int, default=10, help="Số năm dữ liệu, kết thúc năm 2025 (mặc định 10)."
        )
        parser.add_argument("--seed", type=int, default=2021, help="Hạt giống ngẫu nhiên (kết quả tất định).")
        parser.add_argument("--reset", action="store_true", help="Xóa sạch cơ sở dữ liệu trước khi tạo.")
        parser.add_argument("--if-empty", action="store_true", help="Chỉ tạo khi cơ sở dữ liệu còn trống.")

    def handle(self, *args, people: int, years: int, seed: int, reset: bool, if_empty: bool, **options):
        if people < 20:
            raise CommandError("--people phải từ 20 trở lên.")
        if not 1 <= years <= 30:
            raise CommandError("--years phải từ 1 đến 30.")
        if registry.demo_present():
            if if_empty:
                self.stdout.write("Dữ liệu mẫu đã có; bỏ qua.")
                return
            if not reset:
                raise CommandError("Cơ sở dữ liệu đã có dữ liệu. Dùng --reset để tạo lại.")
            call_command("flush", interactive=False, verbosity=0)
            call_command("migrate", verbosity=0)
        last_year = 2025
        demo = DemoData(
            rng=random.Random(seed),
            first_year=last_year - years + 1,
            last_year=last_year,
            people_count=people,
            extra_agencies=max(0, (people - 160) // 160),
        )
        for step in registry.demo():
            step_started = time.perf_counter()
            with transaction.atomic():
                summary = step(demo)
            self.stdout.write(
                f"{step.__module__}.{step.__name__}: {summary or 'xong'} "
                f"({time.perf_counter() - step_started:.1f}s)"
            )
        self.stdout.write(self.style.SUCCESS(f"Đã tạo dữ liệu mẫu. Tài khoản (mật khẩu: {demo.password}):"))
        for username, role in demo.accounts:
            self.stdout.write(f"  {username:<15} {role}")
