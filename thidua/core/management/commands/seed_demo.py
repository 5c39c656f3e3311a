"""Build the demo Department (Sở KH&CN Yên Bái): units, people, accounts and yearly facts.

    python manage.py seed_demo                       # 160 people, 2016–2025
    python manage.py seed_demo --people 50000 --years 10 --seed 7   # benchmark scale, deterministic

Each app contributes a step (`thidua.<app>.demo.build_*`); the command runs them in dependency order in one
transaction per step, and refuses to run twice on the same database unless --reset is given.
"""

import random
import time
from importlib import import_module

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from thidua.accounts.demo import DEMO_PASSWORD, build_users
from thidua.organizations.demo import build_organizations, build_people
from thidua.organizations.models import Organization

# Later steps, each `module:function(*, rng, orgs, people, first_year, last_year)`; missing modules are skipped.
FACT_STEPS = [
    "thidua.appraisals.demo:build_facts",
    "thidua.initiatives.demo:build_initiatives",
    "thidua.commendations.demo:build_awards",
    "thidua.movements.demo:build_movements",
    "thidua.appraisals.demo:build_registration_round",
]


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
        if Organization.objects.exists():
            if if_empty:
                self.stdout.write("Dữ liệu mẫu đã có; bỏ qua.")
                return
            if not reset:
                raise CommandError("Cơ sở dữ liệu đã có dữ liệu. Dùng --reset để tạo lại.")
            call_command("flush", interactive=False, verbosity=0)
            call_command("migrate", verbosity=0)
        rng = random.Random(seed)
        last_year = 2025
        first_year = last_year - years + 1
        extra_agencies = max(0, (people - 160) // 160)
        started = time.perf_counter()
        with transaction.atomic():
            orgs = build_organizations(extra_agencies=extra_agencies)
            persons = build_people(
                rng=rng, orgs=orgs, people=people, first_year=first_year, last_year=last_year
            )
            users = build_users(orgs=orgs)
        self.stdout.write(
            f"Đơn vị, cán bộ, tài khoản: {len(persons)} người ({time.perf_counter() - started:.1f}s)"
        )
        for step in FACT_STEPS:
            module_path, function_name = step.split(":")
            try:
                module = import_module(module_path)
            except ModuleNotFoundError as exc:
                if exc.name != module_path:
                    raise
                continue
            step_started = time.perf_counter()
            with transaction.atomic():
                summary = getattr(module, function_name)(
                    rng=rng, orgs=orgs, people=persons, first_year=first_year, last_year=last_year
                )
            self.stdout.write(
                f"{module_path}: {summary or 'xong'} ({time.perf_counter() - step_started:.1f}s)"
            )
        self.stdout.write(self.style.SUCCESS(f"Đã tạo dữ liệu mẫu. Tài khoản (mật khẩu: {DEMO_PASSWORD}):"))
        for username, role in users:
            self.stdout.write(f"  {username:<15} {role}")
