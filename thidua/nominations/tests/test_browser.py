"""In a real browser: a unit head runs discovery for the unit, ticks candidates and nominates them ("nominate
these"), sends the batch; the officer returns one line with a reason, accepts the others and then the batch."""

import os

import pytest
from playwright.sync_api import expect

from thidua.nominations.models import Nomination, ProposalBatch

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "x-Password-123"


def _login(page, base, username):
    page.goto(f"{base}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{base}/")


def test_unit_head_nominates_from_discovery_and_the_officer_returns_a_line_and_accepts(
    live_server, page, browser, nom
):
    base = live_server.url
    div_a, a1, a2 = nom["orgs"]["div_a"], nom["people"]["A1"], nom["people"]["A2"]

    # The unit head sweeps the unit for 2024 and ticks three findings.
    _login(page, base, "head_a")
    page.get_by_role("button", name="Khen thưởng").click()  # the commendation cycle's menu
    page.get_by_role("link", name="Rà soát khen thưởng").click()
    page.get_by_label("Cơ quan, đơn vị").select_option(str(div_a.pk))
    page.get_by_label("Năm thành tích").fill("2024")
    page.get_by_role("button", name="Rà soát").click()
    expect(page.get_by_test_id("findings")).to_be_visible()
    for person, code in ((a1, "CSTDCS"), (a1, "LDTT"), (a2, "LDTT")):
        page.get_by_test_id(f"nominate-individual-{person.pk}-{code}").check()
    page.get_by_test_id("nominate-these").click()
    expect(page.get_by_test_id("chosen").locator("tbody tr")).to_have_count(3)
    page.get_by_test_id("fd-confirm").click()

    # The batch page: three lines with the engine's verdict and its legal basis; the head sends it.
    expect(page.get_by_test_id("batch-status")).to_have_text("Đang soạn")
    lines = page.get_by_test_id("lines")
    expect(lines.locator("tbody tr")).to_have_count(3)
    expect(lines).to_contain_text("Đủ tiêu chuẩn")
    lines.locator("summary").first.click()
    expect(lines.get_by_test_id("basis").first).to_contain_text("Luật Thi đua, khen thưởng 06/2022/QH15")
    page.get_by_test_id("batch-action-submit").click()
    expect(page.get_by_test_id("batch-status")).to_have_text("Đã gửi lên")
    batch = ProposalBatch.objects.get()
    batch_url = f"{base}/de-nghi-khen-thuong/{batch.pk}/"

    # The officer returns A2's LĐTT line with a reason, accepts the two others, then the batch.
    officer = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900}).new_page()
    officer.set_default_timeout(10_000)
    _login(officer, base, "officer")
    expect(officer.locator("main")).to_contain_text("Tờ trình chờ tiếp nhận")  # the dashboard tile
    officer.goto(batch_url)
    returned = Nomination.objects.get(person=a2, code="LDTT")
    row = officer.get_by_test_id(f"line-{returned.pk}")
    row.get_by_test_id("line-action-return").click()
    officer.get_by_label("Lý do trả lại").fill("Bổ sung bản tóm tắt thành tích năm 2024")
    officer.get_by_test_id("line-return-save").click()
    row = officer.get_by_test_id(f"line-{returned.pk}")
    expect(row.get_by_test_id("line-status")).to_have_text("Bị trả lại")
    expect(row.get_by_test_id("line-return-reason")).to_contain_text(
        "Bổ sung bản tóm tắt thành tích năm 2024"
    )
    for line in Nomination.objects.exclude(pk=returned.pk).order_by("pk"):
        officer.get_by_test_id(f"line-{line.pk}").get_by_test_id("line-action-accept").click()
        expect(officer.get_by_test_id(f"line-{line.pk}").get_by_test_id("line-status")).to_have_text(
            "Văn phòng đã chấp nhận"
        )
    officer.get_by_test_id("batch-action-accept").click()
    expect(officer.get_by_test_id("batch-status")).to_have_text("Đã tiếp nhận")

    # The unit head sees the returned line and its reason on the batch page.
    page.goto(batch_url)
    expect(page.get_by_test_id(f"line-{returned.pk}").get_by_test_id("line-return-reason")).to_contain_text(
        "Bổ sung bản tóm tắt"
    )
    officer.context.close()
