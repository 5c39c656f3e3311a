import io
from datetime import date

import pytest
import xlsxwriter

from thidua.accounts.models import Role
from thidua.organizations.models import Assignment, Person, Position


@pytest.fixture
def facts_world(org_tree, make_user):
    """Three people in division A, one in division B, one in another agency; an officer of the agency."""
    position = Position.objects.create(name="Chuyên viên")
    people = {}
    for code, family, given, unit in (
        ("CB001", "Nguyễn", "An", "div_a"),
        ("CB002", "Trần", "Bình", "div_a"),
        ("CB003", "Lê", "Chi", "div_a"),
        ("CB004", "Phạm", "Dũng", "div_b"),
        ("CB900", "Vũ", "Xa", "other"),
    ):
        person = Person(
            family_name=family,
            middle_name="Văn",
            given_name=given,
            sex="M",
            staff_code=code,
            recruited_on=date(2010, 1, 1),
        )
        person.save()
        Assignment.objects.create(
            person=person, organization=org_tree[unit], position=position, start_on=date(2010, 1, 1)
        )
        people[code] = person
    officer = make_user(Role.OFFICER, org_tree["agency"], include_subunits=True, username="officer")
    head_a = make_user(Role.UNIT_HEAD, org_tree["div_a"], username="head_a")
    other_officer = make_user(
        Role.OFFICER, org_tree["other"], include_subunits=True, username="other_officer"
    )
    staff = make_user(Role.STAFF, org_tree["div_a"], person=people["CB001"], username="staff_a")
    return {
        "orgs": org_tree,
        "people": people,
        "officer": officer,
        "head_a": head_a,
        "other_officer": other_officer,
        "staff": staff,
        "position": position,
    }


def make_xlsx(rows, *, header=None, formulas=(), merge=None, sheet="Dữ liệu") -> bytes:
    """A small workbook: header row then rows (lists); `formulas` are (row, col, formula) written as formulas."""
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    ws = workbook.add_worksheet(sheet)
    date_format = workbook.add_format({"num_format": "dd/mm/yyyy"})
    for c, value in enumerate(header or []):
        ws.write(0, c, value)
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            if value is None:
                continue
            if isinstance(value, date):
                ws.write_datetime(r, c, value, date_format)
            else:
                ws.write(r, c, value)
    for r, c, formula in formulas:
        ws.write_formula(r, c, formula)
    if merge:
        ws.merge_range(*merge, "Gộp")
    workbook.close()
    return buffer.getvalue()


RATINGS_HEADER = ["Mã cán bộ", "Họ và tên", "Năm", "Xếp loại", "Số tháng công tác", "Mã đơn vị", "Ghi chú"]
