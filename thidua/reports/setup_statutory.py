"""The registrations (menu entries, tiles, sections) of the reports' statutory part, and its demo step: the
provincial and State-level awards of the 2024 statistical year that the forms 0602 and 0603 count (the rest of
the demo's registry holds only the Department's own titles)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from thidua.accounts.models import Role
from thidua.commendations.models import AwardRecord
from thidua.core.registry import NavEntry, demo_facts, registry
from thidua.nominations.models import Nomination
from thidua.organizations.models import Assignment, Organization

DEPARTMENT_CODE = "YB-SKHCN"
PROVINCE_BODY = "Chủ tịch Ủy ban nhân dân tỉnh"

# (code, track, achievement year, decided on, number, leader?) — people first, then one collective.
DEMO_PERSON_AWARDS = (
    ("BANG_KHEN_TINH", "chuyen_de", 2024, date(2024, 6, 20), "1105/QĐ-UBND", True),
    ("BANG_KHEN_TINH", "chuyen_de", 2024, date(2024, 6, 20), "1105/QĐ-UBND", False),
    ("BANG_KHEN_TINH", "chuyen_de", 2024, date(2024, 6, 20), "1105/QĐ-UBND", False),
    ("BANG_KHEN_TINH", "dot_xuat", 2024, date(2024, 9, 10), "1620/QĐ-UBND", False),
    ("BANG_KHEN_TTG", "chuyen_de", 2024, date(2024, 10, 15), "1234/QĐ-TTg", False),
)
DEMO_COLLECTIVE_AWARD = ("BANG_KHEN_TINH", "chuyen_de", 2024, date(2024, 6, 20), "1105/QĐ-UBND")


def build_demo_awards(*, rng: Any, orgs: Any, people: Any, first_year: int, last_year: int) -> str | None:
    """A few Bằng khen of the province (chuyên đề, đột xuất) and one Bằng khen of the Prime Minister decided in
    2024, to people and a division of the Department that no 2024 nomination names. Deterministic (by id)."""
    department = Organization.objects.filter(code=DEPARTMENT_CODE).first()
    if department is None or not (first_year <= 2024 <= last_year):
        return "bỏ qua (không có Sở hoặc năm 2024)"
    subtree = Organization.objects.filter(path__startswith=department.path)
    nominated = Nomination.objects.filter(person__isnull=False).values("person_id")
    on = date(2024, 6, 20)
    posts = (
        Assignment.objects.filter(organization__in=subtree, start_on__lte=on)
        .filter(Q(end_on__isnull=True) | Q(end_on__gte=date(2024, 11, 30)))
        .exclude(person_id__in=nominated)
        .order_by("person_id")
        .values_list("person_id", "position__is_leadership")
    )
    leaders = [pid for pid, leader in posts if leader]
    others = [pid for pid, leader in posts if not leader]
    if not leaders or len(others) < 4:
        return "bỏ qua (không đủ cán bộ)"
    chosen = iter(others)
    awards = []
    for code, track, year, decided, number, leader in DEMO_PERSON_AWARDS:
        awards.append(
            AwardRecord(
                code=code,
                track=track,
                person_id=leaders[0] if leader else next(chosen),
                year=year,
                decided_on=decided,
                decision_number=number,
                deciding_body="Thủ tướng Chính phủ" if code == "BANG_KHEN_TTG" else PROVINCE_BODY,
            )
        )
    nominated_units = Nomination.objects.filter(organization__isnull=False).values("organization_id")
    unit = subtree.exclude(pk=department.pk).exclude(pk__in=nominated_units).order_by("pk").first()
    if unit is not None:
        code, track, year, decided, number = DEMO_COLLECTIVE_AWARD
        awards.append(
            AwardRecord(
                code=code,
                track=track,
                organization=unit,
                year=year,
                decided_on=decided,
                decision_number=number,
                deciding_body=PROVINCE_BODY,
            )
        )
    AwardRecord.objects.bulk_create(awards)
    return f"{len(awards)} khen thưởng cấp tỉnh, cấp Nhà nước quyết định trong năm thống kê 2024"


def register() -> None:
    """Called once from ReportsConfig.ready()."""
    registry.nav(
        NavEntry(
            "reports:statutory",
            _("Báo cáo thống kê (Bộ Nội vụ)"),
            roles=(Role.OFFICER,),
            group=_("Khen thưởng"),
            order=480,
        )
    )
    registry.demo_step(demo_facts(build_demo_awards), order=98)
