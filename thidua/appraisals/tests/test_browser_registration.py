"""The registration cycle in a browser: the office opens the year, a unit head registers and sends, the office
returns it with a reason, the unit sends it again, the office accepts it and sees the totals."""

import os
from datetime import date

import pytest
from playwright.sync_api import expect

from thidua.accounts.models import Role
from thidua.appraisals.models import Registration
from thidua.organizations.tests.factories import AssignmentFactory, PersonFactory

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "x-Password-123"


def _login(browser, live_server, username):
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(f"{live_server.url}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{live_server.url}/")
    return page


def test_registration_is_sent_returned_sent_again_and_accepted(live_server, browser, make_user, org_tree):
    an = PersonFactory(family_name="Nguyễn", middle_name="Văn", given_name="An")
    binh = PersonFactory(family_name="Trần", middle_name="Thị", given_name="Bình")
    for person in (an, binh):
        AssignmentFactory(person=person, organization=org_tree["div_a"], start_on=date(2020, 1, 1))
    make_user(Role.OFFICER, org_tree["agency"], include_subunits=True, username="vanphong")
    make_user(Role.UNIT_HEAD, org_tree["div_a"], username="truongphong")
    year = date.today().year

    office = _login(browser, live_server, "vanphong")
    office.goto(f"{live_server.url}/danh-gia/")
    office.get_by_role("link", name="Mở đợt đăng ký").click()
    office.get_by_label("Cơ quan").select_option(label="Sở Khoa học và Công nghệ")
    office.get_by_label("Năm").fill(str(year))
    office.get_by_label("Hạn đăng ký").fill(f"31/12/{year}")
    office.get_by_role("button", name="Mở đợt").click()
    expect(office.get_by_role("heading", level=1)).to_contain_text(f"Đăng ký thi đua năm {year}")

    registration = Registration.objects.get(unit=org_tree["div_a"])
    url = f"{live_server.url}/danh-gia/dang-ky/don-vi/{registration.pk}/"
    head = _login(browser, live_server, "truongphong")
    head.goto(url)
    head.get_by_label("Nguyễn Văn An").select_option("LDTT")
    head.get_by_label("Trần Thị Bình").select_option("CSTDCS")
    head.get_by_label("Tập thể lao động tiên tiến").check()
    head.get_by_label("Nội dung cam kết").fill("Hoàn thành xuất sắc nhiệm vụ năm.")
    head.get_by_role("button", name="Lưu đăng ký", exact=True).click()
    head.get_by_role("button", name="Lưu và gửi đăng ký").click()
    expect(head.get_by_test_id("registration-status")).to_have_text("Đã gửi")

    office.goto(url)
    office.get_by_placeholder("Lý do trả lại").fill("Thiếu đăng ký của Chi đoàn")
    office.get_by_role("button", name="Trả lại").click()
    expect(office.get_by_test_id("registration-status")).to_have_text("Đã trả lại")

    head.goto(url)
    expect(head.get_by_role("alert").or_(head.locator(".alert-warning"))).to_contain_text("Thiếu đăng ký")
    head.get_by_role("button", name="Lưu và gửi lại").click()
    expect(head.get_by_test_id("registration-status")).to_have_text("Đã gửi")

    office.goto(url)
    office.get_by_role("button", name="Tiếp nhận").click()
    expect(office.get_by_test_id("registration-status")).to_have_text("Đã tiếp nhận")
    office.goto(f"{live_server.url}/danh-gia/dang-ky/{registration.round_id}/")
    expect(office.get_by_test_id("code-counts")).to_contain_text("Lao động tiên tiến: 1")
    expect(office.get_by_test_id("code-counts")).to_contain_text("Chiến sĩ thi đua cơ sở: 1")
    expect(office.get_by_test_id("status-counts")).to_contain_text("Đã tiếp nhận: 1")


def test_sending_right_after_picking_titles_keeps_the_picks(live_server, browser, make_user, org_tree):
    """Picking titles and pressing send without saving first used to send an empty registration."""
    an = PersonFactory(family_name="Nguyễn", middle_name="Văn", given_name="An")
    AssignmentFactory(person=an, organization=org_tree["div_a"], start_on=date(2020, 1, 1))
    make_user(Role.UNIT_HEAD, org_tree["div_a"], username="truongphong")
    from thidua.appraisals import services

    round_ = services.registration_round_open(
        actor=None,
        organization=org_tree["agency"],
        year=date.today().year,
        deadline=date(date.today().year, 12, 31),
    )
    registration = Registration.objects.get(round=round_, unit=org_tree["div_a"])
    head = _login(browser, live_server, "truongphong")
    head.goto(f"{live_server.url}/danh-gia/dang-ky/don-vi/{registration.pk}/")
    head.get_by_label("Nguyễn Văn An").select_option("CSTDCS")
    head.get_by_label("Nội dung cam kết").fill("Hoàn thành xuất sắc nhiệm vụ.")
    head.get_by_test_id("save-and-send").click()
    expect(head.get_by_test_id("registration-status")).to_have_text("Đã gửi")
    registration.refresh_from_db()
    assert list(registration.lines.values_list("person_id", "code")) == [(an.pk, "CSTDCS")]
    assert registration.commitments == "Hoàn thành xuất sắc nhiệm vụ."
