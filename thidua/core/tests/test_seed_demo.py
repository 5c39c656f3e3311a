"""The demo Department: its units, people, accounts and the 2025 merger; deterministic for a seed."""

from datetime import date

import pytest
from django.core.management import CommandError, call_command

from thidua.accounts.models import User
from thidua.organizations.models import Assignment, Organization, Person, Restructuring

pytestmark = pytest.mark.django_db


def _snapshot():
    return list(
        Person.objects.order_by("staff_code").values_list(
            "staff_code", "family_name", "given_name", "date_of_birth", "ethnicity__name"
        )
    )


def test_seed_builds_the_department_with_people_accounts_and_the_merger():
    call_command("seed_demo", people=160, years=10, seed=3, verbosity=0)
    department = Organization.objects.get(code="YB-SKHCN")
    assert department.name == "Sở Khoa học và Công nghệ tỉnh Yên Bái"
    assert department.parent is not None
    assert department.parent.name == "Ủy ban nhân dân tỉnh Yên Bái"
    units = set(Organization.objects.filter(parent=department).values_list("name", flat=True))
    assert {
        "Văn phòng Sở",
        "Thanh tra Sở",
        "Phòng Kế hoạch – Tài chính",
        "Phòng Quản lý khoa học",
        "Chi cục Tiêu chuẩn Đo lường Chất lượng",
    } <= units
    assert Person.objects.count() == 160
    ethnicities = set(Person.objects.values_list("ethnicity__name", flat=True))
    assert {"Kinh", "Tày", "Dao"} <= ethnicities
    assert Person.objects.filter(family_name="Vũ", middle_name="Xuân", given_name="Hội").exists()
    # The merger: Yên Bái ends on 30/06/2025, Lào Cai carries on, and people move to the successor units.
    merger = Restructuring.objects.get(predecessors=department)
    assert merger.successor is not None
    assert merger.effective_on == date(2025, 7, 1) and merger.successor.code == "LC-SKHCN"
    assert department.valid_to == date(2025, 6, 30)
    moved = Assignment.objects.filter(organization__code__startswith="LC-", start_on=date(2025, 7, 1)).count()
    assert moved >= 100
    # Transfers: someone has two assignments inside the Department before the merger.
    transfers = Assignment.objects.filter(decision="Quyết định điều động").count()
    assert transfers >= 1
    assert User.objects.filter(username__in=["admin", "vanphong", "truongphong", "nhanvien"]).count() == 4
    assert User.objects.get(username="vanphong").check_password("Thidua@2025")


# --reset flushes the database: on PostgreSQL, TRUNCATE cannot run inside a test's wrapping transaction.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_seed_is_deterministic_and_refuses_to_run_twice():
    call_command("seed_demo", people=40, years=3, seed=11, verbosity=0)
    first = _snapshot()
    with pytest.raises(CommandError):
        call_command("seed_demo", people=40, years=3, seed=11, verbosity=0)
    call_command("seed_demo", people=40, years=3, seed=11, if_empty=True, verbosity=0)
    assert _snapshot() == first
    call_command("seed_demo", people=40, years=3, seed=11, reset=True, verbosity=0)
    assert _snapshot() == first
    call_command("seed_demo", people=40, years=3, seed=12, reset=True, verbosity=0)
    assert _snapshot() != first
